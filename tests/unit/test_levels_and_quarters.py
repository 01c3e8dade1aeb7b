"""Held-out-style questions of the thirty-eighth round: the level a change reached answers a
question that asks no move, and "in the quarter" names the quarter a question asks, before a
labelled year-earlier figure; a list its lead-in says is planned is what "guidance" asks.
Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.evidence import SentenceEmbeddings
from assistant.figures import find_figures
from assistant.question import question_parts
from assistant.row_moves import unasked_moves
from assistant.sentence_fit import SentenceReader
from tests.unit.test_evidence import FakeEmbedder

ACME = Subject("Acme Airways", ("Acme",))
STAFF = "Staff costs increased 6.0% to €120 million following the new pay agreements."
GO = (
    "Acme carried 2.2 million passengers in the quarter, up 8.0%, at a load factor of "
    "89.1% (Q3 2025: 88.0%)."
)


def test_a_change_before_the_level_it_reached_ranks_last_where_no_move_is_asked() -> None:
    figures = find_figures(STAFF)
    for level in ("What were staff costs?", "how much were staff costs in q3"):
        assert unasked_moves(level, False, STAFF, figures) == {"6.0%"}
    assert unasked_moves("How much did staff costs rise?", True, STAFF, figures) == set()
    assert unasked_moves("how bad was staff cost inflation?", False, STAFF, figures) == set()
    # Two figures not joined as a move and its level: nothing ranks last.
    side = "Staff costs were 6.0% of revenue and €120 million in all."
    assert unasked_moves("What were staff costs?", False, side, find_figures(side)) == set()


def test_the_quarter_a_sentence_leaves_unnamed_is_the_quarter_asked() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("acme passengers in q3", ACME)
    fit = reader.figure_fit(part, GO, "", title="Acme Airways: third quarter 2026 results")
    assert fit is not None and fit.figures == frozenset({"2.2 million"})


def test_a_list_of_plans_is_what_guidance_asks() -> None:
    from assistant.antecedents import with_lead_in
    from assistant.measures import figure_contexts
    from assistant.text import stem

    sentence = "- Unit revenue down around 2% on last year;"
    (ctx,) = figure_contexts(sentence, ACME)
    guidance = stem("guidance")
    planned = "Bookings are steady. For 2027 Acme now expects:"
    assert dict(with_lead_in(ctx, sentence, planned).weights)[guidance] == 0.5
    # A lead-in that states no plan, or a plan said sentences before it, adds no such word.
    for unplanned in (
        "Unit revenue moved as follows:",
        "Acme expects a weak winter. In the third quarter the measures were:",
    ):
        assert guidance not in dict(with_lead_in(ctx, sentence, unplanned).weights)


def test_a_models_code_qualifies_a_figure_and_owns_none() -> None:
    from assistant.focus import question_focus

    focus = question_focus("how many V321 deliveries expected in 2026", ACME)
    assert focus.subjects == frozenset() and focus.qualifiers == frozenset({"v321"})
    assert question_focus("How many A320neo jets are on order?", ACME).subjects == frozenset()
    # A company's name still owns the figure asked.
    assert question_focus("How many stores does Initech run?", ACME).subjects == {"initech"}


def test_a_labelled_asides_earlier_value_ranks_after_the_reported_one() -> None:
    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    record = "Acme carried a record 5.1 million passengers in FY26 (FY25: 4.9 million)."
    fits = {
        question: reader.figure_fit(question_parts(question, ACME)[0], record, "")
        for question in ("total passengers carried", "total passengers carried in FY25")
    }
    assert fits["total passengers carried"].figures == frozenset({"5.1 million"})
    # Asked of the aside's own period, its figure answers.
    assert fits["total passengers carried in FY25"].figures == frozenset({"4.9 million"})


def test_a_sentence_of_the_quarter_and_the_full_year_answers_either() -> None:
    from assistant.periods import periods, periods_fit

    both = "The tax rate was 22.4% in the quarter and 22.9% for the full year."
    title = frozenset(periods("Acme reports fourth quarter and fiscal 2026 results"))
    said = frozenset(periods(both))
    assert periods_fit(frozenset({"Q4"}), said, title)
    # A full-year sentence that names no quarter is still no quarter's.
    assert not periods_fit(frozenset({"Q4"}), frozenset(periods("22.9% for the full year")), title)


def test_a_reported_figure_asked_leaves_out_the_underlying_one() -> None:
    from assistant.focus import question_focus
    from assistant.measure_words import includes_excluded
    from assistant.measures import figure_contexts

    asked = question_focus("reported npat?", ACME)
    sentence = (
        "Underlying net profit after tax of $66.9 million, up 8.3%; reported net profit after "
        "tax of $58.7 million after an impairment"
    )
    left_out = {
        c.figure.text for c in figure_contexts(sentence, ACME) if includes_excluded(asked, c.clause)
    }
    assert left_out == {"$66.9 million", "8.3%"}
    # "reported" that says when or by whom asks no basis.
    for plain in ("What revenue was reported in Q3?", "What profit was reported by Initech?"):
        assert question_focus(plain, ACME).excluded == frozenset()
