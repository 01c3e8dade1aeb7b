"""Which period each figure of a sentence is of: its own aside's, its sentence's, its
paragraph's (:func:`periods_at`, :func:`paragraph_periods`), and, where several figures
share a sentence, the ones each one's own words name.

"Management guided 4Q26 sales to $380-390 million and 2027 sales growth of 2% to 4%": each
figure takes the periods its own words name (:func:`own_periods`), an opening phrase's
period is every figure's, and a year is not taken from a later figure that names it as its own.
"""

from __future__ import annotations

import re

from assistant.figures import Figure, find_figures
from assistant.periods import names_year, period_spans, periods
from assistant.text import MONTHS

_MONTHS = "|".join(MONTHS)

# Where the words that go with a figure after it stop: a clause break, the next "and", or a
# verb that opens another figure's clause ("EUR 380-410m implies Q4 EBIT of EUR 24-54m").
_CLAUSE_END = re.compile(
    r"[,;:()]|\s(?:and|while|whereas|but|versus|vs\.?|compared|against"
    r"|impl(?:ies|ied|ying)|means|meaning|suggests|suggesting)\s"
)
# "..., against RMB 15,361 million", "compared with", "(FY25: ...)": the earlier figure.
_EARLIER_BEFORE = re.compile(
    r"(?:\bagainst|\bcompared\s+(?:with|to)|\bversus|\bvs\.?|\bfrom|\bup\s+from|\bdown\s+from"
    r"|\(\s*[^():]{2,30}:)\s*$",
    re.I,
)
_EARLIER_AFTER = re.compile(
    r"\s*(?:in\s+the\s+same\s+(?:quarter|period|half|month)\s+(?:of|a)\s+\w+"
    r"|a\s+year\s+(?:earlier|ago|before)|in\s+the\s+(?:prior|previous)\s+(?:year|quarter|period))",
    re.I,
)


# "(FY25: 14.5 cents)", "(previously: €500m; 2025: €460m)": an aside, and each part of it
# that a label opens, giving an earlier period's figure.
_ASIDE = re.compile(r"\([^()]*\)")
_LABELLED_PART = re.compile(r"\s*([^():;]{1,30}):[^;]*")


def _labelled_parts(sentence: str) -> list[tuple[int, int, frozenset[str]]]:
    """Where each labelled part of an aside starts and ends, with the periods it names."""
    parts = []
    for aside in _ASIDE.finditer(sentence):
        for part in _LABELLED_PART.finditer(sentence, aside.start() + 1, aside.end() - 1):
            if own := frozenset(periods(part.group(1))):
                parts.append((part.start(), part.end(), own))
    return parts


def in_labelled_aside(sentence: str, at: int) -> bool:
    """Is the figure at ``at`` in a labelled aside of its own period ("(FY25: 4.9 million)")?"""
    return any(start < at < end for start, end, _ in _labelled_parts(sentence))


_DAY_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\s+(?:19|20)\d\d\b"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)


_PERIOD_END = re.compile(r"\b(?:ended|ending|to|through)\s+$", re.IGNORECASE)
# "As of 31 March 2031, the group had ...": an opening phrase's balance date (in prose;
# a table's "As of" columns are dated by their headers)
_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+$", re.IGNORECASE)
_PROSE_GOES_ON = re.compile(r",\s+[A-Za-z]")
# "Liquidity at 30 June 2031 was €1.9bn": a balance's date before its verb.
_AT = re.compile(r"\bat\s+$", re.IGNORECASE)
_VERB_GOES_ON = re.compile(r"\s+(?:was|were|stood|totall?ed|amounted|came)\b", re.IGNORECASE)


# "9.6% at September 30, 2025": the day a balance is measured on, right after the figure.
_ON_DAY = re.compile(rf"\s*(?:at|on|as\s+(?:of|at))\s+(?:{_DAY_DATE.pattern})", re.I)


def year_measured_on(sentence: str, end: int) -> str | None:
    """The year of the day a figure ending at ``end`` is measured on, if a date follows it."""
    match = _ON_DAY.match(sentence, end)
    return match.group()[-4:] if match else None


def years_dated(periods: frozenset[str], sentence: str, end: int) -> set[str]:
    """The years a figure's ``periods`` name, with the year of the day it is measured on
    where a date follows it (ending at ``end``: "€612.0 million at 30 June 2031")."""
    return years_of(periods) | {y for y in [year_measured_on(sentence, end)] if y}


