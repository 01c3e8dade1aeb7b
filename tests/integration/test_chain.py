"""The verified chain with a deterministic chat model.

A real index (the session's shared one from ``conftest.py``: real embeddings, real Chroma,
the shipped corpus) and ``FakeChatModel`` drafts: every test states what a draft says and
checks what the user is shown. An answer opens with a direct line and the verbatim quotes;
an Assistant given a model object elaborates (``elaborate="auto"``), so the model's words
follow the quotes, and only sentences that pass verification are shown. Pure functions are
tested directly.
"""

from __future__ import annotations

import re

import pytest
from conftest import SHIPPED_CORPUS

from assistant.answer import Answer
from assistant.api import Assistant
from assistant.chain import ChainInput, VerifiedChain
from assistant.config import Settings
from assistant.corpus import load_corpus
from assistant.errors import InputError
from assistant.evidence import EvidenceSentence, SentenceEmbeddings
from assistant.figures import contains_figure, find_figures
from assistant.llm import FakeChatModel
from assistant.matching import question_focus
from assistant.question import clean_question, is_followup, resolve_followup

pytestmark = pytest.mark.integration

COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"
MARKERS = re.compile(r"\s*\[\d{1,2}\]")
FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def settings(shipped_assistant: Assistant) -> Settings:
    """The session's settings for the shipped corpus (its index is built by the fixture)."""
    return shipped_assistant.settings


def chain_of(assistant: Assistant) -> VerifiedChain:
    chain = assistant._chain("verified")
    assert isinstance(chain, VerifiedChain)
    return chain


@pytest.fixture(scope="module")
def base(settings: Settings) -> Assistant:
    """An assistant whose model echoes the first evidence line (a well-behaved draft)."""
    return Assistant(settings, llm=FakeChatModel())


@pytest.fixture(scope="module")
def shared_sentences(base: Assistant) -> SentenceEmbeddings:
    # Sentence vectors depend only on the text; sharing the cache keeps the module fast.
    return chain_of(base).sentence_embeddings


@pytest.fixture
def make(settings: Settings, shared_sentences: SentenceEmbeddings):
    def _make(replies: list[str] | None = None) -> tuple[Assistant, FakeChatModel]:
        llm = FakeChatModel(replies=replies or [])
        assistant = Assistant(settings, llm=llm)
        assert assistant._elaborate(), "a model object must turn elaboration on under auto"
        chain_of(assistant).sentence_embeddings = shared_sentences
        return assistant, llm

    return _make


@pytest.fixture(scope="module")
def commitment_evidence(base: Assistant, settings: Settings) -> list[EvidenceSentence]:
    inp = ChainInput(COMMITMENT, COMMITMENT, settings.top_k, None)
    _, evidence, _ = chain_of(base).evidence(inp)
    assert evidence.abstain_reason is None
    return evidence.sentences


def number_of(evidence: list[EvidenceSentence], must: str, must_not: str | None = None) -> int:
    """The evidence number ([n]) of the first sentence holding ``must`` (and not ``must_not``)."""
    for n, s in enumerate(evidence, 1):
        if must in s.text and (must_not is None or must_not not in s.text):
            return n
    raise AssertionError(f"no evidence sentence holds {must!r}: {[s.text for s in evidence]}")


@pytest.fixture(scope="module")
def n_usd(commitment_evidence: list[EvidenceSentence]) -> int:
    """The evidence sentence with "$53 billion" but not "RMB 380 billion"."""
    return number_of(commitment_evidence, "$53 billion", "RMB 380 billion")


@pytest.fixture(scope="module")
def n_rmb(commitment_evidence: list[EvidenceSentence]) -> int:
    return number_of(commitment_evidence, "RMB 380 billion")


def strip_markers(text: str) -> str:
    return MARKERS.sub("", text).strip()


def reasons(answer: Answer) -> str:
    return " | ".join(d.reason for d in answer.dropped)


