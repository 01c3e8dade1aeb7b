"""Fifty-second round: a measure taken of another ("the cost of its deposits", "the yield on
loans") is not the other's amount, and "the cost of deposits" is a rate; a sentence that
opens with the measure asked is retrieved beside the top passages; "at the end of 2031 and
at the end of 2030" asks two periods. Each rule on made-up text."""

from __future__ import annotations

import pytest

from assistant.chunking import Passage
from assistant.cues import asked_kinds
from assistant.measure_words import taken_of
from assistant.question_pieces import each_period
from assistant.rephrasings import measures_described
from assistant.row_search import MAX_LED_HITS, measure_led
from tests.unit.test_evidence import ACME, fit_figures


@pytest.mark.parametrize(
    ("asked", "sentence"),
    [
        ("What was Acme's cost of deposits?", "**Total deposits** were $61.3 billion, up 2.2%."),
        ("What was the cost of Acme's debt?", "Total debt was approximately $2.6 billion."),
        ("What was Acme's yield on loans?", "Total loans were $48.0 billion, up 3.1%."),
    ],
)
def test_the_amount_of_what_a_measure_is_taken_of_does_not_answer_it(
    asked: str, sentence: str
) -> None:
    assert fit_figures(asked, sentence, ACME) == frozenset()


def test_the_measure_taken_of_another_is_answered_where_the_sentence_names_it() -> None:
    got = fit_figures("What was Acme's cost of deposits?", "The cost of deposits was 1.94%.", ACME)
    assert got == frozenset({"1.94%"})


@pytest.mark.parametrize(
    ("asked", "taken"),
    [
        ("What was the cost of its total deposits?", ("cost", "deposit")),
        ("yield on Acme's loans?", ("yield", "loan")),
        ("What was the return on assets?", ("return", "asset")),
        ("What was the rate of growth?", None),  # growth is what is asked
        ("What were cost savings?", None),
        ("What is the price target?", None),
    ],
)
def test_a_measure_taken_of_another_is_read_from_its_words(
    asked: str, taken: tuple[str, str] | None
) -> None:
    assert taken_of(asked) == taken


@pytest.mark.parametrize(
    "asked", ["What was Acme's cost of deposits?", "What is the bank's cost of funding?"]
)
def test_the_cost_of_deposits_or_funding_is_a_rate(asked: str) -> None:
    assert "percent" in asked_kinds(asked)


def test_the_cost_of_sales_is_still_a_sum() -> None:
    assert "percent" not in asked_kinds("What was Acme's cost of sales?")


@pytest.mark.parametrize(
    "asked",
    [
        "What rate does the bank pay on its deposits?",
        "what rate does it pay on its deposits?",
        "What was the interest rate paid on deposits?",
    ],
)
def test_the_rate_paid_on_deposits_is_the_cost_of_deposits(asked: str) -> None:
    described = measures_described(asked)
    assert "cost of deposits" in described and " rate " not in f" {described} ", described


def test_a_pronoun_owner_reads_as_a_possessive() -> None:
    assert measures_described("what rate does it pay on its deposits?") == (
        "what is its cost of deposits?"
    )


def _passage(text: str, n: int) -> Passage:
    return Passage(f"p{n}", "doc", "doc", "source", "Doc", "", "", n, 0, len(text), text)


def test_a_passage_with_a_sentence_opening_with_the_measure_is_found() -> None:
    bullets = _passage(
        "- Orders were $3.1bn, up 5%. Backlog at year end was $1.9bn, up 7% from $1.78bn.", 0
    )
    aside = _passage("With a backlog this deep, we think $3.95 of EPS is within reach.", 1)
    bare = _passage("Backlog conversion is a priority for the year ahead.", 2)
    assert measure_led("How much did Acme's backlog grow?", [aside, bare, bullets]) == [bullets]


def test_few_passages_are_added_and_none_without_a_measure() -> None:
    many = [_passage(f"Backlog was ${n}.1bn at the end of 20{30 + n}.", n) for n in range(6)]
    assert len(measure_led("backlog?", many)) == MAX_LED_HITS
    assert measure_led("How did Acme do?", many) == []


def test_two_period_ends_named_in_full_are_two_parts() -> None:
    got = each_period("What was leverage at the end of fiscal 2031 and at the end of fiscal 2030?")
    assert got == [
        "What was leverage at the end of fiscal 2031?",
        "What was leverage at the end of fiscal 2030?",
    ]
