"""Fresh questions of the forty-sixth round, read as a user would: a balance's date after it
makes it the latest, and "the end of last year" asks the bracketed year-end; an aside's
earlier period answers "last year"; a row of two parts summed is neither part's alone; a
figure's own noun phrase may name another kind of the measure asked ("segment profit" for
"net profit"), or leave out other items ("EBITA" for "EBITDA" spelled out); "... and how much
did it change?" asks it of the sentence the first part took; "what was it before?" asks the
old value; a wire story's dateline is no place a figure counts; "versus a year earlier"
compares periods, not names; "the three months to September" is a quarter. Made-up text; no
model is loaded."""

from __future__ import annotations

from dataclasses import replace

from assistant.choosing import choose
from assistant.comparisons import owners_compared
from assistant.direct import answer_figure
from assistant.earlier_values import earlier_value, gives_earlier
from assistant.evidence import EvidenceSentence
from assistant.figures import find_figures
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.synonyms import plain_terms
from assistant.value_questions import asks_old_value
from tests.unit.test_evidence import ACME, fit_figures, hits

KINDS = frozenset({"money", "percent", "number"})
NET_DEBT = "Net debt stood at €612.0 million at 30 June 2031 (31 December 2030: €455.0 million)."


def _answer(sentence: str, question: str) -> str | None:
    fig = answer_figure(sentence, question, KINDS, None, ACME)
    return fig.text if fig else None


def test_the_end_of_last_year_is_the_year_end_before_a_dated_balance() -> None:
    assert _answer(NET_DEBT, "What was net debt at the end of last year?") == "€455.0 million"
    assert _answer(NET_DEBT, "What was net debt at the end of June?") == "€612.0 million"


def test_an_asides_earlier_period_is_an_earlier_value() -> None:
    said = "EBIT was €1,210 million (H1 2030: €1,480 million), down 18.2%."
    assert gives_earlier(said, frozenset({"€1,480 million"}))
    # (the lead alone, with no aside, gives none)
    assert not gives_earlier("EBIT fell 18.2% to €1,210 million.", frozenset({"€1,210 million"}))


def test_a_row_of_two_parts_summed_is_neither_parts_alone() -> None:
    row = "Home Goods + Clothing — YoY: (2.9)%; £m: 512"
    assert fit_figures("How much did home goods sales fall?", row, ACME) == frozenset()
    assert fit_figures("How did home goods and clothing sales do?", row, ACME) == {"(2.9)%"}
    # ("Home Goods & Garden" is often one division's name, which its first part may stand for)
    division = "Home Goods & Garden — Margin H1 2031: 7.4%"
    assert fit_figures("What was the home goods division's margin?", division, ACME) == {"7.4%"}


def test_another_kind_of_the_measure_asked_is_no_answer() -> None:
    said = (
        "Net sales were ¥41,500 million (up 3.2%) and segment profit was ¥2,870 million "
        "(down 7.5%)."
    )
    assert fit_figures("What was net profit?", said, ACME) == frozenset()
    assert fit_figures("What was segment profit?", said, ACME) == {"¥2,870 million"}
    # ("the company's profit", "total profit": an owner or a total, no other kind)
    assert fit_figures("What was net profit?", "Net profit was ¥9,100 million.", ACME) == {
        "¥9,100 million"
    }


def test_earnings_before_other_items_are_another_measure() -> None:
    ebita = "Adjusted earnings before interest, taxes and amortisation (EBITA) were €310m in 2031."
    asked = "What were earnings before interest, tax, depreciation and amortisation?"
    assert fit_figures(asked, ebita, ACME) == frozenset()
    same = "What were earnings before interest, tax and amortisation?"
    assert fit_figures(same, ebita, ACME) == {"€310m"}


def test_it_in_a_second_part_is_asked_of_the_first_parts_sentence() -> None:
    row = "Revenue (€m) — H1 2031: 18,300; H1 2030: 18,900; change: (3.2)%"
    prose = "Acme's software revenue rose 35.0% to €270 million in the first half."
    level = EvidenceSentence(
        hits(row)[0], 0, len(row), row, "", 0.3, 0.5, True, 2.5, 0, frozenset({"18,300"})
    )
    change = replace(level, part=1, fit=1.9, answering=frozenset({"(3.2)%"}))
    other = EvidenceSentence(
        hits(prose)[0], 0, len(prose), prose, "", 0.7, 0.5, True, 1.25, 1, frozenset({"35.0%"})
    )
    # "... and how much did it change?": "it" is the revenue the first part took the row for.
    chosen = choose([[level], [other, change]], 4, follows=frozenset({1}))
    assert chosen[0].text == row and chosen[0].also == ((1, frozenset({"(3.2)%"})),)
    assert all(s.part == 0 for s in chosen)
    # A second part with its own measure keeps its own best sentence.
    assert any(s.part == 1 for s in choose([[level], [other, change]], 4))


def test_what_was_it_before_asks_the_old_value() -> None:
    assert measure_words("and what was it before?") == []
    assert asks_old_value("What is the new guidance and what was it before?")
    assert asks_old_value("and what had it been previously?")
    assert asks_old_value("What rate does the plan assume, and what was assumed before?")
    assert measure_words("and what was assumed before?") == ["assumed"]
    assert not asks_old_value("What was it before tax?")
    assert not asks_old_value("What was revenue the year before?")
    assert measure_words("profit before tax") == ["profit", "before", "tax"]


def test_a_datelines_city_is_no_place_a_figure_counts() -> None:
    wire = (
        "NORHOLM, March 3 (Wire) - Acme will cut the Swedish list price of its Nova by 5% "
        "to €29,990, from €31,570."
    )
    assert fit_figures("What is the list price of the Nova in Norway?", wire, ACME) == frozenset()
    assert fit_figures("What is the list price of the Nova in Sweden?", wire, ACME)


def test_versus_a_year_earlier_compares_periods_not_names() -> None:
    asked = "What is Acme's share of European EV registrations now, versus a year earlier?"
    assert owners_compared(asked, ACME) == []
    assert owners_compared("How does Acme's share compare with Globex's?", ACME)
    said = "Acme's share rose to 7.2% in the first eight months of 2031 from 6.5% a year earlier."
    share = next(f for f in find_figures(said) if f.text == "7.2%")
    found = earlier_value(said, share)
    assert found is not None and found[0].text == "6.5%"


def test_the_three_months_to_a_month_is_a_quarter() -> None:
    assert periods("operating profit in the three months to September") == {"Q*", "Qm09"}
    assert periods("for the three months ended 30 June 2031") >= {"Q*", "Qm06"}
    assert periods("the six months to June") == {"H*"}


def test_everyday_names_for_reported_measures() -> None:
    row = "Acme — Market cap: EUR 4.2bn; P/E FY31E: 14.5x"
    assert fit_figures("What is Acme worth on the stock market?", row, ACME) == {"EUR 4.2bn"}
    assert fit_figures("What earnings multiple does Acme trade on?", row, ACME) == {"14.5x"}
    central = "Central costs rose to €21.3 million (H1 2030: €19.9 million)."
    asked = "What did head-office overhead cost in the half?"
    assert fit_figures(asked, central, ACME) == {"€21.3 million"}
    assert "software engineers" in plain_terms("How many coders does Acme employ?")
