"""Split documents into passages that carry their own provenance.

Passages are runs of whole sentences inside one section, so a figure is never cut in two
and every passage can be cited by character offsets: ``document.text[start:end]`` is the
passage text exactly. The same sentence splitter serves evidence selection and the
verification of drafts, so "a sentence" means one thing everywhere: it lives in
:mod:`assistant.text` (``sentence_spans``/``split_sentences`` are re-exported here for the
modules that still import them from chunking).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from assistant.text import sentence_spans, split_sentences

if TYPE_CHECKING:
    from assistant.corpus import Document

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
    byline: str = ""  # who wrote the document: its publisher and author

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
        # An index written before a field existed lacks it: the field's default stands.
        fields = {
            k: meta[k] for k in cls.__dataclass_fields__ if k in meta and k not in ("id", "text")
        }
        return cls(id=passage_id, text=text, **fields)


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
                    byline=" ".join(filter(None, (doc.publisher, doc.author))),
                )
            )
    return passages


__all__ = ["Passage", "sentence_spans", "split_document", "split_sentences"]
