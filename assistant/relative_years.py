"""Which of a sentence's figures a year named relative to now asks for.

"This year" in a broker's table is its first forecast column ("FY26E"), unless asked in the
past tense; "next year" is the latest year the sentence names, where it names several
("hedged 78% of its fourth-quarter fuel needs and 55% of its expected requirement for 2027":
55%), or the figure whose own clause says "next year".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.measures import FigureContext
from assistant.periods import names_year
from assistant.plan_cues import asks_actual

_THIS_YEAR = re.compile(r"\b(?:this|the\s+current)\s+(?:fiscal\s+|financial\s+)?year\b", re.I)
# "FY26E: 441", "2027E New: 1,704" (a broker's column of its new estimates).
_FORECAST_CELL = re.compile(r"\d\d[EF](?:\s+[A-Za-z]+)?\s*:?\s*$|\b(?:estimate|forecast)", re.I)
_NEXT_YEAR = re.compile(
    r"\b(?:next|coming|following)\s+(?:fiscal\s+|financial\s+)?(?:year|yr)\b"
    r"|\bthe\s+year\s+ahead\b",
    re.I,
)


def asks_this_year(question: str) -> bool:
    """Does the question ask this year's figure of a broker's table, its first forecast
    column? Asked in the past tense ("What was EPS this year?"), it asks the year reported."""
    words = frozenset(re.findall(r"[a-z]+", question.lower()))
    return bool(_THIS_YEAR.search(question)) and not asks_actual(words)


def forecast_cell(zone: str) -> bool:
    """Is the figure after ``zone`` a forecast column's ("FY26E: 441")?"""
    return bool(_FORECAST_CELL.search(zone))


def _year(periods: frozenset[str]) -> int:
    """The figure's own year, or 0 where it names none or is a quarter's or a half's."""
    if any(p.startswith(("Q", "H")) for p in periods):
        return 0
    return max((int(p) for p in periods if p.isdigit()), default=0)


def year_ahead_ranks(
    question: str, asked: frozenset[str], contexts: Sequence[FigureContext]
) -> list[int]:
    """For "next year" asked with no year named: 2 for a figure whose own clause says "next
    year", 1 for one of the latest year the sentence's figures name (where another names an
    earlier period or none), 0 for the rest; all 0 for any other question."""
    if not _NEXT_YEAR.search(question) or names_year(asked):
        return [0] * len(contexts)
    years = [_year(c.periods) for c in contexts]
    latest = max(years, default=0)
    mixed = latest and any(y != latest for y in years)
    return [
        2 if _says_next_year(contexts, i) else int(bool(mixed) and y == latest)
        for i, y in enumerate(years)
    ]


def _says_next_year(contexts: Sequence[FigureContext], i: int) -> bool:
    """Does "next year" stand by the figure: in its zone, or after it before the next one?"""
    ctx = contexts[i]
    end = contexts[i + 1].figure.start if i + 1 < len(contexts) else len(ctx.sentence)
    return bool(_NEXT_YEAR.search(f"{ctx.zone} {ctx.sentence[ctx.figure.end : end]}"))
