"""Remove scraped page furniture from a document body, by shape, for any site.

A capture of a web page carries menus, link lists, sign-up prompts, share widgets, stock
quotes, bylines, author blurbs and ticker tags glued to company names. Every passage is
quoted back to the reader and its figures are checked, so none of that may become a passage.
No rule here knows a site or an article: lines are judged by their shape (short, without
sentence punctuation, without a figure, in a run of links, repeated, no letters at all) and
by a few phrasings that page furniture shares across the web ("Sign up for", "Written by").
A kept line is never edited inside, except that scraped ticker tags ("NvidiaNVDA--") are cut
out, a sentence broken across lines is joined and a title glued to a bullet split off.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise

from assistant.entities import ROLE
from assistant.formats import DATE, DATE_LABEL, TIME
from assistant.tables import plain_tables
from assistant.tickers import remove_ticker_tags

__all__ = ["clean_text"]
# --------------------------------------------------------------------------- shapes

_FIGURE = re.compile(
    r"[£$€¥]\s?\d"
    r"|\d(?:[\d,]*\.?\d+)?\s?(?:%|per\s?cent|percent|bn|mn|billion|million|trillion|bps|ppts?)"
    r"|\b\d{1,3}(?:,\d{3})+\b|\b\d+\.\d+\b|\(\d[\d,.]*\)",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]")
_SENTENCE_END = re.compile(r"(?:[.!?:;…][\"'\u201d\u2019)\]]*|\[\d{1,3}\])$")
_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:[-*+•·▪◦]|\d{1,2}[.)]|o(?=\s+[A-Z]))\s+\S")
_TABLE = re.compile(r"^\s*\|")
# "Jane Roe -- Chief Executive Officer": a call's roster names who is who.
_ROSTER = re.compile(
    r"^\s*[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]+){1,3}\s+(?:--|\u2014|\u2013)\s+[A-Z]"
)
_REFERENCE = re.compile(r"^\[?\d{1,3}[\].)]\s*\S.*(?:https?://|www\.)\S+")
_REFERENCE_HEADING = re.compile(
    r"^(?:#{1,6}\s*)?(?:sources?|references?|notes and sources|bibliography)\s*:?$", re.I
)
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$")
_DATE_ONLY = re.compile(rf"^(?:{DATE_LABEL.pattern})?(?:{DATE.pattern}){TIME}$", re.IGNORECASE)
# A ticker glued before a name in a quote widget: "ACMGAcme Group Minerals".
_GLUED_WIDGET = re.compile(r"^[A-Z]{2,6}(?=[A-Z][a-z])")

# Short furniture: navigation, widgets, bylines (only lines of a few words, no sentence).
_SHORT_FURNITURE = re.compile(
    r"^(?:(?:latest|related|recommended|popular|trending|most read|more from|see also"
    r"|further reading|(?:read|learn|find out) more|skip to|no comments|no results"
    r"|(?:add|leave|post) a comment|back to top|please enter|about the author"
    r"|article history|stay (?:ahead|informed|up to date|tuned|in the know)"
    r"|(?:ai )?writing agent)\b|written\s*by"
    r"|view (?:factsheet|chart|profile|all|more|full|details|comments|gallery)\b"
    r"|share (?:this|on|via|article|story|page)\b|follow (?:us|on)\b|accept (?:all )?cookies"
    r"|(?:log|sign) ?(?:in|out)\b|create an account|by \w+ \w+"
    r"|(?:share|print|email|tweet|comments?|advertisement|sponsored|search|search results"
    r"|published|updated|menu|home|close|cookies)\W*$)",
    re.IGNORECASE,
)
# Prompts that may run to a sentence or two: sign-ups, newsletters, delayed-price notices.
_PROMPT = re.compile(
    r"^(?:sign ?up|subscribe|register|join (?:our|us)|get our|don'?t miss|click here)\b"
    r"|^(?:read more|see also|related|recommended|most read)\s*:"
    r"|^\(?(?:photo|image|picture|illustration)(?:graph)?\s*(?:by|:|credit)"
    r"|^(?:(?:additional )?reporting|writing|editing) by\b|^copyright\b|©|\ball rights reserved\b"
    r"|\bnewsletters?\b|\binbox\b|\bemail (?:updates|alerts)\b|\bprices?\b.*\bdelayed\b"
    r"|\bcookies\b",
    re.IGNORECASE,
)
_SHORT_WORDS = 6
_FRAGMENT_WORDS = 12
_PROMPT_WORDS = 30
_NAV_WORDS = 12
_CHART_WORDS = 4
_CHART_RUN = 3
# "Implied upside: 9.5%", "Market cap: EUR 3.1bn": a figure that names what it measures, as a
# research note's key data sit under its title; no chart label. ("RNS Number : 4821Q", a
# header field set off by spaces, is not one.)
_VALUE_AFTER_COLON = re.compile(r":\s+(?:[A-Z]{2,3}\s?)?[$\u00a3\u20ac\u00a5]?\d")
_LABELLED_FIGURE = re.compile(r"^[A-Za-z][\w()/&.' -]{0,40}[\w)]:\s+\S")


def _bare(line: str) -> str:
    """The line without heading hashes or a list bullet."""
    line = _HEADING.sub("", line.strip())
    return re.sub(r"^(?:[-*+•·▪◦]|\d{1,2}[.)]|o(?=\s+[A-Z]))\s+", "", line)


def _words(line: str) -> int:
    return len(line.split())


def _has_figure(line: str) -> bool:
    return bool(_FIGURE.search(line))


def _is_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip()))


# --------------------------------------------------------------------------- cleaning


@dataclass
class _Line:
    text: str
    blank_before: bool
    keep: bool = True


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    blank = False
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            blank = True
            continue
        out.append(_Line(line, blank))
        blank = False
    return out


def _cut_after_references(lines: list[_Line]) -> None:
    """Everything after the article's reference list is page footer."""
    for index, line in enumerate(lines):
        if not _REFERENCE_HEADING.match(line.text.strip()):
            continue
        last = index
        for k in range(index + 1, len(lines)):
            if not _REFERENCE.match(lines[k].text.strip()):
                break
            last = k
        if last > index:
            for line_after in lines[last + 1 :]:
                line_after.keep = False
            return


