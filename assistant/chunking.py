"""Split documents into passages that carry their own provenance.

Passages are runs of whole sentences inside one section, so a figure is never cut in two
and every passage can be cited by character offsets: ``document.text[start:end]`` is the
passage text exactly. The same sentence splitter serves evidence selection and the
verification of drafts, so "a sentence" means one thing everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.corpus import Document

# A sentence ends at . ! or ? (optionally followed by quotes or brackets), then space and
# something that can start a sentence. Abbreviations and list numbers are rejected below.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9$¥€£])")
_ABBREVIATIONS = {
    "u.s", "u.k", "e.g", "i.e", "vs", "inc", "co", "corp", "ltd", "mr", "ms", "mrs", "dr",
    "no", "st", "jr", "sr", "approx", "fig", "est", "u.s.-china", "etc",
}
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*\S)[ \t]*$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Passage:
    """A run of sentences from one section of one document."""

    id: str
    doc_id: str
    doc_key: str
    kind: str
    title: str
    url: str
    section: str
    chunk: int
    start: int
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store (no ``id``/``text``; they are stored apart)."""
        meta = asdict(self)
        del meta["id"], meta["text"]
        return meta

    @classmethod
    def from_metadata(cls, passage_id: str, text: str, meta: dict[str, Any]) -> Passage:
        fields = {k: meta[k] for k in cls.__dataclass_fields__ if k not in ("id", "text")}
        return cls(id=passage_id, text=text, **fields)


def _is_false_boundary(text: str, dot: int, line_start: int) -> bool:
    """True when the period at ``dot`` belongs to an abbreviation or a list number."""
    if text[dot] != ".":
        return False
    token_start = dot
    while token_start > line_start and not text[token_start - 1].isspace():
        token_start -= 1
    token = text[token_start:dot].lower().lstrip("(\"'“")
    if token in _ABBREVIATIONS:
        return True
    # "1. Margin Management" at the start of a line is a list marker, not a sentence end.
    return token.isdigit() and text[line_start:token_start].strip() == ""


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


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _sections(text: str) -> Iterator[tuple[str, int, int]]:
    """Yield (heading, start, end) for each run of text between markdown headings."""
    heading, body_start = "", 0
    # [ \t], not \s: an empty "## " heading must not swallow the next line as its title.
    for match in re.finditer(r"^#{1,6}(?:[ \t]+.*)?$", text, flags=re.MULTILINE):
        yield heading, body_start, match.start()
        title = _HEADING.match(match.group(0))
        heading = title.group(1) if title else ""
        body_start = match.end()
    yield heading, body_start, len(text)


def _group_sentences(
    spans: list[tuple[int, int]], words: list[int], min_words: int, max_words: int, overlap: int
) -> Iterator[tuple[int, int]]:
    """Yield (first, last) sentence indices of each passage, inclusive.

    A passage grows sentence by sentence while it stays within ``max_words`` (a single longer
    sentence stands alone). The next passage starts with whole sentences worth at most
    ``overlap`` words, but never so many that its first new sentence would not fit: every
    passage adds at least one sentence the previous one lacks.
    """
    first = 0
    while first < len(spans):
        last, total = first, words[first]
        while last + 1 < len(spans) and total + words[last + 1] <= max_words:
            last += 1
            total += words[last]
        yield first, last
        if last + 1 >= len(spans):
            return
        nxt, carried = last + 1, 0
        while (
            nxt - 1 > first
            and carried + words[nxt - 1] <= overlap
            and carried + words[nxt - 1] + words[last + 1] <= max_words
        ):
            nxt -= 1
            carried += words[nxt]
        first = nxt


def split_document(
    doc: Document, *, min_words: int = 60, max_words: int = 160, overlap_words: int = 30
) -> list[Passage]:
    """Split one document into passages of whole sentences, never across a heading."""
    passages: list[Passage] = []
    for section, sec_start, sec_end in _sections(doc.text):
        spans = sentence_spans(doc.text, sec_start, sec_end)
        if not spans:
            continue
        words = [len(_WORD.findall(doc.text[s:e])) for s, e in spans]
        for first, last in _group_sentences(spans, words, min_words, max_words, overlap_words):
            start, end = spans[first][0], spans[last][1]
            chunk = len(passages)
            passages.append(
                Passage(
                    id=f"{doc.key}#{chunk}",
                    doc_id=doc.id,
                    doc_key=doc.key,
                    kind=doc.kind,
                    title=doc.title,
                    url=doc.url,
                    section=section,
                    chunk=chunk,
                    start=start,
                    end=end,
                    text=doc.text[start:end],
                )
            )
    return passages


__all__ = ["Passage", "sentence_spans", "split_document", "split_sentences"]
