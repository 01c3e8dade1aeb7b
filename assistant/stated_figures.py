"""Which numbers of a text are figures it states: not years, dates inside period labels
("FY26/27") or lengths of time ("over the 16 weeks", "the next 12 months")."""

from __future__ import annotations

import re

from assistant.figures import Figure, find_figures, is_duration
from assistant.periods import period_spans

_TIME_WINDOW = re.compile(r"\b(?:next|last|past|previous|coming|trailing)\s+$", re.IGNORECASE)
_WINDOW_UNIT = re.compile(r"\s+(?:months?|weeks?|days?)\b", re.IGNORECASE)


def stated_figures(text: str) -> list[Figure]:
    """The figures ``text`` states: not years, dates inside period labels ("FY26/27") or
    lengths of time ("over the 16 weeks")."""
    return [
        f
        for f in find_figures(text)
        if f.kind != "year" and not in_period(text, f) and not is_duration(text, f)
    ]


def in_period(text: str, fig: Figure) -> bool:
    """A number inside a period label ("2025/26", "FY25") or a window of time ("the next 12
    months") is a date, not a figure."""
    if _TIME_WINDOW.search(text[: fig.start]) and _WINDOW_UNIT.match(text, fig.end):
        return True
    return any(start <= fig.start and fig.end <= end for start, end in period_spans(text))


__all__ = ["in_period", "stated_figures"]
