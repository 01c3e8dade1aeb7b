"""The chat-model switch and the OpenAI-compatible backend's timeout, with no model loaded.

The timeout test uses a real TCP server on 127.0.0.1 that accepts connections and never
answers (the failure seen with a hung model server): the whole call, retries included, must
end within the configured timeout plus a little, with a ModelError naming the server.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from assistant.config import Settings
from assistant.errors import ConfigError, ModelError
from assistant.llm import BACKENDS, FakeChatModel, make_chat_model

TIMEOUT_S = 3.0
SLACK_S = 1.5  # connection set-up and thread scheduling on a busy machine


class SilentServer:
    """Accepts every connection and never sends a byte; stops itself after ``lifetime_s``."""

    def __init__(self, lifetime_s: float = 60.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._deadline = time.monotonic() + lifetime_s
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set() and time.monotonic() < self._deadline:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            self.accepted += 1
            self._held.append(conn)  # keep it open, read nothing, answer nothing

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()
        self.sock.close()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()


def openai_settings(port: int, timeout_s: float = TIMEOUT_S) -> Settings:
    return Settings(
        llm="openai",
        llm_base_url=f"http://127.0.0.1:{port}/v1",
        llm_model="some-model",
        llm_timeout_s=timeout_s,
        _env_file=None,
    )


@pytest.mark.parametrize("mode", ["invoke", "stream"])
def test_silent_server_fails_within_the_timeout(silent_server: SilentServer, mode: str) -> None:
    model = make_chat_model(openai_settings(silent_server.port))
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        if mode == "invoke":
            model.invoke("Hello?")
        else:
            list(model.stream("Hello?"))
    elapsed = time.monotonic() - started
    assert elapsed < TIMEOUT_S + SLACK_S, f"took {elapsed:.1f} s with a {TIMEOUT_S:g} s timeout"
    assert elapsed >= TIMEOUT_S * 0.9, f"gave up after {elapsed:.1f} s, before the timeout"
    message = str(caught.value)
    assert f"127.0.0.1:{silent_server.port}" in message, message
    assert "within 3 s" in message and "ASSISTANT_LLM_TIMEOUT_S" in message, message
    assert "\n" not in message
    assert silent_server.accepted == 1, "the request was retried"


def test_refused_connection_names_the_server() -> None:
    with socket.socket() as sock:  # a port with nothing listening
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    model = make_chat_model(openai_settings(port))
    started = time.monotonic()
    with pytest.raises(ModelError, match="could not be reached") as caught:
        model.invoke("Hello?")
    assert time.monotonic() - started < TIMEOUT_S
    assert f"127.0.0.1:{port}" in str(caught.value)


def test_openai_backend_needs_url_and_model() -> None:
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_BASE_URL"):
        make_chat_model(Settings(llm="openai", _env_file=None))


def test_unknown_backend_is_a_config_error() -> None:
    settings = Settings.model_construct(llm="gpt9")  # past validation, as a caller could
    with pytest.raises(ConfigError, match="local, openai, fake"):
        make_chat_model(settings)
    assert BACKENDS == ("local", "openai", "fake")


def test_fake_backend_replies_in_order() -> None:
    model = make_chat_model(Settings(llm="fake", _env_file=None), replies=["one [1]", "two [2]"])
    assert isinstance(model, FakeChatModel)
    assert [model.invoke("a").content, model.invoke("b").content, model.invoke("c").content] == [
        "one [1]",
        "two [2]",
        "two [2]",
    ]
