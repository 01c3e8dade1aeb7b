"""Find and normalise figures (money, percentages, counts, years) in text.

The assistant's key safety property is that no figure reaches the user unless the cited
passage holds it. A draft and its source rarely write a figure the same way ("US$53bn" versus
"$53 billion", "six quarters" versus "6 quarters"), so both sides are reduced to a kind, a
currency and a value in base units, and compared with a small relative tolerance.

Recognition leans towards finding too many figures in a draft rather than too few: a figure
that is missed can never be checked. Things that only look numeric (citation markers such as
``[2]``, model names such as ``Qwen3``, period labels such as ``Q4``, list markers, URLs and
the month/day parts of dates) are masked out first.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

__all__ = [
    "Figure",
    "FigureKind",
    "asked_kinds",
    "contains_figure",
    "figures_equal",
    "find_figures",
    "parse_figure",
]

FigureKind = Literal["money", "percent", "points", "number", "year"]

# Values within this fraction of the larger magnitude are the same figure: it absorbs the
# rounding in "RMB 3.74 billion" versus "RMB 3,743 million" without equating 18% and 19%.
RELATIVE_TOLERANCE = 0.005

_YEAR_RANGE = (1900, 2100)

_SCALES: dict[str, Decimal] = {
    "hundred": Decimal(10**2),
    "thousand": Decimal(10**3),
    "k": Decimal(10**3),
    "million": Decimal(10**6),
    "m": Decimal(10**6),
    "mn": Decimal(10**6),
    "billion": Decimal(10**9),
    "b": Decimal(10**9),
    "bn": Decimal(10**9),
    "trillion": Decimal(10**12),
    "t": Decimal(10**12),
    "tn": Decimal(10**12),
}

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNIT_WORDS = "|".join(_UNITS[1:])
_WORD_VALUES: dict[str, int] = {
    **{word: i for i, word in enumerate(_UNITS)},
    **{word: 10 + i for i, word in enumerate(_TEENS)},
    **{word: 20 + 10 * i for i, word in enumerate(_TENS)},
}

# --- Masks: spans that contain digits but are not figures. They are blanked with spaces so
# that offsets into the original text stay valid.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A day after or before a month name, unless a unit shows it is a quantity after all.
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?![.,]\d|\s*(?:%|per|thousand|[mbt]illion))"
_MASKS: tuple[re.Pattern[str], ...] = (
    re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE),
    # Citation markers: [2], [12], [1, 3], [1-3]; adjacent markers are matched one by one.
    re.compile(r"\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\]"),
    # Numbered-list markers at the start of a line: "1. Margin Management", "2) ...".
    re.compile(r"^[ \t#>*]*(?P<mark>\d{1,3}[.)])(?=[ \t])", re.MULTILINE),
    # Month and day of ISO-like dates (2025-08-29, 2025/08/29); the year stays a year.
    re.compile(r"(?<![\w.])\d{4}(?P<md>([-/.])\d{1,2}\2\d{1,2})(?!\d)"),
    # Month and day of US-style dates (08/29/2025).
    re.compile(r"(?<![\w./])(?P<md>\d{1,2}/\d{1,2}/)\d{4}(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}", re.IGNORECASE),
    re.compile(rf"(?<![\w.]){_DAY}\s+(?:of\s+)?{_MONTH}\b", re.IGNORECASE),
)
_MASK_GROUPS = ("mark", "md", "day")  # when present, only this group is blanked

# --- The core of a figure: a numeral (with optional currency prefix and scale) or a number
# word. Both sides are fenced so that digits glued to letters (Qwen3, GPT-4, H20, Q4, FY25,
# 3D, 2nd) never match.
_WORD_NUMBER = (
    rf"(?P<tens>{'|'.join(_TENS)})(?:-(?P<tens_unit>{_UNIT_WORDS}))?"
    rf"|(?P<word>{'|'.join(_TEENS + _UNITS[2:] + _UNITS[:1])})"
    # "one" is a figure only before a counting unit: not "one of the", "someone", "once".
    r"|(?P<one>one)(?=[ \t-]+(?:quarters?|years?|months?|weeks?|days?|shares?|times?|hundred"
    r"|thousand|[mbt]illion|percent(?:age)?|per\s+cent|dollars?|yuan)\b)"
)
# Units that may be glued to the digits ("5pp", "76percent"); any other letter fences it off.
_ATTACHED_SUFFIX = r"(?:pp|bps|pts|percent|usd|rmb|cny|yuan)\b"
_CORE = re.compile(
    rf"""
    (?<![\w.])(?<![A-Za-z]-)
    (?:
        (?:(?P<prefix>US\s?\$|\$|USD|RMB|CNY|CN¥|¥)\s?)?
        (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
        (?:\s?(?P<scale>thousand|million|billion|trillion|tn|bn|mn|[kmbt]))?
        (?P<times>[x\u00d7])?
        (?!(?!{_ATTACHED_SUFFIX})\w|[.,]\d)
    |
        (?:{_WORD_NUMBER})\b
        (?!-(?:{_UNIT_WORDS})\b)
        (?:\s+(?P<hundred>hundred)\b)?
        (?:\s+(?P<word_scale>thousand|million|billion|trillion)\b)?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# What may follow the core and decide its kind or currency.
_SUFFIX = re.compile(
    r"""
    \s?(?:
        (?P<percent>%|percent\b|per\s?cent\b)
      | (?P<bps>basis\s+points?\b|bps\b)
      | (?P<points>percentage\s+points?\b|pp\b|p\.p\.|points?\b|pts\b)
      | (?P<usd>(?:US\s?)?dollars?\b|USD\b)
      | (?P<cny>yuan\b|RMB\b|CNY\b|renminbi\b)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_RANGE_SEPARATOR = re.compile(r"\s*[-\u2013\u2014]\s*|\s+to\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure found in a text, with the value it stands for."""

    text: str
    kind: FigureKind
    value: float
    currency: str | None
    start: int
    end: int

    def matches(self, other: Figure) -> bool:
        """Same kind and currency, and values within 0.5% of the larger one."""
        if self.kind != other.kind or self.currency != other.currency:
            return False
        largest = max(abs(self.value), abs(other.value))
        if largest == 0:
            return True
        return abs(self.value - other.value) <= RELATIVE_TOLERANCE * largest

    def normalised(self) -> str:
        """A short canonical label such as "USD 53000000000", "76%", "5 pp" or "6"."""
        number = _format_number(self.value)
        if self.kind == "money":
            return f"{self.currency} {number}"
        if self.kind == "percent":
            return f"{number}%"
        if self.kind == "points":
            return f"{number} pp"
        return number


@dataclass
class _Token:
    """A figure while it is being read; ranges may still lend it a unit."""

    start: int
    end: int
    amount: Decimal
    plain_integer: bool  # digits only: no separators, decimals, scale or word
    scale: Decimal | None = None
    currency: str | None = None
    unit: Literal["percent", "points", "bps"] | None = None

    @property
    def year_like(self) -> bool:
        low, high = _YEAR_RANGE
        return self.plain_integer and self.scale is None and low <= self.amount <= high

    def bare(self) -> bool:
        return self.scale is None and self.currency is None and self.unit is None


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order and non-overlapping."""
    masked = _mask(text)
    tokens = [_read_token(masked, match) for match in _CORE.finditer(masked)]
    for left, right in itertools.pairwise(tokens):
        if _RANGE_SEPARATOR.fullmatch(masked, left.end, right.start):
            _share_range_units(left, right)
    return [_to_figure(text, token) for token in tokens]


def parse_figure(text: str) -> Figure:
    """The one figure in a short string such as "$53 billion"; ValueError if not exactly one."""
    figures = find_figures(text)
    if not figures:
        raise ValueError(f"no figure found in {text!r}; expected one such as '$53 billion'")
    if len(figures) > 1:
        found = ", ".join(repr(f.text) for f in figures)
        raise ValueError(f"expected exactly one figure in {text!r}, found {len(figures)}: {found}")
    return figures[0]


def contains_figure(text: str, figure: Figure) -> bool:
    """Whether any figure in ``text`` matches ``figure``."""
    return any(candidate.matches(figure) for candidate in find_figures(text))


def figures_equal(a: str | Figure, b: str | Figure) -> bool:
    """Compare two figures; strings are read with :func:`parse_figure`."""
    left = parse_figure(a) if isinstance(a, str) else a
    right = parse_figure(b) if isinstance(b, str) else b
    return left.matches(right)


# --- Question cues for asked_kinds.
_HOW_MUCH = re.compile(r"\bhow\s+much\b", re.IGNORECASE)
_HOW_MUCH_OF = re.compile(r"\bhow\s+much\s+of\b", re.IGNORECASE)
_BY_HOW_MUCH = re.compile(
    r"\bby\s+(?:how\s+much|what\s+(?:percentage|percent|proportion|factor|margin))\b",
    re.IGNORECASE,
)
_MONEY_WORDS = (
    r"spen[dt]\w*|commit\w*|costs?|costing|pric\w*|revenues?|invest\w*|pa(?:y|id|ys|ying)"
    r"|worth|valu\w*|budget\w*|capex|capital\s+expenditure|earn\w*|profits?|income|sales"
    r"|money|fund\w*|rais\w*|dollars?|yuan|rmb|usd"
)
_MONEY_CUE = re.compile(rf"\b(?:{_MONEY_WORDS})\b", re.IGNORECASE)
_MONEY_WHAT = re.compile(
    r"\bwhat\s+(?:is|was|were|are|will\s+be)\s+(?:[\w'\u2019-]+\s+){0,3}?"
    r"(?:price|cost|revenue|valuation|budget|spending|investment|capex)s?\b",
    re.IGNORECASE,
)
_CHANGE_CUE = re.compile(
    r"\b(?:grow\w*|grew|ris(?:e|es|en|ing)|rose|increas\w*|fall\w*|fell|drop\w*|declin\w*"
    r"|cut\w*|reduc\w*|slash\w*|lower\w*|jump\w*|climb\w*|shr[iu]nk\w*|surg\w*|gain\w*"
    r"|expand\w*|boost\w*|chang\w*)\b",
    re.IGNORECASE,
)
_PERCENT_CUE = re.compile(
    r"""\b(?:
        percent(?:age)?s?|proportion|fraction
      | (?:what|which)\s+share | (?:market\s+)?share\s+of | market\s+share
      | (?:what|which)\s+(?:[\w'\u2019-]+\s+){0,4}?(?:rate|margin)s?
      | (?:growth|interest|adoption|utili[sz]ation|tax)\s+rates?
      | how\s+fast
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
_COUNT_CUE = re.compile(r"\bhow\s+(?:many|long|often)\b", re.IGNORECASE)
_YEAR_CUE = re.compile(
    r"\bwhen\b|\b(?:what|which)\s+(?:year|date)\b|\bwhat\s+time\b", re.IGNORECASE
)


def asked_kinds(question: str) -> set[FigureKind]:
    """The kinds of figure a question asks for; empty when it asks for none.

    Cues add up, so a question may allow several kinds ("How much did AI revenue grow?"
    can be answered with a percentage or an amount).
    """
    kinds: set[FigureKind] = set()
    how_much = _HOW_MUCH.search(question) is not None
    if _BY_HOW_MUCH.search(question) or (how_much and _CHANGE_CUE.search(question)):
        kinds |= {"percent", "points"}
    if _MONEY_WHAT.search(question) or (
        how_much and (_MONEY_CUE.search(question) or not _CHANGE_CUE.search(question))
    ):
        kinds |= {"money", "number"}
    if _PERCENT_CUE.search(question) or _HOW_MUCH_OF.search(question):
        kinds.add("percent")
    if _COUNT_CUE.search(question):
        kinds.add("number")
    if _YEAR_CUE.search(question):
        kinds.add("year")
    return kinds


def _mask(text: str) -> str:
    """Blank out digit-bearing spans that are not figures, keeping every offset."""
    chars = list(text)
    for pattern in _MASKS:
        for match in pattern.finditer(text):
            group = next((g for g in _MASK_GROUPS if g in pattern.groupindex), 0)
            start, end = match.span(group)
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def _read_token(masked: str, match: re.Match[str]) -> _Token:
    """Turn one core match, plus any unit suffix after it, into a token."""
    if match["num"] is not None:
        token = _Token(
            start=match.start(),
            end=match.end(),
            amount=Decimal(match["num"].replace(",", "")),
            plain_integer=match["num"].isdigit() and match["times"] is None,
        )
        if match["scale"]:
            token.scale = _SCALES[match["scale"].lower()]
    else:
        token = _Token(
            start=match.start(), end=match.end(), amount=_word_amount(match), plain_integer=False
        )
        if match["word_scale"]:
            token.scale = _SCALES[match["word_scale"].lower()]

    if match["prefix"]:
        token.currency = _prefix_currency(match["prefix"])
        return token  # a currency up front settles the kind; "$53bn USD" adds nothing
    if match["times"]:
        return token

    suffix = _SUFFIX.match(masked, token.end)
    if suffix is None:
        return token
    token.end = suffix.end()
    if suffix["percent"]:
        token.unit = "percent"
    elif suffix["bps"]:
        token.unit = "bps"
    elif suffix["points"]:
        token.unit = "points"
    else:
        token.currency = "USD" if suffix["usd"] else "CNY"
    return token


def _prefix_currency(prefix: str) -> str:
    # A bare "$" is taken as US dollars; other dollars (HK$, A$) never reach here because the
    # letter before "$" fences the match, leaving a plain number.
    return "USD" if "$" in prefix or prefix.upper() == "USD" else "CNY"


def _word_amount(match: re.Match[str]) -> Decimal:
    if match["tens"]:
        amount = _WORD_VALUES[match["tens"].lower()]
        if match["tens_unit"]:
            amount += _WORD_VALUES[match["tens_unit"].lower()]
    else:
        amount = _WORD_VALUES[(match["word"] or match["one"]).lower()]
    if match["hundred"]:
        amount *= 100
    return Decimal(amount)


def _share_range_units(left: _Token, right: _Token) -> None:
    """Let the two ends of a range lend each other units: "10-20%", "$10-20 billion"."""
    if left.year_like and not right.year_like:
        return  # "in 2025 to 10%" is a year followed by a figure, not a range
    if left.scale is None and left.unit is None:
        left.scale = right.scale
    if left.currency is None and left.unit is None:
        left.currency = right.currency
    if left.bare() and right.unit is not None:
        left.unit = right.unit
    if right.currency is None and right.unit is None:
        right.currency = left.currency


def _to_figure(text: str, token: _Token) -> Figure:
    amount = token.amount * (token.scale or 1)
    kind: FigureKind
    currency = None
    if token.unit == "percent":
        kind = "percent"
    elif token.unit == "bps":
        kind, amount = "points", amount / 100  # 50 basis points are 0.5 percentage points
    elif token.unit == "points":
        kind = "points"
    elif token.currency is not None:
        kind, currency = "money", token.currency
    elif token.year_like:
        kind = "year"
    else:
        kind = "number"
    return Figure(
        text=text[token.start : token.end],
        kind=kind,
        value=float(amount),
        currency=currency,
        start=token.start,
        end=token.end,
    )


def _format_number(value: float) -> str:
    """Plain decimal notation without exponent or trailing zeros: 53e9 -> "53000000000"."""
    return format(Decimal(repr(value)).normalize(), "f")
