"""Tables and their units: caption rows, units named in a row label, percent words, "¥"."""

from __future__ import annotations

import pytest

from assistant.figures import find_figures
from assistant.formats import render_tables
from assistant.tables import plain_tables


def _read(text: str) -> list[tuple[str, str, float, str | None]]:
    return [(f.text, f.kind, f.value, f.currency) for f in find_figures(text)]


# --------------------------------------------------------------------------- caption rows

CAPTIONED = (
    "| Group results | | | |\n|---|---|---|---|\n"
    "| Measure | 2025 | 2024 | Change |\n|---|---|---|---|\n"
    "| Revenue (€m) | 5,000 | 4,673 | 7% |"
)


def test_caption_row_becomes_the_title_and_the_next_row_the_header() -> None:
    lines = [line for line in render_tables(CAPTIONED).split("\n") if line]
    assert lines == ["### Group results", "Revenue (€m) — 2025: 5,000; 2024: 4,673; Change: 7%"]


def test_caption_row_over_a_headerless_table_keeps_the_rows_as_data() -> None:
    text = "| Quarter one | | |\n|---|---|---|\n| Sales | 10 | 20 |\n| Costs | 5 | 6 |"
    lines = [line for line in render_tables(text).split("\n") if line]
    assert lines == ["### Quarter one", "Sales — 10; 20", "Costs — 5; 6"]


def test_a_full_first_row_is_still_the_header() -> None:
    text = "| Measure | 2025 | 2024 |\n|---|---|---|\n| Revenue | 5 | 4 |"
    lines = [line for line in render_tables(text).split("\n") if line]
    assert lines == ["### Measure", "Revenue — 2025: 5; 2024: 4"]


def test_single_column_table_has_no_caption_row() -> None:
    text = "| Notes |\n|---|\n| First |\n| Second |"
    rendered = render_tables(text)
    assert "First" in rendered and "Second" in rendered


# --------------------------------------------------------------------------- row-label units


def test_row_label_unit_applies_to_bare_cells() -> None:
    found = _read("Revenue (€m) — 2025: 5,000; 2024: 4,673; Change: 7%")
    assert ("5,000", "money", 5e9, "EUR") in found
    assert ("4,673", "money", 4.673e9, "EUR") in found
    assert ("7%", "percent", 7.0, None) in found  # a percent cell stays a percent
    assert ("2025", "year", 2025.0, None) in found  # column headers are no cells


def test_row_label_unit_applies_to_cells_without_headers() -> None:
    found = _read("Operating profit (£m) — 1,000; (12)")
    assert found == [("1,000", "money", 1e9, "GBP"), ("(12)", "money", -12e6, "GBP")]


def test_column_header_unit_wins_over_the_row_label() -> None:
    found = _read("Revenue (£m) — $m: 12; Margin %: 3.2")
    assert ("12", "money", 12e6, "USD") in found
    assert ("3.2", "percent", 3.2, None) in found  # a percent column's cell: a percentage


@pytest.mark.parametrize(
    "text",
    [
        "Sales — 2025: 5,000",  # the label names no unit
        "Revenue (€m) — up 5 on last year",  # prose after a dash is no cell
        "Revenue (€m) — 2025: 1\nOther — 2025: 5,000",  # a label applies to its own row only
    ],
)
def test_row_label_unit_stays_in_its_cells(text: str) -> None:
    later = [figure for figure in find_figures(text) if figure.start > text.find("\n")]
    assert later and not any(figure.currency or figure.value > 5000 for figure in later)


# --------------------------------------------------------------------------- percent words, ¥


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Margin was 12.5 per cent9 in the year.", 12.5),  # a footnote digit glued on
        ("Margin was 12.5 percent9 in the year.", 12.5),
        ("Sales fell (6.3) per cent.", -6.3),
        ("Sales fell (2.1) percent, then rose.", -2.1),
        ("Sales fell (3.7)% in the quarter.", -3.7),
    ],
)
def test_percent_words(text: str, value: float) -> None:
    (figure,) = find_figures(text)
    assert (figure.kind, figure.value) == ("percent", pytest.approx(value))


