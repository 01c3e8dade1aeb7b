"""Questions that ask when, and the date a sentence gives them.

"When is the ferry due to enter service?" is answered by "scheduled to enter service in October
2027": the direct line is the date ("October 2027 [1]."), the sentence its quote. Of several
dates in a sentence ("announced on 12 May 2026 and running until 30 April 2027"), the
one whose words before it are the question's.
"""

from __future__ import annotations

import re

from assistant.text import content_stems

_WHEN = re.compile(
    r"^\W*(?:and\s+|so\s+)?(?:when\b|(?:on\s+)?what\s+(?:date|day|month|year)\b|by\s+when\b)"
    r"|\bwhat(?:'s|\s+is|\s+was)\s+the\s+date\b",
    re.I,
)
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"\b{_YEAR}-\d\d-\d\d\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+{_YEAR}\b"
    rf"|\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
    rf"|\b(?:(?:early|mid|late|end)[\s-]+)?{_MONTH}\s+{_YEAR}\b"
    rf"|\b(?:the\s+)?(?:first|second|third|fourth)\s+(?:quarter|half)\s+of\s+{_YEAR}\b"
    rf"|\b(?:[1-4]Q|Q[1-4]|H[12]|[12]H)\s?'?(?:{_YEAR}|\d\d)\b"
    rf"|\b(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+{_YEAR}\b"
    rf"|\b{_YEAR}\b",
)


def asks_when(question: str) -> bool:
    """Does the question ask for a date ("when ...?", "what's the date on ...?")?"""
    return bool(_WHEN.search(question))


_THE_DATE = re.compile(
    r"\bwhat(?:'s|\s+is|\s+was)\s+the\s+date\b|^\W*(?:on\s+)?what\s+date\b", re.I
)


def asks_date(question: str) -> bool:
    """Does the question ask for a date by that word ("what's the date on the note ...?"),
    whatever else it names? ("When ... and by how much?" may ask a figure too.)"""
    return bool(_THE_DATE.search(question))


def date_phrase(sentence: str, question: str) -> str:
    """The date of ``sentence`` that answers ``question`` ("" if it gives none): the one
    after the most of the question's words, the first of equals."""
    asked = content_stems(question)
    best, best_overlap = "", -1
    for found in _DATE.finditer(sentence):
        before = sentence[max(0, found.start() - 60) : found.start()]
        overlap = len(asked & content_stems(before))
        if overlap > best_overlap:
            best, best_overlap = found.group(0), overlap
    return best


__all__ = ["asks_date", "asks_when", "date_phrase"]
