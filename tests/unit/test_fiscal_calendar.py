"""A quarter named by its month ("the December quarter") is the numbered quarter the
corpus's calendar makes it, where the corpus says. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.fiscal_calendar import numbered, quarter_calendar, with_quarter_end
from assistant.periods import periods_fit
from assistant.question import question_parts
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Foods",))
RELEASE = ("Acme Foods Reports Fourth Quarter 2025 Results", "2026-02-05")
MARGIN = (
    "Acme's gross margin reached 41.0% in the December quarter, up 50 basis points from "
    "40.5% in the third quarter and 120 basis points from 39.8% a year earlier."
)
CALENDAR_YEAR = {3: 1, 6: 2, 9: 3, 12: 4}


def test_a_dated_title_and_a_month_named_quarter_give_the_calendar() -> None:
    assert quarter_calendar([RELEASE], [MARGIN]) == CALENDAR_YEAR
    # A fiscal year that starts in July: the first quarter's results come out in October.
    july = quarter_calendar([("Acme Q1 FY27 results", "2026-10-28")], ["the September quarter"])
    assert july == {9: 1, 12: 2, 3: 3, 6: 4}
    # A 52-53 week quarter named by a month it ends days before, reported before it is out.
    early = quarter_calendar([("Acme Q1 trading update", "2026-06-26")], ["the June quarter"])
    assert early[6] == 1


def test_the_calendar_is_left_unknown_where_the_corpus_does_not_say() -> None:
    assert quarter_calendar([RELEASE], ["Sales rose 4% in the third quarter."]) == {}
    assert quarter_calendar([("Acme's strategy", "2026-02-05")], [MARGIN]) == {}
    assert quarter_calendar([(RELEASE[0], "")], [MARGIN]) == {}
    # A survey's span of months is not a fiscal quarter.
    survey = "Shopper survey, September to November 2025 vs September to November 2024"
    assert quarter_calendar([RELEASE], [survey]) == {}
    # Titles that disagree say nothing.
    other = ("Acme Foods Reports Second Quarter 2025 Results", "2026-02-05")
    assert quarter_calendar([RELEASE, other], [MARGIN]) == {}


def test_a_month_named_quarter_takes_its_number() -> None:
    month_named = frozenset({"Qm12", "Q*"})
    assert numbered(month_named, CALENDAR_YEAR) == frozenset({"Qm12", "Q4"})
    assert numbered(month_named, {}) == month_named
    # Unknown, the December quarter fits any numbered quarter asked; known, only the fourth.
    assert periods_fit(frozenset({"Q1"}), month_named, frozenset())
    assert not periods_fit(frozenset({"Q1"}), numbered(month_named, CALENDAR_YEAR), frozenset())
    assert periods_fit(frozenset({"Q4"}), numbered(month_named, CALENDAR_YEAR), frozenset())


def test_the_reader_answers_a_numbered_quarter_by_the_calendar() -> None:
    embeddings = SentenceEmbeddings(FakeEmbedder())
    known = SentenceReader(ACME, frozenset(), embeddings, None, 0.5, quarters=CALENDAR_YEAR)
    (first,) = question_parts("What was Acme's gross margin in Q1?", ACME)
    assert known.figure_fit(first, MARGIN, MARGIN) is None
    (fourth,) = question_parts("What was Acme's gross margin in Q4?", ACME)
    fit = known.figure_fit(fourth, MARGIN, MARGIN)
    assert fit is not None and "41.0%" in fit[1]


def test_a_quarter_s_figure_is_a_balance_at_its_end_month() -> None:
    assert with_quarter_end(frozenset({"Q4"}), CALENDAR_YEAR) == frozenset({"Q4", "Em12"})
    assert with_quarter_end(frozenset({"Q4"}), {}) == frozenset({"Q4"})
    # A date the figure names stands.
    assert with_quarter_end(frozenset({"Q4", "Em11"}), CALENDAR_YEAR) == {"Q4", "Em11"}
    embeddings = SentenceEmbeddings(FakeEmbedder())
    known = SentenceReader(ACME, frozenset(), embeddings, None, 0.5, quarters=CALENDAR_YEAR)
    cash = "Acme held cash of $310 million."
    title = RELEASE[0]
    (june,) = question_parts("How much cash did Acme hold at the end of June?", ACME)
    assert known.figure_fit(june, cash, "", title) is None
    (december,) = question_parts("How much cash did Acme hold at the end of December?", ACME)
    fit = known.figure_fit(december, cash, "", title)
    assert fit is not None and "$310 million" in fit[1]
