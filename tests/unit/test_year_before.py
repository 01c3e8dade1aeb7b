"""Questions about the year before ("a year ago", "last year"): the value a sentence marks
as a year earlier's, and the cell of the year before rather than a change column. Made-up
text; no model is loaded."""

from __future__ import annotations

from assistant.direct import answer_figure
from assistant.earlier_values import (
    EARLIER_BONUS,
    OLD_VALUE_BONUS,
    earlier_bonus,
    gives_earlier,
    gives_old,
)
from assistant.entities import Subject
from assistant.figure_periods import year_ago_values
from assistant.figures import find_figures
from assistant.row_moves import in_change_cell, level_cell_rank

ACME = Subject("Acme", ("Acme Foods",))
MARGIN = (
    "Acme's gross margin reached 41.0% in the December quarter, up 50 basis points from "
    "40.5% in the third quarter and 120 basis points from 39.8% a year earlier."
)
ROW = (
    "Marketing spend ($m) \u2014 4Q25: 61.2; 3Q25: 58.0; 4Q24: 49.5; Change q/q: 5.5%; "
    "Change y/y: 23.6%; FY 2025: 231.0; FY 2024: 204.4; Change FY: 13.0%"
)
SPEND = (
    "Marketing spend was $61.2 million, compared with $58.0 million in the third quarter of "
    "2025 and $49.5 million in the fourth quarter of 2024."
)
EVERY_KIND = frozenset({"money", "percent", "number", "points"})


def _pick(sentence: str, question: str) -> str:
    cells = frozenset(f.text for f in find_figures(sentence) if f.kind != "year")
    chosen = answer_figure(sentence, question, EVERY_KIND, None, ACME, cells)
    assert chosen is not None
    return chosen.text


def test_a_sentence_marks_a_year_earlier_s_value() -> None:
    figures = [f for f in find_figures(MARGIN) if f.kind == "percent"]
    assert year_ago_values(MARGIN) == {figures[2].start}
    # The sentence gives the year before's value of a figure that answers.
    assert gives_earlier(MARGIN, frozenset({"39.8%"}))
    assert not gives_earlier("Acme's gross margin reached 41.0%.", frozenset({"41.0%"}))


def test_a_year_ago_question_takes_the_value_marked_a_year_earlier() -> None:
    assert _pick(MARGIN, "What was Acme's gross margin a year earlier?") == "39.8%"
    assert _pick(MARGIN, "What was Acme's gross margin?") == "41.0%"


def test_a_year_ago_question_takes_the_year_before_s_figure() -> None:
    assert _pick(SPEND, "How much did Acme spend on marketing a year ago?") == "$49.5 million"
    assert _pick(SPEND, "How much did Acme spend on marketing?") == "$61.2 million"


def test_a_change_column_is_known_by_its_word_whatever_follows() -> None:
    change = next(f for f in find_figures(ROW) if f.text == "13.0%")
    assert in_change_cell(ROW, change)
    assert level_cell_rank("What was marketing spend last year?", False, ROW, change) == 0
    # Asked for the year before, a row gives a dated cell, never a change column's.
    assert _pick(ROW, "What was marketing spend last year?") in ("49.5", "204.4")
    assert _pick(ROW, "How much went on marketing the year before?") in ("49.5", "204.4")


def test_a_move_on_a_year_earlier_asks_the_move_not_the_year_before() -> None:
    row = "Pet food sales (£m) \u2014 H1 2025: 410; H1 2026: 452; % change: 10.2"
    assert _pick(row, "By how much were pet food sales up on a year earlier?") == "10.2"
    assert _pick(row, "What were pet food sales a year earlier?") == "410"
    growth = "Pet food \u2014 2025 Q1: 4.7%; 2025 Q2: 4.9%; 2026 Q1: 4.1%"
    assert _pick(growth, "pet food sales growth in Q1 a year earlier?") == "4.7%"


def test_the_old_value_asked_is_read_from_the_sentence_that_gives_it() -> None:
    revised = "FY27F EBITDA (A$m) \u2014 Old: 181.0; New: 190.5; New Change: +5.2%"
    estimates = "EBITDA (A$m) \u2014 FY26A: 170.2; FY27F: 190.5; FY28F: 201.0"
    asked = "What was the broker's previous FY27 EBITDA forecast?"
    assert gives_old(revised, frozenset({"181.0", "190.5"}))
    assert not gives_old(estimates, frozenset({"190.5"}))
    assert earlier_bonus(revised, frozenset({"181.0"}), asked, False) == OLD_VALUE_BONUS
    assert earlier_bonus(estimates, frozenset({"190.5"}), asked, False) == 0.0
    # Asked from and to, the sentence giving both ends is not put behind one giving the old.
    both = "Where did the broker move its FY27 EBITDA forecast from and to?"
    assert earlier_bonus(revised, frozenset({"181.0", "190.5"}), both, False) == 0.0
    # Asked of the new value, the old one adds nothing.
    assert earlier_bonus(revised, frozenset({"181.0"}), "What is the FY27 forecast?", False) == 0
    # A year before's value counts where a comparison is asked.
    assert earlier_bonus(MARGIN, frozenset({"39.8%"}), "vs a year ago?", True) == EARLIER_BONUS


def test_a_fall_set_beside_the_answer_keeps_its_sign() -> None:
    from assistant.direct import Quote, figure_line

    row = "Diesel \u2014 2025/26 Q1: (11.2)%; 2026/27 Q1: 16.8%"
    line = figure_line(
        Quote(1, row, frozenset({"16.8%"})),
        "how much did diesel sales change in Q1?",
        frozenset({"percent", "points"}),
        None,
    )
    assert line == "16.8% (2025/26 Q1: -11.2%) [1]."
