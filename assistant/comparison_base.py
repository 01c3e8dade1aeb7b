"""What a move is measured against: a year before, or the quarter before.

"How much did the margin widen from a year ago?" is not answered by "up 5 basis points from
3.05% in the second quarter", the move from the quarter before, even when the same sentence
goes on to give the move from a year earlier. :func:`asked_base` reads the base a question
names; :func:`stated_base` the base a figure's own clause names; either may name none, and
then any figure may answer.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.figures import Figure

Base = Literal["year", "quarter"]

_YEAR_BASE = re.compile(
    r"\b(?:a|one|the)\s+year\s+(?:ago|earlier|before)|\byear[\s-](?:on|over)[\s-]year\b"
    r"|\byoy\b|\by/y\b|\b(?:from|vs\.?|versus|than|against|on|over|compared\s+(?:with|to))\s+"
    r"(?:the\s+|a\s+)?(?:prior|previous|last|year-ago)[\s-]year(?:'s)?\b",
    re.IGNORECASE,
)
_QUARTER_BASE = re.compile(
    r"\bq/q\b|\bqoq\b|\bquarter[\s-](?:on|over)[\s-]quarter\b|\bsequential(?:ly)?\b"
    r"|\blinked[\s-]quarter\b|\b(?:the\s+)?(?:prior|previous|preceding|last)\s+quarter(?:'s)?\b"
    # "widen from the second quarter" (not "from the second quarter of last year": a year's)
    r"|\bfrom\s+(?:the\s+)?(?:(?:first|second|third|fourth)\s+quarter|Q[1-4])\b"
    r"(?!\s+(?:of\s+|in\s+)?(?:(?:last|the\s+prior|the\s+previous|a)\s+year|(?:FY\s?)?(?:19|20)?\d\d\b))",
    re.IGNORECASE,
)
# A figure's base follows "from" / "versus" / "compared with": "from 3.05% in the second
# quarter"; a quarter named elsewhere ("rose 7 bps in the third quarter") is its period.
_FROM_QUARTER = re.compile(
    r"\b(?:from|vs\.?|versus|compared\s+(?:with|to)|against|over)\s+[^;,]*?"
    r"\b(?:(?:first|second|third|fourth)\s+quarter|Q[1-4]|(?:prior|previous|preceding|last)\s+"
    r"quarter)\b",
    re.IGNORECASE,
)
# Where the words about one figure end: the next clause, or the next move joined by "and".
_CLAUSE_END = re.compile(r"[;,]|\s+and\s+|\s+while\s+|\s+but\s+")
_SPAN = 90


def asked_base(question: str) -> Base | None:
    """The base a question measures its move against, if it names one."""
    year, quarter = _YEAR_BASE.search(question), _QUARTER_BASE.search(question)
    if bool(year) == bool(quarter):
        return None  # neither, or both ("q/q and y/y"): any base answers
    return "year" if year else "quarter"


# "the cost ratio in the preceding quarter": the quarter before is the period asked,
# not a move's base ("last quarter" is the latest one).
_QUARTER_BACK = re.compile(
    r"\b(?:in|for|during|of|at\s+the\s+end\s+of)\s+the\s+(?:prior|previous|preceding|linked)"
    r"[\s-]+quarter\b",
    re.IGNORECASE,
)


def asks_quarter_back(question: str) -> bool:
    """Does the question ask a value of the quarter before the latest one?"""
    return bool(_QUARTER_BACK.search(question))


def quarters_of(labels: frozenset[str]) -> set[tuple[int, int]]:
    """The (year, quarter) pairs a figure's period labels name ({"Q2", "2026"}: (2026, 2))."""
    return {
        (int(year), int(q[1]))
        for q in labels
        if q[:1] == "Q" and q[1:].isdigit()
        for year in labels
        if year.isdigit()
    }


def quarter_before(dated: list[frozenset[str]]) -> tuple[int, int] | None:
    """The quarter before the latest that ``dated`` (figures' period labels) name, as (year,
    quarter); None where no figure names a quarter of a year."""
    quarters = set().union(*(quarters_of(labels) for labels in dated))
    if not quarters:
        return None
    year, quarter = max(quarters)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def stated_base(sentence: str, figure: Figure) -> Base | None:
    """The base the words right after ``figure`` name ("up 5 bps from 3.05% in the second
    quarter": the quarter), up to the end of its clause; None where they name none."""
    after = sentence[figure.end : figure.end + _SPAN]
    end = _CLAUSE_END.search(after)
    own = after[: end.start()] if end else after
    if _YEAR_BASE.search(own):
        return "year"
    if _QUARTER_BASE.search(own) or _FROM_QUARTER.search(own):
        return "quarter"
    return None


def other_base(asked: Base | None, sentence: str, figure: Figure, header: str = "") -> bool:
    """Is ``figure`` a move against another base than the one asked, by its own words or
    by its table cell's ``header`` ("Change q/q (bps): 7")?"""
    if asked is None:
        return False
    stated = asked_base(header) or stated_base(sentence, figure)
    return stated is not None and stated != asked


__all__ = [
    "Base",
    "asked_base",
    "asks_quarter_back",
    "other_base",
    "quarter_before",
    "quarters_of",
    "stated_base",
]
