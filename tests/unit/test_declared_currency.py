"""A document's declared dollar: a bare "$" in its tables is that dollar, its prose stays."""

from __future__ import annotations

import pytest

from assistant.declared_currency import declared_dollar, tables_in_declared_dollar
from assistant.formats import render_body

RELEASE = """Acme Holdings reports its results for the year ended 30 June 2031. All amounts are in
Australian dollars (A$) unless stated otherwise. Figures marked US$ are in United States dollars.

Rockets revenue rose 4.0% to $52.0 million.

| Segment | Revenue FY31 ($m) | Revenue FY30 ($m) | Fuel hedge (US$/bbl) |
|---|---|---|---|
| Rockets | 52.0 | 50.0 | US$80 |
"""


@pytest.mark.parametrize(
    ("text", "prefix"),
    [
        ("All amounts are in New Zealand dollars (NZ$) unless otherwise noted.", "NZ$"),
        ("Unless otherwise stated, all figures are expressed in Canadian dollars.", "C$"),
        ("Amounts in this release are in AUD.", "A$"),
        ("All figures in HK$ unless noted.", "HK$"),
        ("Values are presented in SG$ millions.", "S$"),
        ("All amounts are in US dollars.", ""),  # a bare "$" is a US dollar already
        ("Revenue rose to $12 million in Australian dollars terms.", ""),
    ],
)
def test_declared_dollar_reads_the_statement(text: str, prefix: str) -> None:
    assert declared_dollar(text) == prefix


def test_only_table_lines_take_the_declared_dollar() -> None:
    lines = tables_in_declared_dollar(RELEASE).split("\n")
    assert "Rockets revenue rose 4.0% to $52.0 million." in lines  # prose is quoted as written
    header = next(line for line in lines if line.startswith("| Segment"))
    assert "Revenue FY31 (A$m)" in header
    assert "(US$/bbl)" in header  # a dollar named in letters keeps its own
    assert "| US$80 |" in tables_in_declared_dollar(RELEASE)


def test_a_document_without_a_declaration_is_unchanged() -> None:
    declared = "All amounts are in\nAustralian dollars (A$) unless stated otherwise."
    text = RELEASE.replace(declared, "")
    assert tables_in_declared_dollar(text) == text


def test_rendered_rows_carry_the_declared_dollar() -> None:
    row = next(line for line in render_body(RELEASE).split("\n") if line.startswith("Rockets —"))
    assert "Revenue FY31 (A$m): 52.0" in row
    assert "($m)" not in row
