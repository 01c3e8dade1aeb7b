"""A figure set beside its earlier value in one sentence, and the questions that ask for both;
with the smaller readings found on the way (made-up text, no model)."""

from __future__ import annotations

import pytest

from assistant.cues import asked_kinds
from assistant.direct import Quote, direct_line
from assistant.directions import clause_direction
from assistant.earlier_values import compares_with_earlier, earlier_value, year_before
from assistant.figures import find_figures
from assistant.measure_words import measure_words
from assistant.measures import figure_contexts
from assistant.synonyms import acronym_name_stems
from tests.unit.test_evidence import ask

PERCENT = frozenset({"percent"})
MONEY = frozenset({"money"})


def _earlier_of(sentence: str, figure: str) -> tuple[str, str] | None:
    fig = next(f for f in find_figures(sentence) if f.text == figure)
    found = earlier_value(sentence, fig)
    return (found[0].text, found[1]) if found else None


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        (
            "Net debt stood at €512.0 million at 30 June 2026 (31 December 2025: €446.0 million).",
            "€512.0 million",
            ("€446.0 million", "31 December 2025"),
        ),
        ("On-time performance fell to 82.3% from 86.1%.", "82.3%", ("86.1%", "")),
        (
            "The yen averaged ¥148.6 to the dollar against ¥145.1 a year earlier.",
            "¥148.6",
            ("¥145.1", "a year earlier"),
        ),
        (
            "Dividend of 10.5 cents per share (FY25: 9.5 cents).",
            "10.5 cents",
            ("9.5 cents", "FY25"),
        ),
        ("Net profit (NZ$m) \u2014 FY26: 66.9; FY25: 61.8; Change: 8.3%", "66.9", ("61.8", "FY25")),
        ("Grocery \u2014 2030/31 Q1: 4.7%; 2031/32 Q1: 4.1%", "4.1%", ("4.7%", "2030/31 Q1")),
    ],
)
def test_the_earlier_value_beside_a_figure(
    sentence: str, figure: str, expected: tuple[str, str]
) -> None:
    assert _earlier_of(sentence, figure) == expected


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # The earlier value is the later figure's, not one before it.
        ("On-time performance fell to 82.3% from 86.1%.", "86.1%"),
        # Another measure after "against" is no earlier value.
        ("Revenue rose to $120m against a backdrop of 3% inflation.", "$120m"),
        # Of another currency: not the same measure's earlier value.
        ("Sales were €10m, compared with $9m at Globex.", "€10m"),
        # A change cell has no year-before column of its own.
        ("Net profit (NZ$m) \u2014 FY26: 66.9; FY25: 61.8; Change: 8.3%", "8.3%"),
    ],
)
def test_no_earlier_value_where_the_sentence_gives_none(sentence: str, figure: str) -> None:
    assert _earlier_of(sentence, figure) is None


@pytest.mark.parametrize(
    "question",
    [
        "How did the average dollar-yen rate in H1 compare with the same period a year before?",
        "How much has net debt gone up since the end of last year?",
        "Free cash flow vs last year?",
        "Net debt at the half-year - give me both balances",
        "How did revenue compare with the prior year?",
    ],
)
def test_questions_that_compare_with_an_earlier_value(question: str) -> None:
    assert compares_with_earlier(question)


@pytest.mark.parametrize(
    "question",
    ["What was net debt at the end of June?", "What was revenue last year?", "Why did sales fall?"],
)
def test_questions_that_do_not(question: str) -> None:
    assert not compares_with_earlier(question)


def test_a_level_compared_with_an_earlier_one_is_answered_with_both() -> None:
    quote = Quote(
        1, "Net debt stood at €512.0 million at 30 June 2026 (31 December 2025: €446.0 million)."
    )
    line = direct_line([quote], "How much has net debt gone up since December?", MONEY, None)
    assert line == "€512.0 million, up from €446.0 million (31 December 2025) [1]."
    # Asked for the level alone, the level alone.
    assert direct_line([quote], "What was net debt?", MONEY, None) == "€512.0 million [1]."


