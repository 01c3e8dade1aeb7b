"""Load the corpus: the cleaned article and the notes (or fetched originals) of its sources.

Why this module exists: the article was captured as raw page text, with scraping debris
(ticker tags glued to company names, an author blurb, newsletter and comment furniture).
Every later stage (chunking, retrieval, figure verification) quotes passages back to the
user, so the text must be clean, yet no character inside a sentence may change: a figure
the verifier checks has to stand in the corpus exactly as the article printed it.
Cleaning is therefore done by code, from ``corpus/raw/article.txt``, never by hand, and the
result (``corpus/article.md``) is regenerated whenever the raw capture is newer.

Every document is a markdown file with YAML front matter (id, kind, title, url, ...);
``Document.text`` is the body after it, and passages' character offsets refer to that string.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import CorpusError

__all__ = [
    "ARTICLE_META",
    "DOCUMENT_KINDS",
    "CorpusError",
    "Document",
    "Reference",
    "article_markdown",
    "article_title",
    "clean_article",
    "load_corpus",
    "load_document",
    "parse_front_matter",
    "parse_references",
    "remove_ticker_tags",
    "render_front_matter",
    "write_article",
]

DOCUMENT_KINDS = ("article", "note", "fetched")
REQUIRED_KEYS = ("id", "title", "url")

# What is known about the article itself (recorded in shared/corpus/source-facts.md); the
# raw capture holds only its title, so the rest of its front matter is fixed here.
ARTICLE_META: dict[str, Any] = {
    "id": "article",
    "kind": "article",
    "outlet": "AInvest",
    "author": "Julian West (AI writing agent)",
    "date": "2025-08-29",
    "url": (
        "https://www.ainvest.com/news/"
        "alibaba-strategic-ai-push-implications-long-term-growth-ai-investments-"
        "sustain-profitability-challenges-2508/"
    ),
    "provenance": "Captured page text, cleaned by assistant/corpus.py from corpus/raw/article.txt",
}

RAW_ARTICLE = Path("raw") / "article.txt"
ARTICLE_FILE = "article.md"
SOURCES_DIR = "sources"
FETCHED_DIR = Path(SOURCES_DIR) / "fetched"

# --- patterns ---------------------------------------------------------------------------

# A scraped ticker tag: an uppercase symbol (optionally with a share-class suffix such as
# ".B") followed by "--", glued to the word before it: "AlibabaBABA--", "the gapGAP--".
_GLUED_TAG = re.compile(r"(?P<token>\S+?)--")
_NAME_THEN_TICKER = re.compile(r"(?P<name>.*[^A-Z.])(?P<ticker>[A-Z]{1,5}(?:\.[A-Z])?)")

# The line that opens the reference list ("Source:", "Sources", "References:").
_REFERENCE_HEADING = re.compile(r"(?i)^(?:sources?|references?)\s*:?$")
# "[1] Title, [https://...]" -- brackets around the URL and the comma are optional.
_REFERENCE_LINE = re.compile(
    r"^\[(?P<number>\d+)\]\s*(?P<title>.*?)\s*,?\s*\[?(?P<url>https?://[^\s\]]+)\]?$"
)

# Page furniture that is never article text. Everything after the reference list is
# dropped anyway; these also catch furniture on pages whose reference list is missing.
_FOOTER_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"^AI Writing Agent\b.*$",
        r"^Latest Articles$",
        r"^Related Articles$",
        r"^Stay ahead of the market\.?$",
        r"^Get curated .* delivered to your inbox\.?$",
        r"^Comments?$",
        r"^No comments yet\.?$",
        r"^(?:Add|Leave|Post) a comment\.?$",
        r"^(?:Subscribe|Sign up)(?: now)?\.?$",
    )
)

_LIST_ITEM = re.compile(r"^(?:\d+[.)]|[-*+•])\s+\S")
_HEADING_MAX_CHARS = 100
_HEADING_MAX_WORDS = 12
_TERMINAL_PUNCTUATION = tuple(".:;,!?…")


# --- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reference:
    """One entry of the article's reference list, as the article cites it."""

    number: int
    title: str
    url: str


