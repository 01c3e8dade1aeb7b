"""One side of a ratio is no measure of its own: a "price/earnings ratio" is no price, "net
debt to EBITDA of 2.5x" no net debt. Read by ``assistant.measure_fit``."""

from __future__ import annotations

import re

from assistant.measure_words import word_stems
from assistant.text import stem

# "price/earnings", "loan/deposit": two measures set over each other name one ratio.
_SLASHED = re.compile(r"\b([A-Za-z]{3,})/([A-Za-z]{3,})\b")


# "net debt to EBITDA", "loan to deposit": a measure set over another by "to", which a ratio's
# bases are.
_TO_BASE = re.compile(
    r"\b((?:net\s+|total\s+)?[A-Za-z]{3,})\s+to\s+((?:adjusted\s+|underlying\s+)?"
    r"(?:ebitda|ebita|ebit|earnings|equity|capital|assets|deposits?|sales|revenues?))\b",
    re.I,
)


def one_side_of_a_ratio(asked: frozenset[str], clause: str) -> bool:
    """Is one side of a ratio written with a slash all the question shares with the clause,
    or the first side of one written with "to"? That side alone names another measure: a
    "price/earnings ratio" is no price, "net debt to EBITDA of 2.5x" no net debt."""
    for ratio in _SLASHED.finditer(clause):
        sides = {stem(ratio[1].lower()), stem(ratio[2].lower())}
        rest = clause[: ratio.start()] + " " + clause[ratio.end() :]
        if len(asked & sides) == 1 and not asked & set(word_stems(rest)):
            return True
    for ratio in _TO_BASE.finditer(clause):
        first, base = set(word_stems(ratio[1])), set(word_stems(ratio[2]))
        rest = clause[: ratio.start()] + " " + clause[ratio.end() :]
        if asked & first and not asked & base and not asked & set(word_stems(rest)):
            return True
    return False


__all__ = ["one_side_of_a_ratio"]
