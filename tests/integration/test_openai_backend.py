"""The ``openai`` backend against real HTTP servers on 127.0.0.1.

- llama-cpp-python's own OpenAI-compatible server, in a subprocess, serving the bundled
  GGUF: the checks stay on for this backend, so answers are still cited and verified.
- a port with nothing listening: a clear ModelError, quickly.
- a server that never answers in time: a ModelError after the timeout, no hang.
- a server that accepts connections and never answers: the timeout bounds the whole call
  (no retries), so ``llm_timeout_s=5`` fails in about 5 s, naming the server.

The server needs llama-cpp-python's server extras (fastapi, uvicorn, sse-starlette,
starlette-context, pydantic-settings).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from assistant.answer import Answer
from assistant.api import Assistant
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.figures import contains_figure, find_figures, parse_figure
from assistant.llm import bundled_model_path

pytestmark = pytest.mark.integration

COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"
SERVER_START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def describe(answer: Answer) -> str:
    cites = "; ".join(f"[{c.n}] {c.doc_id}: {c.quote}" for c in answer.citations)
    return (
        f"\ntext: {answer.text}\nabstained: {answer.abstained}\ncitations: {cites}"
        f"\ndraft: {answer.draft!r}"
    )


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index for the module, built once with the local settings."""
    path = tmp_path_factory.mktemp("index")
    Assistant(Settings(index_dir=path, _env_file=None)).handle  # noqa: B018
    return path


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server on a free port; yields its base URL."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("server") / "llama_server.log"
    log = log_path.open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(bundled_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"llama_cpp.server exited with {proc.returncode}:\n"
                    + log_path.read_text(errors="replace")[-3000:]
                )
            try:
                if httpx.get(f"{base_url}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"llama_cpp.server did not answer /v1/models within "
                    f"{SERVER_START_TIMEOUT_S} s:\n" + log_path.read_text(errors="replace")[-3000:]
                )
            time.sleep(0.5)
        # The first completion is slow (graph set-up); do it before anything is timed.
        httpx.post(
            f"{base_url}/chat/completions",
            json={
                "model": "smollm2",
                "messages": [{"role": "user", "content": "Hi"}],
                "max_tokens": 4,
            },
            timeout=120,
        )
        yield base_url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
        log.close()


@pytest.fixture(scope="module")
def served_assistant(llama_server: str, index_dir: Path) -> Assistant:
    settings = Settings(
        llm="openai",
        llm_base_url=llama_server,
        llm_model="smollm2",
        llm_timeout_s=120,
        index_dir=index_dir,
        _env_file=None,
    )
    return Assistant(settings)


class _SlowHandler(BaseHTTPRequestHandler):
    delay_s = 10.0

    def _slow(self) -> None:
        time.sleep(self.delay_s)
        body = b'{"error": "too late"}'
        try:
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up long ago

    do_GET = _slow
    do_POST = _slow

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    """An HTTP server on 127.0.0.1 that sleeps 10 s before answering anything."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SlowHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def warmed(settings: Settings) -> Assistant:
    """An assistant whose index, embeddings and retriever are loaded (no model call)."""
    assistant = Assistant(settings)
    assert assistant.ask(UNANSWERABLE).abstained  # abstains before calling the model
    return assistant


# --------------------------------------------------------------------------- tests


def test_served_model_answers_with_a_verified_citation(served_assistant: Assistant) -> None:
    answer = served_assistant.ask(COMMITMENT)
    assert answer.abstained is False, describe(answer)
    wanted = parse_figure("$53 billion")
    assert contains_figure(answer.text, wanted), describe(answer)
    assert any(
        c.doc_id == "article" and contains_figure(c.quote, wanted) for c in answer.citations
    ), describe(answer)
    # The checks stay on: every figure shown is held by a cited quote.
    by_n = {c.n: c for c in answer.citations}
    for fig in answer.figures:
        assert contains_figure(by_n[fig.citation].quote, parse_figure(fig.text)), describe(answer)
    for fig in find_figures(answer.text):
        assert any(contains_figure(c.quote, fig) for c in answer.citations), describe(answer)


def test_served_model_still_abstains(served_assistant: Assistant) -> None:
    answer = served_assistant.ask(UNANSWERABLE)
    assert answer.abstained is True, describe(answer)
    assert find_figures(answer.text) == [], describe(answer)


def test_served_model_streams(served_assistant: Assistant) -> None:
    *pieces, final = list(served_assistant.stream(COMMITMENT))
    assert isinstance(final, Answer)
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert " ".join("".join(pieces).split()) == " ".join(final.text.split())


def test_server_down_raises_model_error_quickly(index_dir: Path) -> None:
    port = free_port()  # nothing listens here
    base_url = f"http://127.0.0.1:{port}/v1"
    assistant = warmed(
        Settings(
            llm="openai",
            llm_base_url=base_url,
            llm_model="smollm2",
            llm_timeout_s=2,
            index_dir=index_dir,
            _env_file=None,
        )
    )
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        assistant.ask(COMMITMENT)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"took {elapsed:.1f} s"
    message = str(caught.value)
    assert message.strip() and "\n" not in message, message
    # A clear message says which server could not be reached.
    assert f"127.0.0.1:{port}" in message, message


def test_slow_server_times_out_without_hanging(index_dir: Path, slow_server: str) -> None:
    assistant = warmed(
        Settings(
            llm="openai",
            llm_base_url=slow_server,
            llm_model="smollm2",
            llm_timeout_s=1,
            index_dir=index_dir,
            _env_file=None,
        )
    )
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        assistant.ask(COMMITMENT)
    elapsed = time.monotonic() - started
    assert elapsed < 6, f"took {elapsed:.1f} s with llm_timeout_s=1"
    message = str(caught.value).lower()
    assert "time" in message, message  # "timed out" / "timeout"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A TCP server on 127.0.0.1 that accepts connections and never sends a byte; its accept
    loop ends by itself after a minute."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()
    deadline = time.monotonic() + 60

    def serve() -> None:
        while not stop.is_set() and time.monotonic() < deadline:
            try:
                held.append(sock.accept()[0])
            except TimeoutError:
                continue
            except OSError:
                return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield sock.getsockname()[1]
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        sock.close()


def test_silent_server_fails_within_the_timeout(index_dir: Path, silent_port: int) -> None:
    """Issue 14.7: with a 5 s timeout this took 19 s (each request was retried)."""
    base_url = f"http://127.0.0.1:{silent_port}/v1"
    assistant = warmed(
        Settings(
            llm="openai",
            llm_base_url=base_url,
            llm_model="smollm2",
            llm_timeout_s=5,
            index_dir=index_dir,
            _env_file=None,
        )
    )
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        assistant.ask(COMMITMENT)
    elapsed = time.monotonic() - started
    assert 4.5 <= elapsed < 6.5, f"took {elapsed:.1f} s with llm_timeout_s=5"
    message = str(caught.value)
    assert f"127.0.0.1:{silent_port}" in message and "\n" not in message, message
