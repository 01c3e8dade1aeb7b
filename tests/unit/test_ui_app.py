"""The UI's wiring with fake assistants (no model, no index): the corpus picker, one
conversation per chat session, the ``/ask`` endpoint's defaults, the claims and eval tabs'
pure views, and that building the app writes no environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import Answer, Citation, VerifiedFigure
from assistant.audit import AuditRecord, AuditReport, ConflictingValue
from assistant.config import Settings
from assistant.errors import InputError
from assistant.ui import app as ui_app
from assistant.ui.chat import clear_chat, doc_filter, make_ask_api, make_respond, top_k_limit
from assistant.ui.claims import (
    ALL_SOURCES,
    filter_records,
    render_audit_counts_html,
    render_audit_html,
    rival_values,
    source_choices,
    verdict_class,
)
from assistant.ui.corpus_tab import corpus_view

QUOTE = "Acme now holds a 36% share of the cloud market [4]."


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    subject: str = "Acme"
    examples: tuple[str, ...] = ("How much has Acme committed?", "What share does Acme hold?")
    directory: Path = Path("/corpora/acme")


def answer_for(question: str, corpus: str) -> Answer:
    quote = f"{corpus}: Acme committed $53 billion."
    return Answer(
        question=question,
        direct="$53 billion [1].",
        text=f"{quote} [1]",
        citations=[Citation(1, "article", "T", "https://e.com", quote, "a#0", 0, 9)],
        figures=[VerifiedFigure("$53 billion", "USD 53000000000", 1)],
    )


class FakeConversation:
    def __init__(self, owner: FakeAssistant) -> None:
        self.owner = owner
        self.questions: list[str] = []

    def stream(self, question: str, **kwargs: Any):
        self.owner.calls.append((question, kwargs, list(self.questions)))
        if not question.strip():
            raise InputError("the question is empty — type one")
        yield "Acme committed "
        self.questions.append(question)
        yield answer_for(question, self.owner.profile.name)


class FakeAssistant:
    def __init__(self, name: str = "acme", settings: Settings | None = None) -> None:
        self.profile = Profile(name, f"{name.title()} research")
        self.settings = settings or Settings(_env_file=None)
        self.calls: list[tuple[str, dict, list[str]]] = []
        self.conversations = 0
        self.audits = 0
        self.llm = object()

    def ask(self, question: str, **kwargs: Any) -> Answer:
        self.calls.append((question, kwargs, []))
        if not question.strip():
            raise InputError("the question is empty — type one")
        return answer_for(question, self.profile.name)

    def conversation(self) -> FakeConversation:
        self.conversations += 1
        return FakeConversation(self)

    def corpus(self) -> list[dict[str, Any]]:
        return [
            {
                "id": "article",
                "kind": "article",
                "title": "T",
                "url": "",
                "date": None,
                "passages": 3,
                "duplicate_of": None,
            },
            {
                "id": "copy",
                "kind": "source",
                "title": "T",
                "url": "",
                "date": None,
                "passages": 1,
                "duplicate_of": "article",
            },
        ]

    def corpora(self) -> list[dict[str, Any]]:
        return [
            {"name": "acme", "title": "Acme research", "corpus_dir": "/corpora/acme"},
            {"name": "globex", "title": "Globex research", "corpus_dir": "/corpora/globex"},
        ]

    def audit(self) -> AuditReport:
        self.audits += 1
        rival = "It holds a 33% share."
        return AuditReport(
            records=[
                AuditRecord(
                    "article",
                    0,
                    len(QUOTE),
                    QUOTE,
                    "36%",
                    "PCT 36",
                    "share",
                    ["source-4"],
                    "conflicting",
                    conflicts=[ConflictingValue("source-10", "33%", rival)],
                    evidence=[
                        {"doc_id": "article", "quote": QUOTE},
                        {"doc_id": "source-10", "quote": rival},
                    ],
                    note="source-10 gives 33%",
                ),
                AuditRecord(
                    "article",
                    60,
                    90,
                    "It committed $53 billion [2].",
                    "$53 billion",
                    "USD 53000000000",
                    None,
                    ["source-2"],
                    "supported",
                ),
            ],
            inconsistencies=[],
        )


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> ui_app.Assistants:
    made: list[tuple[Any, dict]] = []

    def fake_assistant(settings: Settings, **kwargs: Any) -> FakeAssistant:
        made.append((settings, kwargs))
        return FakeAssistant(Path(kwargs["corpus"]).name, settings)

    monkeypatch.setattr(ui_app, "Assistant", fake_assistant)
    pool = ui_app.Assistants(FakeAssistant())
    pool.made = made  # type: ignore[attr-defined]
    return pool


def test_picker_lists_every_corpus_and_creates_each_assistant_once(pool) -> None:
    assert pool.choices() == [
        ("Acme research (acme)", "acme"),
        ("Globex research (globex)", "globex"),
    ]
    assert pool.get(None) is pool.first and pool.get("acme") is pool.first
    globex = pool.get("globex")
    assert globex.profile.name == "globex" and pool.get("globex") is globex
    assert len(pool.made) == 1
    settings, kwargs = pool.made[0]
    assert settings is pool.first.settings
    assert kwargs == {"corpus": "/corpora/globex", "llm": pool.first.llm}  # one model shared
    assert pool.get("unknown") is pool.first


def test_audit_runs_once_per_corpus(pool) -> None:
    pool.audit(None), pool.audit("acme")
    assert pool.first.audits == 1


def test_ask_endpoint_uses_the_default_top_k_and_answer_to_dict(pool) -> None:
    ask = make_ask_api(pool)
    result = ask("How much?", None, [])
    assert result["error"] is None and result["direct"] == "$53 billion [1]."
    assert pool.first.calls[-1][1] == {"k": None, "doc_ids": None}
    ask("How much?", 7.0, ["article"], "globex")
    assert pool.get("globex").calls[-1][1] == {"k": 7, "doc_ids": ["article"]}


def test_ask_endpoint_returns_errors_as_a_message(pool) -> None:
    result = make_ask_api(pool)("  ", None, None)
    assert result["error"] == "the question is empty — type one"
    assert result["text"] == "" and result["citations"] == []


def test_chat_keeps_one_conversation_per_session_and_corpus(pool) -> None:
    respond = make_respond(pool)
    outputs = list(respond("How much?", [], None, 5, ["article", "copy"], "acme"))
    messages, state, box = outputs[-1]
    assert len(outputs) == 3 and box == ""  # the question, the streamed text, the answer
    assert "Acme committed" in outputs[1][0][-1]["content"]
    assert 'class="direct"' in messages[-1]["content"]
    messages, state, _ = list(respond("And since when?", messages, state, 5, None, "acme"))[-1]
    assert pool.first.conversations == 1 and len(messages) == 4
    assert pool.first.calls[-1][2] == ["How much?"]  # the follow-up sees the first question
    assert pool.first.calls[0][1] == {"k": 5, "doc_ids": None}  # every document: no filter
    list(respond("How much?", messages, state, 5, None, "globex"))
    assert pool.get("globex").conversations == 1  # a new corpus, a new conversation
    assert clear_chat() == ([], None, "")


def test_chat_shows_errors_and_an_empty_document_choice_as_replies(pool) -> None:
    respond = make_respond(pool)
    messages, _, _ = list(respond(" ", [], None, 5, None, None))[-1]
    assert "Cannot answer" in messages[-1]["content"] and "empty" in messages[-1]["content"]
    messages, _, _ = list(respond("How much?", [], None, 5, [], None))[-1]
    assert "no documents are selected" in messages[-1]["content"]


def test_doc_filter_and_top_k_limit() -> None:
    assert doc_filter(["article", "copy"], ["article", "copy"]) is None
    assert doc_filter([], ["article"]) is None
    assert doc_filter(["copy"], ["article", "copy"]) == ["copy"]
    assert top_k_limit() == 20


def test_corpus_view_flags_the_duplicate(pool) -> None:
    out = corpus_view(pool, None)
    assert "1 duplicate document" in out and "duplicate of article" in out


def test_claims_use_the_structured_conflicts() -> None:
    report = FakeAssistant().audit()
    conflict = report.records[0]
    assert rival_values(conflict) == ["33%"]
    out = render_audit_html(report)
    assert 'class="verdict v-conflicting"' in out
    assert "holds a <mark>33%</mark> share" in out  # the rival value is marked
    assert ">source 4</span>" in out  # the article's own marker in the claim is a tag
    assert verdict_class("not found in the sources") == "v-not-found-in-the-sources"
    assert "not found in the sources: 0" in render_audit_counts_html(report)
    assert source_choices(report) == [ALL_SOURCES, "source-2", "source-4"]
    assert len(filter_records(report.records, ["supported"], ALL_SOURCES)) == 1
    assert "No claims match" in render_audit_html(report, [], ALL_SOURCES)
    assert "conflicting: 1" in render_audit_counts_html(report)


def test_build_app_writes_no_environment_and_caps_top_k_at_the_settings_limit(pool) -> None:
    before = dict(os.environ)
    blocks = ui_app.build_app(pool.first)
    changed = {k for k in {*before, *os.environ} if before.get(k) != os.environ.get(k)}
    # Gradio's Blocks(analytics_enabled=False) itself turns Hugging Face telemetry off.
    assert changed <= {"HF_HUB_DISABLE_TELEMETRY"}, changed
    package = Path(ui_app.__file__).parent
    for source in [*package.glob("*.py"), package.parent / "cli.py"]:
        assert "os.environ" not in source.read_text(encoding="utf-8"), source
    sliders = [b for b in blocks.blocks.values() if getattr(b, "elem_id", None) == "top-k"]
    assert len(sliders) == 1 and sliders[0].maximum == 20
    picker = [b for b in blocks.blocks.values() if getattr(b, "elem_id", None) == "corpus-picker"]
    assert picker[0].visible  # two corpora in the index
    assert "#corpus-table" in ui_app.stylesheet()
