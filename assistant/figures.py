"""Find and normalise figures (money, percentages, counts, years) in text.

The assistant's key safety property is that no figure reaches the user unless the cited
passage holds it. A draft and its source rarely write a figure the same way ("US$53bn" versus
"$53 billion", "six quarters" versus "6 quarters", "(3.7)%" versus "down 3.7%"), so both sides
are reduced to a kind, a currency and a value in base units, and compared with a small
relative tolerance.

Recognition leans towards finding too many figures in a draft rather than too few: a figure
that is missed can never be checked. Things that only look numeric (citation markers such as
``[2]``, model names such as ``GPT-4``, period labels such as ``Q4``, list markers, URLs and
the month/day parts of dates) are masked out first.

Rules worth knowing:

- Currencies: USD ($, US$, USD, dollars), EUR (€, EUR, euros), GBP (£, GBP, pounds, sterling;
  "45.5p" and "45.5 pence" are GBP 0.455), CNY (RMB, CNY, CN¥, yuan, renminbi), JPY (JP¥,
  JPY, yen), HKD (HK$, HKD), AUD (A$, AU$, AUD), CAD (C$, CA$, CAD), CHF, INR (₹, INR).
  A bare "¥" is read as CNY (the yuan sign is the commoner of the two in the material this
  reads; write "JP¥" or "yen" for yen). A "$" after other letters (NZ$) is no known currency,
  and the figure stays a plain number.
- Signs: "-1.3%" (hyphen or minus sign, U+2212) is -1.3, and so is the accounting form
  "(1.3)%"; a word such as "down" or "fell" is a direction, not a sign, so "down 3.7%"
  stays +3.7. Figures compare by magnitude: the sign and the direction word say the same
  thing, and whether the direction holds is for the callers that read the words.
- Ranges ("£975-1,075mn", "£975mn-£1,075mn" with a hyphen or an en dash, "10 to 20%",
  "between 3% and 4%") are one figure: ``value`` is the low end and ``high`` the high end;
  both ends share the currency, unit and scale written on either. "from 10% to 20%" and
  "by 5% to 7%" are two figures (a change, not a range), and so are two years ("2023-2025":
  each is a period).
- Table cells: a bare value right after a column header with a unit ("£m: 1,114", "(3.7)"
  after "£m: ") takes the header's currency and scale; see :func:`unit_from_header`.
- Claims: a number word up to ten right before a unit of time ("three years", "one quarter",
  "two-week") is a duration, not a claim worth auditing (``is_claim`` False), unless a streak
  word makes it a counted run ("six consecutive quarters", "three years in a row").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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
    "unit_from_header",
]

FigureKind = Literal["money", "percent", "points", "number", "year"]

# Values within this fraction of the larger magnitude are the same figure: it absorbs the
# rounding in "RMB 3.74 billion" versus "RMB 3,743 million" without equating 18% and 19%.
RELATIVE_TOLERANCE = 0.005

_YEAR_RANGE = (1900, 2100)

# Scale words and abbreviations by power of ten ("000" and "'000s" appear in table headers).
_SCALE_WORDS = {
    2: "hundred",
    3: "thousand thousands k 000 000s '000 '000s",
    6: "million millions m mn mln",
    9: "billion billions b bn",
    12: "trillion t tn",
}
_SCALES: dict[str, Decimal] = {
    word: Decimal(10**power) for power, words in _SCALE_WORDS.items() for word in words.split()
}

# Number words in value order: a list reads best as text.
_UNITS = "zero one two three four five six seven eight nine".split()  # noqa: SIM905
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()  # noqa: SIM905
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
_UNIT_WORDS = "|".join(_UNITS[1:])
_WORD_VALUES: dict[str, int] = {
    **{word: i for i, word in enumerate(_UNITS)},
    **{word: 10 + i for i, word in enumerate(_TEENS)},
    **{word: 20 + 10 * i for i, word in enumerate(_TENS)},
}

# --- Currencies. Symbols and prefixes are tried longest first, so "HK$" wins over "$".
# (a bare "¥" is CNY: see the module docstring)
_PREFIX_CURRENCIES: dict[str, str] = {
    **dict.fromkeys(("US$", "US $", "$"), "USD"),
    **dict.fromkeys(("HK$",), "HKD"),
    **dict.fromkeys(("A$", "AU$"), "AUD"),
    **dict.fromkeys(("C$", "CA$"), "CAD"),
    **dict.fromkeys(("CN¥", "¥"), "CNY"),
    **{"JP¥": "JPY", "€": "EUR", "£": "GBP", "₹": "INR"},
}
_CODES = ("USD", "EUR", "GBP", "CNY", "RMB", "JPY", "HKD", "AUD", "CAD", "CHF", "INR")
_CODE_CURRENCY = {code: "CNY" if code == "RMB" else code for code in _CODES}
_PREFIX = "|".join(
    [re.escape(p).replace(r"\ ", r"\s?") for p in sorted(_PREFIX_CURRENCIES, key=len, reverse=True)]
    + list(_CODES)
)
# Currency words after a number; the first group that matches names the currency.
_CURRENCY_WORDS: dict[str, str] = {
    "HKD": r"(?:HK|Hong\s+Kong)\s?dollars?\b|HKD\b",
    "AUD": r"Australian\s+dollars?\b|AUD\b",
    "CAD": r"Canadian\s+dollars?\b|CAD\b",
    "USD": r"(?:US\s?)?dollars?\b|USD\b",
    "EUR": r"euros?\b|EUR\b",
    "GBP": r"pounds?(?:\s+sterling)?\b|sterling\b|GBP\b",
    "CNY": r"yuan\b|RMB\b|CNY\b|renminbi\b",
    "JPY": r"yen\b|JPY\b",
    "CHF": r"(?:Swiss\s+)?francs?\b|CHF\b",
    "INR": r"rupees?\b|INR\b",
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
    # The thousands in a column header's unit: "€000:", "(£000s)".
    re.compile(r"[£€$¥₹]\s?(?P<thousands>'?000)(?=s?(?:\)|[ \t]*(?::|\n|$)))"),
)
_MASK_GROUPS = ("mark", "md", "day", "thousands")  # when present, only this group is blanked

# --- The core of a figure: a numeral (with optional sign, currency prefix and scale) or a
# number word. Both sides are fenced so that digits glued to letters (GPT-4, H20, Q4, FY25,
# 3D, 2nd) never match.
_WORD_NUMBER = (
    rf"(?P<tens>{'|'.join(_TENS)})(?:-(?P<tens_unit>{_UNIT_WORDS}))?"
    rf"|(?P<word>{'|'.join(_TEENS + _UNITS[2:] + _UNITS[:1])})"
    # "one" is a figure only before a counting unit: not "one of the", "someone", "once".
    r"|(?P<one>one)(?=[ \t-]+(?:quarters?|years?|months?|weeks?|days?|shares?|times?|hundred"
    r"|thousand|[mbt]illion|percent(?:age)?|per\s+cent|dollars?|yuan|euros?|pounds?)\b)"
)
_NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Units that may be glued to the digits ("5pp", "76percent", "45.5p"); any other letter
# fences the number off.
_ATTACHED_SUFFIX = r"(?:pp|bps|pts|percent|p(?!\.\w)|usd|rmb|cny|eur|gbp|jpy|hkd|yuan)\b"
_CORE = re.compile(
    rf"""
    # Digits glued to a word by a hyphen (GPT-4) are a name; "£975mn-£1,075mn" is a range.
    (?<![\w.])(?:(?<![A-Za-z]-)|(?=[£€$¥₹]))
    (?:
        # A minus sign glued to the figure; after "%" or ")" a hyphen joins a range instead.
        (?:(?<![%)])(?P<sign>[-\u2212]))?
        (?:(?P<prefix>{_PREFIX})\s?)?
        (?:
            (?P<num>{_NUMERAL})
            # Accounting negative "(3.7)%", or a bare "(12)" ending a table cell.
          | \((?P<neg>{_NUMERAL})\)(?=\s?%|[ \t]*(?:[;|\n]|$))
        )
        (?:\s?(?P<scale>thousand|million|billion|trillion|tn|bn|mln|mn|[kmbt]))?
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
    r"(?P<pence>p\b(?!\.\w))|\s?(?:"
    r"(?P<percent>%|percent\b|per\s?cent\b)"
    r"|(?P<bps>basis\s+points?\b|bps\b)"
    r"|(?P<points>percentage\s+points?\b|pp\b|p\.p\.|points?\b|pts\b)"
    r"|(?P<spaced_pence>pence\b)"
    + "".join(f"|(?P<{code}>{words})" for code, words in _CURRENCY_WORDS.items())
    + ")",
    re.IGNORECASE,
)
_RANGE_SEPARATOR = re.compile(r"\s*[-\u2013]\s*|\s+to\s+", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(?:from|by)\s+$", re.IGNORECASE)

# --- Table cells: "<header>: <value>" where the header is the column's unit.
_CELL_HEADER = re.compile(
    r"(?:^|[;|\u2014\n])[ \t]*(?P<header>[^:;|\n\u2014]{1,40}?)[ \t]*:[ \t]*$"
)
_HEADER_SCALE = r"000s?|'000s?|thousands?|millions?|billions?|mln|mn|bn|tn|[kmb]"
_HEADER_UNIT = re.compile(
    rf"""(?:^|(?<=[\s(,]))\(?
    (?:(?P<currency>{_PREFIX})\s?(?P<scale>{_HEADER_SCALE})?|(?P<bare_scale>{_HEADER_SCALE}))
    \)?$""",
    re.IGNORECASE | re.VERBOSE,
)

# --- Durations that are not claims: "three years", "one quarter", "two-week".
_TIME_UNIT = re.compile(
    r"[ \t]*-?[ \t]*(?P<streak>(?:consecutive|straight|successive)\s+)?"
    r"(?:years?|quarters?|months?|weeks?|days?|hours?|decades?|minutes?|seconds?)\b",
    re.IGNORECASE,
)
_STREAK_AFTER = re.compile(
    r"\s+(?:in\s+a\s+row|running|straight|consecutively|on\s+the\s+trot)\b", re.IGNORECASE
)
_AFTER_COLON = re.compile(r":[ \t]*$")
_STREAK_BEFORE = re.compile(r"\b(?:consecutive|straight|successive)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure found in a text, with the value it stands for.

    ``value`` is the figure (the low end of a range), signed: "(3.7)%" is -3.7. ``high`` is
    the high end of a range and None otherwise. ``is_claim`` is False for a duration written
    as a small number word ("three years"), which is not a figure worth auditing.
    """

    text: str
    kind: FigureKind
    value: float
    currency: str | None
    start: int
    end: int
    high: float | None = None
    is_claim: bool = True

    @property
    def is_range(self) -> bool:
        return self.high is not None

    def ends(self) -> tuple[Figure, ...]:
        """The single figures a range is made of (the figure itself when it is no range)."""
        if self.high is None:
            return (self,)
        return (replace(self, high=None), replace(self, value=self.high, high=None))

    def matches(self, other: Figure) -> bool:
        """The same number stands in both: same kind and currency, magnitudes within 0.5%.

        A range matches an equal range, and a single value matches a range when it equals
        either end ("£975mn" stands in "£975-1,075mn"), in both directions. Use
        :meth:`holds` to ask whether a quote holds a draft's figure.
        """
        if self.kind != other.kind or self.currency != other.currency:
            return False
        if self.is_range and other.is_range:
            return _close(self.value, other.value) and _close(self.high, other.high)
        return any(_close(a.value, b.value) for a in self.ends() for b in other.ends())

    def holds(self, other: Figure) -> bool:
        """Does this figure, as written in a quote, hold ``other`` as written in a draft?

        Like :meth:`matches`, except that a single value never holds a range: the range's
        other end is not in the quote.
        """
        if other.is_range and not self.is_range:
            return False
        return self.matches(other)

    def normalised(self) -> str:
        """A canonical label: "USD 53000000000", "76%", "5 pp", "6"; ranges join with an en dash."""
        number = _format_number(self.value)
        if self.high is not None:
            number += "\u2013" + _format_number(self.high)
        if self.kind == "money":
            return f"{self.currency} {number}"
        if self.kind == "percent":
            return f"{number}%"
        if self.kind == "points":
            return f"{number} pp"
        return number


def _close(a: float | None, b: float | None) -> bool:
    """Magnitudes within the relative tolerance of the larger one."""
    if a is None or b is None:
        return a is b
    a, b = abs(a), abs(b)
    largest = max(a, b)
    return largest == 0 or abs(a - b) <= RELATIVE_TOLERANCE * largest


@dataclass
class _Token:
    """A figure while it is being read; ranges and column headers may still lend it a unit."""

    start: int
    end: int
    amount: Decimal
    plain_integer: bool  # digits only: no separators, decimals, scale or word
    scale: Decimal | None = None
    currency: str | None = None
    unit: Literal["percent", "points", "bps"] | None = None
    negative: bool = False
    parenthesised: bool = False  # "(12)": negative only as a percent or in a table cell
    word: bool = False  # a number word such as "three"
    high: _Token | None = None

    @property
    def year_like(self) -> bool:
        low, high = _YEAR_RANGE
        return self.plain_integer and self.scale is None and low <= self.amount <= high

    def bare(self) -> bool:
        return self.scale is None and self.currency is None and self.unit is None


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order and non-overlapping (a range is one figure)."""
    masked = _mask(text)
    tokens = [_read_token(masked, match) for match in _CORE.finditer(masked)]
    for token in tokens:
        _apply_cell_header(text, masked, token)
    tokens = _join_ranges(masked, tokens)
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
    """Whether ``text`` holds ``figure`` (see :meth:`Figure.holds`)."""
    return any(candidate.holds(figure) for candidate in find_figures(text))


def figures_equal(a: str | Figure, b: str | Figure) -> bool:
    """Are two figures the same (a range equals only an equal range)? Strings are parsed."""
    left = parse_figure(a) if isinstance(a, str) else a
    right = parse_figure(b) if isinstance(b, str) else b
    return left.is_range == right.is_range and left.matches(right)


def unit_from_header(header: str) -> tuple[str | None, int | None]:
    """The currency and scale a table column header names: "£m" -> ("GBP", 1_000_000).

    The rule: the header ends with a unit, alone or after other words, optionally in
    parentheses: a currency (symbol or ISO code) with an optional scale ("£m", "$bn",
    "€000", "RMB mn", "Revenue (£m)", "Sales £bn"), or a scale alone when it is the whole
    header or parenthesised ("m", "(000s)"). Scales: k, 000, 000s, thousand(s), m, mn, mln,
    million(s), b, bn, billion(s), tn. Anything else names no unit: (None, None).
    """
    cleaned = header.strip()
    match = _HEADER_UNIT.search(cleaned)
    if match is None:
        return None, None
    if match["bare_scale"]:
        alone = match.start() == 0 or (cleaned.endswith(")") and "(" in cleaned[match.start() :])
        if not alone:
            return None, None
        return None, int(_SCALES[match["bare_scale"].lower()])
    currency = _currency_of_prefix(match["currency"])
    scale = match["scale"]
    return currency, int(_SCALES[scale.lower()]) if scale else None


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
    r"|money|fund\w*|rais\w*|dollars?|yuan|rmb|usd|euros?|pounds?|sterling|yen"
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
    numeral = match["num"] or match["neg"]
    if numeral is not None:
        token = _Token(
            start=match.start(),
            end=match.end(),
            amount=Decimal(numeral.replace(",", "")),
            plain_integer=numeral.isdigit() and match["times"] is None,
            negative=match["sign"] is not None or match["neg"] is not None,
            parenthesised=match["neg"] is not None,
        )
        if match["scale"]:
            token.scale = _SCALES[match["scale"].lower()]
    else:
        token = _Token(
            start=match.start(),
            end=match.end(),
            amount=_word_amount(match),
            plain_integer=False,
            word=True,
        )
        if match["word_scale"]:
            token.scale = _SCALES[match["word_scale"].lower()]

    if match["prefix"]:
        token.currency = _currency_of_prefix(match["prefix"])
        return token  # a currency up front settles the kind; "$53bn USD" adds nothing
    if match["times"]:
        return token
    _read_suffix(masked, token)
    return token


def _read_suffix(masked: str, token: _Token) -> None:
    """A unit written after the number: %, points, basis points, pence or a currency."""
    suffix = _SUFFIX.match(masked, token.end)
    if suffix is None or (suffix["pence"] and token.scale is not None):
        return
    token.end = suffix.end()
    if suffix["percent"]:
        token.unit = "percent"
    elif suffix["bps"]:
        token.unit = "bps"
    elif suffix["points"]:
        token.unit = "points"
    elif suffix["pence"] or suffix["spaced_pence"]:
        token.currency, token.amount = "GBP", token.amount / 100
    else:
        token.currency = next(code for code in _CURRENCY_WORDS if suffix[code])


def _currency_of_prefix(prefix: str) -> str:
    squeezed = re.sub(r"\s+", "", prefix).upper()
    return _PREFIX_CURRENCIES.get(squeezed) or _CODE_CURRENCY[squeezed]


def _apply_cell_header(text: str, masked: str, token: _Token) -> None:
    """A bare table cell takes its column header's unit; "(12)" elsewhere is just 12."""
    in_cell = False
    if (
        token.bare()
        and not token.word
        and _AFTER_COLON.search(masked, max(0, token.start - 20), token.start)
    ):
        window = text[max(masked.rfind("\n", 0, token.start) + 1, token.start - 80) : token.start]
        header = _CELL_HEADER.search(window)
        currency, scale = unit_from_header(header["header"]) if header else (None, None)
        token.currency = currency
        token.scale = Decimal(scale) if scale else None
        in_cell = currency is not None or scale is not None
    if token.parenthesised and token.unit != "percent" and not in_cell:
        # Not an accounting negative after all: read the number inside the parentheses.
        token.start, token.end = token.start + 1, token.end - 1
        token.negative = token.parenthesised = False


def _join_ranges(masked: str, tokens: list[_Token]) -> list[_Token]:
    """Join "low-high", "low to high" and "between low and high" into one token each."""
    joined: list[_Token] = []
    for token in tokens:
        if joined and _range_between(masked, joined[-1], token):
            joined[-1].high = token
            joined[-1].end = token.end
        else:
            joined.append(token)
    return joined


def _range_between(masked: str, left: _Token, right: _Token) -> bool:
    """Are two neighbouring tokens the ends of one range? Lends units across when so."""
    if left.high is not None or (left.year_like and not right.year_like):
        return False  # "in 2025 to 10%" is a year followed by a figure, not a range
    gap = masked[left.end : right.start]
    before = masked[max(0, left.start - 12) : left.start]
    if _BETWEEN_AND.fullmatch(gap):
        if not _BETWEEN_BEFORE.search(before):
            return False
    elif not _RANGE_SEPARATOR.fullmatch(gap):
        return False
    _share_range_units(left, right)
    if left.year_like and right.year_like:
        return False  # two years are two periods, each checked on its own
    if "to" in gap.lower() and _CHANGE_BEFORE.search(before):
        return False  # "from 10% to 20%", "by 5% to 7%": a change, two figures
    same_unit = (left.unit, left.currency) == (right.unit, right.currency)
    return same_unit and _signed(left) <= _signed(right)


def _share_range_units(left: _Token, right: _Token) -> None:
    """Let the ends of a range lend each other units: "10-20%", "$10-20 billion", "£m: 1-2"."""
    if left.scale is None and left.unit is None:
        left.scale = right.scale
    if left.currency is None and left.unit is None:
        left.currency = right.currency
    if left.bare() and right.unit is not None:
        left.unit = right.unit
    if right.unit is None and right.currency is None:
        right.currency = left.currency
    if right.unit is None and right.scale is None:
        right.scale = left.scale  # "£975mn-1,075", or a header's scale on the cell "975-1,075"


def _signed(token: _Token) -> Decimal:
    amount = token.amount * (token.scale or 1)
    return -amount if token.negative else amount


def _to_figure(text: str, token: _Token) -> Figure:
    amount = _signed(token)
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
    high = None
    if token.high is not None:
        high = float(_signed(token.high) / (100 if token.unit == "bps" else 1))
    return Figure(
        text=text[token.start : token.end],
        kind=kind,
        value=float(amount),
        currency=currency,
        start=token.start,
        end=token.end,
        high=high,
        is_claim=_is_claim(text, token),
    )


def _is_claim(text: str, token: _Token) -> bool:
    """A number word up to ten before a unit of time is a duration, unless it counts a streak."""
    if not token.word or token.amount > 10 or token.scale is not None or token.unit is not None:
        return True
    unit = _TIME_UNIT.match(text, token.end)
    if unit is None or unit["streak"]:
        return True
    before = text[max(0, token.start - 20) : token.start]
    return bool(_STREAK_AFTER.match(text, unit.end()) or _STREAK_BEFORE.search(before))


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


def _format_number(value: float) -> str:
    """Plain decimal notation without exponent or trailing zeros: 53e9 -> "53000000000"."""
    return format(Decimal(repr(value)).normalize(), "f")
