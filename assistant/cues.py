"""What a question's wording asks for: the kinds of figure (:func:`asked_kinds`: "how much"
asks for money or a count, "by how much did it grow" for a percentage) and whether it asks
how something moved (:func:`asks_movement`: "how did sales grow?", "how's Acme doing?"), so
that a rate of change answers before a level. Cues are English question words, not any
corpus's vocabulary.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.dates import asks_date
from assistant.figures import RATE_KINDS, FigureKind
from assistant.names_asked import asks_for_names, asks_what_called
from assistant.ratings import asks_rating
from assistant.text import expand_contractions, without_name_runs

_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
_HOW_MUCH_OF = re.compile(r"\bhow\s+much\s+of\b", re.IGNORECASE)
# "what did they pay for them?", "what will it cost?": money changes hands.
_HOW_MUCH_AMOUNT = re.compile(
    r"\bhow\s+much\b(?!\s+of\b)|\bwhat\s+(?:did|does|do|will|would)\s+(?:\S+\s+){1,4}?"
    r"(?<!about\s)(?<!of\s)(?<!on\s)(?:pay|cost|spend)\b",
    re.IGNORECASE,
)
# "how badly did sales fall?": by how much.
_HOW_SHARPLY = re.compile(r"\bhow\s+(?:badly|sharply|steeply)\b", re.IGNORECASE)
# "did grocery grow faster than Homeware?", "which fell more slowly?": a pace, compared as rates.
_PACE = re.compile(
    r"\b(?:faster|slower|quicker|more\s+(?:quickly|slowly|rapidly))\b"
    r"|\b(?:fast|slow)est\b|\b(?:faster|slower|fastest|slowest)[\s-]+growing\b",
    re.IGNORECASE,
)
_BY_HOW_MUCH = re.compile(
    r"\bby\s+(?:how\s+much|what\s+(?:percentage|percent|proportion|factor|margin))\b",
    re.IGNORECASE,
)
_MONEY_WORDS = (
    r"spen[dt]\w*|commit\w*|costs?|costing|pric\w*|revenues?|invest\w*|pa(?:y|id|ys|ying)"
    r"|worth|valu\w*|budget\w*|capex|capital\s+expenditure|earn\w*|profits?|income|sales"
    r"|money|dividends?|payouts?|fund\w*|rais\w*|dollars?|yuan|rmb|usd|euros?|pounds?|sterling|yen"
    r"|debt|borrowings|cash|balances?"  # what a balance sheet holds is a sum too
)
# "earnings per share", "dividend a share": an amount for each share, not a count of shares.
_PER_SHARE = re.compile(r"\b(?:per|a)\s+share\b", re.IGNORECASE)
# "the share price", "where did the shares close?", "the PT", "EPS": the price of one share
# (or what one share earns or is paid, or one unit's average price), never a sum in millions.
_UNIT_PRICE = re.compile(
    r"\b(?:share|stock)[\s-]+price|\bprice\s+target|\bPT\b|\bEPS\b"
    # "the average price paid", "avg buyback price", "price per tonne": one unit's price
    r"|\b(?:average|avg)\s+(?:[\w-]+\s+){0,2}?price\b|\bprice\s+per\b"
    r"|\b(?:shares|stock)\s+(?:trad\w*|clos\w*|end(?:ed)?|finish\w*|st[oa]+d|s[ea]ttl\w*)\b",
    re.IGNORECASE,
)
# "the euro rate", "dollar-yen rate": the price of a currency, an amount. ("exchange rate"
# names no currency: read so, it cost a held-out unanswerable question its refusal.)
# The currencies named in words, as a question or a rate's sentence names them.
CURRENCY_WORDS = "dollar|euro|yen|yuan|renminbi|sterling|pound"
_CURRENCY_RATE = re.compile(
    rf"\b({CURRENCY_WORDS})(?:[\s/-]+({CURRENCY_WORDS}))?\s+(?:exchange\s+)?rates?\b",
    re.I,
)


def currency_rate_asked(question: str) -> frozenset[str] | None:
    """The currencies of the exchange rate a question asks ("dollar-yen rate": dollar, yen),
    or None when it asks none."""
    match = _CURRENCY_RATE.search(question)
    return frozenset(currency_name(w) for w in match.groups() if w) if match else None


# One name for each currency that goes by two ("the sterling rate", "to the pound").
_SAME_CURRENCY = {"sterling": "pound", "renminbi": "yuan"}


def currency_name(word: str) -> str:
    """The one name a currency is compared by ("Sterling": "pound")."""
    word = word.lower()
    return _SAME_CURRENCY.get(word, word)


_MONEY_CUE = re.compile(rf"\b(?:{_MONEY_WORDS})\b", re.IGNORECASE)
_MONEY_WHAT = re.compile(
    # ("give me H1 sales", "tell me the capex": asked as "what were ...?")
    r"\b(?:what\s+(?:(?:is|was|were|are|will\s+be)\s+(?:[\w'\u2019-]+\s+){0,3}?)?"
    r"|(?:give|tell|show)\s+me\s+(?:[\w'\u2019-]+\s+){0,3}?)"
    r"(?:price|cost|revenue|valuation|budget|spending|investment|capex|sales|turnover"
    r"|dividend)s?\b"
    r"(?!(?:\s+[a-z-]+)?\s+(?:growth|change|margin|share|rate|ratio|increase|decline|mix|yield"
    r"|cover))"
    # "what did fuel sales total?", "what did it cost them?", "what did it earn?": a sum.
    r"|\bwhat\s+(?:did|does|do|will)\s+(?:[\w'\u2019&-]+\s+){1,5}?"
    r"(?:total|amount\s+to|come\s+to|generate|cost|spend|pay|(?:earn|make)(?!\s+per\b))\b"
    # "what is the market supposed to be worth?": an amount.
    r"|\bwhat\s+(?:is|was|are|were|will)\b(?:\s+[\w'\u2019&/-]+){1,8}?\s+worth\b",
    re.IGNORECASE,
)
CHANGE_CUE = re.compile(
    # ... not "the estimate after the cut", "post-raise": the level the move left, nor "before
    # the cut": the level it started from.
    r"(?<!after\sthe\s)(?<!after\sits\s)(?<!post-)(?<!before\sthe\s)(?<!before\sits\s)"
    r"\b(?:grow\w*|grew|ris(?:e|es|en|ing)|rose|increas\w*|fall\w*|fell|drop\w*|declin\w*"
    r"|cut\w*|reduc\w*|slash\w*|hik(?:e|es|ed|ing)|trim(?:s|med|ming)?|lower\w*|jump\w*|climb\w*|shr[iu]nk\w*|surg\w*|gain\w*"
    r"|expand\w*|boost\w*|chang\w*|chg|slip\w*|sl[iu]mp\w*|(?:come|came|gone|go|went)\s+(?:up|down)"
    r"|slow\w*|accelerat\w*|decelerat\w*|(?:sped|speeds?|speeding)\s+up|soften\w*|weaken\w*"
    r"|widen\w*|narrow(?:s|ed|ing)?\b|compress\w*|contract(?:s|ed|ing)"
    r"|(?<=\bdid\s)(?:[\w'\u2019-]+\s+){1,5}?contract(?=\s+(?:in|by|over|during|this|last)\b|\W*$)"
    r"|deteriorat\w*|plung\w*|plummet\w*|soar\w*|tumbl\w*|dent(?:s|ed|ing)?|improv\w*|worsen\w*"
    r"|(?<=much\s)(?:up|down)"  # "fuel yoy in Q3 - how much down?"
    # "by how much did it raise its forecast?" asks the move ("what did it raise it to?": no)
    r"|(?<=\bby\show\smuch\s)(?:[\w'\u2019-]+\s+){0,5}?(?:rais|lift)\w*"
    r"|(?:rais|lift)\w*(?=\s+(?:[\w'\u2019-]+\s+){0,4}?by\W*$)"
    r"|(?:stock|shares?)\s+los(?:e|es|t|ing)"  # "how much did the stock lose?": a move
    r"|(?:yoy|y/y|y-o-y|q/q|qoq)(?=\W*$)"  # "ex-fuel unit costs q3 yoy": the change asked
    # "how much were they up YoY?", "is it down on last year?"
    r"|(?:is|are|was|were)\s+(?:(?!(?:set|made|make|taken?|built|build|shut|ended|summed)\s)"
    r"[\w'\u2019]+\s+){0,3}?(?:up|down)(?!\s+(?:to|with|for)\b))\b",
    re.IGNORECASE,
)
# "How is Acme doing?", "how did sales perform?": asked how something moved, like a change.
_PERFORMANCE_CUE = re.compile(
    r"\bhow\s+(?:is|are|was|were|did|does|do|has|have)\b.*?\b(?:doing|do|perform\w*"
    r"|far(?:e|ed|ing)|going|go|gone|went|mov(?:e|ed|ing)|trend\w*|h(?:o|e)ld(?:ing)?\s+up|holds\s+up"
    r"|trad(?:e|ed|ing)|react\w*|shap(?:e|ed|ing)\s+up|turn(?:ed)?\s+out)\b",
    re.IGNORECASE,
)
_PERCENT_CUE = re.compile(
    r"""\b(?:
        percent(?:age)?s?|proportion|fraction
      | (?:what|which)\s+share | (?:market\s+)?share\s+of | market\s+share
      | (?:what|which)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:rate|margin|nim)s?
      | (?:growth|interest|adoption|utili[sz]ation|tax)\s+rates?
      | how\s+fast
      # "the cost of deposits", "its cost of debt": a rate paid for the money, not a sum
      | cost\s+of\s+(?:(?:its|their|the|total|average)\s+)*
        (?:deposits|funds|funding|debt|borrowing|capital|equity)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_POINTS_CUE = re.compile(
    r"\b(?:bps|basis[\s-]+points?|percentage[\s-]+points?|ppts?|pp)\b", re.IGNORECASE
)
# "what % drop?": a per cent sign that follows no number asks for a percentage.
_PERCENT_SIGN = re.compile(r"(?<![\d.])(?<![\d.]\s)%")
COUNT_CUE = re.compile(r"\bhow\s+(?:many|long|often)\b", re.IGNORECASE)
# "staff numbers", "the number of stores", "headcount": a count asked
# without "how many".
_COUNTED = (
    r"(?:staff|employee|worker|passenger|customer|visitor|subscriber|user|member|patient"
    r"|student|store|shop|branch|vehicle)"
)
_COUNT_NOUN = re.compile(
    rf"\b{_COUNTED}s?\s+(?:numbers|counts?)\b"
    r"|\bnumbers?\s+of\s+[a-z]+s\b|\bheadcount\b",
    re.I,
)
_YEAR_CUE = re.compile(
    r"\bwhen\b|\b(?:what|which)\s+(?:year|date)\b|\bwhat\s+time\b", re.IGNORECASE
)


