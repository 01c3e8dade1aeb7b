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
        ("Margin was 11.5 per cent9 in the year.", 11.5),  # a footnote digit glued on
        ("Margin was 11.5 percent9 in the year.", 11.5),
        ("Sales fell (5.1) per cent.", -5.1),
        ("Sales fell (1.6) percent, then rose.", -1.6),
        ("Sales fell (2.4)% in the quarter.", -2.4),
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
        "Revenue (EUR m)      2,364     2,318       2,407\n"
        "Adj. EPS (EUR)       2.17      1.74        2.12\n"
        "Source: company data\n"
    )
    rendered = render_tables(aligned_tables(text))
    assert "Adj. EPS (EUR) — 2025A: 2.17; 2026E new: 1.74; 2027E new: 2.12" in rendered
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
        "Revenue (EUR m)      2,364     2,318       2,407\n"
        "Adj. EPS (EUR)       2.17      1.74        2.12\n",
        encoding="utf-8",
    )
    text = load_document(path).text
    assert "Adj. EPS (EUR) — 2025A: 2.17; 2026E new: 1.74; 2027E new: 2.12" in text


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "Dividend yield (%) — FY25A: 2.8; FY26A: 3.1",
            [("2.8", "percent", 2.8, None), ("3.1", "percent", 3.1, None)],
        ),
        ("Underlying EPS (cents) — FY26: 17.2", [("17.2", "money", 0.172, "USD")]),
        ("Dividend per share (p) — 2026: 13.0", [("13.0", "money", 0.13, "GBP")]),
        (
            "Change % — 2025: (2.4); 2026: 3.6",
            [("(2.4)", "percent", -2.4, None), ("3.6", "percent", 3.6, None)],
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
        "| Free cash flow | 39.2 | 57.4 |\n| EBITDA margin | 19.6% | 19.2% |\n"
        "| Underlying EPS (cents) | 17.2 | 15.9 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    assert lines[1:] == [
        "Free cash flow NZ$m — FY26: 39.2; FY25: 57.4",
        "EBITDA margin — FY26: 19.6%; FY25: 19.2%",
        "Underlying EPS (cents) — FY26: 17.2; FY25: 15.9",
    ]
    assert ("39.2", "money", 39.2e6, "NZD") in _read(lines[1])
    assert ("17.2", "money", 0.172, "USD") in _read(lines[3])