def periods_at(sentence: str, at: int) -> frozenset[str]:
    """The periods of the figure at ``at``: a labelled aside's for a figure inside it, the
    rest of the sentence's for the others ("EPS of 15.5 cents (FY25: 14.5 cents)": 15.5 is
    not FY25's)."""
    asides = _labelled_parts(sentence)
    for start, end, own in asides:
        if start < at < end:
            return own
    rest = sentence
    # A day's date ("paid on 9 October 2026") says when, not which period a figure measures.
    # ("the year ended 30 June 2026" names a period by its end, and stays).
    dates = [
        m.span()
        for m in _DAY_DATE.finditer(sentence)
        if not _PERIOD_END.search(sentence[: m.start()])
        and not (_AS_OF.search(sentence[: m.start()]) and _PROSE_GOES_ON.match(sentence, m.end()))
        and not (_AT.search(sentence[: m.start()]) and _VERB_GOES_ON.match(sentence, m.end()))
    ]
    for start, end in sorted([*(a[:2] for a in asides), *dates], reverse=True):
        rest = rest[:start] + " " * (end - start) + rest[end:]
    return frozenset(periods(rest))


# The clause that opens a list ("..., the board has updated its guidance for 2026:").
_LEAD_IN_CLAUSE = re.compile(r"[^,;]*:\s*$")


# "..., as follows." leads in a table; the reason put before its main clause ("In light of
# the weak first half, the Company has lowered ...") dates nothing after it.
_AS_FOLLOWS = re.compile(r"(?:^|(?<=[.!?]\s))(?P<sentence>[^.!?]*?),?\s+as\s+follows[.:]\s*$")
_REASON_FIRST = re.compile(
    r"^\s*(?:in\s+light\s+of|based\s+on|given|reflecting|on\s+the\s+back\s+of)\b[^,]*,", re.I
)


def _lead_in_periods(context: str) -> frozenset[str]:
    """A list's or table's lead-in dates the list by the clause that ends in its colon or its
    "as follows", not by what it looks back on: "Based on the first half and a weaker second
    half, the board expects for financial year 2026:" dates the items by 2026, not by its
    halves."""
    if follows := _AS_FOLLOWS.search(context):
        return periods_at(_REASON_FIRST.sub("", follows["sentence"]), -1)
    clause = _LEAD_IN_CLAUSE.search(context)
    return periods_at(clause.group(), -1) if clause else frozenset()


def _named_in_passing(label: str, titled: frozenset[str]) -> bool:
    """A quarter, a year, or a fiscal year no later than the report's: in a half-year or
    annual report's paragraph, named in passing ("the dividend for financial year 2025"),
    where "for FY27 we expect" in a FY26 report dates what follows."""
    if label[:2] == "FY" and label[2:].isdigit():
        return label[2:] <= max((p for p in titled if p.isdigit()), default="")
    return label.startswith("Q") or label.isdigit()


def paragraph_periods(context: str, title: str, *, forecast: bool = False) -> frozenset[str]:
    """The periods a sentence that names none takes from its paragraph, else from its
    document's title. In a half-year or annual report, a quarter or year named in passing
    ("a customer destocking in the second quarter") does not date the figures after it:
    they are the report's period; a list's lead-in does. A ``forecast`` (a row "Revised
    forecast (B)") is for a period to come, not the half or quarter the title reports."""
    if lead_in := _lead_in_periods(context):
        return lead_in
    own, titled = periods_at(context, -1), frozenset(periods(title))
    if forecast:
        titled = frozenset(p for p in titled if p[0] not in "HQ")
    report = any(p[0] in "HF" for p in titled)
    if report and own and all(_named_in_passing(p, titled) for p in own):
        return titled
    return own or titled


# "from" before a figure: an earlier value follows, with its own period.
_FROM = re.compile(r"\bfrom\s+(?=(?:US|NZ|HK|A|C)?[$\u20ac\u00a3\u00a5]|\d)")


