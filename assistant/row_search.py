"""Table rows found by their label, beside what dense search and BM25 rank first.

A question that names a row's label ("How much inventory was it carrying?" over a row
"Inventories — As of September 30, 2026: 74,208") asks for that row. BM25 weighs the label
as one word among a table passage's many, and the embedding of a table passage blurs its
rows, so such a passage can rank below prose that merely mentions the word. Passages that
hold a row whose whole label the question names are added to what is retrieved, the longest
label first. So are a few passages with a sentence that opens with the measure asked and gives
a figure ("Backlog at year end was $1.9bn" in a long list of results), for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.chunking import Passage
from assistant.measure_words import measure_words
from assistant.tables import label_words, names_row
from assistant.text import content_stems, stem

# How many passages are added at most: a one-word label ("Total") can be named in many
# tables, and each passage added is more text to read for evidence.
MAX_ROW_HITS = 4
# ... and how many passages whose sentence opens with the measure asked.
MAX_LED_HITS = 2


def named_rows(question: str, ranked: Sequence[Passage]) -> list[Passage]:
    """The passages of ``ranked`` (best first) holding a table row whose whole label
    ``question`` names, the longest such label first, ties in ``ranked``'s order."""
    asked = content_stems(question)
    measure = {stem(word) for word in measure_words(question)}
    found: list[tuple[int, int, Passage]] = []
    for order, passage in enumerate(ranked):
        widths = [
            len(label)
            for line in passage.text.splitlines()
            if " \u2014 " in line
            and names_row(line, asked, set(), question)
            and _covers(label := _label_stems(line), measure)
        ]
        if widths:
            found.append((-max(widths), order, passage))
    found.sort(key=lambda item: item[:2])
    return [passage for _, _, passage in found[:MAX_ROW_HITS]]


# A sentence's first words: at a line's start (after a bullet) or after a full stop.
_SENTENCE_OPENING = re.compile(r"(?:^|(?<=[.;]\s))[-*\u2022\s]*([A-Z][^.;\n]{0,80})", re.M)

# How many opening words may come before the figure's verb ("Backlog at year end was").
_OPENING_WORDS = 4
# Words that open a sentence with something other than its subject ("With a backlog this
# deep, ...", "As backlog grew, ...").
_NOT_A_SUBJECT_WORDS = (
    "with in for at on as after despite while although though "
    "but and by from of to if when since because"
)
_NOT_A_SUBJECT = frozenset(_NOT_A_SUBJECT_WORDS.split())


def measure_led(question: str, ranked: Sequence[Passage]) -> list[Passage]:
    """The passages of ``ranked`` (best first) holding a sentence that opens with the
    measure the question asks and gives a figure ("Backlog at year end was $1.9bn, up 8%"
    for "How much did backlog grow?"): such a sentence is about that measure, though a
    long passage's other sentences outweigh it in both rankings."""
    measure = {stem(word) for word in measure_words(question)}
    if not measure:
        return []
    found = [passage for passage in ranked if _opens_with(passage.text, measure)]
    return found[:MAX_LED_HITS]


def _opens_with(text: str, measure: set[str]) -> bool:
    """Does a sentence of ``text`` give a figure and name every word of ``measure`` in its
    first few words, as its subject?"""
    for opening in _SENTENCE_OPENING.finditer(text):
        words = opening.group(1).split()
        if words[0].lower() in _NOT_A_SUBJECT or not any(c.isdigit() for c in opening.group(1)):
            continue
        if measure <= content_stems(" ".join(words[:_OPENING_WORDS])):
            return True
    return False


def _label_stems(row: str) -> set[str]:
    """The content words of a row's label ("Total assets": total, asset)."""
    return content_stems(label_words(row.partition(" \u2014 ")[0]))


def _covers(label: set[str], measure: set[str]) -> bool:
    """Does the label hold at least half the question's measure words? "Buses" is not what
    "how much revenue did the buses lose to the winter storms?" asks, only where."""
    return 2 * len(label & measure) >= len(measure)


__all__ = ["MAX_LED_HITS", "MAX_ROW_HITS", "measure_led", "named_rows"]