def test_a_rate_that_moved_is_set_beside_the_earlier_rate_as_written() -> None:
    quote = Quote(2, "Organic revenue growth \u2014 H1 2026: (0.4)%; H1 2025: 4.2%")
    line = direct_line(
        [quote], "How did organic growth compare with a year earlier?", PERCENT, None
    )
    assert line == "Down 0.4% (H1 2025: 4.2%) [2]."


def test_a_growth_rate_beside_last_years_is_not_said_to_have_fallen() -> None:
    # 4.1% growth after 4.7% is slower growth, not a fall: the row's own notation.
    quote = Quote(1, "Grocery \u2014 2030/31 Q1: 4.7%; 2031/32 Q1: 4.1%")
    line = direct_line([quote], "How did grocery growth compare with last year?", PERCENT, None)
    assert line == "4.1% (2030/31 Q1: 4.7%) [1]."


def test_the_part_of_a_comparison_reads_the_whole_question() -> None:
    quote = Quote(1, "On-time performance fell to 82.3% from 86.1%.")
    whole = "How did on-time performance compare with the year before?"
    line = direct_line([quote], "on-time performance", PERCENT, None, (), whole)
    assert line == "82.3%, down from 86.1% [1]."


def test_a_sentence_that_gives_both_values_is_quoted_first() -> None:
    text = (
        "Acme's net debt was $40m at the end of June. "
        "Acme's net debt rose to $40m from $31m a year earlier, on acquisitions."
    )
    evidence = ask("How did Acme's net debt compare with a year earlier?", text)
    assert evidence.sentences and "$31m" in evidence.sentences[0].text


def test_the_year_before_of_period_labels() -> None:
    assert year_before("2026/27 Q1") == "2025/26 Q1"
    assert year_before("FY26") == "FY25"
    assert year_before("H1 2026") == "H1 2025"
    assert year_before("Q1") is None


def test_a_verb_left_before_the_last_preposition_names_no_measure() -> None:
    assert measure_words("What discount rate is the DCF built on?") == ["discount", "rate", "dcf"]
    assert measure_words("What is the price target based on?") == ["price", "target"]
    # A preposition that ends no passive clause leaves the words alone.
    assert "revenue" in measure_words("What was revenue in 2025?")


def test_a_wacc_is_a_discount_rate() -> None:
    assert frozenset({"discount", "rate"}) in acronym_name_stems("wacc")


def test_a_direction_word_after_and_is_the_next_figures() -> None:
    sentence = "The target uses a WACC of 8.4% and a terminal growth rate of 2.5%."
    wacc = find_figures(sentence)[0]
    assert clause_direction(sentence, wacc) is None
    assert clause_direction("Sales rose 5% and profit 3%.", find_figures("Sales rose 5%")[0])


def test_how_much_a_balance_rose_may_be_an_amount() -> None:
    assert "money" in asked_kinds("How much has net debt gone up since December?")
    assert "money" not in asked_kinds("How much did the margin go up?")


def test_a_clause_after_a_semicolon_is_read_alone() -> None:
    sentence = (
        "Foreign exchange was a positive ¥1.3 billion; the yen averaged ¥148.6 to the dollar."
    )
    yen = next(c for c in figure_contexts(sentence) if c.figure.text == "¥148.6")
    assert "foreign" not in dict(yen.weights) and "averag" in dict(yen.weights)


def test_net_cash_from_operating_activities_is_operating_cash_flow() -> None:
    from assistant.synonyms import other_basis_before

    row = "Net cash from operating activities ($m) FY26: 684.2"
    assert not other_basis_before("operating cash flow", row)
    # "net sales" before profit is still another kind than the operating profit asked.
    assert other_basis_before("operating profit", "net profit was $40m")


