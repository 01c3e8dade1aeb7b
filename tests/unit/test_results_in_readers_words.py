"""Fifty-second round: results asked in a reader's words (what it spent on plant and
equipment, profit before interest and tax, orders not yet delivered, seats times distance
flown; a lender's fees, lending income, provisions, charge-offs and running costs), two
values asked side by side (two month ends, two halves of fiscal years, a name beside a
name and its measure, a forecast and the previous one), and figures that are another
measure's or another kind's. Each rule on made-up text."""

from __future__ import annotations

import pytest

from assistant.comparisons import compared_sides
from assistant.cues import asked_kinds
from assistant.earlier_values import gives_old
from assistant.measure_words import measure_words
from assistant.question_pieces import each_end, each_period
from assistant.rephrasings import measures_described
from assistant.section_owners import labelled_owner
from assistant.sentences import split_hits
from assistant.typed_names import with_typed_names
from tests.unit.test_evidence import ACME, fit_figures
from tests.unit.test_named_measures import _hit


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        ("How much did Acme spend on plant and equipment in 2031?", "capital expenditure"),
        ("How much did Acme spend on developing new technology and products?", "research and"),
        ("How much did Acme earn for its own shareholders in H1?", "attributable to owners"),
        ("How much did Acme owe to lenders at the end of June?", "have in debt"),
        ("What portion of Acme's assets was funded by shareholders' equity?", "equity ratio"),
        ("How much profit did the group make before interest and tax?", "EBIT"),
        (
            "How much did Acme pay in interest on its borrowings, after interest earned?",
            "net finance costs",
        ),
        ("How much of next year's fuel has Acme already locked in at a fixed price?", "hedged"),
        (
            "How much room does Dunmore see for the share price to climb to its target?",
            "implied upside to Dunmore's target",
        ),
        (
            "How much capacity did it fly, measured as seats multiplied by distance flown?",
            "available seat kilometres",
        ),
        (
            "What multiple of forecast 2032 earnings per share does the share price represent?",
            "2032 P/E",
        ),
        ("What proportion of Acme Air's flights ran on time?", "Acme Air's on-time performance"),
        ("How big was the one-off charge for closing the Leeds plant?", "restructuring charge"),
        ("How much did sales grow leaving out acquisitions and currency effects?", "organically"),
        ("How much does Acme expect to save every year from the merger?", "annual savings"),
        ("What was the value of orders Acme had received but not yet delivered?", "backlog"),
        ("How much cash was left after Acme paid for new equipment?", "free cash flow"),
        ("How big are the wear-and-tear charges on Acme's plant and equipment?", "depreciation"),
    ],
)
def test_a_result_described_is_named_as_documents_name_it(asked: str, named: str) -> None:
    assert named in measures_described(asked), measures_described(asked)


@pytest.mark.parametrize(
    ("asked", "named"),
    [
        ("How much did Acme bring in from fees and other non-lending activities?", "noninterest"),
        (
            "How much did Acme earn from lending after paying interest to its depositors?",
            "net interest income",
        ),
        (
            "How much did Acme set aside in Q3 to cover loans it expects to go bad?",
            "provision for credit losses",
        ),
        ("How much of its deposit base has Acme lent out?", "Acme's loans to deposits"),
        (
            "What share of average loans did Acme write off as uncollectable in Q3?",
            "Acme's net charge-offs to average loans",
        ),
        ("What share of its revenue did Acme spend on running costs?", "efficiency ratio"),
        ("What share of Acme's deposits pay no interest at all?", "noninterest-bearing deposits?"),
        (
            "How much did Acme make before setting aside money for credit losses?",
            "pre-provision net revenue",
        ),
        ("What percentage of the office loan book is covered by reserves?", "reserve coverage"),
        ("How much does Acme owe once you subtract its cash?", "Acme's net debt"),
        (
            "How much profit did the pumps segment make on each dollar of sales?",
            "profit margin did the pumps segment make",
        ),
        ("What share of revenue did Acme keep as free cash?", "free cash flow margin"),
    ],
)
def test_a_lenders_or_cash_measure_described_is_named(asked: str, named: str) -> None:
    assert named in measures_described(asked), measures_described(asked)


def test_a_possessive_owner_is_not_made_possessive_twice() -> None:
    described = measures_described(
        "How many times its expected 2032 EPS is Acme's stock valued at?"
    )
    assert "Acme's 2032 P/E" in described and "Acme's'" not in described


@pytest.mark.parametrize(
    "asked",
    [
        "How much did Acme set aside as a provision against loan losses in Q3?",
        "How much did Acme spend on new stores?",
        "How much did revenue grow in Europe?",
    ],
)
def test_words_that_describe_none_of_these_are_left_as_they_are(asked: str) -> None:
    assert measures_described(asked) == asked


def test_as_a_percentage_asks_a_rate_not_a_sum() -> None:
    assert asked_kinds("How much is Acme paying on its deposits as a percentage rate?") == {
        "percent"
    }


def test_an_acronym_keeps_its_digit() -> None:
    assert measure_words("What is the CET1 ratio?") == ["cet1", "ratio"]
    assert measure_words("Q1 sales in FY31?") == ["sales"]


@pytest.mark.parametrize(
    ("asked", "parts"),
    [
        (
            "Net debt at June 2031 vs June 2030?",
            ["Net debt at June 2031?", "Net debt at June 2030?"],
        ),
        (
            "cash at June 30, 2031 and December 31, 2030?",
            ["cash at June 30, 2031?", "cash at December 31, 2030?"],
        ),
        (
            "Pumps segment profit in H1 FY3/32 vs H1 FY3/31?",
            ["Pumps segment profit in H1 FY3/32?", "Pumps segment profit in H1 FY3/31?"],
        ),
    ],
)
def test_two_month_ends_or_halves_are_two_parts(asked: str, parts: list[str]) -> None:
    assert each_period(asked) == parts