def asks_movement(question: str) -> bool:
    """Does the question ask how something changed or performed ("how did X grow?", "how's X
    doing?"), so that a rate of change answers it before a level?"""
    unnamed = without_name_runs(question)  # "What did Rising Pumps earn?" asks no rise
    performs = _PERFORMANCE_CUE.search(expand_contractions(question))
    return bool(CHANGE_CUE.search(unnamed) or performs)


# "Where did the shares finish?", "where did the margin land?": the level a move reached.
_WHERE_ENDED = re.compile(
    r"\bwhere\s+(?:did|does|do|is|are|was|were|has|have|will)\b.*?\b(?:finish|close|end|stand"
    r"|land|settle)\w*",
    re.I,
)


# "What did Acme cut the price to?", "to what price was it cut?": where a move ended (with a
# move's word: "what payout ratio does it work out to?" asks no move).
_MOVED_TO = re.compile(r"\bto\s*[?.!]*\s*$|\bto\s+what\s+(?:price|figure|amount)\b", re.I)


# Moves of a plan or target that are no change of a measure's own: "lifted its forecast".
_RAISED = re.compile(r"\b(?:rais|lift)\w*", re.I)


def _moved_to(question: str) -> bool:
    moved = CHANGE_CUE.search(question) or _RAISED.search(question)
    return bool(_MOVED_TO.search(question) and moved)


