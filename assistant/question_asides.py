"""Phrases of a question that say neither whose figure nor what it measures: a time named by
what someone did ("on the day Acme rallied"), what a figure serves ("for its price
target"), a driver's "contribution" to a bridge (its part in the move), and "a year ago" asked
of a figure rather than as the base of a move. ``assistant.focus`` reads them first.
"""

from __future__ import annotations

import re

from assistant.cues import asks_movement
from assistant.prior_year import asks_prior_year

_SET_AGAINST = re.compile(
    r"\b(?:compar\w*(?:\s+(?:with|to))?|versus|vs\.?|against|than|from|on|over|and)\s+"
    r"(?:(?:a|the)\s|(?:yr|year)[\s-]ago\b|(?:prior|previous|last)[\s-](?:year|yr)\b"
    r"|(?:twelve|12)\s+months\b)",
    re.I,
)


def asks_year_back(question: str) -> bool:
    """Does the question ask the figure of a year before ("NIM a year ago?"), not a move from
    it or the latest set against it ("up on a year ago", "compared with the prior year",
    "at the end of June and a year earlier")?"""
    return asks_prior_year(question, last=False) and not (
        asks_movement(question) or _SET_AGAINST.search(question)
    )


# "price contribution in acme's 1H profit bridge?": a driver's part in a move.
_CONTRIBUTION = re.compile(
    r"\b(?P<driver>[\w/&-]+)\s+contribution\s+(?:to|in)\s+(?:the\s+)?"
    r"(?P<moved>(?:[\w'\u2019&-]+\s+){0,3}?[\w-]+)\s+bridge\b",
    re.I,
)
# "how much (what portion) of the quarter's growth came from price?": the same part, asked of
# a move ("how much of revenue came from China" asks a part of a level: a segment's).
_CAME_FROM = re.compile(
    r"\b(?:how\s+much|what\s+(?:portion|part|share|proportion))\s+of\s+(?:the\s+|its\s+|their\s+)?"
    r"(?P<moved>(?:[\w'\u2019&.%-]+\s+){0,4}?"
    r"(?:growth|increase|rise|gain|decline|fall|drop|improvement|expansion|change|uplift))\s+"
    r"(?:came|come|comes|was|is)\s+(?:from|due\s+to|driven\s+by|down\s+to)\s+"
    r"(?P<driver>(?:[\w/&-]+\s+){0,2}?[\w/&-]+)(?=\s*(?:\?|$|,|;|in\b|during\b))",
    re.I,
)
# "What discount rate does Initech use for its Acme price target?": what the figure
# serves, a valuation, is not what it measures.
_USED_FOR = re.compile(
    r"\s+(?:for|in|behind)\s+"
    r"(?:(?:its|their|his|her|the)\s+|(?:[\w&.-]+\s+)?[\w&.-]+['\u2019]s?\s+)"
    r"(?:[A-Z][\w&.'-]*\s+)?(?:price\s+target|target\s+price|valuation|fair\s+value|DCF|model)"
    r"(?=\s*(?:\?|$|,|;|in\b|for\b))",
    re.I,
)
# "... on the day Globex rallied?", "... when Acme cut its forecast?": a time named by what
# someone did (no figure or period in it), which owns nothing and measures nothing.
_WHEN_DONE = re.compile(
    r"\s+(?:on\s+the\s+day|the\s+day|when|while)\s+(?:that\s+)?[A-Z][\w&.'-]*"
    r"(?:\s+[A-Z][\w&.'-]*)*\s+[a-z]+(?:ed|ell|ose|ut)\b[^?\d;]*(?=\?|$)"
)


# "Initech's price target for Acme stock": the shares are what the target prices, not a
# measure of it ("Acme" still owns it).
_PRICED_STOCK = re.compile(
    r"(?:(?<=target)|(?<=value))(\s+(?:for|on|of)\s+(?:(?-i:[A-Z])[\w&.'\u2019-]*\s+){1,3}?)"
    r"(?:stock|shares)\b",
    re.I,
)


def without_asides(question: str) -> str:
    """``question`` less a time named by a deed, what its figure serves and the stock a
    price target prices."""
    question = _PRICED_STOCK.sub(lambda m: m.group(1).rstrip(), question)
    return _USED_FOR.sub("", _WHEN_DONE.sub(" ", question))


def as_driver_part(text: str) -> str:
    """ "price contribution in the 1H profit bridge" and "how much of 1H profit growth came
    from price" as "how much did price add to 1H profit ...", the form a driver's part is
    read in."""
    text = _CAME_FROM.sub(r"how much did \g<driver> add to \g<moved>", text)
    return _CONTRIBUTION.sub(r"how much did \g<driver> add to \g<moved>", text)


__all__ = ["as_driver_part", "asks_year_back", "without_asides"]
