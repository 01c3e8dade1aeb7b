"""Fresh questions of the forty-fifth round, read as a user would: the measure asked is its
first two words or its last two; a sensitivity's outcome answers only a question about the
move; an outcome compared with what was expected is read beside it; a tax is no profit before
or after tax; a from-value after its noun is that noun's; "the three months" is a quarter; what
a measure leaves out is the figure's measure; a change "from a year earlier" is the latest, and
last year's row no other value of this year's; a balance's date before its verb dates it; an
"Annual" column is of its row's year; a sentence that opens with its measure names it whole.
Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.composing import compose_direct
from assistant.direct import answer_figure
from assistant.evidence import Evidence
from assistant.expectations import as_consensus, outcome_beside_expectation
from assistant.figure_periods import figure_periods
from assistant.figures import find_figures
from assistant.latest_year import asks_year_before, behind_latest
from assistant.measures import figure_contexts
from assistant.periods import periods
from assistant.question import question_focus, question_parts
from assistant.quotes import QuoteReader, _value_news
from assistant.sensitivities import conditional, is_condition
from assistant.synonyms import plain_terms
from tests.unit.test_clauses_and_other_values import _said
from tests.unit.test_evidence import ACME, ask, fit_figures

BACKLOG = (
    "The new plan implies second-half profit of ¥17bn, even though pump orders rose 24% to "
    "¥52bn in the half and the segment backlog reached ¥61bn at the end of June."
)
NUMBERS = frozenset({"number", "money"})
SENSITIVITY = (
    "The plan also assumes ¥150 to the dollar for the second half; each ¥1 of yen weakness "
    "against the dollar adds roughly ¥300m to annual operating profit."
)


def _clauses(text: str) -> dict[str, str]:
    return {c.figure.text: c.clause for c in figure_contexts(text, ACME)}


def test_the_order_backlog_is_not_the_orders_beside_it() -> None:
    said = (
        "Pump orders rose 24% YoY to ¥52bn in 1H (book-to-bill 1.12) and the segment backlog "
        "reached ¥61bn at end-June."
    )
    # ("order backlog pump": the measure is any two words in a row, not the last two)
    assert fit_figures("How big is the order backlog in the pump business?", said, ACME) == {
        "¥61bn"
    }
    # "order book" is what results call the backlog, not the orders taken (which a release
    # may call the backlog alone: "ended the year with a backlog of $2.4bn")
    assert fit_figures("How big is the order book in the pump business?", said, ACME) == {"¥61bn"}
    assert plain_terms("How big is the order book?") == "How big is the backlog?"
    year_end = "Acme ended the year with a backlog of ¥61bn."
    assert fit_figures("How large was the order book at year end?", year_end, ACME) == {"¥61bn"}


def test_a_sensitivitys_outcome_answers_only_a_question_about_the_move() -> None:
    one_yen = next(f for f in find_figures(SENSITIVITY) if f.text == "¥1")
    outcome = next(f for f in find_figures(SENSITIVITY) if f.text == "¥300m")
    assert is_condition(SENSITIVITY, one_yen)  # "of yen weakness" is a move of the yen
    assert conditional(SENSITIVITY, outcome, "what is the operating profit guidance")
    assert not conditional(SENSITIVITY, outcome, "how much would a weaker yen add to profit")
    assert not fit_figures("What is Acme's operating profit guidance?", SENSITIVITY, ACME)
    moved = fit_figures(
        "How much does each one-yen move add to operating profit?", SENSITIVITY, ACME
    )
    assert moved == {"¥300m"}


def test_a_side_compared_with_consensus_borrows_the_measure_and_its_owner() -> None:
    # "How did Pumps sales [compare]": a plural after "did" is no verb the question asks with.
    assert question_focus("How did Pumps sales ", ACME).phrase == "sales"
    left, right = question_parts("How did Pumps sales compare with consensus?", ACME)
    assert left.focus.phrase == "sales"
    assert right.text == "consensus sales" and right.focus.subjects == {"pumps"}


def test_what_had_been_expected_asks_the_consensus_of_its_own_part() -> None:
    asked = "What was pump sales growth and what had analysts expected?"
    assert as_consensus(asked).startswith("What was pump sales growth and")
    passive = as_consensus("What was pump sales growth and what had been expected?")
    assert passive.endswith("what was the consensus?")


def test_an_outcome_compared_with_its_expectation_is_read_where_both_stand() -> None:
    prose = "Pumps sales fell 1.5% (-2.7% expected), as a shift in mix offset volumes."
    assert outcome_beside_expectation(prose, frozenset({"1.5%"}))
    assert not outcome_beside_expectation(prose, frozenset({"-2.7%"}))
    row = "Pumps \u2014 YoY: (1.5)%; £m: 1,240"
    evidence = ask("How did Pumps sales compare with consensus?", f"{row}\n\n{prose}")
    assert [s.text for s in evidence.sentences if s.part == 0] == [prose]
    # ... ranked above what the same sentence scores where no expectation is asked.
    plain = ask("How did Pumps sales change?", prose).sentences[0]
    assert evidence.sentences[0].fit > plain.fit
    # The consensus part borrows the sentence, and an expected move is what it asks.
    picked = [(1, prose, 0, "part")]
    line = compose_direct(
        picked,
        evidence.parts,
        frozenset({"percent", "money"}),
        None,
        (),
        (),
        {1: frozenset({"1.5%"})},
        "How did Pumps sales compare with consensus?",
        {(1, 1): frozenset({"-2.7%"})},
    )
    assert line == "Down 1.5% [1]; Down 2.7% [1]."


def test_a_tax_is_no_profit_before_or_after_tax() -> None:
    asked = "How much income tax did Acme pay?"
    ebitda = "Earnings before interest, tax, depreciation and amortisation rose to £310m."
    assert not fit_figures(asked, ebitda, ACME)
    assert not fit_figures(asked, "Profit after tax was £52m.", ACME)
    assert fit_figures(asked, "Income tax paid was £20m.", ACME) == {"£20m"}


def test_a_value_after_its_noun_and_up_from_is_that_nouns() -> None:
    carried = (
        "The fleet carried 3.40 million passengers, up from 3.21 million in 2030, together "
        "with 520,000 vehicles."
    )
    assert not fit_figures("How many vehicles did Acme carry in 2030?", carried, ACME)
    assert fit_figures("How many passengers did Acme carry in 2030?", carried, ACME) == {
        "3.21 million"
    }


def test_three_months_are_a_quarter_and_six_a_half() -> None:
    assert periods("What was net profit for the three months?") == {"Q?"}
    assert periods("capital expenditure for the six months") == {"H?"}
    assert periods("the six months to June") == {"H*"}  # a half, whichever of the year
    year = "The capital expenditure plan for the fiscal year was raised to £24.5 billion."
    half = "Capital expenditure for the six months was £11.2 billion."
    asked = "capital expenditure for the six months"
    assert fit_figures(asked, half, ACME) == {"£11.2 billion"}
    assert not fit_figures(asked, year, ACME)


def test_what_a_measure_leaves_out_is_the_figures_measure() -> None:
    text = "Underlying profit excludes an impairment of £12.6m before tax (£9.1m after tax)."
    assert _clauses(text)["£12.6m"].startswith("an impairment of £12.6m")
    # ... and the charge after tax is named where the charge is.
    assert _clauses(text)["£9.1m"].startswith("an impairment of £12.6m")
    assert not fit_figures("What was underlying profit after tax?", text, ACME)
    assert fit_figures("What was the impairment after tax?", text, ACME) == {"£9.1m"}
    assert fit_figures("What was the impairment before tax?", text, ACME) == {"£12.6m"}


def test_analysts_words_for_underlying_book_to_bill_and_volume() -> None:
    assert "underlying" in plain_terms("What did Acme earn before one-offs?")
    assert "book-to-bill" in plain_terms("b2b q4")
    assert plain_terms("pumps vol") == "pumps volume"
    assert "pension schemes" in plain_terms("What goes into its staff retirement schemes?")


def test_a_change_from_a_year_earlier_is_the_latest_move() -> None:
    assert asks_year_before("What was the margin a year earlier?")
    assert not asks_year_before("How did ordinary profit change from a year earlier?")
    rows = [
        "Six months ended September 30, 2031 \u2014 Ordinary profit: 31,480; % change: 16.5",
        "Six months ended September 30, 2030 \u2014 Ordinary profit: 27,015; % change: 4.1",
    ]
    assert behind_latest("How did ordinary profit change from a year earlier?", rows) == [
        False,
        True,
    ]


def test_last_years_row_is_no_other_value_of_this_years() -> None:
    rows = (
        "Six months ended September 30, 2031 (Millions of yen) \u2014 Ordinary profit: 31,480",
        "Six months ended September 30, 2030 (Millions of yen) \u2014 Ordinary profit: 27,015",
    )
    new, old = _said(0, rows[0], "", {"31,480"}), _said(2, rows[1], "", {"27,015"})
    # (the same value in prose, undated, cited beside the row)
    prose = _said(1, "Ordinary profit increased 16.5% to ¥31,480 million.", "", {"¥31,480 million"})
    picked = [(1, new, "part"), (2, prose, "same value")]
    for asked, news in (
        ("What was ordinary profit in the first half?", "apart"),
        ("What was ordinary profit in the first half a year earlier?", "new"),
    ):
        evidence = Evidence([new, prose, old], question_focus(asked, ACME), NUMBERS)
        assert _value_news(QuoteReader(evidence, asked, ACME), picked, old) == news


def test_a_balances_date_before_its_verb_dates_it() -> None:
    said = "Available liquidity at 30 September 2030 was €1.9 billion, including €400 million."
    [liquidity, _] = figure_periods(said, [f for f in find_figures(said) if f.kind != "year"])
    assert liquidity >= {"Em09", "2030"}
    # ... but a day something happened on is no period ("paid on 2 October 2030").
    paid = "The dividend of 12p was paid on 2 October 2030 to shareholders."
    assert not figure_periods(paid, [f for f in find_figures(paid) if f.kind != "year"])[0]


def test_a_column_that_names_no_year_is_of_the_rows_year() -> None:
    row = (
        "Fiscal year ending March 31, 2031 (Forecast) (Yen per share) \u2014 Year-end: 45.00; "
        "Annual: 85.00"
    )
    periods_of = {c.figure.text: c.periods for c in figure_contexts(row, ACME)}
    assert {"FY", "2031"} <= periods_of["85.00"]
    asked = "What is the annual dividend forecast for the fiscal year ending March 31, 2031?"
    got = answer_figure(row, asked, NUMBERS, None, ACME)
    assert got is not None and got.text == "85.00"


def test_a_sentence_that_opens_with_its_measure_names_it_whole() -> None:
    said = (
        "Revenue of €1.8 billion (Q3 2030: €1.7 billion), up 5.9%, with ancillary revenue up "
        "11.2% to €310 million."
    )
    # (not the whole sentence, whose "ancillary revenue" is the €310 million's)
    assert _clauses(said)["€1.8 billion"] == "Revenue of €1.8 billion"


def test_two_measures_asked_together_are_no_modifier_and_head() -> None:
    said = (
        "Other assumptions for 2031: an adjusted tax rate of about 24%, interest expense of "
        "roughly $50 million, a diluted share count of around 88 million, and capital spending "
        "of about 4% of revenue."
    )
    asked = "What tax rate and diluted share count is Acme assuming for 2031?"
    assert "24%" in fit_figures(asked, said, ACME)
