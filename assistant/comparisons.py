"""Comparisons: which names or measures a question sets side by side ("X's growth vs Y's",
"Compare the heat-pump margin with the controls margin"). ``assistant.question`` splits such
a question into one part per side."""

from __future__ import annotations

import re

from assistant.cues import currency_rate_asked
from assistant.entities import Subject, names_in, normalise
from assistant.matching import without_sources
from assistant.measure_words import measure_words
from assistant.periods import periods
from assistant.synonyms import other_basis
from assistant.text import stem
from assistant.units import currency_named_at

_COMPARISON = re.compile(
    r"\b(?:compar\w*|versus|vs\.?|against|relative to|stack\w* up|than|differ\w*|both)\b"
    # "Which was more profitable, Buses or Coastal Rail?"
    r"|\bwhich\b[^?]*\b(?:more|less|higher|lower|bigger|larger|smaller|better|worse|faster"
    r"|slower|most|least|best|worst)\b[^?]*\bor\b"
    # "for Home Goods and for Clothing respectively": each name's figure on its own
    r"|\brespectively\b|\b(?:for|at)(?=\s+(?-i:[A-Z])[^?]*?\s+and\s+(?:for|at)\s+(?-i:[A-Z]))",
    re.I,
)


def owners_compared(question: str, subject: Subject | None) -> list[list[str]]:
    """The owners a comparison question sets side by side ("X's growth vs Y's"), each side a
    group of names: "against AWS and Microsoft's combined share" is one side of two names."""
    # A cue word capitalised inside a name ("Spot the Difference") compares nothing.
    if not any(m.group(0).islower() or m.start() == 0 for m in _COMPARISON.finditer(question)):
        return []
    owners: dict[str, str] = {}
    question = without_sources(question)
    mentions = names_in(question, subject.keys | subject.words if subject else frozenset())
    for m in mentions:
        key = "" if subject and subject.is_subject(m.text) else normalise(m.text)
        owners.setdefault(key, m.text)
    if len(owners) < 2:
        return []
    versus = _VERSUS.search(question)
    if versus:
        left = list(dict.fromkeys(m.text for m in mentions if m.start < versus.start()))
        right = list(dict.fromkeys(m.text for m in mentions if m.start >= versus.end()))
        # "Acme's share of European sales versus a year earlier": periods compared, no names
        if not right and _EARLIER_SIDE.match(question, versus.end()):
            return []
        # "Vandelay's EBIT forecast for Acme vs the consensus": a view against the street's,
        # not the broker against the company
        if not right and _EXPECTED_SIDE.match(question, versus.end()):
            return []
        # "AWS and Microsoft combined vs Acme": the grouped side is one owner, either side.
        if GROUPED.search(question, versus.end()) and left and len(right) >= 2:
            return [left, right]
        if GROUPED.search(question, 0, versus.start()) and right and len(left) >= 2:
            return [left, right]
    return [[name] for name in owners.values()]


def grouped_elsewhere(question: str, names: list[str]) -> bool:
    """Does "combined" stand on the other side of "against"/"versus" from ``names``?"""
    versus = _VERSUS.search(question)
    if versus is None:
        return False
    if all(0 <= question.find(n) < versus.start() for n in names):
        return GROUPED.search(question, versus.end()) is not None
    return GROUPED.search(question, 0, versus.start()) is not None


# "AWS and Microsoft's combined share": the names on that side own one figure together.
GROUPED = re.compile(r"\b(?:combined|together|jointly|joint|between them)\b", re.I)


_VERSUS = re.compile(
    r"\b(?:compar\w*\s+(?:with|to|against)|versus|vs\.?|against|relative to|than)\s+", re.I
)


# "Compare the heat-pump margin with the controls margin": the imperative names both sides.
COMPARE_FIRST = re.compile(r"^\W*(?:please\s+)?compare\s+.+?(\s+(?:with|to|against|and)\s+)", re.I)


# "... compared with the same period a year before", "vs a year ago": an earlier value of the
# same measure.
_EARLIER_SIDE = re.compile(
    r"\s*(?:the\s+)?(?:same\s+(?:period|quarter|half|months?|weeks?)|(?:prior|previous|last)"
    r"[\s-](?:year|period|quarter|half)|(?:a|one)\s+year\s+(?:ago|before|earlier)|year[\s-]ago)\b",
    re.IGNORECASE,
)


def earlier_side(side: str) -> bool:
    """Is a compared side the same measure's earlier value ("the same period a year
    earlier", "last year")?"""
    return bool(_EARLIER_SIDE.match(side))


