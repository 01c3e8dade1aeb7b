"""Small text pieces every stage shares, written once.

- ``atomic_write_text``: readers (another process) never see a half-written file;
- YAML front matter: ``parse_front_matter`` / ``render_front_matter``;
- citation markers ``[1]``, ``[1, 3]``, ``[1-3]``: one pattern and ``marker_numbers``;
- ``sentence_spans`` / ``split_sentences``: the one sentence splitter (line breaks always split);
- ``tokenize`` / ``stem`` / ``content_stems``: words for matching, with light morphology;
- ``terminal_safe``: text printed to a terminal without control or escape sequences.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import tempfile
from pathlib import Path
from typing import Any

__all__ = [
    "BULLET",
    "CITATION_MARKER",
    "GLUED_NOTE",
    "MARKER_RUN",
    "MONTHS",
    "STOPWORDS",
    "TABLE_ROW",
    "atomic_write_text",
    "content_stems",
    "expand_contractions",
    "marker_numbers",
    "parse_front_matter",
    "render_front_matter",
    "sentence_spans",
    "split_sentences",
    "stem",
    "strip_markers",
    "terminal_safe",
    "tokenize",
    "without_name_runs",
]


# --------------------------------------------------------------------------- files


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        handle.write(text)
    # A temporary file is private (0600); the file it replaces is for every reader.
    os.chmod(handle.name, 0o644)
    os.replace(handle.name, path)


# --------------------------------------------------------------------------- front matter


class FrontMatterError(ValueError):
    """The front matter block is present but unusable (the message says how to fix it)."""


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _iso_dates(value: Any) -> Any:
    """YAML reads ``2025-08-29`` as a date; keep dates as ISO strings so meta stays JSON-able."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _iso_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_iso_dates(v) for v in value]
    return value


def parse_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split ``---``-fenced YAML front matter from the body.

    A text without front matter gives ``({}, text)``. Raises :class:`FrontMatterError` when
    the block is not closed, not YAML, or not a mapping.
    """
    import yaml

    text = _normalise_newlines(text).removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        raise FrontMatterError("front matter is not closed — add a '---' line after the YAML")
    try:
        meta = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        meta = _colon_in_value(lines[1:end])
        if meta is None:
            raise FrontMatterError(f"front matter is not valid YAML — fix it: {exc}") from exc
        logging.getLogger(__name__).warning(
            "front matter read line by line: quote values that hold a colon (%s)",
            ", ".join(k for k, v in meta.items() if ":" in v),
        )
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a YAML mapping of keys to values")
    body = "\n".join(lines[end + 1 :]).lstrip("\n")
    return _iso_dates(meta), body


_PLAIN_FIELD = re.compile(r"([A-Za-z_][\w-]*):\s+(.*\S)\s*")


def _colon_in_value(lines: list[str]) -> dict[str, Any] | None:
    """``key: value`` lines whose only fault is a colon in a value ("publisher: Acme (NZX:
    ACM)"), read one per line; None when the block is not made of such lines."""
    fields = [_PLAIN_FIELD.fullmatch(line) for line in lines if line.strip()]
    if not fields or not all(fields):
        return None
    meta = {m.group(1): m.group(2).strip("\"'") for m in fields if m}
    return meta if any(":" in v for v in meta.values()) else None


def render_front_matter(meta: dict[str, Any], body: str) -> str:
    """The inverse of :func:`parse_front_matter` (one blank line between the two parts)."""
    import yaml

    dumped = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    return f"---\n{dumped}---\n\n{body}"


# --------------------------------------------------------------------------- citation markers

# One marker: [2], [12], [1, 3], [1-3] (hyphen or en dash).
CITATION_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]")
# A run of markers with the space before it: " [1][2]".
MARKER_RUN = re.compile(r"\s*(?:\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\])+")
# A footnote number glued to the word before it ("Fuel7", "Pick of the Crop8").
# A table row as the corpus loader renders it: "Label — Header: value; Header: value".
TABLE_ROW = re.compile(r"^\s*(?P<label>[^\n:\u2014]{1,100}?) \u2014 (?=[^:\n]{1,40}:)")
GLUED_NOTE = re.compile(r"(?<=[A-Za-z)])\d{1,2}\b")
# A list item's marker: "2.", a bullet or dash, or a slide's "o" before a capital.
BULLET = r"(?:\d{1,2}[.)]|[\u2022\u00b7\u25aa\u2023\u25e6*\u2013-]+|o(?=\s+[A-Z]))"


def marker_numbers(text: str) -> tuple[int, ...]:
    """Every number the markers in ``text`` cite, in order, without repeats."""
    numbers: list[int] = []
    for match in CITATION_MARKER.finditer(text):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = re.split(r"\s*[\u2013-]\s*", part)
            low, high = int(bounds[0]), int(bounds[-1])
            if high - low > 50:  # "[1-999]" is not a citation run worth expanding
                high = low
            numbers.extend(n for n in range(low, high + 1) if n not in numbers)
    return tuple(numbers)


def strip_markers(text: str) -> str:
    """``text`` without citation markers."""
    return MARKER_RUN.sub("", text)


# --------------------------------------------------------------------------- sentences