def assert_provenance(answer: Answer) -> None:
    """Every citation's quote stands in its document at the offsets it gives."""
    docs = {(d.id, d.kind): d for d in load_corpus(SHIPPED_CORPUS).documents}
    for c in answer.citations:
        assert docs[(c.doc_id, c.kind)].text[c.start : c.end] == c.quote


def stream_events(assistant: Assistant, question: str) -> tuple[list[str], Answer]:
    events = list(assistant.stream(question))
    assert isinstance(events[-1], Answer)
    assert all(isinstance(e, str) for e in events[:-1])
    return events[:-1], events[-1]  # type: ignore[return-value]


# --------------------------------------------------------------------------- the chain


def test_evidence_for_the_commitment_question(commitment_evidence, n_usd, n_rmb) -> None:
    assert commitment_evidence[n_usd - 1].hit.passage.doc_id == "article"
    assert commitment_evidence[n_rmb - 1].hit.passage.doc_id == "source-2"
    assert "$53 billion" not in commitment_evidence[n_rmb - 1].text.replace("US$53", "")


def test_well_behaved_draft_gives_the_cited_figure(make) -> None:
    assistant, llm = make()
    answer = assistant.ask(COMMITMENT)
    assert "$53 billion" in answer.direct
    assert answer.text.startswith(answer.direct)
    assert not answer.abstained and answer.quoted
    assert llm.calls == 1
    # The echoed evidence line passes verification and is shown after the quotes.
    assert answer.model_words and answer.dropped == [], reasons(answer)
    assert any(f.normalised == "USD 53000000000" for f in answer.figures)
    # The direct line cites a quote (the article's or the filing summary's) that holds it.
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.direct)}
    holding = [c for c in answer.citations if c.n in cited and "$53 billion" in c.quote]
    assert holding and holding[0].doc_id in {"article", "source-2"}, answer.citations
    assert_provenance(answer)


def test_direct_line_opens_the_answer_and_states_only_quoted_figures(make) -> None:
    assistant, _ = make(["Alibaba committed $99 billion to AI [1]."])
    answer = assistant.ask(COMMITMENT)
    assert answer.direct and answer.text.startswith(answer.direct)
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.direct)}
    assert cited and cited <= {c.n for c in answer.citations}, answer.direct
    quotes = " ".join(c.quote for c in answer.citations if c.n in cited)
    for fig in find_figures(answer.direct):
        assert contains_figure(quotes, fig), f"{fig.text} in the direct line is in no quote"


def test_elaboration_off_never_asks_the_model(settings: Settings, shared_sentences) -> None:
    llm = FakeChatModel(replies=["Alibaba committed $99 billion to AI [1]."])
    assistant = Assistant(settings, llm=llm, elaborate="off")
    chain_of(assistant).sentence_embeddings = shared_sentences
    answer = assistant.ask(COMMITMENT)
    assert llm.calls == 0
    assert not answer.model_words and answer.draft == ""
    assert "$53 billion" in answer.direct and "$99" not in answer.text


def test_invented_figure_is_dropped_and_evidence_is_quoted(make) -> None:
    assistant, llm = make(["Alibaba committed $99 billion to AI [1]."])
    answer = assistant.ask(COMMITMENT)
    assert llm.calls == 1
    assert "$99" not in answer.text and "99 billion" not in answer.text
    assert "$99 billion" in reasons(answer)
    assert answer.quoted and not answer.model_words
    assert "$53 billion" in answer.text and "$53 billion" in answer.direct
    assert all(f.normalised != "USD 99000000000" for f in answer.figures)


def test_quoted_answer_is_the_evidence_verbatim(make) -> None:
    assistant, _ = make(["Alibaba committed $99 billion to AI [1]."])
    answer = assistant.ask(COMMITMENT)
    assert answer.quoted and answer.citations and not answer.model_words
    shown = strip_markers(answer.text)
    for c in answer.citations:
        assert strip_markers(c.quote) in shown
        assert f"[{c.n}]" in answer.text
    assert "$53 billion" in answer.citations[0].quote
    assert_provenance(answer)