def asks_level_reached(question: str) -> bool:
    """Does the question ask where something ended up ("to ¥4,632"), not how far it moved?"""
    return bool(_WHERE_ENDED.search(question)) or _moved_to(question)


def asks_amount(question: str) -> bool:
    """ "How much is Acme pouring into AI?": an amount before a count ("how much of" asks a
    share, "how much did it grow" a rate)."""
    return bool(_HOW_MUCH_AMOUNT.search(question)) and not asks_movement(question)


# "How much did currency add to operating profit?", "... shave off the margin?": the part one
# driver played in a move, as a bridge states it.
DRIVER_PART = re.compile(
    r"\bhow\s+much\s+(?:did|does|do|will|would|could|has|have|had)\s+\S[^?]*?\s"
    r"(?P<verb>add(?:ed)?|contribut(?:e|ed)|take|took|shave|knock|wipe|strip|subtract)\s+"
    r"(?:to|off|from)\b",
    re.I,
)
# ... of a rate: the part is in points ("took away about 20 basis points").
# Measures that are rates: a move in one is in points ("the margin widened 18 bps").
RATE_MEASURE = re.compile(
    r"\b(?:margins?|ratios?|rates?|growth|yields?|returns?|spreads?|share|nim)\b", re.I
)


# "the ratio of orders to sales", "the loan-to-deposit ratio": one amount over another.
# ("how large is its borrowing relative to its earnings?": a ratio, not either amount)
_RATIO_ASKED = re.compile(
    r"\bratio\s+of\b|\b\w+(?:\s+|-)to(?:\s+|-)\w+\s+ratio\b"
    r"|\brelative\s+to\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+)?"
    r"(?:earnings|ebitda|ebita|ebit|revenues?|sales|equity|assets|income|profits?)\b",
    re.I,
)
# "by what percentage", "what percent": a percentage, whatever it is of.
_WHAT_PERCENTAGE = re.compile(
    r"\b(?:what|which)\s+(?:percentage|per\s?cent)(?![\s-]+points?\b)"
    # "how much ... as a percentage rate?": the rate, not the sum
    r"|\b(?:as|in)\s+(?:a\s+)?(?:percentage|per\s?cent)(?:\s+rate)?\s*(?:\?|$|of\b|in\b|for\b)",
    re.IGNORECASE,
)


