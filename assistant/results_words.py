"""A company's results in a reader's words: what it "spent on plant and equipment" is its
capital expenditure, the profit it made "before interest and tax" its EBIT, "orders received
but not yet delivered" its backlog, "seats multiplied by distance flown" an airline's
available seat kilometres. Read by ``assistant.rephrasings`` with its other descriptions."""

from __future__ import annotations

import re

from assistant.lenders_words import Naming, whose

# "invest in plant and equipment", "put into new equipment and facilities", "invest in its
# stores and systems", "in fleet and equipment": what it bought of long-lived assets.
_SPENT_ON_PLANT = re.compile(
    r"\b(?:spen[dt]\s+on|invest(?:ed)?\s+in|put\s+into|pour(?:ed)?\s+into)\s+"
    r"(?:its\s+|their\s+)?(?:new\s+)?(?:property,\s+)?(?:plant\s+and\s+equipment"
    r"|equipment\s+and\s+(?:facilities|plants?)|facilities\s+and\s+equipment"
    r"|stores\s+and\s+(?:systems|technology)|fleet\s+and\s+equipment)\b",
    re.I,
)
_SPENT_DEVELOPING = re.compile(
    r"\bspen[dt]\s+on\s+(?:developing|the\s+development\s+of)\s+new\s+(?:technolog(?:y|ies)|products)"
    r"(?:\s+and\s+(?:new\s+)?(?:technolog(?:y|ies)|products))?\b",
    re.I,
)
_FOR_ITS_SHAREHOLDERS = re.compile(
    r"\b(?:earn|earned|make|made)\s+for\s+(?:its|their)\s+(?:own\s+)?(?:shareholders|owners)\b",
    re.I,
)
_OWED_TO_LENDERS = re.compile(r"\bowe\s+(?:to\s+)?(?:its\s+|their\s+)?(?:lenders|banks)\b", re.I)
_ASSETS_FUNDED_BY_EQUITY = re.compile(
    r"\b(?:what\s+)?(?:portion|share|proportion|percentage)\s+of\s+(?P<whose>.+?)\s*assets\s+"
    r"(?:was|were|is|are)\s+(?:funded|financed)\s+by\s+(?:(?:its\s+)?shareholders['\u2019]?\s+)?"
    r"equity\b",
    re.I,
)
# "How much did it earn from operations before interest and tax?": its EBIT.
_EARNED_BEFORE_INTEREST = re.compile(
    r"\bearn(?:ed)?\s+from\s+(?:its\s+|their\s+)?operations\s+before\s+interest\s+and\s+"
    r"tax(?:es|ation)?\b",
    re.I,
)
_BEFORE_INTEREST_AND_TAX = re.compile(
    r"\bprofit\b(?P<mid>[^?]{0,40}?)\s+before\s+interest\s+and\s+tax(?:es|ation)?\b", re.I
)
_INTEREST_NET_OF_EARNED = re.compile(
    r"\bpay\s+in\s+interest\s+on\s+(?:its\s+|their\s+)?(?:borrowings|debt|loans)\s*,?\s+"
    r"(?:after|net\s+of|less)\s+(?:the\s+)?interest\s+(?:it\s+|they\s+)?(?:earned|received)\b",
    re.I,
)
# "pay in net interest on its borrowings", "pay in (net) borrowing costs": what results call
# (net) finance costs; interest a bank pays on deposits is read in lenders' words.
_NET_INTEREST_PAID = re.compile(
    r"\bpay\s+in\s+net\s+(?:interest(?:\s+costs?)?|borrowing\s+costs?)"
    r"(?:\s+on\s+(?:its\s+|their\s+|the\s+)?"
    r"(?:borrowings|debt|loans))?(?!\s+(?:income|margin))\b",
    re.I,
)
_INTEREST_COSTS_PAID = re.compile(
    r"\bpay\s+in\s+(?:interest|borrowing)\s+(?:costs?|charges?)\b", re.I
)
_LOCKED_IN = re.compile(
    r"\b(?:already\s+)?locked\s+in(?:\s+at\s+(?:a\s+)?fixed\s+prices?\b|(?=\s*(?:\?|$)))", re.I
)
# "How much money could it draw on if it needed to?": its liquidity.
_COULD_DRAW_ON = re.compile(
    r"\bhow\s+much\s+(?:money|cash)\s+could\s+(?P<who>.+?)\s+(?:draw\s+on|call\s+on|access|tap)"
    r"\b(?P<rest>[^?]*?)(?:\s*,?\s+if\s+(?:it|they)\s+(?:needed|had)\s+to)?(?=\s*\?|$)",
    re.I,
)
# "What is it paying shareholders per share?": its dividend per share.
_PAID_PER_SHARE = re.compile(
    r"\bwhat\s+(?:is|was|will)\s+(?P<who>.+?)\s+(?:be\s+)?pay(?:ing)?\s+(?:its\s+|their\s+)?"
    r"(?:shareholders|investors|owners)\s+(?:per|for\s+each|a)\s+share\b",
    re.I,
)
_ROOM_TO_TARGET = re.compile(
    r"\bhow\s+much\s+(?:room\s+(?:does\s+(?P<seer>.+?)\s+see\s+)?for\s+the\s+(?:share|stock)\s+"
    r"price\s+to\s+(?:climb|rise|go\s+up)\s+to\s+(?:its|their|the)\s+target"
    r"|could\s+the\s+(?:share|stock)\s+price\s+rise\s+before\s+it\s+reaches\s+(?P<whose>.+?)\s+"
    r"target)\b",
    re.I,
)
_SEATS_BY_DISTANCE = re.compile(
    r"\s*,?\s+measured\s+(?:as|in)\s+seats\s+(?:multiplied\s+by|times)\s+(?:the\s+)?distance"
    r"(?:\s+flown)?\b",
    re.I,
)
_MULTIPLE_OF_EARNINGS = re.compile(
    r"\bwhat\s+multiple\s+of\s+(?:its\s+)?(?:forecast\s+|expected\s+)?(?P<year>\S+\s+)?"
    r"(?:earnings(?:\s+per\s+share)?|EPS)\s+does\s+the\s+(?:share|stock)\s+price\s+represent\b"
    r"|\bhow\s+many\s+times\s+its\s+(?:forecast\s+|expected\s+)?(?P<when>\S+\s+)?"
    r"(?:earnings(?:\s+per\s+share)?|EPS)\s+is\s+(?P<whose>.+?)\s+(?:stock|shares?)\s+"
    r"(?:valued|priced)(?:\s+at)?",
    re.I,
)
_FLIGHTS_ON_TIME = re.compile(
    r"\bwhat\s+(?:proportion|share|percentage)\s+of\s+(?P<whose>.+?)\s*flights\s+"
    r"(?:ran|run|arrived|departed|operated|were)\s+on\s+time\b",
    re.I,
)
_ONE_OFF_CLOSING = re.compile(r"\bone[\s-]off\s+charge\s+for\s+closing\b", re.I)
_LEAVING_OUT_DEALS = re.compile(
    r"\s*,?\s+(?:leaving\s+out|excluding|stripping\s+out|ignoring|setting\s+aside)\s+"
    r"(?:the\s+effects?\s+of\s+)?acquisitions(?:\s+and\s+|,\s+)(?:divestitures\s+and\s+)?"
    r"(?:currency|foreign\s+exchange|exchange[\s-]rates?)(?:\s+(?:effects|movements|moves|changes))?",
    re.I,
)
# "... once tax is taken into account": after tax.
_ONCE_TAXED = re.compile(
    r"\s*,?\s+(?:once|when|after)\s+tax(?:es)?\s+(?:is|are|has\s+been|have\s+been)\s+"
    r"(?:taken\s+into\s+account|deducted|allowed\s+for|paid)",
    re.I,
)
_SAVED_EACH_YEAR = re.compile(r"\bexpects?\s+to\s+save\s+(?:every|each|a|per)\s+year\b", re.I)
_ORDERS_NOT_DELIVERED = re.compile(
    r"\b(?:the\s+value\s+of\s+)?orders\s+(?:[\w&.'\u2019-]+\s+)?(?:had\s+|has\s+)?"
    r"(?:received|taken|won|booked)\s+but\s+(?:had\s+)?(?:not\s+yet|yet\s+to)\s+"
    r"(?:delivered|shipped|filled|fulfilled|deliver|ship)\b",
    re.I,
)


