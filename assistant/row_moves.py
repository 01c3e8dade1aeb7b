"""How a table row's cells move between its columns' years.

A rendered row ("Free cash flow — FY25: 8,193; FY26: 11,372; Change: 3,179") holds one
measure for several years: :func:`row_direction` says which way the measure moved, from
either cell; :func:`later_cell` and :func:`row_later` find the later year's cell;
:func:`in_change_cell` says whether a cell sits under a change header ("YoY: 2.9%");
:func:`period_columns` whether every column is a period, and :func:`column_order` orders them.
"""

from __future__ import annotations

import itertools
import re

from assistant.amounts import magnitude
from assistant.comparison_base import asked_base, other_base
from assistant.cues import CHANGE_CUE
from assistant.expectations import FORECAST_YEAR
from assistant.figures import RATE_KINDS, Figure, find_figures
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.prior_year import asks_prior_year
from assistant.restated import level_moved_to

# A cell whose column header says it is a change ("YoY: 2.9%", "Change FY: 13.0%"): its sign
# is its direction.
_CHANGE_HEADER = re.compile(
    r"\b(?:yoy|y/y|q/q|qoq|h/h|hoh|change|growth|vs\.?)(?:\s*\((?:bps|pts|pp|%)\))?"
    r"(?:\s+[\w/]{1,6})?\s*:\s*$",
    re.I,
)


