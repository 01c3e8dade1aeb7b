"""Parts of a question over a results table: a rate asked beside an amount in pounds, a row
that only counts the measure in, a move asked in other words, two periods set side by side,
and a brand asked by its initials. Made-up text."""

from __future__ import annotations

import pytest

from assistant.direct import answer_figure
from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.matching import (
    counts_only_included,
    names_only_included,
    question_focus,
    subject_fits,
)
from assistant.measures import figure_contexts
from assistant.question import each_period, question_parts
from assistant.text import split_sentences
from tests.unit.test_evidence import ask

ACME = Subject("Acme", ("Acme Group",))
TABLE = (
    "Fuel sales (£m) \u2014 2030/31 Q1: 1,012; 2031/32 Q1: 1,184\n"
    "Fuel sales \u2014 2030/31 Q1: (11.2)%; 2031/32 Q1: 16.8%\n"
    "Like-for-like sales (inc. fuel) \u2014 2030/31 Q1: 1.9%; 2031/32 Q1: 3.4%\n"
    "Total Retail (inc. fuel) (£m) \u2014 2030/31 Q1: 8,436; 2031/32 Q1: 8,817\n"
)


def test_a_rate_asked_beside_an_amount_in_pounds_is_answered_as_a_rate() -> None:
    question = "What did fuel sales come to in £m in Q1, and how much were they up YoY?"
    got = ask(question, TABLE, "Q1 trading statement")
    quoted = " ".join(s.text for s in got.sentences)
    assert "1,184" in quoted and "16.8%" in quoted and not got.missing_parts
    rate_row = TABLE.splitlines()[1]
    rate = answer_figure(rate_row, "how much were they up YoY", frozenset({"percent"}), "GBP", ACME)
    assert rate is not None and rate.text == "16.8%"
    # An amount in another currency is still no answer to "in £m".
    assert (
        answer_figure("Fuel sales were $1,184m.", "fuel sales?", frozenset({"money"}), "GBP", ACME)
        is None
    )


def test_a_row_that_only_counts_the_measure_in_does_not_answer_it() -> None:
    focus = question_focus("How much were fuel sales up in Q1?", ACME)
    assert names_only_included(focus, "Like-for-like sales (inc. fuel) \u2014 2031/32 Q1: 3.4%")
    assert not names_only_included(focus, "Fuel \u2014 2031/32 Q1: 16.8%")
    # "Acme Inc. revenue" names a company, not what revenue counts in.
    revenue = question_focus("What was revenue in 2025?", ACME)
    assert not names_only_included(revenue, "Acme Inc. revenue rose 4% in 2025.")
    got = ask("How much were fuel sales up in Q1?", TABLE, "Q1 trading statement")
    quoted = [s.text for s in got.sentences]
    assert TABLE.splitlines()[1] in quoted and not any("Like-for-like" in s for s in quoted)


def test_a_whole_asked_including_a_part_is_not_answered_by_the_part() -> None:
    focus = question_focus("total retail sales incl fuel in Q1?", ACME)
    assert counts_only_included(focus, "Fuel (£m) \u2014 2031/32 Q1: 1,184")
    assert not counts_only_included(focus, "Total Retail (inc. fuel) (£m) \u2014 2031/32 Q1: 8,817")
    got = ask("What were total retail sales including fuel in Q1, in £m?", TABLE, "Q1 update")
    assert got.sentences and all("Total Retail" in s.text for s in got.sentences)


def test_a_move_or_swing_asks_how_the_measure_moved_and_names_no_measure() -> None:
    for question in ("what was the y/y move?", "what was the swing?", "how did it move?"):
        assert not question_focus(question, ACME).measures
    first, second = question_parts(
        "Fuel in Q1: how much revenue in £m, and what was the y/y move?", ACME, frozenset()
    )
    assert second.focus.measures == first.focus.measures and "percent" in second.kinds


