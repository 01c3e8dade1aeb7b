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
    r"|\blinked[\s-]quarter\b|\b(?:the\s+)?(?:prior|previous|preceding|last)\s+quarter(?:'s)?\b",
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


__all__ = ["Base", "asked_base", "other_base", "stated_base"]