def test_a_row_of_small_ratios_takes_no_currency_from_the_table_s_unit() -> None:
    text = (
        "| €m | H1 2026 | H1 2025 |\n|---|---|---|\n"
        "| Order intake | 1,254.0 | 1,221.0 |\n| Book-to-bill ratio | 1.04 | 1.02 |\n"
        "| Gross margin | 412.0 | 400.1 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    assert "Book-to-bill ratio \u2014 H1 2026: 1.04; H1 2025: 1.02" in lines
    (ratio,) = [line for line in lines if line.startswith("Book")]
    assert [(f.text, f.kind, f.currency) for f in find_figures(ratio) if f.kind != "year"] == [
        ("1.04", "number", None),
        ("1.02", "number", None),
    ]
    # An amount under a ratio's name (a gross margin in €m) keeps the unit.
    assert "Gross margin \u20acm \u2014 H1 2026: 412.0; H1 2025: 400.1" in lines


def test_a_percent_change_row_takes_no_currency_from_the_title() -> None:
    text = (
        "| (Millions of yen) | Net sales | Operating profit |\n|---|---|---|\n"
        "| Six months ended September 30, 2026 | 171,236 | 19,853 |\n"
        "| % change | 3.8 | 12.6 |\n"
    )
    lines = [line for line in render_tables(text).split("\n") if line]
    (change,) = [line for line in lines if line.startswith("%")]
    assert change == "% change \u2014 Net sales: 3.8; Operating profit: 12.6"
    assert all(f.currency is None for f in find_figures(change))


def test_an_indented_space_aligned_table_keeps_its_header() -> None:
    text = (
        "Forecasts\n                 Old      New\n"
        "  EBITDA (NZ$m)  241.6    249.8\n  EPS (cents)     18.4     19.3\n"
    )
    lines = [line for line in plain_tables(text).split("\n") if line]
    assert "EBITDA (NZ$m) — Old: 241.6; New: 249.8" in lines
    assert "EPS (cents) — Old: 18.4; New: 19.3" in lines


def test_a_unit_stated_on_the_line_above_a_table_goes_with_its_bare_cells() -> None:
    text = (
        "## Consolidated statement of income\n\n($ millions, except per-share data)\n\n"
        "| | 3Q26 | 2Q26 |\n|---|---:|---:|\n| Provision for credit losses | 41.9 | 33.8 |\n"
        "| Diluted EPS | $1.07 | $1.05 |\n| Cash dividends declared per common share | $0.31 | "
        "$0.29 |\n\nPeriod-end balances, € millions.\n\n"
        "| Loans | 3Q26 |\n|---|---:|\n| Consumer | 4,218 |\n"
    )
    rendered = render_tables(text)
    provision = next(line for line in rendered.splitlines() if line.startswith("Provision"))
    assert [(f.currency, f.value) for f in find_figures(provision)] == [
        ("USD", 41_900_000),
        ("USD", 33_800_000),
    ]
    eps = next(line for line in rendered.splitlines() if line.startswith("Diluted EPS"))
    assert [f.value for f in find_figures(eps)] == [1.07, 1.05]  # its own unit, not millions
    dps = next(line for line in rendered.splitlines() if line.startswith("Cash dividends"))
    assert [f.value for f in find_figures(dps)] == [0.31, 0.29]
    consumer = next(line for line in rendered.splitlines() if line.startswith("Consumer"))
    assert [(f.currency, f.value) for f in find_figures(consumer)] == [("EUR", 4_218_000_000)]


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
    row = "Efficiency ratio — 3Q26: 57.9%; Change q/q (bps): (70); Change y/y (bps): 18"
    assert [(f.kind, f.value) for f in find_figures(row)] == [
        ("percent", 57.9),
        ("points", -0.7),
        ("points", 0.18),
    ]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("the common equity tier 1 (CET1) ratio was 11.1%", ["11.1%"]),
        ("Stage 2 loans and Level 3 assets rose 4%", ["4%"]),
        ("| CET1 ratio (1) | 11.1% |", ["11.1%"]),
        ("CET1 ratio (1) \u2014 3Q26: 11.1%", ["11.1%"]),
        ("(1) Current-quarter CET1 ratio is an estimate. (2) Non-GAAP measure.", []),
        ("Net income \u2014 9M 2026: 386.4; Change 9M: 4.2%", ["386.4", "4.2%"]),
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
        "  Diluted EPS                 $3.96      $4.12    $4.19     $4.43    $4.57\n"
        "  Efficiency ratio            59.9%      59.1%    58.8%     57.7%    57.0%\n"
    )
    rendered = plain_tables(text)
    assert (
        "Diluted EPS \u2014 2025A: $3.96; 2026E Old: $4.12; 2026E New: $4.19; "
        "2027E Old: $4.43; 2027E New: $4.57"
    ) in rendered


def test_euro_cents_are_hundredths_of_a_euro_in_text_and_in_headers() -> None:
    from decimal import Decimal

    from assistant.amounts import magnitude
    from assistant.units import unit_from_header

    (_, cents) = find_figures("RASK down 1.4% to 9.64 euro cents")
    assert (cents.text, cents.currency, round(cents.value, 4)) == (
        "9.64 euro cents",
        "EUR",
        0.0964,
    )
    assert unit_from_header("RASK (euro cents)") == ("EUR", Decimal("0.01"))
    cell = find_figures("RASK (euro cents) \u2014 Q3 2026: 9.64")[-1]
    assert cell.currency == "EUR" and magnitude(cell) == "9.64 euro cents"
    assert find_figures("a budget of 5 euros")[0].value == 5.0
    euros = find_figures("Interim dividend per share (€) \u2014 H1 2026: 0.25")[-1]
    assert magnitude(euros) == "€0.25"  # written in euros, shown in euros with its cents


def test_a_total_row_in_bold_reads_as_plain_cells_with_the_header_unit() -> None:
    table = (
        "| Port | Q3 2026 (million) | Change |\n| --- | --- | --- |\n"
        "| Other ports | 3.8 | 6.4% |\n| **All ports** | **29.7** | **4.6%** |\n"
    )
    rows = [line for line in render_tables(table).splitlines() if "\u2014" in line]
    assert rows[1] == "All ports \u2014 Q3 2026 (million): 29.7; Change: 4.6%"
    figures = {f.text: f.value for f in find_figures(rows[1])}
    assert figures["29.7"] == 29_700_000
    # A starred word inside a cell is the cell's text, not debris to strip.
    starred = render_tables("| Item | Note |\n| --- | --- |\n| Fees | *see note* 2 |\n")
    assert "*see note* 2" in starred
