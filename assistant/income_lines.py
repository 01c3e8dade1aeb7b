"""Income of a kind: "net interest income", "fee income", "rental income" are lines of a
company's revenue, not the net income (its profit) a question asks for where it names no
such kind."""

from __future__ import annotations

import re

# The kinds of income a statement lists as revenue, by the word before "income".
_KINDS = (
    "interest",
    "noninterest",
    "non-interest",
    "fee",
    "fees",
    "commission",
    "trading",
    "rental",
    "investment",
    "insurance",
    "premium",
    "dividend",
    "royalty",
)
# The last "income" before a figure, with the word before it.
_LAST_INCOME = re.compile(r"\b([\w-]+)\s+income\b(?!.*\bincome\b)", re.I | re.S)


def income_of_another_kind(asked: frozenset[str], before: str) -> bool:
    """Does the question ask income (``asked``: its words, lower case) of no kind ("net
    income") where the text before a figure (``before``) last names income of a kind ("net
    interest income was $1.2 billion")?"""
    if "income" not in asked or asked & set(_KINDS) or "nii" in asked:
        return False
    last = _LAST_INCOME.search(before)
    return last is not None and last[1].lower() in _KINDS


__all__ = ["income_of_another_kind"]