def test_a_forecast_and_the_previous_one_are_two_parts() -> None:
    assert each_end("Dunmore's FY32 EPS forecast and its previous forecast?") == [
        "Dunmore's FY32 EPS forecast?",
        "Dunmore's FY32 EPS previous forecast?",
    ]
    assert each_end("What is the 2032 EPS forecast?") == ["What is the 2032 EPS forecast?"]


def test_a_name_alone_beside_a_name_and_its_measure_asks_that_measure() -> None:
    assert compared_sides("Pumps vs Acme Air operating margin in FY31?") == (
        "Pumps operating margin in FY31?",
        "Acme Air operating margin in FY31?",
    )
    # a measure opening with a capital is no name: each side keeps its own words
    assert compared_sides("Revenue vs Operating profit?") == ("Revenue ", "Operating profit?")


def test_a_typed_name_opening_the_question_is_read_as_the_name() -> None:
    assert with_typed_names("Coastal rail vs buses?", ["Coastal Rail"]) == "Coastal Rail vs buses?"
    assert with_typed_names("the coastal rail line?", ["Coastal Rail"]) == "the Coastal Rail line?"


@pytest.mark.parametrize(
    ("asked", "sentence"),
    [
        (
            "What was Acme's mortgage banking income in Q3?",
            "Acme reported net income of $128.3 million for the third quarter.",
        ),
        (
            "How many orders did Acme book in the quarter?",
            '"We had revenue of almost $1.1bn and orders running ahead of shipments," she said.',
        ),
    ],
)
def test_a_figure_of_another_kind_or_measure_does_not_answer(asked: str, sentence: str) -> None:
    assert fit_figures(asked, sentence, ACME) == frozenset()


@pytest.mark.parametrize(
    ("asked", "sentence", "figure"),
    [
        (
            "What was net income?",
            "Acme reported net income of $128.3 million in Q3.",
            "$128.3 million",
        ),
        ("What was group revenue?", "Total revenue was $3.1 billion.", "$3.1 billion"),
        (
            "What was cloud revenue?",
            "Cloud revenue rose to $2.1 billion (total revenue).",
            "$2.1 billion",
        ),
        ("What was the EBIT margin?", "Its operating margin fell to 8.7% from 9.3%.", "8.7%"),
        ("How much revenue did Acme make?", "Acme had revenue of $1.2bn.", "$1.2bn"),
    ],
)
def test_the_measure_asked_still_answers(asked: str, sentence: str, figure: str) -> None:
    assert figure in fit_figures(asked, sentence, ACME)


def test_an_earlier_value_of_another_period_is_no_previous_forecast() -> None:
    last_year = "The dividend forecast is ¥72 per share, compared with ¥60 for the previous year."
    raised = "It raised its annual dividend forecast to ¥72 a share from ¥64."
    assert not gives_old(last_year, frozenset({"¥60"}))
    assert gives_old(raised, frozenset({"¥64"}))


def test_a_bold_name_alone_over_a_paragraph_owns_its_figures() -> None:
    text = (
        "**Pump Systems**\n\nDemand from utilities rose. Net sales were therefore "
        "¥74,519 million (up 6.9% year on year)."
    )
    item = next(c for c in split_hits([_hit(text)]) if "74,519" in c[3])
    sentence, context = item[3], item[4]
    assert context.startswith("**Pump Systems**")
    assert labelled_owner(context, sentence, ACME) == {"pump", "system"}


def test_once_tax_is_taken_into_account_is_after_tax() -> None:
    from assistant.direct import answer_figure

    asked = "How much did the plant writedown cost once tax is taken into account?"
    assert "writedown cost after tax" in measures_described(asked)
    said = "Profit excludes an impairment of $9.2 million before tax ($6.6 million after tax)."
    got = answer_figure(said, asked, frozenset({"money"}), None, ACME)
    assert got is not None and got.text == "$6.6 million"


def test_what_it_spent_on_something_is_a_sum_of_money() -> None:
    assert asked_kinds("What did the pumps division spend on steel in FY31?") == {
        "money",
        "number",
    }


def test_an_estimate_new_vs_old_is_its_two_ends_not_two_sides() -> None:
    from assistant.question import question_parts

    asked = "Dunmore FY32E EBIT margin, new vs old estimate?"
    assert each_end(asked) == ["Dunmore new FY32E EBIT margin?", "Dunmore old FY32E EBIT margin?"]
    assert [p.text for p in question_parts(asked, ACME)] == each_end(asked)


def test_a_bound_ranks_below_the_value_itself_unless_a_bound_is_asked() -> None:
    from assistant.bounds import is_bound
    from assistant.figures import find_figures
    from tests.unit.test_clauses_and_other_values import _fit_score

    floor = "Acme's policy is a dividend payout ratio of 35% or more."
    actual = "Acme's dividend payout ratio is 38.2% this year."
    assert is_bound(floor, find_figures(floor)[0]) and not is_bound(actual, find_figures(actual)[0])
    asked = "What is Acme's dividend payout ratio this year?"
    assert _fit_score(asked, floor) < _fit_score(asked, actual)
    minimum = "What is Acme's minimum dividend payout ratio?"
    assert _fit_score(minimum, floor) >= _fit_score(minimum, actual)