def _target_of(match: re.Match[str]) -> str:
    seer = match["seer"] or match["whose"]
    return f"{whose(seer)} target" if seer else "the target"


def _multiple(match: re.Match[str]) -> str:
    owner = f"{whose(match['whose'])} " if match["whose"] else "the "
    year = (match["year"] or match["when"] or "").strip()
    return f"what is {owner}{year} P/E".replace("  ", " ")


# Each description and the words documents print for it.
RESULTS_DESCRIBED: tuple[tuple[re.Pattern[str], Naming], ...] = (
    (_SPENT_ON_PLANT, "spend on capital expenditure"),
    (_SPENT_DEVELOPING, "spend on research and development"),
    (_FOR_ITS_SHAREHOLDERS, "make in profit attributable to owners"),
    (_OWED_TO_LENDERS, "have in debt"),
    (_ASSETS_FUNDED_BY_EQUITY, lambda m: f"what was {whose(m['whose'])} equity ratio"),
    (_BEFORE_INTEREST_AND_TAX, lambda m: f"EBIT{m['mid']}"),
    (_EARNED_BEFORE_INTEREST, "make in EBIT"),
    (_INTEREST_NET_OF_EARNED, "pay in net finance costs"),
    (_NET_INTEREST_PAID, "pay in net finance costs"),
    (_INTEREST_COSTS_PAID, "pay in finance costs"),
    (_LOCKED_IN, "hedged"),
    (_COULD_DRAW_ON, lambda m: f"how much liquidity did {m['who']} have{m['rest']}"),
    (_PAID_PER_SHARE, lambda m: f"what is {whose(m['who'])} dividend per share"),
    (_ROOM_TO_TARGET, lambda m: f"what is the implied upside to {_target_of(m)}"),
    (_SEATS_BY_DISTANCE, " in available seat kilometres"),
    (_MULTIPLE_OF_EARNINGS, _multiple),
    (_FLIGHTS_ON_TIME, lambda m: f"what was {whose(m['whose'])} on-time performance"),
    (_ONE_OFF_CLOSING, "restructuring charge for closing"),
    (_LEAVING_OUT_DEALS, " organically"),
    (_SAVED_EACH_YEAR, "expect in annual savings"),
    (_ONCE_TAXED, " after tax"),
    (_ORDERS_NOT_DELIVERED, "backlog"),
)


__all__ = ["RESULTS_DESCRIBED"]
