"""A question that asks what happened ("what was EPS?") is not answered by a forecast, however
far the forecast's verb stands from its figure or where a table's row or column names the
forecast year. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.matching import answers, question_focus
from assistant.measures import figure_contexts

ACME = Subject("Acme Freight", ("Acme",))
RAISED = (
    "The broker raised its forecast for earnings per share in the 2028 financial year by 3.1% "
    "to 44.0 cents."
)
REPORTED = "Acme reported earnings per share of 41.5 cents for the year."


def _fits(question: str, sentence: str) -> dict[str, bool]:
    focus = question_focus(question, ACME)
    return {c.figure.text: answers(focus, c) for c in figure_contexts(sentence, ACME)}


def test_a_forecast_raised_to_a_figure_answers_no_question_of_what_was() -> None:
    assert _fits("what was earnings per share", RAISED)["44.0 cents"] is False
    assert _fits("what was earnings per share", REPORTED)["41.5 cents"] is True
    # Asked as a forecast, the forecast answers.
    assert _fits("what is the broker's earnings per share forecast", RAISED)["44.0 cents"]


def test_a_forecast_years_row_or_column_answers_no_question_of_what_was() -> None:
    row = "FY28F EPS (cents) \u2014 Old: 42.7; New: 44.0; Change: +3.1%"
    assert _fits("what was eps", row) == {"42.7": False, "44.0": False, "3.1%": False}
    columns = "Underlying EPS (cents) \u2014 FY26: 41.5; FY27: 43.0; FY28F: 44.0"
    assert _fits("what was underlying eps", columns)["44.0"] is False
    assert _fits("what was underlying eps", columns)["41.5"] is True
    # A question that names the forecast year, or asks an estimate, reads the row.
    assert _fits("what was eps in fy28", row)["44.0"] is True
    assert _fits("what is the eps estimate", row)["44.0"] is True


def test_a_forecast_before_a_comma_leaves_the_actual_after_it() -> None:
    sentence = (
        "The new outlook implies second-half profit of $9.0 million, even though orders rose 12% "
        "to $40.0 million in the first half."
    )
    assert _fits("what were orders in the first half", sentence)["$40.0 million"] is True


def test_a_figure_named_the_consensus_answers_only_a_question_for_expectations() -> None:
    sentence = (
        "We cut FY28E EPS to 43.0 cents, near the bottom of the new guidance range and below "
        "the consensus of 45.2 cents."
    )
    assert _fits("fy28 eps guidance", sentence)["45.2 cents"] is False
    assert _fits("what is the fy28 eps consensus", sentence)["45.2 cents"] is True
    assert _fits("what were analysts expecting for fy28 eps", sentence)["45.2 cents"] is True


def test_a_letter_after_a_number_is_its_unit_and_ends_a_sentence() -> None:
    from assistant.text import split_sentences

    text = "Consensus was EUR 412m. We cut FY27E EBIT to EUR 538m. J. K. Rowling spoke."
    assert split_sentences(text) == [
        "Consensus was EUR 412m.",
        "We cut FY27E EBIT to EUR 538m.",
        "J. K. Rowling spoke.",
    ]
