"""Forty-eighth round: cents of each dollar, speeds of a move, costs asked as "what did it
cost", ratios asked as "relative to", narrower measures and other line items as no other
value, and forecast rows dated by their lead-in, not by the report's half."""

from __future__ import annotations

from assistant.cues import asked_kinds
from assistant.figure_periods import paragraph_periods
from assistant.synonyms import plain_terms
from tests.unit.test_evidence import ACME, fit_figures


def test_how_far_a_measure_moved_asks_a_value() -> None:
    from assistant.question import question_parts

    asked = "How far did Acme's share price drop on the day of the recall?"
    assert asked_kinds(asked) == set()  # no unit or move cue of its own ...
    (part,) = question_parts(asked, ACME)
    assert {"percent", "money"} <= part.kinds  # ... but a value asked, of any kind


def test_what_did_it_cost_asks_a_sum_of_money() -> None:
    assert "money" in asked_kinds("What did it cost Acme to run the bank in the quarter?")


def test_borrowing_relative_to_earnings_asks_a_ratio_not_either_amount() -> None:
    kinds = asked_kinds("How large is Acme's borrowing relative to its earnings?")
    assert "money" not in kinds and "number" in kinds
    # ... while a change relative to a period is still a move of any kind
    assert "money" in asked_kinds("How much did revenue change relative to last year?")


def test_cents_of_each_dollar_ask_a_share() -> None:
    assert asked_kinds("How many cents of each revenue dollar did Acme spend on costs?") == {
        "percent"
    }
    assert "money" in asked_kinds("How many cents a share did Acme pay?")


def test_cents_of_profit_from_each_euro_of_sales_are_the_margin() -> None:
    asked = "How many cents of operating profit did Acme keep from each euro of sales in 2031?"
    assert plain_terms(asked) == "what operating profit margin did Acme keep in 2031?"
    said = "In 2031 operating profit was €114 million and the operating profit margin was 4.8%."
    assert fit_figures(asked, said, ACME) == {"4.8%"}


def test_a_narrower_measure_in_prose_is_no_other_value_of_a_row() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ask

    text = (
        "Revenue (EUR m) \u2014 H1 2031: 2,148; H1 2030: 2,201\n\n"
        "Acme's software and services revenue rose 36.2% to EUR 352 million in H1 2031."
    )
    evidence = ask("What was Acme's revenue in H1 2031?", text, "H1 results")
    row, prose = (
        next(s for s in evidence.sentences if key in s.text) for key in ("\u2014", "rose")
    )
    reader = QuoteReader(evidence, "What was Acme's revenue in H1 2031?", ACME)
    assert _value_news(reader, [(1, row, "row")], prose) == "apart"
    # asked of software revenue, the prose is the measure asked, not a narrower one
    asked = "What was Acme's software and services revenue in H1 2031?"
    assert _value_news(QuoteReader(evidence, asked, ACME), [(1, row, "row")], prose) != "apart"


def test_another_measure_in_prose_is_no_answer_nor_other_value_of_a_prose_figure() -> None:
    from tests.unit.test_evidence import ask

    text = (
        "For the first nine months of 2031, net income was $386.4 million.\n\n"
        "For the first nine months of 2031, net interest income was $1.2 billion."
    )
    asked = "What was net income in the first nine months of 2031?"
    evidence = ask(asked, text, "Third quarter results")
    # net interest income is income of a kind: it answers no question about net income
    assert any("net income" in s.text for s in evidence.sentences)
    assert not any("net interest" in s.text for s in evidence.sentences)
    evidence = ask("What was net interest income in the first nine months?", text, "Results")
    assert next(s.text for s in evidence.sentences if s.qualifies) == text.split("\n\n")[1]


def test_two_line_items_of_one_document_are_not_two_values_of_one() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ask

    text = (
        "Net cash provided by operating activities (JPY m) \u2014 H1 2031: 22,941; H1 2030: 17,062"
        "\n\nCash and cash equivalents at end of period (JPY m) \u2014 H1 2031: 66,917; "
        "H1 2030: 59,408"
    )
    asked = "How much cash did Acme's day-to-day business bring in during H1 2031?"
    # (the second line is read as evidence where it is asked for itself)
    cash = "What was cash and cash equivalents at end of period in H1 2031?"
    held, flow = ask(cash, text, "H1 results").sentences
    evidence = ask(asked, text, "H1 results")
    assert _value_news(QuoteReader(evidence, asked, ACME), [(1, flow, "row")], held) == "apart"