def test_a_footnote_digit_is_no_figure() -> None:
    assert [f.value for f in find_figures("It rose 12.5 per cent9.")] == [12.5]


@pytest.mark.parametrize(
    ("text", "currency"),
    [("¥820 billion", "JPY"), ("JP¥820bn", "JPY"), ("CN¥820bn", "CNY"), ("RMB 820bn", "CNY")],
)
def test_yen_and_yuan_signs(text: str, currency: str) -> None:
    (figure,) = find_figures(text)
    assert (figure.kind, figure.currency, figure.value) == ("money", currency, 820e9)


def test_space_aligned_table_of_plain_text_keeps_labels_and_headers() -> None:
    from assistant.tables import aligned_tables

    text = (
        "Estimate changes\n"
        "                     2025A     2026E new   2027E new\n"
        "Revenue (EUR m)      2,519     2,478       2,571\n"
        "Adj. EPS (EUR)       2.29      1.89        2.31\n"
        "Source: company data\n"
    )
    rendered = render_tables(aligned_tables(text))
    assert "Adj. EPS (EUR) — 2025A: 2.29; 2026E new: 1.89; 2027E new: 2.31" in rendered
    assert "### Estimate changes" in rendered
    assert "Source: company data" in rendered


def test_prose_with_wide_gaps_is_not_a_table() -> None:
    from assistant.tables import aligned_tables

    text = "Sales rose  3% in Q1.\nProfit fell  2%  on costs and more text here.\nThe end.\n"
    assert aligned_tables(text) == text


def test_a_plain_text_source_with_an_aligned_table_is_read_row_by_row(tmp_path) -> None:
    from assistant.corpus import load_document

    path = tmp_path / "broker-note.txt"
    path.write_text(
        "Globex Securities - Equity Research\n\n"
        "We cut our estimates for Acme after a weak first half.\n\n"
        "Estimate changes\n"
        "                     2025A     2026E new   2027E new\n"
        "Revenue (EUR m)      2,519     2,478       2,571\n"
        "Adj. EPS (EUR)       2.29      1.89        2.31\n",
        encoding="utf-8",
    )
    text = load_document(path).text
    assert "Adj. EPS (EUR) — 2025A: 2.29; 2026E new: 1.89; 2027E new: 2.31" in text


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "Dividend yield (%) — FY25A: 2.8; FY26A: 3.1",
            [("2.8", "percent", 2.8, None), ("3.1", "percent", 3.1, None)],
        ),
        ("Underlying EPS (cents) — FY26: 18.0", [("18.0", "money", 0.18, "USD")]),
        ("Dividend per share (p) — 2026: 13.0", [("13.0", "money", 0.13, "GBP")]),
        (
            "Change % — 2025: (3.7); 2026: 4.1",
            [("(3.7)", "percent", -3.7, None), ("4.1", "percent", 4.1, None)],
        ),
    ],
)
def test_a_row_label_or_column_in_percent_or_hundredths_gives_its_cells_that_unit(
    row: str, expected: list[tuple[str, str, float, str | None]]
) -> None:
    found = [f for f in _read(row) if f[1] != "year"]
    assert found == expected


def test_a_unit_opening_the_label_column_header_applies_to_bare_cells_only() -> None:
    text = (
        "| NZ$m (unless stated) | FY26 | FY25 |\n|---|---|---|\n"
        "| Free cash flow | 46.4 | 66.8 |\n| EBITDA margin | 20.3% | 20.1% |\n"
        "| Underlying EPS (cents) | 18.0 | 16.5 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    assert lines[1:] == [
        "Free cash flow NZ$m — FY26: 46.4; FY25: 66.8",
        "EBITDA margin — FY26: 20.3%; FY25: 20.1%",
        "Underlying EPS (cents) — FY26: 18.0; FY25: 16.5",
    ]
    assert ("46.4", "money", 46.4e6, "NZD") in _read(lines[1])
    assert ("18.0", "money", 0.18, "USD") in _read(lines[3])