def test_quoted_answer_does_not_offer_a_market_size_as_another_commitment(make) -> None:
    # "$1.8 trillion global AI infrastructure market" is the size of a market, not a sum
    # Alibaba committed; presenting it as "a different figure" for the question misleads.
    assistant, _ = make(["Alibaba committed $99 billion to AI [1]."])
    answer = assistant.ask(COMMITMENT)
    assert "$1.8 trillion" not in answer.text


def test_figure_cited_to_the_wrong_evidence_is_dropped(make, n_usd: int, n_rmb: int) -> None:
    draft = f"Alibaba plans to spend RMB 380 billion on AI and cloud infrastructure [{n_usd}]."
    assistant, _ = make([draft])
    answer = assistant.ask(COMMITMENT)
    assert any(d.sentence == draft for d in answer.dropped)
    assert "RMB 380 billion" in reasons(answer)
    assert "not in the cited evidence" in reasons(answer)
    assert strip_markers(draft) not in answer.text


def test_figure_cited_to_the_right_evidence_is_kept(make, n_rmb: int) -> None:
    draft = f"Alibaba plans to spend RMB 380 billion on AI and cloud infrastructure [{n_rmb}]."
    assistant, _ = make([draft])
    answer = assistant.ask(COMMITMENT)
    assert answer.text.endswith(" " + draft), answer.text
    assert answer.model_words and answer.dropped == []
    assert n_rmb in [c.n for c in answer.citations]
    by_n = {c.n: c for c in answer.citations}
    assert by_n[n_rmb].doc_id == "source-2"
    assert ("RMB 380 billion", "CNY 380000000000", n_rmb) in [
        (f.text, f.normalised, f.citation) for f in answer.figures
    ]


def test_figure_without_citation_is_dropped(make) -> None:
    draft = "Alibaba committed $53 billion to AI and cloud infrastructure."
    assistant, _ = make([draft])
    answer = assistant.ask(COMMITMENT)
    assert any(d.sentence == draft and "without a citation" in d.reason for d in answer.dropped)
    assert answer.quoted and not answer.model_words
    assert draft not in answer.text


def test_citation_to_unknown_evidence_is_dropped(make) -> None:
    draft = "Alibaba committed $53 billion to AI and cloud infrastructure [9]."
    assistant, _ = make([draft])
    answer = assistant.ask(COMMITMENT)
    assert any(d.sentence == draft for d in answer.dropped)
    assert "[9]" in reasons(answer)
    assert "[9]" not in answer.text
    assert 9 not in {c.n for c in answer.citations}


def test_unknown_marker_is_removed_from_a_kept_sentence(make, n_usd: int) -> None:
    assistant, _ = make(
        [f"Alibaba committed $53 billion to AI and cloud infrastructure [{n_usd}][9]."]
    )
    answer = assistant.ask(COMMITMENT)
    kept = f"Alibaba committed $53 billion to AI and cloud infrastructure [{n_usd}]."
    assert answer.text.endswith(" " + kept), answer.text
    assert "[9]" not in answer.text
    assert 9 not in {c.n for c in answer.citations}
    assert n_usd in {c.n for c in answer.citations}


def test_good_reply_is_kept_as_written(make, n_usd: int) -> None:
    draft = f"Alibaba has committed $53 billion to AI and cloud infrastructure [{n_usd}]."
    assistant, llm = make([draft])
    answer = assistant.ask(COMMITMENT)
    assert answer.text.startswith(answer.direct)
    assert answer.text.endswith(" " + draft), answer.text
    assert answer.model_words and not answer.abstained
    assert answer.dropped == []
    # The model's sentence states one figure, cited to the evidence that holds it.
    assert ("$53 billion", "USD 53000000000", n_usd) in [
        (f.text, f.normalised, f.citation) for f in answer.figures
    ]
    by_n = {c.n: c for c in answer.citations}
    assert by_n[n_usd].doc_id == "article"
    assert "$53 billion" in by_n[n_usd].quote
    assert_provenance(answer)
    assert llm.calls == 1


