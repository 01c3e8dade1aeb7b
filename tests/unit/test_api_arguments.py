"""The public API checks its arguments before it touches an index or a model.

Each wrong type or value gives an ``AssistantError`` subclass whose message names the
argument; nothing here loads a model or opens an index.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import Assistant, AssistantError, ConfigError, InputError
from assistant.config import Settings
from assistant.llm import FakeChatModel


@pytest.fixture
def assistant(tmp_path: Path) -> Assistant:
    return Assistant(Settings(index_dir=tmp_path / "index", _env_file=None))


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"k": "5"}, "k must be a whole number"),
        ({"k": 2.5}, "k must be a whole number"),
        ({"k": True}, "k must be a whole number"),
        ({"k": 0}, "k must be between 1 and 20"),
        ({"k": 21}, "k must be between 1 and 20"),
        ({"doc_ids": "article"}, "doc_ids must be a list"),
        ({"doc_ids": [None]}, "doc_ids must hold document ids"),
        ({"doc_ids": ["article", 3]}, "doc_ids must hold document ids"),
        ({"history": "earlier question"}, "history must be a list"),
        ({"history": [1]}, "history must hold the earlier questions"),
        ({"chain": "fast"}, "chain must be one of verified, naive"),
    ],
)
def test_wrong_arguments_name_the_argument(assistant: Assistant, kwargs: dict, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        assistant.ask("What happened to free cash flow?", **kwargs)


@pytest.mark.parametrize("question", [None, 42, b"bytes", ["a list"]])
def test_a_question_must_be_text(assistant: Assistant, question: object) -> None:
    with pytest.raises(InputError, match="question must be text"):
        assistant.ask(question)  # type: ignore[arg-type]


def test_llm_accepts_a_backend_name_or_a_model(tmp_path: Path) -> None:
    settings = Settings(index_dir=tmp_path, _env_file=None)
    assert Assistant(settings, llm="fake").settings.llm == "fake"
    model = FakeChatModel()
    assert Assistant(settings, llm=model).llm is model
    with pytest.raises(ConfigError, match="llm must be one of local, openai, fake"):
        Assistant(settings, llm="gpt")
    with pytest.raises(InputError, match="llm must be a backend name"):
        Assistant(settings, llm=42)  # type: ignore[arg-type]


def test_corpus_and_settings_arguments_are_checked(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="corpus must be a folder path"):
        Assistant(corpus=3)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="settings must be a Settings"):
        Assistant({"index_dir": tmp_path})  # type: ignore[arg-type]
    built = Assistant(corpus=tmp_path / "c", index_dir=tmp_path / "i")
    assert built.settings.corpus_dir == tmp_path / "c"


def test_ingest_flags_must_be_booleans(assistant: Assistant) -> None:
    with pytest.raises(InputError, match="rebuild must be True or False"):
        assistant.ingest(rebuild="yes")  # type: ignore[arg-type]


def test_every_argument_error_is_an_assistant_error() -> None:
    assert issubclass(InputError, AssistantError) and issubclass(ConfigError, AssistantError)


class _Recasing:
    """A chain that writes one lower-case name as the corpus does."""

    def recased(self, question: str) -> str:
        return question.replace("globex", "Globex")


def test_a_follow_up_is_recased_before_it_is_resolved(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assistant, "_chain", lambda chain: _Recasing())
    history = ["How much did Zentro sales fall in Q1?"]
    # Typed in lower case, "globex's" would be no name, and the follow-up no question of its own.
    assert assistant.resolve("what about globex's grocery sales?", history) == (
        "How much did Globex's grocery sales fall in Q1?"
    )
    assert assistant.resolve("what about globex?", []) == "what about globex?"


@pytest.mark.parametrize("jobs", [0, -1, 1.5, "2", True])
def test_eval_jobs_must_be_a_positive_whole_number(assistant: Assistant, jobs: object) -> None:
    with pytest.raises(InputError, match="jobs must be a whole number of at least 1"):
        assistant.evaluate_suites(jobs=jobs)  # type: ignore[arg-type]