def test_a_row_of_small_ratios_takes_no_currency_from_the_table_s_unit() -> None:
    text = (
        "| €m | H1 2026 | H1 2025 |\n|---|---|---|\n"
        "| Order intake | 1,310.0 | 1,270.0 |\n| Book-to-bill ratio | 1.06 | 1.03 |\n"
        "| Gross margin | 412.0 | 400.1 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    assert "Book-to-bill ratio \u2014 H1 2026: 1.06; H1 2025: 1.03" in lines
    (ratio,) = [line for line in lines if line.startswith("Book")]
    assert [(f.text, f.kind, f.currency) for f in find_figures(ratio) if f.kind != "year"] == [
        ("1.06", "number", None),
        ("1.03", "number", None),
    ]
    # An amount under a ratio's name (a gross margin in €m) keeps the unit.
    assert "Gross margin \u20acm \u2014 H1 2026: 412.0; H1 2025: 400.1" in lines


def test_a_percent_change_row_takes_no_currency_from_the_title() -> None:
    text = (
        "| (Millions of yen) | Net sales | Operating profit |\n|---|---|---|\n"
        "| Six months ended September 30, 2026 | 181,250 | 21,702 |\n"
        "| % change | 3.3 | 11.3 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    (change,) = [line for line in lines if line.startswith("%")]
    assert change == "% change \u2014 Net sales: 3.3; Operating profit: 11.3"
    assert all(f.currency is None for f in find_figures(change))


def test_an_indented_space_aligned_table_keeps_its_header() -> None:
    text = (
        "Forecasts\n                 Old      New\n"
        "  EBITDA (NZ$m)  259.0    267.5\n  EPS (cents)     19.2     20.1\n"
    )
    lines = [line for line in plain_tables(text).split("\n") if line]
    assert "EBITDA (NZ$m) — Old: 259.0; New: 267.5" in lines
    assert "EPS (cents) — Old: 19.2; New: 20.1" in lines


def test_a_unit_stated_on_the_line_above_a_table_goes_with_its_bare_cells() -> None:
    text = (
        "## Consolidated statement of income\n\n($ millions, except per-share data)\n\n"
        "| | 3Q26 | 2Q26 |\n|---|---:|---:|\n| Provision for credit losses | 44.6 | 37.2 |\n"
        "| Diluted EPS | $1.15 | $1.13 |\n| Cash dividends declared per common share | $0.34 | "
        "$0.32 |\n\nPeriod-end balances, € millions.\n\n"
        "| Loans | 3Q26 |\n|---|---:|\n| Consumer | 4,546 |\n"
    )
    rendered = render_tables(text)
    provision = next(line for line in rendered.splitlines() if line.startswith("Provision"))
    assert [(f.currency, f.value) for f in find_figures(provision)] == [
        ("USD", 44_600_000),
        ("USD", 37_200_000),
    ]
    eps = next(line for line in rendered.splitlines() if line.startswith("Diluted EPS"))
    assert [f.value for f in find_figures(eps)] == [1.15, 1.13]  # its own unit, not millions
    dps = next(line for line in rendered.splitlines() if line.startswith("Cash dividends"))
    assert [f.value for f in find_figures(dps)] == [0.34, 0.32]
    consumer = next(line for line in rendered.splitlines() if line.startswith("Consumer"))
    assert [(f.currency, f.value) for f in find_figures(consumer)] == [("EUR", 4_546_000_000)]


@pytest.mark.parametrize(
    ("line", "unit"),
    [
        ("(dollars in thousands, except per share data)", ("USD", 1_000)),
        ("(Unaudited; in millions of U.S. dollars)", ("USD", 1_000_000)),
        ("JPY millions", ("JPY", 1_000_000)),
    ],
)
def test_units_stated_in_words_above_a_table(line: str, unit: tuple[str, int]) -> None:
    rendered = render_tables(f"{line}\n\n| | 2026 |\n|---|---:|\n| Revenue | 812.5 |\n")
    row = next(r for r in rendered.splitlines() if r.startswith("Revenue"))
    (figure,) = [f for f in find_figures(row) if f.kind != "year"]
    assert (figure.currency, figure.value) == (unit[0], 812.5 * unit[1])


def test_a_line_of_prose_above_a_table_states_no_unit() -> None:
    rendered = render_tables(
        "We spent $5 million on it.\n\n| | 2026 |\n|---|---:|\n| Stores | 81 |\n"
    )
    row = next(r for r in rendered.splitlines() if r.startswith("Stores"))
    assert [(f.kind, f.value) for f in find_figures(row) if f.kind != "year"] == [("number", 81)]


def test_a_basis_points_column_gives_its_cells_points() -> None:
    row = "Efficiency ratio — 3Q26: 56.3%; Change q/q (bps): (80); Change y/y (bps): 21"
    assert [(f.kind, f.value) for f in find_figures(row)] == [
        ("percent", 56.3),
        ("points", -0.8),
        ("points", 0.21),
    ]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("the common equity tier 1 (CET1) ratio was 10.8%", ["10.8%"]),
        ("Stage 2 loans and Level 3 assets rose 4%", ["4%"]),
        ("| CET1 ratio (1) | 10.8% |", ["10.8%"]),
        ("CET1 ratio (1) \u2014 3Q26: 10.8%", ["10.8%"]),
        ("(1) Current-quarter CET1 ratio is an estimate. (2) Non-GAAP measure.", []),
        ("Net income \u2014 9M 2026: 411.9; Change 9M: 4.6%", ["411.9", "4.6%"]),
    ],
)
def test_ranks_footnote_marks_and_month_spans_are_no_figures(text: str, figures: list[str]) -> None:
    assert [f.text for f in find_figures(text) if f.kind != "year"] == figures