def _is_definite_debris(text: str) -> bool:
    line = text.strip()
    if _TABLE.match(line) or _REFERENCE.match(line):
        return False
    bare = _bare(line)
    if not _LETTER.search(bare) or _URL_ONLY.match(bare) or _DATE_ONLY.match(bare):
        return True
    words = _words(bare)
    if words <= _SHORT_WORDS and _SHORT_FURNITURE.match(bare) and not _has_figure(bare):
        return True
    if words <= _PROMPT_WORDS and _PROMPT.search(bare) and not _has_figure(bare):
        return True
    if words <= 8 and _GLUED_WIDGET.match(bare):
        return True
    # A single all-capitals code word: "END", a wire-service tracking code.
    return bool(re.fullmatch(r"[A-Z]{3,}", bare)) and not line.startswith("#")


def _runs(lines: list[_Line], member: Callable[[str], bool]) -> Iterator[list[_Line]]:
    """Runs of consecutive kept lines that are all ``member``s."""
    run: list[_Line] = []
    for line in lines:
        if line.keep and member(line.text.strip()):
            run.append(line)
        elif line.keep:
            yield run
            run = []
    yield run


def _drop_link_lists(lines: list[_Line]) -> None:
    """Runs of short list items with no sentence and no figure are menus or link lists;
    an item cut off with an ellipsis is a teaser of another page."""
    for line in lines:
        if _LIST_ITEM.match(line.text.strip()) and line.text.rstrip().endswith(("...", "…")):
            line.keep = False
    for run in _runs(lines, lambda text: bool(_LIST_ITEM.match(text))):
        if len(run) >= 2 and all(_is_link_item(item.text) for item in run):
            for item in run:
                item.keep = False


def _is_link_item(text: str) -> bool:
    bare = _bare(text)
    return _words(bare) <= _NAV_WORDS and not _is_sentence(bare) and not _has_figure(bare)


def _drop_author_blurbs(lines: list[_Line], author: str | None) -> None:
    """The author's name line (often glued to a job title) and the bio that follows it."""
    name = re.split(r"[,(|]", author)[0].strip() if author else ""
    if not name:
        return
    first, full = re.escape(name.split()[0]), re.escape(name)
    bio = re.compile(rf"^(?:{full}|{first})\s+(?:is|has|was|joined|writes|covers|leads)\b")
    byline = re.compile(rf"^{full}(?:\W|[A-Z]|$)")
    for line in lines:
        bare = _bare(line.text)
        if bio.match(bare) or (byline.match(bare) and _words(bare) <= _SHORT_WORDS):
            line.keep = False


