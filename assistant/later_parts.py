"""What a later part of a two-part question takes from the part before it: its period where
it names none ("in Q1, what did sales total and how much did they grow?"), its measure where
it names none or names it again ("... and by how much did it raise that forecast?"), and the
things counted where it asks "how many more"."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.cues import CHANGE_CUE
from assistant.entities import names_in
from assistant.focus import QuestionFocus
from assistant.measure_words import StemBag
from assistant.text import stem
from assistant.value_questions import asks_old_value

# "how many passengers did ...": the noun counted.
COUNTED = re.compile(r"\bhow\s+many\s+(?!more\b|of\b)([a-z][a-z\-]*)", re.IGNORECASE)
# "... and how many more are planned?": more of the things the part before counts.
_MORE_OF_IT = re.compile(
    r"\s*(?:and\s+)?how\s+(?:many|much)\s+(?:more|further|else)\s+(?:is|are|was|were|will|have"
    r"|has|do|does|did)\b",
    re.IGNORECASE,
)
# "that forecast", "this margin", "the same figure": a measure named again.
_THAT_MEASURE = re.compile(r"\b(?:that|this|the\s+same)\s+([a-z][a-z-]*)\b", re.IGNORECASE)


# "..., and how much from the second quarter?": the move before, from another base.
_HOW_MUCH_FROM = re.compile(
    r"^\s*(?:and\s+)?(?:how\s+much|by\s+how\s+much)\s+(?P<base>(?:from|since|vs\.?|versus|"
    r"against|compared\s+(?:with|to)|on)\s+[^?]+)\??\s*$",
    re.IGNORECASE,
)


def move_asked_again(piece: str, prior: str) -> str:
    """A later piece that asks the move before from another base, with no verb of its own
    ("How much did revenue grow from a year ago, and how much from the second quarter?"),
    asked in the earlier piece's words: "How much did revenue grow from the second quarter";
    other pieces as they are."""
    again, moved = _HOW_MUCH_FROM.match(piece), CHANGE_CUE.search(prior)
    if again is None or moved is None:
        return piece
    return f"{prior[: moved.end()]} {again['base'].strip()}"


def shared_periods(
    before: list[QuestionFocus], after: list[QuestionFocus], whole: QuestionFocus
) -> frozenset[str]:
    """The period a part that names none shares: the nearest earlier part's ("in Q1, what
    did sales total and how much did they grow?"); a later part's own period is its own
    ("how big was the cut, and what did revenue do in the March quarter?")."""
    for focus in reversed(before):
        if focus.periods:
            return focus.periods
    if any(focus.periods for focus in after):
        return frozenset()
    return whole.periods


def taken_from_before(
    piece: str, focus: QuestionFocus, prior: QuestionFocus, prior_text: str
) -> QuestionFocus:
    """``focus`` of a later ``piece`` with what it takes from the part before (``prior``,
    asked as ``prior_text``): the measure, where the piece names none or names it again,
    with its words and the places that qualify it ("... at Harlow, and how much did it
    change?" asks a share's move there); or the things counted ("how many more?")."""
    if not focus.measures or _same_measure_again(piece, focus, prior):
        # (its words too: "how much did it change?" of "share of passengers" is a share's)
        words = focus.words | frozenset(prior.phrase.lower().split())
        focus = replace(focus, measures=prior.measures, phrase=prior.phrase, words=words)
        if not focus.qualifiers and not names_in(piece):
            focus = replace(focus, qualifiers=prior.qualifiers)
        return focus
    if prior.measures and focus.measures <= _BASIS_ONLY and focus.measures & _BASES:
        # "..., and what was the organic rate?": the measure before, on that basis
        kept = StemBag(prior.measures | (focus.measures & _BASES))
        basis = [w for w in focus.phrase.split() if stem(w.lower()) in _BASES]
        words = focus.words | frozenset(prior.phrase.lower().split())
        phrase = " ".join([*basis, prior.phrase])  # "organic orders"
        return replace(focus, measures=kept, phrase=phrase, words=words)
    counted = COUNTED.search(prior_text) if _MORE_OF_IT.match(piece) else None
    if counted is None:
        return focus
    # "how many stores ..., and how many more are planned?": more of the same things.
    noun = counted.group(1).lower()
    measures = StemBag(focus.measures | {stem(noun)})
    return replace(focus, measures=measures, phrase=f"{noun} {focus.phrase}".strip())


# A basis of a measure ("organic", "underlying"), and words that name no measure beside it.
# ("like-for-like" is read as its initials, "lfl")
_BASES = frozenset(stem(w) for w in ("organic", "underlying", "adjusted", "reported", "lfl"))
_BASIS_ONLY = _BASES | frozenset(stem(w) for w in ("rate", "growth", "figure", "number", "basis"))


def _same_measure_again(piece: str, focus: QuestionFocus, prior: QuestionFocus) -> bool:
    """Does the piece name the part before it again, by a word of its measure after "that",
    "this" or "the same" ("What EBITDA does the broker forecast, and by how much did it raise
    that forecast?"), and no other measure?"""
    again = _THAT_MEASURE.search(piece)
    if again is None:
        # "..., and what was the original forecast?": the old value of the forecast before,
        # named by fewer of its words.
        fewer = _fewer_of_its_words(focus.measures, prior.measures)
        return (fewer or focus.measures <= _PLAN_STEMS) and asks_old_value(piece)
    return stem(again.group(1).lower()) in prior.measures and focus.measures <= prior.measures


# "..., and what was the previous guidance?": the plan for the measure asked before.
_PLAN_STEMS = frozenset(
    stem(w) for w in ("guidance", "guide", "forecast", "estimate", "outlook", "projection")
)


def _fewer_of_its_words(piece: frozenset[str], prior: frozenset[str]) -> bool:
    """Does the piece name the measure before by fewer of its words ("the previous guidance"
    of "capacity growth ... guide")?"""
    return len(piece) < len(prior) and all(any(w[:4] == p[:4] for p in prior) for w in piece)


__all__ = ["COUNTED", "move_asked_again", "shared_periods", "taken_from_before"]
