"""Read one corpus file of any supported format into front matter and a markdown-like body.

Owns the file formats (Markdown, plain text, HTML, PDF) and the rendering of tables as
evidence. Tables hold most figures of results releases and filings, but a raw ``| a | b |``
row cannot be quoted to a reader, so every table becomes a title line and one line per row::

    ### Sales Performance Q1
    General Merchandise + Clothing — YoY: (3.7)%; £m: 438

(row label — column header: value; ... with empty cells left out). The title is the header's
first cell, a caption row (only its first cell filled: how an HTML <caption> arrives), or the
short line before the table; it is a heading so every passage cut from it carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import CorpusError
from assistant.text import FrontMatterError, parse_front_matter

__all__ = [
    "SUFFIXES",
    "RawDocument",
    "Reference",
    "find_date",
    "html_to_markdown",
    "read_document",
    "reference_list",
    "render_tables",
]

# In order of preference when one stem exists in several formats.
SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")

# Control characters other than tab and newline never belong in front matter; YAML lets
# some through inside quoted strings, and a title is printed to terminals and pages.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class RawDocument:
    """A file read but not yet cleaned: its front matter, its body and what it was."""

    meta: dict[str, Any]
    body: str
    format: str  # "markdown" | "text" | "html" | "pdf"
    derived: dict[str, Any]  # metadata the format itself carries (HTML <title>, PDF info)


# --------------------------------------------------------------------------- reading


def read_document(path: Path) -> RawDocument:
    """Read ``path``; raises CorpusError (naming the file and the fix) when it is unusable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise CorpusError(f"{path}: unsupported format {suffix!r} — use one of {SUFFIXES}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(
            f"{path}: cannot be read ({exc.strerror}) — check its permissions"
        ) from exc
    if suffix == ".pdf":
        return _read_pdf(path, data)
    text = _decode(path, data)
    meta, body = _front_matter(path, text)
    if suffix in (".html", ".htm"):
        try:
            body, derived = html_to_markdown(body)
        except ValueError as exc:
            raise CorpusError(f"{path}: {exc} — save the article's text instead") from exc
        return RawDocument(meta, body, "html", derived)
    return RawDocument(meta, body, "text" if suffix == ".txt" else "markdown", {})


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path}: not UTF-8 text (byte {exc.start}) — re-save the file as UTF-8"
        ) from exc


def _front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    head = text.split("\n---", 2)[0] if text.startswith("---") else ""
    if _CONTROL.search(head.replace("\r", "")):
        raise CorpusError(
            f"{path}: front matter holds control characters — remove them from the YAML block"
        )
    try:
        meta, body = parse_front_matter(text)
    except FrontMatterError as exc:
        raise CorpusError(f"{path}: {exc}") from exc
    bad = [key for key, value in meta.items() if _has_control(value)]
    if bad:
        raise CorpusError(
            f"{path}: front matter field {bad[0]!r} holds control characters — remove them"
        )
    return meta, body


