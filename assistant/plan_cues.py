"""Cues of plans and forecasts: whether a text forecasts ("expects", "guidance", "FY27E"),
whether a question asks a forecast or what happened ("what was EPS?"), and whether a figure
is a forecast offered for an actual.
"""

from __future__ import annotations

import re

from assistant.expectations import FORECAST_YEAR

# "did Acme make", "what was reported": a question about what happened; "expected to land
# in the £940-1,020mn range" is a forecast of it, not what it was.
_ASKS_ACTUAL = re.compile(
    r"\b(?:did|made|earned|reported|posted|delivered|generated|achieved|booked|was|were|last)\b",
    re.I,
)
# "What was the consensus?", "what were the 2027 estimates?": what was expected, in the past.
_ASKS_EXPECTED = re.compile(
    r"\b(?:estimat\w*|consensus|street|analysts?|model\w*|plan\w*|budget\w*|aim\w*|goals?"
    r"|ambitions?|will|would|expectations?|implied|implies|imply|projection\w*)\b",
    re.I,
)
_FORECAST = re.compile(
    # (not "in line with expectations" or "beat consensus": a comparison with a forecast)
    r"\b(?:expect(?:s|ing)?|expected\s+to|guid(?:ance|e|ed|es|ing)|forecast(?:s|ing|ed)?"
    r"|outlook|projected|target(?:s|ed|ing)?|assum(?:es?|ed|ing|ptions?))\b",
    re.I,
)


# "intends to run CET1 toward 11.0%", "aims for a 40% payout": a level meant, not reached.
_INTENT = re.compile(r"\b(?:intend(?:s|ed|ing)?\s+to|aim(?:s|ed|ing)?\s+(?:to|for|at))\b", re.I)


def states_forecast(text: str) -> bool:
    """Does ``text`` forecast ("expects", "guidance", "expected to", "targets")?"""
    return bool(_FORECAST.search(text))


def asks_forecast(question: str) -> bool:
    """Does the question ask a forecast, guidance or someone's estimate ("What does the broker
    see for EBITDA?"), so that a table's estimate column may answer it?"""
    return bool(_FORECAST.search(question) or _ASKS_EXPECTED.search(question)) or bool(
        re.search(r"\b(?:brokers?|sees?|pencil\w*|next|ahead|coming)\b", question, re.I)
    )


# Words of a figure planned, not reached: a forecast's, an intent's, a column's ("FY27E").
_PLANNED = re.compile(
    rf"{_FORECAST.pattern}|{_INTENT.pattern}|{_ASKS_EXPECTED.pattern}"
    rf"|{FORECAST_YEAR.pattern}|\bplans?\b|\bsee(?:s|ing)?\b",
    re.I,
)


def states_plan(text: str, heading: str = "") -> bool:
    """Does ``text`` (or its ``heading``) say its figures are planned, forecast or estimated?
    A heading speaks by its first clause: a section named for the plan ("Outlook 2026"), not
    a headline's aside ("Sales steady; outlook raised")."""
    named = re.split(r"[;,:]|\s[\u2013\u2014-]\s", heading, maxsplit=1)[0]
    return bool(_PLANNED.search(f"{named} {text}"))


def states_intent(text: str) -> bool:
    """Does ``text`` state a level meant, not reached ("intends to run its capital ratio
    toward 12%", "targets a 40% payout")?"""
    return bool(_INTENT.search(text) or _TARGET.search(text))


_TARGET = re.compile(r"\btarget(?:s|ed|ing)?\b", re.I)


def asks_actual(question_words: frozenset[str]) -> bool:
    """Do the question's words ask what happened ("what was", "did it make"), not what was
    expected of it?"""
    asked = " ".join(sorted(question_words))
    expected = _FORECAST.search(asked) or _ASKS_EXPECTED.search(asked)
    return bool(_ASKS_ACTUAL.search(asked) and not expected)


def forecast_for_actual(question_words: frozenset[str], near: str) -> bool:
    """Does the question (its words) ask what happened and the words near the figure
    forecast it?"""
    meant = _FORECAST.search(near) or _INTENT.search(near)
    return bool(meant) and asks_actual(question_words)


# A company's own guidance, not an analyst's forecast of the same figure.
_GUIDANCE = re.compile(r"\bguid(?:ance|e|ed|es|ing)\b", re.I)


def guidance_beside_source(question: str, sources_asked: bool, near: str, picked: str) -> bool:
    """Does a question that asks a source's forecast ("According to Initech, what EBITA does
    it forecast?") meet the company's guidance (``near``, the words before another value)
    where the picked quote is no guidance? The range the company gave is not the broker's."""
    if not sources_asked or _GUIDANCE.search(question) or _GUIDANCE.search(picked):
        return False
    return bool(_GUIDANCE.search(near))


__all__ = [
    "asks_actual",
    "asks_forecast",
    "forecast_for_actual",
    "guidance_beside_source",
    "states_forecast",
    "states_intent",
    "states_plan",
]