def test_two_periods_set_side_by_side_ask_the_measure_of_each() -> None:
    assert each_period("total retail sales £m, Q1 this yr vs Q1 25/26") == [
        "total retail sales £m, Q1 this yr",
        "total retail sales £m, Q1 25/26",
    ]
    assert len(each_period("grocery sales FY25/26 vs FY24/25?")) == 2
    # One period twice over is one question.
    assert len(each_period("sales in Q1 vs Q1?")) == 1


def test_a_brand_asked_by_its_initials_is_what_is_measured_not_a_rival() -> None:
    sentence = "More customers buying Savour the Season8, with sales up 8 per cent."
    (ctx,) = figure_contexts(sentence, ACME)
    assert subject_fits(question_focus("STS sales growth in q1?", ACME), ctx)
    # A word of the question that is no acronym ("sal" of "sales") spells no rival's name.
    rival = "Smith And Lee said its sales rose 6 per cent."
    (other,) = figure_contexts(rival, ACME)
    assert not subject_fits(question_focus("What did sales grow by?", ACME), other)


def test_a_rate_does_not_answer_a_question_asking_an_amount_in_a_currency() -> None:
    sentence = "Acme's net income surged 76% in fiscal 2025."
    question = "What was Acme's net income in dollars for fiscal 2025?"
    assert answer_figure(sentence, question, frozenset({"money", "percent"}), "USD", ACME) is None
    assert not ask(question, sentence, "Acme results").sentences


def test_with_fuel_included_counts_fuel_in() -> None:
    focus = question_focus("What was total retail sales growth with fuel included in Q1?", ACME)
    assert focus.included == {"fuel"}
    assert not names_only_included(focus, "Total Retail (inc. fuel) \u2014 2031/32 Q1: 3.9%")


def test_a_sensitivity_is_read_against_the_currency_asked() -> None:
    from assistant.sensitivities import against_currency

    text = (
        "A change of ¥1 against the US dollar is expected to alter full-year operating "
        "profit by roughly ¥280 million, and a change of ¥1 against the euro by "
        "roughly ¥105 million."
    )
    question = "How much does a one-yen move against the euro change annual operating profit?"
    assert question_focus(question, ACME).against == "EUR"
    # A unit asked is no currency on the other side of a rate.
    assert against_currency("What did fuel sales come to in £m in Q1?") is None
    assert against_currency("Why did net profit rise to NZ$58.7m this year?") is None
    assert against_currency("if the yen moves one unit against the greenback") == "USD"
    got = ask(question, text, "Acme results")
    assert got.sentences
    fig = answer_figure(got.sentences[0].text, question, got.kinds, None, ACME)
    assert fig is not None and fig.text == "¥105 million"
    dollar = ask(question.replace("euro", "dollar"), text, "Acme results")
    fig = answer_figure(dollar.sentences[0].text, "... against the dollar", got.kinds, None, ACME)
    assert fig is not None and fig.text == "¥280 million"


def test_what_a_segment_sold_asks_its_sales() -> None:
    (first, second) = question_parts(
        "What did the motion components segment sell in the half, and by how much was that up?",
        ACME,
        frozenset(),
    )
    assert "sal" in first.focus.measures and "money" in first.kinds
    assert "percent" in second.kinds


def test_what_was_paid_asks_an_amount() -> None:
    from assistant.cues import asks_amount

    assert asks_amount("What did Acme pay on average for the shares?")
    assert asks_amount("What will the new plant cost?")
    assert not asks_amount("What did Acme say about pay?")


LEVERAGE = (
    "Net debt stood at €512.0 million at 30 June 2026 (31 December 2025: €446.0 million). "
    "Leverage, defined as net debt to adjusted EBITDA over the last twelve months, was 1.7x "
    "(31 December 2025: 1.4x)."
)


def _figure(text: str, figure: str):
    """The context of ``figure`` in the sentence of ``text`` that holds it."""
    sentence = next(s for s in split_sentences(text) if figure in s)
    return next(c for c in figure_contexts(sentence, ACME) if c.figure.text == figure)


