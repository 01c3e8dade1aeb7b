"""A plain note's headline as its title; periods and units as Japanese and other filings
write them ("FY3/27", "H1 26", "(Millions of yen)", "% change", "\u25b32.1")."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.corpus import load_document
from assistant.debris import clean_text
from assistant.entities import Subject
from assistant.figure_periods import paragraph_periods
from assistant.figures import find_figures
from assistant.formats import headline, render_tables
from assistant.matching import question_focus, stem_match
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.text import stem

NOTE = """INITECH SECURITIES - EQUITY RESEARCH
Industrials | Europe

29 July 2026

ACME GROUP SE (ACM GY)
Rating: HOLD (from BUY)
Price target: EUR 39.00 (from EUR 47.00)

H1 26: SERVICES STEADY, VALVES STILL WEAK - CUT TO HOLD

Key points
* H1 adjusted EBITA of EUR 104.5m was 6% below consensus and 4% below our forecast for it.
"""


def test_a_plain_notes_capitals_headline_is_its_title() -> None:
    # Not the letterhead, not the company's line with its ticker, not the rating box; in
    # sentence case, since capitalised words would read as another organisation's name.
    assert headline(NOTE) == {"title": "H1 26: services steady, valves still weak - cut to hold"}
    call = "ACME INC. (NYSE: ACM)\nQ4 FISCAL 2026 EARNINGS CALL -- TRANSCRIPT\n\nPARTICIPANTS\n"
    assert headline(call) == {"title": "Q4 fiscal 2026 earnings call -- transcript"}


def test_a_note_without_a_capitals_headline_keeps_its_first_heading(tmp_path: Path) -> None:
    assert headline("Acme lifts its outlook\n\nRevenue rose 4% in the year to June.\n") == {}
    # Capitals after the prose has begun are a section, not the title.
    prose = "Revenue rose 4% in the year to June, helped by price rises and steady volumes.\n"
    assert headline(f"Acme note\n{prose}OUTLOOK FOR THE FULL YEAR\n") == {}
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    assert load_document(path, "source").title.startswith("H1 26: services steady")


def test_a_quarter_or_half_with_a_two_digit_year_names_both() -> None:
    assert periods("H1 26: services steady") == {"H1", "2026"}
    assert periods("Q4'25 orders") == {"Q4", "2025"}
    # A figure after the label is not its year.
    assert periods("Q3 25% up") == {"Q3"}
    assert periods("7 smaller Q300 turboprops") == set()


def test_a_fiscal_year_named_by_its_last_month() -> None:
    # A fiscal year ending in March began in April of the calendar year before.
    assert periods("Net sales, H1 FY3/27") == {"H1", "FY2027", "2026", "2027"}
    assert periods("FY3/28E") == {"FY2028", "2027", "2028"}
    assert {"FY2027", "2027"} <= periods("the fiscal year ending March 31, 2027")
    assert periods("FY26/27") == {"FY2027", "2026", "2027"}  # not a month


RESULTS = """### (1) Operating results

| (Millions of yen) | Net sales | % change | Operating profit | % change |
|---|---:|---:|---:|---:|
| Six months ended September 30, 2026 | 171,236 | 9.8 | 19,853 | 18.4 |
| Six months ended September 30, 2025 | 155,946 | 3.7 | 16,769 | \u25b31.6 |

