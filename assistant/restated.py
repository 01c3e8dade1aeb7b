"""A figure that restates the one before it: the same sum in other words, or its earlier value.

"RMB 380 billion (about US$53 billion)" gives one sum in two currencies; "an impairment of
NZ$10.4 million before tax (NZ$7.5 million after tax)" gives one charge on two bases; "EBIT
to EUR 441m (from EUR 528m)" gives the value it moved from. The second figure measures what
the first one does, so it takes the first one's words.
"""

from __future__ import annotations

import re

from assistant.figures import Figure
from assistant.text import stem

_RESTATED = re.compile(
    r"\s*\(\s*(?:(?P<hedge>about|approximately|approx\.|around|roughly|some|c\.|~|or|equal to"
    r"|equivalent to)\s*)?$",
    re.IGNORECASE,
)
# "EBIT to EUR 441m (from EUR 528m)": the value the figure moved from, of the same measure.
_MOVED_FROM = re.compile(r"\s*\(\s*(?:from|previously:?|previous:?|prior:?)\s*", re.I)
_BEFORE_TAX = re.compile(r"\s+(?:before|pre)[\s-]tax\s*\(\s*", re.IGNORECASE)
_AFTER_TAX = re.compile(r"\s*(?:after|post)[\s-]tax\b", re.IGNORECASE)
# The words that say the first figure is before tax, which the one after tax is not.
BEFORE_TAX_WORDS = frozenset(stem(w) for w in ("before", "pre"))


def restates(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` ``first`` restated in brackets ("RMB 380 billion (about US$53 billion)")?
    A bracketed figure with a label ("(2025/26: £1,036m)") is another figure."""
    if first.kind != "money" or second.kind != "money":
        return False
    between = _RESTATED.fullmatch(sentence[first.end : second.start])
    return between is not None and (
        bool(between.group("hedge")) or first.currency != second.currency
    )


def value_moved_from(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` the earlier value of ``first``, in brackets after it ("EUR 441m (from
    EUR 528m)")? It measures what ``first`` does, and nothing the sentence says after it."""
    between = sentence[first.end : second.start]
    return first.kind == second.kind and _MOVED_FROM.fullmatch(between) is not None


def after_tax_of(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` ``first`` after tax ("NZ$10.4 million before tax (NZ$7.5 million after
    tax)")?"""
    return (
        first.kind == second.kind == "money"
        and _BEFORE_TAX.fullmatch(sentence, first.end, second.start) is not None
        and _AFTER_TAX.match(sentence, second.end) is not None
    )


__all__ = ["BEFORE_TAX_WORDS", "after_tax_of", "restates", "value_moved_from"]