# "a US$5 per barrel move", "each ¥1 change": a figure's move, whose outcome is an amount.
_FIGURE_MOVES = re.compile(
    r"\b(?:a|an|each|every)\s+[^\s?]*\d[^\s?]*\s+(?:[a-z/]+\s+){0,3}?"
    r"(?:move|movement|swing|change|rise|fall|increase|decrease|shift)s?\b",
    re.I,
)


def asked_kinds(question: str) -> set[FigureKind]:
    """The kinds of figure a question asks for; empty when it asks for none.

    Cues add up, so a question may allow several kinds ("How much did AI revenue grow?"
    can be answered with a percentage or an amount).
    """
    question = expand_contractions(question)
    kinds: set[FigureKind] = set()
    if asks_date(question):
        return {"year"}  # "what's the date on the note about revenue growth?": a date only
    if asks_rating(question):
        return kinds  # "what's the broker's rating?": a word of the scale, not its price target
    how_much = _HOW_MUCH.search(question) is not None
    moved = CHANGE_CUE.search(without_name_runs(question))  # "Growth Markets sales?"
    paced = _PACE.search(question)
    if _BY_HOW_MUCH.search(question) or (
        (how_much or _HOW_SHARPLY.search(question) or paced) and moved
    ):
        kinds |= RATE_KINDS
    if _MONEY_WHAT.search(question) or (how_much and (_MONEY_CUE.search(question) or not moved)):
        kinds |= {"money", "number"}
    if how_much and _FIGURE_MOVES.search(question):
        kinds |= {"money", "number"}  # "how much would a US$10 move in oil change EBITDA?"
    if _PER_SHARE.search(question) or _CURRENCY_RATE.search(question):
        kinds.add("money")  # "EPS", "the euro rate": an amount of money for one unit
    if (
        _PERCENT_CUE.search(question)
        or _HOW_MUCH_OF.search(question)
        or _PERCENT_SIGN.search(question)
    ):
        kinds.add("percent")
    if COUNT_CUE.search(question) or _COUNT_NOUN.search(question):
        kinds.add("number")
    if _moved_to(question):  # "what did it cut the price to?": a level, of any kind
        kinds |= {"money", "number", "percent"}
    if _POINTS_CUE.search(question):  # "how many bps of margin": a change in points
        kinds.add("points")
    if _YEAR_CUE.search(question):
        kinds.add("year")
    driver = DRIVER_PART.search(question)
    if driver and RATE_MEASURE.search(question, driver.end()):
        kinds |= RATE_KINDS
    if _RATIO_ASKED.search(question):  # "the ratio of orders to sales": no amount of money
        kinds = (kinds - {"money"}) | {"number", "percent"}
    if _WHAT_PERCENTAGE.search(question):  # "by what percentage is EPS below ...?"
        kinds -= {"money", "number"}
    if CENTS_OF_EACH.search(question):
        return {"percent"}  # "how many cents of each revenue dollar went on costs?": a share
    counts = COUNT_CUE.search(question) or _COUNT_NOUN.search(question)
    spent = how_much and _SPENT.search(question)
    cost = _COST.search(question)  # "what did it cost to ..."
    if (spent or cost) and "money" in kinds and not counts:
        kinds.discard("number")  # "how much has it spent buying back stock?": not the shares
    return kinds


