"""A lender's measures in a reader's words: the "cushion against loan losses" a bank holds
is its allowance for credit losses, "the average rate it pays on its deposits" its cost of
deposits, what it "made before setting aside money for credit losses" its pre-provision net
revenue. Read by ``assistant.rephrasings`` with its other descriptions."""

from __future__ import annotations

import re
from collections.abc import Callable

# The "cushion against loan losses" a bank holds is its allowance; its "net
# assets per share once goodwill and intangibles are stripped out", its tangible book value
# per share; "the average rate it pays on its deposits", its cost of deposits; "deposits that
# earn no interest", noninterest-bearing deposits.
_LOSS_CUSHION = re.compile(
    r"\b(?:cushion|buffer|reserves?)\s+(?:[\w'-]+\s+){0,8}?against\s+"
    r"(?:expected\s+|future\s+|possible\s+|potential\s+)?(?:loan|credit|lending)\s+losses\b",
    re.I,
)
_TANGIBLE_PER_SHARE = re.compile(
    r"\b(?:net\s+assets|book\s+value)\s+per\s+share,?\s+(?:once|after|excluding|ex|less|minus"
    r"|without|stripping\s+out|leaving\s+out)\s+(?:its\s+|the\s+)?(?:goodwill\s+and\s+(?:other\s+)?)?"
    r"intangibles?(?:\s+assets)?(?:\s+(?:are|have\s+been|is|has\s+been)\s+(?:stripped|taken|removed)"
    r"\s+out)?",
    re.I,
)
_RATE_ON_DEPOSITS = re.compile(
    r"\b(?:the\s+)?(?:average\s+)?(?:interest\s+)?rate\s+(?:paid\s+|(?:that\s+)?"
    r"(?P<do>(?:do|does|did)\s+)?(?P<owner>(?:(?!(?:do|does|did)\s)[\w'-]+\s+){0,2}?)pays?\s+)"
    r"on\s+(?:all\s+(?:of\s+)?)?(?:(?:its|their|the)\s+)?deposits\b",
    re.I,
)
# "how much is Acme paying for its deposits?": what its deposits cost it.
# ("what did Acme pay on its deposits on average?": the same)
_PAYING_FOR_DEPOSITS = re.compile(
    r"\b(?:how\s+much|what)\s+(?P<do>is|are|does|do|did|was)\s+(?P<owner>[\w'-]+(?:\s+[\w'-]+)?)\s+"
    r"pay(?:ing|s)?\s+(?:for|on)\s+(?:its|their|the)\s+deposits(?:,?\s+on\s+average\b)?",
    re.I,
)
_PRONOUN_OWNERS = {"it": "its", "they": "their"}


def _cost_of_deposits(match: re.Match[str]) -> str:
    owner = (match["owner"] or "").strip()
    owner = _PRONOUN_OWNERS.get(owner.lower()) or (f"{owner}'s" if owner else "the")
    return f"{'is ' if match['do'] else ''}{owner} cost of deposits"  # "what rate does it pay"


_NO_INTEREST_DEPOSITS = re.compile(
    r"\bdeposits\s+(?:that\s+|which\s+)?(?:earn|bear|pay)s?\s+no\s+interest(?:\s+at\s+all)?\b",
    re.I,
)
# "its cash and undrawn credit lines": its liquidity.
_CASH_AND_UNDRAWN = re.compile(
    r"\bcash\s+(?:and|plus)\s+(?:its\s+|their\s+)?undrawn\s+(?:credit|borrowing|revolving|bank)"
    r"(?:\s+(?:lines?|facilit(?:y|ies)))?",
    re.I,
)


# "What did it make before setting aside money for credit losses?": pre-provision revenue.
_BEFORE_PROVISIONS = re.compile(
    r"\b(?:make|made|earn|earned|generate|generated)\s+before\s+(?:(?:setting\s+aside\s+"
    r"(?:money|anything|funds|reserves)?\s*|provisions?\s+|provisioning\s+)(?:for|against)\s+"
    r"(?:credit|loan|bad[\s-]+(?:debts?|loans?))(?:\s+losses)?"
    # "earn before loan-loss charges and taxes"
    r"|(?:credit|loan)[\s-]+loss\s+(?:charges|provisions)(?:\s+and\s+tax(?:es)?)?"
    # "earn before credit costs and taxes"
    r"|credit\s+costs(?:\s+and\s+tax(?:es)?)?)\b",
    re.I,
)
# "What share of its loans are not being repaid as agreed?": its nonperforming loans.
_NOT_REPAID = re.compile(
    r"\bwhat\s+(?:share|proportion|percentage|portion)\s+of\s+(?P<who>.+?)\s*loans\s+"
    r"(?:(?:are|were|is)\s+not\s+(?:being\s+)?(?:repaid|paid|serviced)"
    r"(?:\s+(?:as\s+agreed|on\s+time|as\s+scheduled))?"
    # "what share of its loans had stopped performing?"
    r"|(?:had|have|has)\s+(?:stopped|ceased)\s+(?:performing|paying))",
    re.I,
)
# "What percentage of the office loan book is covered by reserves?": its reserve coverage.
_COVERED_BY_RESERVES = re.compile(
    r"\bwhat\s+(?:percentage|share|proportion|portion)\s+of\s+(?P<what>.+?)\s+(?:is|are)\s+"
    r"covered\s+by\s+(?:its\s+|their\s+|the\s+)?(?:reserves|allowances?|provisions)\b",
    re.I,
)

