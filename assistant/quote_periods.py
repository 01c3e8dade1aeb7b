"""Whether another passage's value is of another period than a quote picked to answer: the
fourth quarter's beside the full year's, last year's results row beside this year's. Read by
``assistant.quotes`` for the "another passage gives" lines beside an answer."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.figure_periods import years_of
from assistant.figures import Figure, find_figures
from assistant.latest_year import asks_year_before
from assistant.periods import names_year, periods

if TYPE_CHECKING:
    from assistant.evidence import EvidenceSentence
    from assistant.quotes import QuoteReader


def dated_apart(
    reader: QuoteReader,
    first: tuple[EvidenceSentence, Figure],
    second: tuple[EvidenceSentence, Figure],
) -> bool:
    """Are two sentences' lead figures dated to periods neither of which is the other's (the
    fourth quarter's and the full year's, 2026's and 2025's)? Undated, they may agree; the
    other is kept where it is of the period the question asks and the first is not."""
    mine, theirs = reader.periods(*first), reader.periods(*second)
    years = years_of(mine), years_of(theirs)
    if not all(years):  # (the quarter ended 30 June beside "## Fiscal 2031 highlights")
        return bool(years[1]) and bool(_grains(mine)) and not _grains(theirs)
    wanted = frozenset(periods(reader.question))
    if wanted and _of_period(theirs, wanted) and not _of_period(mine, wanted):
        return False  # "fiscal 2026 EPS?": the year's $3.36 beside a fourth quarter's $0.89
    return not years[0] & years[1] or _parts(mine) != _parts(theirs)


def year_behind(
    reader: QuoteReader,
    leads: list[tuple[EvidenceSentence, Figure]],
    second: tuple[EvidenceSentence, Figure],
) -> bool:
    """Is the other value of years before the latest a picked quote is dated to, where the
    question names no year and asks none before ("Six months ended September 30, 2030" beside
    the same row of 2031)?"""
    question = reader.question
    if asks_year_before(question) or names_year(frozenset(periods(question))):
        return False
    theirs = [int(y) for y in years_of(reader.periods(*second))]
    if not theirs:
        return False  # (an undated other value is behind no year: no rows to scan for one)
    return max(theirs) < _latest_year(reader, leads)


def _latest_year(reader: QuoteReader, leads: list[tuple[EvidenceSentence, Figure]]) -> int:
    """The latest year the picked quotes' leads are dated to, read once per set of leads."""
    key = tuple((id(s), f.start) for s, f in leads)
    if key not in reader.latest_years:
        # (an undated lead, "rose 14.6% to ¥18,240 million", is dated by a row holding its value)
        dating = [
            (s, f)
            for s in reader.evidence.sentences
            for f in find_figures(s.display)
            if any(f.matches(lead) for _, lead in leads)
        ]
        reader.latest_years[key] = max(
            (int(y) for q, f in [*leads, *dating] for y in years_of(reader.periods(q, f))),
            default=0,
        )
    return reader.latest_years[key]


def _of_period(labels: frozenset[str], asked: frozenset[str]) -> bool:
    """Is a figure dated to the quarter or half (or the full year) and the years asked?"""
    same = _parts(asked) <= _parts(labels) and _grains(asked) == _grains(labels)
    return same and years_of(asked) <= years_of(labels)


def _parts(labels: frozenset[str]) -> frozenset[str]:
    return frozenset(p for p in labels if _PART.fullmatch(p))


def _grains(labels: frozenset[str]) -> frozenset[str]:
    return frozenset(p[0] for p in labels if _GRAIN.fullmatch(p))


_PART = re.compile(r"[QH][1-4]")  # a quarter or half of the year
_GRAIN = re.compile(r"[QH](?:[1-4*?]|m\d\d)")  # ... or some quarter or half


__all__ = ["dated_apart", "year_behind"]
