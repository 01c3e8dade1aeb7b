"""Fifty-first round: an earlier value is of the period and the measure its own words say (a
year earlier than the lead's, an aside's lead's clause, a label naming another measure), a
change column answers no level, and a later part asks what the part before asked of the
year before, or its old value ("this year and last year", "what did it assume before?",
"and what was the original forecast?"). Each rule on made-up text."""

from __future__ import annotations

import pytest

from assistant.comparisons import compared_sides
from assistant.composing import compose_direct
from assistant.direct import answer_figure
from assistant.earlier_values import compared_from
from assistant.figures import find_figures
from assistant.measures import figure_contexts
from assistant.question import question_parts
from assistant.question_pieces import each_period
from assistant.stated_moves import asserted_move
from assistant.value_questions import asks_old_value
from tests.unit.test_evidence import ACME, ask, fit_figures

MONEY = frozenset({"money"})


def _periods(sentence: str) -> dict[str, set[str]]:
    return {c.figure.text: set(c.periods) for c in figure_contexts(sentence, ACME)}


def test_a_value_marked_a_year_earlier_is_of_the_year_before_the_one_named() -> None:
    led = "Acme's leverage fell to 1.7x at the end of fiscal 2031 from 2.2x a year earlier."
    assert _periods(led) == {"1.7x": {"FY2031", "2031"}, "2.2x": {"FY2030", "2030"}}
    quarter = (
        "The margin was 2.96% in the third quarter of 2031, compared with 2.81% a year earlier."
    )
    assert _periods(quarter)["2.81%"] == {"Q3", "2030"}
    # ... and asked of that year, it answers
    assert fit_figures("Acme leverage FY30?", led, ACME) == {"2.2x"}
    assert fit_figures("Acme leverage FY31?", led, ACME) == {"1.7x"}


def test_an_asides_earlier_value_is_of_its_leads_measure_alone() -> None:
    bullet = (
        "- Final dividend of 5.8 cents per share, taking the full-year dividend to 10.5 cents "
        "(FY30: 9.5 cents)"
    )
    clauses = {c.figure.text: c.clause for c in figure_contexts(bullet, ACME)}
    assert "Final" not in clauses["9.5 cents"] and "full-year dividend" in clauses["9.5 cents"]


def test_an_earlier_value_labelled_by_another_measure_is_that_measures() -> None:
    note = (
        "Our $61 price target equates to 2.2x tangible book value per share of $27.15 "
        "(prior target: $47)."
    )
    contexts = {c.figure.text: c for c in figure_contexts(note, ACME)}
    assert contexts["$47"].clause == "prior target: $47"
    assert "target" not in dict(contexts["$27.15"].weights)
    assert "$47" not in fit_figures("What is Acme's tangible book value per share?", note, ACME)
    # ... while a label naming the figure's own measure is still its earlier value's
    assumed = "The plan assumes US$1 = ¥150 (previous assumption: ¥146) for the second half."
    assert "assum" in dict(figure_contexts(assumed, ACME)[1].weights)


def test_a_change_column_answers_no_level_of_a_period() -> None:
    text = (
        "Adjusted EPS — FY31: $3.71; FY30: $3.34; Change: 11%\n\nAdjusted EPS were $3.71 in 2031."
    )
    asked = ask("What was Acme's full-year adjusted EPS in the prior year?", text, "Acme FY31")
    assert all("11%" not in s.answering for s in asked.sentences), asked.sentences
    # ... but it answers how the measure moved
    row = text.split("\n")[0]
    assert "11%" in fit_figures("How much did Acme's adjusted EPS grow in FY31?", row, ACME)


@pytest.mark.parametrize(
    ("question", "pieces"),
    [
        ("fy31 adjusted EPS and fy30?", ["fy31 adjusted EPS?", "fy30 adjusted EPS?"]),
        ("2031 sales vs 2030", ["2031 sales?", "2030 sales?"]),
        ("What was Acme's Q3 EBIT this year and last year?", None),
    ],
)
def test_a_period_at_each_end_or_this_year_and_last_asks_each(
    question: str, pieces: list[str] | None
) -> None:
    got = each_period(question)
    assert len(got) == 2, got
    if pieces:
        assert got == pieces
    else:
        assert "this year" in got[0] and "last year" in got[1]


def test_last_year_in_a_later_part_asks_the_year_before() -> None:
    first, second = question_parts("What was Acme's Q3 EBIT this year and last year?", ACME)
    assert not first.focus.year_back and second.focus.year_back
    assert first.focus.periods == second.focus.periods == {"Q3"}
    first, second = question_parts("Acme's final dividend this year, and what was last year's?")
    assert second.focus.year_back and set(second.focus.measures) == set(first.focus.measures)
    # ... not where it compares the two ("how did it compare with the prior year's?")
    parts = question_parts(
        "What was net profit in FY31, and how did it compare with the prior year's?"
    )
    assert not any(p.focus.year_back for p in parts[1:])


