"""The second real corpus through the Python API: J Sainsbury's first quarter (2026/27).

A share-research note captured from the web (debris kept) and the three company documents it
draws on: the trading statement (its figures mostly in tables), the slides and the guidance.
Nothing in ``assistant/`` knows this corpus; each expected figure below was read from the
documents in ``../shared/corpora/sainsbury-q1-2026`` (quoted beside each question).
"""

from __future__ import annotations

import re

import pytest

from assistant.answer import Answer
from assistant.api import Assistant
from assistant.figures import contains_figure, find_figures, parse_figure

pytestmark = pytest.mark.integration

# (question, figure the direct line must state, documents whose quote may hold it)
FIGURE_QUESTIONS = [
    # note: "Sainsbury's first-quarter sales rose 2.7% to £9.2bn, excluding fuel"
    ("How much did Sainsbury's first-quarter sales rise, excluding fuel?", "2.7%", None),
    # note: "Argos sales fell 0.5% (-3.7% expected)"; table: "Argos | (0.5)% | 1,114"
    ("By how much did Argos sales fall in the quarter?", "0.5%", None),
    # note: "underlying operating profit expected to land in the £975-1,075mn range"
    (
        "What underlying operating profit does Sainsbury expect for the full year?",
        "£975-1,075mn",
        None,
    ),
    # note: "a 3.6% uplift in Grocery sales"; table: "Grocery | 3.6% | 7,603"
    ("How much did grocery sales grow in the first quarter?", "3.6%", None),
    # table (total sales performance): "Fuel16 | ... | 17.5%" in the 2026/27 Q1 column
    ("How much did fuel sales grow in the first quarter?", "17.5%", {"source-1", "source-2"}),
    # table: "Like-for-like sales (exc. fuel) | 2.1% |"
    (
        "What was like-for-like sales growth excluding fuel in the first quarter?",
        "2.1%",
        {"source-1"},
    ),
    # table (£m): "Grocery | ... | 7,603" in the 2026/27 Q1 column
    ("What were Grocery sales in the first quarter, in pounds?", "£7,603m", {"source-1"}),
    # trading statement: "Groceries Online sales up 12.5 per cent9" (9 is a footnote)
    ("How much did Groceries Online sales grow?", "12.5%", {"source-1"}),
    # guidance: "we will buy back £300 million of shares"
    ("How much will Sainsbury spend buying back shares in 2026/27?", "£300 million", {"source-3"}),
    # note: "Retail free cash flows are still expected to exceed £500mn"; guidance: "more than
    # £500 million of retail free cash flow in 2026/27"
    ("How much retail free cash flow does Sainsbury expect this year?", "£500 million", None),
    # guidance: "We expect an underlying tax rate of around 29 per cent"
    ("What underlying tax rate does Sainsbury expect?", "29%", {"source-3"}),
]

UNANSWERABLE = [
    # Another company's figure: no document gives Tesco's market share.
    "What was Tesco's market share in the quarter?",
    # The documents give planned openings ("around ten supermarkets", "150 further stores"
    # with facial recognition), never how many stores Sainsbury runs.
    "How many stores does Sainsbury operate in total?",
    "What was Sainsbury's statutory profit before tax in the first quarter?",
]

MINUS = "\u2212"
FELL = re.compile(
    rf"\b(?:down|fell|fall|declin\w*|decreas\w*|lower)\b|[-{MINUS}]\s?3\.7%|\(3\.7\)%", re.I
)


def describe(answer: Answer) -> str:
    cites = "; ".join(f"[{c.n}] {c.doc_id}: {c.quote}" for c in answer.citations)
    return (
        f"\ndirect: {answer.direct!r}\ntext: {answer.text!r}\nabstained: {answer.abstained}"
        f"\nfigures: {[(f.text, f.normalised, f.citation) for f in answer.figures]}"
        f"\ncitations: {cites}"
    )


def quote_holds(quote: str, text: str, normalised: str) -> bool:
    """The quote states the figure (read in place, so a table cell keeps its column's unit)."""
    in_place = any(f.normalised() == normalised for f in find_figures(quote))
    return in_place or contains_figure(quote, parse_figure(text))


def assert_figures_verified(answer: Answer) -> None:
    """Each verified figure is held by its citation's quote; each figure shown is cited."""
    by_n = {c.n: c for c in answer.citations}
    for fig in answer.figures:
        assert fig.citation in by_n, f"figure {fig.text} cites missing [{fig.citation}]"
        assert quote_holds(by_n[fig.citation].quote, fig.text, fig.normalised), (
            f"figure {fig.text!r} is not in the quote of [{fig.citation}]" + describe(answer)
        )
    for fig in find_figures(answer.text):
        assert any(contains_figure(c.quote, fig) for c in answer.citations), (
            f"figure {fig.text!r} in the text is held by no citation" + describe(answer)
        )


def assert_states(answer: Answer, figure: str, docs: set[str] | None) -> None:
    """The direct line states ``figure``, citing a quote (of ``docs``) that holds it."""
    wanted = parse_figure(figure)
    assert answer.abstained is False, describe(answer)
    assert contains_figure(answer.direct, wanted), (
        f"the direct line does not state {figure}" + describe(answer)
    )
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.direct)}
    holding = [
        c
        for c in answer.citations
        if c.n in cited and contains_figure(c.quote, wanted) and (docs is None or c.doc_id in docs)
    ]
    assert holding, (
        f"the direct line cites no quote{f' of {sorted(docs)}' if docs else ''} holding {figure}"
        + describe(answer)
    )
    assert_figures_verified(answer)


# Known defects, kept visible: strict, so the case fails the run the day it passes.
# (The Fuel row, 17.5%, was one until a retrieved table passage brought its neighbours.)
KNOWN_DEFECTS: dict[str, str] = {}


