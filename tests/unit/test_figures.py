"""Tests for assistant.figures: finding, normalising and comparing figures."""

from __future__ import annotations

import itertools

import pytest

from assistant.figures import Figure, contains_figure, figures_equal, find_figures, parse_figure
from assistant.matching import asked_kinds
from assistant.units import unit_from_header

ARTICLE_SENTENCE = (
    "Over the past three years, the company has committed $53 billion to AI and cloud "
    "infrastructure, driving triple-digit year-over-year growth in AI-related revenue for six "
    "consecutive quarters [1]."
)


def summary(text: str) -> list[tuple[str, float, str | None]]:
    """(kind, value, currency) of every figure in text, checking offsets on the way."""
    figures = find_figures(text)
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text
    return [(f.kind, f.value, f.currency) for f in figures]


@pytest.mark.parametrize(
    ("text", "kind", "value", "currency"),
    [
        # US dollars, prefix or suffix, with or without a space.
        ("$53 billion", "money", 53e9, "USD"),
        ("US$53bn", "money", 53e9, "USD"),
        ("US $53 bn", "money", 53e9, "USD"),
        ("USD 53 billion", "money", 53e9, "USD"),
        ("USD53bn", "money", 53e9, "USD"),
        ("53 billion dollars", "money", 53e9, "USD"),
        ("53 billion US dollars", "money", 53e9, "USD"),
        ("53bn USD", "money", 53e9, "USD"),
        ("$815 million", "money", 815e6, "USD"),
        ("$8.58", "money", 8.58, "USD"),
        ("$1.8 trillion", "money", 1.8e12, "USD"),
        ("$1,800 billion", "money", 1.8e12, "USD"),
        ("$5.2M", "money", 5.2e6, "USD"),
        ("$250k", "money", 250e3, "USD"),
        ("$3tn", "money", 3e12, "USD"),
        ("two billion dollars", "money", 2e9, "USD"),
        # Chinese yuan.
        ("RMB 380 billion", "money", 380e9, "CNY"),
        ("RMB 3,743 million", "money", 3743e6, "CNY"),
        ("RMB3.743bn", "money", 3743e6, "CNY"),
        ("RMB 1 trillion", "money", 1e12, "CNY"),
        ("CNY 5bn", "money", 5e9, "CNY"),
        ("380 billion yuan", "money", 380e9, "CNY"),
        ("380 billion RMB", "money", 380e9, "CNY"),
        ("¥100", "money", 100, "JPY"),  # a bare "¥" is the yen (its international meaning)
        ("rmb 5 Billion", "money", 5e9, "CNY"),
        # Percentages and percentage points.
        ("76%", "percent", 76, None),
        ("76 %", "percent", 76, None),
        ("76 percent", "percent", 76, None),
        ("76 per cent", "percent", 76, None),
        ("76percent", "percent", 76, None),
        ("12.5%", "percent", 12.5, None),
        ("six percent", "percent", 6, None),
        ("5 percentage points", "points", 5, None),
        ("5 percentage point", "points", 5, None),
        ("5pp", "points", 5, None),
        ("5 pp", "points", 5, None),
        ("3 points", "points", 3, None),
        ("50 basis points", "points", 0.5, None),
        ("50bps", "points", 0.5, None),
        ("+2ppts", "points", 2.0, None),
        ("up 1.5 ppt", "points", 1.5, None),
        # Plain numbers, with separators, decimals and scale words.
        ("15,361", "number", 15361, None),
        ("3.743", "number", 3.743, None),
        ("1,000,000", "number", 1e6, None),
        ("1 trillion", "number", 1e12, None),
        ("53bn", "number", 53e9, None),
        ("53 BN", "number", 53e9, None),
        ("5.2M", "number", 5.2e6, None),
        ("5.2 mn", "number", 5.2e6, None),
        ("10K", "number", 10e3, None),
        ("7B", "number", 7e9, None),
        ("3 thousand", "number", 3e3, None),
        ("3x", "number", 3, None),
        ("2,025", "number", 2025, None),
        ("1899", "number", 1899, None),
        ("2101", "number", 2101, None),
        # Number words.
        ("six", "number", 6, None),
        ("Seven", "number", 7, None),
        ("twelve", "number", 12, None),
        ("twenty", "number", 20, None),
        ("twenty-one", "number", 21, None),
        ("zero", "number", 0, None),
        ("one quarter", "number", 1, None),
        ("three hundred million", "number", 300e6, None),
        ("two point four billion dollars", "money", 2.4e9, "USD"),
        # Years.
        ("2025", "year", 2025, None),
        ("1900", "year", 1900, None),
        ("2100", "year", 2100, None),
    ],
)
def test_parse_figure(text: str, kind: str, value: float, currency: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.kind, figure.currency) == (kind, currency)
    assert figure.value == pytest.approx(value)
    assert text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$53 billion", "US$53bn"),
        ("$53 billion", "53 billion dollars"),
        ("$53 billion", "USD 53 billion"),
        ("US$53bn", "53 billion dollars"),
        ("US$53bn", "USD 53 billion"),
        ("RMB 3,743 million", "RMB 3.743 billion"),
        ("RMB 3,743 million", "RMB 3.74 billion"),  # rounding stays inside the tolerance
        ("380 billion yuan", "RMB 380 billion"),
        ("CNY 5bn", "RMB 5,000 million"),
        ("76 percent", "76%"),
        ("76 percent", "76 per cent"),
        ("76%", "76 per cent"),
        ("six consecutive quarters", "6"),
        ("seven quarters", "7"),
        ("$1.8 trillion", "$1,800 billion"),
        ("1 trillion", "1,000,000,000,000"),
        ("0%", "0 percent"),
        ("50 basis points", "0.5 percentage points"),
        ("2025", "2025"),
    ],
)
def test_figures_equal(a: str, b: str) -> None:
    assert figures_equal(a, b)
    assert figures_equal(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("$53 billion", "RMB 53 billion"),  # currency differs
        ("$53 billion", "$53 million"),  # scale differs
        ("$53 billion", "53 billion"),  # money is not a bare number
        ("5 percentage points", "5%"),  # points are not percent
        ("76%", "76"),
        ("18%", "19%"),
        ("$53 billion", "$54 billion"),
        ("2025", "2,025"),  # a year is not a count
        ("0%", "1%"),
    ],
)
def test_figures_differ(a: str, b: str) -> None:
    assert not figures_equal(a, b)
    assert not figures_equal(b, a)


