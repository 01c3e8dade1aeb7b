"""Fiftieth round: what a figure counts. "How big was the writedown?" asks the writedown's
size, not how many depots ("four under-used depots" counts depots: a compound
that opens with "under" is still the noun phrase); free cash flow is no operating cash flow;
"the year before fiscal 2031" is fiscal 2030; what a company pays "for every share" is its
dividend per share, what it pays "in tax on its profits" its tax expense; a level meant
("intends to run CET1 toward 11.5%") is no other value of the level reached."""

from __future__ import annotations

import pytest

from assistant.direct import answer_figure
from assistant.heads import head_at
from assistant.question import ALL_FIGURE_KINDS
from assistant.question_pieces import year_before_named
from assistant.rephrasings import measures_described
from tests.unit.test_clauses_and_other_values import _roles, _said
from tests.unit.test_evidence import ACME, fit_figures

RATE = {"percent"}

WRITEDOWN = (
    "Reported profit was lower after a writedown of $6.2 million on four under-used "
    "depots in Acme's Parcels division."
)


def test_a_compound_that_opens_with_a_stop_word_is_the_figures_noun() -> None:
    assert head_at(" under-used depots in its Parcels division", frozenset()) == "depots"
    assert head_at(" over-the-counter sales", frozenset()) == "sales"
    assert head_at(" in the quarter", frozenset()) == ""  # a stop word alone opens no phrase


def test_the_size_of_a_writedown_is_not_the_count_of_what_it_was_on() -> None:
    assert fit_figures("How big was the writedown?", WRITEDOWN, ACME) == {"$6.2 million"}
    # the count is still there for a question that asks it
    assert fit_figures("How many depots did Acme write down?", WRITEDOWN, ACME) == {"four"}


def test_free_cash_flow_is_not_operating_cash_flow() -> None:
    sentence = "The movement reflects free cash flow of $38.7 million, offset by dividends paid."
    assert not fit_figures("What was Acme's operating cash flow?", sentence, ACME)
    assert fit_figures("What was Acme's free cash flow?", sentence, ACME) == {"$38.7 million"}
    ocf = "Acme's operating cash flow rose 8.1% to $164.2 million in FY31."
    assert not fit_figures("What was Acme's free cash flow?", ocf, ACME)


@pytest.mark.parametrize(
    ("asked", "meant"),
    [
        ("What was adjusted EPS in the year before fiscal 2031?", "adjusted EPS in fiscal 2030"),
        ("EPS in the year prior to FY31?", "EPS in FY30"),
        ("sales in the fiscal year preceding 2031?", "sales in 2030"),
    ],
)
def test_the_year_before_a_named_year_is_that_year_less_one(asked: str, meant: str) -> None:
    assert meant in year_before_named(asked)
    # "the year before" alone names no year to count back from
    assert year_before_named("What was it the year before?") == "What was it the year before?"


def test_the_year_before_a_named_year_is_a_level_not_the_change_column() -> None:
    row = "Adjusted EPS — FY31: $2.64; FY30: $2.20; Change: 20%"
    got = answer_figure(
        row,
        "What was Acme's adjusted EPS in the year before fiscal 2031?",
        ALL_FIGURE_KINDS,
        None,
        ACME,
        frozenset({"$2.20"}),
    )
    assert got is not None and got.text == "$2.20"


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        (
            "How much does Acme now pay shareholders each quarter for every share they own?",
            "pay in dividend per share each quarter",
        ),
        ("How much will Acme pay investors for each share held?", "pay in dividend per share"),
        (
            "How much did Acme pay in tax on its profits in the third quarter?",
            "pay in income tax expense in the third quarter",
        ),
    ],
)
def test_what_is_paid_per_share_or_in_tax_reads_as_its_term(asked: str, named: str) -> None:
    assert named in measures_described(asked)


def test_a_level_meant_is_no_other_value_of_the_level_reached() -> None:
    reached = _said(0, "Acme's CET1 ratio was 12.3% at March 31.", "", {"12.3%"})
    meant = _said(
        1, "Acme intends to run its CET1 ratio toward roughly 11.5% over time.", "", {"11.5%"}
    )
    assert _roles("cet1?", [reached, meant], RATE) == ["part"]
    # ... while another document's ratio reached is shown beside it
    rival = _said(1, "Acme's CET1 ratio was 12.1% at March 31.", "", {"12.1%"})
    assert _roles("cet1?", [reached, rival], RATE) == ["part", "other value"]
    # ... and a question about the aim keeps both
    assert _roles("what CET1 does Acme intend to run?", [reached, meant], RATE) != ["part"]
