"""Read one corpus file of any supported format into front matter and a markdown-like body.

Owns the file formats (Markdown, plain text, HTML, PDF) and the rendering of tables as
evidence. Tables hold most figures of results releases and filings, but a raw ``| a | b |``
row cannot be quoted to a reader, so every table becomes a title line and one line per row::

    ### Trading Summary Q1
    Home + Garden Products — YoY: (2.4)%; £m: 316

(row label — column header: value; ... with empty cells left out). The title is the header's
first cell, a caption row (only its first cell filled: how an HTML <caption> arrives), or the
short line before the table; it is a heading so every passage cut from it carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.declared_currency import tables_in_declared_dollar
from assistant.errors import CorpusError
from assistant.tables import render_tables
from assistant.text import FrontMatterError, parse_front_matter

__all__ = [
    "SUFFIXES",
    "RawDocument",
    "Reference",
    "find_date",
    "headline",
    "html_to_markdown",
    "letterhead",
    "read_document",
    "reference_list",
    "render_body",
    "render_tables",
]


def render_body(body: str) -> str:
    """A cleaned body with its tables rendered, bare "$" in them as the declared dollar."""
    return render_tables(tables_in_declared_dollar(body))


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
    if suffix == ".txt":
        return RawDocument(meta, body, "text", {**letterhead(body), **headline(body)})
    return RawDocument(meta, body, "markdown", letterhead(body))


# "INITECH SECURITIES - EQUITY RESEARCH": a first line in capitals names who wrote the note.
_CAPITALS = r"[A-Z][A-Z&.,'\u2019]*"
_LETTERHEAD = re.compile(
    rf"\A\s*({_CAPITALS}(?:[ \t]+{_CAPITALS}){{0,5}})[ \t]*(?:[-|\u2013\u2014:][^\n]*)?\n"
)


def letterhead(body: str) -> dict[str, str]:
    """The publisher a plain note names in its letterhead, title-cased; else nothing."""
    match = _LETTERHEAD.match(body)
    if not match or len(match.group(1)) < 4:
        return {}
    return {"publisher": " ".join(w.capitalize() for w in match.group(1).split())}


# A plain note's headline is its longest line in capitals before the prose begins; the
# company's own line with its ticker ("GLOBEX GROUP SE (GLBX GY)") is a masthead, not one.
_TICKER_LINE = re.compile(r"\([A-Z0-9][A-Z0-9.:\s]{1,20}\)\s*$")
_HEAD_LINES = 25  # a note's front page: letterhead, rating box, headline
_PROSE_WORDS = 12  # a line this long with lower-case words is the text itself
_MIN_HEADLINE_WORDS = 4


def headline(body: str) -> dict[str, str]:
    """The title a plain note gives in capitals ("Q3 FISCAL 2026 RESULTS CALL"), in sentence
    case; else nothing. The debris rules drop such lines, and with them the note's period.
    Sentence case, because capitalised words would read as names of another organisation."""
    lines = body.strip().splitlines()
    skip = 1 if letterhead(body) else 0
    best, most = "", _MIN_HEADLINE_WORDS - 1
    for line in lines[skip:_HEAD_LINES]:
        words = re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", line)
        if len(words) >= _PROSE_WORDS and any(w.islower() for w in words):
            break
        capitals = all(w.isupper() for w in words) and "|" not in line
        if capitals and len(words) > most and not _TICKER_LINE.search(line.strip()):
            best, most = line, len(words)
    if not best:
        return {}
    return {"title": " ".join(_title_word(w, i) for i, w in enumerate(best.split()))}


def _title_word(word: str, position: int) -> str:
    if any(c.isdigit() for c in word):
        return word  # "Q4", "FY27"
    return word.capitalize() if position == 0 else word.lower()


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
    if "publisher" not in derived and (site := _site_in_title(html)):
        derived["publisher"] = site  # "Headline | Coast Business Daily": who publishes it
    return body.strip(), derived


_TITLE_TAG = re.compile(r"<title[^>]*>([^<]+)</title>", re.I)


def _site_in_title(html: str) -> str | None:
    """The site name a page's title ends with after a bar ("Acme lifts profit | Globex
    News"), where the page's metadata names none; a few words, or nothing."""
    import html as markup

    tag = _TITLE_TAG.search(html)
    if tag is None:
        return None
    *_, last = markup.unescape(tag.group(1)).split("|")
    site = " ".join(last.split())
    return site if "|" in tag.group(1) and 1 <= len(site.split()) <= 5 else None


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
