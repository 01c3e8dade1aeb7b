"""Fifty-first round: measures asked in plain words, as a reader who does not know a
lender's or a manufacturer's terms asks them (the cushion held against loan losses, net
assets per share once intangibles are stripped out, the rate paid on deposits, deposits that
earn no interest, new business booked, the cash the day-to-day business generated, the most
it will spend buying back shares, what it lost selling bonds), "the bank's" as the company's
own, and "the first three quarters" as nine months. Each rule on made-up text."""

from __future__ import annotations

import pytest

from assistant.focus import question_focus
from assistant.periods import periods
from assistant.question import question_parts
from assistant.rephrasings import measures_described
from assistant.text import stem
from tests.unit.test_evidence import ACME, fit_figures


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        (
            "How big is the cushion Acme holds on its balance sheet against loan losses?",
            "allowance for credit losses",
        ),
        (
            "What are Acme's net assets per share once goodwill and other intangibles are "
            "stripped out?",
            "tangible book value per share",
        ),
        ("What is the average rate Acme pays on all of its deposits?", "Acme's cost of deposits"),
        ("What share of Acme's deposits earn no interest?", "noninterest-bearing deposits"),
        ("How much new business did Acme book in the fourth quarter?", "orders"),
        ("How much cash did the day-to-day business generate in H1?", "operating cash flow"),
        ("What is the most Acme will spend buying back its own shares?", "how much at most"),
        ("How much cash and undrawn credit did Acme have at 30 June?", "liquidity"),
        ("How much did Acme lose selling its old bonds?", "loss Acme made on the sale of"),
    ],
)
def test_a_measure_described_is_named_as_documents_name_it(asked: str, named: str) -> None:
    assert named in measures_described(asked), measures_described(asked)


@pytest.mark.parametrize(
    "asked",
    [
        "How much did the stock lose on Friday?",  # a move, not a loss on a sale
        "Did Acme win new customers?",  # no new business booked
        # a provision is the year's charge, not the allowance held; interest paid, an amount
        "How much did Acme set aside as a provision against loan losses in Q3?",
        "How much interest does Acme pay on its deposits?",
    ],
)
def test_words_that_describe_no_measure_are_left_as_they_are(asked: str) -> None:
    assert measures_described(asked) == asked


def test_the_most_it_will_spend_is_a_sum_of_money() -> None:
    (part,) = question_parts("What is the most Acme will spend buying back its own shares?", ACME)
    assert part.kinds == {"money"}
    said = "The buyback is for up to 1.8 million shares or ¥9 billion."
    assert fit_figures(
        "What is the most Acme will spend buying back its own shares?", said, ACME
    ) == {"¥9 billion"}


def test_a_loss_on_a_sale_is_not_the_sum_sold() -> None:
    said = "Noninterest income reflected a $5.9 million loss on the sale of $265 million of bonds."
    assert fit_figures("How much did Acme lose selling its old bonds?", said, ACME) == {
        "$5.9 million"
    }


def test_the_banks_measure_is_the_companys() -> None:
    focus = question_focus("What is the bank's tangible book value per share?", ACME)
    assert stem("bank") not in focus.measures
    assert {stem("tangible"), stem("book")} <= set(focus.measures)
    # ... while a bank's measure named with it stays ("bank debt")
    assert stem("bank") in question_focus("How much bank debt does Acme have?", ACME).measures


@pytest.mark.parametrize(
    "said", ["the first three quarters", "the three quarters through September"]
)
def test_the_first_three_quarters_are_nine_months(said: str) -> None:
    assert periods(said) == {"M9"}


def test_three_quarters_of_something_is_no_period() -> None:
    assert periods("three quarters of revenue") == set()


def test_sales_at_stores_open_a_year_are_like_for_like_sales() -> None:
    asked = "How much did sales grow at stores open for more than a year, including fuel?"
    assert "like-for-like" in measures_described(asked)
    row = "Like-for-like sales (inc. fuel) — 2030/31 Q1: 1.7%; 2031/32 Q1: 3.2%"
    assert fit_figures(asked, row, ACME)
