"""Measures a question describes rather than names, put in the words documents print: "how
full were its flights?" (the load factor), "how punctual was the airline?" (on-time
performance), "how many cents of profit from each euro of sales?" (the margin), "cash after
capital spending" (free cash flow), "borrowing relative to earnings" (leverage), "what it
earned after all costs and taxes" (net profit), "the share of pre-tax profit that went in tax"
(the effective tax rate), "orders compared with sales" (book-to-bill), "what it owed once
you take off its cash" (net debt). General reporting English; see ``synonyms.plain_terms``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lenders_words import LENDERS_DESCRIBED, Naming, whose
from assistant.results_words import RESULTS_DESCRIBED

# "how full were its planes?": the share of seats filled, which carriers call the load factor.
_HOW_FULL = re.compile(
    r"\bhow\s+full\s+(?:were|was|are|is)\s+((?:its|their|the|our)\s+"
    r"|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*['\u2019]s\s+)?"
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
    rf"\bhow\s+(?:heavily\s+|highly\s+|deeply\s+)?({'|'.join(_HOW_QUALITY)})\s+(?:were|was|are|is|has\s+been|have\s+been)\s+"
    # the owner, where it is a name or a described business: "the airline", "Coastal Rail"
    r"((?:the|its|their)\s+[a-z][\w-]*(?:\s+(?:arm|division|unit|business|segment))?"
    r"|it|they|[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})?"
    r"(?=\s*(?:[?.,]|$|(?:in|for|during|last|this)\b))",
    re.I,
)


def _quality_measure(match: re.Match[str]) -> str:
    measure, owner = _HOW_QUALITY[match[1].lower()], match[2] or ""
    if not owner:
        return f"what was the {measure} of "
    return f"what was {whose(owner)} {measure}"


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
    r"\bcash\b(?P<rest>[^?]{0,80}?)\s*,?\s+(?:after|net\s+of|once\s+(?:it|they)\s+(?:had\s+|has\s+)?"
    r"paid\s+for)\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:capital\s+(?:spending|expenditure|investment)s?|capex|investment\s+spending)\b",
    re.I,
)

# "How large is its borrowing relative to its earnings?", "how indebted does it aim to be,
# measured against its annual cash earnings?": net debt to EBITDA, the leverage.
_DEBT_TO_EARNINGS = re.compile(
    r"\b(?P<how>how\s+(?:heavily\s+|highly\s+|deeply\s+)?indebted\b(?P<rest>[^?]{0,40}?),?"
    r"|(?:net\s+)?(?:borrowings?|debt))\s+"
    r"(?:(?:relative|compared)\s+to|measured\s+against|as\s+a\s+multiple\s+of)\s+"
    r"(?:its\s+|their\s+|the\s+)?(?:annual\s+|yearly\s+)?(?:cash\s+)?(?:earnings|ebitda)\b",
    re.I,
)
# "How many times its yearly EBITDA was its net debt?": the leverage too.
_TIMES_EARNINGS = re.compile(
    r"\bhow\s+many\s+times\s+(?:its\s+|their\s+|the\s+)?(?:annual\s+|yearly\s+)?"
    r"(?:ebitda|earnings)\s+(?:was|were|is|are)\s+(?P<owner>(?:its|their|[\w&.-]+['\u2019]s)\s+)?"
    r"(?:net\s+debt|net\s+borrowings)\b",
    re.I,
)


def _leverage(match: re.Match[str]) -> str:
    return f"what leverage{match['rest']}" if match["how"].lower().startswith("how") else "leverage"


# "How much did it earn after all costs and taxes?": the net profit.
_AFTER_ALL_COSTS = re.compile(
    r"\b(?:earn|earned|make|made)\s+after\s+(?:all\s+)?(?:costs|expenses)\s+(?:and|&)\s+"
    r"tax(?:es)?\b",
    re.I,
)
# "What proportion of pre-tax profit went in tax?": the effective tax rate.
_SHARE_IN_TAX = re.compile(
    r"\b(?:what\s+)?(?:share|proportion|portion|percentage)\s+of\s+(?:its\s+|their\s+)?"
    r"(?:pre-?tax|before-tax)\s+(?:profits?|income|earnings)\s+(?:went|goes|was\s+paid|is\s+paid"
    # "what share of its pre-tax profit did Acme pay (away) in tax?"
    r"|(?:did|does)\s+(?:[\w&.'\u2019-]+\s+){1,3}?pay(?:\s+away|\s+out)?)"
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

# "What share of revenue did it keep as free cash?": its free cash flow margin.
_REVENUE_KEPT_AS_CASH = re.compile(
    r"\b(?:what\s+)?(?:share|proportion|portion|percentage)\s+of\s+(?:its\s+|their\s+)?"
    r"(?:sales|revenues?)\s+did\s+(?P<owner>.+?)\s+(?:keep|retain|turn\s+into)\s+(?:as\s+)?"
    r"free\s+cash(?:\s+flow)?\b",
    re.I,
)
# "How much profit did it make on each dollar of sales?": the margin, as cents of one.
_PROFIT_ON_EACH = re.compile(
    r"\bhow\s+much\s+(?P<measure>(?:[\w-]+\s+){0,2}?(?:profit|earnings|ebitda|ebita|ebit|income))"
    r"\s+did\s+(?P<owner>.+?)\s+(?:make|earn|keep)\s+(?:on|from|out\s+of|for|per)\s+(?:each|every)"
    r"\s+(?:dollar|euro|pound)\s+(?:of\s+)?(?:sales|revenues?|turnover)\b",
    re.I,
)
# "For every euro of sales, how much did it keep as operating profit?": the margin, asked
# with the sales first.
_EACH_OF_SALES_FIRST = re.compile(
    r"\b(?:for|from|on|out\s+of|of)\s+(?:each|every)\s+(?:dollar|euro|pound)\s+(?:of\s+)?"
    r"(?:sales|revenues?|turnover)\s*,?\s+how\s+much\s+(?:did|does|do)\s+(?P<owner>.+?)\s+"
    r"(?:keep|make|earn|retain)\s+(?:as|in)\s+"
    r"(?P<measure>(?:[\w-]+\s+){0,2}?(?:profit|earnings|ebitda|ebita|ebit|income))\b",
    re.I,
)
# "How much does it owe once you subtract its cash?": its net debt.
_OWED_LESS_CASH = re.compile(
    r"\bhow\s+much\s+(?:does|did|do)\s+(?P<owner>.+?)\s+owe\s*,?\s+(?:once|after|when|if)\s+"
    r"(?:you\s+)?(?:subtract|deduct|net\s+off|take\s+(?:off|away))\w*\s+(?:its|their|the)\s+cash\b",
    re.I,
)


# "orders compared with sales, as a ratio", "the ratio of orders to revenue": book-to-bill.
_ORDERS_TO_SALES = re.compile(
    r"(?P<how>\bhow\s+(?:did|do|does)\s+(?P<owner>(?:its|their|the|[\w&.-]+['\u2019]s)\s+)?"
    r"(?=(?:new\s+)?orders))?"
    r"\b(?:the\s+)?(?:ratio\s+of\s+(?:new\s+)?orders(?:\s+received)?\s+to"
    r"|(?:new\s+)?orders(?:\s+received|\s+taken|\s+booked)?\s+"
    r"(?:compared?\s+(?:with|to)|relative\s+to|divided\s+by|against|over|versus|vs\.?))"
    r"\s+(?:its\s+|their\s+|the\s+)?(?:sales|revenues?|billings|shipments|deliveries)\b",
    re.I,
)
# ", as a ratio": the book-to-bill is one, and no document writes "book-to-bill ratio".
_AS_A_RATIO = re.compile(r",?\s*(?:expressed\s+)?as\s+a\s+ratio\b", re.I)


def _book_to_bill(question: str) -> str:
    named = _ORDERS_TO_SALES.sub(
        lambda m: f"what was {m['owner'] or 'the '}book-to-bill" if m["how"] else "book-to-bill",
        question,
    )
    return _AS_A_RATIO.sub("", named) if named != question else question


# "How much did it owe once you take off its cash?", "borrowings net of cash": net debt.
_DEBT_LESS_CASH = re.compile(
    r"\b(?:(?P<owe>owe|owed|owes|owing)|(?:gross\s+|total\s+)?(?:debt|borrowings?))\b"
    r"(?P<rest>[^?]{0,30}?),?\s+(?:once\s+(?:you\s+)?(?:take|taking)\s+off|net\s+of|minus|less"
    r"|after\s+(?:subtracting|deducting|taking\s+off|netting\s+off))\s+(?:its\s+|their\s+|the\s+)?"
    r"cash(?:\s+(?:and\s+(?:cash\s+)?equivalents|holdings|balances?|on\s+hand|it\s+held))?\b",
    re.I,
)


def _net_debt(match: re.Match[str]) -> str:
    return f"{'have in ' if match['owe'] else ''}net debt{match['rest']}"


# "How much cash did running the business bring in?", "cash generated by the day-to-day
# running of the business": operating cash flow. ("cash generated from operations" is a term
# documents print, so it stays.)
# ("the day-to-day business" runs it too)
_RUNNING = (
    r"(?:(?:the\s+)?(?:day-to-day\s+)?running\s+(?:of\s+)?(?:the|its|their)\s+business(?:es)?"
    r"|(?:the|its|their)\s+day-to-day\s+(?:business(?:es)?|operations))"
)
_CASH_FROM_RUNNING = re.compile(
    rf"\bcash\s+(?:(?P<verb>did|does|do|will|has|have|had)\s+{_RUNNING}\s+"
    r"(?:bring\s+in|generate|produce)"
    rf"|(?:was\s+|were\s+)?(?:generated|brought\s+in|produced)\s+(?:by|from)\s+{_RUNNING})\b",
    re.I,
)
# "cash left after paying for new plant and equipment", "... after running the business and
# paying for its investments": free cash flow.
_CASH_AFTER_INVESTING = re.compile(
    r"\bcash\b(?P<rest>[^?]{0,90}?)\s*,?\s+after\s+(?:running\s+the\s+business\s+and\s+)?"
    r"(?:[\w&.'\u2019-]+\s+)?(?:pa(?:ying|id)\s+for|spen(?:ding|t)\s+on|funding|funded)\s+"
    r"(?:its\s+|their\s+|the\s+)?(?:new\s+)?(?:[\w-]+,?\s+(?:and\s+)?){0,3}?"
    r"(?:plant\s+and\s+equipment|equipment|capital\s+spending|capex"
    r"|investments?(?:\s+in\s+(?:new\s+)?(?:property,\s+)?(?:plant\s+and\s+equipment"
    r"|equipment\s+and\s+plants?))?)\b",
    re.I,
)

# "a wear-and-tear charge on its assets", "charge against profit for the wearing out and
# ageing of its ships and other assets": depreciation (and amortisation).
_WEAR_AND_TEAR = re.compile(
    r"\b(?:(?:a\s+)?wear[- ]and[- ]tear\s+charges?"
    r"|charge\s+(?:against\s+(?:its\s+)?profits?\s+)?for\s+(?:the\s+)?(?:wearing\s+out|wear\s+and\s+tear)"
    r"(?:\s+and\s+(?:ageing|aging))?)\s+(?:on|of)\s+(?:its\s+|their\s+|the\s+|[\w&.-]+['\u2019]s\s+)?"
    r"(?:[\w-]+,?\s+(?:and\s+)?){0,5}?(?:assets|equipment|fleet|property)\b",
    re.I,
)

# "hand back to shareholders by repurchasing its own stock": the buyback, not all returns.
_RETURNED_BY_BUYBACK = re.compile(
    r"\b(?:hand|hands|handed|give|gives|gave|return|returns|returned)\s+(?:back\s+)?to\s+"
    r"(?:shareholders|investors)\s+(?:by|through|via)\s+(?:repurchasing|buying\s+back)\s+"
    r"(?:its\s+own\s+|their\s+own\s+)?(?:stock|shares)\b",
    re.I,
)

# "How much did it hand back in total, counting both dividends and buybacks?": what the
# total holds, not two parts asked.
_BOTH_COUNTED = re.compile(
    r"\s*,?\s+(?:counting|including|through|via)\s+both\s+[^?,;]+?\s+and\s+[^?,;]+?(?=\s*(?:\?|$))",
    re.I,
)
_TOTAL_ASKED = re.compile(r"\b(?:in\s+total|total|altogether|combined|overall)\b", re.I)


def _total_only(question: str) -> str:
    return _BOTH_COUNTED.sub("", question) if _TOTAL_ASKED.search(question) else question


# "revenue per seat-km", "cost per available seat kilometre excluding fuel": what airlines
# report as unit revenue (RASK) and unit cost (CASK); "kilometres flown by paying passengers":
# revenue passenger kilometres (RPKs).
_PER_SEAT_KM = re.compile(
    r"\b(?P<measure>revenues?|costs?)\s+per\s+(?:available\s+)?seat[- ]?"
    r"(?:km|kms|kilometres?|kilometers?|miles?)\b",
    re.I,
)
_PAYING_KM = re.compile(
    r"\b(?:kilometres|kilometers|km|miles)\s+flown\s+by\s+(?:fare-)?paying\s+passengers\b", re.I
)

# "the value of goods sold through its marketplaces": gross merchandise volume.
_GOODS_SOLD = re.compile(
    r"\b(?:the\s+)?(?:total\s+)?value\s+of\s+(?:the\s+)?(?:goods|merchandise|products)\s+"
    r"(?:sold|bought|traded)\b",
    re.I,
)


# "pay shareholders each quarter for every share they own": the dividend per share; "pay in
# tax on its profits": the income tax expense, not the profit it is paid on.
_PAID_PER_SHARE = re.compile(
    r"\bpay\s+(?:its\s+|their\s+)?(?:shareholders|investors|holders)\b(?P<rest>[^?]{0,40}?)"
    r"\s+(?:for|on)\s+(?:every|each)\s+share(?:\s+(?:they|it)\s+(?:own|hold)s?|\s+(?:owned|held))?",
    re.I,
)
_TAX_ON_PROFIT = re.compile(
    r"\bpay\s+in\s+(?:income\s+)?tax(?:es)?\s+on\s+(?:its|their|the)\s+(?:profits?|earnings|income)\b",
    re.I,
)


# "new business booked in the quarter": the orders taken.
_NEW_BUSINESS = re.compile(
    r"\bnew\s+business\b(?=[^?]{0,50}?\b(?:book(?:s|ed)?|win|wins|won|secur(?:e|es|ed)"
    r"|sign(?:s|ed)?|land(?:s|ed)?)\b)",
    re.I,
)
# "the most it will spend buying back its own shares": the buyback.
_SPEND_BUYING_BACK = re.compile(
    r"\bspen[dt](?:s|ing)?\s+(?:on\s+)?(?:buying\s+back|repurchasing)\s+"
    r"(?:its\s+own\s+|their\s+own\s+|its\s+|their\s+)?(?:stock|shares)\b",
    re.I,
)
# "sales at stores open for more than a year": like-for-like sales, as retailers report them.
_SAME_STORES = re.compile(
    r"\bat\s+(?:stores|shops|outlets|branches|restaurants)\s+(?:that\s+(?:have\s+been|were|are)\s+)?"
    r"open\s+(?:for\s+)?(?:more\s+than|over|at\s+least)\s+(?:a|one)\s+year\b",
    re.I,
)
# "How much did it lose selling its bonds?": the loss on the sale.
_LOST_SELLING = re.compile(
    r"\bhow\s+much\s+(?:money\s+)?did\s+(?P<who>[\w'&.-]+(?:\s+[\w'&.-]+){0,2}?)\s+lose\s+"
    r"(?:on\s+|by\s+|from\s+|in\s+)?(?:selling|the\s+sale\s+of)\b",
    re.I,
)
# "What is the most the company will spend on it?": how much, at most.
_MOST_SPENT = re.compile(
    r"\bwhat\s+is\s+the\s+most\s+(?:that\s+)?(?P<who>(?:[\w'-]+\s+){1,4}?)"
    r"(?P<verb>will|would|can|could|may|might)\s+(?P<act>spend|pay)\b",
    re.I,
)
# "After paying for its equipment and plant investments, how much cash did it keep?": the
# cash left after investment, its condition said first.
_AFTER_INVESTING_FIRST = re.compile(
    r"^\W*after\s+(?:paying\s+for|spending\s+on|funding)\s+(?:its\s+|their\s+|the\s+)?"
    r"[^,?]{0,50}?\b(?:equipment|plant|capex|capital\s+spending|investments?)\b[^,?]{0,20},\s*"
    r"(?P<how>how\s+much)\s+cash\b",
    re.I,
)
# Each description and the words documents print for it, in the order they are read (a
# debt "net of cash" is named before a debt "relative to earnings" is read as leverage).
_DESCRIBED: tuple[tuple[re.Pattern[str], Naming], ...] = (
    (_HOW_FULL, lambda m: f"what was the load factor of {m[1] or ''}{m[2]}"),
    (_HOW_ADJECTIVE, _quality_measure),
    (_CASH_AFTER_CAPEX, lambda m: f"free cash flow{m['rest']}"),
    (_DEBT_LESS_CASH, _net_debt),
    (_DEBT_TO_EARNINGS, _leverage),
    (_TIMES_EARNINGS, lambda m: f"what was {m['owner'] or 'the '}leverage"),
    (_CASH_FROM_RUNNING, lambda m: "operating cash flow" + (" was there" if m["verb"] else "")),
    (_CASH_AFTER_INVESTING, lambda m: f"free cash flow{m['rest']}"),
    (_AFTER_INVESTING_FIRST, lambda m: f"{m['how']} free cash flow"),
    (_WEAR_AND_TEAR, "depreciation and amortisation"),
    (_RETURNED_BY_BUYBACK, "spend on share buybacks"),
    (_PAID_PER_SHARE, lambda m: f"pay in dividend per share{m['rest']}"),
    (_TAX_ON_PROFIT, "pay in income tax expense"),
    (_GOODS_SOLD, "gross merchandise volume"),
    (_NEW_BUSINESS, "orders"),
    (_SPEND_BUYING_BACK, "spend on share buybacks"),
    (_SAME_STORES, "like-for-like"),
    (_LOST_SELLING, lambda m: f"how much was the loss {m['who']} made on the sale of"),
    (_MOST_SPENT, lambda m: f"how much at most {m['verb']} {m['who']}{m['act']}"),
    *LENDERS_DESCRIBED,
    *RESULTS_DESCRIBED,
    (_PER_SEAT_KM, lambda m: f"unit {m['measure'].lower().rstrip('s')}"),
    (_PAYING_KM, "revenue passenger kilometres"),
    (_AFTER_ALL_COSTS, "make in net profit"),
    (_SHARE_IN_TAX, "what effective tax rate was paid"),
    (_SALES_KEPT, lambda m: f"what margin did {m['owner']} make"),
    (_CENTS_OF_PROFIT, lambda m: f"what {m['measure']} margin{m['rest']}"),
    (_REVENUE_KEPT_AS_CASH, lambda m: f"what was {whose(m['owner'])} free cash flow margin"),
    (_PROFIT_ON_EACH, lambda m: f"what {m['measure']} margin did {m['owner']} make"),
    (_EACH_OF_SALES_FIRST, lambda m: f"what {m['measure']} margin did {m['owner']} make"),
    (_OWED_LESS_CASH, lambda m: f"what is {whose(m['owner'])} net debt"),
)


# (the parts reader, the synonyms and the answer line each ask it of the same question)
@lru_cache(maxsize=256)
def measures_described(question: str) -> str:
    """``question`` with each measure it describes named as documents name it."""
    for description, naming in _DESCRIBED:
        question = description.sub(naming, question)
    return _total_only(_book_to_bill(question))


__all__ = ["measures_described"]
