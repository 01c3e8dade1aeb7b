"""What a move is measured against: "from a year ago" is not the move from the quarter
before, and widening or narrowing moves a rate in points. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.comparison_base import asked_base, other_base, stated_base
from assistant.cues import asked_kinds
from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.figures import RATE_KINDS, find_figures
from assistant.question import question_parts
from assistant.row_moves import change_cell_rank
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme", ("Acme Bank",))
MARGIN = (
    "Net interest margin was 3.10%, up 5 basis points from 3.05% in the second quarter and "
    "up 18 basis points from 2.92% a year earlier."
)
ROW = "Net interest margin — 3Q: 3.10%; Change q/q (bps): 5; Change y/y (bps): 18"


def _figure(text: str, sentence: str):
    return next(f for f in find_figures(sentence) if f.text == text)


def test_a_question_names_the_base_of_its_move_or_none() -> None:
    assert asked_base("How much did the margin widen from a year ago?") == "year"
    assert asked_base("How much did revenue grow year on year?") == "year"
    assert asked_base("margin change vs last year?") == "year"
    assert asked_base("How much did the margin rise sequentially?") == "quarter"
    assert asked_base("NIM move from the previous quarter?") == "quarter"
    # "last year" as the period asked names no base; nor does a question naming both.
    assert asked_base("How much did freight sales slip last year?") is None
    assert asked_base("NIM change q/q and y/y?") is None


def test_a_figure_s_base_is_in_its_own_clause() -> None:
    assert stated_base(MARGIN, _figure("5 basis points", MARGIN)) == "quarter"
    assert stated_base(MARGIN, _figure("18 basis points", MARGIN)) == "year"
    # A quarter that is the period, not what the move is from, is no base.
    level = "Revenue rose 4% in the third quarter to $310 million."
    assert stated_base(level, _figure("4%", level)) is None


def test_a_move_from_another_base_does_not_answer() -> None:
    assert other_base("year", MARGIN, _figure("5 basis points", MARGIN))
    assert not other_base("year", MARGIN, _figure("18 basis points", MARGIN))
    assert not other_base(None, MARGIN, _figure("5 basis points", MARGIN))
    cell = _figure("5", ROW)
    assert other_base("year", ROW, cell, "Change q/q (bps): ")
    # A change column is ranked by the base asked in any wording.
    year_cell = next(f for f in find_figures(ROW) if f.text == "18")
    asked = "How much did the margin widen from a year ago?"
    assert change_cell_rank(asked, True, ROW, year_cell) > change_cell_rank(asked, True, ROW, cell)
    # With no base asked, the headline change is year on year; "q/q" asked, the quarter's.
    plain = "How much did the margin widen?"
    assert change_cell_rank(plain, True, ROW, year_cell) > change_cell_rank(plain, True, ROW, cell)
    sequential = "How much did the margin widen q/q?"
    assert change_cell_rank(sequential, True, ROW, cell) > change_cell_rank(
        sequential, True, ROW, year_cell
    )


def test_the_reader_keeps_the_move_from_the_base_asked() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("How much did Acme's net interest margin widen from a year ago?", ACME)
    fit = reader.figure_fit(part, MARGIN, MARGIN)
    assert fit is not None and "18 basis points" in fit[1]
    assert "5 basis points" not in fit[1]


def test_widening_and_narrowing_are_moves_of_a_rate() -> None:
    assert asked_kinds("How much did the net interest margin widen?") >= RATE_KINDS
    assert asked_kinds("How much did the spread narrow?") >= RATE_KINDS
    assert "money" in asked_kinds("How much did the bank earn?")


def test_a_period_that_names_one_side_s_noun_is_that_side_s_alone() -> None:
    from assistant.figure_periods import attributive_periods

    assert attributive_periods("the 2030 global robotics market") == frozenset({"2030"})
    assert attributive_periods("robot sales in 2030") == frozenset()
    left, right = question_parts(
        "how does Acme's robotics commitment stack up against the 2030 global robotics market?",
        ACME,
    )
    assert "2030" not in left.focus.periods and "2030" in right.focus.periods
    # A period said of the whole comparison is each side's.
    first, second = question_parts("Acme's loan growth vs deposit growth in Q3?", ACME)
    assert "Q3" in first.focus.periods and "Q3" in second.focus.periods
