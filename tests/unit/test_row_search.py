"""Table rows found by the label a question names, and figures of other words in a sentence
that names a period for an earlier value only. Made-up text."""

from __future__ import annotations

from assistant.chunking import Passage
from assistant.direct import answer_figure
from assistant.figure_periods import figure_periods
from assistant.figures import find_figures
from assistant.matching import measure_fits, question_focus
from assistant.measures import figure_contexts
from assistant.row_search import MAX_ROW_HITS, named_rows

BALANCE = (
    "Cash and deposits (Millions of yen) \u2014 March 31: 64,512; September 30: 66,917\n"
    "Inventories (Millions of yen) \u2014 As of March 31: 85,644; As of September 30: 92,381\n"
    "Total assets (Millions of yen) \u2014 As of March 31: 452,730; As of September 30: 468,214"
)
PROSE = "Total assets rose, mainly due to higher inventories held for chip-tool production."
FLEET = (
    "The fleet of eight vessels carried 2.57 million passengers, up from 2.44 million in FY25, "
    "together with 421,000 vehicles."
)


def _passage(text: str, n: int) -> Passage:
    return Passage(f"p{n}", "doc", "doc", "source", "Doc", "", "", n, 0, len(text), text)


def test_a_passage_with_the_row_a_question_names_is_found_and_prose_is_not() -> None:
    prose, table = _passage(PROSE, 0), _passage(BALANCE, 1)
    assert named_rows("How much inventory was Acme carrying at end-September?", [prose, table]) == [
        table
    ]
    assert named_rows("How did the share price move?", [prose, table]) == []


def test_the_longest_label_named_ranks_first_and_the_list_is_short() -> None:
    inventories = _passage("Inventories \u2014 2026: 92,381", 0)
    totals = _passage("Total assets \u2014 2026: 468,214", 1)
    ranked = named_rows("What were total assets and inventories?", [inventories, totals])
    assert ranked == [totals, inventories]
    many = [_passage(f"Inventories \u2014 {2010 + n}: {n},000", n) for n in range(10)]
    assert len(named_rows("inventories?", many)) == MAX_ROW_HITS


def test_a_label_the_question_qualifies_with_a_word_of_its_own_is_not_named() -> None:
    row = _passage("Revenue \u2014 FY26: 538.9", 0)
    assert named_rows("What was unit revenue in FY26?", [row]) == []
    assert named_rows("What was total revenue in FY26?", [row]) == [row]


def test_a_period_named_for_an_earlier_value_is_not_the_next_figure_s() -> None:
    periods = dict(
        zip(
            (f.text for f in find_figures(FLEET)),
            figure_periods(FLEET, find_figures(FLEET)),
            strict=True,
        )
    )
    assert periods["2.44 million"] >= {"FY2025"}
    assert periods["421,000"] == frozenset()  # its paragraph's period applies
    said = "Revenue was $5.0 million in 2025 compared with profit of $1.0 million."
    assert "2025" in figure_periods(said, find_figures(said))[1]  # no earlier value before it


def test_joined_nouns_are_answered_by_the_one_word_that_names_both() -> None:
    focus = question_focus("How many cars and trucks went across on the ferries?")
    assert focus.groups == ("cars trucks",)
    vehicles = next(c for c in figure_contexts(FLEET) if c.figure.text == "421,000")
    passengers = next(c for c in figure_contexts(FLEET) if c.figure.text == "2.57 million")

    def similarity(a: str, b: str) -> float:  # as the embedding model scores these words
        pair = {a, b}
        return 0.79 if pair == {"vehicles", "cars trucks"} else 0.45

    assert measure_fits(focus, vehicles, similarity, 0.55)
    assert not measure_fits(focus, passengers, similarity, 0.55)
    assert question_focus("How many cars did it sell?").groups == ()


def test_the_old_value_asked_is_one_of_a_figure_that_answers() -> None:
    number = frozenset({"number"})
    question = "How many cars and trucks went across on the ferries last year?"
    picked = answer_figure(FLEET, question, number, None, None, frozenset({"421,000"}))
    assert picked is not None and picked.text == "421,000"
    passengers = frozenset({"2.57 million"})
    asked = "How many passengers did the ferries carry last year?"
    picked = answer_figure(FLEET, asked, number, None, None, passengers)
    assert picked is not None and picked.text == "2.44 million"


def test_a_charge_after_tax_in_brackets_measures_what_the_one_before_tax_does() -> None:
    from assistant.stem_match import stem_match
    from assistant.text import stem

    said = (
        "Underlying profit excludes an impairment of NZ$9.2 million before tax "
        "(NZ$6.6 million after tax) on the freight warehouse sites."
    )
    by_text = {c.figure.text: c for c in figure_contexts(said)}
    after = dict(by_text["NZ$6.6 million"].weights)
    assert stem("impairment") in after and stem("before") not in after
    focus = question_focus("The warehouse writedown - what did it come to after tax?")
    assert stem_match(focus, by_text["NZ$6.6 million"]) > 0.5  # a writedown is an impairment
    # Only a bracket that says so is the same charge after tax.
    from assistant.restated import after_tax_of

    for other in (
        "An impairment of NZ$9.2 million (FY25: NZ$2.7 million) was booked.",
        "An impairment of NZ$9.2 million before tax (NZ$2.7 million in FY25).",
    ):
        first, second = find_figures(other)[:2]
        assert not after_tax_of(other, first, second), other
