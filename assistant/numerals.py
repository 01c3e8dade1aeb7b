"""Numbers as written: where they stand in a text and what sign, scale, unit and currency
they carry, before :mod:`assistant.figures` turns them into figures.

Things that only look numeric (citation markers such as ``[2]``, model names such as
``GPT-4``, period labels such as ``Q4``, list markers, URLs and the month/day parts of dates)
are masked out first, keeping every offset. A numeral or number word is then read with its
sign, currency prefix, scale and unit suffix; a bare table cell takes its column header's
unit; and neighbouring numbers join into ranges ("£975-1,075mn", "between 3% and 4%"),
lending each other units, unless they are a change ("from 10% to 20%") or two years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from assistant.numeral_masks import mask as _mask
from assistant.units import (
    CURRENCY_PREFIX,
    CURRENCY_WORDS,
    SCALES,
    currency_of_prefix,
    names_unit,
    unit_from_header,
)

__all__ = ["Token", "read_numerals", "signed"]

_YEAR_RANGE = (1900, 2100)

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
_ATTACHED_SUFFIX = r"(?:ppts?|pp|bps?|pts|percent|p(?!\.\w)|usd|rmb|cny|eur|gbp|jpy|hkd|yuan)\b"
# "(110) bps": an accounting negative in points.
_POINT_WORD = r"(?:bps?|ppts?|pp|pts|basis\s+points?|percentage\s+points?)\b"
# "per cent" may carry a footnote digit glued on ("8.5 per cent4"); a letter ends the word.
_PERCENT_WORD = r"(?:percent|per\s?cent)(?![a-z])"
_CORE = re.compile(
    rf"""
    # Digits glued to a word by a hyphen (GPT-4) are a name; "£975mn-£1,075mn" is a range.
    (?<![\w.])(?:(?<![A-Za-z]-)|(?=[£€$¥₹]))
    (?:
        # A minus sign glued to the figure; after "%" or ")" a hyphen joins a range instead.
        # Japanese filings mark a negative with a triangle ("\u25b32.1", "\u25b21,204").
        (?:(?<![%)])(?P<sign>[-\u2212\u25b3\u25b2]))?
        (?:(?P<prefix>{CURRENCY_PREFIX})\s?)?
        (?:
            (?P<num>{_NUMERAL})
            # Accounting negative "(3.7)%", or a bare "(12)" ending a table cell (or the text,
            # after a full stop: a quoted row closes an answer's sentence).
          | \((?P<neg>{_NUMERAL})\)
            (?=\s?(?:%|{_PERCENT_WORD}|{_POINT_WORD})|[ \t]*(?:[;|\n]|\.?[ \t]*$))
        )
        (?:\s?(?P<scale>thousand|million|billion|trillion|tn|bn|mln|mn|[kmbt](?!ps?\b)))?
        (?P<times>[x\u00d7])?
        (?!(?!{_ATTACHED_SUFFIX})\w|[.,]\d)
    |
        (?:{_WORD_NUMBER})\b
        (?!-(?:{_UNIT_WORDS})\b)
        # "two point four billion dollars", as a speaker says $2.4 billion
        (?:\s+point\s+(?P<decimal>{"|".join(_UNITS)})\b)?
        (?:\s+(?P<hundred>hundred)\b)?
        (?:\s+(?P<word_scale>thousand|million|billion|trillion)\b)?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# What may follow the core and decide its kind or currency.