| (Millions of yen) | Net sales | Operating profit | Basic earnings per share (yen) |
|---|---:|---:|---:|
| Full year | 351,000 | 41,200 | 214.63 |
"""


def _cells(line: str) -> dict[str, tuple[str, float, str | None]]:
    found = figure_contexts(line, None, frozenset(), "x")
    return {c.figure.text: (c.figure.kind, c.figure.value, c.figure.currency) for c in found}


def test_a_table_in_millions_of_yen_with_percent_change_columns() -> None:
    text = render_tables(RESULTS)
    # The unit in words keeps the heading above it (and its period) as the title.
    assert "### (1) Operating results (Millions of yen)" in text
    half, prior, full = (line for line in text.split("\n") if " \u2014 " in line)
    assert _cells(half)["171,236"] == ("money", 171_236e6, "JPY")
    assert _cells(half)["9.8"] == ("percent", 9.8, None)  # under "% change"
    assert _cells(prior)["\u25b31.6"] == ("percent", -1.6, None)  # a triangle marks a minus
    # A per-share column keeps its own unit: yen, not millions of yen.
    assert _cells(full)["41,200"] == ("money", 41_200e6, "JPY")
    assert _cells(full)["214.63"] == ("money", 214.63, "JPY")


def test_a_triangle_is_a_minus_sign_in_prose_too() -> None:
    (figure,) = find_figures("Comprehensive income fell (\u25b327.4%) in the half.")
    assert figure.value == -27.4 and figure.kind == "percent"


def test_a_rows_label_names_its_segment_and_a_headers_first_word_is_a_measure_word() -> None:
    row = "Medical Valves (Millions of yen) \u2014 Net sales % change: 5.6"
    (cell,) = figure_contexts(row, None, frozenset(), "Segments")
    assert "medical valves" in cell.named  # the unit in words is no part of the name
    # Where rows are periods the columns are measures: "Basic", capitalised only because it
    # opens the header, says what is measured ...
    row = "Six months ended September 30, 2026 (Yen) \u2014 Basic earnings per share: 104.18"
    (cell,) = figure_contexts(row, None, frozenset(), "Results")
    assert {"basic", "earning", "shar"} <= dict(cell.weights).keys()
    # ... but under a segment's row, a header's first word stays out: a row label owns no
    # figure yet, so "Revenue" would let a segment's revenue answer for the group's.
    row = "Services \u2014 Revenue H1 2026 (\u20acm): 196.7"
    (cell,) = figure_contexts(row, None, frozenset(), "Segments")
    assert "revenu" not in dict(cell.weights)


def test_a_calls_roster_is_kept_and_a_speaker_named_again_stays() -> None:
    call = (
        "ACME INC. (NYSE: ACM)\nQ4 FISCAL 2026 EARNINGS CALL -- TRANSCRIPT\n\nPARTICIPANTS\n\n"
        "Jane Roe -- Chief Executive Officer\nJohn Doe -- Chief Financial Officer\n"
        "Ann Lee -- Initech Securities -- Analyst\n\nPREPARED REMARKS\n\n"
        "Jane Roe -- Chief Executive Officer\n\n"
        "Thanks, and good morning. Orders grew 9% in the quarter and revenue rose 7.5%.\n"
    )
    text = clean_text(call, plain=True)
    assert "Jane Roe -- Chief Executive Officer" in text
    assert "John Doe -- Chief Financial Officer" in text
    assert text.count("Jane Roe -- Chief Executive Officer") == 2


def test_a_quarter_named_in_passing_does_not_date_a_half_year_reports_figures() -> None:
    title = "Results for the Six Months Ended September 30, 2026 Medical"
    paragraph = "Sales rose, but a customer cut its inventory in the second quarter."
    dated = paragraph_periods(paragraph, title)
    assert dated == frozenset(periods(title))
    # "Net sales were 30,874" after it is the half's figure, not the quarter's.
    assert not periods_fit(frozenset(periods("the July-September quarter")), frozenset(), dated)
    # A quarterly update's paragraph, or one naming a half, still dates what follows.
    assert paragraph_periods(paragraph, "Q2 trading update") == frozenset({"Q2"})
    assert "H1" in paragraph_periods("In the first half, sales rose.", title)
    assert paragraph_periods("", title) == frozenset(periods(title))


def test_the_direct_answer_takes_the_figure_of_the_measure_asked_in_other_words() -> None:
    from assistant.direct import answer_figure

    sentence = "Net sales were ¥30,874 million and net profit was ¥2,915 million."
    money = frozenset({"money"})
    picked = answer_figure(sentence, "What was Acme's bottom line?", money, None)
    assert picked is not None and picked.text == "¥2,915 million"


def test_a_quarters_figure_does_not_answer_for_the_half_its_paragraph_names() -> None:
    first_half = frozenset(periods("in the first half"))
    fourth = frozenset(periods("a margin of around 11% in the fourth quarter"))
    assert not periods_fit(first_half, fourth, first_half)
    # ... while a sentence naming no period is the paragraph's half.
    assert periods_fit(first_half, frozenset(), first_half)


def test_a_rows_label_says_whose_figure_and_its_header_what_is_measured() -> None:
    from assistant.matching import answers, question_focus
    from assistant.measures import row_contexts

    acme = Subject("Acme")
    row = "Ferries \u2014 revenue FY26 ($m): 376.4; operating margin FY26: 13.6%"
    revenue, margin = row_contexts(row)
    assert revenue.label == {stem("ferries")}
    assert not answers(
        question_focus("how much did the ferries spend on fuel in FY26?", acme), revenue
    )
    assert answers(question_focus("ferries revenue in FY26?", acme), revenue)
    assert answers(question_focus("ferries margin in FY26?", acme), margin)
    # A change column measures nothing of its own: the label stays the measure.
    assert row_contexts("Grocery \u2014 YoY: 4.1%; \u00a3m: 6,118")[0].label == frozenset()


def test_a_row_of_periods_under_a_measuring_heading_is_its_labels_figure() -> None:
    from assistant.matching import answers, question_focus
    from assistant.measures import row_contexts

    acme = Subject("Acme")
    row = "Grocery \u2014 2030/31 Q1: 4.7%; 2031/32 Q1: 4.1%"
    latest = row_contexts(row, "Sales growth")[-1]
    assert latest.label == {stem("grocery")}
    assert answers(question_focus("grocery sales growth in 2031/32 Q1?", acme), latest)
    assert not answers(question_focus("grocery market share in 2031/32 Q1?", acme), latest)
    # Without a heading the label is the measure, as before.
    assert row_contexts(row)[-1].label == frozenset()


def test_nine_months_is_its_own_period_neither_its_quarter_nor_its_year() -> None:
    assert periods("9M 2026") == {"M9", "2026"} == periods("the first nine months of 2026")
    assert periods("9M26") == {"M9", "2026"}
    third_quarter = frozenset({"Q3", "2026"})
    assert not periods_fit(third_quarter, frozenset({"M9", "2026"}), frozenset({"Q3"}))
    assert periods_fit(frozenset({"M9", "2026"}), frozenset({"M9", "2026"}), frozenset())
    assert not periods_fit(frozenset({"M9", "2026"}), third_quarter, frozenset())


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Management guided 4Q26 NII to $398-404 million and 2027 NII growth of 2% to 4%.",
            [{"Q4", "2026"}, {"2027"}],
        ),
        (
            "Net income was $128.3 million for the third quarter of 2026, compared with "
            "$126.9 million in the second quarter.",
            [{"Q3", "2026"}, {"Q2", "2026"}],
        ),
        ("In 2025, revenue was $10m in Q3 and $9m in Q2.", [{"2025", "Q3"}, {"2025", "Q2"}]),
        ("Revenue rose 5% to $10m in Q3 2025.", [{"2025", "Q3"}, {"2025", "Q3"}]),
        (
            "For 2027, we expect revenue to grow 4% to 6%, and expense to grow 3% to 4%.",
            [{"2027"}, {"2027"}],
        ),
        # A later figure's own year is not an earlier one's.
        (
            "Headcount stood at 9,215 at the end of June, down from 9,670 at the end of 2025.",
            [{"Em06"}, {"2025"}],
        ),
        # ... and one that frames an earlier figure frames the later ones too.
        (
            "The estimate for fiscal 2026 earnings is $8.58 per share, 4.77% lower than before.",
            [{"2026", "FY2026"}, {"2026", "FY2026"}],
        ),
        # Periods that belong to the figure compared with leave the first to its paragraph.
        ("The margin was 3.18%, up from 3.12% in the second quarter.", [set(), {"Q2"}]),
    ],
)
def test_each_figure_takes_the_periods_its_own_words_name(
    sentence: str, expected: list[set[str]]
) -> None:
    assert [set(c.periods) for c in figure_contexts(sentence)] == expected


def test_a_fiscal_year_asked_is_answered_by_the_same_year_named_alone() -> None:
    fy27 = frozenset(periods("FY27"))
    assert periods_fit(fy27, frozenset({"2027"}), frozenset())
    assert not periods_fit(fy27, frozenset({"2026"}), frozenset())
    assert not periods_fit(fy27, frozenset({"2027", "Q4"}), frozenset())  # a quarter of it
    assert not periods_fit(fy27, frozenset({"FY2026", "2027"}), frozenset())


def test_the_last_quarter_of_a_year_is_its_fourth() -> None:
    assert periods("the last quarter of FY25/26") == {"Q4", "FY2026", "2025", "2026"}
    assert periods("sales last quarter") == {"Q?"}


def test_a_figure_followed_by_expected_is_what_the_market_expected() -> None:
    sentence = "Zentro sales fell 0.8% (-2.9% expected), as toys sold well."
    actual, expected = figure_contexts(sentence)
    focus = question_focus("What was consensus looking for on Zentro?")
    assert stem_match(focus, expected) == 1.0
    assert stem_match(focus, actual) < 0.5


def test_the_opening_quarter_of_a_split_fiscal_year_is_in_its_first_calendar_year() -> None:
    # A release titled by its calendar dates ("the 12 weeks to 14 June 2026") names no
    # fiscal year; "Q1 26/27" is its quarter, "Q4 26/27" (Jan-Mar 2027) is not.
    release = frozenset({"Q1", "2026"})
    assert periods_fit(frozenset(periods("Q1 26/27")), frozenset(), release)
    assert periods_fit(frozenset(periods("1H FY3/27")), frozenset({"H*", "2026"}), frozenset())
    assert not periods_fit(frozenset(periods("Q1 27/28")), frozenset(), release)
    assert not periods_fit(frozenset(periods("Q4 26/27")), frozenset(), frozenset({"Q4", "2026"}))
    # A document that names its fiscal years is held to them.
    assert not periods_fit(
        frozenset(periods("Q1 26/27")), frozenset(periods("2025/26 Q1")), frozenset()
    )
    assert periods_fit(
        frozenset(periods("Q1 26/27")), frozenset(periods("2026/27 Q1")), frozenset()
    )
