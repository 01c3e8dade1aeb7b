"""Formats: Markdown, text, HTML and PDF files read into a body; tables rendered as rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.figures import find_figures
from assistant.formats import read_document, reference_list, render_tables

SAINSBURY = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora" / "sainsbury-q1-2026"


def make_pdf(lines: list[str], title: str = "") -> bytes:
    """A one-page PDF with ``lines`` of Helvetica text (offsets computed, so it is valid)."""
    text = "".join(f"({line}) Tj 0 -16 Td " for line in lines)
    stream = f"BT /F1 11 Tf 72 720 Td {text}ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Title ({title}) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --------------------------------------------------------------------------- tables

SIMPLE = """Intro line.

| Results Q3 - 13 weeks to 30 Sept | YoY | €m |
| --- | --- | --- |
| Widgets + Parts | (3.7)% | 438 |
| Gadgets | 2.1% | |

After the table."""


def test_table_rows_become_labelled_lines() -> None:
    out = render_tables(SIMPLE)
    assert "### Results Q3 - 13 weeks to 30 Sept" in out.splitlines()
    assert "Widgets + Parts — YoY: (3.7)%; €m: 438" in out.splitlines()
    assert "Gadgets — YoY: 2.1%" in out.splitlines()  # the empty cell is left out
    assert "|" not in out
    assert out.startswith("Intro line.") and out.endswith("After the table.")


def test_stacked_headers_name_each_column_and_restart_mid_table() -> None:
    table = (
        "| Sales growth | 2024/25 | | 2025/26 |\n|---|---|---|---|\n| | H1 | H2 | H1 |\n"
        "| Retail | 1.0% | 2.0% | 3.0% |\n"
        "| Sales (€m) | 2024/25 | | 2025/26 |\n| | H1 | H2 | H1 |\n| Retail | 10 | 20 | 30 |\n"
    )
    lines = render_tables(table).splitlines()
    assert "Retail — 2024/25 H1: 1.0%; 2024/25 H2: 2.0%; 2025/26 H1: 3.0%" in lines
    assert "### Sales (€m)" in lines
    # The unit the title names goes with each row's label, where the cells find it.
    row = "Retail (€m) — 2024/25 H1: 10; 2024/25 H2: 20; 2025/26 H1: 30"
    assert row in lines
    cells = [f for f in find_figures(row) if f.kind == "money"]
    assert [(f.currency, f.value) for f in cells] == [("EUR", 1e7), ("EUR", 2e7), ("EUR", 3e7)]


def test_caption_line_titles_a_table_without_a_header_label() -> None:
    out = render_tables("Quarterly sales (exc. tax)\n\n| | Q1 | Q2 |\n|-|-|-|\n| North | 5 | 6 |")
    assert out.splitlines()[0] == "### Quarterly sales (exc. tax)"
    assert "North — Q1: 5; Q2: 6" in out.splitlines()


def test_numbered_notes_table_reads_as_notes() -> None:
    out = render_tables("| 1 | Survey of 500 shoppers |\n| --- | --- |\n| 2 | Company data |")
    assert "Note 1: Survey of 500 shoppers" in out.splitlines()
    assert "Note 2: Company data" in out.splitlines()


def test_table_without_header_row_keeps_its_first_row() -> None:
    out = render_tables("| North | 5% |\n| --- | --- |\n| South | 6% |")
    assert out.split() == ["North", "—", "5%", "South", "—", "6%"]


def test_the_section_before_a_table_resumes_after_it() -> None:
    text = "## Outlook\n\nIntro.\n\n| Sales | YoY |\n|-|-|\n| North | 5% |\n\nMore prose.\n"
    lines = render_tables(text).splitlines()
    assert lines.index("### Sales") < lines.index("North — YoY: 5%")
    assert lines[lines.index("North — YoY: 5%") + 2] == "## Outlook"
    assert lines[-1] == "More prose."


def test_real_trading_statement_table_reads_as_rows() -> None:
    raw = read_document(SAINSBURY / "sources" / "source-1.md")
    lines = render_tables(raw.body).splitlines()
    assert "General Merchandise + Clothing — YoY: (3.7)%; £m: 438" in lines
    assert "### Sales Performance Q1 - 16 weeks to 20 June 2026" in lines
    assert any(line.startswith("Argos — 2025/26 Q1: 4.0%;") for line in lines)
    assert not any(line.lstrip().startswith("|") for line in lines)


# --------------------------------------------------------------------------- formats

HTML = """<html><head><title>Acme results | Example News</title>
<meta name="author" content="Jane Roe"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/m">Markets</a></li></ul></nav>
<article><h1>Acme posts a record quarter</h1>
<p>Acme's revenue rose 12% to €4.2bn in the third quarter, the company said on Tuesday.
Margins widened as costs fell across every region of the group.</p>
<table><tr><th>Results Q3</th><th>YoY</th><th>€m</th></tr>
<tr><td>Widgets</td><td>5.1%</td><td>2,100</td></tr></table>
<p>The shares rose 3% in early trading after the results were published in London.</p>
</article></body></html>"""


def test_html_is_reduced_to_its_main_text_with_tables(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    raw = read_document(path)
    assert raw.format == "html" and raw.derived["author"] == "Jane Roe"
    body = render_tables(raw.body)
    assert "revenue rose 12% to €4.2bn" in body
    assert "Widgets — YoY: 5.1%; €m: 2,100" in body
    assert "Markets" not in body


def test_pdf_text_and_title_are_read(tmp_path: Path) -> None:
    path = tmp_path / "guide.pdf"
    path.write_bytes(make_pdf(["We expect revenue of 4.5 billion euros."], title="Guide"))
    raw = read_document(path)
    assert raw.format == "pdf" and raw.derived["title"] == "Guide"
    assert "We expect revenue of 4.5 billion euros." in raw.body


def test_broken_pdf_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(CorpusError, match=r"broken\.pdf"):
        read_document(path)


def test_undecodable_text_names_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "latin.md"
    path.write_bytes("Caf\xe9 sales rose.".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"latin.md: not UTF-8 .* re-save the file as UTF-8"):
        read_document(path)


@pytest.mark.parametrize(
    "front",
    ["---\ntitle: Evil\x1b]0;owned\x07\n---\n", '---\ntitle: "Evil \\e[31m"\n---\n'],
)
def test_control_characters_in_front_matter_are_refused(tmp_path: Path, front: str) -> None:
    path = tmp_path / "evil.md"
    path.write_text(front + "Body.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"evil\.md: front matter .*control characters"):
        read_document(path)


def test_reference_list_from_text_and_front_matter() -> None:
    text = "Body [1].\n\n## Sources\n\n[1] First title ..., https://a.example/x\n\n2. Other, [https://b.example/y]\n"
    refs = reference_list({}, text)
    assert [(r.number, r.title, r.url) for r in refs] == [
        (1, "First title ...", "https://a.example/x"),
        (2, "Other", "https://b.example/y"),
    ]
    meta = {"references": [{"number": 4, "title": "T", "url": "https://c.example"}]}
    assert [r.number for r in reference_list(meta, text)] == [4]
    assert reference_list({}, "Prose only, the company said.") == []


def test_a_footnote_glued_to_a_row_label_is_dropped() -> None:
    table = (
        "| Sales | Q1 |\n|---|---|\n| Fuel16 | 17.5% |\n| Total (exc. fuel)17 | 2.7% |\n| Q4 | 3% |"
    )
    lines = render_tables(table).splitlines()
    assert "Fuel — Q1: 17.5%" in lines
    assert "Total (exc. fuel) — Q1: 2.7%" in lines
    assert "Q4 — Q1: 3%" in lines


def test_a_row_label_with_the_title_unit_is_still_the_label() -> None:
    from assistant.tables import label_words

    assert label_words("Fuel (£m)") == "Fuel"
    assert label_words("Total Retail (inc. fuel)") == "Total Retail (inc. fuel)"
