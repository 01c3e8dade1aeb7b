"""Fiftieth round: a full year's figure asked "last year" ("full-year EBIT last year?", "for
the whole of last year") is the last year the sources report whole, not the quarter or half of
it a release compares with, nor this year's guidance."""

from __future__ import annotations

import pytest

from assistant.latest_year import last_full_year, latest_reported
from assistant.periods import periods, periods_fit
from assistant.plan_cues import asks_actual
from tests.unit.test_evidence import ask

# A third-quarter release of 2031 and a broker's table: 2030 is the last full year.
RELEASE = (
    "Acme's EBIT was €214 million in the third quarter of 2031 (Q3 2030: €236 million). "
    "Full-year 2031 EBIT guidance lowered to €610 million to €650 million (previously €680 "
    "million to €720 million). "
    "EBIT (EUR m) — FY30A: 733; FY31E: 628; FY32E: 701"
)


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (["EBIT (EUR m) — FY30A: 733; FY31E: 628", "EBIT of €214 million (Q3 2031: €236m)"], 2030),
        # a broker's estimate columns are no year reported; the actual column beside them is
        (["EBIT (EUR m) — FY30A: 733; FY31E: 628; FY32E: 701", "Sales rose in Q3 2030."], 2030),
        # a fiscal year reported whole is the last, whatever calendar quarter came after it
        (["Revenue for fiscal year 2031 was $9bn.", "In the quarter ended June 30, 2031"], 2031),
        # the date a full-year report was published is not the year it reports
        (["- 18.03.2031 Acme reports full-year results 2030", "Revenue — H1 2031: 6.3"], 2030),
        # years of a plan or a forecast are not years reported
        (["Acme is spending €2bn between 2031 and 2033.", "Sales fell in H1 2031."], 2030),
        (["Acme expects full-year 2032 revenue of $10bn.", "Revenue for the full year 2031"], 2031),
        (["Acme opened a store in Leeds."], 0),
    ],
)
def test_the_last_year_reported_whole(texts: list[str], year: int) -> None:
    assert last_full_year(texts) == year


@pytest.mark.parametrize(
    "question",
    [
        "What revenue did Acme report for the whole of last year?",
        "revenue for all of the previous financial year?",
        "How did revenue do last year as a whole?",
    ],
)
def test_the_whole_of_last_year_asks_a_full_year(question: str) -> None:
    assert periods(question) == {"FY"}


def test_a_year_column_is_the_last_full_year_but_not_any_full_year() -> None:
    # the last full year is asked as that fiscal year: "2030A: 301.4" fits, a half does not
    assert periods_fit(frozenset({"FY2030", "2030"}), frozenset({"2030"}), frozenset())
    assert not periods_fit(frozenset({"FY2030", "2030"}), frozenset({"2030", "H1"}), frozenset())
    # "full-year" with no year named wants a figure said to be a full year's ("for 2031" may
    # be a plan for a year under way)
    assert not periods_fit(frozenset({"FY"}), frozenset({"2030"}), frozenset())


def test_a_question_about_last_year_asks_what_happened() -> None:
    assert asks_actual(frozenset({"full", "year", "ebit", "last"}))
    assert not asks_actual(frozenset({"ebit", "guidance", "last", "year"}))


def test_full_year_last_year_is_answered_by_the_last_full_year() -> None:
    evidence = ask("What was Acme's full-year EBIT last year?", RELEASE, "Acme Q3 2031 results")
    first = evidence.sentences[0]
    assert first.answering == {"733"}
    # neither the third quarter's EBIT nor this year's guidance, old or new, answers it
    answering = set().union(*(s.answering for s in evidence.sentences))
    assert not answering & {"€214 million", "€236 million", "€680 million to €720 million"}


def test_the_whole_of_last_year_is_answered_by_the_last_full_year() -> None:
    evidence = ask("What was Acme's EBIT for the whole of last year?", RELEASE, "Acme Q3 results")
    assert evidence.sentences[0].answering == {"733"}


# An annual report of the year to June 2031, its highlights a list; one line looks ahead.
ANNUAL = (
    "Acme's revenue rose 5.7% to $842.5 million in FY31. EBITDA was $171.9 million in FY31.\n\n"
    "- About 45% of FY32 diesel is unhedged, around 12 million litres\n"
    "- Acme's ferries carried 1.62 million passengers\n\n"
    "Acme's ferry fleet of six boats carried 1.62 million passengers, up from 1.55 million "
    "in FY30, together with 212,000 cars."
)


def test_the_previous_year_counts_back_from_the_year_reported_not_a_year_ahead() -> None:
    evidence = ask(
        "How many passengers did Acme's ferries carry in the previous financial year?",
        ANNUAL,
        "Acme Annual Results for the Year Ended 30 June 2031",
    )
    answering = set().union(*(s.answering for s in evidence.sentences))
    assert "1.55 million" in answering
    assert "1.62 million" not in answering  # this year's, though FY32 is named once


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        # one passing mention of next year is no year reported
        (
            [
                "Revenue rose 5% to $10m in FY31.",
                "Profit rose to $2m in FY31.",
                "45% of FY32 diesel is unhedged, about 12m litres.",
            ],
            2031,
        ),
        # nor are plans: what "will" happen, what is "due" or "scheduled"
        (
            [
                "Revenue rose 5% to $10m in FY31.",
                "Two trains costing $55m are due for delivery in FY32.",
                "Acme will merge four depots during FY32, saving $2m.",
                "A new tram line costing $90m is scheduled to open in March 2032.",
            ],
            2031,
        ),
    ],
)
def test_the_latest_year_reported(texts: list[str], year: int) -> None:
    assert latest_reported("What was it a year ago?", texts) == year
