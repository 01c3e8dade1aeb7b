"""What answers a question for one unit's price ("the share price", "avg buyback price", "EPS").

A price is an amount for one unit: never a sum in millions, nor a count of shares, nor a share
in the sense of a portion ("a 33% market share"), which only shares the word. (A rate may
answer: "how did the share price do?", "the discount rate behind the price target".)
"""

from __future__ import annotations

import re

from assistant.cues import COUNT_CUE, asks_movement, asks_unit_price
from assistant.measures import FigureContext
from assistant.portions import is_portion

MILLION = 1_000_000  # no price of one unit is this large: such a sum is a total
# Kinds that count a sum or a number of things ("3.2 million shares").
_SUMS = frozenset({"money", "number"})


def not_a_price(ctx: FigureContext, question: str) -> bool:
    """Does the question ask one unit's price, which the figure is not: a sum, a count of
    millions (unless a count is asked too: "how many shares, and at what price?") or a
    portion?"""
    if not asks_unit_price(question):
        return False
    sums = _SUMS - ({"number"} if COUNT_CUE.search(question) else set())
    if ctx.figure.kind in sums and abs(ctx.figure.value) >= MILLION:
        return True  # "the share price": not "€61.8 million" of shares bought back
    if ctx.figure.kind in ("percent", "points") and _PRICE_ASKED.search(question):
        return not asks_movement(question)  # "at what average price?": not "hedged 86%"
    return is_portion(ctx)


# "at what price", "what average price": a price itself asked, which no rate is.
_PRICE_ASKED = re.compile(r"\bwhat\s+(?:(?:average|avg|unit)\s+)?price\b", re.I)


__all__ = ["MILLION", "not_a_price"]
