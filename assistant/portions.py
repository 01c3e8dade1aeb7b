"""Figures that are a portion of something ("a 21% market share", "18.5% of its deliveries").

A portion of a measure is not the measure: "bev deliveries" asks how many were delivered, not
what share of all deliveries they were, unless the question asks a share, a percentage or a
mix. And a share as a portion is no company's stock ("share price").
"""

from __future__ import annotations

import re
from functools import cache

from assistant.directions import is_move
from assistant.measures import FigureContext
from assistant.text import TABLE_ROW, stem

# A share as a portion ("a 33% market share", "its share of sales"), not a company's stock.
_PORTION = re.compile(r"\bmarket\s+share|\bshare\s+of\b|%\s+share\b", re.I)
# "the share of its deliveries", "18.5% of all deliveries": what the portion is of.
_PORTION_OF = re.compile(
    r"(?:\b(?:share|proportion|percentage|portion|fraction)|%)\s+of\s+"
    r"(?:(?:all|its|the|total|average)\s+)*([a-z][\w-]*)",
    re.I,
)
# Words (and the sign) by which a question asks a portion.
_ASKS_PORTION = re.compile(
    r"%|\b(?:shares?|proportion|percent(?:age)?|portion|fraction|mix|penetration|split"
    r"|accounted?|made\s+up|ratio|how\s+much\s+of)\b",
    re.I,
)


# A row labelled as a ratio of two measures ("Nonperforming loans to total loans — ..."),
# not a measure "attributable to" or "due to" someone.
_RATIO_LABEL = re.compile(
    r"^[A-Za-z][\w\s()-]*?(?<!attributable)(?<!available)(?<!due)(?<!related)(?<!payable)"
    r"\s+to\s+(?:(?:total|average)\s+)?[a-z][\w-]*",
    re.I,
)


def _own_words(ctx: FigureContext, after: int) -> str:
    """The figure with the words of its clause before it and up to ``after`` characters after,
    to the clause's end ("$198.4 million, or 0.83% of total loans": the amount is no portion)."""
    before, end = re.split(r"[,;]", ctx.zone)[-1], ctx.figure.end
    return f"{before}{ctx.figure.text}{re.split(r'[,;]', ctx.sentence[end : end + after])[0]}"


@cache  # (asked of every figure a sentence holds)
def _asks_portion(question: str) -> bool:
    return _ASKS_PORTION.search(question) is not None


# "online share of sales", "what proportion of revenue", "how much of": a portion of a whole
# in words, not "in % terms" (a rate) nor a ratio or mix, which may be asked of a move.
_PORTION_OF_ASKED = re.compile(
    r"\b(?:share|proportion|percentage|portion|fraction)\s+of\b|\bhow\s+much\s+of\b"
    r"|\baccount(?:s|ed)?\s+for\b|\bmade\s+up\b",
    re.I,
)


def is_portion(ctx: FigureContext) -> bool:
    """Is the figure a share as a portion ("holds a 21% market share", "its share of sales")?"""
    return bool(_PORTION.search(_own_words(ctx, 25)))


def portion_unasked(question: str, measures: frozenset[str], ctx: FigureContext) -> bool:
    """Is the figure a portion of a measure the question asks ("18.5% of all deliveries"
    for "bev deliveries"), where the question asks no portion?"""
    if _asks_portion(question):
        return False
    row = TABLE_ROW.match(ctx.sentence)
    if row and _RATIO_LABEL.match(row.group("label")):
        return not re.search(r"\bto\b", question)  # "loans to deposits": asked as a ratio
    own = _own_words(ctx, 30)
    if row:  # a table row: its label says what its cells are
        own = f"{row.group('label')} {own}"
    return any(stem(m.group(1).lower()) in measures for m in _PORTION_OF.finditer(own))


def portion_misread(
    question: str, measures: frozenset[str], ctx: FigureContext, change: bool
) -> bool:
    """Is the figure a portion the question does not ask, or a move ("export sales up 9%")
    where it asks a portion and no move ("export share of sales")?"""
    if portion_unasked(question, measures, ctx):
        return True
    asked = _PORTION_OF_ASKED.search(question) is not None and not change
    return asked and not is_portion(ctx) and is_move(ctx.sentence, ctx.figure)


__all__ = ["is_portion", "portion_misread", "portion_unasked"]
