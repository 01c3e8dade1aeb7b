"""What a ratio question asks per unit: "ancillary revenue per passenger" (per passenger),
"what did the average passenger spend?" (likewise), "dividend per share" (the dividend,
counted per share)."""

from __future__ import annotations

import re

from assistant.figures import SHARE_CLASS
from assistant.measure_words import StemBag
from assistant.text import STOPWORDS, stem

# ("per diluted share" is counted per share)
_PER = re.compile(rf"\bper\s+(?:{SHARE_CLASS}\s+)?([a-z]{{3,}})\b", re.I)
# "How much did the average passenger spend?": a sum per passenger.
_AVERAGE_ONE = re.compile(
    r"\baverage\s+([a-z]{3,})\s+(?:spend|spent|pay|paid|earn|earned|generate|generated)\b", re.I
)
_COUNTED_PER = re.compile(rf"\b([A-Za-z][a-z]+)\s+per\s+(?:{SHARE_CLASS}\s+)?([a-z]{{3,}})\b", re.I)


def per_unit(question: str) -> str:
    """The stem of what a ratio is asked per ("ancillary revenue per passenger", "what did the
    average passenger spend")."""
    found = _PER.search(question) or _AVERAGE_ONE.search(question)
    return stem(found.group(1).lower()) if found and found.group(1).lower() not in STOPWORDS else ""


def counted_per_unit(question: str, measures: StemBag, unit: str) -> str:
    """The stem of the measure noun a ratio is asked of ("dividend" of "dividend per
    share"), where it is one of the question's measure words and ``unit`` its unit."""
    found = _COUNTED_PER.search(question)
    if not unit or not found or stem(found.group(2).lower()) != unit:
        return ""
    if found.group(1).isupper():
        return ""  # "EPS per diluted share": an acronym that is itself the ratio
    counted = stem(found.group(1).lower())
    return counted if counted in measures else ""


__all__ = ["counted_per_unit", "per_unit"]