# A share put as cents of each dollar: "how many cents of each revenue dollar", "how many
# pence of profit from every pound of sales".
CENTS_OF_EACH = re.compile(
    r"\bhow\s+many\s+(?:cents|pence)\s+(?:of|out\s+of|from)\b[^?]*?\b(?:each|every)\s+"
    r"(?:[\w-]+\s+)?(?:dollar|euro|pound)\b",
    re.I,
)

# Verbs whose "how much" is a sum of money paid out.
_SPENT = re.compile(r"\b(?:spen[dt]s?|spending|paid|pays?|paying|invest(?:s|ed|ing)?)\b", re.I)
# "what did it cost to lease extra trucks?": a sum, not the trucks.
_COST = re.compile(r"\bwhat\s+(?:did|does|will|would)\s+(?:[\w&.'\u2019-]+\s+){1,3}?cost\b", re.I)


# "Why ...?", "What drove ...?", "What was behind ...?": the question asks for a reason.
_ASKS_REASON = re.compile(
    r"^\W*(?:and\s+)?(?:why|how\s+come|what\s+(?:drove|drives|caused|causes|explains|was\s+behind"
    r"|is\s+behind|led\s+to|hurt|held\s+back|weighed\s+on|pushed))\b"
    r"|\b(?:reasons?\s+for|what\s+was\s+the\s+reason)\b",
    re.IGNORECASE,
)
# Words that give a cause ("reflecting a $24.8m charge", "driven by data-centre demand").
_GIVES_REASON = re.compile(
    r"\b(?:because|due\s+to|owing\s+to|thanks\s+to|reflect(?:s|ed|ing)?|driven\s+by|led\s+by"
    r"|helped\s+by|hit\s+by|hurt\s+by|weighed\s+(?:down\s+)?by|offset\s+by|as\s+a\s+result\s+of"
    r"|on\s+the\s+back\s+of|caused\s+by|result(?:ed|ing)?\s+from|primarily|mainly|largely"
    r"|blamed|blames|attributed\s+to|held\s+back\s+by|amid"
    # "the margin widened to 12.1% from 11.4% as freight costs per trip fell"
    r"|(?<!such\s)(?<!well\s)as(?=\s+(?:[a-z-]+\s+){1,5}(?:fell|rose|grew|declined|dropped"
    r"|increased|decreased|improved|eased|softened|weakened|recovered|slowed)\b)"
    r"|(?<!the\s)following(?=\s+(?:the|a|an|its|their|our)\s))\b",  # "following the pay deal"
    re.IGNORECASE,
)


@cache  # (asked of every figure a sentence holds)
def asks_unit_price(question: str) -> bool:
    """Does the question ask what one share costs, earns or pays ("the share price", "where
    did the stock close?", "the PT", "EPS")?"""
    return bool(_UNIT_PRICE.search(question) or _PER_SHARE.search(question))


def asks_reason(question: str) -> bool:
    """Does the question ask why ("why did margins fall?", "what drove orders?", "what's
    behind it?")?"""
    return bool(_ASKS_REASON.search(expand_contractions(question)))


def gives_reason(sentence: str) -> bool:
    """Does the sentence state a cause ("reflecting", "driven by", "because")?"""
    return bool(_GIVES_REASON.search(sentence))


def reason_start(sentence: str, at: int) -> int | None:
    """Where the cause given after ``at`` begins ("..., mainly due to higher inventories")."""
    cause = _GIVES_REASON.search(sentence, at)
    return cause.start() if cause else None


def before_reason(sentence: str, at: int) -> str:
    """The sentence without the cause that follows the figure at ``at``: "Order intake rose
    2.4%, driven by Smart Meters" is no figure of Smart Meters."""
    cause = _GIVES_REASON.search(sentence, at)
    if cause is None:
        return sentence
    end = re.search(r"[.;](?:\s|$)", sentence[cause.end() :])
    return sentence[: cause.start()] + (sentence[cause.end() + end.start() :] if end else "")


__all__ = [
    "CENTS_OF_EACH",
    "CHANGE_CUE",
    "COUNT_CUE",
    "CURRENCY_WORDS",
    "asked_kinds",
    "asks_amount",
    "asks_for_names",
    "asks_level_reached",
    "asks_movement",
    "asks_reason",
    "asks_unit_price",
    "asks_what_called",
    "before_reason",
    "currency_name",
    "currency_rate_asked",
    "gives_reason",
]