def test_figures_equal_accepts_figure_objects() -> None:
    figure = parse_figure("US$53bn")
    assert figures_equal(figure, "$53 billion")
    assert figures_equal("$53 billion", figure)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ARTICLE_SENTENCE,
            [("number", 3, None), ("money", 53e9, "USD"), ("number", 6, None)],
        ),
        (
            "Alibaba Cloud slashed API prices by up to 97%, boosting adoption [2].",
            [("percent", 97, None)],
        ),
        (
            "the Lingma coding assistant, built on Qwen3, reached developers in Q4 2025 [1]",
            [("year", 2025, None)],
        ),
        # A sign is a sign; the direction word "fell" is not (see test_signs).
        ("Revenue fell -5% on the year.", [("percent", -5, None)]),
        # Citation markers, alone or chained.
        ("as reported [1][3] and [12] and [1, 2] and [2-4].", []),
        # Digits glued to names and period labels.
        ("Qwen3, Qwen2.5-Max, GPT-4, H20, Q1, Q4, H1, H2, FY25, 3D, 5G, COVID-19", []),
        ("Qwen-72B and A100 chips", []),
        # Ordinals.
        ("the first, second and 2nd, 3rd, 4th and 21st quarter", []),
        # "one" only before a counting unit.
        ("one of the once-in-a-generation bets someone made; no one knows", []),
        ("one quarter, one year and one-time gains", [("number", 1, None)] * 3),
        ("seven quarters, three years and two pillars", [("number", n, None) for n in (7, 3, 2)]),
        # Hyphenated compounds are read as one number, not as "twenty" and "one".
        ("twenty-one years", [("number", 21, None)]),
        # Numbered-list markers are not figures; the numbers after them are.
        ("1. Margin Management\n2) Cloud growth of 26%\n  3. Other", [("percent", 26, None)]),
        ("## 4. Outlook for 2026", [("year", 2026, None)]),
        # Dates keep their year and nothing else.
        ("Published 2025-08-29.", [("year", 2025, None)]),
        ("Published 2025/08/29 and 08/29/2025.", [("year", 2025, None)] * 2),
        ("On August 29, 2025 and on 3 March 2024", [("year", 2025, None), ("year", 2024, None)]),
        # URLs.
        ("Source: https://www.example.com/2025/08/29/alibaba-53bn-ai?id=15 today", []),
        # Years.
        ("fiscal year 2025, by 2030", [("year", 2025, None), ("year", 2030, None)]),
        # A range is one figure with its low end as the value (see test_ranges).
        ("10-20%", [("percent", 10, None)]),
        ("10 to 20 percent", [("percent", 10, None)]),
        ("five to six percent", [("percent", 5, None)]),
        ("$10-20 billion", [("money", 10e9, "USD")]),
        # Two years are two periods, not a range.
        ("2023-2025", [("year", 2023, None), ("year", 2025, None)]),
        # A year before "to" is not the start of a range.
        ("in 2025 to 10%", [("year", 2025, None), ("percent", 10, None)]),
        # Several kinds in one sentence, in order.
        (
            "RMB 380 billion ($53 billion) over three years, 76% of it in 2025",
            [
                ("money", 380e9, "CNY"),
                ("money", 53e9, "USD"),
                ("number", 3, None),
                ("percent", 76, None),
                ("year", 2025, None),
            ],
        ),
        # Trailing sentence punctuation is not a decimal point or separator.
        (
            "It spent $53 billion. Then 15,361, then 7.",
            [
                ("money", 53e9, "USD"),
                ("number", 15361, None),
                ("number", 7, None),
            ],
        ),
        # Hong Kong and New Zealand dollars are currencies; a dollar sign after other
        # letters is none known, and the figure stays a plain number.
        ("HK$5bn", [("money", 5e9, "HKD")]),
        (
            "NZ$5bn, S$2m, SEK 1.2bn",
            [("money", 5e9, "NZD"), ("money", 2e6, "SGD"), ("money", 1.2e9, "SEK")],
        ),
        ("ZZ$5bn", [("number", 5e9, None)]),
        # An accounting negative in basis points.
        ("Change: (110) bps", [("points", -1.1, None)]),
        # Cents, like pence, are a hundredth of the currency.
        ("a dividend of 6.5 cents", [("money", 0.065, "USD")]),
        ("NZ$255 million to NZ$275 million", [("money", 255e6, "NZD")]),
        # Scale abbreviations only right after a number; "5 to 6" is one range.
        ("Plan B, 3 times, 5 to 6", [("number", n, None) for n in (3, 5)]),
    ],
)
def test_find_figures(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    found = summary(text)
    assert [(kind, currency) for kind, _, currency in found] == [
        (kind, currency) for kind, _, currency in expected
    ]
    assert [value for _, value, _ in found] == pytest.approx([value for _, value, _ in expected])


def test_article_sentence_figure_texts() -> None:
    figures = find_figures(ARTICLE_SENTENCE)
    assert [f.text for f in figures] == ["three", "$53 billion", "six"]
    for figure in figures:
        assert ARTICLE_SENTENCE[figure.start : figure.end] == figure.text


def test_figures_do_not_overlap() -> None:
    text = "RMB 3,743 million, US$53bn, 10-20%, 5 percentage points and six quarters in 2025"
    figures = find_figures(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(figures))


@pytest.mark.parametrize("text", ["no number here", "", "Qwen3 [1]", "$53 billion and 76%"])
def test_parse_figure_rejects_anything_but_one_figure(text: str) -> None:
    with pytest.raises(ValueError, match="figure"):
        parse_figure(text)


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        (ARTICLE_SENTENCE, "US$53bn", True),
        (ARTICLE_SENTENCE, "6", True),
        (ARTICLE_SENTENCE, "$53 million", False),
        (ARTICLE_SENTENCE, "RMB 53 billion", False),
        (ARTICLE_SENTENCE, "1", False),  # the citation marker is not a figure
        ("Prices fell by up to 97% [2].", "97 percent", True),
        ("Prices fell by up to 97% [2].", "2", False),
    ],
)
def test_contains_figure(text: str, figure: str, expected: bool) -> None:
    assert contains_figure(text, parse_figure(figure)) is expected


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("$53 billion", "USD 53000000000"),
        ("RMB 3.743 billion", "CNY 3743000000"),
        ("$8.58", "USD 8.58"),
        ("76%", "76%"),
        ("12.5 per cent", "12.5%"),
        ("5 percentage points", "5 pp"),
        ("six", "6"),
        ("3.743", "3.743"),
        ("2025", "2025"),
    ],
)
def test_normalised(text: str, label: str) -> None:
    assert parse_figure(text).normalised() == label


