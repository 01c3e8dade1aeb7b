"""What a sentence names the consensus or a previous assumption is told apart from what it
reports; a bare "FY" asks the full year. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.earlier_values import asks_earlier, compared_from
from assistant.entities import Subject
from assistant.expectations import states_expectation
from assistant.figures import find_figures
from assistant.measures import figure_contexts
from assistant.periods import periods

ACME = Subject("Acme Gears", ("Acme",))


def test_an_outcome_beside_a_named_consensus_is_no_expectation() -> None:
    sentence = (
        "- First-half operating profit (OP) came in at ¥9.4bn (+12% YoY), 5% above the market "
        "consensus of ¥8.9bn and above our own ¥9.0bn."
    )
    expected = {c.figure.text: states_expectation(c) for c in figure_contexts(sentence, ACME)}
    assert expected["¥9.4bn"] is False
    assert expected["¥8.9bn"] is True


def test_a_previous_assumption_in_an_aside_is_an_earlier_value() -> None:
    sentence = "The plan assumes US$1 = ¥150 (previous assumption: ¥146) for the second half."
    by_text = {f.text: f for f in find_figures(sentence)}
    assert compared_from(sentence, by_text["¥146"])
    assert not compared_from(sentence, by_text["¥150"])
    assert asks_earlier("what was the previous 2h yen assumption")
    assert not asks_earlier("2h yen assumption")


def test_a_bare_fy_asks_the_full_year() -> None:
    assert periods("fy op guidance") == {"FY"}
    assert periods("FY26 revenue") == {"FY2026", "2026"}
    assert periods("FY3/27E OP") >= {"FY2027"}


def test_an_earlier_values_label_names_the_figure_before_it_and_no_other() -> None:
    # "(previous assumption: ¥146)" says what ¥150 is; it says nothing of the euro's ¥160.
    sentence = (
        "The plan assumes second-half rates of US$1 = ¥150 (previous assumption: "
        "¥146) and €1 = ¥160 (previous assumption: ¥158)."
    )
    weights = {c.figure.text: dict(c.weights) for c in figure_contexts(sentence, ACME)}
    assert weights["¥150"]["assumption"] == weights["¥160"]["assumption"]
    assert weights["¥146"]["assumption"] > weights["¥150"]["assumption"]