def test_a_rank_word_before_a_quantity_leaves_the_quantity() -> None:
    assert [f.text for f in find_figures("a level 3% higher than the tier 2 peers")] == ["3%"]


def test_a_stacked_header_of_plain_text_names_each_column_under_its_span() -> None:
    text = (
        "ESTIMATE CHANGES\n\n"
        "                              2025A      2026E              2027E\n"
        "                                         Old      New       Old      New\n"
        "  Diluted EPS                 $4.21      $4.44    $4.51     $4.78    $4.92\n"
        "  Efficiency ratio            58.6%      57.6%    57.2%     56.0%    55.4%\n"
    )
    rendered = plain_tables(text)
    assert (
        "Diluted EPS \u2014 2025A: $4.21; 2026E Old: $4.44; 2026E New: $4.51; "
        "2027E Old: $4.78; 2027E New: $4.92"
    ) in rendered


def test_euro_cents_are_hundredths_of_a_euro_in_text_and_in_headers() -> None:
    from decimal import Decimal

    from assistant.amounts import magnitude
    from assistant.units import unit_from_header

    (_, cents) = find_figures("RASK down 1.2% to 10.87 euro cents")
    assert (cents.text, cents.currency, round(cents.value, 4)) == (
        "10.87 euro cents",
        "EUR",
        0.1087,
    )
    assert unit_from_header("RASK (euro cents)") == ("EUR", Decimal("0.01"))
    cell = find_figures("RASK (euro cents) \u2014 Q3 2026: 10.87")[-1]
    assert cell.currency == "EUR" and magnitude(cell) == "10.87 euro cents"
    assert find_figures("a budget of 5 euros")[0].value == 5.0
    euros = find_figures("Interim dividend per share (€) \u2014 H1 2026: 0.30")[-1]
    assert magnitude(euros) == "€0.30"  # written in euros, shown in euros with its cents


def test_a_total_row_in_bold_reads_as_plain_cells_with_the_header_unit() -> None:
    table = (
        "| Port | Q3 2026 (million) | Change |\n| --- | --- | --- |\n"
        "| Other ports | 4.5 | 7.1% |\n| **All ports** | **31.8** | **5.3%** |\n"
    )
    rows = [line for line in render_tables(table).splitlines() if "\u2014" in line]
    assert rows[1] == "All ports \u2014 Q3 2026 (million): 31.8; Change: 5.3%"
    figures = {f.text: f.value for f in find_figures(rows[1])}
    assert figures["31.8"] == 31_800_000
    # A starred word inside a cell is the cell's text, not debris to strip.
    starred = render_tables("| Item | Note |\n| --- | --- |\n| Fees | *see note* 2 |\n")
    assert "*see note* 2" in starred