# "bring in from fees and other non-lending activities": noninterest income; "earn from
# lending after paying interest to its depositors": net interest income.
_FROM_FEES = re.compile(
    r"\bbring\s+in\s+from\s+fees(?:\s+and\s+other\s+non-?lending\s+(?:activities|business(?:es)?))?",
    re.I,
)
_FROM_LENDING = re.compile(
    r"\b(?:earn|make)\s+from\s+lending\s+(?:after|net\s+of)\s+(?:paying\s+)?interest\s+"
    r"(?:to|on)\s+(?:its\s+|their\s+)?(?:depositors|deposits)\b",
    re.I,
)
# "set aside to cover loans it expects to go bad": the period's provision.
_COVER_BAD_LOANS = re.compile(
    r"\bset\s+aside\b(?P<mid>[^?]{0,40}?)\s+to\s+cover\s+loans\s+(?:it\s+|they\s+)?"
    r"(?:expects?\s+to|that\s+(?:may|might|could|will))\s+go\s+bad\b",
    re.I,
)
# "how much of its deposit base has it lent out": loans to deposits.
_DEPOSITS_LENT_OUT = re.compile(
    r"\bhow\s+much\s+of\s+(?:its|their)\s+deposit\s+base\s+(?:has|have|did|does)\s+"
    r"(?P<who>.+?)\s+lent?\s+out\b",
    re.I,
)
# "what share of average loans did it write off": net charge-offs to average loans.
_WRITTEN_OFF = re.compile(
    r"\bwhat\s+(?:share|proportion|percentage)\s+of\s+(?:its\s+)?average\s+loans\s+did\s+"
    r"(?P<who>.+?)\s+write\s+off(?:\s+as\s+(?:uncollectable|uncollectible|bad(?:\s+debts?)?))?",
    re.I,
)
# "what share of its revenue did it spend on running costs": the efficiency ratio.
_REVENUE_ON_COSTS = re.compile(
    r"\bwhat\s+(?:share|proportion|percentage|portion)\s+of\s+(?:its\s+|their\s+)?revenues?\s+"
    r"did\s+(?P<who>.+?)\s+spend\s+on\s+(?:running\s+costs|operating\s+(?:costs|expenses)"
    r"|overheads|expenses)\b",
    re.I,
)


def whose(who: str) -> str:
    """ "Acme" -> "Acme's", "it" -> "its" ("Acme's" as it is)."""
    who = who.strip()
    if re.search(r"['\u2019]s?$", who):
        return who
    return _PRONOUN_OWNERS.get(who.lower()) or (f"{who}'" if who.endswith("s") else f"{who}'s")


Naming = str | Callable[[re.Match[str]], str]

# Each description and the words documents print for it.
LENDERS_DESCRIBED: tuple[tuple[re.Pattern[str], Naming], ...] = (
    (_LOSS_CUSHION, "allowance for credit losses"),
    (_TANGIBLE_PER_SHARE, "tangible book value per share"),
    (_RATE_ON_DEPOSITS, _cost_of_deposits),
    (_PAYING_FOR_DEPOSITS, lambda m: f"what {_cost_of_deposits(m)}"),
    (_NO_INTEREST_DEPOSITS, "noninterest-bearing deposits"),
    (_CASH_AND_UNDRAWN, "liquidity"),
    (_BEFORE_PROVISIONS, "make in pre-provision net revenue"),
    (_COVERED_BY_RESERVES, lambda m: f"what is the reserve coverage on {m['what']}"),
    (_FROM_FEES, "make in noninterest income"),
    (_FROM_LENDING, "earn in net interest income"),
    (_COVER_BAD_LOANS, lambda m: f"set aside{m['mid']} as provision for credit losses"),
    (_DEPOSITS_LENT_OUT, lambda m: f"what is {whose(m['who'])} loans to deposits ratio"),
    (_WRITTEN_OFF, lambda m: f"what were {whose(m['who'])} net charge-offs to average loans"),
    (_REVENUE_ON_COSTS, lambda m: f"what was {whose(m['who'])} efficiency ratio"),
    (_NOT_REPAID, lambda m: f"what share of {m['who']} total loans are nonperforming"),
)


__all__ = ["LENDERS_DESCRIBED", "Naming", "whose"]