def test_figure_is_frozen_and_hashable() -> None:
    figure = Figure(text="76%", kind="percent", value=76.0, currency=None, start=0, end=3)
    assert figure == parse_figure("76%")
    assert len({figure, parse_figure("76%")}) == 1
    with pytest.raises(AttributeError):
        figure.value = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("question", "kinds"),
    [
        ("How much has Alibaba committed to AI infrastructure?", {"money", "number"}),
        ("How much did Alibaba spend on AI?", {"money"}),  # a sum paid, not a count
        ("How much does Qwen cost per million tokens?", {"money", "number"}),
        ("What was Alibaba's revenue last quarter?", {"money", "number"}),
        ("What share of revenue comes from the cloud?", {"percent"}),
        ("What percentage of customers use Qwen?", {"percent"}),
        ("What is Alibaba Cloud's market share?", {"percent"}),
        ("What growth rate did the cloud unit report?", {"percent"}),
        ("By how much did Alibaba cut API prices?", {"percent", "points", "money", "number"}),
        ("By how much did cloud revenue grow?", {"percent", "points", "money", "number"}),
        ("How much did the margin fall?", {"percent", "points"}),
        ("How many consecutive quarters of triple-digit growth?", {"number"}),
        ("When did Alibaba launch Qwen3?", {"year"}),
        ("In what year will the spending plan end?", {"year"}),
        ("Who are Alibaba's partners?", set()),
        ("What did Alibaba share about its AI strategy?", set()),
        ("Why is Alibaba investing in AI?", set()),
    ],
)
def test_asked_kinds(question: str, kinds: set[str]) -> None:
    assert asked_kinds(question) == kinds