# A sentence ends at . ! ? (and closing quotes/brackets) before a capital, digit or currency.
# (a sentence may open in bold or italics: "... [2]. *Valve maker ...*")
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?\**[A-Z0-9$¥€£])")
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "inc",
    "ltd",
    "co",
    "corp",
    "plc",
    "st",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "fig",
    "approx",
    "est",
    "adj",
    "excl",
    "exc",
    "incl",
    "avg",
}


def _is_false_boundary(text: str, dot: int, line_start: int) -> bool:
    """A full stop after an abbreviation, an initial or a list number is not a boundary."""
    if text[dot] != ".":
        return False
    word = re.search(r"([A-Za-z.]+)$", text[line_start:dot])
    if word is None:
        # "1. Margin management": a list number at the start of the line.
        return bool(re.fullmatch(r"\s*\d{1,3}", text[line_start:dot]))
    token = word.group(1).lower().rstrip(".")
    # (a letter after a number is its unit, not an initial: "consensus of EUR 61m. We cut")
    unit = text[line_start : dot - len(word.group(1))][-1:].isdigit()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha() and not unit)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text[start:end]``; line breaks always split."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start, line_end = start + line.start(), start + line.end()
        cursor = line_start
        for match in _BOUNDARY.finditer(text, line_start, line_end):
            if _is_false_boundary(text, match.start(), line_start):
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
        spans.append((cursor, line_end))
    return [_strip_span(text, s, e) for s, e in spans if text[s:e].strip()]


def semicolon_clause(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """The clause between semicolons around ``text[start:end]``, ending by ``limit``."""
    before, after = text.rfind("; ", 0, start), text.find("; ", end, limit)
    return (before + 2 if before >= 0 else 0), (after if after >= 0 else limit)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


# --------------------------------------------------------------------------- words

_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
# The months, for period readers and name finders alike.
# A measure summarised over time ("the ten-year average"), not its value at a time.
AGGREGATE_WORDS = ("avg", "average", "mean", "median")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august")
MONTHS += ("september", "october", "november", "december")
STOPWORDS = frozenset(
    """a an and are as at be been but by did do does for from had has have how in into is it
    its of on or over per than that the their them there these they this to was were what
    when where which who whom why will with would about after any can could much many
    i me my you your s""".split()  # noqa: SIM905 - a word list reads best as text
)


# "What's", and "whats" as people type it without the apostrophe.
_CONTRACTION = re.compile(
    r"\b(what|how|who|where|which|that|it)['\u2019]s\b|\b(what|how|where)s\b", re.IGNORECASE
)


# Capitalised words in a row after a text's first word: a name ("Rising Pumps").
_NAME_RUN = re.compile(r"(?:(?<=\w\s)|^)[A-Z][a-z]+(?:\s+(?:&\s+)?[A-Z][a-z]+)+")


def without_name_runs(text: str) -> str:
    """``text`` with its runs of capitalised words (names) blanked, so that a name's words
    ("Rising Pumps", "Growth Markets") are not read as the question's own."""
    return _NAME_RUN.sub(" ", text)


def expand_contractions(text: str) -> str:
    """ "What's" -> "What is", as people type questions, for cues written in full words."""
    return _CONTRACTION.sub(lambda m: f"{m.group(1) or m.group(2)} is", text)


def tokenize(text: str) -> list[str]:
    """Lower-case word and number tokens without stop words."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


# Nouns the suffix rules would merge with another word: a broker's or agency's "rating" is
# not the "rates" of interest or freight.
_OWN_STEMS = {"rating": "rating", "ratings": "rating", "rates": "rate"}


# "amortisation"/"amortization", "monetised"/"monetized": British and American spellings of
# one word, written one way on both sides of every comparison.
_BRITISH_IS = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")


def stem(token: str) -> str:
    """A light stemmer: "partners"/"partnerships", "repurchased"/"repurchase", "cuts"/"cut",
    "deliveries"/"delivered"."""
    if token in _OWN_STEMS:
        return _OWN_STEMS[token]
    token = _BRITISH_IS.sub(r"iz\1", token)
    for suffix in ("ships", "ship", "ing", "ied", "ies", "ed", "en", "es", "s", "ly"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            token = token[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if len(token) > 4 and token[-1] == token[-2] and token[-1] not in "aeiousl":
        token = token[:-1]  # committ -> commit
    if len(token) >= 6 and token.endswith("ery"):
        token = token[:-1]  # a verb's noun: "deliveries" / "delivered", "recovery" / "recover"
    return token[:-1] if len(token) > 4 and token.endswith("e") else token


def content_stems(text: str, drop: frozenset[str] = frozenset()) -> set[str]:
    """Stemmed content words of ``text``, less any in ``drop`` (e.g. the subject's name)."""
    return {stem(t) for t in tokenize(text) if t not in drop}


# --------------------------------------------------------------------------- terminals

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other ESC sequences, C0/C1 controls.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x9c]*(?:\x07|\x9c)?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)


def terminal_safe(text: str) -> str:
    """``text`` with every control and escape sequence removed (newlines and tabs kept)."""
    return _ESCAPES.sub("", text)
