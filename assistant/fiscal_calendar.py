"""Which numbered quarter a quarter named by its month is, in a corpus's fiscal calendar.

"The December quarter" is the fourth quarter where the fiscal year is the calendar year and
the second where it starts in July, so on its own it fits any numbered quarter asked. A
corpus often says which: a dated document whose title names one numbered quarter ("Acme
Foods Reports Fourth Quarter 2025 Results", 5 February 2026) reports the last quarter that had
ended by its date, and the quarters its documents name by month ("the December quarter")
say which months end quarters. Where the corpus says so without contradiction,
:func:`quarter_calendar` maps each quarter-end month to its number, and :func:`numbered`
gives a month-named quarter that number, so "What was the margin in Q1?" is not answered
by the December quarter's figure.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from assistant.periods import periods

_NUMBERED = re.compile(r"Q[1-4]")
_QUARTER = re.compile(r"\bquarter", re.I)
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
# A quarter named by its month may close days before the month does (52-53 week years: "the
# 13 weeks to 27 December") and be reported before the month is out.
_SLACK = timedelta(days=10)


def quarter_calendar(titled: Iterable[tuple[str, str]], texts: Iterable[str]) -> dict[int, int]:
    """Quarter-end month -> fiscal quarter number, learnt from documents' (title, ISO date)
    pairs and the corpus's texts; empty where the corpus does not say, or contradicts itself."""
    months = {int(p[2:]) for line in _quarter_lines(texts) for p in periods(line) if p[:2] == "Qm"}
    families = {m % 3 for m in months}
    if len(families) != 1:
        return {}
    family = families.pop()
    anchors = {a for title, when in titled if (a := _anchor(title, when, family)) is not None}
    if len(anchors) != 1:
        return {}
    month, number = anchors.pop()
    ends = [m for m in range(1, 13) if m % 3 == family]
    return {m: (number - 1 + (m - month) // 3) % 4 + 1 for m in ends}


def _quarter_lines(texts: Iterable[str]) -> Iterator[str]:
    """Lines that speak of a quarter: "April to June 2026" alone is a span of months (a
    survey's), not a fiscal quarter."""
    for text in texts:
        yield from (line for line in text.splitlines() if _QUARTER.search(line))


def _anchor(title: str, when: str, family: int) -> tuple[int, int] | None:
    """(month the quarter ended, its number) for a dated title naming one numbered quarter."""
    labels = periods(title)
    numbers = {p for p in labels if _NUMBERED.fullmatch(p)}
    found = _ISO_DATE.match(when or "")
    if len(numbers) != 1 or any(p.startswith("Qm") for p in labels) or not found:
        return None
    try:
        latest = date(*map(int, found.groups())) + _SLACK
    except ValueError:
        return None
    year, month = latest.year, latest.month
    while month % 3 != family or date(year, month, _last_day(year, month)) > latest:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return month, int(numbers.pop()[1])


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def numbered(labels: frozenset[str], quarters: dict[int, int]) -> frozenset[str]:
    """``labels`` with a month-named quarter ("Qm09", "Q*") given its number ("Q3") where the
    corpus's calendar is known."""
    if not quarters or "Q*" not in labels:
        return labels
    numbers = {
        f"Q{quarters[m]}" for p in labels if p.startswith("Qm") and (m := int(p[2:])) in quarters
    }
    if len(numbers) != 1:
        return labels
    return (labels - {"Q*"}) | numbers


def with_quarter_end(labels: frozenset[str], quarters: dict[int, int]) -> frozenset[str]:
    """A figure's ``labels`` with the month its numbered quarter ends ("Q3": "Em09"), where the
    corpus's calendar is known: "Total deposits were $38.7 billion" in a third-quarter release
    is a balance at the end of September, not an answer to "deposits at the end of June?"."""
    ends = {number: month for month, number in quarters.items()}
    found = {
        f"Em{ends[n]:02d}" for p in labels if _NUMBERED.fullmatch(p) and (n := int(p[1])) in ends
    }
    if len(found) != 1 or any(p.startswith("Em") for p in labels):
        return labels
    return labels | found


__all__ = ["numbered", "quarter_calendar", "with_quarter_end"]
