"""Figures stated as a floor or a cap after them ("a payout ratio of 30% or more", "leverage
of 2.0x or lower"): a policy's bound, which answers a question about the bound but ranks
below the value itself when the question asks what it was or will be. ("More than £500
million" of guidance is the guidance itself, and stays as it is.)"""

from __future__ import annotations

import re

from assistant.figures import Figure

_BOUND_AFTER = re.compile(r"\s+or\s+(?:more|higher|above|greater|less|lower|below)\b", re.I)

# Questions about a bound itself: "the minimum payout", "the upgrade trigger", "at least".
BOUND_ASKED = re.compile(
    r"\b(?:at\s+least|at\s+most|minimum|maximum|floor|ceiling|cap|threshold|triggers?|policy"
    r"|no\s+(?:more|less)\s+than|sustained)\b",
    re.I,
)


def is_bound(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` stated as a floor or a cap: "or more", "or lower" after it?"""
    return bool(_BOUND_AFTER.match(sentence, fig.end))


__all__ = ["BOUND_ASKED", "is_bound"]