_SUFFIX = re.compile(
    r"(?P<pence>p\b(?!\.\w))|\s?(?:"
    rf"(?P<percent>%|{_PERCENT_WORD})"
    r"|(?P<bps>basis\s+points?\b|bps?\b)"
    r"|(?P<points>percentage\s+points?\b|ppts?\b|pp\b|p\.p\.|points?\b|pts\b)"
    r"|(?P<spaced_pence>pence\b)|(?P<euro_cents>euro\s+cents?\b)|(?P<cents>cents?\b)"
    + "".join(f"|(?P<{code}>{words})" for code, words in CURRENCY_WORDS.items())
    + ")",
    re.IGNORECASE,
)
_RANGE_SEPARATOR = re.compile(r"\s*[-\u2013]\s*|\s+to\s+", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "from 10% to 20%", "by 5% to 7%", "fell NZ$4.1m to NZ$64.3m": a move, then where it ended.
# Past tense only: "expects to grow 3 to 5%" is a range of guidance.
_CHANGE_BEFORE = re.compile(
    r"\b(?:from|by|fell|rose|dropped|declined|decreased|increased|grew|climbed|slipped|jumped"
    r"|slid|gained|lost|shrank|narrowed|widened)\s+$",
    re.IGNORECASE,
)

# --- Table cells: "<header>: <value>" where the header is the column's unit.
_CELL_HEADER = re.compile(
    r"(?:^|[;|\u2014\n])[ \t]*(?P<header>[^:;|\n\u2014]{1,40}?)[ \t]*:[ \t]*$"
)
_AFTER_COLON = re.compile(r":[ \t]*$")
_HEADER_AFTER = re.compile(r"[^;:\n\u2014]{0,24}:")  # "2025:", "2025/26 Q1:"
# "Margin (%)", "YoY %", "% change": a column of percentages.
_PERCENT_UNIT = re.compile(
    r"(?:\(%\)|%|\((?:per\s?cent|percent)\))\s*$|(?:^|\s)%\s*[a-z]+\s*$", re.IGNORECASE
)
_OTHER_UNIT = re.compile(r"%|per\s?cent|\b(?:ppts?|pp|bps|points?|pts)\b", re.IGNORECASE)
# "Change y/y (bps)": a column of basis points.
_BPS_UNIT = re.compile(r"\(\s*(?:bps?|basis\s+points)\s*\)\s*$|\bbps\s*$", re.IGNORECASE)
# What may stand between a row's separator and its cell: spaces and an optional "header:".
_ROW_CELL = re.compile(r"[ \t]*(?:[^:;|\n\u2014]{1,40}?[ \t]*:[ \t]*)?")


@dataclass
class Token:
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
    times: bool = False  # a multiple such as "2.5x"
    high: Token | None = None

    @property
    def year_like(self) -> bool:
        low, high = _YEAR_RANGE
        return self.plain_integer and self.scale is None and low <= self.amount <= high

    def bare(self) -> bool:
        return self.scale is None and self.currency is None and self.unit is None


def read_numerals(text: str) -> list[Token]:
    """Every number in ``text`` with its unit, in order and non-overlapping (a range is one)."""
    masked = _mask(text)
    tokens = [_read_token(masked, match) for match in _CORE.finditer(masked)]
    for token in tokens:
        _apply_cell_header(text, masked, token)
    return _join_ranges(masked, tokens)


def _read_token(masked: str, match: re.Match[str]) -> Token:
    """Turn one core match, plus any unit suffix after it, into a token."""
    numeral = match["num"] or match["neg"]
    if numeral is not None:
        token = Token(
            start=match.start(),
            end=match.end(),
            amount=Decimal(numeral.replace(",", "")),
            plain_integer=numeral.isdigit() and match["times"] is None,
            negative=match["sign"] is not None or match["neg"] is not None,
            parenthesised=match["neg"] is not None,
            times=match["times"] is not None,
        )
        if match["scale"]:
            token.scale = SCALES[match["scale"].lower()]
    else:
        token = Token(
            start=match.start(),
            end=match.end(),
            amount=_word_amount(match),
            plain_integer=False,
            word=True,
        )
        if match["word_scale"]:
            token.scale = SCALES[match["word_scale"].lower()]

    if match["prefix"]:
        token.currency = currency_of_prefix(match["prefix"])
        return token  # a currency up front settles the kind; "$53bn USD" adds nothing
    if match["times"]:
        return token
    _read_suffix(masked, token)
    return token


def _read_suffix(masked: str, token: Token) -> None:
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
    elif suffix["cents"] or suffix["euro_cents"]:
        cents = "EUR" if suffix["euro_cents"] else "USD"  # "9.64 euro cents"
        token.currency, token.amount = cents, token.amount / 100
    else:
        token.currency = next(code for code in CURRENCY_WORDS if suffix[code])


def _apply_cell_header(text: str, masked: str, token: Token) -> None:
    """A bare table cell takes its column header's unit, else its row label's; "(12)"
    elsewhere is just 12."""
    in_cell = False
    if token.bare() and not token.word and _percent_cell(text, masked, token):
        token.unit = "percent"  # "Dividend yield (%) — FY26A: 3.1"
    elif token.bare() and not token.word and _bps_cell(text, masked, token):
        token.unit = "bps"  # "Net interest margin — Change y/y (bps): 21"
    elif token.bare() and not token.word:
        currency, scale = _cell_unit(text, masked, token)
        token.currency = currency
        token.scale = Decimal(scale) if scale else None
        in_cell = currency is not None or scale is not None
    elif _unscaled_amount(token):
        # "Revenue ($m) — Q4: $1,184.6": a cell in the header's currency takes its scale.
        currency, scale = _cell_unit(text, masked, token)
        if scale and currency in (None, token.currency):
            token.scale, in_cell = Decimal(scale), True
    if token.parenthesised and token.unit not in ("percent", "bps", "points") and not in_cell:
        # Not an accounting negative after all: read the number inside the parentheses.
        token.start, token.end = token.start + 1, token.end - 1
        token.negative = token.parenthesised = False


def _unscaled_amount(token: Token) -> bool:
    return token.currency is not None and token.scale is None and not token.word


def _cell_unit(text: str, masked: str, token: Token) -> tuple[str | None, int | None]:
    """The unit of a bare cell: its column header's, else its row label's."""
    column, line_start = _column_header(text, masked, token)
    if column is not None and _names_any_unit(column):
        return unit_from_header(column)  # a "%" column keeps its cells out of the row's money
    if _HEADER_AFTER.match(text, token.end):
        return None, None  # "2025:" is a column header, not a cell
    return _row_label_unit(text, line_start, token.start)


def _percent_cell(text: str, masked: str, token: Token) -> bool:
    """Does the cell's column header, else its row label, say its values are percentages?"""
    if _HEADER_AFTER.match(text, token.end):
        return False  # "2025:" is a column header, not a cell
    column, line_start = _column_header(text, masked, token)
    if column is not None and _names_any_unit(column):
        return bool(_PERCENT_UNIT.search(column))
    dash = text.find(" \u2014 ", line_start, token.start)
    return dash >= 0 and bool(_PERCENT_UNIT.search(text[line_start:dash]))


def _bps_cell(text: str, masked: str, token: Token) -> bool:
    """Does the cell's column header say its values are basis points?"""
    column, _ = _column_header(text, masked, token)
    return column is not None and bool(_BPS_UNIT.search(column))


def _column_header(text: str, masked: str, token: Token) -> tuple[str | None, int]:
    """The column header a bare cell stands under ("£m" of "£m: 438"), if any, and where the
    cell's line starts."""
    line_start = masked.rfind("\n", 0, token.start) + 1
    if not _AFTER_COLON.search(masked, max(0, token.start - 20), token.start):
        return None, line_start
    header = _CELL_HEADER.search(text[max(line_start, token.start - 80) : token.start])
    return (header["header"] if header else None), line_start


def _names_any_unit(header: str) -> bool:
    """A currency or scale ("£m") or a rate ("%", "bps") that a header gives its cells."""
    return names_unit(header) or bool(_OTHER_UNIT.search(header))


def _row_label_unit(text: str, line_start: int, start: int) -> tuple[str | None, int | None]:
    """A unit the row label of a rendered table row names ("Revenue (€m) — 2025: 5,000")
    applies to the row's bare cells; the cell must start right after "— ", "; " or a header."""
    dash = text.find(" \u2014 ", line_start, start)
    if dash < 0:
        return None, None
    cell_start = max(dash + 3, text.rfind(";", dash, start) + 1)
    if not _ROW_CELL.fullmatch(text, cell_start, start):
        return None, None
    return unit_from_header(text[line_start:dash])


def _join_ranges(masked: str, tokens: list[Token]) -> list[Token]:
    """Join "low-high", "low to high" and "between low and high" into one token each."""
    joined: list[Token] = []
    for token in tokens:
        if joined and _range_between(masked, joined[-1], token):
            joined[-1].high = token
            joined[-1].end = token.end
        else:
            joined.append(token)
    return joined


def _range_between(masked: str, left: Token, right: Token) -> bool:
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
    if left.times and right.times:
        return True  # a target multiple may run from the high end: "3.5x to 2.5x" of leverage
    return same_unit and signed(left) <= signed(right)


def _share_range_units(left: Token, right: Token) -> None:
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


def signed(token: Token) -> Decimal:
    """The token's amount in base units (its scale applied), negative when it is."""
    amount = token.amount * (token.scale or 1)
    return -amount if token.negative else amount


def _word_amount(match: re.Match[str]) -> Decimal:
    if match["tens"]:
        amount = _WORD_VALUES[match["tens"].lower()]
        if match["tens_unit"]:
            amount += _WORD_VALUES[match["tens_unit"].lower()]
    else:
        amount = _WORD_VALUES[(match["word"] or match["one"]).lower()]
    if match["hundred"]:
        amount *= 100
    if match["decimal"]:
        return amount + Decimal(_WORD_VALUES[match["decimal"].lower()]) / 10
    return Decimal(amount)