def in_change_cell(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` a cell under a change header ("YoY: 2.9%", "Change q/q (bps): 10")?"""
    return bool(_CHANGE_HEADER.search(sentence[max(0, fig.start - 20) : fig.start]))


# "how did X do?", "how bad was clothing?": a judgement of a move, answered by a change cell.
_JUDGED = re.compile(r"\b(?:how|bad|good|well|poor\w*|weak\w*|strong\w*|worse|better)\b", re.I)
# "how much were staff costs?" asks an amount, not a judgement.
_HOW_MUCH = re.compile(r"\bhow\s+(?:much|many)\b", re.I)


def unasked_moves(question: str, change: bool, row: str, figures: list[Figure]) -> set[str]:
    """The change column's cells among ``figures`` ("Segment profit % change: 10.8"), and a
    sentence's change before the level it reached ("Staff costs rose 6.0% to €120 million"),
    where the question asks no move or judgement ("What segment profit did Acme make?",
    "how much were staff costs?"), so that the levels answer first."""
    if change or _JUDGED.search(_HOW_MUCH.sub(" ", question)):
        return set()
    reached = {a.text for a, b in itertools.pairwise(figures) if level_moved_to(row, a, b)}
    return {fig.text for fig in figures if in_change_cell(row, fig)} | reached


# "What's the CET1 ratio?", "what was net income?": a level, plainly asked.
_WHAT_IS = re.compile(r"^\W*what(?:['\u2019]s|\s+(?:is|was|are|were)\b)", re.I)


def level_cell_rank(question: str, change: bool, row: str, fig: Figure) -> int:
    """0 for a change column's cell asked a level plainly ("What's the CET1 ratio?" is 10.8%,
    not "Change q/q (bps): 10"); 1 else ("how bad was clothing?" may be its change)."""
    return int(change or not _WHAT_IS.match(question) or not in_change_cell(row, fig))


def change_cell_rank(question: str, change: bool, row: str, fig: Figure) -> int:
    """How well a cell answers a change asked by its change column: the column of the
    comparison asked first ("year on year": "Change y/y", not "q/q"; none asked: year on
    year); 0 for any other cell, and for every cell when no change is asked."""
    # (a change in money, "Change: 3,179", is no rate of change)
    if not change or not in_change_cell(row, fig) or fig.kind not in RATE_KINDS:
        return 0
    # (with no base asked, the year-earlier one: a headline change is year on year)
    base = asked_base(question) or "year"
    return 1 if other_base(base, row, fig, cell_header(row, fig)) else 2


def cell_header(row: str, fig: Figure) -> str:
    """The header of ``fig``'s cell ("FY26: " of "Free cash flow — FY25: 8,193; FY26: ...")."""
    return row[max(row.rfind(";", 0, fig.start), row.rfind("\u2014", 0, fig.start)) + 1 : fig.start]


def _latest_year(header: str) -> int:
    return max((int(p) for p in periods(header) if p.isdigit()), default=0)


def later_cell(row: str, held: Figure, question: str) -> Figure | None:
    """In a table row, the same measure's cell for a later year than ``held``'s, when the
    question names no year of its own that ``held`` is for ("margin rose to 15.6% in Q4"
    of "Q4 FY26: 14.9%; Q4 FY25: 15.6%")."""
    if "\u2014" not in row:
        return None
    mine = cell_header(row, held)
    measure, year = measure_words(mine), _latest_year(mine)
    asked = {int(p) for p in periods(question) if p.isdigit()}
    if not year or year in asked or asks_prior_year(question):
        return None
    actual = not FORECAST_YEAR.search(mine)
    for fig in find_figures(row):
        header = cell_header(row, fig)
        if fig.kind != held.kind or measure_words(header) != measure or not header.strip():
            continue
        if actual and FORECAST_YEAR.search(header):
            continue  # "FY31A: 14.5; FY32F: 16.2": a forecast is no later actual
        if _latest_year(header) > year and fig.value != held.value:
            return fig
    return None


def _row_cells(row: str, held: Figure) -> list[tuple[int, Figure]]:
    """In a table row, the cells of ``held``'s measure and kind for other years, with their
    years; none for a row of percentages under bare periods ("Grocery — Q1: 4.1%; Q1: 2.9%"),
    which may be growth rates: a lower one is slower growth, not a fall."""
    if "\u2014" not in row:
        return []
    mine = cell_header(row, held)
    measure, year = measure_words(mine), _latest_year(mine)
    if not year or (held.kind in RATE_KINDS and not measure):
        return []
    cells = []
    for fig in find_figures(row):
        header = cell_header(row, fig)
        if fig.kind != held.kind or measure_words(header) != measure or not header.strip():
            continue
        other = _latest_year(header)
        if other and other != year and fig.value != held.value:
            cells.append((other - year, fig))
    return cells


def row_later(row: str, held: Figure) -> Figure | None:
    """The row's latest cell of ``held``'s measure, when ``held`` is an earlier year's."""
    later = [(gap, fig) for gap, fig in _row_cells(row, held) if gap > 0]
    return max(later, key=lambda cell: cell[0])[1] if later else None


def row_direction(row: str, held: Figure) -> str | None:
    """In a table row, the way the measure moved between its columns: "Operating margin
    FY26: 12.3%; Operating margin FY25: 11.6%" says it rose, from either cell."""
    cells = _row_cells(row, held)
    earlier = [fig for gap, fig in cells if gap < 0]
    if earlier:
        return "up" if held.value > earlier[0].value else "down"
    later = row_later(row, held)
    return None if later is None else ("up" if later.value > held.value else "down")


def column_order(labels: frozenset[str]) -> int:
    """Year, then month ("As of September 30, 2026" after "As of March 31, 2026"), to order
    a row's columns by."""
    year = max((int(p) for p in labels if p.isdigit()), default=0)
    month = max(
        (int(p[2:]) for p in labels if p[:2] in ("Em", "Qm") and p[2:].isdigit()), default=0
    )
    return year * 100 + month


def period_columns(sentence: str) -> bool:
    """Is ``sentence`` a rendered table row whose every column header names a period?"""
    _, dash, cells = sentence.partition(" \u2014 ")
    headers = [cell.partition(": ")[0] for cell in cells.split("; ")] if dash else []
    return bool(headers) and all(": " in cells and periods(h) for h in headers)


# "8.5 cents (FY25: 7.5 cents)", "4.5 cents per share (FY25 final: 4.0 cents)", "1.7x (31
# December 2025: 1.4x)": a prior period's value.
_EARLIER_ASIDE = re.compile(r"(?:\s+(?:per|a)\s+share)?\s*\(\s*([^():]{2,40}?):\s*")
# "(prior-year period: 63.8%)", "(previous year: 1.4x)": an earlier period named by when.
_EARLIER_LABEL = re.compile(
    r"^(?:the\s+)?(?:prior|previous|preceding|last)(?:[\s-]+(?:year|period|quarter|half))+$"
    r"|^(?:a\s+)?year\s+(?:earlier|ago|before)$|^same\s+period\s+(?:of\s+)?last\s+year$"
    r"|^(?:previously|formerly)$",  # "(previously: at least €160 million)": the old value
    re.I,
)
# "(previously: at least €160 million)": a bound may stand before the earlier value.
_BOUND = re.compile(r"(?:at\s+least|more\s+than|less\s+than|about|around|over|up\s+to)\s+", re.I)


def aside_earlier(sentence: str, held: Figure) -> Figure | None:
    """The earlier period's value written in brackets after a figure, of its kind ("7.5
    cents" of "the full-year dividend to 8.5 cents (FY25: 7.5 cents)")."""
    aside = _EARLIER_ASIDE.match(sentence, held.end)
    if aside is None or not (periods(aside.group(1)) or _EARLIER_LABEL.search(aside.group(1))):
        return None
    bound = _BOUND.match(sentence, aside.end())
    start = bound.end() if bound else aside.end()
    earlier = next((f for f in find_figures(sentence) if f.start == start), None)
    return earlier if earlier is not None and earlier.kind == held.kind else None


# "how did it do?", "how did sales perform?", "by how much was that up?": a move asked
# without a move's verb (the question's words, read out of order).
_PERFORMED = frozenset({"do", "doing", "perform", "performed", "fare", "fared", "going", "trend"})
_MOVED = frozenset({"up", "down", "higher", "lower", "difference", "vs", "versus", "compared"})


def level_of_a_period(words: frozenset[str], asked: frozenset[str], year_back: bool) -> bool:
    """Does a question (its ``words``, the periods ``asked``) ask a level of a period or of
    the year before ("FY30 EPS?", "EPS in the quarter to June?", "EPS in the prior year?"),
    which a change column comparing two periods does not give?"""
    if CHANGE_CUE.search(" ".join(words)) or words & (_PERFORMED | _MOVED):
        return False
    # ("debt at end-June vs end of December?" sets two periods side by side: the change)
    years = {p[-4:] for p in asked if p[-4:].isdigit()}
    # (two of a grain: "Q2" and "Q3", "Em03" and "Em09"; not "Q2" and "Qm06", one quarter)
    grains = [re.sub(r"\d", "", p) for p in asked if p[:1] in "QHEM" and p[-1] not in "*?"]
    two = len(years) > 1 or len(grains) > len(set(grains))
    return year_back or (bool(asked) and not two)


# "(previous assumption: $1.30)", "(prior guidance: $2.1bn)": an earlier value labelled by
# the measure it is an earlier value of.
_EARLIER_MEASURE = re.compile(
    r"^(?:previous|prior|original|old|earlier)\s+(?P<measure>[a-z][a-z -]*)$"
)


def aside_measure(sentence: str, held: Figure) -> str:
    """The measure an earlier value's label names after ``held``: "assumption" of "$1.35
    (previous assumption: $1.30)". ``held`` is a value of that measure too."""
    aside = _EARLIER_ASIDE.match(sentence, held.end)
    label = _EARLIER_MEASURE.match(aside.group(1).strip().lower()) if aside else None
    return label.group("measure") if label else ""


def bracketed_after(sentence: str) -> dict[Figure, Figure]:
    """Each figure of ``sentence`` with an earlier value in brackets after it, and that value."""
    return {f: e for f in find_figures(sentence) if (e := aside_earlier(sentence, f))}


def as_bracketing(answering: frozenset[str], earlier: dict[Figure, Figure]) -> frozenset[str]:
    """``answering`` with each bracketed earlier value read as the figure it follows: "load
    factor in Q3?" of "88.4% (Q3 2025: 87.9%)", with no year asked, is 88.4%."""
    moved = {f.text for f, e in earlier.items() if e.text in answering}
    return (answering - {e.text for e in earlier.values()}) | moved


def aside_direction(sentence: str, held: Figure) -> str | None:
    """The way a figure moved from the earlier value in brackets after it, if any."""
    earlier = aside_earlier(sentence, held)
    if earlier is None or earlier.value == held.value:
        return None
    return "up" if held.value > earlier.value else "down"


# "fall to 3.4%", "reached 12%": the figure is the level the move ended at.
_LEVEL_BEFORE = re.compile(r"\b(?:to|at|reach\w*|hit)\s+(?:about\s+|around\s+)?$", re.I)


def signed_move(question: str, fig: Figure, row: str, held: Figure) -> tuple[str, str] | None:
    """Which way a figure the question gives as a move ("the 14.2% decline in fuel sales")
    went, by its sign, in a table row of rates that holds a negative cell, and the words that
    say so: such a row's rates are moves ("Fuel — Q1 30: (9.8)%; Q1 31: 14.2%": it rose
    14.2%), not levels. None elsewhere."""
    if held.kind != "percent" or " \u2014 " not in row or held.value <= 0:
        return None
    if _LEVEL_BEFORE.search(question, 0, fig.start):
        return None  # "fell to 3.4%": a level
    cells = find_figures(row.partition(" \u2014 ")[2])
    if not any(cell.kind == "percent" and cell.value < 0 for cell in cells):
        return None
    return "up", f"The sources say it rose {magnitude(held)}, not fell"


# "By how much did it raise its FY28 forecast?": the size of a forecast's revision, asked
# outright.
_SIZE_ASKED = re.compile(r"\bby\s+how\s+(?:much|far)\b", re.I)
_REVISED = re.compile(r"\b(?:forecasts?|estimates?|projections?|guidance|targets?)\b", re.I)


def level_for_move_size(question: str, sentence: str, fig: Figure) -> bool:
    """Is ``fig`` an amount in a row of periods ("EBITDA (NZ$m) — FY27F: 267.5; FY28F: 284.0"),
    where the question asks by how much a forecast was revised? Such a row states the years'
    levels, no revision. (A row of actual levels still says which way a measure moved.)"""
    asked = _SIZE_ASKED.search(question) and _REVISED.search(question)
    # (a row of rates may be the moves: "Fuel — Q3: (9.0)%; Q4: (10.1)%")
    level = fig.kind not in RATE_KINDS and not in_change_cell(sentence, fig)
    return bool(asked) and level and period_columns(sentence)


__all__ = [
    "as_bracketing",
    "aside_direction",
    "aside_earlier",
    "bracketed_after",
    "cell_header",
    "change_cell_rank",
    "column_order",
    "in_change_cell",
    "later_cell",
    "level_cell_rank",
    "level_for_move_size",
    "level_of_a_period",
    "period_columns",
    "row_direction",
    "row_later",
    "signed_move",
    "unasked_moves",
]