def test_a_tables_lead_in_dates_it_by_its_main_clause_not_the_reason_before() -> None:
    lead_in = (
        "Reflecting the results for the first half, the Company has revised the full-year "
        "forecast for the fiscal year ending March 31, 2031, as follows."
    )
    assert paragraph_periods(lead_in, "Results for the six months") == {"FY", "FY2031", "2031"}


def test_a_forecast_row_takes_no_half_from_the_reports_title() -> None:
    title = "Consolidated Financial Results for the Six Months Ended September 30, 2030"
    assert {"H*", "2030"} <= paragraph_periods("", title)
    assert paragraph_periods("", title, forecast=True) == {"2030"}
    row = (
        "Revised forecast (B) (Millions of yen) \u2014 Net sales: 351,000; Basic EPS (yen): 214.63"
    )
    assert fit_figures("acme h1 eps?", row, ACME, title=title) == frozenset()
    actual = "Six months ended September 30, 2030 (Yen) \u2014 Basic EPS: 104.18"
    assert fit_figures("acme h1 eps?", actual, ACME, title=title) == {"104.18"}


def test_what_share_of_asks_a_portion_not_a_share_of_stock() -> None:
    from assistant.measure_words import measure_words

    asked = "What share of Acme's revenue came from customers outside Europe?"
    assert "share" not in measure_words(asked)
    said = "Acme will buy back up to 2.2m shares (1.64% of shares outstanding)."
    assert fit_figures(asked, said, ACME) == frozenset()
    assert "share" in measure_words("What share of the market does Acme hold?")


def test_cash_after_capital_spending_is_free_cash_flow() -> None:
    asked = "How much cash did Acme's retail arm generate after capital spending in 2031?"
    assert plain_terms(asked) == ("How much free cash flow did Acme's retail arm generate in 2031?")


def test_borrowing_relative_to_earnings_is_one_measure_the_leverage() -> None:
    from assistant.question import question_parts

    (part,) = question_parts("How large is Acme's borrowing relative to its earnings?", ACME)
    assert "leverag" in part.focus.measures
    said = "Leverage was 1.7x at the end of 2031."
    assert fit_figures("How large is Acme's borrowing relative to its earnings?", said, ACME) == {
        "1.7x"
    }


def test_a_move_from_one_value_to_another_gives_the_earlier_value() -> None:
    from assistant.earlier_values import earlier_value
    from assistant.figures import find_figures

    said = "The broker cut its EBITDA estimate by 18%, from €55 billion to €45 billion."
    *_, old, new = find_figures(said)
    got = earlier_value(said, new)
    assert got is not None and got[0].text == old.text == "€55 billion"
    span = "Fares ranging from £10 to £12 apply on the new routes."
    assert earlier_value(span, find_figures(span)[-1]) is None  # a span, not a move


def test_the_new_and_the_old_value_are_both_ends_of_a_move() -> None:
    from assistant.value_questions import asks_both_ends

    assert asks_both_ends("What are the new and the old free cash flow targets?")
    assert asks_both_ends("What were the previous and revised forecasts?")
    assert not asks_both_ends("What is the new target?")


def test_both_ends_asked_show_the_new_value_from_the_old_with_its_bound() -> None:
    from assistant.direct import Quote, figure_line

    said = "- Free cash flow of at least €135 million (previously: at least €170 million)"
    quote = Quote(1, said, frozenset({"€135 million", "€170 million"}))
    asked = "What are the new and the old free cash flow targets for 2031?"
    line = figure_line(quote, asked, frozenset({"money", "number"}), None, ACME)
    assert line == "At least €135 million, down from at least €170 million (previously) [1]."


def test_two_currencies_exchange_rates_are_asked_one_by_one() -> None:
    from assistant.cues import currency_rate_asked
    from assistant.question_pieces import each_currency
    from assistant.text import stem
    from assistant.units import currency_wanted

    asked = "What dollar and euro exchange rates does Acme assume for the second half?"
    dollar, euro = each_currency(asked)
    assert dollar == "What dollar exchange rates does Acme assume for the second half?"
    assert euro == "What euro exchange rates does Acme assume for the second half?"
    assert currency_rate_asked(dollar) == {"dollar"}
    assert currency_wanted(asked) is None  # the currencies priced, not the answer's unit
    assert stem("rates") == stem("rate")
    said = "The forecast assumes second-half exchange rates of US$1 = ¥148, €1 = ¥165."
    assert fit_figures(dollar, said, ACME) == {"¥148"}


