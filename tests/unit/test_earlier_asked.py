"""Questions that ask the value before: the prior-year cell of a fiscal-year row, the
prior-year quarter, the value before a raise or a cut, and a level set against a year ago.
Made-up text; no model is loaded."""

from __future__ import annotations

import pytest

from assistant.base_values import figure_ranks
from assistant.cues import currency_rate_asked
from assistant.direct import answer_figure
from assistant.earlier_values import compares_with_earlier
from assistant.entities import Subject
from assistant.figure_periods import years_of
from assistant.latest_year import latest_reported
from assistant.matching import answers, question_focus
from assistant.measures import figure_contexts
from assistant.periods import periods
from assistant.prior_year import asks_prior_year
from assistant.question import question_parts
from assistant.question_asides import asks_year_back
from assistant.value_questions import asks_old_value

ACME = Subject("Acme Stores", ("Acme",))
MONEY = frozenset({"money", "number"})
ROW = "Fuel (£m) \u2014 2030/31 Q1: 2,215; 2030/31 Q2: 1,924; 2031/32 Q1: 2,410"


def test_a_fiscal_years_label_dates_it_to_that_year_alone() -> None:
    assert years_of(frozenset({"2030", "2031", "FY2031", "Q1"})) == {"2031"}
    assert years_of(frozenset({"2030", "Q4"})) == {"2030"}


@pytest.mark.parametrize(
    "question",
    [
        "How much revenue did fuel bring in during the prior-year first quarter?",
        "fuel sales q1 a year earlier",
    ],
)
def test_the_prior_year_cell_of_a_fiscal_row(question: str) -> None:
    got = answer_figure(ROW, question, MONEY, None, ACME, frozenset({"2,215", "2,410"}))
    assert got is not None and got.text == "2,215"


def test_the_year_before_is_said_in_many_ways() -> None:
    for said in ("the prior-year quarter", "one year earlier", "the previous fiscal year"):
        assert asks_prior_year(f"free cash flow in {said}"), said
        assert asks_year_back(f"What was free cash flow in {said}?"), said
    assert not asks_year_back("What was free cash flow last year?")  # often the latest year
    assert asks_prior_year("What was free cash flow last year?")
    assert set(periods("cash flow in the prior-year quarter")) == {"Q?"}
    assert set(periods("margin in the year-ago half")) == {"H?"}


def test_a_level_set_against_a_year_ago_asks_both() -> None:
    for question in ("gaap op margin q4 vs yr ago", "net income q4 vs prior yr"):
        assert compares_with_earlier(question), question
        assert not asks_year_back(question), question


@pytest.mark.parametrize(
    ("question", "old"),
    [
        ("What was the quarterly dividend per share before the increase?", True),
        ("What was the broker's EBITDA forecast before it was lowered?", True),
        ("What was profit before tax?", False),
        ("What was revenue before the merger?", False),
    ],
)
def test_before_a_move_asks_the_old_value(question: str, old: bool) -> None:
    assert asks_old_value(question) is old


def test_the_board_speaks_for_the_company() -> None:
    assert ACME.is_subject("Board") and ACME.is_subject("Board of Directors")
    assert not ACME.is_subject("Globex")


def test_a_deadline_is_no_year_reported() -> None:
    texts = [
        "Sales rose 3% to £2.4bn in 2031.",
        "It set a new goal to raise £25 million by 2035 for local charities.",
    ]
    assert latest_reported("What were sales a year ago?", texts) == 2031


def test_a_rate_against_the_same_period_a_year_before_keeps_its_currency() -> None:
    question = "What was the average euro rate in H1 compared with the same period a year before?"
    (part,) = question_parts(question)
    assert currency_rate_asked(part.text) == {"euro"}
    # (a measure that is no exchange rate is still asked of each period)
    assert len(question_parts("Adjusted EBITA this H1 versus the same half last year?")) == 2


def test_a_level_and_a_year_earlier_asks_both() -> None:
    question = "What was the headcount at the end of June 2031 and twelve months earlier?"
    assert compares_with_earlier(question) and not asks_year_back(question)
    assert not compares_with_earlier("What was the headcount twelve months earlier?")
    sentence = (
        "The Group employed 4,120 people at 30 June 2031, compared with 3,980 a year earlier."
    )
    tried = figure_contexts(sentence, ACME)
    # The earlier value found to answer lends its rank to the latest, and keeps its own.
    both = figure_ranks({"3,980": 1.0}, tried, sentence, frozenset(), True, both=True)
    assert both == {"3,980": 1.0, "4,120": 1.0}
    assert figure_ranks({"3,980": 1.0}, tried, sentence, frozenset(), True) == {"3,980": 1.0}


def test_a_level_in_the_present_tense_is_no_year_agos() -> None:
    focus = question_focus("How many employees did Acme have a year ago?", ACME)
    about = "Headquartered in Springfield, Acme has approximately 15,800 employees in 21 countries."
    now = figure_contexts(about, ACME)[0]
    then = figure_contexts("Acme had approximately 15,200 employees at the time.", ACME)[0]
    assert not answers(focus, now, frozenset({"2031", "2030"}), None, 0.0, 2031)
    assert answers(focus, then, frozenset({"2031", "2030"}), None, 0.0, 2031)