def test_reply_without_the_figure_asked_for_falls_back_to_a_quote(make) -> None:
    assistant, _ = make(["I do not know."])
    answer = assistant.ask(COMMITMENT)
    assert answer.quoted and not answer.model_words
    assert "$53 billion" in answer.text
    assert "I do not know" not in answer.text


def test_unanswerable_question_abstains_without_calling_the_model(make) -> None:
    assistant, llm = make(["Tencent Cloud's revenue was $9 billion in 2024 [1]."])
    answer = assistant.ask(UNANSWERABLE)
    assert answer.abstained
    assert llm.calls == 0
    assert [f for f in find_figures(answer.text) if f.kind != "year"] == []
    assert answer.figures == [] and answer.citations == []
    assert "$9 billion" not in answer.text


def test_unanswerable_question_streams_only_the_abstention(make) -> None:
    assistant, llm = make(["Tencent Cloud's revenue was $9 billion in 2024 [1]."])
    pieces, answer = stream_events(assistant, UNANSWERABLE)
    assert "".join(pieces) == answer.text
    assert llm.calls == 0


def test_stream_shows_only_verified_text(make, n_usd: int) -> None:
    draft = (
        f"Alibaba committed $99 billion to AI [{n_usd}]. It has committed $53 billion to "
        f"AI and cloud infrastructure [{n_usd}]."
    )
    assistant, _ = make([draft])
    pieces, answer = stream_events(assistant, COMMITMENT)
    assert pieces
    assert not any("$99" in p or "99 billion" in p for p in pieces)
    assert "$53 billion" in "".join(pieces)
    assert "$99" not in answer.text


@pytest.mark.parametrize(
    "reply",
    [
        "Alibaba has committed $53 billion to AI and cloud infrastructure [{n}].",
        "Alibaba committed $99 billion to AI [{n}].",
        "Alibaba is investing heavily in AI [{n}].",
    ],
    ids=["good", "invented-figure", "no-figure"],
)
def test_streamed_text_is_the_final_answer_text(make, n_usd: int, reply: str) -> None:
    # What a streaming client (the CLI prints each piece) shows must be the answer.
    assistant, _ = make([reply.format(n=n_usd)])
    pieces, answer = stream_events(assistant, COMMITMENT)
    assert "".join(pieces) == answer.text


def test_followup_in_yuan_states_an_rmb_figure(make) -> None:
    assistant, _ = make()
    chat = assistant.conversation()
    first = chat.ask(COMMITMENT)
    assert "$53 billion" in first.text
    second = chat.ask("and in yuan?")
    assert "RMB 380 billion" in second.text
    assert any(f.normalised == "CNY 380000000000" for f in second.figures)
    assert chat.questions == [COMMITMENT, f"{COMMITMENT} and in yuan?"]


def test_evidence_for_a_yuan_question_states_yuan(base: Assistant, settings: Settings) -> None:
    question = f"{COMMITMENT} and in yuan?"
    inp = ChainInput(question, question, settings.top_k, None)
    _, evidence, _ = chain_of(base).evidence(inp)
    assert evidence.sentences
    for s in evidence.sentences:
        currencies = {f.currency for f in find_figures(s.text) if f.kind == "money"}
        assert "CNY" in currencies, f"evidence without a yuan figure: {s.text!r}"


def test_doc_filter_limits_evidence_and_citations(make) -> None:
    assistant, _ = make()
    answer = assistant.ask(COMMITMENT, doc_ids=["source-2"])
    assert set(answer.retrieved_docs) == {"source-2"}
    assert {c.doc_id for c in answer.citations} == {"source-2"}
    assert "RMB 380 billion" in answer.text