def _has_control(value: Any) -> bool:
    if isinstance(value, str):
        return bool(_CONTROL.search(value))
    if isinstance(value, dict):
        return any(_has_control(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_control(v) for v in value)
    return False


def html_to_markdown(html: str, url: str | None = None) -> tuple[str, dict[str, Any]]:
    """Main text of an HTML page as markdown (tables kept) and the page's own metadata
    (title, author, date, publisher, url); raises ValueError when the page has no text."""
    import trafilatura

    try:
        body = trafilatura.extract(
            html, url=url, output_format="markdown", include_tables=True, favor_recall=True,
            include_comments=False, include_links=False, include_images=False,
        )  # fmt: skip
        info = trafilatura.extract_metadata(html, default_url=url)
    except Exception as exc:  # a parser crash on one odd page is a problem of that page
        raise ValueError(f"the HTML could not be parsed ({exc})") from exc
    if not body or not body.strip():
        raise ValueError("no main text found (the page may need JavaScript or be mostly links)")
    names = {"title": "title", "author": "author", "date": "date", "publisher": "sitename"}
    derived = {k: str(getattr(info, a)) for k, a in names.items() if getattr(info, a, None)}
    return body.strip(), derived


def _read_pdf(path: Path, data: bytes) -> RawDocument:
    """Text of every page (pypdf), pages separated by a blank line."""
    import io

    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError as exc:  # pragma: no cover - pypdf is a declared dependency
        raise CorpusError(f"{path}: reading PDF needs pypdf — pip install pypdf") from exc
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise CorpusError(f"{path}: not a readable PDF ({exc}) — export it again") from exc
    body = "\n\n".join(page.strip() for page in pages if page.strip())
    if not body:
        raise CorpusError(f"{path}: the PDF holds no text (scanned?) — add a text version")
    found = {"title": getattr(info, "title", None), "author": getattr(info, "author", None)}
    derived = {
        key: str(value).strip() for key, value in found.items() if value and str(value).strip()
    }
    return RawDocument({}, body, "pdf", derived)


# --------------------------------------------------------------------------- dates

_MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec"  # month n at index 3(n-1)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
DATE = re.compile(
    rf"\b(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>(?:19|20)\d\d)\b"
    rf"|\b(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)\b"
    r"|\b(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)\b",
    re.IGNORECASE,
)
DATE_LABEL = re.compile(
    r"\b(?:published|updated|posted|dated?|first published|last updated)\b\s*(?:on)?\s*:?\s*",
    re.IGNORECASE,
)
TIME = r"(?:\s*,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*(?:am|pm))?(?:\s*[A-Z]{2,4})?)?"


def _iso(match: re.Match[str]) -> str | None:
    if match["y3"]:
        year, month, day = int(match["y3"]), int(match["m3"]), int(match["d3"])
    else:
        year = int(match["y1"] or match["y2"])
        month = _MONTHS.index((match["m1"] or match["m2"])[:3].lower()) // 3 + 1
        day = int(match["d1"] or match["d2"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_date(text: str, *, window: int = 2000) -> str | None:
    """The ISO date the text states: one labelled "Published"/"Updated" first, else the
    first full date in its opening ``window`` characters; ``None`` when none is stated."""
    for label in DATE_LABEL.finditer(text):
        match = DATE.match(text, label.end())
        if match and (iso := _iso(match)):
            return iso
    for match in DATE.finditer(text[:window]):
        if iso := _iso(match):
            return iso
    return None


# --------------------------------------------------------------------------- tables

_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{1,}:?$")
_HEADING = re.compile(r"^#{1,6}\s+\S")
# A cell that is a figure: "3.1%", "(3.7)%", "8,041", "£1.2bn", "-0.5", "12.9x", "n/a".
_VALUE = re.compile(
    r"^[(\-+\u2212\u2013]?\s*[£$€¥]?\s*\d[\d,]*(?:\.\d+)?\s*\)?\s*"
    r"(?:%|x|bn|mn|m|k|bps|ppts?|pts?|p)?\s*\)?\s*%?$",
    re.IGNORECASE,
)
_NIL = re.compile(r"^(?:[-\u2013\u2014]|n/?a|nm|nil)$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _cells(line: str) -> list[str]:
    parts = re.split(r"(?<!\\)\|", line.strip()[1:-1])
    return [part.strip().replace("\\|", "/") for part in parts]


def _is_separator(cells: list[str]) -> bool:
    return all(not c or _SEPARATOR_CELL.match(c) for c in cells) and any(cells)


def _is_value(cell: str) -> bool:
    return bool(_NIL.match(cell) or (_VALUE.match(cell) and not _YEAR.match(cell)))


def _is_header_row(cells: list[str], *, first: bool) -> bool:
    """Column headers label the values below them; they are not figures themselves."""
    rest = [c for c in cells[1:] if c]
    if any(_is_value(c) for c in rest):
        return False
    if first:
        # A table without a header row: its first cell is a number ("1 | footnote ...").
        return bool(rest) and not (cells[0] and _VALUE.match(cells[0]))
    # Inside the table, only rows that look like group headers (a gap or no row label).
    return bool(rest) and (not cells[0] or len(rest) < len(cells) - 1)


def _merge_headers(rows: list[list[str]], width: int) -> tuple[str, list[str]]:
    """(title, column labels) of stacked header rows; group labels fill the columns they span."""
    columns, title = [""] * width, ""
    for position, row in enumerate(rows):
        row = row + [""] * (width - len(row))
        title = title or row[0]
        spans = position < len(rows) - 1  # a group row above the leaf labels
        carried = ""
        for j in range(1, width):
            carried = row[j] or carried
            label = row[j] or (carried if spans else "")
            if label:
                columns[j] = f"{columns[j]} {label}".strip()
    return title, columns


def _row_line(cells: list[str], columns: list[str]) -> str:
    """``label — column: value; ...``; empty cells and a glued footnote ("Fuel16") left out."""
    named = [(columns[j] if j < len(columns) else "", v) for j, v in enumerate(cells) if j and v]
    joined = "; ".join(f"{column}: {value}" if column else value for column, value in named)
    return " — ".join(p for p in (re.sub(r"(?<=[a-z)])\d{1,2}$", "", cells[0]), joined) if p)


def _render_table(rows: list[list[str]]) -> tuple[str, list[str]]:
    """(title of the first header, lines) for one table's rows (separator rows removed)."""
    width = max(len(row) for row in rows)
    caption = len(rows) > 1 and width > 1 and bool(rows[0][0]) and not any(rows[0][1:])
    lines: list[str] = []
    columns, first_title, index = [""] * width, rows[0][0] if caption else "", int(caption)
    while index < len(rows):
        if _is_header_row(rows[index], first=index == int(caption)):
            group = [rows[index]]
            index += 1
            while index < len(rows) and _is_header_row(rows[index], first=False):
                group.append(rows[index])
                index += 1
            title, columns = _merge_headers(group, width)
            if lines and title:
                lines.extend(["", f"### {title}", ""])
            elif not lines:
                first_title = first_title or title
            continue
        line = _row_line(rows[index], columns)
        if line:
            lines.append(line)
        index += 1
    return first_title, lines


def _titled(before: list[str], rendered: set[int]) -> None:
    """Make the short line before a table (not a row of an earlier table) a heading, in place."""
    k = next((k for k in range(len(before) - 1, -1, -1) if before[k].strip()), None)
    line = before[k].strip() if k is not None else ""
    caption = line and not _HEADING.match(line) and len(line) <= 100 and k not in rendered
    if caption and not line.endswith((".", "!", "?", ":")):
        before[k] = f"### {line}"


def _notes(rows: list[list[str]]) -> list[str] | None:
    """A two-column table numbered 1, 2, 3 in its first column is a list of notes."""
    if all(len(row) == 2 and row[0].isdigit() and len(row[0]) <= 3 for row in rows):
        return [f"Note {number}: {text}" for number, text in rows if text]
    return None


def render_tables(text: str) -> str:
    """Replace every markdown table in ``text`` by its title heading and one line per row;
    the heading in force before the table is restored after it."""
    lines = text.split("\n")
    out: list[str] = []
    rendered: set[int] = set()
    titles: set[int] = set()  # headings written for tables, not the text's own
    index = 0
    while index < len(lines):
        if not _TABLE_LINE.match(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        block: list[list[str]] = []
        while index < len(lines) and _TABLE_LINE.match(lines[index]):
            cells = _cells(lines[index])
            if not _is_separator(cells):
                block.append(cells)
            index += 1
        if not block:
            continue
        before = next(
            (line for k, line in reversed(list(enumerate(out))) if _HEADING.match(line)
             and k not in titles), None,
        )  # fmt: skip
        notes = _notes(block)
        title, rows = ("", notes) if notes is not None else _render_table(block)
        if title:
            out.extend(["", f"### {title}", ""])
            titles.add(len(out) - 2)
        elif notes is None:
            _titled(out, rendered)
        out.append("")
        rendered.update(range(len(out), len(out) + len(rows)))
        out.extend([*rows, ""])
        after = next((line for line in lines[index:] if line.strip()), "")
        if before and not _HEADING.match(after) and not _TABLE_LINE.match(after):
            out.extend([before, ""])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


# --------------------------------------------------------------------------- reference lists


@dataclass(frozen=True)
class Reference:
    """One entry of an article's reference list, as the article prints it."""

    number: int
    title: str
    url: str
    doc_id: str | None = None  # the source document it points at, once matched


_REFERENCE_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:sources?|references?|notes and sources|bibliography)\s*:?\s*$", re.I
)
# "[1] Title, https://...", "1. Title [https://...]", "[2] https://..." (title optional).
_REFERENCE_LINE = re.compile(
    r"^\s*(?:[-*]\s*)?\[?(?P<number>\d{1,3})[\].)]\s*(?P<title>.*?)\s*[,:—-]?\s*"
    r"[\[(<]?(?P<url>https?://[^\s\])>]+)[\])>]?\s*$"
)


def reference_list(meta: dict[str, Any], text: str) -> list[Reference]:
    """The article's references: front matter ``references`` or a Sources/References list."""
    listed = meta.get("references")
    entries = [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []
    found = [Reference(int(e["number"]), str(e.get("title") or ""), str(e.get("url") or ""))
             for e in entries if str(e.get("number", "")).strip().isdigit()]  # fmt: skip
    if found:
        return found
    lines = text.split("\n")
    for start, line in enumerate(lines):
        if not _REFERENCE_HEADING.match(line.strip()):
            continue
        found = []
        for candidate in lines[start + 1 :]:
            if not candidate.strip():
                continue
            match = _REFERENCE_LINE.match(candidate)
            if match is None:
                break
            found.append(Reference(int(match["number"]), match["title"].rstrip(" ,"), match["url"]))
        if found:
            return found
    return []
