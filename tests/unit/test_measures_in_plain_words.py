"""Forty-ninth round: measures asked in plain words (what a company owed once its cash is
taken off, the cash its running brought in or had left after investing, a wear-and-tear
charge, orders compared with sales, stock bought back to hand money back) and analysts'
"mgn" read as the terms documents print."""

from __future__ import annotations

import pytest

from assistant.synonyms import plain_terms
from tests.unit.test_evidence import ACME, fit_figures


@pytest.mark.parametrize(
    ("asked", "plain"),
    [
        (
            "How much did Acme owe once you take off its cash, at the end of June?",
            "How much did Acme have in net debt, at the end of June?",
        ),
        (
            "How much did Acme owe after subtracting its cash at the end of 2031?",
            "How much did Acme have in net debt at the end of 2031?",
        ),
        ("What were Acme's borrowings net of cash?", "What were Acme's net debt?"),
        (
            "How many times its yearly EBITDA was Acme's net debt at the end of June?",
            "what was Acme's leverage at the end of June?",
        ),
        (
            "How indebted does Acme aim to be, measured against its annual cash earnings?",
            "what leverage does Acme aim to be?",
        ),
        (
            "How much cash did the day-to-day running of the business bring in during 2031?",
            "How much operating cash flow was there during 2031?",
        ),
        (
            "How much cash was left in the fourth quarter after paying for new plant and "
            "equipment?",
            "How much free cash flow was left in the fourth quarter?",
        ),
        (
            "How much cash did Acme have left in H1 after running the business and paying for "
            "its investments?",
            "How much free cash flow did Acme have left in H1?",
        ),
        (
            "How big a wear-and-tear charge on its assets does Acme expect this year?",
            "How big depreciation and amortisation does Acme expect this year?",
        ),
        (
            "How much will Acme hand back to shareholders by repurchasing its own stock?",
            "How much will Acme spend on share buybacks?",
        ),
        (
            "How did Acme's new orders compare with sales in the half, as a ratio?",
            "what was Acme's book-to-bill in the half?",
        ),
        ("What is the ratio of orders to revenue?", "What is book-to-bill?"),
        ("q3 ebit mgn?", "q3 ebit margin?"),
        (
            "What was Acme's cost per seat-km excluding fuel in Q3?",
            "What was Acme's unit cost excluding fuel in Q3?",
        ),
        (
            "What revenue per available seat kilometre did it earn?",
            "What unit revenue did it earn?",
        ),
        (
            "How many kilometres did Acme's paying passengers fly?",
            "How many kilometres did Acme's paying passengers fly?",
        ),
        ("km flown by paying passengers in Q3?", "revenue passenger kilometres in Q3?"),
        ("fy31 uop guide?", "fy31 underlying operating profit guide?"),
        ("grp deliveries h1?", "group deliveries h1?"),
        (
            "How big was the hit from writing down the warehouses?",
            "How big was the hit from the writedown of the warehouses?",
        ),
    ],
)
def test_a_measure_described_is_asked_by_its_name(asked: str, plain: str) -> None:
    assert plain_terms(asked) == plain


@pytest.mark.parametrize(
    "asked",
    [
        "How much cash was generated from operations?",  # a term documents print as it is
        "How did orders compare with last year?",  # a move of orders, no ratio to sales
        "What is the debt as a ratio of equity?",  # gearing, not leverage to earnings
        "How much did Acme return to shareholders in total?",  # dividends and buybacks
        "How much cash did Acme hold at the end of June?",
    ],
)
def test_words_that_describe_no_other_measure_stay(asked: str) -> None:
    assert "net debt" not in plain_terms(asked)
    assert "book-to-bill" not in plain_terms(asked)
    assert "operating cash flow" not in plain_terms(asked)
    assert "buyback" not in plain_terms(asked)


def test_what_was_owed_less_cash_is_answered_by_net_debt_not_the_cash() -> None:
    said = (
        "At the year end cash and cash equivalents were $386m and total debt was $1,694m, "
        "resulting in net debt of $1.31bn."
    )
    asked = "How much did Acme owe after subtracting its cash at the year end?"
    found = fit_figures(asked, said, ACME)
    assert "$1.31bn" in found and "$386m" not in found


def test_cash_from_running_the_business_is_operating_cash_flow_not_the_cash_held() -> None:
    said = "In 2031 operating cash flow rose 10.2% to $214.6 million; cash held was $386m."
    asked = "How much cash did the day-to-day running of the business bring in during 2031?"
    assert fit_figures(asked, said, ACME) == {"$214.6 million"}


def test_orders_compared_with_sales_as_a_ratio_is_the_book_to_bill() -> None:
    said = "Orders rose 27% to $71.3m in the first half (book-to-bill 1.14) and backlog grew."
    asked = "How did Acme's new orders compare with sales in the first half, as a ratio?"
    assert fit_figures(asked, said, ACME) == {"1.14"}