# --------------------------------------------------------------------------- currencies


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("£9.2bn", 9.2e9, "GBP"),
        ("£940mn", 940e6, "GBP"),
        ("£940 mn", 940e6, "GBP"),
        ("GBP 10m", 10e6, "GBP"),
        ("10 pounds sterling", 10, "GBP"),
        ("5 million pounds", 5e6, "GBP"),
        ("45.5p", 0.455, "GBP"),
        ("45.5 pence", 0.455, "GBP"),
        ("€5 billion", 5e9, "EUR"),
        ("€5bn", 5e9, "EUR"),
        ("EUR 3m", 3e6, "EUR"),
        ("5 billion euros", 5e9, "EUR"),
        ("1 euro", 1, "EUR"),
        ("CN¥3", 3, "CNY"),
        ("3 billion renminbi", 3e9, "CNY"),
        ("¥100", 100, "JPY"),  # a bare "¥" is the yen; the yuan is written CN¥, RMB or yuan
        ("JP¥100", 100, "JPY"),
        ("JPY 5bn", 5e9, "JPY"),
        ("300 yen", 300, "JPY"),
        ("HK$5bn", 5e9, "HKD"),
        ("HKD 2m", 2e6, "HKD"),
        ("5 Hong Kong dollars", 5, "HKD"),
        ("A$1.5bn", 1.5e9, "AUD"),
        ("CHF 40m", 40e6, "CHF"),
        ("5mln USD", 5e6, "USD"),
    ],
)
def test_currencies(text: str, value: float, currency: str) -> None:
    figure = parse_figure(text)
    assert (figure.kind, figure.currency) == ("money", currency)
    assert figure.value == pytest.approx(value)
    assert figure.text == text