def own_periods(sentence: str, start: int, end: int, previous_end: int) -> frozenset[str]:
    """The periods a figure's own words name: from the clause after the figure before it (or
    the sentence's start) up to the figure, and after it to the clause's end. "guided 4Q26
    sales to $380-390 million and 2027 sales growth of 2% to 4%": 2% to 4% is 2027's, not the
    fourth quarter's."""
    breaks = list(_CLAUSE_END.finditer(sentence, previous_end, start)) if previous_end else []
    begin = breaks[-1].end() if breaks else previous_end
    # ... not past an earlier value: "0.83% from 0.77% at the end of June" (June is 0.77%'s).
    stops = [
        m.start() for m in (_CLAUSE_END.search(sentence, end), _FROM.search(sentence, end)) if m
    ]
    # (the figure's unit stays: "29 basis points annualized" is a rate, not a year's figure)
    unit = sentence[start:end].split()[-1] if sentence[start:end].split() else ""
    after = sentence[end : min(stops, default=len(sentence))]
    return periods_at(f"{sentence[begin:start]} {unit if unit.isalpha() else ''}{after}", -1)


def figure_periods(sentence: str, figures: list[Figure]) -> list[frozenset[str]]:
    """Each figure's periods: the sentence's, or, where several figures share the sentence,
    the ones its own words name (with the sentence's year if they name none). A figure whose
    words name none, in a sentence whose periods all belong to figures after it ("3.07%, up 5
    bps from 3.02% in the second quarter"), or to an earlier value before it, has none of its
    own: its paragraph's apply."""
    whole = [periods_at(sentence, fig.start) for fig in figures]
    if len(figures) < 2:
        return [_year_earlier(sentence, fig, whole[0]) for fig in figures]
    plain = periods_at(sentence, -1)
    # "For full-year 2027, the bank expects NII to grow 2% to 4% and costs 1% to 2%": an opening
    # phrase's period is every figure's.
    comma = sentence.find(",", 0, figures[0].start)
    opening = periods_at(sentence[:comma], -1) if comma > 0 else frozenset()
    own = [
        own_periods(sentence, fig.start, fig.end, figures[i - 1].end if i else 0) | opening
        for i, fig in enumerate(figures)
    ]
    result = []
    for i, periods_here in enumerate(own):
        if whole[i] != plain:  # inside an aside that names its own period
            result.append(whole[i])
        elif periods_here:
            # The sentence's year, unless a later figure's words name that year as their own
            # ("7,120 at the end of June, down from 7,480 at the end of 2025").
            theirs = {p for p in frozenset().union(*own[i + 1 :]) if _dated(p)} - opening
            years = {p for p in plain if (p.isdigit() or p.startswith("FY")) and p not in theirs}
            # ("FY" alone is a full year's grain, named by "Annual": no year of its own)
            result.append(periods_here if names_year(periods_here) else periods_here | years)
        elif compared := _compared_part(sentence, figures[i]):
            result.append(compared)
        else:
            # Or to an earlier value before it: "up from 1.96 million in FY25, together with
            # 318,000 vehicles" says nothing of when the vehicles were carried.
            earlier = [own[j] for j in range(i) if is_earlier_value(sentence, figures[j])]
            others = frozenset().union(*own[i + 1 :], *earlier)
            result.append(frozenset() if plain and plain <= others else plain)
    return [
        labels if whole[i] != plain else _year_earlier(sentence, fig, labels)
        for i, (fig, labels) in enumerate(zip(figures, result, strict=True))
    ]


def _year_earlier(sentence: str, fig: Figure, labels: frozenset[str]) -> frozenset[str]:
    """A figure marked "a year earlier" ("fell to 1.7x at the end of fiscal 2031 from 2.2x a
    year earlier") is of the year before the one the words around it name, unless the words
    after it name its own ("from 2.2x a year earlier, at the end of fiscal 2030")."""
    marked = _YEAR_AGO_AFTER.match(sentence, fig.end)
    if marked is None or not names_year(labels):
        return labels
    after = _CLAUSE_END.search(sentence, marked.end())
    if names_year(frozenset(periods(sentence[marked.end() : after.end() if after else None]))):
        return labels
    return labels_year_before(labels) or labels


_YEAR_LABEL = re.compile(r"(FY)?((?:19|20)\d\d)")  # "2031", "FY2031"