def test_one_word_of_another_kind_borrows_the_measure_it_is_compared_with() -> None:
    left, right = compared_sides("gaap vs adjusted operating margin in q4?")
    assert "gaap operating margin" in left and "adjusted operating margin" in right
    # ... two measures compared stay two
    assert compared_sides("revenue vs adjusted ebitda?")[0].strip() == "revenue"


@pytest.mark.parametrize(
    "part",
    ["what did it assume before", "and before?", "what had they forecast previously?"],
)
def test_what_it_did_before_asks_the_old_value(part: str) -> None:
    assert asks_old_value(part)


def test_what_it_did_before_is_no_old_value_of_something_else() -> None:
    assert not asks_old_value("what did it earn before tax")
    assert not asks_old_value("what did the company do before the merger?")


def test_a_clause_after_a_comma_is_no_second_earlier_value() -> None:
    said = (
        "For the second half we now assume ¥138 to the dollar, compared with ¥133 before, "
        "and ¥171 to the euro."
    )
    figures = {f.text: f for f in find_figures(said)}
    assert compared_from(said, figures["¥133"])
    assert not compared_from(said, figures["¥171"])
    question = "What dollar-yen rate does Acme assume now, and what did it assume before?"
    _, before = question_parts(question, ACME)
    assert answer_figure(said, before.text, MONEY, None, ACME) == figures["¥133"]
    # "... up from $2.3 billion in the spring plan and $1.9 billion last year": both earlier
    both = (
        "Orders reached $2.8 billion, up from $2.3 billion in the spring plan and $1.9 "
        "billion last year."
    )
    assert compared_from(both, find_figures(both)[-1])


def test_the_original_forecast_is_asked_of_the_forecast_before() -> None:
    question = (
        "What is the revised forecast for Acme's profit attributable to owners of parent, and "
        "what was the original forecast?"
    )
    first, second = question_parts(question, ACME)
    assert set(second.focus.measures) == set(first.focus.measures)
    # ... while a later part naming a measure of its own keeps it
    first, second = question_parts(
        "What is Acme's sales forecast, and what was the old EPS forecast?"
    )
    assert "eps" in second.focus.measures and "sale" not in second.focus.measures


@pytest.mark.parametrize(
    ("question", "pieces"),
    [
        (
            "Dunmore's new price target and the previous one?",
            ["Dunmore's new price target?", "Dunmore's previous price target?"],
        ),
        (
            "Dunmore 2031 EPS estimate, new vs old?",
            ["Dunmore new 2031 EPS estimate?", "Dunmore old 2031 EPS estimate?"],
        ),
    ],
)
def test_a_value_now_and_before_is_asked_as_two(question: str, pieces: list[str]) -> None:
    assert [p.text for p in question_parts(question, ACME)] == pieces
    assert asks_old_value(pieces[1]) and not asks_old_value(pieces[0])


def test_a_value_now_and_at_a_date_is_asked_as_two() -> None:
    first, second = question_parts("Acme's nonperforming loans now and at the end of June?", ACME)
    assert first.focus.periods == frozenset() and second.focus.periods == {"Em06"}


def test_a_compared_balance_is_of_the_day_after_it() -> None:
    said = (
        "Nonperforming loans were $248.9 million, or 0.66% of total loans, compared with "
        "$219.5 million, or 0.58%, at June 30, 2031 and $171.3 million, or 0.47%, at "
        "September 30, 2030."
    )
    got = _periods(said)
    assert got["$219.5 million"] == {"Em06", "2031"} and got["$171.3 million"] == {"Em09", "2030"}
    # ... each an earlier value, its share too ("or 0.58%"), past the date between them
    earlier = {f.text for f in find_figures(said) if compared_from(said, f)}
    assert earlier == {"$219.5 million", "0.58%", "$171.3 million", "0.47%"}
    # ... so the ratio asked of the quarter's end is the latest, not a dated earlier one's
    kinds = frozenset({"percent", "money", "number", "points"})
    assert (
        answer_figure(
            said, "What percentage of total loans were nonperforming at 9/30?", kinds, None, ACME
        ).text
        == "0.66%"
    )


def test_the_previous_guidance_is_the_plan_for_the_measure_asked_before() -> None:
    question = (
        "What capacity growth does Acme now guide for 2031, and what was the previous guidance?"
    )
    first, second = question_parts(question, ACME)
    assert set(second.focus.measures) == set(first.focus.measures)
    said = "- capacity growth of around 4% (previously 5% to 6%);"
    assert answer_figure(said, second.text, frozenset({"percent"}), None, ACME).text == "5% to 6%"