@pytest.mark.parametrize(
    ("a", "b", "equal"),
    [
        ("€5 billion", "€5bn", True),
        ("€5 billion", "5,000 million euros", True),
        ("£9.2bn", "GBP 9,200 million", True),
        ("45.5p", "£0.455", True),
        ("HK$5bn", "HKD 5 billion", True),
        ("€5 billion", "£5 billion", False),
        ("€5 billion", "$5 billion", False),
        ("HK$5bn", "$5bn", False),
        ("JP¥100", "¥100", True),
        ("CN¥100", "¥100", False),
        ("45.5p", "£45.5", False),
    ],
)
def test_currency_comparison(a: str, b: str, equal: bool) -> None:
    assert figures_equal(a, b) is equal
    assert figures_equal(b, a) is equal


def test_new_currency_words_ask_for_money() -> None:
    assert "money" in asked_kinds("How much did it rise in euros?")
    assert "money" in asked_kinds("How much did it fall in pounds?")


# --------------------------------------------------------------------------- signs


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(3.7)%", -3.7),
        ("(0.5)%", -0.5),
        ("(13.6)%", -13.6),
        ("-1.3%", -1.3),
        ("\u22121.3%", -1.3),  # the minus sign
        ("-$5bn", -5e9),
        ("down 3.7%", 3.7),  # direction is a word, not a sign
        ("fell 3.7%", 3.7),
        ("3.7%", 3.7),
    ],
)
def test_signs(text: str, value: float) -> None:
    figure = find_figures(text)[0]
    assert figure.value == pytest.approx(value)
    assert text[figure.start : figure.end] == figure.text


def test_a_sign_and_a_direction_word_state_the_same_figure() -> None:
    assert figures_equal("(3.7)%", "3.7%")
    assert figures_equal("-1.3%", "1.3%")
    assert not figures_equal("(3.7)%", "3.8%")
    assert parse_figure("(3.7)%").normalised() == "-3.7%"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A hyphen after a digit, "%" or a letter joins or fences; it is no minus sign.
        ("10-20%", [("percent", 10)]),
        ("3.1%-3.6%", [("percent", 3.1)]),
        ("GPT-4 and COVID-19", []),
        # Parentheses are a negative only as "(n)%" or as a table cell under a unit header.
        ("grew 26% (3.7% underlying)", [("percent", 26), ("percent", 3.7)]),
        ("in the year (2025) and (6)", [("year", 2025), ("number", 6)]),
    ],
)
def test_hyphens_and_parentheses_are_not_signs(
    text: str, expected: list[tuple[str, float]]
) -> None:
    found = find_figures(text)
    assert [(f.kind, f.value) for f in found] == [(k, pytest.approx(v)) for k, v in expected]
    for figure in found:
        assert text[figure.start : figure.end] == figure.text
        assert "(" not in figure.text or figure.text.endswith("%")


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "kind", "low", "high", "currency"),
    [
        ("£940-1,020mn", "money", 940e6, 1020e6, "GBP"),
        ("£940mn\u2013£1,020mn", "money", 940e6, 1020e6, "GBP"),
        ("£940mn-£1,020mn", "money", 940e6, 1020e6, "GBP"),
        ("between £940 million and £1,020 million", "money", 940e6, 1020e6, "GBP"),
        ("between 3% and 4%", "percent", 3, 4, None),
        ("between 3 and 4%", "percent", 3, 4, None),
        ("10-20%", "percent", 10, 20, None),
        ("10 to 20 percent", "percent", 10, 20, None),
        ("five to six percent", "percent", 5, 6, None),
        ("$10-20 billion", "money", 10e9, 20e9, "USD"),
        ("€1.5bn to €2bn", "money", 1.5e9, 2e9, "EUR"),
        ("50-75 basis points", "points", 0.5, 0.75, None),
        ("(2.4)% to 0.9%", "percent", -2.4, 0.9, None),
        ("5 to 6", "number", 5, 6, None),
        # A target multiple may be written from the high end; the range still runs low-high.
        ("3.5x to 2.5x", "number", 2.5, 3.5, None),
        ("1.5x to 2x", "number", 1.5, 2, None),
    ],
)
def test_ranges(text: str, kind: str, low: float, high: float, currency: str | None) -> None:
    figure = parse_figure(text)
    assert (figure.kind, figure.currency, figure.is_range) == (kind, currency, True)
    assert figure.value == pytest.approx(low)
    assert figure.high == pytest.approx(high)
    assert figure.text == text.removeprefix("between ")


