"""Measures a question describes rather than names, put in the words documents print: "how
full were its flights?" (the load factor), "how punctual was the airline?" (on-time
performance), "how many cents of profit from each euro of sales?" (the margin), "cash after
capital spending" (free cash flow), "borrowing relative to earnings" (leverage), "what it
earned after all costs and taxes" (net profit), "the share of pre-tax profit that went in tax"
(the effective tax rate). General reporting English; see ``synonyms.plain_terms``.
"""

from __future__ import annotations

import re

# "how full were its planes?": the share of seats filled, which carriers call the load factor.
_HOW_FULL = re.compile(
    r"\bhow\s+full\s+(?:were|was|are|is)\s+((?:its|their|the|our)\s+)?"
    r"((?:planes|flights|aircraft|jets|ships|ferries|vessels|sailings|trains|seats)\b)",
    re.I,
)


# "How punctual was the airline?", "how profitable is it?": the measure of that quality.
_HOW_QUALITY = {
    "punctual": "on-time performance",
    "profitable": "margin",
    "leveraged": "leverage",
    "indebted": "net debt",
}
_HOW_ADJECTIVE = re.compile(
    rf"\bhow\s+({'|'.join(_HOW_QUALITY)})\s+(?:were|was|are|is|has\s+been|have\s+been)\s+"
    # the owner, where it is a name or a described business: "the airline", "Regional Air"
    r"((?:the|its|their)\s+[a-z][\w-]*(?:\s+(?:arm|division|unit|business|segment))?"
    r"|it|they|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})?"
    r"(?=\s*(?:[?.,]|$|(?:in|for|during|last|this)\b))",
    re.I,
)


def _quality_measure(match: re.Match[str]) -> str:
    measure, owner = _HOW_QUALITY[match[1].lower()], match[2] or ""
    if not owner:
        return f"what was the {measure} of "
    owner = {"it": "its", "they": "their"}.get(owner.lower()) or (
        f"{owner}'" if owner.endswith("s") else f"{owner}'s"
    )
    return f"what was {owner} {measure}"


# "How many cents of operating profit did it keep from each euro of sales?": the margin.
_CENTS_OF_PROFIT = re.compile(
    r"\bhow\s+many\s+(?:cents|pence)\s+(?:of\s+)?"
    r"(?P<measure>(?:[\w-]+\s+){0,2}?(?:profit|earnings|ebitda|ebita|ebit|income))\b(?P<rest>.*?)"
    r"\s*\b(?:from|on|out\s+of|for|in|per)\s+(?:each|every|a)?\s*(?:dollar|euro|pound)\s+"
    r"(?:of\s+)?(?:sales|revenues?|turnover)\b",
    re.I,
)


# "How much cash did it generate after capital spending?": the cash left after investment.
_CASH_AFTER_CAPEX = re.compile(
    r"\bcash\b(?P<rest>[^?]{0,80}?)\s*,?\s+(?:after|net\s+of)\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:capital\s+(?:spending|expenditure|investment)s?|capex|investment\s+spending)\b",
    re.I,
)

# "How large is its borrowing relative to its earnings?": net debt to EBITDA, the leverage.
_DEBT_TO_EARNINGS = re.compile(
    r"\b(?:net\s+)?(?:borrowings?|debt)\s+(?:relative|compared)\s+to\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:earnings|ebitda)\b",
    re.I,
)

# "How much did it earn after all costs and taxes?": the net profit.
_AFTER_ALL_COSTS = re.compile(
    r"\b(?:earn|earned|make|made)\s+after\s+(?:all\s+)?(?:costs|expenses)\s+(?:and|&)\s+"
    r"tax(?:es)?\b",
    re.I,
)
# "What proportion of pre-tax profit went in tax?": the effective tax rate.
_SHARE_IN_TAX = re.compile(
    r"\b(?:what\s+)?(?:share|proportion|portion|percentage)\s+of\s+(?:its\s+|their\s+)?"
    r"(?:pre-?tax|before-tax)\s+(?:profits?|income|earnings)\s+(?:went|goes|was\s+paid|is\s+paid)"
    r"\s+(?:in|on|as)\s+tax(?:es)?\b",
    re.I,
)
# "What share of its sales did the services business keep as profit?": that business's margin.
_SALES_KEPT = re.compile(
    r"\b(?:what\s+)?(?:share|proportion|portion|percentage)\s+of\s+(?:its\s+|their\s+)?"
    r"(?:sales|revenues?)\s+did\s+(?P<owner>.+?)\s+(?:keep|retain)\s+as\s+"
    r"(?:profits?|earnings)\b",
    re.I,
)

# "the value of goods sold through its marketplaces": gross merchandise volume.
_GOODS_SOLD = re.compile(
    r"\b(?:the\s+)?(?:total\s+)?value\s+of\s+(?:the\s+)?(?:goods|merchandise|products)\s+"
    r"(?:sold|bought|traded)\b",
    re.I,
)


def measures_described(question: str) -> str:
    """``question`` with each measure it describes named as documents name it."""
    question = _HOW_FULL.sub(lambda m: f"what was the load factor of {m[1] or ''}{m[2]}", question)
    question = _HOW_ADJECTIVE.sub(_quality_measure, question)
    question = _CASH_AFTER_CAPEX.sub(lambda m: f"free cash flow{m['rest']}", question)
    question = _DEBT_TO_EARNINGS.sub("leverage", question)
    question = _GOODS_SOLD.sub("gross merchandise volume", question)
    question = _AFTER_ALL_COSTS.sub("make in net profit", question)
    question = _SHARE_IN_TAX.sub("what effective tax rate was paid", question)
    question = _SALES_KEPT.sub(lambda m: f"what margin did {m['owner']} make", question)
    return _CENTS_OF_PROFIT.sub(lambda m: f"what {m['measure']} margin{m['rest']}", question)


__all__ = ["measures_described"]
