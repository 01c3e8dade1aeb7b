"""A figure restated in brackets: the same sum in other words.

"RMB 380 billion (about US$53 billion)" gives one sum in two currencies; "an impairment of
NZ$10.4 million before tax (NZ$7.5 million after tax)" gives one charge on two bases. The
bracketed figure measures what the first one does, so it takes the first one's words.
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


def after_tax_of(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` ``first`` after tax ("NZ$10.4 million before tax (NZ$7.5 million after
    tax)")?"""
    return (
        first.kind == second.kind == "money"
        and _BEFORE_TAX.fullmatch(sentence, first.end, second.start) is not None
        and _AFTER_TAX.match(sentence, second.end) is not None
    )


__all__ = ["BEFORE_TAX_WORDS", "after_tax_of", "restates"]