def test_a_measure_named_only_in_another_ones_definition_is_not_its_figure() -> None:
    from assistant.matching import answers, named_only_in_definition

    clause = "Leverage, defined as net debt to adjusted EBITDA over the last twelve months, was"
    net_debt = question_focus("Where did net debt end the half?", ACME)
    assert named_only_in_definition(net_debt, clause)
    ratio = question_focus("What is net debt to EBITDA?", ACME)
    assert not named_only_in_definition(ratio, clause)
    assert not answers(net_debt, _figure(LEVERAGE, "1.7x"))
    assert answers(net_debt, _figure(LEVERAGE, "€512.0 million"))


def test_a_multiple_asked_is_answered_by_a_figure_written_as_one() -> None:
    from assistant.matching import keeps_ratio

    multiple = question_focus("What's the net debt to EBITDA multiple?", ACME)
    assert keeps_ratio(multiple, _figure(LEVERAGE, "1.7x"))
    assert not keeps_ratio(multiple, _figure(LEVERAGE, "€512.0 million"))


def test_an_amount_asked_in_millions_is_written_in_millions() -> None:
    from assistant.amounts import magnitude, scale_asked

    row = "Total Retail (£m) \u2014 2030/31 Q1: 8,436; 2031/32 Q1: 8,817"
    fig = answer_figure(row, "total retail sales £m, Q1 this yr?", frozenset({"money"}), None)
    assert fig is not None
    assert magnitude(fig) == "£8.817bn"
    assert magnitude(fig, scale_asked("total retail sales £m?")) == "£8,817m"
    assert scale_asked("revenue in $bn?") == (1e9, "bn") and scale_asked("revenue?") is None


def test_an_earlier_value_in_brackets_says_which_way_a_figure_moved() -> None:
    from assistant.premise import check_direction
    from assistant.row_moves import aside_direction

    sentence = (
        "Final dividend of 5.8 cents per share, taking the total to 10.5 cents (FY25: 9.5 cents)"
    )
    total = next(f for f in find_figures(sentence) if f.text == "10.5 cents")
    assert aside_direction(sentence, total) == "up"
    # A bracket that names no period is no earlier value.
    assert (
        aside_direction("Sales were £5m (guidance: £6m).", find_figures("Sales were £5m")[0])
        is None
    )
    found = check_direction(
        "Why did Acme trim its total dividend for the year?",
        [sentence],
        frozenset({"money", "percent", "points"}),
        None,
        ACME,
    )
    assert found is not None
    issue, _ = found
    assert "10.5 cents from 9.5 cents" in issue.correction


def test_how_much_a_dividend_was_cut_may_be_an_amount() -> None:
    from assistant.cues import asked_kinds

    assert "money" in asked_kinds("How much did Acme cut its dividend?")


def test_an_amount_asked_in_two_currencies_is_two_parts() -> None:
    from assistant.composing import compose_direct

    question = "Capex plan: what's the rmb number and the usd equivalent?"
    first, second = question_parts(question, ACME, frozenset())
    assert "usd" not in first.text.lower() and "rmb" not in second.text.lower()
    assert "equivalent" not in second.focus.phrase
    text = "Acme plans to spend RMB 380 billion (about US$53 billion) on its capex plan."
    picked = [(1, text, 0, "part"), (1, text, 1, "part")]
    line = compose_direct(picked, [first.text, second.text], frozenset({"money"}), "CNY")
    # Each part in its own currency; the heading both share labels neither.
    assert line == "RMB 380 billion [1]; US$53 billion [1]."