@pytest.mark.parametrize(
    ("question", "figure", "docs"),
    [
        pytest.param(
            *case,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_DEFECTS[case[1]])]
            if case[1] in KNOWN_DEFECTS
            else [],
        )
        for case in FIGURE_QUESTIONS
    ],
    ids=[re.sub(r"\W+", "_", f).strip("_") for _, f, _ in FIGURE_QUESTIONS],
)
def test_figure_question(
    sainsbury_assistant: Assistant, question: str, figure: str, docs: set[str] | None
) -> None:
    assert_states(sainsbury_assistant.ask(question), figure, docs)


def test_general_merchandise_and_clothing_fell_in_the_quarter(
    sainsbury_assistant: Assistant,
) -> None:
    # note: "General Merchandise and Clothing sales declined 3.7%"; table row
    # "General Merchandise + Clothing | (3.7)% | 438": a fall, never a rise of 3.7%.
    answer = sainsbury_assistant.ask(
        "How did General Merchandise and Clothing sales change in the first quarter?"
    )
    assert_states(answer, "3.7%", None)
    assert FELL.search(answer.direct), f"the direct line does not say they fell{describe(answer)}"


def test_table_row_answers_with_the_accounting_negative(sainsbury_assistant: Assistant) -> None:
    # Only the trading statement: its table row for GM + Clothing holds "(3.7)%", i.e. -3.7%.
    # "General Merchandise sales down (6.3) per cent" is another row (GM alone), not the answer.
    answer = sainsbury_assistant.ask(
        "How did General Merchandise and Clothing sales change in the first quarter?",
        doc_ids=["source-1"],
    )
    assert set(answer.retrieved_docs) <= {"source-1"}, describe(answer)
    assert_states(answer, "-3.7%", {"source-1"})
    assert any(f.normalised == "-3.7%" for f in answer.figures), describe(answer)
    minus = parse_figure("-3.7%")
    quote = next(c.quote for c in answer.citations if contains_figure(c.quote, minus))
    assert "|" not in quote, f"a raw table row is quoted: {quote!r}"
    assert "6.3" not in answer.direct, describe(answer)


def test_one_row_answers_both_periods_of_a_comparison(sainsbury_assistant: Assistant) -> None:
    # The trading statement's "Total Retail (inc. fuel) (£m)" row holds both quarters: each
    # part of the question gets its own cell, cited to that row.
    answer = sainsbury_assistant.ask("total retail sales incl fuel £m, Q1 this yr vs Q1 25/26")
    for figure in ("£10,462m", "£10,030m"):
        assert contains_figure(answer.direct, parse_figure(figure)), describe(answer)
    assert not contains_figure(answer.direct, parse_figure("£7,483m")), describe(answer)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_question_abstains_without_a_figure(
    sainsbury_assistant: Assistant, question: str
) -> None:
    answer = sainsbury_assistant.ask(question)
    assert answer.abstained is True, describe(answer)
    assert answer.direct == "", describe(answer)
    assert [f for f in find_figures(answer.text) if f.kind != "year"] == [], describe(answer)
    assert answer.figures == [], describe(answer)


def test_conversation_follow_up_reads_the_earlier_question(
    sainsbury_assistant: Assistant,
) -> None:
    chat = sainsbury_assistant.conversation()
    first = chat.ask("How much did grocery sales grow in the first quarter?")
    assert_states(first, "3.6%", None)
    second = chat.ask("And Argos?")
    # Argos: "Argos sales fell 0.5%" (note), "(0.5)%" (table); never the grocery 3.6%.
    assert_states(second, "0.5%", None)
    assert not contains_figure(second.direct, parse_figure("3.6%")), describe(second)
    assert len(chat.questions) == 2
    assert "argos" in chat.questions[1].lower(), chat.questions
    assert chat.questions[1] != "And Argos?", "the follow-up was not read with the first question"


def test_a_follow_up_typed_in_lower_case_names_its_own_owner_and_measure(
    sainsbury_assistant: Assistant,
) -> None:
    chat = sainsbury_assistant.conversation()
    assert_states(chat.ask("How much did Argos sales fall in the first quarter?"), "0.5%", None)
    second = chat.ask("what about sainsburys own grocery sales over the same stretch?")
    # Grocery: "| Grocery | 3.6% | 7,603 |" in the trading statement; not Argos's 0.5%.
    assert_states(second, "3.6%", None)
    assert "grocery" in chat.questions[1].lower() and "first quarter" in chat.questions[1]


def test_answers_name_this_corpus_documents_only(sainsbury_assistant: Assistant) -> None:
    rows = sainsbury_assistant.corpus()
    ids = {r["id"] for r in rows}
    assert ids == {"article", "source-1", "source-2", "source-3"}, ids
    profile = sainsbury_assistant.profile
    assert "sainsbury" in profile.subject.lower(), profile
    answer = sainsbury_assistant.ask("How much did Argos sales fall in the first quarter?")
    assert {c.doc_id for c in answer.citations} <= ids, describe(answer)
    assert all(c.source_label in ids for c in answer.citations), describe(answer)


def test_false_premise_is_corrected(sainsbury_assistant: Assistant) -> None:
    # note: "Argos sales fell 0.5%"; table: "Argos | (0.5)%": the question's "rise" is wrong.
    answer = sainsbury_assistant.ask("Why did Argos sales rise 0.5% in the first quarter?")
    assert answer.abstained is False, describe(answer)
    assert answer.premise, f"the false premise is not named{describe(answer)}"
    assert FELL.search(answer.direct) or "fell" in answer.premise, describe(answer)
    assert_figures_verified(answer)