def _drop_repeats(lines: list[_Line]) -> None:
    """A short line without a figure that the page prints twice is furniture (bylines,
    widget labels), not something the article says."""
    counts = Counter(line.text.strip() for line in lines)
    for line in lines:
        text = line.text.strip()
        if (
            counts[text] > 1
            and not text.startswith(("#", "|"))
            and not _ROSTER.match(text)  # a speaker named again before each turn
            and _words(text) <= _FRAGMENT_WORDS
            and not _is_sentence(text)
            and not _has_figure(text)
        ):
            line.keep = False


def _kind(text: str) -> str:
    line = text.strip()
    if _HEADING.match(line):
        return "heading"
    if _TABLE.match(line):
        return "table"
    if _LIST_ITEM.match(line) or _REFERENCE.match(line) or _ROSTER.match(line):
        return "list"
    if _is_sentence(line) or _words(line) > _FRAGMENT_WORDS:
        return "prose"
    if _has_figure(line):
        return "figure"
    return "fragment"


def _drop_stray_fragments(lines: list[_Line]) -> None:
    """Keep a title-like line or a heading only when content follows it (backwards pass)."""
    following: str | None = None
    for line in reversed(lines):
        if not line.keep:
            continue
        kind = _kind(line.text)
        dangling = not _is_sentence(line.text.strip()) and not _has_figure(line.text)
        if following is None and kind == "prose" and dangling:
            line.keep = False  # the page ends in furniture: a caption without a full stop
        elif kind == "heading":
            line.keep = following not in (None, "heading")
        elif kind == "fragment":
            starts_lower = bool(re.match(r"[a-z]", line.text.strip()))
            line.keep = following in ("prose", "list", "table", "figure") or starts_lower
        if line.keep:
            following = kind


# A line that ends on one of these words stops in the middle of a sentence.
_WRAP_WIDTH = 60


def _wraps(line: str) -> bool:
    """A full-width line of prose that stops after a word: the page edge cut it, not the
    writer (a table row or a letterhead ends otherwise, or is no run of words)."""
    line = line.strip()
    return len(line) >= _WRAP_WIDTH and len(line.split()) >= 8 and bool(re.search(r"[a-z,]$", line))


_OPEN_END = re.compile(
    r"\b(?:a|an|the|of|to|in|on|for|with|by|and|or|but|from|at|as|than|around|about|over"
    r"|under|between|into|our|its|their|this|that|which|who|is|are|was|were|be)$",
    re.IGNORECASE,
)


def _drop_chart_labels(lines: list[_Line]) -> None:
    """Three or more tiny lines in a row ("Acme", "+40bps -10bps", "Globex") are the labels of
    a chart or graphic: their figures have lost what they measure (a labelled figure has not)."""

    def tiny(text: str) -> bool:
        small = _words(text) <= _CHART_WORDS and not _is_sentence(text)
        labelled = bool(_LABELLED_FIGURE.match(text.strip())) and _has_figure(text)
        return small and not labelled and _kind(text) in ("fragment", "figure")

    for run in _runs(lines, tiny):
        if len(run) >= _CHART_RUN:
            for item in run:
                item.keep = False


# A table row as rendered ("Acme — Ticker: ACME; Revenue H1: EUR 21.5bn"): a line of its own.
_CELL = r"(?:[^:;]{0,40}: )?[^:;]{1,30}"
_TABLE_ROW = re.compile(rf"^.{{1,80}}? \u2014 {_CELL}(?:; {_CELL})+$")


def _join_broken_sentences(kept: list[_Line]) -> list[_Line]:
    """A line that stops mid-sentence and a next line that starts in lower case are one
    sentence broken by the capture (PDF and slide text wrap at the page edge)."""
    joined: list[_Line] = []
    for line in kept:
        text = line.text.strip()
        if joined:
            prev = joined[-1].text.rstrip()
            goes_on = bool(re.match(r"[\w£$€¥(]", text))
            cut = bool(_OPEN_END.search(prev)) and goes_on
            # A full-width line of one paragraph wraps ("... the order book reached" /
            # "JPY 71.3bn at end-September."), whatever the next line starts with.
            wrapped = goes_on and not line.blank_before and _wraps(prev)
            if (
                (re.match(r"[a-z]", text) or cut or wrapped)
                and not re.match(r"o\s", text)
                and not _LIST_ITEM.match(text)
                and not prev.lstrip().startswith(("#", "|"))
                and not _is_sentence(prev)
                and not (_TABLE_ROW.match(prev) or _TABLE_ROW.match(text))
            ):
                joined[-1].text = f"{prev} {text}"
                continue
        joined.append(_Line(line.text.rstrip(), line.blank_before))
    return joined