def test_a_move_stated_the_wrong_way_round_is_corrected() -> None:
    from assistant.premise import check_premise

    sentence = (
        "Acme's free cash flow in the latest quarter was RMB 3,743 million, against RMB 15,361 "
        "million in the same quarter of 2024, a fall of 76%."
    )
    question = "fcf went from RMB 3,743m a year ago to RMB 15,361m last qtr - what drove it?"
    issue = check_premise(question, [sentence], ACME)
    assert issue is not None
    assert issue.correction == (
        "The sources say it fell to RMB 3,743 million from RMB 15,361 million, not rose"
    )
    # The move the right way round stands.
    right = "Why did fcf fall from RMB 15,361m to RMB 3,743m?"
    assert check_premise(right, [sentence], ACME) is None


def test_a_row_label_dates_its_cells() -> None:
    from assistant.measures import row_contexts

    row = (
        "Results for the fiscal year ended March 31, 2026 (Millions of yen) \u2014 "
        "Net sales: 321,477; Profit attributable to owners of parent: 23,746"
    )
    cell = next(c for c in row_contexts(row) if c.figure.text == "23,746")
    assert "FY2026" in cell.periods


def test_a_change_columns_cell_is_a_move_as_a_change_rows_are() -> None:
    from assistant.directions import is_move

    row = "Grocery — YoY: 4.1%; £m: 6,118"
    change, level = find_figures(row)
    assert is_move(row, change) and not is_move(row, level)
    prose = "Grocery sales grew 4.1% to £6,118m."
    assert [is_move(prose, f) for f in find_figures(prose)] == [True, False]


def test_a_change_rows_cells_are_moves_not_levels() -> None:
    from assistant.directions import moved_by

    row = "Change (B - A) (Millions of yen) \u2014 Net sales: 9,000; Operating profit: 3,200"
    cell = next(f for f in find_figures(row) if f.text == "3,200")
    assert moved_by(row, cell)
    level = "Revised forecast (B) (Millions of yen) \u2014 Operating profit: 41,200"
    assert not moved_by(level, next(f for f in find_figures(level) if f.text == "41,200"))


def test_the_words_after_ie_name_the_measure() -> None:
    focus = question_focus(
        "What was Acme's bottom line in 1H, i.e. profit attributable to owners of the parent?",
        ACME,
    )
    assert "net" not in focus.measures and {"profit", "owner", "parent"} <= focus.measures
    assert focus.periods == {"H1"}


def test_what_cash_flow_someone_targets_asks_a_value() -> None:
    (part,) = question_parts("What free cash flow is management targeting?", ACME, frozenset())
    assert "money" in part.kinds
    (names,) = question_parts("What phone brands is Acme partnering with?", ACME, frozenset())
    assert not names.kinds


def test_what_is_expected_asks_a_value() -> None:
    (part,) = question_parts(
        "What retail depreciation and amortisation is expected in 2026/27?", ACME, frozenset()
    )
    assert "money" in part.kinds


def test_according_to_management_names_who_says_not_the_measure() -> None:
    question = "What happened to Acme's orders from China in the quarter, according to management?"
    assert question_focus(question, ACME).measures == {"order"}


def test_what_happened_in_a_period_may_be_answered_in_words() -> None:
    text = "The chief executive said orders from China were down mid-teens in the quarter."
    got = ask("What happened to Acme's orders from China in the quarter?", text, "Acme Q4 call")
    assert got.sentences and "mid-teens" in got.sentences[0].text
    # A figure asked for a period is still not answered in words.
    assert not ask("What were Acme's orders in the quarter, in dollars?", text).sentences


def test_a_count_reads_what_it_counts_without_a_following_abbreviation() -> None:
    from assistant.direct import figure_lead

    sentence = "Launched >240 new products c.40% Savour the Season"
    fig = next(f for f in find_figures(sentence) if f.text.endswith("240"))
    assert figure_lead(sentence, fig).endswith("240 new products")


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Launched >240 new products in the quarter", "More than 240 new products"),
        ("It employs nearly 3,400 people", "Nearly 3,400 people"),
        ("Revenue of over $2bn", "More than $2bn"),
        ("Sales rose more than 5%", "Up more than 5%"),
    ],
)
def test_a_bound_on_a_figure_stays_in_its_lead(sentence: str, lead: str) -> None:
    from assistant.direct import figure_lead

    assert figure_lead(sentence, find_figures(sentence)[0]) == lead


