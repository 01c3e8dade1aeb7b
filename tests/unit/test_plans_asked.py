"""A forecast asked ("what does Acme expect", "guidance") is answered by the figure said to be
planned before an outcome of the same measure; a list's lead-in dates the list by the clause
that ends in its colon. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.cues import reason_start
from assistant.earlier_values import compared_from
from assistant.figure_periods import paragraph_periods
from assistant.figures import find_figures
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.plan_cues import states_forecast, states_plan
from tests.unit.test_chain_fakes import final, run

RELEASE = (
    "# Acme half-year results January-June 2026\n\n"
    "## Sales steady in the half; full-year outlook adjusted\n\n"
    "- Revenue of €1,370 million, up 0.4% reported; organic growth of 0.6%\n"
    "- Free cash flow of €58.2 million\n\n"
    "## Outlook 2026\n\n"
    "Given the first half and a softer second half, the board has adjusted its outlook "
    "for financial year 2026:\n\n"
    "- Organic revenue growth of between -2% and 0%\n"
    "- Free cash flow of at least €135 million\n"
)


def test_financial_year_followed_by_its_number_is_that_fiscal_year() -> None:
    assert periods("its outlook for financial year 2026") == {"FY2026", "2026"}
    assert periods("in fiscal year 2027") == {"FY2027", "2027"}


def test_a_list_lead_in_is_dated_by_its_own_clause_not_what_it_looks_back_on() -> None:
    lead_in = (
        "Given the first half and a softer second half, the board has adjusted its "
        "outlook for financial year 2026:"
    )
    assert paragraph_periods(lead_in, "Half-year results") == {"FY2026", "2026"}
    # A lead-in whose last clause names no period keeps the periods of the whole.
    assert "H1" in paragraph_periods("In the first half, we delivered:", "Results")


def test_a_fiscal_year_named_in_passing_does_not_date_a_half_year_report_s_figures() -> None:
    context = "Net debt rose. The increase reflects the dividend paid for financial year 2025."
    title = "Acme Half-Year Results January-June 2026"
    assert paragraph_periods(context, title) == frozenset(periods(title))


def test_a_later_fiscal_year_dates_what_follows_in_an_annual_report() -> None:
    context = "For FY27, we expect capital expenditure to rise."
    assert paragraph_periods(context, "Acme annual results FY26") == {"FY2027", "2027"}


def test_a_move_after_as_is_a_reason_not_what_the_figure_measures() -> None:
    line = "The margin improved to 13.6% from 12.9% as fuel costs per crossing fell."
    assert line[reason_start(line, line.index("12.9%")) :].startswith("as fuel costs")
    assert reason_start("Sales rose as much as 5%.", 0) is None


def test_a_percentage_more_than_a_year_earlier_is_a_growth_rate_not_an_addition() -> None:
    grew = "The airports handled 29.7 million passengers, 4.6% more than a year earlier."
    five = next(c for c in figure_contexts(grew) if c.figure.text == "4.6%")
    assert not five.increment
    added = "The group will open 150 more stores than planned."
    stores = next(c for c in figure_contexts(added) if c.figure.text.startswith("150"))
    assert stores.increment


def test_plans_asked_and_stated() -> None:
    assert states_forecast("What organic growth does Acme expect for 2026?")
    assert states_forecast("What is the full-year capex guidance?")
    assert not states_forecast("What was organic growth in the half?")
    assert states_plan("Net sales — FY3/26A: 321.4; FY3/27E: 351.0")
    assert states_plan("the board has adjusted its outlook for financial year 2026:")
    assert not states_plan("- Revenue of €1,370 million, up 0.4% reported")
    # A heading speaks for its section by its first clause, not by a headline's aside.
    assert states_plan("- Free cash flow of at least €135 million", "Outlook 2026")
    assert not states_plan("- Revenue of €1,370m", "Sales steady; full-year outlook adjusted")


def test_a_forecast_asked_is_answered_by_the_plan_not_the_half_s_outcome() -> None:
    answer = final(run("What organic growth does Acme expect?", docs={"r": RELEASE})[0])
    assert "2%" in answer.direct and "0.6%" not in answer.direct
    # Asked without a forecast word, the half's outcome still answers.
    actual = final(run("What was Acme's organic growth in the half?", docs={"r": RELEASE})[0])
    assert actual.direct.startswith("Up 0.6%") or actual.direct.startswith("0.6%")


def test_the_floor_of_the_full_year_guidance_is_the_outlook_list_s_figure() -> None:
    asked = "What's the floor of the new full-year free cash flow guidance?"
    answer = final(run(asked, docs={"r": RELEASE})[0])
    assert answer.direct.startswith("At least €135 million")
    assert not [f for f in find_figures(answer.direct) if "58.2" in f.text]


def test_a_half_s_figure_is_not_the_full_year_s_whatever_its_heading_names() -> None:
    # "(H1 2025: €118.3 million)" under "Sales steady; full-year outlook adjusted"
    heading = frozenset({"FY", "2026", "H1"})
    assert not periods_fit(frozenset({"FY", "2025"}), frozenset({"H1", "2025"}), heading)
    assert periods_fit(frozenset({"FY", "2025"}), frozenset({"FY2025", "2025"}), heading)


def test_a_bound_given_as_the_previous_value_is_the_earlier_one() -> None:
    line = "- Free cash flow of at least €135 million (previously: at least €170 million)"
    new, old = find_figures(line)
    assert compared_from(line, old) and not compared_from(line, new)
    answer = final(run("What was Acme's old free cash flow guidance?", docs={"r": RELEASE_OLD})[0])
    assert answer.direct.startswith("At least €170 million")


RELEASE_OLD = (
    "## Outlook 2026\n\n"
    "The board has adjusted its outlook for financial year 2026:\n\n"
    "- Free cash flow of at least €135 million (previously: at least €170 million)\n"
)


def test_a_second_earlier_value_joined_by_and_is_an_earlier_value_too() -> None:
    line = (
        "We now plan capital expenditure of ¥24.5 billion for FY3/27, up from ¥21.5 billion "
        "in the May plan and ¥18.2 billion last year."
    )
    by_text = {f.text: f for f in find_figures(line)}
    assert compared_from(line, by_text["¥18.2 billion"])
    assert not compared_from(line, by_text["¥24.5 billion"])
    other = "Revenue rose to $5.1 billion from $4.2 billion and the margin reached 12%."
    assert not compared_from(other, next(f for f in find_figures(other) if f.text == "12%"))
    asked = "What's Acme's capex budget for the full year now that it has been raised?"
    answer = final(run(asked, docs={"call": line})[0])
    assert answer.direct.startswith("¥24.5 billion")
