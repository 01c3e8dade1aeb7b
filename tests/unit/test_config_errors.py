"""Settings from the environment, the errors they raise, and what importing costs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings
from assistant.errors import (
    AssistantError,
    ConfigError,
    CorpusError,
    EvalFileError,
    FetchError,
    IndexCorruptError,
    IndexNotFoundError,
    InputError,
    ModelError,
)
from assistant.llm import FakeChatModel, make_chat_model

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No ASSISTANT_* variable from the caller, and no .env file in the working directory."""
    import os

    for name in list(os.environ):
        if name.upper().startswith("ASSISTANT_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


def test_defaults_load() -> None:
    settings = load_settings()
    assert settings.top_k == 16
    assert settings.llm == "local"


def test_environment_value_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    assert load_settings().top_k == 7


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ASSISTANT_TOP_K", "lots"),
        ("ASSISTANT_TOP_K", "0"),
        ("ASSISTANT_TOP_K", "99"),
        ("ASSISTANT_LLM", "gpt"),
        ("ASSISTANT_CHUNK_MAX_WORDS", "5"),
        ("ASSISTANT_LLM_TIMEOUT_S", "-1"),
        ("ASSISTANT_FETCH_ALLOW_PRIVATE", "maybe"),
    ],
)
def test_malformed_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    value: str,
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert name in str(info.value)
    assert info.value.exit_code == 2


def test_explicit_override_wins_and_none_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    assert load_settings(top_k=3).top_k == 3
    assert load_settings(top_k=None).top_k == 7


def test_dotenv_value_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ASSISTANT_TOP_K=9\n", encoding="utf-8")
    assert load_settings().top_k == 9


def test_unknown_dotenv_key_is_refused_by_its_own_name(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("ASSISTANT_TOPK=3\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings()
    message = str(info.value)
    assert "ASSISTANT_TOPK" in message
    assert "ASSISTANT_ASSISTANT_" not in message


def test_openai_backend_without_base_url_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM", "openai")
    monkeypatch.setenv("ASSISTANT_LLM_MODEL", "qwen2.5:7b-instruct")
    settings = load_settings()
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_BASE_URL"):
        make_chat_model(settings)


def test_openai_backend_without_model_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_LLM", "openai")
    monkeypatch.setenv("ASSISTANT_LLM_BASE_URL", "http://localhost:11434/v1")
    with pytest.raises(ConfigError, match="ASSISTANT_LLM_MODEL"):
        make_chat_model(load_settings())


def test_fake_backend_gives_the_fake_model() -> None:
    model = make_chat_model(Settings(llm="fake", _env_file=None), replies=["hi [1]."])
    assert isinstance(model, FakeChatModel)
    assert model.invoke("question").content == "hi [1]."
    assert model.calls == 1


def test_fake_model_without_replies_echoes_the_first_evidence_line() -> None:
    model = FakeChatModel()
    reply = model.invoke("Evidence:\n[1] Prices fell 97%.\n[2] Other.\n\nQuestion: q")
    assert reply.content == "Prices fell 97%. [1]"
    assert FakeChatModel().invoke("no evidence here").content == "I do not know."


def test_fake_model_repeats_its_last_reply() -> None:
    model = FakeChatModel(replies=["one", "two"])
    assert [model.invoke("q").content for _ in range(3)] == ["one", "two", "two"]


@pytest.mark.parametrize("value", ["admin", "adminsecret"])
def test_ui_auth_without_colon_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ASSISTANT_UI_AUTH", value)
    with pytest.raises(ConfigError, match="ASSISTANT_UI_AUTH"):
        load_settings()


def test_ui_auth_error_does_not_echo_the_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_UI_AUTH", "hunter2-secret")
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert "hunter2-secret" not in str(info.value)


def test_ui_auth_with_colon_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_UI_AUTH", "admin:s3cret")
    assert load_settings().ui_auth == "admin:s3cret"


def test_index_fingerprint_follows_what_changes_the_vectors() -> None:
    base = Settings(_env_file=None)
    fp = base.index_fingerprint()
    assert fp == Settings(_env_file=None).index_fingerprint()
    for change in (
        {"chunk_max_words": 120},
        {"chunk_min_words": 40},
        {"chunk_overlap_words": 10},
        {"embedding_model": "/models/other"},
    ):
        assert Settings(_env_file=None, **change).index_fingerprint() != fp, change
    for same in (
        {"top_k": 9},
        {"max_evidence": 2},
        {"llm": "fake"},
        {"index_dir": Path("/elsewhere")},
        {"max_question_chars": 500},
    ):
        assert Settings(_env_file=None, **same).index_fingerprint() == fp, same


def test_error_classes() -> None:
    for cls in (
        ConfigError,
        InputError,
        CorpusError,
        IndexNotFoundError,
        IndexCorruptError,
        FetchError,
        ModelError,
        EvalFileError,
    ):
        assert issubclass(cls, AssistantError)
    assert ConfigError.exit_code == InputError.exit_code == EvalFileError.exit_code == 2
    assert AssistantError.exit_code == IndexNotFoundError.exit_code == 1


HEAVY = ["torch", "chromadb", "gradio", "llama_cpp", "sentence_transformers", "transformers"]


@pytest.mark.parametrize(
    "code",
    [
        "import assistant",
        "from assistant import Settings, load_settings, Answer, InputError",
        "from assistant import Assistant; Assistant(corpus_dir='corpus')",
    ],
    ids=["import", "names", "create-assistant"],
)
def test_import_stays_light(code: str) -> None:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_a_new_passage_format_asks_for_a_new_index(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.config as config

    before = Settings(_env_file=None).index_fingerprint()
    monkeypatch.setattr(config, "PASSAGE_FORMAT", config.PASSAGE_FORMAT + 1)
    assert Settings(_env_file=None).index_fingerprint() != before
