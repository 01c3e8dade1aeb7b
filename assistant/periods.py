"""Periods: normalised labels (Q1, H1, FY2025, 2025) read from text, and whether they fit.

"first quarter", "1Q25", "fiscal 2025", "FY25", "2026/27", "the March 2025 quarter" and the
like become labels that compare across documents; :func:`periods_fit` says whether a
figure's period (its sentence's, or the paragraph's before it) covers every period a
question asks about. :func:`period_spans` says where period phrases stand, so that their
digits are read as dates rather than figures.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.text import MONTHS

_ORDINAL = {w: str(n) for n, w in enumerate(("first", "second", "third", "fourth"), start=1)}
_ORDINAL |= {w: str(n) for n, w in enumerate(("1st", "2nd", "3rd", "4th"), start=1)}
# "the final quarter" of a year, "the last quarter of FY25/26"
_ORDINAL |= {"final": "4", "last": "4"}

_MONTHS = "|".join(MONTHS)
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(_MONTHS.split("|"), start=1)}

_PERIOD_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], set[str]]]] = [
    # "FY26/27", "FY2025/26": a fiscal year spanning two calendar years ends in the second.
    (
        re.compile(r"\bFY\s?'?((?:19|20)?\d\d)\s*/\s*(\d{2})\b", re.I),
        lambda m: {f"FY20{m.group(2)}", _year(m.group(1)[-2:]), f"20{m.group(2)}"},
    ),
    # "FY3/27", "FY3/2027": Japanese filings name a fiscal year by its last month and year;
    # one ending before December began the calendar year before ("FY3/27": April 2026 on).
    (
        re.compile(r"\bFY\s?([1-9]|1[01])/((?:19|20)?\d\d)[AEF]?\b", re.I),
        lambda m: {
            f"FY{_year(m.group(2))}",
            _year(m.group(2)),
            str(int(_year(m.group(2))) - 1),
        },
    ),
    (
        # "FY25", "FY 26", "FYE 2026" (its year end), "fiscal '26", "financial year 2026"
        re.compile(
            r"\b(?:FYE?\s?|fiscal(?: year)?\s*|financial\s+year\s+)'?(\d{4}|\d{2})[AEF]?\b"
            r"(?!\s*/\s*\d)",
            re.I,
        ),
        lambda m: {f"FY{_year(m.group(1))}", _year(m.group(1))},
    ),
    (
        re.compile(r"\b((?:19|20)\d\d)\s*/\s*(\d{2})\b"),
        lambda m: {f"FY{m.group(1)[:2]}{m.group(2)}", m.group(1), f"{m.group(1)[:2]}{m.group(2)}"},
    ),
    # "26/27": a fiscal year written with two two-digit years, the second the next.
    (
        re.compile(r"\b(\d{2})/(\d{2})\b(?!/)"),
        lambda m: (
            {f"FY20{m.group(2)}", f"20{m.group(1)}", f"20{m.group(2)}"}
            if int(m.group(2)) == (int(m.group(1)) + 1) % 100
            else set()
        ),
    ),
    (
        re.compile(r"\b([1-4])Q\s?'?(\d{2,4})\b", re.I),
        lambda m: {f"Q{m.group(1)}", _year(m.group(2))},
    ),
    # "Q4 26", "H1'26": a quarter or half with its year in two digits.
    (
        re.compile(r"\b([QH])([1-4])(?:\s'?|')(\d{2})\b(?![\d.,%])", re.I),
        lambda m: {f"{m.group(1).upper()}{m.group(2)}", _year(m.group(3))},
    ),
    (re.compile(r"\bQ([1-4])\b", re.I), lambda m: {f"Q{m.group(1)}"}),
    # "2Q", "1H25": a quarter or half with its number first, as Asian filings write them.
    (re.compile(r"\b([1-4])Q\b", re.I), lambda m: {f"Q{m.group(1)}"}),
    (
        re.compile(r"\b([12])H\s?'?(\d{2}|\d{4})?\b", re.I),
        lambda m: {f"H{m.group(1)}"} | ({_year(m.group(2))} if m.group(2) else set()),
    ),
    (re.compile(r"\bH([12])\b", re.I), lambda m: {f"H{m.group(1)}"}),
    (
        # ... and "the last quarter of FY25/26": the year's final quarter, not the one before.
        re.compile(
            r"\b(first|second|third|fourth|final|1st|2nd|3rd|4th|last(?=\s+quarter\s+of\b))"
            r"[\s-]+quarter\b",
            re.I,
        ),
        lambda m: {f"Q{_ORDINAL[m.group(1).lower()]}"},
    ),
    (
        re.compile(r"\b(first|second|1st|2nd)[\s-]+half\b|\bhalf[\s-]+year\b", re.I),
        lambda m: {f"H{_ORDINAL[(m.group(1) or 'first').lower()]}"},
    ),
    (re.compile(r"\bfirst\s+six\s+months\b", re.I), lambda m: {"H1"}),
    # "January-June", "between January and June": a calendar half.
    (
        re.compile(
            r"\b(?:(jan)(?:uary)?\s*(?:-|\u2013|to|and|through)\s*june?"
            r"|jul(?:y)?\s*(?:-|\u2013|to|and|through)\s*dec(?:ember)?)\b",
            re.I,
        ),
        lambda m: {"H1" if m.group(1) else "H2"},
    ),
    # "the six months to June": a half whose number depends on the fiscal calendar.
    (
        re.compile(
            r"\bsix\s+months\s+(?:to|ended|ending)\b|\bhalf(?:-year)?\s+(?:to|ended|ending)\s+"
            r"(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
            re.I,
        ),
        lambda m: {"H*"},
    ),
    # "the three months to September": the quarter that ends in that month.
    (
        re.compile(rf"\bthree\s+months\s+(?:to|ended|ending)\s+(?:\d{{1,2}}\s+)?({_MONTHS})", re.I),
        lambda m: {"Q*", f"Qm{_MONTH_NUMBER[m.group(1)[:3].lower()]:02d}"},
    ),
    # "9M 2026", "the first nine months", "the first eight months of 2026": months of a year
    # together, neither a quarter nor a year ("M9", "M8"); "9m" in lower case only before a
    # year or opening a question before a word ("9m eps"); "$10m" is an amount.
    (
        re.compile(
            r"(?<![$\u00a3\u20ac\u00a5.,])\b(?:(?-i:([4-57-9]|1[01])M)"
            r"|([4-57-9]|1[01])m(?=\s?'?(?:19|20)?\d\d\b|(?<=^\dm)\s+[a-z]{2,})"
            r"|(four|five|seven|eight|nine|ten|eleven)[\s-]+months?)"
            r"(?:\s?'?((?:19|20)?\d\d)\b|\s+of\s+((?:19|20)\d\d)\b)?",
            re.I,
        ),
        lambda m: (
            {f"M{m[1] or m[2] or _MONTH_COUNT[m[3].lower()]}"}
            | ({_year((m[4] or m[5])[-2:])} if m[4] or m[5] else set())
        ),
    ),
    # "the first three quarters", "the three quarters through September": nine months.
    (
        re.compile(r"\bfirst\s+three\s+quarters\b|\bthree\s+quarters\s+(?:to|through)\b", re.I),
        lambda m: {"M9"},
    ),
    # "January through September": the first months of a calendar year together ("M9").
    (
        re.compile(
            rf"\bjan(?:uary)?\.?\s*(?:-|\u2013|to|through|thru|until)\s*({_MONTHS})\b", re.I
        ),
        lambda m: _year_so_far(_MONTH_NUMBER[m.group(1)[:3].lower()]),
    ),
    # "year-to-date", "YTD", "so far this year": the months of the year to the latest
    # ("9M 2026" in a third-quarter release), not the last quarter alone.
    (
        re.compile(r"\byear[\s-]+to[\s-]+date\b|\bYTD\b|\bso\s+far\s+this\s+year\b", re.I),
        lambda m: {"M*"},
    ),
    # "the December half", "the June half-year": likewise, named by the month it ends.
    (re.compile(rf"\b(?:{_MONTHS})\s+half\b", re.I), lambda m: {"H*"}),
    # "for the year": a full year, not the half or quarter a document's title names.
    (
        re.compile(
            r"\bfull[\s-]+(?:fiscal[\s-]+|financial[\s-]+)?year\b|\bannual\b"
            # "annualised savings", "per annum": a year's worth (no "27 bps annualized" rate)
            r"|(?<!points\s)(?<!bps\s)(?<!%\s)\bannuali[sz]ed\b|\bper\s+annum\b"
            r"|\b(?:for|over)\s+the\s+(?:whole\s+|entire\s+)?(?:fiscal\s+|financial\s+)?year\b"
            r"(?!\s+(?:ended|ending|to)\b)"
            r"|\bFY\b(?![\s'\u2019]*\d)"  # "fy op guidance": a bare "FY" names no year
            # "the whole of last year", "last year as a whole": the year, not a part of it
            r"|\b(?:whole|entire|all)\s+of\s+(?:the\s+)?(?:last|previous|prior|past)\s+"
            r"(?:fiscal\s+|financial\s+)?year\b|\b(?:last|previous|prior)\s+year\s+as\s+a\s+whole\b",
            re.I,
        ),
        lambda m: {"FY"},
    ),
    # "the 2026 financial year": that fiscal year.
    (
        re.compile(r"\b((?:19|20)\d\d)\s+(?:financial|fiscal)\s+year\b", re.I),
        lambda m: {f"FY{m.group(1)}", m.group(1)},
    ),
    # "trailing twelve-month EBITDA", "LTM": a year's worth, not the quarter it ends.
    (re.compile(r"\btrailing[\s-]+(?:twelve|12)[\s-]+months?\b|\b(?:TTM|LTM)\b"), lambda m: {"FY"}),
    # "the year ended 30 June 2026", "the fiscal year ending March 31, 2027", "the twelve
    # months to June 2026": a fiscal year is named by the year it ends in.
    (
        re.compile(
            rf"\b(?:year|(?:twelve|12)[\s-]+months?)\s+(?:ended|ending|to)\s+(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+(?:\d{{1,2}},?\s+)?"
            r"((?:19|20)\d\d)\b",
            re.I,
        ),
        lambda m: {f"FY{m.group(1)}", m.group(1)},
    ),
    # "the March 2025 quarter", "the quarter ended 31 March": a quarter whose number depends
    # on the company's fiscal calendar, so "Q*" (any quarter label of the same year) and
    # "Qm03" (the quarter ending in March).
    (
        re.compile(
            rf"\b({_MONTHS})(?:\s+(?:19|20)\d\d)?\s+quarter\b"
            rf"|\bquarter\s+(?:ended|ending|to)\s+(?:\d{{1,2}}\s+)?({_MONTHS})\b",
            re.I,
        ),
        lambda m: {"Q*", f"Qm{_MONTH_NUMBER[(m.group(1) or m.group(2)).lower()[:3]]:02d}"},
    ),
    # "the jul-sep quarter", "July to September": the quarter ending in the second month.
    (
        re.compile(
            r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(?:-|\u2013|to|through)"
            r"\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(\s+quarter\b)?",
            re.I,
        ),
        lambda m: _months_quarter(m.group(1), m.group(2), bool(m.group(3))),
    ),
    # "last quarter", "the half": some quarter or half, so not a full year's figure ("Q?").
    # ("the same half last year" compares two halves: a measure's other side, not a period.)
    (
        re.compile(
            r"(?:\b(?:last|this|the|latest|most\s+recent|previous|same|comparable|corresponding"
            r"|equivalent|preceding|prior|linked|(?:prior|previous)[\s-]year|year[\s-]ago)\s+"
            r"(quarter|three\s+months)(?:ly)?\b"  # ("the quarterly margin": the quarter's)
            r"|\b(?:last|this|the|latest|most\s+recent|previous|comparable|corresponding|preceding"
            r"|(?:prior|previous)[\s-]year|year[\s-]ago)\s+(half|six\s+months)\b)"
            r"(?!\s+(?:ended|ending|to)\b)",
            re.I,
        ),
        lambda m: {"Q?" if m.group(1) else "H?"},  # ("the three months": a quarter)
    ),
    # "at 30 June 2026", "as of June 30", "end-September", "(31 December 2025: ...)": a
    # balance on a day, labelled by its month ("Em06"); its year is read above or below.
    (
        re.compile(
            rf"\b(?:at|as\s+(?:at|of)|on)\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+({_MONTHS})"
            rf"|({_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)\b|\bend[\s-]+(?:of\s+)?({_MONTHS}"
            r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?"
            rf"|^\s*\d{{1,2}}\s+({_MONTHS})\s+(?:19|20)\d\d\s*$",
            re.I,
        ),
        lambda m: {f"Em{_MONTH_NUMBER[next(g for g in m.groups() if g).lower()[:3]]:02d}"},
    ),
    # "2026E", "2025A": a year's estimate or actual, as broker tables head their columns:
    # the whole year's, never a half's that the document's title names.
    (re.compile(r"\b((?:19|20)\d\d)[AEF]\b"), lambda m: {m.group(1), "FY"}),
    (re.compile(r"\b((?:19|20)\d\d)[aef]?\b"), lambda m: {m.group(1)}),
    # "to Mar-27", "Dec'25": a month and a two-digit year, as analysts clip them ("Mar 27"
    # may be a day of March, so a hyphen or an apostrophe only).
    (
        re.compile(
            r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)(?:-|\s?')(\d\d)\b(?![\d/])",
            re.I,
        ),
        lambda m: {_year(m.group(1))},
    ),
]


# (Three months are a quarter and six a half, read above; "3M" is a company.)
_MONTH_COUNT = {"four": 4, "five": 5, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11}


def _year(text: str) -> str:
    return text if len(text) == 4 else f"20{text}"


def periods(text: str) -> set[str]:
    """Normalised period labels: {"Q1", "2025"}, {"FY2025", "2025"}, {"H1"}, {"FY"}."""
    found: set[str] = set()
    for pattern, labels in _PERIOD_PATTERNS:
        for match in pattern.finditer(text):
            found |= labels(match)
    # "this H1 versus the same half last year": the half named is the half meant.
    for some in ("Q?", "H?"):
        if some in found and any(p[0] == some[0] and p[1:].isdigit() for p in found):
            found.discard(some)
    return found


def _grain(label: str) -> str:
    # "full-year" alone ("FY") names no year: the paragraph's or title's year still applies.
    return "year" if label.isdigit() or (label.startswith("FY") and label != "FY") else label[0]


def periods_fit(asked: frozenset[str], sentence: frozenset[str], context: frozenset[str]) -> bool:
    """Does a figure's period include every period asked?

    The paragraph before a sentence (``context``) names a period only for the grains (year,
    quarter, half) the sentence leaves open: "Full-year guidance ..." under a first-quarter
    heading is not first-quarter data.
    """
    # "the quarter" is the document's quarter, which its title names; "the same quarter of
    # 2024" is some quarter, though its year is named too.
    some = {p[0] for p in sentence & {"Q?", "H?"}}
    sentence, context = sentence - {"Q?", "H?"}, context - {"Q?", "H?"}
    asked = _calendar_part(asked, sentence | context)
    grains = {_grain(p) for p in sentence}
    if any(p.startswith(("FY", "M")) for p in sentence):
        # A full-year figure ("for the year to March 2027") is not a quarter's or a half's,
        # whatever half the document's title names, unless the sentence names "the quarter"
        # too ("a tax rate of 24% in the quarter and 23% for the full year").
        grains |= {"Q", "H"} - some
    if "Q" in grains:
        grains.add("H")  # a quarter's figure ("around 9% in the fourth quarter") is no half's
    if grains & {"Q", "H"}:
        grains.add("F")  # nor is a half's ("(H1 2025: $41.2 million)") the full year's
    usable = sentence | {p for p in context if _grain(p) not in grains}
    return all((p in ("Q?", "H?") and p[0] in some) or _fits(p, usable) for p in asked)


# The quarters and halves that open a fiscal year: in its first calendar year wherever it
# starts (April, July), as a fiscal year written "26/27" or "FY3/27" spans two.
_OPENING_PARTS = frozenset({"Q1", "Q2", "H1"})


def _calendar_part(asked: frozenset[str], stated: frozenset[str]) -> frozenset[str]:
    """ "Q1 26/27" asked of a document that names no fiscal year, only the calendar one
    ("the 12 weeks to 14 June 2026"): the opening quarter of a fiscal year across two
    calendar years is a quarter of the first ({"Q1", "2026"})."""
    if any(p.startswith("FY") and p[2:].isdigit() for p in stated):
        return asked  # the document names fiscal years: compare them
    for label in asked:
        if not (label.startswith("FY") and label[2:].isdigit()):
            continue
        second, first = label[2:], str(int(label[2:]) - 1)
        if {second, first} <= asked and asked & _OPENING_PARTS:
            return asked - {label, second}
    return asked


def _year_so_far(months: int) -> set[str]:
    """The label of a calendar year's first ``months`` (a quarter's or a half's are read by
    their own patterns): "M9", or "FY" for all twelve."""
    return {"FY"} if months == 12 else set() if months in (1, 2, 3, 6) else {f"M{months}"}


def _months_quarter(first: str, last: str, said: bool) -> set[str]:
    end = _MONTH_NUMBER[last.lower()]
    three = (end - _MONTH_NUMBER[first.lower()]) % 12 == 2
    return {"Q*", f"Qm{end:02d}"} if said or three else set()


def _fits(asked: str, usable: set[str] | frozenset[str]) -> bool:
    """One asked label against a figure's labels. A quarter named by its month ("Qm09")
    fits a numbered quarter (fiscal calendars differ) but not a quarter of another month."""
    if asked in usable:
        return True
    quarters = {p for p in usable if p.startswith("Q")}
    if asked.startswith("FY") and asked[2:].isdigit():
        # "FY27 guidance" asked, "2027 NII growth" stated: a year named by its number alone
        # is that fiscal year, where the figure names no fiscal year, quarter or half; so is
        # "full-year" in a document of that year ("FY" and "2027", no other fiscal year).
        if "FY" in usable and asked[2:] in usable:
            return not any(p.startswith("FY") and p != "FY" for p in usable)
        return asked[2:] in usable and not any(p.startswith(("FY", "Q", "H", "M")) for p in usable)
    if asked == "FY":  # "FY26" with no quarter or half in it is a full year's figure
        halves = {p for p in usable if p.startswith("H")}
        return any(p.startswith("FY") for p in usable) and not quarters | halves
    if asked == "Q*":
        return bool(quarters)
    if asked.startswith("M"):  # "year-to-date" asked of "9M 2026", or "9M" of "year-to-date"
        return "M*" in usable or (asked == "M*" and any(p[:1] == "M" for p in usable))
    if asked == "H*":  # "the six months to June", "the December half": any half
        return any(p.startswith("H") for p in usable)
    if asked in ("Q?", "H?"):  # (a year's own figure, "2030A: 1,874.2", is no quarter's)
        some = {p for p in usable if p.startswith(asked[0])}
        return bool(some) or not any(p.startswith("FY") or p.isdigit() for p in usable)
    if asked.startswith("Em"):  # a balance at another month's end is not the one asked
        return not any(p.startswith("Em") for p in usable)
    if asked.startswith("Qm"):
        return bool(quarters) and not any(p.startswith("Qm") for p in usable)
    return asked[0] in "QH" and f"{asked[0]}*" in usable


def names_year(labels: frozenset[str]) -> bool:
    """Does any label name a year ("2026", "FY2026"; a bare "FY" names none)?"""
    return any(_grain(p) == "year" for p in labels)


def narrower(asked: frozenset[str], stated: frozenset[str]) -> bool:
    """Is a quarter, half or months-to-date span ("9M 2026") stated where the question asks
    none? ("9M" is no more the year than Q3 is; a month's end asked, "Em09", is Q3's.)"""
    part = ("Q", "H", "M")
    asks_part = any(p.startswith((*part, "Em")) for p in asked)
    return not asks_part and any(p.startswith(part) for p in stated)


def part_of_year(asked: frozenset[str], stated: frozenset[str]) -> bool:
    """Is one quarter or half stated ("Q2 2027", "the first-half £30m") where the question
    asks a year ("2027")? A figure dated by several parts of one ("at the midpoint of FY27
    guidance, which needs a stronger second half than first") is the year's."""
    parts = [p for p in stated if p.startswith(("Q", "H"))]
    return not any(p.startswith(("Q", "H", "Em")) for p in asked) and len(parts) == 1


def period_spans(text: str) -> list[tuple[int, int]]:
    """Where period phrases ("FY25", "2025/26", "first quarter") stand in ``text``."""
    found = (m for pattern, labels in _PERIOD_PATTERNS for m in pattern.finditer(text) if labels(m))
    return [m.span() for m in found]


__all__ = [
    "names_year",
    "narrower",
    "part_of_year",
    "period_spans",
    "periods",
    "periods_fit",
]