def test_a_move_asked_from_and_to_asks_two_values() -> None:
    from assistant.value_questions import values_asked

    assert values_asked("Where did Halvern move its FY27 EBITDA forecast from and to?") == 2
    assert values_asked("Acme's target before and after the note?") == 2
    assert values_asked("Where did Halvern move its forecast?") == 1


def test_a_second_part_keeps_who_the_first_says_reports_it() -> None:
    question = "What is Initech's new FY27 EBITDA forecast for Acme, and what was its previous one?"
    first, second = question_parts(question, ACME, frozenset())
    assert first.focus.sources == second.focus.sources == {"initech"}


def test_an_old_column_answers_what_was_there_before() -> None:
    row = "FY27F EBITDA (NZ$m) \u2014 Old: 241.6; New: 249.8; Change: +3.4%"
    kinds = frozenset({"money", "number"})
    old = answer_figure(row, "what was its previous EBITDA forecast?", kinds, None, ACME)
    new = answer_figure(row, "what is its new EBITDA forecast?", kinds, None, ACME)
    assert old is not None and old.text == "241.6"
    assert new is not None and new.text == "249.8"


def test_a_part_no_quote_answers_borrows_no_column_of_a_row() -> None:
    from assistant.composing import compose_direct

    row = "EBITDA (NZ$m) \u2014 FY25A: 216.4; FY26A: 231.7; FY27F: 249.8; FY28F: 265.3"
    parts = ["What is the FY27 EBITDA forecast", "what was its previous one (ebitda forecast)"]
    line = compose_direct([(1, row, 0, "part")], parts, frozenset({"money"}), None)
    assert "249.8" in line and "265" not in line
    measures = "Full year (¥m) \u2014 Net sales: 351,000; Profit attributable to owners: 29,400"
    parts = ["What is the full-year net profit forecast", "what was the May number (net profit)"]
    picked = [(1, measures, 0, "part")]
    line = compose_direct(picked, parts, frozenset({"money"}), None, answering={1: {"29,400"}})
    assert "29.4" in line and "351" not in line


def test_names_a_figure_is_set_against_qualify_nothing() -> None:
    focus = question_focus("Acme's cloud share, the number that puts it ahead of Globex?", ACME)
    assert "globex" not in focus.qualifiers and "ahead" not in focus.measures
    assert "globex" in question_focus("Acme's cloud share at Globex?", ACME).qualifiers


def test_the_condition_of_a_sensitivity_answers_nothing() -> None:
    from assistant.matching import answers
    from assistant.sensitivities import is_condition

    sentence = (
        "We estimate every US$10 per barrel move in the oil price alters FY27 EBITDA by NZ$5.8m."
    )
    condition, result = find_figures(sentence)[:2]
    assert is_condition(sentence, condition) and not is_condition(sentence, result)
    focus = question_focus("What is the FY27 EBITDA forecast?", ACME)
    assert not answers(focus, _figure(sentence, "US$10"))


def test_a_move_asked_of_guidance_that_was_maintained_is_corrected() -> None:
    from assistant.premise import check_premise

    kept = (
        "Full-year guidance was maintained, with underlying operating profit still seen at "
        "£640-710mn."
    )
    other = "Profit guidance could yet be beaten if fuel costs ease."
    issue = check_premise("Why did Acme cut its profit guidance after Q1?", [other, kept], ACME)
    assert issue is not None and issue.sentence == kept
    # The one amount the sentence keeps is the level it was kept at.
    assert issue.correction == "The sources say it was unchanged at £640-710mn, not lower"
    # Another measure kept does not answer for this one.
    assert check_premise("Why did Acme cut its dividend?", [kept], ACME) is None
    # A sentence keeping two amounts does not say which one: no level is named.
    two = "Guidance was maintained: operating profit of £640m and free cash flow of £350m."
    issue = check_premise("Why did Acme cut its guidance?", [two], ACME)
    assert issue is not None and issue.correction == "The sources say it was unchanged, not lower"
    # "cut it to below £900m" asserts the move, not a figure: the move is still corrected.
    asked = "Why did Acme cut its profit guidance to below £600m?"
    issue = check_premise(asked, [kept], ACME)
    assert issue is not None and issue.sentence == kept