def test_an_exchange_rate_is_the_price_of_a_currency() -> None:
    from assistant.matching import question_focus
    from assistant.stem_match import stem_match

    assert "money" in asked_kinds("What euro rate does Acme assume for the second half?")
    assert "money" not in asked_kinds("What tax rate does Acme expect?")
    focus = question_focus("What was the average dollar rate?")
    for sentence in ("The yen averaged ¥148.6 to the dollar.", "The average was US$1 = ¥148.6."):
        yen = next(c for c in figure_contexts(sentence) if c.figure.text == "¥148.6")
        assert stem_match(focus, yen) == 1.0
    # An amount that is no currency's price is no rate.
    cost = next(iter(figure_contexts("The average cost was ¥148.6 million.")))
    assert stem_match(focus, cost) < 1.0


def test_a_label_columns_name_the_heading_holds_titles_no_table() -> None:
    from assistant.tables import render_tables

    text = (
        "## Passengers by airport\n\n| Airport | Q3 2026 | Change |\n|---|---|---|\n"
        "| Lindmark | 5.7 | 2.9% |\n"
    )
    rendered = render_tables(text)
    assert "### Airport" not in rendered
    assert "Lindmark \u2014 Q3 2026: 5.7; Change: 2.9%" in rendered
    # A column name the heading does not hold still titles its table.
    assert "### Hub" in render_tables(text.replace("| Airport |", "| Hub |"))


def test_a_change_cell_answers_no_level_by_meaning_alone() -> None:
    from assistant.matching import measure_fits, question_focus

    row = "Lindmark \u2014 Q3 2026 (million): 5.7; Change: 2.9%"
    change = next(c for c in figure_contexts(row, heading="Airport") if c.figure.text == "2.9%")
    share = question_focus("Acme's market share at Lindmark airport in Q3?")
    assert not measure_fits(share, change, lambda a, b: 0.9, 0.5)
    moved = question_focus("How did Lindmark airport traffic change in Q3?")
    assert measure_fits(moved, change, lambda a, b: 0.9, 0.5)


def test_a_move_is_not_carried_past_a_verb_of_its_own() -> None:
    sentence = (
        "Kelmarsh handled 12.9 million passengers, up 4.7%, and remained the busiest airport "
        "with 43.2% of national traffic."
    )
    found = {f.text: clause_direction(sentence, f) for f in find_figures(sentence)}
    assert found["4.7%"] == "up" and found["43.2%"] is None


def test_a_name_compared_with_in_a_closed_clause_owns_nothing() -> None:
    from assistant.entities import Subject
    from assistant.owners import owners

    acme = Subject("Acme")
    zone = "Globex is not flying fuller planes than Acme: its load factor was"
    assert owners(zone, acme, places=False) == (frozenset({"globex"}), False)
    # "faster than Globex's": the figure that follows is Globex's own.
    assert owners("Acme grew faster than Globex's", acme, places=False)[0] == {"globex"}


def test_an_exchange_rate_asked_is_answered_only_by_that_currencys_price() -> None:
    from assistant.cues import currency_rate_asked
    from assistant.stem_match import priced_as

    sentence = "We assume ¥145 to the dollar and ¥162 to the euro; costs rose by ¥900 million."
    by_text = {c.figure.text: c for c in figure_contexts(sentence)}
    euro = currency_rate_asked("What euro rate does Acme assume?")
    assert euro == {"euro"}
    assert priced_as(euro, by_text["¥162"]) and not priced_as(euro, by_text["¥145"])
    assert not priced_as(euro, by_text["¥900 million"])
    # No currency's rate asked: any figure ("exchange rate" names none).
    assert currency_rate_asked("What exchange rate is assumed?") is None
    assert priced_as(currency_rate_asked("What did costs rise by?"), by_text["¥900 million"])