def test_the_hit_from_writing_down_assets_after_tax_is_the_after_tax_impairment() -> None:
    said = (
        "Underlying profit excludes an impairment of $9.2 million before tax ($6.6 million "
        "after tax) on the warehouse sites."
    )
    asked = "After tax, how big was the hit from writing down Acme's warehouses?"
    assert fit_figures(asked, said, ACME) == {"$6.6 million"}


def test_a_margin_abbreviated_is_answered_by_the_margin_not_the_amount() -> None:
    said = "In Q3 2031 EBIT was €298m and the EBIT margin was 12.7%."
    assert fit_figures("Acme q3 2031 ebit mgn?", said, ACME) == {"12.7%"}


def test_a_total_counting_both_parts_is_one_question() -> None:
    from assistant.question import question_parts

    asked = (
        "How much did Acme hand back to shareholders in total in 2031, counting both "
        "dividends and buybacks?"
    )
    (part,) = question_parts(asked, ACME)
    assert "dividend" not in part.focus.measures
    # ... while both asked with no total are two parts
    assert len(question_parts("How much did Acme pay in dividends and buybacks?", ACME)) == 2


def test_orders_booked_are_the_orders_not_the_book_to_bill() -> None:
    said = (
        "Order intake in the first half rose 2.7% to €1,254.0 million. "
        "The book-to-bill ratio improved to 1.04."
    )
    asked = "What was the value of new orders Acme booked in the first half?"
    assert "1.04" not in fit_figures(asked, said, ACME)


def test_a_view_against_the_consensus_compares_no_owners() -> None:
    from assistant.comparisons import owners_compared
    from assistant.question import question_parts

    asked = "Dunmore & Hale's FY31 EBIT forecast for Acme vs the consensus?"
    forecast, consensus = question_parts(asked, ACME)
    assert not forecast.focus.subjects and "consensu" not in forecast.focus.measures
    assert "consensu" in consensus.focus.measures  # the street's view, not Acme's
    assert len(owners_compared("Acme's EBIT vs Globex's?", ACME)) == 2


def test_a_period_and_the_year_before_are_asked_one_by_one() -> None:
    from assistant.question import each_period

    assert each_period("What were corporate costs in FY31 and the year before?") == [
        "What were corporate costs in FY31?",
        "What were corporate costs in FY30?",
    ]
    assert each_period("EBITDA margin in fiscal 2031 and fiscal 2030?") == [
        "EBITDA margin in fiscal 2031?",
        "EBITDA margin in fiscal 2030?",
    ]
    assert len(each_period("How did revenue change between 2030 and 2031?")) == 1


def test_of_two_figures_in_one_sentence_the_one_whose_own_words_name_the_measure() -> None:
    from assistant.direct import answer_figure

    said = (
        "Cash was $386m at 30 June 2031, and total debt was $1,694 million, resulting in "
        "net debt of $1.31bn."
    )
    kinds = frozenset({"money", "number"})
    every = frozenset({"$386m", "$1,694 million", "$1.31bn"})

    def picked(asked: str) -> str | None:
        found = answer_figure(said, asked, kinds, None, ACME, every)
        return found.text if found else None

    assert picked("What was Acme's net debt at the end of June 2031?") == "$1.31bn"
    assert picked("What was Acme's total debt at the end of June 2031?") == "$1,694 million"
    assert picked("What was Acme's cash at the end of June 2031?") == "$386m"
    # a measure described is read by its name: "its cash" names no cash asked
    assert picked("How much did Acme owe after subtracting its cash at 30 June 2031?") == "$1.31bn"


def test_a_figure_borrowed_for_a_move_must_be_a_move() -> None:
    from assistant.compared_order import reads_as_asked
    from assistant.figures import find_figures

    said = (
        "The airport handled 12.9 million passengers, up 4.7%, and remained the busiest "
        "airport with 43.2% of national traffic."
    )
    up, share = (f for f in find_figures(said) if f.kind == "percent")
    assert reads_as_asked("national market growth (q3)", said, up)
    assert not reads_as_asked("national market growth (q3)", said, share)
    assert reads_as_asked("national market share (q3)", said, share)  # a level asked


def test_two_names_of_one_line_set_against_the_consensus_share_each_part() -> None:
    from assistant.question import question_parts

    known = frozenset({"home goods", "clothing"})
    asked = "How did Home Goods and Clothing sales compare with what the market expected?"
    parts = question_parts(asked, ACME, known)
    assert len(parts) == 2
    assert all(p.focus.subjects == {"home goods", "clothing"} for p in parts)
    assert "consensu" in parts[1].focus.measures and "consensu" not in parts[0].focus.measures


def test_a_period_of_no_year_and_the_year_before_stays_one_question() -> None:
    from assistant.question import each_period

    assert each_period("EBIT in Q3 and the year before?") == ["EBIT in Q3 and the year before?"]
    assert len(each_period("costs in FY00 and the year before?")) == 1
