"""Which evidence texts are not of the latest year, for a question that names none.

A results table's prior-year row ("Six months ended September 30, 2025") is not what "How
much did operating profit grow?" asks; nor, of a question about what happened, a forecast
("now models 2027 growth of 3.5%") or a broker row's estimate column ("2027E New: 1,482").
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.expectations import FORECAST_YEAR
from assistant.figure_periods import periods_at
from assistant.figures import find_figures
from assistant.periods import names_year, periods
from assistant.plan_cues import asks_forecast, states_forecast
from assistant.prior_year import asks_prior_year
from assistant.text import MONTHS

_MONTHS = "|".join(MONTHS)
# "the biggest gain since October 2024": a year that dates a comparison, not the figure.
_SINCE = re.compile(rf"\bsince\s+(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\b", re.I)
# Of a question: "since December", "since the end of 2025": the period a move is measured
# from, not the period asked.
_SINCE_ASKED = re.compile(r"\bsince\s+(?:the\s+(?:end|start)\s+of\s+)?[^,;?]{1,30}", re.I)
# "an ambition to plant a million trees by 2035": a deadline, not a year reported.
_DEADLINE = re.compile(rf"\bby\s+(?:the\s+end\s+of\s+)?(?:(?:{_MONTHS})\s+)?(?:19|20)\d\d\b", re.I)


# "change from a year earlier", "up on the year before": the base of a move, not its period.
_FROM_YEAR_BEFORE = re.compile(
    r"\b(?:from|on|over|versus|vs\.?|against|compared\s+(?:with|to))\s+(?:a|the|one)\s+year"
    r"\s+(?:ago|earlier|before)",
    re.I,
)


def asks_year_before(question: str) -> bool:
    """Does the question ask a figure of the year before ("a year ago?"), not the latest move
    against it ("how did it change from a year earlier?")?"""
    return asks_prior_year(question) and not _FROM_YEAR_BEFORE.search(question)


def without_start_point(question: str) -> str:
    """``question`` without the period a move is measured from ("since December")."""
    return _SINCE_ASKED.sub(" ", question)


def behind_latest(
    question: str, texts: list[str], asked: frozenset[str] | None = None
) -> list[bool]:
    """Which texts state only years before the latest that any of them states, for a
    question that names no year (``asked``: its periods, if read already) and does not ask
    for the year before: a results table's prior-year row ("Six months ended September 30,
    2025") is not what it asks; nor, of a question about what happened, a forecast."""
    asked = frozenset(periods(question)) if asked is None else asked
    if asks_year_before(question) or names_year(asked):
        return [False] * len(texts)
    years, forward = _years(question, texts)
    latest = max((y for y, ahead in zip(years, forward, strict=True) if not ahead), default=0)
    # "Our 2027E EPS rises to $4.92": of what happened, a forecast of a later year ranks after.
    return [
        0 < year < latest or (ahead and year > latest)
        for year, ahead in zip(years, forward, strict=True)
    ]


def latest_reported(question: str, texts: list[str]) -> int:
    """The latest year the texts report a figure of (0: none), a forecast's year aside: what
    "a year ago" counts back from ("promised further growth in 2027" reports none). A year
    one text alone names ("some 40% of FY32 diesel is still unhedged") is latest only where no
    year is named twice."""
    texts = [t for t in texts if any(f.kind != "year" for f in find_figures(t))]
    years, forward = _years(question, texts)
    named = Counter(y for y, ahead in zip(years, forward, strict=True) if y and not ahead)
    return max((y for y, n in named.items() if n > 1), default=max(named, default=0))


# Labels of a part of a year that does not end it ("H1", "Q3", "9M"): a year still under way.
_PART_OF_YEAR = re.compile(r"^(?:Q[1-3]|H1|M\d+|M\*|Qm\d\d|Q\*)$")


def last_full_year(texts: list[str]) -> int:
    """The latest full year the texts report as done (0: none known): "full-year EBIT last
    year?" of a third-quarter 2031 release asks 2030's. A year reported whole ("fiscal year
    2030", "FY30A: 733", "full-year 2030") counts, and so does the year before one reported
    only in part ("H1 2031"); years of plans and forecasts do not ("spend between 2031 and
    2033")."""
    whole, partial = 0, 0
    for text in (_ESTIMATE_CELL.sub(" ", t) for t in texts):
        if _forecasts(text):
            continue
        labels = periods(text)
        years = [int(p) for p in labels if p.isdigit()]
        if any(_PART_OF_YEAR.match(p) for p in labels):
            partial = max(partial, *years, 0)
        elif "FY" in labels or any(p.startswith("FY") for p in labels):
            whole = max(whole, _whole_year(labels, years))
    return max(whole, partial - 1, 0)


def _whole_year(labels: set[str], years: list[int]) -> int:
    """The year a full-year text reports: its fiscal year's ("FY2026" of "2025/26"), else its
    earliest ("18.03.2031 Acme reports full-year results 2030": the date is when, not what)."""
    fiscal = [int(p[2:]) for p in labels if p.startswith("FY") and p[2:].isdigit()]
    return max(fiscal, default=min(years, default=0))


def _years(question: str, texts: list[str]) -> tuple[list[int], list[bool]]:
    """Each text's latest year, and whether it forecasts, for this question."""
    texts = [_DEADLINE.sub(" ", _SINCE.sub(" ", t)) for t in texts]
    # Of a question about what happened, a forecast ("expects 2027 growth of 3%") or a broker
    # row's estimate column ("2027E: 1,482") is no later year: this year's actuals are latest.
    actual = not asks_forecast(question)
    if actual:
        texts = [_ESTIMATE_CELL.sub(" ", t) for t in texts]
    years = [max((int(p) for p in periods_at(t, -1) if p.isdigit()), default=0) for t in texts]
    return years, [actual and _forecasts(t) for t in texts]


def _forecasts(text: str) -> bool:
    return states_forecast(text) or bool(_FORECAST_WORDS.search(text) or FORECAST_YEAR.search(text))


# Words for a forecast: a broker's ("lifted his 2027 estimates", "now models 2027 growth") or
# anyone's ("should yield about $20 million once it is complete in fiscal 2032").
_FORECAST_WORDS = re.compile(
    r"\b(?:estimates?|models?|projects|pencils?)\b"
    r"|\b(?:should|will|would)\s+(?:\w+ly\s+)?(?:yield|deliver|generate|bring|add|save|produce"
    r"|reach|rise|grow|fall|be\s+complete)\b"
    # "will merge two plants during FY32", "due for delivery in FY32", "scheduled to"
    r"|\bwill\s+(?:\w+ly\s+)?\w+|\bdue\s+(?:to|for|in)\b|\bscheduled\s+(?:to|for)\b",
    re.I,
)
# A rendered table row's cell under an estimate column: "2026E New: 1,630; ", "FY27F: 4.9".
_ESTIMATE_CELL = re.compile(rf"(?<=[\u2014;] ){FORECAST_YEAR.pattern}[^;]*;?")


__all__ = ["behind_latest", "last_full_year", "latest_reported", "without_start_point"]
