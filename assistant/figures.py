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

- Currencies: see ``assistant.units`` (USD with cents, EUR, GBP with pence, CNY, JPY, HKD,
  AUD, CAD, NZD, SGD, CHF, SEK, NOK, DKK, ZAR, KRW, INR); a "$" after other letters not
  listed there is no known currency, and the figure stays a plain number. Numbers are read
  by ``assistant.numerals``.
- Signs: "-1.3%" (hyphen or minus sign, U+2212) is -1.3, and so is the accounting form
  "(1.3)%"; a word such as "down" or "fell" is a direction, not a sign, so "down 3.7%"
  stays +3.7. Figures compare by magnitude: the sign and the direction word say the same
  thing, and whether the direction holds is for the callers that read the words.
- Ranges ("£975-1,075mn", "£975mn-£1,075mn" with a hyphen or an en dash, "10 to 20%",
  "between 3% and 4%") are one figure: ``value`` is the low end and ``high`` the high end;
  both ends share the currency, unit and scale written on either; a range of multiples may
  run downwards ("3.5x to 2.5x", a leverage target). "from 10% to 20%" and
  "by 5% to 7%" are two figures (a change, not a range), and so are two years ("2023-2025":
  each is a period).
- Table cells: a bare value right after a column header with a unit ("£m: 1,114", "(3.7)"
  after "£m: ") takes the header's currency and scale; see ``units.unit_from_header``.
- Claims: a number word up to ten right before a unit of time ("three years", "one quarter",
  "two-week") is a duration, not a claim worth auditing (``is_claim`` False), unless a streak
  word makes it a counted run ("six consecutive quarters", "three years in a row").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from assistant.numerals import Token, read_numerals, signed

__all__ = [
    "PER_SHARE",
    "RATE_KINDS",
    "SHARE_CLASS",
    "TIME_UNITS",
    "Figure",
    "FigureKind",
    "contains_figure",
    "figures_equal",
    "find_figures",
    "is_duration",
    "parse_figure",
]

FigureKind = Literal["money", "percent", "points", "number", "year"]
# The kinds of figure that say how far and which way a measure moved (a rate of change).
RATE_KINDS = frozenset({"percent", "points"})

# Values within this fraction of the larger magnitude are the same figure: it absorbs the
# rounding in "RMB 3.74 billion" versus "RMB 3,743 million" without equating 18% and 19%.
RELATIVE_TOLERANCE = 0.005

# A unit of time as reports write it ("quarters", "qtrs", "wks"): one alternation for every
# rule that tells a span of time from a count of things.
TIME_UNITS = r"(?:years?|yrs?|quarters?|qtrs?|months?|mths?|weeks?|wks?|days?|hours?|hrs?)"

# The classes a per-share figure is counted over ("per diluted share", "per ordinary share").
SHARE_CLASS = r"(?:diluted|basic|ordinary|common)"
# "$0.31 a share", "€0.80 per diluted share": the unit a figure's words end with.
PER_SHARE = re.compile(rf"\s*(?:a|per|/)\s*(?:{SHARE_CLASS}\s+)?share\b", re.I)

# --- Durations that are not claims: "three years", "one quarter", "two-week".
_TIME_UNIT = re.compile(
    r"[ \t]*-?[ \t]*(?P<streak>(?:consecutive|straight|successive)\s+)?"
    rf"(?:{TIME_UNITS}|decades?|minutes?|seconds?)\b",
    re.IGNORECASE,
)
_STREAK_AFTER = re.compile(
    r"\s+(?:in\s+a\s+row|running|straight|consecutively|on\s+the\s+trot)\b", re.IGNORECASE
)
_STREAK_BEFORE = re.compile(r"\b(?:consecutive|straight|successive)\s+$", re.IGNORECASE)
# "the best of the three", "the two of them": a set named before, counted again by no noun.
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NO_NOUN_AFTER = re.compile(
    r"\s*(?:[.,;:!?)\]]|$)|\s+(?:of|were|are|is|was|have|had|and|or|but|that|which|who)\b",
    re.IGNORECASE,
)


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

    def same_as_written(self, other: Figure) -> bool:
        """Do the two match to the precision the coarser of them is written to? "RMB 3.74
        billion" and "RMB 3,743 million" do; "$412.5 million" and "$411.9m", though within
        the tolerance of :meth:`matches`, are two different figures."""
        if not self.matches(other):
            return False
        half_step = max(_step(self), _step(other)) / 2
        return any(
            # Magnitudes, as matches compares: "(3.7)%" is the 3.7% a sentence says fell.
            abs(abs(a.value) - abs(b.value)) <= half_step * (1 + 1e-9) + 1e-12 * abs(a.value)
            for a in self.ends()
            for b in other.ends()
        )

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


_WRITTEN = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")


def _step(fig: Figure) -> float:
    """The smallest change the figure's digits can write: 0.1 million for "$412.5 million",
    0 for a figure in words."""
    digits = _WRITTEN.search(fig.text)
    if digits is None:
        return 0.0
    written = float(digits.group(0).replace(",", ""))
    decimals = len(digits.group(2) or "")
    return abs(fig.value) / written * 10**-decimals if written else 0.0


def _close(a: float | None, b: float | None) -> bool:
    """Magnitudes within the relative tolerance of the larger one."""
    if a is None or b is None:
        return a is b
    a, b = abs(a), abs(b)
    largest = max(a, b)
    return largest == 0 or abs(a - b) <= RELATIVE_TOLERANCE * largest


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order and non-overlapping (a range is one figure)."""
    return [_to_figure(text, token) for token in read_numerals(text)]


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


def _to_figure(text: str, token: Token) -> Figure:
    amount = signed(token)
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
    value, high = float(amount), None
    if token.high is not None:
        high = float(signed(token.high) / (100 if token.unit == "bps" else 1))
        value, high = sorted((value, high))  # "3.5x to 2.5x" runs downwards
    return Figure(
        text=text[token.start : token.end],
        kind=kind,
        value=value,
        currency=currency,
        start=token.start,
        end=token.end,
        high=high,
        is_claim=_is_claim(text, token),
    )


def _is_claim(text: str, token: Token) -> bool:
    """A number word up to ten before a unit of time is a duration, unless it counts a streak;
    after "the" and before no noun it counts a set named before ("the best of the three")."""
    if not token.word or token.amount > 10 or token.scale is not None or token.unit is not None:
        return True
    if _THE_BEFORE.search(text, 0, token.start) and _NO_NOUN_AFTER.match(text, token.end):
        return False
    return not _length_of_time(text, token.start, token.end)


def is_duration(text: str, fig: Figure) -> bool:
    """Is ``fig`` a length of time ("three years", "the 12 weeks to 14 June"), not a claim?

    A streak ("six consecutive quarters", "three years in a row") is a claim.
    """
    return not fig.is_claim or (fig.kind == "number" and _length_of_time(text, fig.start, fig.end))


def _length_of_time(text: str, start: int, end: int) -> bool:
    """Does a unit of time follow the number at ``text[start:end]``, and no streak word?"""
    unit = _TIME_UNIT.match(text, end)
    if unit is None or unit["streak"]:
        return False
    before = text[max(0, start - 20) : start]
    return not (_STREAK_AFTER.match(text, unit.end()) or _STREAK_BEFORE.search(before))


def _format_number(value: float) -> str:
    """Plain decimal notation without exponent or trailing zeros: 53e9 -> "53000000000"."""
    return format(Decimal(repr(value)).normalize(), "f")