@dataclass(frozen=True)
class Document:
    """One corpus file: the article, a source note, or a fetched original."""

    id: str
    kind: str
    title: str
    url: str
    date: str | None
    outlet: str | None
    text: str
    path: Path
    # The whole front matter; a dict cannot be hashed, so it stays out of __hash__.
    meta: dict = field(hash=False, repr=False)

    @property
    def key(self) -> str:
        """Unique across the corpus: a fetched original shares its note's id."""
        return f"{self.id}:fetched" if self.kind == "fetched" else self.id

    @property
    def content_hash(self) -> str:
        """sha256 of everything that ends up in an indexed passage, to skip re-embedding."""
        payload = json.dumps(
            {
                "id": self.id,
                "kind": self.kind,
                "title": self.title,
                "url": self.url,
                "date": self.date,
                "outlet": self.outlet,
                "text": self.text,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- front matter -----------------------------------------------------------------------


def parse_front_matter(text: str, *, source: str | None = None) -> tuple[dict, str]:
    """Split ``---``-fenced YAML front matter from the body; ``source`` names the file in errors."""
    where = f"{source}: " if source else ""
    lines = _normalise_newlines(text).removeprefix("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        raise CorpusError(
            f"{where}no front matter — the file must start with a '---' line, then YAML "
            f"with at least {', '.join(REQUIRED_KEYS)}, then a closing '---' line"
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise CorpusError(
            f"{where}front matter is not closed — add a '---' line after the YAML block"
        ) from None
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{where}front matter is not valid YAML — fix it: {exc}") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise CorpusError(f"{where}front matter must be a YAML mapping of keys to values")
    body = "\n".join(lines[end + 1 :]).lstrip("\n")
    return _iso_dates(meta), body


def render_front_matter(meta: dict, body: str) -> str:
    """The inverse of :func:`parse_front_matter` (one blank line between the two parts)."""
    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n{body}"


def _iso_dates(value: Any) -> Any:
    """YAML reads ``2025-08-29`` as a date; keep dates as ISO strings so meta stays JSON-able."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _iso_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_dates(item) for item in value]
    return value


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- cleaning the raw article -----------------------------------------------------------


def remove_ticker_tags(line: str) -> str:
    """Remove scraped ticker tags: "shares of NvidiaNVDA-- rose" -> "shares of Nvidia rose".

    Only the ticker and its "--" go; the name stays whole even where the ticker repeats its
    letters ("AlibabaBABA--"). Anything that does not look like a tag is left untouched.
    """
    return _GLUED_TAG.sub(lambda match: _strip_ticker(match.group("token"), match.group(0)), line)


def _strip_ticker(token: str, whole: str) -> str:
    named = _NAME_THEN_TICKER.fullmatch(token)
    if named and any(char.isalnum() for char in named.group("name")):
        return named.group("name")
    # An all-capitals name followed by itself as ticker: "IBMIBM--".
    half = len(token) // 2
    if token.isalpha() and token.isupper() and len(token) % 2 == 0 and token[:half] == token[half:]:
        return token[:half]
    return whole


def clean_article(raw: str) -> str:
    """The article body as markdown: no title line, no debris, the references as a section."""
    lines = _raw_lines(raw)
    body, references = _split_off_references(lines[1:])
    body = [remove_ticker_tags(line) for line in body if line and not _is_footer(line)]
    blocks = _to_markdown_blocks(body)
    if references:
        blocks.append("## Sources")
        blocks.extend(f"[{ref.number}] {ref.title}, {ref.url}" for ref in references)
    return "\n\n".join(blocks) + "\n"


def parse_references(raw: str) -> list[Reference]:
    """The numbered references listed after the article's "Source:" line."""
    _, references = _split_off_references(_raw_lines(raw))
    return references


def article_title(raw: str) -> str:
    """The first non-blank line of the raw capture is the article's title."""
    return _raw_lines(raw)[0]


def _raw_lines(raw: str) -> list[str]:
    lines = [line.strip() for line in _normalise_newlines(raw).removeprefix("\ufeff").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        raise CorpusError(
            "the raw article is empty — restore it from git (git checkout corpus/raw)"
        )
    return lines


def _split_off_references(lines: list[str]) -> tuple[list[str], list[Reference]]:
    """(lines before the reference list, its entries); everything after the list is footer."""
    for start, line in enumerate(lines):
        if not _REFERENCE_HEADING.match(line):
            continue
        references: list[Reference] = []
        for candidate in lines[start + 1 :]:
            if not candidate:
                continue
            match = _REFERENCE_LINE.match(candidate)
            if match is None:
                break
            references.append(
                Reference(int(match["number"]), match["title"].rstrip(" ,"), match["url"])
            )
        if references:
            _check_numbering(references)
            return lines[:start], references
    # No reference list: cut at the first line of page furniture instead.
    end = next((i for i, line in enumerate(lines) if _is_footer(line)), len(lines))
    return lines[:end], []


def _check_numbering(references: list[Reference]) -> None:
    numbers = [ref.number for ref in references]
    if len(set(numbers)) != len(numbers):
        raise CorpusError(
            f"the article's reference list repeats a number ({numbers}) — "
            "restore corpus/raw/article.txt from git (git checkout corpus/raw)"
        )


def _is_footer(line: str) -> bool:
    return any(pattern.match(line) for pattern in _FOOTER_LINES)


def _to_markdown_blocks(lines: list[str]) -> list[str]:
    """Headings become ``## ``; consecutive list items stay one list; other lines are paragraphs."""
    blocks: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if _is_list_item(line) and blocks and _is_list_item(blocks[-1].split("\n")[-1]):
            blocks[-1] += "\n" + line
        elif _is_heading(line, following):
            blocks.append(f"## {line}")
        else:
            blocks.append(line)
    return blocks


def _is_list_item(line: str) -> bool:
    return bool(_LIST_ITEM.match(line))


def _looks_like_heading(line: str) -> bool:
    return (
        len(line) <= _HEADING_MAX_CHARS
        and len(line.split()) <= _HEADING_MAX_WORDS
        and line[:1].isupper()
        and not line.endswith(_TERMINAL_PUNCTUATION)
        and not _is_list_item(line)
        and not line.startswith("[")
    )


def _is_heading(line: str, following: str | None) -> bool:
    # A heading introduces text: a short title-like line followed by a paragraph or list.
    return (
        _looks_like_heading(line) and following is not None and not _looks_like_heading(following)
    )


# --- the article file -------------------------------------------------------------------


def article_markdown(raw: str) -> str:
    """The complete ``article.md``: front matter (with the reference list) and cleaned body."""
    meta = {
        "id": ARTICLE_META["id"],
        "kind": ARTICLE_META["kind"],
        "title": article_title(raw),
        **{key: value for key, value in ARTICLE_META.items() if key not in ("id", "kind")},
        "references": [
            {"number": ref.number, "title": ref.title, "url": ref.url}
            for ref in parse_references(raw)
        ],
    }
    return render_front_matter(meta, clean_article(raw))


def write_article(corpus_dir: Path) -> Path:
    """Regenerate ``article.md`` from the raw capture; the file is rewritten only on change."""
    corpus_dir = Path(corpus_dir)
    raw_path = corpus_dir / RAW_ARTICLE
    if not raw_path.is_file():
        raise CorpusError(f"{raw_path} not found — restore it from git (git checkout corpus/raw)")
    markdown = article_markdown(raw_path.read_text(encoding="utf-8"))
    target = corpus_dir / ARTICLE_FILE
    if not target.is_file() or target.read_text(encoding="utf-8") != markdown:
        _write_atomically(target, markdown)
    return target


def _write_atomically(path: Path, text: str) -> None:
    # A reader (another process loading the corpus) never sees a half-written file.
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        handle.write(text)
    os.replace(handle.name, path)


# --- loading ----------------------------------------------------------------------------


def load_document(path: Path) -> Document:
    """Read one corpus file; malformed front matter raises CorpusError naming the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CorpusError(f"{path} cannot be read — restore it from git: {exc}") from exc
    meta, body = parse_front_matter(text, source=str(path))
    missing = [key for key in REQUIRED_KEYS if not _is_filled(meta.get(key))]
    if missing:
        raise CorpusError(
            f"{path}: front matter lacks {', '.join(missing)} — add "
            f"{' and '.join(missing)} to the YAML block between the '---' lines"
        )
    kind = meta.get("kind") or _kind_from_path(path)
    if kind not in DOCUMENT_KINDS:
        raise CorpusError(
            f"{path}: kind {kind!r} is not one of {', '.join(DOCUMENT_KINDS)} — fix 'kind'"
        )
    return Document(
        id=str(meta["id"]),
        kind=kind,
        title=str(meta["title"]),
        url=str(meta["url"]),
        date=_optional_str(meta.get("date")),
        outlet=_optional_str(meta.get("outlet")),
        text=body,
        path=path,
        meta=meta,
    )


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Article first, then each source's note followed by its fetched original, if any."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"corpus directory {corpus_dir} not found — run from the project root or restore "
            "it from git (git checkout corpus)"
        )
    article = _load_article(corpus_dir)
    sources = [
        load_document(path)
        for folder in (corpus_dir / SOURCES_DIR, corpus_dir / FETCHED_DIR)
        for path in sorted(folder.glob("source-*.md"))
    ]
    if not any(doc.kind == "note" for doc in sources):
        raise CorpusError(
            f"no source notes in {corpus_dir / SOURCES_DIR} — restore them from git "
            "(git checkout corpus/sources)"
        )
    for doc in sources:
        _check_source_id(doc)
    documents = [article, *sorted(sources, key=_source_order)]
    _check_unique_keys(documents)
    return documents


def _load_article(corpus_dir: Path) -> Document:
    raw_path = corpus_dir / RAW_ARTICLE
    article_path = corpus_dir / ARTICLE_FILE
    if raw_path.is_file() and (
        not article_path.is_file() or article_path.stat().st_mtime < raw_path.stat().st_mtime
    ):
        write_article(corpus_dir)
    elif not article_path.is_file():
        raise CorpusError(
            f"{article_path} and {raw_path} not found — restore them from git (git checkout corpus)"
        )
    article = load_document(article_path)
    if article.kind != "article":
        raise CorpusError(f"{article_path}: kind must be 'article' — regenerate it from raw")
    return article


def _source_order(doc: Document) -> tuple[int, int]:
    return (_source_number(doc), 1 if doc.kind == "fetched" else 0)


def _source_number(doc: Document) -> int:
    match = re.fullmatch(r"source-(\d+)", doc.id)
    if match is None:
        raise CorpusError(f"{doc.path}: id {doc.id!r} must look like 'source-N' — fix 'id'")
    return int(match.group(1))


def _check_source_id(doc: Document) -> None:
    # The file name is how a fetched original finds its note, so they must agree.
    if doc.id != doc.path.stem:
        raise CorpusError(
            f"{doc.path}: id {doc.id!r} does not match the file name — set id: {doc.path.stem}"
        )
    expected = "fetched" if doc.path.parent.name == FETCHED_DIR.name else "note"
    if doc.kind != expected:
        raise CorpusError(f"{doc.path}: kind is {doc.kind!r} — set kind: {expected}")
    _source_number(doc)


def _check_unique_keys(documents: list[Document]) -> None:
    seen: dict[str, Path] = {}
    for doc in documents:
        if doc.key in seen:
            raise CorpusError(
                f"{doc.path} and {seen[doc.key]} both have key {doc.key!r} — remove one"
            )
        seen[doc.key] = doc.path


def _kind_from_path(path: Path) -> str:
    if path.parent.name == FETCHED_DIR.name:
        return "fetched"
    return "article" if path.name == ARTICLE_FILE else "note"


def _is_filled(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _optional_str(value: Any) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value)