def test_a_row_in_a_forecast_section_takes_no_half_from_the_title() -> None:
    title = "Consolidated Financial Results for the Six Months Ended September 30, 2030"
    row = "% change \u2014 Net sales: 3.8; Profit attributable to owners of parent: 12.6"
    asked = "What was Acme's profit attributable to owners of parent in H1?"
    assert fit_figures(asked, row, ACME, title=title) == {"12.6"}
    section = "(3) Explanation of Consolidated Earnings Forecast"
    assert fit_figures(asked, row, ACME, title=title, section=section) == set()


def test_a_clause_past_an_earlier_figure_and_an_and_names_its_own_measure() -> None:
    from assistant.figures import find_figures
    from assistant.other_measures import _clause_of

    said = "Acme raised its OP forecast to ¥41.2bn from ¥37.5bn and net sales to ¥351.0bn."
    assert _clause_of(said, find_figures(said)[-1]).strip() == "net sales to"
    said = "Acme's software and services revenue rose 36.2% to €352 million."
    assert "software and services revenue" in _clause_of(said, find_figures(said)[-1])


def test_words_of_its_own_that_the_question_asks_make_the_other_the_nearer_measure() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ask

    text = (
        "Revenue (EUR m) \u2014 Q3 2031: 2,286; Q3 2030: 2,163; Change: 5.7%\n\n"
        "- Unit revenue (RASK) down 1.4% to 9.64 euro cents in Q3 2031."
    )
    asked = "unit revenue chg in q3 2031?"
    evidence = ask(asked, text, "Q3 results")
    row = ask("Revenue change in Q3 2031?", text, "Q3 results").sentences[0]
    unit = next(s for s in evidence.sentences if "Unit" in s.text)
    assert _value_news(QuoteReader(evidence, asked, ACME), [(1, row, "row")], unit) != "apart"


def test_money_spent_buying_back_stock_is_the_buyback() -> None:
    from assistant.measure_words import measure_words

    asked = "How much money had Acme spent buying back its own stock by the end of June?"
    assert measure_words(asked) == ["buyback"]
    assert measure_words("How much did it spend on capex?") == ["spend", "capex"]


def test_measures_described_in_plain_words_are_named() -> None:
    from assistant.rephrasings import measures_described

    assert measures_described("How much did Acme earn after all costs and taxes?") == (
        "How much did Acme make in net profit?"
    )
    assert measures_described("What proportion of pre-tax profit went in tax?") == (
        "what effective tax rate was paid?"
    )
    assert measures_described(
        "What share of its sales did the services business keep as profit?"
    ) == ("what margin did the services business make?")
    assert measures_described("How fast did the value of goods sold on Acme grow?") == (
        "How fast did gross merchandise volume on Acme grow?"
    )
    assert plain_terms("How many cars did Acme hand over to buyers?") == (
        "How many cars did Acme deliver?"
    )


def test_a_line_labelled_previous_gives_old_values() -> None:
    from assistant.earlier_values import compared_from
    from assistant.figures import find_figures

    said = "Previous broker estimates: FY3/31E OP 37.6 / FY3/32E OP 42.3"
    assert all(compared_from(said, f) for f in find_figures(said) if f.text in ("37.6", "42.3"))
    said = "Broker estimates: FY3/31E OP 41.7 / FY3/32E OP 48.9"
    assert not any(compared_from(said, f) for f in find_figures(said))


def test_two_japanese_fiscal_years_are_asked_one_by_one() -> None:
    from assistant.question import each_period

    assert each_period("operating profit estimates for FY3/31 and FY3/32?") == [
        "operating profit estimates for FY3/31?",
        "operating profit estimates for FY3/32?",
    ]


def test_a_forecast_row_is_no_other_value_of_the_actual_asked() -> None:
    from assistant.quotes import QuoteReader, _value_news
    from tests.unit.test_evidence import ask

    text = (
        "Results for the year ended March 31, 2031 (JPY m) \u2014 Net sales: 321,477; "
        "Operating profit: 33,415\n\n"
        "Previous forecast (A) (announced May 9, 2031) (JPY m) \u2014 Net sales: 340,000; "
        "Operating profit: 37,500"
    )
    asked = "What was Acme's operating profit for the year to March 2031?"
    evidence = ask(asked, text, "Results for the six months")
    actual = ask("Acme operating profit, year ended March 31, 2031?", text).sentences[0]
    plan = ask("What was Acme's previous operating profit forecast?", text).sentences[0]
    assert "Previous forecast" in plan.text and "Results" in actual.text
    assert _value_news(QuoteReader(evidence, asked, ACME), [(1, actual, "row")], plan) == "apart"
