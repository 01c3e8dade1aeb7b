"""A period a question sets its figure against by name, and that period's value in a row.

"How did the full-year margin compare with fiscal 2025?" asks this year's margin beside
FY2025's: fiscal 2025 is the base, not the period asked. "How does Q1 growth compare with Q4
of last year?" wants last year's fourth quarter beside it, not last year's first; "By how much
did the margin widen from the second quarter?" asks the latest quarter's move from Q2.
:func:`named_base` finds such a base, :func:`without_named_base` takes it out of the words
that say which period is asked, and :func:`base_cell` finds the base's cell in a table row.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.entities import names_in
from assistant.figure_periods import labels_year_before
from assistant.figures import Figure, find_figures
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.row_moves import cell_header

# "compare with fiscal 2025", "vs Q4 of last year", "than in the second quarter", "from Q2":
# the words after it up to the clause's end or the period a "from ... to" move ends in.
_BASE = re.compile(
    r"\b(?:compared?\s+(?:with|to)|compares\s+(?:with|to)|versus|vs\.?|than|against"
    r"|relative\s+to|from)\s+(?:that\s+(?:in|of|for)\s+|(?:in|for)\s+)?"
    r"(?P<base>[^,;?]{1,40}?)(?=\s+to\s|\s*[,;?]|\s*$)",
    re.I,
)
# "the same period last year", "the prior quarter": an earlier value other rules read.
# ("Q1 last year vs Q1 this year": the later period set against, no base before it)
_UNNAMED = re.compile(
    r"\b(?:same|prior|previous|preceding|year[\s-]ago|this|current|latest|now)\b", re.I
)
# ... but "the same quarter of 2024" names its year: a base like "Q2 2024".
_SAME_OF_YEAR = re.compile(r"\bsame\s+(?:\w+\s+){1,2}?(?:of|in)\s+(?:FY\s?)?\d{4}\b", re.I)
_LAST_YEAR = re.compile(r"\b(?:last|the\s+prior|the\s+previous)\s+(?:year|yr)\b", re.I)
_YEARS = re.compile(r"^(?:FY)?\d{4}$")


@cache  # (read for every sentence a part is fitted to, by compares_with_earlier)
def named_base(question: str) -> str | None:
    """The period the question sets its figure against by name ("fiscal 2025", "Q4 of last
    year", "the second quarter"), or None where it names none (or names a measure there:
    "compared with the controls margin" is another side, not a base)."""
    for found in _BASE.finditer(question):
        base = found.group("base")
        # ("compare with Home Goods in Q1": another side, by its name)
        unnamed = _UNNAMED.search(base) and not _SAME_OF_YEAR.search(base)
        if periods(base) and not (measure_words(base) or names_in(base) or unnamed):
            return base.strip()
    return None


def without_named_base(question: str) -> str:
    """``question`` less the base it names, where the rest still says what is asked."""
    base = named_base(question)
    if base is None:
        return question
    rest = question.replace(base, " ", 1)
    return rest if measure_words(rest) else question


def base_cell(row: str, fig: Figure, base: str) -> tuple[Figure, str] | None:
    """In a table row, the cell of the period ``base`` names, beside ``fig``'s, and its
    header: "2025/26 Q4" for "Q4 of last year" beside "2026/27 Q1"; None where no one cell
    is that period's."""
    if "\u2014" not in row:
        return None
    named = periods(base)
    parts = {p for p in named if not _YEARS.match(p)}  # "Q4", "H1"
    years = named - parts
    if not years and _LAST_YEAR.search(base):
        own = frozenset(p for p in periods(cell_header(row, fig)) if _YEARS.match(p))
        years = set(labels_year_before(own) or ())
    if _is_base(periods(cell_header(row, fig)), parts, years):
        return None  # the figure is the base's own ("capex fy26 vs fy25?" asked of FY25)
    cells = [
        cell
        for cell in find_figures(row)
        if cell.start != fig.start
        and cell.kind == fig.kind
        and _is_base(periods(cell_header(row, cell)), parts, years)
    ]
    if len(cells) != 1:
        return None  # none, or several ("Q4" of two years): no one base
    return cells[0], cell_header(row, cells[0]).strip().removesuffix(":").strip()


def _is_base(labels: set[str], parts: set[str], years: set[str]) -> bool:
    """Do a column's period ``labels`` name the base: its quarter or half (and no other: "Q4
    FY25" is no base "fy25") in its years?"""
    return (parts | years) <= labels and {p for p in labels if not _YEARS.match(p)} == parts


__all__ = ["base_cell", "named_base", "without_named_base"]
