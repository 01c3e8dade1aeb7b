"""Which source the article cites for a claim.

"Which outlet does the article lean on for the in-house chip claim?" is answered from the
article sentence that makes the claim and the reference its marker points at: the source's
publisher and title, cited to that sentence and to the source's own first passage. An
article without numbered markers, or a claim no marked sentence makes, gets no such answer
(the ordinary chain then answers or abstains).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.chunking import Passage
from assistant.retrieval import Hit
from assistant.text import content_stems, marker_numbers, sentence_spans, stem

# "which outlet", "who's cited for", "where does X come from", "lean on", "sourced from".
_ASKS_SOURCE = re.compile(
    r"\b(?:which|what)\s+(?:outlets?|publishers?|publications?|sources?|sites?|websites?"
    r"|newspapers?|blogs?)\b"
    r"|\bwho(?:'s|\s+is|\s+was)?\s+(?:cited|quoted|the\s+source)\b"
    r"|\bwhere\s+(?:does|did|do)\s+.+?\s+come\s+from\b"
    r"|\b(?:leans?|relies|rely|draws?)\s+on\b"
    r"|\bsourced?\s+(?:for|from)\b",
    re.IGNORECASE,
)
# The question's own words about sourcing, which no claim is made of.
_ASKING = frozenset(
    stem(w)
    for w in """which what who whose where outlet outlets publisher publication source sources
    site website newspaper blog report cited cite quoted quote lean leans rely relies draw draws
    come comes from article piece claim claims point call argument statement for the does did
    do is was s says said sourced""".split()  # noqa: SIM905
)
# A claim must share this many of its words with the article sentence that makes it.
MIN_SHARED_WORDS = 2


@dataclass(frozen=True)
class CitedSource:
    """The article sentence that makes a claim, and the source its marker points at."""

    claim: Hit
    start: int  # the sentence's offsets in the passage text
    end: int
    number: int
    source: Passage


def asks_source(question: str) -> bool:
    """Does the question ask which source, outlet or publisher a claim comes from?"""
    return bool(_ASKS_SOURCE.search(question))


def claim_stems(question: str) -> set[str]:
    """The stems of what is claimed: the question less its words about sourcing."""
    return {s for s in content_stems(question) if s not in _ASKING}


def cited_source(
    question: str,
    hits: Iterable[Hit],
    references: dict[int, str],
    passages: Iterable[Passage],
) -> CitedSource | None:
    """The source cited for the question's claim: the marked article sentence sharing most
    of its words (at least ``MIN_SHARED_WORDS``), mapped through ``references`` (reference
    number -> source doc id) to that source's first passage."""
    claim = claim_stems(question)
    best: tuple[int, Hit, int, int, tuple[int, ...]] | None = None
    for hit in hits:
        if hit.passage.kind != "article":
            continue
        for start, end in sentence_spans(hit.passage.text):
            sentence = hit.passage.text[start:end]
            numbers = tuple(n for n in marker_numbers(sentence) if n in references)
            if not numbers or re.match(r"\s*\[\d+\]", sentence):
                continue  # unmarked, or a line of the reference list itself
            shared = len(claim & content_stems(sentence))
            if shared >= MIN_SHARED_WORDS and (best is None or shared > best[0]):
                best = (shared, hit, start, end, numbers)
    if best is None:
        return None
    _, hit, start, end, numbers = best
    first = _first_passage(references[numbers[0]], passages)
    if first is None:
        return None
    return CitedSource(hit, start, end, numbers[0], first)


def _first_passage(doc_id: str, passages: Iterable[Passage]) -> Passage | None:
    mine = [p for p in passages if p.doc_id == doc_id]
    return min(mine, key=lambda p: p.chunk) if mine else None


def naming_sentence(passage: Passage) -> tuple[int, int]:
    """The span of the passage's first sentence that names its publisher, else its first."""
    spans = sentence_spans(passage.text) or [(0, len(passage.text))]
    name = publisher(passage).lower()
    for start, end in spans:
        if name and name.split(" (")[0] in passage.text[start:end].lower():
            return start, end
    return spans[0]


def publisher(passage: Passage) -> str:
    """Who published the source: its byline, else its title."""
    return passage.byline.strip() or passage.title


__all__ = [
    "CitedSource",
    "asks_source",
    "cited_source",
    "claim_stems",
    "naming_sentence",
    "publisher",
]
