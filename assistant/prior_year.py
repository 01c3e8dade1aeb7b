"""Whether a question asks for the year before the latest ("last year", "a year ago")."""

from __future__ import annotations

import re

# "last year", "a year ago", "twelve months earlier": the year before the latest.
_PRIOR_YEAR = re.compile(
    r"\b(?:last|previous|prior)[\s-](?:financial\s+|fiscal\s+)?(?:year|yr)\b(?!['\u2019]s\s+same)"
    r"|\b(?:a|one)\s+(?:year|yr)\s+(?:ago|earlier|before)\b|\b(?:year|yr)[\s-]ago\b"
    r"|\b(?:twelve|12)\s+months\s+(?:ago|earlier|before)\b"
    r"|\bthe\s+year\s+before\b",
    re.I,
)


def asks_prior_year(question: str, last: bool = True) -> bool:
    """Does the question ask for the year before the latest ("Q1 last year", "a year ago")?
    With ``last`` False, "last year" does not count: it often means the latest year itself."""
    said = (m.group().lower() for m in _PRIOR_YEAR.finditer(question))
    return any(last or not phrase.startswith("last") for phrase in said)


__all__ = ["asks_prior_year"]
