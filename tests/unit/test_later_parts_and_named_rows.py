"""Fresh questions of the forty-seventh round, read as a user would: a table row is named by
the acronym its label spells out, or, for an earlier year asked, by the business it is of;
"the twelve months to June 2031" is a fiscal year and "January through September" nine months;
a later part takes the measure of the part before where it names it again ("that forecast")
or names none, with the words and places that qualify it, and a part asking a move takes the
move from the earlier value its borrowed sentence gives; the noun a "how many" side counts is
what the other side borrows; a length of time answers no amount; "how much has it spent"
asks money; a verb of intent or "what did that cost?" names no measure; a figure's clause
stops where a later figure's measure is introduced; "(previously: at least ...)" is the old
value; "before the cut" asks no move; a row of the whole is no other value of a part asked in
other words; an earlier value in brackets keeps the owner of the figure before it; a verb asked
before its object ("committed to AI") modifies nothing. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.composing import compose_direct
from assistant.cues import asked_kinds, asks_movement
from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.heads import counts_time_unasked
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.question import question_parts
from assistant.row_fit import row_fit
from assistant.synonyms import plain_terms
from assistant.text import content_stems
from tests.unit.test_evidence import ACME, fit_figures

ACME_TRAVEL = Subject("Acme Travel", ("Acme",))


def test_a_row_is_named_by_the_acronym_its_label_spells_out() -> None:
    from assistant.row_fit import _named_by_acronym

    row = "Return on capital employed (ROCE) (2) \u2014 3Q31: 11.6%; 2Q31: 11.9%"
    assert _named_by_acronym(row, content_stems("roce?"))
    assert not _named_by_acronym(row, content_stems("roe?"))
    # (a bracket inside a cell is no label's)
    assert not _named_by_acronym("Margin \u2014 Pumps (PMP): 9.1%", content_stems("pmp?"))


def test_the_twelve_months_to_a_month_is_a_fiscal_year_and_january_on_is_months_so_far() -> None:
    assert periods("What did Pumps bring in over the twelve months to June 2030?") == {
        "FY2030",
        "2030",
    }
    assert periods("How much EBIT did Acme make from January through September?") == {"M9"}
    assert periods("sales January to December") == {"FY"}
    # (a quarter and a half keep their own readings)
    assert periods("January to March") == {"Q*", "Qm03"}


def test_a_row_named_for_the_business_asked_answers_an_earlier_year_by_its_headers() -> None:
    row = (
        "Ferries \u2014 Revenue FY31 ($m): 403.7; Revenue FY30 ($m): 376.4; "
        "Operating margin FY31: 14.2%; Operating margin FY30: 13.6%"
    )
    assert fit_figures("What was Ferries revenue in FY30?", row, ACME_TRAVEL) == {"376.4"}
    assert fit_figures("What was the Ferries operating margin in FY30?", row, ACME_TRAVEL) == {
        "13.6%"
    }
    # A question of the whole company is no business's row; the latest year is left to the
    # prose that states it in the document's own currency.
    assert fit_figures("What was revenue in FY30?", row, ACME_TRAVEL) == frozenset()
    assert fit_figures("What was Ferries revenue in FY31?", row, ACME_TRAVEL) == frozenset()


def test_the_other_side_borrows_the_noun_counted_not_the_verb() -> None:
    parts = question_parts("How many passengers did the ferries carry compared with the airline?")
    assert [p.text for p in parts] == ["passengers ferries", "airline passengers"]


def test_sides_asking_the_same_move_each_name_their_own_measure() -> None:
    asked = "How did the growth in seat capacity compare with the growth in passenger numbers?"
    _, second = question_parts(asked)
    assert "capacity" not in second.text
    assert {"percent", "number"} <= second.kinds  # the growth of a count is a rate


def test_a_later_part_naming_the_measure_again_takes_the_whole_measure() -> None:
    asked = (
        "What EBITDA does the broker forecast for 2031 and by how much did it raise that forecast?"
    )
    first, second = question_parts(asked)
    assert second.focus.measures == first.focus.measures
    assert asks_movement(second.text)
    # "what did it raise it to?" still asks the level reached, not a move
    assert not asks_movement("What did the broker raise its target to?")


def test_a_later_part_with_no_measure_keeps_the_measures_words_and_place() -> None:
    asked = "What was Acme's share of passengers at Kelmarsh and how much did it change?"
    first, second = question_parts(asked, ACME)
    assert "share" in second.focus.words
    assert second.focus.qualifiers == first.focus.qualifiers


def test_what_that_cost_and_a_verb_of_intent_name_no_measure() -> None:
    assert measure_words("and what did that cost?") == []
    assert measure_words("How much does Acme aim to save?") == ["save"]
    # "What did the new plant cost?" still asks a cost of its own
    assert "cost" in measure_words("What did the new plant cost?")
    parts = question_parts("How many shares did Acme buy back in Q4 and what did that cost?")
    assert parts[1].focus.measures == parts[0].focus.measures


def test_a_length_of_time_answers_no_other_measure() -> None:
    text = "Revenue from services grew at a double-digit rate for nine quarters in a row."
    (quarters,) = (f for f in find_figures(text) if f.kind == "number")
    money = frozenset({"money", "number"})
    asked = "What was total revenue in the latest quarter?"
    assert counts_time_unasked(asked, text, quarters, money)
    assert not counts_time_unasked("How long has the streak lasted?", text, quarters, money)
    assert not counts_time_unasked("For how many quarters in a row?", text, quarters, money)
    # (a count asked in other words may be one: "What is the run of growth?")
    assert not counts_time_unasked("What was the record?", text, quarters, frozenset({"number"}))


def test_how_much_spent_asks_money_not_a_count() -> None:
    assert asked_kinds("How much has Acme spent buying back its own stock?") == {"money"}
    assert asked_kinds("How much oil did Acme buy?") == {"money", "number"}
    assert "number" in asked_kinds("How many shares did it buy and how much did it spend?")


def test_spending_of_the_average_customer_is_asked_per_customer() -> None:
    (part,) = question_parts("How much did the average passenger spend on extras?")
    assert part.focus.per == "passenger"


def test_idioms_of_one_offs_extras_and_cost_cutting() -> None:
    assert "underlying" in plain_terms("What was EPS once one-offs are stripped out?")
    assert "ancillaries" in plain_terms("How much did add-ons bring in?")
    assert "cost savings" in plain_terms("How much does Acme aim to cut from its costs?")


def test_a_figures_clause_stops_where_a_later_figures_measure_is_introduced() -> None:
    said = (
        "Our view is unchanged and we still expect to deliver Total underlying operating "
        "profit of between £410 million and £450 million and Group free cash flow of more "
        "than £200 million."
    )
    for asked in ("free cash flow guidance?", "fcf guide?"):
        assert "£410 million and £450 million" not in fit_figures(asked, said, ACME)
    short = "We expect operating profit of £410 million and free cash flow of over £200 million."
    assert fit_figures("free cash flow guidance?", short, ACME) == {"£200 million"}


def test_once_fuel_is_included_asks_the_figure_with_it() -> None:
    (part,) = question_parts("What were total sales once fuel is included?")
    assert part.focus.included == {"fuel"}


def test_a_move_part_borrowing_a_sentence_takes_the_move_of_the_figure_asked() -> None:
    said = (
        "Kelmarsh handled 12.9 million passengers, up 4.7%, but Acme's share of them slipped "
        "to 39.6% from 40.4%."
    )
    parts = ["Acme's share of passengers at Kelmarsh", "how much did it change"]
    picked = [(1, said, 0, "part")]
    line = compose_direct(
        picked, parts, frozenset({"percent", "points"}), None, (), (), {1: frozenset({"39.6%"})}
    )
    assert "4.7%" not in line
    assert "from 40.4%" in line


def test_row_fit_adds_the_named_bonus_for_a_row_named_by_its_acronym() -> None:
    from assistant.row_fit import ROW_NAMED_BONUS
    from assistant.sentence_fit import SentenceReader
    from assistant.similarity import SentenceEmbeddings
    from tests.unit.test_evidence import FakeEmbedder

    reader = SentenceReader(ACME, frozenset(), SentenceEmbeddings(FakeEmbedder()), None, 0.5)
    (part,) = question_parts("rotce?", ACME)
    row = "Return on tangible common equity (ROTCE) \u2014 3Q31: 13.8%; 2Q31: 14.2%"
    stems = content_stems("rotce?")
    assert row_fit(part, row, row, stems, set(), reader) == ROW_NAMED_BONUS


def test_a_previous_value_in_brackets_after_a_bound_is_the_old_value() -> None:
    from assistant.earlier_values import compared_from, earlier_value
    from assistant.value_questions import asks_old_value

    said = "- Free cash flow of at least €210 million (previously: at least €240 million)"
    new, old = find_figures(said)
    assert earlier_value(said, new) == (old, "previously")
    assert compared_from(said, old) and not compared_from(said, new)
    # A part that borrows its measure still asks the old value.
    assert asks_old_value("what was it before (free cash flow guidance)")
    parts = ["What is the free cash flow guidance now", "what was it before (free cash flow)"]
    kinds = frozenset({"money", "number"})
    line = compose_direct(
        [(1, said, 0, "part")], parts, kinds, None, (), (), {1: frozenset({"€210 million"})},
        "What is the free cash flow guidance now and what was it before?",
        {(1, 1): frozenset({"€240 million"})},
    )  # fmt: skip
    assert line == "At least €210 million [1]; At least €240 million [1]."


def test_the_level_before_a_cut_is_no_move() -> None:
    assert not asks_movement("Where was the broker's EBITDA estimate before the cut?")
    assert asks_movement("How much did the broker cut its EBITDA estimate?")


def test_a_row_of_the_whole_is_no_other_value_of_a_part_asked_in_other_words() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ask

    table = (
        "Ancillary revenue (EUR m) \u2014 Q3 2031: 372; Q3 2030: 327\n\n"
        "Revenue (EUR m) \u2014 Q3 2031: 2,395; Q3 2030: 2,250"
    )
    evidence = ask("How much ancillary revenue was there in Q3 2031?", table, "Q3 results")
    part_row, whole_row = evidence.sentences
    # "extras" is asked of the ancillary row, in the words the documents print
    reader = QuoteReader(evidence, "How much revenue came from extras in Q3 2031?", ACME)
    assert _value_news(reader, [(1, part_row, "part")], whole_row) == "apart"


def test_an_earlier_value_in_brackets_is_of_the_owner_of_the_figure_before_it() -> None:
    from assistant.measures import figure_contexts

    said = "Skyline Go carried 3.1 million passengers, at a load factor of 89.4% (Q3 2030: 88.7%)."
    *_, now, then = figure_contexts(said, ACME)
    assert then.subjects == now.subjects == {"skyline go"}


def test_a_verb_asked_before_its_object_modifies_nothing() -> None:
    from assistant.measures import figure_contexts
    from assistant.modifiers import names_the_modifier

    said = (
        "Over the past two years, the company has committed $40 billion to AI and data "
        "centres, driving AI-related revenue up for five consecutive quarters."
    )
    (part,) = question_parts("How much has Acme committed to AI and data centres?", ACME)
    committed = next(c for c in figure_contexts(said, ACME) if c.figure.text == "$40 billion")
    assert not names_the_modifier(part.focus, committed)
    # ... while a noun before the measure asked still does ("order backlog" of "orders")
    said = "Orders rose 12% to ¥85 billion, and the backlog reached ¥120 billion."
    (part,) = question_parts("What was the order backlog?", ACME)
    orders = next(c for c in figure_contexts(said, ACME) if c.figure.text == "¥85 billion")
    assert names_the_modifier(part.focus, orders)