def labels_year_before(labels: frozenset[str]) -> frozenset[str] | None:
    """Period labels one year back ({"Q1", "2026"} -> {"Q1", "2025"}); None when no label
    names a year."""
    if not any(_YEAR_LABEL.fullmatch(label) for label in labels):
        return None
    return frozenset(
        f"{m.group(1) or ''}{int(m.group(2)) - 1}" if (m := _YEAR_LABEL.fullmatch(label)) else label
        for label in labels
    )


# Where one compared part of a sentence ends and the next begins.
_COMPARED = re.compile(
    r";|\b(?:compared\s+(?:with|to)|against|versus|vs\.?|while|whereas)\b"
    r"|\band\s+(?=(?:US|NZ|HK|A|C)?[$\u20ac\u00a3\u00a5]|\d)"  # "... and $112.4 million ..."
)


def _compared_part(sentence: str, fig: Figure) -> frozenset[str]:
    """The periods of the part of a comparison that holds ``fig``: "net income of $118.3
    million, or $0.96 per share, for the third quarter of 2026, compared with $116.9 million
    ... for the second quarter of 2026 and $112.4 million ... for the third quarter of 2025"."""
    starts = [m.end() for m in _COMPARED.finditer(sentence) if m.end() <= fig.start]
    # "climbed to 0.83% from 0.77% at the end of June": the earlier value's period is its own.
    ends = [m for m in (_COMPARED.search(sentence, fig.end), _FROM.search(sentence, fig.end)) if m]
    end = min((m.start() for m in ends), default=len(sentence))
    part = sentence[starts[-1] if starts else 0 : end]
    if not (starts or ends):
        return frozenset()
    # "compared with $219.5 million, or 0.58%, at June 30, 2031": the day the compared
    # balance was measured on dates it.
    balance = _BALANCE_DATE.search(part)
    return periods_at(part, -1) or (frozenset(periods(balance.group())) if balance else frozenset())


_BALANCE_DATE = re.compile(rf"\b(?:at|as\s+(?:of|at))\s+(?:{_DAY_DATE.pattern})", re.I)


def is_earlier_value(sentence: str, fig: Figure) -> bool:
    """Does the sentence mark ``fig`` as the earlier value of a comparison?"""
    return bool(
        _EARLIER_BEFORE.search(sentence[max(0, fig.start - 40) : fig.start])
        or _EARLIER_AFTER.match(sentence, fig.end)
    )


def _dated(label: str) -> bool:
    """A label that names a year ("2025", "FY2027"), not a bare "FY" (full-year)."""
    return label.isdigit() or (label.startswith("FY") and label[2:].isdigit())


# "39.8% a year earlier", "$49.5 million in the same quarter last year": a year-ago value.
_YEAR_AGO_AFTER = re.compile(
    r"\s*(?:a\s+year\s+(?:earlier|ago|before)|in\s+the\s+same\s+(?:quarter|period|half|month)"
    r"\s+(?:of\s+)?(?:a|last|the\s+previous|the\s+prior)\s+year|(?:in\s+)?the\s+(?:prior|previous)\s+year)",
    re.I,
)


def year_ago_values(sentence: str) -> set[int]:
    """Where the figures the sentence marks as a year earlier's start."""
    return {f.start for f in find_figures(sentence) if _YEAR_AGO_AFTER.match(sentence, f.end)}


def years_of(periods: frozenset[str]) -> set[str]:
    """The years a figure's periods date it to: a fiscal year's label alone where it has one
    ("2030/31 Q1" is of FY2031, though its label also writes 2030), else its calendar years."""
    fiscal = {p[2:] for p in periods if p.startswith("FY") and p[2:].isdigit()}
    return fiscal or {p for p in periods if p.isdigit()}


def attributive_periods(text: str) -> frozenset[str]:
    """Periods that qualify a noun of ``text`` ("the 2030 global market"), not the sentence
    ("sales in Q3")."""
    return frozenset(
        label
        for start, end in period_spans(text)
        if re.search(r"\b(?:the|a|an|its|their)\s+$", text[:start], re.I)
        and re.match(r"\s+[a-z]", text[end:])
        for label in periods(text[start:end])
    )


__all__ = [
    "attributive_periods",
    "figure_periods",
    "in_labelled_aside",
    "is_earlier_value",
    "labels_year_before",
    "own_periods",
    "paragraph_periods",
    "periods_at",
    "year_ago_values",
    "year_measured_on",
    "years_dated",
    "years_of",
]
