"""Which numbers of a text are figures it states: not years, dates inside period labels
("FY26/27") or lengths of time ("over the 12 weeks", "the next 12 months")."""

from __future__ import annotations

import re

from assistant.figures import Figure, find_figures, is_duration
from assistant.periods import period_spans

_TIME_WINDOW = re.compile(r"\b(?:next|last|past|previous|coming|trailing)\s+$", re.IGNORECASE)
_WINDOW_UNIT = re.compile(r"\s+(?:months?|weeks?|days?)\b", re.IGNORECASE)


# "what were the two figures?", "the two margins": a number word after "the" points at
# things, it states no figure.
_THE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)


def stated_figures(text: str) -> list[Figure]:
    """The figures ``text`` states: not years, dates inside period labels ("FY26/27"),
    lengths of time ("over the 12 weeks") or things pointed at ("the two margins")."""
    return [
        f
        for f in find_figures(text)
        if f.kind != "year"
        and not in_period(text, f)
        and not is_duration(text, f)
        and not (f.text.isalpha() and _THE_BEFORE.search(text, 0, f.start))
    ]


def in_period(text: str, fig: Figure) -> bool:
    """A number inside a period label ("2025/26", "FY25") or a window of time ("the next 12
    months") is a date, not a figure."""
    if _TIME_WINDOW.search(text[: fig.start]) and _WINDOW_UNIT.match(text, fig.end):
        return True
    return any(start <= fig.start and fig.end <= end for start, end in period_spans(text))


_MARKER_AFTER = re.compile(r"\d{1,3}(?:\s+[\u2014\u2013-]\s|[.)]\s)")


def is_list_marker(sentence: str, start: int) -> bool:
    """A number opening a note or list item ("13 — Panel data ...", "2. Risks") is no claim."""
    return not sentence[:start].strip() and bool(_MARKER_AFTER.match(sentence, start))


__all__ = ["in_period", "is_list_marker", "stated_figures"]