def test_naive_chain_shows_what_verification_prevents(make) -> None:
    assistant, _ = make(["Alibaba committed $99 billion to AI [1]."])
    answer = assistant.ask(COMMITMENT, chain="naive")
    assert "$99 billion" in answer.text  # the baseline passes the invented figure through
    assert answer.figures == []


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("question", ["", "   ", "\n\t ", "\x00\x07"])
def test_empty_question_is_refused(base: Assistant, question: str) -> None:
    with pytest.raises(InputError, match="empty"):
        base.ask(question)


def test_huge_question_is_refused_with_the_limit(base: Assistant) -> None:
    with pytest.raises(InputError) as info:
        base.ask("a" * 100_000)
    message = str(info.value)
    assert "limit" in message and "2,000" in message and "100,000" in message


def test_control_characters_are_stripped(make) -> None:
    assistant, _ = make()
    answer = assistant.ask(
        "How much has\x00 Alibaba\x07 committed\x1b to AI and\x7f cloud infrastructure?"
    )
    assert answer.question == COMMITMENT
    assert "$53 billion" in answer.text


def test_lone_surrogate_does_not_crash(make) -> None:
    assistant, _ = make()
    answer = assistant.ask("How much has Alibaba \ud800committed to AI and cloud infrastructure?")
    answer.question.encode("utf-8")  # no lone surrogate left
    assert isinstance(answer.text, str) and answer.text


def test_unknown_document_id_lists_the_known_ones(base: Assistant) -> None:
    with pytest.raises(InputError) as info:
        base.ask(COMMITMENT, doc_ids=["source-42"])
    message = str(info.value)
    assert "source-42" in message
    for known in ("article", "source-1", "source-2", "source-3", "source-4", "source-5"):
        assert known in message


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"k": 0}, "k must"), ({"k": 21}, "k must"), ({"chain": "bogus"}, "chain must be one of")],
)
def test_bad_options_are_refused(base: Assistant, kwargs: dict, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        base.ask(COMMITMENT, **kwargs)


# --------------------------------------------------------------------------- pure functions


def test_clean_question() -> None:
    assert clean_question("  What\x00 is\tthe\n\nrevenue?\x1f ", 100) == "What is the revenue?"
    # NFKC: full-width letters and digits become plain ones.
    assert clean_question("\uff31\uff14 revenue", 100) == "Q4 revenue"
    with pytest.raises(InputError, match="text"):
        clean_question(42, 100)
    with pytest.raises(InputError, match="limit is 20"):
        clean_question("x" * 21, 20)


def test_clean_question_turns_a_lone_surrogate_into_the_replacement_character() -> None:
    # As its docstring promises: U+FFFD marks the broken character instead of a "?".
    assert clean_question("revenue \ud800 growth", 100) == "revenue \ufffd growth"


@pytest.mark.parametrize(
    ("question", "followup"),
    [
        ("and in yuan?", True),
        ("What about Tencent?", True),
        ("How did it change?", True),
        ("in 2024?", True),
        (COMMITMENT, False),
        (UNANSWERABLE, False),
        ("What share of China's cloud market does Alibaba hold?", False),
    ],
)
def test_is_followup(question: str, followup: bool) -> None:
    assert is_followup(question) is followup


def test_resolve_followup() -> None:
    assert resolve_followup("and in yuan?", [COMMITMENT]) == f"{COMMITMENT} and in yuan?"
    assert resolve_followup("and in yuan?", []) == "and in yuan?"
    assert resolve_followup(UNANSWERABLE, [COMMITMENT]) == UNANSWERABLE


def test_the_measure_asked_is_without_subject_period_or_fillers() -> None:
    question = UNANSWERABLE
    terms = set(question_focus(question).measures)
    assert "revenu" in terms
    assert not terms & {"tencent", "2024", "what", "was", "in"}
    commit = set(question_focus(COMMITMENT).measures)
    assert {"cloud", "commit"} <= commit
    assert not commit & {"alibaba", "much", "how", "has", "to", "and"}