# "... vs the company-compiled consensus", "against analysts' estimates": what was expected.
_EXPECTED_SIDE = re.compile(
    r"\s*(?:the\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:consensus|street|expectations?|estimates?)\b",
    re.I,
)
_ASKED_AFTER = re.compile(
    r"\s[-\u2013\u2014:]\s+|[?,;]\s+(?=(?:how|what|which|where|who)\b)", re.IGNORECASE
)


def compared_sides(question: str) -> tuple[str, str] | None:
    """ "grocery sales growth compare with general merchandise" -> the two sides."""
    match = _VERSUS.search(question) or COMPARE_FIRST.search(question)
    if match and match.re is COMPARE_FIRST:
        left, right = question[: match.start(1)], question[match.end(1) :]
        left = re.sub(r"^\W*(?:please\s+)?compare\s+", "", left, flags=re.I)
        return (left, right) if measure_words(left) and measure_words(right) else None
    if not match:
        return None
    if currency_named_at(question, match.end()):
        return None  # "a one-yen move against the dollar" is an exchange rate
    left, right = question[: match.start()], question[match.end() :]
    if _EARLIER_SIDE.match(right) and currency_rate_asked(question):
        # "the euro rate compared with the same period a year before": one measure, whose
        # currency a side would lose (a currency names no measure)
        return None
    # "food vs homeware in Q1 - how far apart were they on sales growth?": the question after
    # the two sides asks it of each.
    tail = _ASKED_AFTER.search(right)
    if tail and measure_words(right[tail.end() :]):
        shared = right[tail.end() :]
        left, right = f"{left.strip()} {shared}", f"{right[: tail.start()].strip()} {shared}"
    left = _named_alone(left, right)
    if not measure_words(left) or not measure_words(right):
        return None
    return _with_shared_measure(left, right), right


# A name alone ("Pumps", "North America") and a name that opens a measure's words.
_NAME_ONLY = re.compile(r"\W*[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,2}\W*")
_NAME_THEN_MEASURE = re.compile(r"\s*((?:[A-Z][\w&'-]*\s+)+)([a-z].*)$", re.S)
# Capitals that open a measure ("Operating profit"), not a name.
_MEASURE_OPENERS_WORDS = (
    "operating gross net adjusted underlying reported organic total free core basic diluted group"
)
_MEASURE_OPENERS = frozenset(_MEASURE_OPENERS_WORDS.split())


def _named_alone(left: str, right: str) -> str:
    """The left side with the right's measure where it is a name alone ("Pumps vs Acme
    Air operating margin": the pumps business' operating margin)."""
    named = _NAME_THEN_MEASURE.match(right)
    if not _NAME_ONLY.fullmatch(left) or not named or not measure_words(named.group(2)):
        return left
    if any(word.lower() in _MEASURE_OPENERS for word in named.group(1).split()):
        return left
    return f"{left.strip()} {named.group(2)}"


def _with_shared_measure(left: str, right: str) -> str:
    """The left side with the measure it shares with the right, where it names only another
    kind of it ("gaap vs adjusted operating margin": GAAP operating margin)."""
    mine, theirs = measure_words(left), measure_words(right)
    if len(mine) == 1 and len(theirs) >= 2 and other_basis(_stems(mine), _stems(theirs[:1])):
        return f"{left.rstrip()} {' '.join(theirs[1:])} "
    return left


def _stems(words: list[str]) -> frozenset[str]:
    return frozenset(stem(w.lower()) for w in words)


def period_sides(question: str) -> tuple[str, str] | None:
    """ "the fourth-quarter margin compare with the full year's" -> the two sides: one measure
    compared across periods of other lengths, a quarter's and a year's (the right side names
    a period and no measure; two years or two quarters are one part's business)."""
    match = _VERSUS.search(question)
    if not match:
        return None
    left, right = question[: match.start()], question[match.end() :]
    mine, theirs = _finest(periods(left)), _finest(periods(right))
    if not mine or not theirs or mine == theirs or _EARLIER_SIDE.match(right):
        return None
    if measure_words(re.sub(r"['\u2019]s\b", "", right)) or not measure_words(left):
        return None
    return left, right


def _finest(labels: set[str]) -> str:
    """The shortest period the labels name: "Q" (a quarter), "H" (a half), "Y" (a year), or
    "" for none ("Q1 2026" is a quarter's, though it names a year)."""
    grains = {p[0] if p[0] in "QH" else "Y" for p in labels if not p.startswith("Em")}
    return next((g for g in "QHY" if g in grains), "")


__all__ = [
    "COMPARE_FIRST",
    "GROUPED",
    "compared_sides",
    "earlier_side",
    "grouped_elsewhere",
    "owners_compared",
    "period_sides",
]
