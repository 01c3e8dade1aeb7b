"""The CLI's printing, with a fake assistant: reading order, JSON, and terminal safety.

A document can carry escape sequences in its title and body (CSI colour codes, an OSC
"ESC ] 0;title BEL" that retitles the terminal, C0/C1 controls). None of them may reach
the terminal, whichever command prints the text: ask, chat, corpus, audit or an error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant import cli
from assistant.answer import Answer, Caveat, Citation, VerifiedFigure
from assistant.errors import InputError
from assistant.ui.render import PREMISE_LABEL

OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[31m"
C1 = "\x9b2J"
HOSTILE = f"{OSC}Acme{CSI} report{C1}\x00\x08"
ESCAPES = ("\x1b", "\x07", "\x9b", "\x00", "\x08")


def hostile_answer() -> Answer:
    quote = f"{OSC}Acme committed $53 billion{CSI} to AI [2]."
    return Answer(
        question="How much?",
        direct=f"$53 billion [1].{OSC}",
        premise=f"the question says 21% rise{C1}; the sources say a fall [1]",
        text=f"Acme committed $53 billion to AI [1].{CSI}",
        citations=[
            Citation(
                1,
                "article",
                HOSTILE,
                f"https://example.com/{OSC}",
                quote,
                "article#0",
                0,
                len(quote),
            )
        ],
        figures=[VerifiedFigure("$53 billion", "USD 53000000000", 1)],
        caveats=[Caveat(1, "$53 billion", f"source 5 is not available{OSC}")],
    )


class FakeProfile:
    name, title, subject, examples = "acme", f"Acme {OSC}AI", "Acme", ("How much?",)
    directory = Path("/tmp/acme")


class FakeConversation:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def ask(self, question: str) -> Answer:
        self.asked.append(question)
        if question == "bad":
            raise InputError(f"the question is empty{OSC}")
        return hostile_answer()


class FakeAudit:
    def to_markdown(self) -> str:
        return f"# Audit\n{HOSTILE} 33%"

    def to_json(self) -> str:
        return json.dumps({"records": [{"sentence": HOSTILE}]})


class FakeAssistant:
    profile = FakeProfile()

    def __init__(self) -> None:
        self.conversations: list[FakeConversation] = []

    def ask(self, question: str, **kwargs: Any) -> Answer:
        if not question:
            raise InputError(f"the question is empty {OSC}— type one")
        return hostile_answer()

    def conversation(self) -> FakeConversation:
        self.conversations.append(FakeConversation())
        return self.conversations[-1]

    def corpus(self) -> list[dict[str, Any]]:
        return [
            {
                "id": "planted",
                "kind": "source",
                "title": HOSTILE,
                "date": None,
                "passages": 3,
                "url": f"https://x.example/{OSC}",
                "duplicate_of": "article",
            }
        ]

    def corpora(self) -> list[dict[str, Any]]:
        return [
            {
                "name": "acme",
                "title": HOSTILE,
                "documents": 6,
                "passages": 80,
                "corpus_dir": "/c/acme",
                "built_at": "2026-11-30",
            }
        ]

    def audit(self) -> FakeAudit:
        return FakeAudit()


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeAssistant:
    assistant = FakeAssistant()
    seen: dict[str, Any] = {}

    def make(
        corpus: Path | None, index_dir: Path | None, llm: str | None = None, progress: Any = None
    ) -> FakeAssistant:
        seen.update(corpus=corpus, index_dir=index_dir)
        return assistant

    monkeypatch.setattr(cli, "_assistant", make)
    assistant.seen = seen  # type: ignore[attr-defined]
    return assistant


def run(*args: str, stdin: str | None = None) -> Any:
    return CliRunner().invoke(cli.app, list(args), input=stdin)


def assert_clean(text: str) -> None:
    for char in ESCAPES:
        assert char not in text, (char, text)


def test_ask_prints_premise_direct_quotes_and_caveats_without_escapes(fake) -> None:
    result = run("ask", "--corpus", "/c/acme", "How much?")
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    lines = result.output.splitlines()
    assert lines[0].startswith(PREMISE_LABEL)
    assert lines[1] == "$53 billion [1]."
    assert "⟨source 2⟩" in result.output  # the quote's own marker, not a citation number
    assert "caveat: $53 billion: source 5 is not available" in result.output
    assert "Acme report" in result.output
    assert fake.seen["corpus"] == Path("/c/acme")


def test_ask_json_is_answer_to_dict(fake) -> None:
    result = run("ask", "--json", "How much?")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data == json.loads(json.dumps(hostile_answer().to_dict()))
    assert {"direct", "premise", "caveats"} <= set(data)
    assert "\x1b" not in result.output  # JSON escapes it as \u001b


def test_error_is_one_clean_line(fake) -> None:
    result = run("ask", "")
    assert result.exit_code == 2
    assert_clean(result.output)
    assert result.output.strip().splitlines() == ["error: the question is empty — type one"]


def test_corpus_listings_are_clean_and_flag_duplicates(fake) -> None:
    docs = run("corpus")
    assert docs.exit_code == 0, docs.output
    assert_clean(docs.output)
    assert "planted" in docs.output and "duplicate of article" in docs.output
    every = run("corpus", "--all")
    assert every.exit_code == 0, every.output
    assert_clean(every.output)
    assert "acme" in every.output and "/c/acme" in every.output
    assert json.loads(run("corpus", "--all", "--json").output)[0]["name"] == "acme"


def test_chat_uses_one_conversation_and_prints_json_per_turn(fake) -> None:
    result = run("chat", "--json", stdin="How much?\nbad\nAnd since?\n\n")
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    assert len(fake.conversations) == 1
    assert fake.conversations[0].asked == ["How much?", "bad", "And since?"]
    turns = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(turns) == 3
    assert turns[0]["direct"].startswith("$53 billion") and "error" in turns[1]


def test_plain_chat_prints_each_answer(fake) -> None:
    result = run("chat", stdin="How much?\n")
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    assert result.output.count("$53 billion [1].") == 1
    assert "Ask about Acme AI" in result.output


def test_audit_goes_through_the_api_and_is_clean(fake) -> None:
    result = run("audit")
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    assert "Acme report 33%" in result.output


def test_help_names_every_command_and_no_corpus() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "corpus", "ask", "chat", "eval", "audit", "ui"):
        assert command in result.output
    for command in ("ingest", "corpus", "ask", "chat", "eval", "audit", "ui"):
        assert "--corpus" in run(command, "--help").output, command
    assert "--strict" in run("ingest", "--help").output
    assert "--allow-public" in run("ui", "--help").output


def test_ui_on_an_exposed_host_without_a_login_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run("ui", "--host", "0.0.0.0")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:") and "--allow-public" in lines[0]
    monkeypatch.setenv("ASSISTANT_UI_AUTH", "analyst:")
    result = run("ui", "--host", "127.0.0.1")
    assert result.exit_code == 2 and "neither part empty" in result.output


def test_ingest_passes_its_flags_and_reports_skipped_documents(
    fake, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict] = []

    @dataclass
    class Report:
        documents: int = 5
        chunks: int = 40
        embedded: int = 40
        removed: int = 0
        index_dir: str = "/tmp/index"
        problems: list[str] = field(default_factory=lambda: [f"sources/bad.md: {OSC}bad"])

    def ingest(**kwargs: Any) -> Report:
        calls.append(kwargs)
        return Report()

    monkeypatch.setattr(fake, "ingest", ingest, raising=False)
    result = run("ingest", "--rebuild", "--strict", "--corpus", "/c/acme")
    assert result.exit_code == 0, result.output
    assert_clean(result.output)
    assert calls[0]["rebuild"] and calls[0]["strict"] and not calls[0]["fetch"]
    assert "warning: sources/bad.md: bad" in result.output
    assert "5 documents, 40 passages" in result.output
    assert json.loads(run("ingest", "--json").output)["problems"] == [f"sources/bad.md: {OSC}bad"]


def test_eval_runs_every_suite_part_and_writes_their_reports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import assistant.evaluation as evaluation
    from assistant.evaluation import EvalReport

    seen: dict[str, Any] = {}

    def run_suites(suites_file: Path, **kwargs: Any) -> list[EvalReport]:
        seen.update(kwargs, suites_file=suites_file)
        return [
            EvalReport(
                {"n": 3, "figure_accuracy": 0.5},
                [],
                "verified",
                "fake",
                "2026-11-30T10:00:00Z",
                suite,
                part,
            )
            for suite in ("shipped", "retail")
            for part in ("dev", "test")
        ]

    monkeypatch.setattr(evaluation, "run_suites", run_suites)
    result = run("eval", "--json", "--out", str(tmp_path), "--llm", "fake")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["suite"], r["part"]) for r in rows] == [
        ("shipped", "dev"),
        ("shipped", "test"),
        ("retail", "dev"),
        ("retail", "test"),
    ]
    assert seen["suites_file"].name == "suites.yaml" and seen["chain"] == "verified"
    assert callable(seen["make_assistant"])
    assert (tmp_path / "latest-retail-test-verified.json").is_file()
    assert (tmp_path / "suites-latest.md").is_file()
    plain = run("eval", "--out", str(tmp_path), "--llm", "fake")
    assert "retail test verified" in plain.stdout and "suites-latest.md" in plain.stdout