def test_a_currency_asked_by_one_name_is_priced_under_its_other() -> None:
    from assistant.cues import currency_rate_asked
    from assistant.stem_match import priced_as

    sentence = "We assume ¥190 to the pound and 7.1 yuan to the dollar."
    by_text = {c.figure.text: c for c in figure_contexts(sentence)}
    sterling = currency_rate_asked("What sterling rate does Acme assume?")
    assert priced_as(sterling, by_text["¥190"]) and not priced_as(sterling, by_text["7.1 yuan"])
    renminbi = currency_rate_asked("And the renminbi-dollar rate?")
    assert priced_as(renminbi, by_text["7.1 yuan"])


def test_before_and_after_asks_the_new_value_set_against_the_old() -> None:
    from assistant.matching import question_focus
    from assistant.value_questions import question_kinds

    question = "Initech's target on Acme before and after the September note?"
    focus = question_focus(question)
    assert set(focus.measures) == {"target"}  # neither "before" nor the note is a measure
    assert "money" in question_kinds(question, focus)
    said = "We keep our Hold rating on Acme and cut our price target to EUR 58 from EUR 66."
    new, old = find_figures(said)[:2]
    assert earlier_value(said, new) == (old, "")
    line = direct_line([Quote(1, said, frozenset({"EUR 58", "EUR 66"}))], question, {"money"}, None)
    assert line == "EUR 58, down from EUR 66 [1]."


def test_the_value_moved_from_measures_what_the_new_value_does() -> None:
    from assistant.restated import value_moved_from

    sentence = (
        "Acme raised its capex plan for the year to $24.5 million from $21.5 million, "
        "much of it for a new plant in Hollendorf."
    )
    new, old = find_figures(sentence)[:2]
    assert value_moved_from(sentence, new, old)
    # The earlier value reads the capex plan's words, not the plant the rest speaks of.
    context = next(c for c in figure_contexts(sentence) if c.figure.text == "$21.5 million")
    assert "plant" not in dict(context.weights) and "capex" in dict(context.weights)
    # "from" with no "to" before the first figure names a source, not an earlier value.
    other = "Acme earned $26 million from $23 million of orders, much of it in Spain."
    assert not value_moved_from(other, *find_figures(other)[:2])
    # "to ... from" alone is enough: the ratio's earlier value reads the ratio's words, not
    # the loans the rest of the sentence speaks of.
    npl = "The NPL ratio rose to 0.68% from 0.61% after three office loans moved to nonaccrual."
    assert value_moved_from(npl, *find_figures(npl)[:2])
    context = next(c for c in figure_contexts(npl) if c.figure.text == "0.61%")
    assert "loan" not in dict(context.weights) and "ratio" in dict(context.weights)


def test_the_level_a_change_reached_measures_what_the_change_does() -> None:
    from assistant.restated import level_moved_to
    from assistant.text import stem

    freight, repair = stem("freight"), stem("repair")

    sentence = (
        "Freight charges rose 4.2% to €310 million and repair costs rose 7.5% to €95 million, "
        "reflecting the engine inspection programme."
    )
    words = {c.figure.text: dict(c.weights) for c in figure_contexts(sentence)}
    # Each level is of the measure its change is of, not of the clause that follows it.
    assert freight in words["€310 million"] and repair not in words["€310 million"]
    assert repair in words["€95 million"] and freight not in words["€95 million"]
    # The clause read for the level runs from its measure to the level itself.
    clause = next(c.clause for c in figure_contexts(sentence) if c.figure.text == "€310 million")
    assert clause == "Freight charges rose 4.2% to €310 million"
    staff = "Staff costs increased 6.0% to €120 million following the new pay agreements."
    assert stem("staff") in dict(figure_contexts(staff)[1].weights)
    # "to" without a move before the first figure sets two figures side by side.
    for other in ("Acme holds 12% to Initech's 9%.", "Acme paid 5% to 7 banks."):
        assert not level_moved_to(other, *find_figures(other)[:2])
    moved = "Acme's sales rose 12% to 9 million units."
    assert level_moved_to(moved, *find_figures(moved)[:2])