def test_guidance_to_grow_by_a_range_is_one_figure() -> None:
    (found,) = find_figures("expects sales to grow 3 to 5% next year")
    assert found.is_range and (found.value, found.high) == (3, 5)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A change from one level to another is two figures, not a range.
        ("from 10% to 20%", [10, 20]),
        ("rose by 5% to 7%", [5, 7]),
        ("rose 2.3% to £6.8bn", [2.3, 6.8e9]),
        ("net profit fell NZ$3.8m to NZ$58.7m", [3.8e6, 58.7e6]),
        ("revenue increased 3% to 5% of sales", [3, 5]),
        # A falling pair is no range; nor is "and" without "between".
        ("won 3-1", [3, 1]),
        ("cut our forecast 120p to 110p", [1.2, 1.1]),
        # A move of a multiple is two figures.
        ("leverage fell from 3.5x to 2.5x", [3.5, 2.5]),
        ("3% and 4%", [3, 4]),
        # Two years are two periods.
        ("2023 to 2025", [2023, 2025]),
    ],
)
def test_not_ranges(text: str, values: list[float]) -> None:
    found = find_figures(text)
    assert [f.value for f in found] == pytest.approx(values)
    assert not any(f.is_range for f in found)


def test_range_matching() -> None:
    quote_range = parse_figure("£940-1,020mn")
    assert quote_range.matches(parse_figure("£940mn\u2013£1,020mn"))
    assert quote_range.matches(parse_figure("between £940 million and £1,020 million"))
    assert not quote_range.matches(parse_figure("£940-1,100mn"))  # other high end
    assert not quote_range.matches(parse_figure("$940-1,020mn"))  # other currency
    # A single value stands in a range when it equals either end, in both directions.
    for single in ("£940mn", "£1,020 million"):
        assert quote_range.matches(parse_figure(single))
        assert parse_figure(single).matches(quote_range)
        assert quote_range.holds(parse_figure(single))
    assert not quote_range.matches(parse_figure("£980mn"))  # inside, but not written
    # A quote stating one end does not hold a draft's range: the other end is not in it.
    assert not parse_figure("£940mn").holds(quote_range)
    assert contains_figure("guidance of £940-1,020mn", parse_figure("£940 million"))
    assert not contains_figure("at least £940mn", quote_range)
    # Equality is stricter: a range equals only an equal range.
    assert figures_equal("£940-1,020mn", "between £940mn and £1,020mn")
    assert not figures_equal("£940-1,020mn", "£940mn")


def test_range_ends_and_label() -> None:
    figure = parse_figure("£940-1,020mn")
    low, high = figure.ends()
    assert (low.value, low.high, high.value, high.high) == (940e6, None, 1020e6, None)
    assert figure.normalised() == "GBP 940000000\u20131020000000"
    assert parse_figure("3-4%").normalised() == "3\u20134%"
    assert parse_figure("76%").ends() == (parse_figure("76%"),)