def test_a_later_parts_figure_set_beside_the_first_is_not_given_again() -> None:
    row = "Homewares (£m) — 2030/31 Q1: 2,405; 2031/32 Q1: 2,318"
    parts = ["Homewares sales in £m, Q1 this yr?", "Homewares sales in £m, Q1 last yr?"]
    line = compose_direct(
        [(1, row, 0, "part"), (1, row, 1, "part")],
        parts,
        MONEY,
        "GBP",
        ["Acme"],
        answering={1: frozenset({"2,318", "2,405"})},
        question="Homewares sales in £m, Q1 this yr vs Q1 last yr?",
    )
    assert line == "£2,318m, down from £2,405m (2030/31 Q1) [1]."
    # ... while two parts' own figures are both given
    said = "Sales were £2,318m in 2031 and £2,405m in 2030."
    line = compose_direct(
        [(1, said, 0, "part"), (1, said, 1, "part")],
        ["Acme sales in 2031?", "Acme sales in 2030?"],
        MONEY,
        "GBP",
        ["Acme"],
        answering={1: frozenset({"£2,318m", "£2,405m"})},
    )
    assert "£2,318m" in line and "£2,405m" in line


def test_a_balance_at_two_month_ends_is_asked_as_two() -> None:
    question = "Acme's net debt at the end of June versus the end of December?"
    first, second = question_parts(question, ACME)
    assert first.focus.periods == {"Em06"} and second.focus.periods == {"Em12"}


def test_a_month_end_asked_is_the_dated_asides_not_the_latest() -> None:
    said = "Net debt stood at €461.0 million at 30 June 2031 (31 December 2030: €402.5 million)."
    december = "Acme's net debt at the end of December?"
    assert "€402.5 million" in fit_figures(december, said, ACME)
    assert fit_figures("Acme's net debt at the end of June?", said, ACME) == {"€461.0 million"}


def test_a_part_asking_one_end_of_a_revision_is_given_that_end_alone() -> None:
    row = "Adj. EPS (EUR) — 2030A: 1.84; 2031E new: 1.52; 2031E old: 1.77; 2032E new: 1.96"
    question = "Dunmore's 2031 adjusted EPS estimate, new and old?"
    first, second = question_parts(question, ACME)
    line = compose_direct(
        [(1, row, 0, "part"), (1, row, 1, "part")],
        [first.text, second.text],
        frozenset({"money", "number"}),
        None,
        ["Acme"],
        answering={1: frozenset({"1.52", "1.77"})},
        question=question,
    )
    assert line.startswith("€1.52") and "1.96" not in line and "1.77" in line


@pytest.mark.parametrize(
    ("question", "move"),
    [
        ("Why did Acme's net interest margin contract in the third quarter?", "down"),
        ("How much did the margin narrow by?", "down"),
        ("Why did Acme's spreads widen?", "up"),
        ("Did Acme sign the contract?", None),  # a noun, no move
        ("Did Acme win a new contract?", None),
    ],
)
def test_a_margin_said_to_contract_or_widen_is_a_move_taken_for_granted(
    question: str, move: str | None
) -> None:
    assert asserted_move(question) == move


def test_a_segment_asked_by_its_initials_gives_no_other_value_of_the_group() -> None:
    from dataclasses import replace

    from tests.unit.test_clauses_and_other_values import _roles, _said

    segment = replace(
        _said(0, "Revenue fell to €388.9 million, an organic decline of 6.1%.", "Segments", set()),
        context="**Pump Systems & Controls:** Revenue fell to €388.9 million.",
        answering=frozenset({"6.1%"}),
    )
    group = _said(1, "Organic revenue growth — H1 2031: (0.6)%; H1 2030: 3.9%", "Key", {"(0.6)%"})
    kinds = {"percent", "points"}
    assert _roles("psc organic growth h1?", [segment, group], kinds) == ["part"]
    # ... while a question naming no segment still sees both
    assert _roles("organic growth h1?", [segment, group], kinds) == ["part", "other value"]


def test_a_figure_the_sentence_gives_as_the_groups_is_no_divisions() -> None:
    said = (
        "Group order intake rose 2.4% to EUR 0.98 billion, the finance chief said, adding "
        "that most of the increase came from long-term pump contracts."
    )
    known = frozenset({"pumps"})
    question = "What was the order intake of the Pumps division?"
    assert fit_figures(question, said, ACME, known=known) == frozenset()
    # ... while the group's figure for a place named in its clause answers for that place
    europe = "Group order intake in Europe rose 2.4% to EUR 0.4 billion."
    asked = "What was the order intake in Europe?"
    assert fit_figures(asked, europe, ACME, known=frozenset({"europe"})) == {"EUR 0.4 billion"}


@pytest.mark.parametrize(
    ("question", "level"),
    [
        ("Acme's adjusted EPS in the prior year?", True),
        ("Diluted EPS in the quarter to June?", True),  # one quarter, named two ways
        ("Net debt at end-June vs end of December?", False),  # two, set apart
        ("How did EPS do in FY31?", False),  # how it moved
        ("Acme's sales in the half, and by how much was that up on a year earlier?", False),
    ],
)
def test_a_change_column_answers_a_level_of_one_period_only(question: str, level: bool) -> None:
    from assistant.row_moves import level_of_a_period

    part = question_parts(question, ACME)[-1]
    assert level_of_a_period(part.focus.words, part.focus.periods, part.focus.year_back) == level