def test_a_figure_the_question_writes_names_no_currency_asked() -> None:
    from assistant.units import currency_wanted

    assert currency_wanted("how much does a US$10 per barrel move change FY27 EBITDA?") is None
    assert currency_wanted("what was revenue in US$?") == "USD"
    assert currency_wanted("That RMB 380bn plan - roughly what is it in USD?") == "USD"


def test_what_a_business_turned_over_in_the_half_to_june_asks_its_revenue() -> None:
    from assistant.periods import periods

    (part,) = question_parts(
        "What did the heat-pump business turn over in the half to June?", ACME, frozenset()
    )
    assert "revenu" in part.focus.measures and "money" in part.kinds
    assert part.focus.periods == {"H*"}
    assert not periods("a half to remember")


def test_its_after_a_business_named_by_description_is_that_business() -> None:
    from assistant.followups import resolve_followup

    previous = "What did the heat-pump business turn over in the half to June?"
    assert resolve_followup("and its margin a year earlier?", [previous]).startswith(
        "the heat-pump business's margin a year earlier"
    )


def test_cells_of_a_row_that_differ_by_period_alone_tie() -> None:
    from assistant.sentence_fit import best_figures

    assert best_figures({"574.8": 0.70, "628.3": 0.71, "(8.5)%": 0.5}) == {"574.8", "628.3"}
    row = "Heat Pumps \u2014 Revenue H1 2026 (€m): 574.8; Revenue H1 2025 (€m): 628.3"
    got = ask("What was heat pumps revenue in the half to June?", row, "Acme half-year report")
    assert got.sentences and {"574.8", "628.3"} <= got.sentences[0].answering
    fig = answer_figure(
        row, "heat pumps revenue in the half?", got.kinds, None, ACME, got.sentences[0].answering
    )
    assert fig is not None and fig.text == "574.8"  # the latest half, as the question names none


def test_who_calculates_a_figure_is_its_source_not_a_rival() -> None:
    focus = question_focus("What was Initech's leverage measure at FYE 2026?", ACME)
    assert focus.sources == {"initech"} and not focus.qualifiers and not focus.subjects
    sentence = "Initech said its measure of EBITDA leverage fell to 2.1x at the end of 2026."
    assert subject_fits(focus, _figure(sentence, "2.1x"))
    other = question_focus("What was Acme's leverage at the end of 2026?", ACME)
    assert not subject_fits(other, _figure(sentence, "2.1x"))


def test_a_row_named_by_its_segment_answers_the_measure_its_header_names() -> None:
    from assistant.matching import answers

    row = (
        "Aftermarket Services ($m) \u2014 Orders: $228.4; Revenue: $219.6; "
        "Adjusted operating margin: 22.8%"
    )
    orders = question_focus("What did the services segment book in orders in Q4?", ACME)
    revenue = question_focus("What was services revenue in Q4?", ACME)
    extra = frozenset({"Q4", "2026"})
    assert answers(orders, _figure(row, "$228.4"), extra)
    assert not answers(orders, _figure(row, "$219.6"), extra)
    assert answers(revenue, _figure(row, "$219.6"), extra)
    # A row of another segment does not answer for the one asked, whatever its header.
    other = "Flow Control ($m) \u2014 Orders: $536.2; Revenue: $508.9"
    assert not answers(orders, _figure(other, "$536.2"), extra)