# --------------------------------------------------------------------------- table cells


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Zentro \u2014 YoY: (1.3)%; £m: 1,046",
            [("percent", -1.3, None), ("money", 1046e6, "GBP")],
        ),
        (
            "General Merchandise + Clothing \u2014 YoY: (2.4)%; £m: 354",
            [("percent", -2.4, None), ("money", 354e6, "GBP")],
        ),
        ("Loss \u2014 £m: (12)", [("money", -12e6, "GBP")]),
        # A quoted row that closes an answer's sentence keeps its accounting negative.
        ("Loss \u2014 £m: (12).", [("money", -12e6, "GBP")]),
        ("Revenue (£m): 940-1,020", [("money", 940e6, "GBP")]),
        ("Capex \u2014 $bn: 3.5; RMB mn: 7", [("money", 3.5e9, "USD"), ("money", 7e6, "CNY")]),
        ("Staff costs \u2014 €000: 250", [("money", 250e3, "EUR")]),
        ("Stores \u2014 (000s): 1.2", [("number", 1.2e3, None)]),
        # Headers that name no unit leave the cell as it is.
        (
            "Fernsby's \u2014 Q1: 6,412; Q2: 4,873",
            [("number", 6412, None), ("number", 4873, None)],
        ),
        ("Stores \u2014 Count: 2025", [("year", 2025, None)]),
        # A cell with its own unit keeps it.
        ("Margin \u2014 £m: 3.1%", [("percent", 3.1, None)]),
        # In prose a colon is no header.
        ("The target: 5 stores and (12) more", [("number", 5, None), ("number", 12, None)]),
    ],
)
def test_table_cells(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    found = summary(text)
    assert [(k, c) for k, _, c in found] == [(k, c) for k, _, c in expected]
    assert [v for _, v, _ in found] == pytest.approx([v for _, v, _ in expected])


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("£m", ("GBP", 10**6)),
        ("$bn", ("USD", 10**9)),
        ("€000", ("EUR", 10**3)),
        ("RMB mn", ("CNY", 10**6)),
        ("US$ million", ("USD", 10**6)),
        ("HK$m", ("HKD", 10**6)),
        ("Revenue (£m)", ("GBP", 10**6)),
        ("Sales £bn", ("GBP", 10**9)),
        ("£", ("GBP", None)),
        ("GBP", ("GBP", None)),
        ("m", (None, 10**6)),
        ("(000s)", (None, 10**3)),
        ("Stores (000s)", (None, 10**3)),
        ("Passengers (m)", (None, 10**6)),
        ("Revised forecast (B)", (None, None)),  # a column's tag, as "(A)" is
        ("YoY", (None, None)),
        ("Q1", (None, None)),
        ("2025/26", (None, None)),
        ("Sales m", (None, None)),  # a bare scale after words is too easily a word
        ("Team", (None, None)),
        ("", (None, None)),
    ],
)
def test_unit_from_header(header: str, unit: tuple[str | None, int | None]) -> None:
    assert unit_from_header(header) == unit


# --------------------------------------------------------------------------- claims


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        ("Over the past three years, it spent $53 billion.", [False, True]),
        ("in one quarter and over two weeks", [False, False]),
        ("a three-year plan", [False]),
        ("ten months later", [False]),
        # A counted streak is a claim.
        ("growth for six consecutive quarters", [True]),
        ("three years in a row", [True]),
        ("for three straight years", [True]),
        ("a seventh straight quarter, two quarters running", [True]),
        # Digits, numbers above ten, and counts of other things are claims.
        ("3 years", [True]),
        ("twelve months", [True]),
        ("three stores and 76%", [True, True]),
    ],
)
def test_is_claim(text: str, claims: list[bool]) -> None:
    assert [f.is_claim for f in find_figures(text)] == claims


def test_article_sentence_claims() -> None:
    # "three years" is a duration; "six consecutive quarters" is a counted streak.
    assert [f.is_claim for f in find_figures(ARTICLE_SENTENCE)] == [False, True, True]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Note 7: Home Delivery includes sales through stores", []),
        ("See Table 2: sales grew 14%", ["14%"]),
        ("Fig. 4 shows 10 stores", ["10"]),
        ("He noted 9 stores", ["9"]),
    ],
)
def test_labels_of_notes_tables_and_figures_are_not_figures(text: str, figures: list[str]) -> None:
    assert [f.text for f in find_figures(text)] == figures
