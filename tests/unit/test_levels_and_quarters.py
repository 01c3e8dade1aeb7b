"""Held-out-style questions of the thirty-eighth round: the level a change reached answers a
question that asks no move, and "in the quarter" names the quarter a question asks, before a
labelled year-earlier figure. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.figures import find_figures
from assistant.question import question_parts
from assistant.row_moves import unasked_moves
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme Airways", ("Acme",))
STAFF = "Staff costs increased 10.0% to €471 million following the new pay agreements."
GO = (
    "Acme carried 3.48 million passengers in the quarter, up 11.9%, at a load factor of "
    "91.2% (Q3 2025: 90.6%)."
)


def test_a_change_before_the_level_it_reached_ranks_last_where_no_move_is_asked() -> None:
    figures = find_figures(STAFF)
    for level in ("What were staff costs?", "how much were staff costs in q3"):
        assert unasked_moves(level, False, STAFF, figures) == {"10.0%"}
    assert unasked_moves("How much did staff costs rise?", True, STAFF, figures) == set()
    assert unasked_moves("how bad was staff cost inflation?", False, STAFF, figures) == set()
    # Two figures not joined as a move and its level: nothing ranks last.
    side = "Staff costs were 10.0% of revenue and €471 million in all."
    assert unasked_moves("What were staff costs?", False, side, find_figures(side)) == set()


def test_the_quarter_a_sentence_leaves_unnamed_is_the_quarter_asked() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("acme passengers in q3", ACME)
    fit = reader.figure_fit(part, GO, "", title="Acme Airways: third quarter 2026 results")
    assert fit is not None and fit.figures == frozenset({"3.48 million"})
