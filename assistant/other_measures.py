"""Whether another passage's figure measures something else than the figure picked, so that
it is no "other value" of it: a narrower measure said in prose ("software and services
revenue" beside the row "Revenue"), another line item of the same document, or a forecast
row beside the actual asked. Read by :mod:`assistant.quotes`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.entities import Subject
from assistant.figures import Figure, find_figures
from assistant.heads import head_after
from assistant.measure_words import measure_words
from assistant.plan_cues import states_forecast
from assistant.tables import label_words
from assistant.text import TABLE_ROW, content_stems, stem

if TYPE_CHECKING:
    from assistant.evidence import EvidenceSentence

# Where a sentence's clause starts: the figure before it belongs to another clause.
_CLAUSE_BREAK = re.compile(r"[;:,]|\b(?:while|whereas|but)\b")


def narrower_in_prose(
    first: str,
    fig: Figure,
    other: tuple[str, Figure],
    asked: frozenset[str],
    subject: Subject | None,
) -> bool:
    """Does the other sentence's clause say the picked figure's measure (its row's label,
    "Revenue", or its own clause's, "net income was") with words of its own that the question
    does not ask ("software and services revenue rose 31.5% to €284 million", "net interest
    income was $0.9 billion"): a narrower or another measure, no other value of the picked?"""
    other_text, mine = other
    if TABLE_ROW.match(other_text):
        return False
    if _qualifies_noun_further(first, fig, other_text, mine, asked):
        return True  # "90,100 battery-electric vehicles" beside "401,200 vehicles"
    row = TABLE_ROW.match(first)
    if row and fig.start < row.end():
        return False
    said = label_words(row["label"]) if row else _clause_of(first, fig)
    label = {stem(w) for w in measure_words(said.lower())}
    clause = _clause_of(other_text, mine)
    theirs = {stem(w) for w in measure_words(_ASIDE.sub(" ", clause).lower())}
    named = content_stems(" ".join((subject.name, *subject.aliases))) if subject else set()
    label -= named
    # (a word of its own that the question asks, or its acronym in brackets, makes it the
    # nearer measure: "unit revenue (RASK)" asked as "rask" or "unit revenue")
    own = content_stems(clause) - label - named
    extra = theirs - label - named
    return bool(label) and label < theirs and bool(extra) and not own & asked


# Words that qualify a count without narrowing what is counted ("55 new stores").
_PLAIN_QUALIFIERS = frozenset(
    stem(w) for w in ("new", "further", "additional", "more", "total", "net", "gross", "own")
)


def _qualifies_noun_further(
    first: str, fig: Figure, other_text: str, mine: Figure, asked: frozenset[str]
) -> bool:
    """Does the noun after the other figure ("90,100 battery-electric vehicles") qualify the
    noun after the picked one ("401,200 vehicles") with words the question does not ask?"""
    head, their_head = (
        head_after(first, fig, frozenset()),
        head_after(other_text, mine, frozenset()),
    )
    if not head or stem(head) != stem(their_head):
        return False
    own, theirs = (_before_head(t, f, head) for t, f in ((first, fig), (other_text, mine)))
    return bool(theirs - own - asked - _PLAIN_QUALIFIERS)


def _before_head(sentence: str, fig: Figure, head: str) -> set[str]:
    """The stems of the words between ``fig`` and its noun ``head``."""
    after = sentence[fig.end :]
    at = after.lower().find(head.lower())
    return {stem(w) for w in measure_words(after[: max(at, 0)].lower())}


def _clause_of(sentence: str, fig: Figure) -> str:
    """The words of ``fig``'s clause before it: from the clause's start or, past an earlier
    figure and an "and", from there ("raised its OP forecast to JPY 31.5bn and net sales to
    JPY 268.0bn": "net sales to"); a move that names no measure, with the clause before it
    ("net interest income was $2.3 billion, up 6.1%")."""
    before = sentence[: fig.start]
    ends = [0, *(brk.end() for brk in _CLAUSE_BREAK.finditer(before))]
    start = ends[-1]
    if len(ends) > 1 and not measure_words(before[start:].lower()):
        start = ends[-2]  # "X was $1bn, up"
    clause = before[start:]
    for earlier in find_figures(sentence):
        joined = _AND.search(sentence, max(earlier.end, start), fig.start)
        if earlier.end <= fig.start and earlier.start >= start and joined:
            clause = sentence[joined.end() : fig.start]
    return clause


_AND = re.compile(r"\band\b")
_ASIDE = re.compile(r"\([^()]*\)")


def rows_apart(first: EvidenceSentence, second: EvidenceSentence) -> bool:
    """Are both table rows of one document whose labels name different measures ("Net cash
    provided by operating activities", "Cash and cash equivalents at end of period")? A
    document gives one line item one label, so they are two items, not two values of one.
    (Labels that name only a period, "Six months ended ...", leave the measure to a column.)"""
    rows = TABLE_ROW.match(first.display), TABLE_ROW.match(second.display)
    if not all(rows) or first.hit.passage.doc_id != second.hit.passage.doc_id:
        return False
    labels = (measure_words(label_words(r["label"]).lower()) for r in rows)
    mine, theirs = ({stem(w) for w in words} for words in labels)
    return bool(mine) and bool(theirs) and mine != theirs


def forecast_row(sentence: str) -> bool:
    """Is ``sentence`` a table row labelled a forecast ("Revised forecast (B) — ...")?"""
    row = TABLE_ROW.match(sentence)
    return bool(row and states_forecast(row["label"]))


__all__ = ["forecast_row", "narrower_in_prose", "rows_apart"]
