"""Figures stated as a floor or a cap ("a payout ratio of 40% or more", "leverage of 2.5x or
lower") or as a condition ("leverage sustained below 2.5x", "an upgrade trigger of a margin
above 7%"): a policy's or a rating's bound, which answers a question about the bound but
ranks below the value itself when the question asks what it was or will be. ("More than
£350 million" of guidance is the guidance itself, and stays as it is.)"""

from __future__ import annotations

import re

from assistant.figures import Figure

_BOUND_AFTER = re.compile(r"\s+or\s+(?:more|higher|above|greater|less|lower|below)\b", re.I)
# "sustained above 7%": a level held for long, a condition set, not one reached.
_SUSTAINED_BEFORE = re.compile(r"\bsustained\s+(?:above|below|over|under)\s+\Z", re.I)
# "above 7%" in a sentence about what would trigger an action ("the upgrade trigger is ...").
_TRIGGER = re.compile(r"\b(?:triggers?|thresholds?|sensitivit(?:y|ies))\b", re.I)
_ABOVE_BEFORE = re.compile(r"\b(?:above|below|over|under)\s+\Z", re.I)

# Questions about a bound itself: "the minimum payout", "the upgrade trigger", "at least".
BOUND_ASKED = re.compile(
    r"\b(?:at\s+least|at\s+most|minimum|maximum|floor|ceiling|cap|threshold|triggers?|policy"
    r"|no\s+(?:more|less)\s+than|sustained|(?:above|below|over|under)\s+what|at\s+what\s+level"
    r"|upgrad\w*|downgrad\w*)\b",
    re.I,
)


def is_bound(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` stated as a floor or a cap ("or more", "or lower" after it) or as a
    condition ("sustained above" before it, or "above" in a sentence about a trigger)?"""
    before = sentence[: fig.start]
    return bool(
        _BOUND_AFTER.match(sentence, fig.end)
        or _SUSTAINED_BEFORE.search(before)
        or (_ABOVE_BEFORE.search(before) and _TRIGGER.search(sentence))
    )


def bound_apart(question: str, other: tuple[str, Figure], picked: list[tuple[str, Figure]]) -> bool:
    """Is the other passage's figure a bound ("sustained above 7%", "every loan above $10
    million") beside picked values that are none, where the question asks no bound: no
    other value of theirs?"""
    text, fig = other
    bound = is_bound(text, fig) or bool(_ABOVE_BEFORE.search(text[: fig.start]))
    return (
        bool(picked)
        and bound
        and not BOUND_ASKED.search(question)
        and not any(is_bound(t, f) for t, f in picked)
    )


__all__ = ["BOUND_ASKED", "bound_apart", "is_bound"]