# "• ... between £400 million and £450 million Free cash flow": PDF text glues the next
# section's title to a bullet ending on a figure; the title comes back in the next bullet.
_GLUED_TITLE = re.compile(
    r"(?:[£$€¥][\d.,]+(?:\s?(?:bn|mn|m|billion|million))?|\d{4}/\d{2}|\d\s?(?:%|per\s?cent|x|bn"
    r"|mn|billion|million))\s+(?P<title>[A-Z][a-z]+(?:\s+[A-Za-z][a-z]+){0,3})$"
)


def _split_glued_titles(kept: list[_Line]) -> list[_Line]:
    out: list[_Line] = []
    for line, after in pairwise([*kept, _Line("", False)]):
        bullets = all(_LIST_ITEM.match(item.text.strip()) for item in (line, after))
        glued = _GLUED_TITLE.search(line.text) if bullets else None
        if glued and re.search(rf"\b{re.escape(glued['title'])}\b", _bare(after.text), re.I):
            at = glued.start("title")
            out += [_Line(line.text[:at].rstrip(), line.blank_before), _Line(line.text[at:], True)]
        else:
            out.append(line)
    return out


# "Jane Roe, Head of Investor Relations": a contact line says who holds a role; no heading.
_CONTACT = re.compile(rf"^[A-Z][\w'.\-]+(?:\s+[A-Z][\w'.\-]+)+,\s+(?i:{ROLE})\b")


def _headings(lines: list[_Line]) -> None:
    """A short title-like line that introduces prose, a list or a table is a heading: it
    becomes ``## line`` so that what follows carries it as its section."""
    for index, line in enumerate(lines[:-1]):
        text = line.text.strip()
        follows = _kind(lines[index + 1].text) in ("prose", "list", "table")
        titled = _kind(text) == "fragment" and (text[:1].isupper() or text[:1].isdigit())
        # "Shares in issue: 287m" is a field with its value, not a title
        field = bool(_LABELLED_FIGURE.match(text)) and bool(_VALUE_AFTER_COLON.search(text))
        if follows and titled and not field and not _CONTACT.match(text):
            line.text = f"## {text}"


def _plain_paragraphs(lines: list[_Line]) -> None:
    """In plain text every line is a paragraph, except the items of one list."""
    for index, line in enumerate(lines):
        in_list = index > 0 and all(
            _LIST_ITEM.match(item.text.strip()) for item in (line, lines[index - 1])
        )
        line.blank_before = not in_list


def clean_text(text: str, *, author: str | None = None, plain: bool = False) -> str:
    """``text`` without page furniture; ``plain`` marks plain text (headings are inferred).

    Paragraph breaks are kept as they were (one blank line), lines of one list or table stay
    together; the result ends with a single newline, or is empty.
    """
    # Plain text keeps tables as space-aligned columns, which paragraphs would break up.
    lines = _lines(plain_tables(text) if plain else text)
    _cut_after_references(lines)
    for line in lines:
        if line.keep and _is_definite_debris(line.text):
            line.keep = False
    _drop_link_lists(lines)
    _drop_author_blurbs(lines, author)
    _drop_repeats(lines)
    kept = _join_broken_sentences([line for line in lines if line.keep])
    _drop_chart_labels(kept)
    _drop_stray_fragments(kept)
    kept = [_Line(remove_ticker_tags(line.text), line.blank_before) for line in kept if line.keep]
    kept = _split_glued_titles(kept)
    _headings(kept)
    if plain:
        _plain_paragraphs(kept)
    parts: list[str] = []
    for line in kept:
        if parts:
            heading = line.text.startswith("#") or parts[-1].startswith("#")
            parts.append("\n\n" if line.blank_before or heading else "\n")
        parts.append(line.text)
    return "".join(parts) + "\n" if parts else ""
