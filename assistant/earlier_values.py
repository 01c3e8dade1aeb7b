"""The earlier value a sentence gives beside a figure, and questions that ask for it.

"Net debt stood at €426.0 million at 30 June 2026 (31 December 2025: €389.0 million)", "fell
to 81.3% from 85.2%", "the yen averaged ¥151.4 to the dollar against ¥146.8 a year earlier":
one sentence, two values of one measure. A question that compares a figure with an earlier
one ("How did X compare with the same period a year before?", "How much has net debt gone up
since the end of last year?") is answered with both, each as the sentence writes it: no
difference is worked out, since a figure no passage holds is never shown.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.comparison_base import asks_quarter_back
from assistant.cues import asks_movement
from assistant.directions import clause_direction, is_move
from assistant.figure_periods import in_labelled_aside, year_ago_values
from assistant.figures import RATE_KINDS, Figure, find_figures
from assistant.named_bases import named_base
from assistant.periods import names_year
from assistant.prior_year import asks_prior_year
from assistant.restated import restated_per_unit
from assistant.row_moves import aside_earlier, cell_header
from assistant.value_questions import asks_both_ends, asks_old_value

# "How did X compare with the same period a year before?", "vs last year", "since the end of
# last year": the question sets the figure against an earlier one.
_COMPARED_WITH_EARLIER = re.compile(
    r"\b(?:compare[sd]?|comparison|vs\.?|versus|against|than|relative\s+to|since|from)\b"
    r"[^?.;]{0,40}?\b(?:(?:a|one)\s+(?:year|yr)\s+(?:before|earlier|ago|back)|last\s+(?:year|yr)"
    r"|(?:year|yr)[\s-]ago"
    r"|(?:the\s+)?(?:prior|previous)[\s-](?:year|yr|period|quarter|half)|the\s+year\s+before"
    r"|the\s+same\s+(?:period|quarter|half|months?|weeks?)\b|(?:the\s+)?(?:end|start)\s+of\s+"
    r"(?:last|the\s+previous|the\s+prior)\s+(?:year|yr|quarter))",
    re.I,
)
# "at 30 June 2026": the date a balance is struck, between it and the earlier one in brackets.
_DATED = re.compile(
    r"\s+(?:at|on|as\s+(?:at|of))\s+(?:\d{1,2}\s+)?[A-Z][a-z]+(?:\s+\d{1,2},?)?\s+\d{4}"
)
# "... give me both balances", "both numbers": two values of the one measure.
_BOTH = re.compile(
    r"\bboth\s+(?:balances|numbers|figures|values|levels|years|periods)\b"
    # "headcount at the end of June and twelve months earlier": the latest and the year before
    r"|\band\s+(?:(?:a|one)\s+year|(?:twelve|12)\s+months)\s+(?:earlier|before|ago)\s*\??$",
    re.I,
)
# After a figure, a few words and then the earlier value: "81.3% from 85.2%", "¥151.4 to the
# dollar against ¥146.8", "$10m, compared with $9m", "EUR 58 from EUR 66".
# ("rose to 7.2% in the first eight months of 2030 from 6.5% a year earlier": a period between)
_THEN_EARLIER = re.compile(
    r"(?:\s+(?!and\b|while\b|but\b)[a-z]+|\s+(?:19|20)\d\d){0,7}?\s*,?\s+(?:(?:up|down)\s+)?"
    r"(?:from|against|compared\s+(?:with|to)|versus"
    r"|vs\.?)\s+(?:about\s+|around\s+|roughly\s+)?(?=(?:[A-Z]{3}\s)?[^\s\d]{0,4}\d)",
    re.I,
)
# "$52.4 million, or $1.18 per diluted common share, compared with ...": the total's
# value per share, said beside it before the earlier value.
_PER_SHARE_ASIDE = re.compile(
    r",\s+or\s+\S*\d[\d.,]*\s+(?:per|a)\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share\b", re.I
)
# What the sentence says the earlier value is of: "a year earlier", "in FY25".
_EARLIER_LABEL = re.compile(
    r"\s*((?:a|one)\s+year\s+(?:earlier|ago|before)|in\s+the\s+(?:same|prior|previous)\s+"
    r"(?:year|quarter|half|period)(?:\s+of\s+(?:the\s+previous\s+year|\d{4}))?"
    r"|(?:in|at)\s+(?:the\s+end\s+of\s+)?(?:FY\s?\d{2,4}|\d{4}|the\s+prior\s+year))\b",
    re.I,
)


def year_before(text: str) -> str | None:
    """``text`` with each year it names one earlier ("2026" -> "2025", "FY27" -> "FY26",
    "2026/27" -> "2025/26", "3Q26" -> "3Q25"); None when it names no year."""
    back = re.sub(r"(?<![\d/])(20\d\d|\d\d)/(\d\d)(?![\d/])", _split_year_before, text)
    back = re.sub(r"(?<![\d/])(20\d\d)(?![\d/])", lambda m: str(int(m.group(1)) - 1), back)
    back = re.sub(r"\b(FY\s?'?)(\d\d)\b", _short_year_before, back)
    # "3Q26" -> "3Q25", "1H26" -> "1H25": a quarter or half written before its year
    back = re.sub(r"\b([1-4]Q|[12]H)(\d\d)\b", _short_year_before, back)
    return back if back != text else None


def _short_year_before(match: re.Match[str]) -> str:
    return f"{match.group(1)}{int(match.group(2)) - 1:02d}"


def _split_year_before(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    return f"{int(first) - 1:0{len(first)}d}/{int(second) - 1:02d}"


def compares_with_earlier(question: str) -> bool:
    """Does the question set a figure against an earlier one of the same measure, or the
    value of a period it names ("compare with fiscal 2025"; "grow versus fiscal 2025" asks
    the move)?"""
    found = _COMPARED_WITH_EARLIER.search(question) or _BOTH.search(question)
    return bool(found) or (named_base(question) is not None and not asks_movement(question))


# The value a figure is compared with: "from €45", "compared with 2,914 a year earlier",
# "EUR 9.80 (previous: EUR 10.60)", "(prior guidance: $2.1bn)"; a table's "Old" column.
_FROM_BEFORE = re.compile(
    # ("to range from a 4% decline to flat": one range, no earlier value)
    r"\b(?:(?<!range\s)(?<!ranges\s)(?<!ranging\s)from|compared\s+(?:with|to)|against|versus"
    r"|vs\.?|previous(?:ly)?:?|prior:?"
    r"|(?:previous|prior|old)\s+[a-z]+(?:\s+[a-z]+)?:)\s+"  # "(previous assumption: ¥146)"
    # ("previously: at least $90 million": the bound is the earlier value's)
    r"(?:a\s+|an\s+|at\s+(?:least|most)\s+|(?:around|about|approximately|roughly|some)\s+)?$",
    re.I,
)
# "having previously pencilled in growth of 1% to 3%": the old value, a few words on.
_PREVIOUSLY_SAID = re.compile(
    r"(?:\b(?:previously|originally)\s+(?:[a-z]+\s+){1,4}?(?:of|at|to|for)\s+"
    # "(previously: at least €160 million)"
    r"|\(\s*(?:previously|formerly)\s*:\s*(?:at\s+least\s+|more\s+than\s+|over\s+|up\s+to\s+)?)"
    r"(?:a\s+|an\s+|about\s+|around\s+|roughly\s+)?$",
    re.I,
)
_OLD_LABEL = re.compile(r"\W*(?:previous|prior|old|former|earlier)\b[^:.;]{0,40}:", re.I)
_OLD_HEADER = re.compile(r"\b(?:old|previous|prior|before)\b\W*$", re.I)
_OR_BEFORE = re.compile(r"or\s+$", re.I)
_AND_BEFORE = re.compile(r"\band\s+$", re.I)
_JOINED_REACH = 40  # characters from one earlier value to the next joined by "and"


def compared_from(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` the value another is compared with ("cut its target to €38 from €45",
    "six trains, against 11 planned"), not the one the sentence reports?"""
    old_label = _OLD_LABEL.match(sentence)  # "Previous Acme estimates: FY31E OP 40.8"
    if (
        _FROM_BEFORE.search(sentence, 0, fig.start)
        or (old_label and fig.start >= old_label.end())
        or _PREVIOUSLY_SAID.search(sentence, 0, fig.start)
        or _OLD_HEADER.search(cell_header(sentence, fig))
    ):
        return True
    # "compared with $80 million, or $1.05 a share": the earlier amount again, per share;
    # "up from $2.3 billion in the spring plan and $1.9 billion last year": a second one.
    # Most figures follow no "or" or "and": the sentence is not read again for them.
    joined = _AND_BEFORE.search(sentence, 0, fig.start)
    if not (joined or _OR_BEFORE.search(sentence, 0, fig.start)):
        return False
    before = [f for f in find_figures(sentence) if f.end <= fig.start and f.kind != "year"]
    if joined:
        # ("..., or 0.58%, at June 30, 2031 and $171.3 million": the last of its kind leads;
        # ", and ¥171 to the euro" after "compared with ¥133 before" is a clause of its own)
        same = [f for f in before if f.kind == fig.kind]
        between = sentence[before[-1].end : joined.start()] if before else ","
        near = bool(same) and fig.start - before[-1].end <= _JOINED_REACH
        return near and not between.rstrip().endswith(",") and compared_from(sentence, same[-1])
    if not before or not compared_from(sentence, before[-1]):
        return False
    # "compared with $219.5 million, or 0.58%": the earlier amount again, as a share
    restated = re.fullmatch(r",?\s*or\s+", sentence[before[-1].end : fig.start])
    return restated_per_unit(sentence, before[-1], fig) or restated is not None


# "How many had it planned for?", "what had they guided to in May?": the plan before.
_HAD_PLANNED = re.compile(
    r"\bhad\s+(?:[\w'\u2019&-]+\s+){0,3}?(?:plann|expect|guid|forecast|target|pencil|budget"
    r"|project|estimat|anticipat)\w*",
    re.I,
)


# "in the same quarter of 2024", "the same period a year ago": the period compared with.
_SAME_PERIOD = re.compile(r"\bsame\s+(?:period|quarter|half|months?|weeks?)\b", re.I)


def asks_earlier(question: str) -> bool:
    """Might the question want a value a sentence compares another with: an old value, a
    year before's, a plan it had made, or both ends of a comparison?"""
    return (
        asks_old_value(question)
        or asks_prior_year(question)
        or compares_with_earlier(question)
        or asks_quarter_back(question)
        or bool(_HAD_PLANNED.search(question) or _SAME_PERIOD.search(question))
    )


def unasked_year_ago(sentence: str, earlier_asked: bool, asked: frozenset[str]) -> set[int]:
    """Where the figures the sentence marks as a year earlier's start, where the question asks
    no earlier value and names no year ("0.83% from 0.77% at the end of June and 0.61% a year
    before" asked of the quarter: no 0.61%)."""
    if earlier_asked or names_year(asked):
        return set()
    return year_ago_values(sentence)


def earlier_value(sentence: str, fig: Figure) -> tuple[Figure, str] | None:
    """The earlier value the sentence gives right after ``fig``, of its kind and currency,
    and what the sentence says it is of ("31 December 2025", "a year earlier"; may be "")."""
    if " \u2014 " in sentence:  # a table row: the year before's column
        return _year_before_cell(sentence, fig)
    # "Net debt stood at €426.0 million at 30 June 2026 (31 December 2025: €389.0 million)"
    dated = _DATED.match(sentence, fig.end)
    aside = aside_earlier(sentence, replace(fig, end=dated.end()) if dated else fig)
    if aside is not None:
        label = sentence[fig.end : aside.start].rpartition("(")[2]
        return aside, label.partition(":")[0].strip()  # (not its bound: "at least")
    per_share = _PER_SHARE_ASIDE.match(sentence, fig.end)  # "..., or $2.87 per share,"
    then = _THEN_EARLIER.match(sentence, per_share.end() if per_share else fig.end)
    if then is None:
        return _moved_from(sentence, fig)
    earlier = next((f for f in find_figures(sentence) if f.start >= then.end()), None)
    if earlier is None or earlier.start - then.end() > 4 or not _same_kind(fig, earlier):
        return None
    label = _EARLIER_LABEL.match(sentence, earlier.end)
    return earlier, label.group(1) if label else ""


# "from RMB 55 billion to RMB 45 billion": the value before "to" is where it moved from
# (not a span: "fares ranging from £10 to £12").
_MOVE_FROM = re.compile(r"\bfrom\s+$", re.I)
_SPAN_BEFORE = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying))\s+$", re.I)
_TO_BETWEEN = re.compile(r"\s+to\s+")


def _moved_from(sentence: str, fig: Figure) -> tuple[Figure, str] | None:
    """The value a "from X to ``fig``" move starts at, of its kind; None if none."""
    before = [f for f in find_figures(sentence) if f.end <= fig.start]
    if not before:
        return None
    start = before[-1]
    between = _TO_BETWEEN.fullmatch(sentence, start.end, fig.start)
    came = _MOVE_FROM.search(sentence, 0, start.start)
    if between and came and not _SPAN_BEFORE.search(sentence, 0, came.start()):
        return (start, "") if _same_kind(fig, start) else None
    return None


def bare_level(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` a level its sentence neither moves nor sets against an earlier one ("runs a
    2.94% NIM", a peer row's "NIM: 3.07%"), so that it says nothing of a change?"""
    return (
        not is_move(sentence, fig)
        and clause_direction(sentence, fig) is None
        and earlier_value(sentence, fig) is None
    )


def gives_earlier(text: str, answering: frozenset[str]) -> bool:
    """Does the sentence give an earlier value beside one of its ``answering`` figures, or
    mark one of them as a year earlier's ("... and 120 bps from 39.8% a year earlier") or as
    the value a move is from?"""
    figures = [f for f in find_figures(text) if f.text in answering]
    year_ago = year_ago_values(text)
    # (or is itself the value a move is from, "up 6.4% from $481.8 million", an aside's
    # earlier period's, "(H1 2030: €1,480 million)", or the year before's cell of a row:
    # "FY31: (212.6); FY30: (198.3)")
    return any(
        f.start in year_ago
        or earlier_value(text, f)
        or compared_from(text, f)
        or in_labelled_aside(text, f.start)
        for f in figures
    ) or (" \u2014 " in text and any(_is_year_before_cell(text, f) for f in figures))


def _is_year_before_cell(row: str, fig: Figure) -> bool:
    """Is ``fig`` the cell of the year before another cell of the row?"""
    return any(
        (earlier := _year_before_cell(row, cell)) is not None and earlier[0].start == fig.start
        for cell in find_figures(row)
    )


EARLIER_BONUS = 0.5  # added for a sentence that sets the answer beside its earlier value
# Added to the fit of a sentence that gives the old value a question asks for: it outranks a
# table row the question names ("EBITDA — FY27F: 267.5" gives only the new forecast).
OLD_VALUE_BONUS = 1.0


def earlier_bonus(text: str, answering: frozenset[str], question: str, earlier: bool) -> float:
    """What giving an earlier value adds to a sentence's fit: the year before's where
    ``earlier`` (a comparison or the prior year asked), the old value where the question asks
    for it ("what was the previous forecast?")."""
    if earlier and gives_earlier(text, answering):
        return EARLIER_BONUS
    # (asked from and to, "old and new", the sentence that gives both stays first)
    if asks_old_value(question) and not asks_both_ends(question) and gives_old(text, answering):
        return OLD_VALUE_BONUS
    return 0.0


def gives_old(text: str, answering: frozenset[str]) -> bool:
    """Is one of the sentence's ``answering`` figures the value another is compared with
    ("Old: 241.5; New: 249.0", "cut to €38 from €45"), not another period's ("compared
    with ¥54 for the previous fiscal year": last year's, no previous forecast)?"""
    return any(
        compared_from(text, f) and not _OF_ANOTHER_PERIOD.match(text, f.end)
        for f in find_figures(text)
        if f.text in answering
    )


# "¥54 for the previous fiscal year", "1.9x a year earlier", "$2.95 in fiscal 2025".
_OF_ANOTHER_PERIOD = re.compile(
    r"\s*(?:(?:for|in|during)\s+(?:the\s+)?(?:(?:previous|prior|last|same)\s+(?:fiscal\s+|financial\s+)?"
    r"(?:year|quarter|half|period)|(?:fiscal\s+|financial\s+|FY\s?)?(?:19|20)?\d\d\b)"
    r"|(?:a|one)\s+year\s+(?:earlier|ago|before))",
    re.I,
)


def _year_before_cell(row: str, fig: Figure) -> tuple[Figure, str] | None:
    """In a row of period columns, the cell of the year before ``fig``'s ("FY25: 66.2" of
    "FY26: 71.8")."""
    header = cell_header(row, fig).strip().removesuffix(":").strip()
    back = year_before(header)
    for cell in find_figures(row) if back else []:
        if cell_header(row, cell).strip().removesuffix(":").strip() == back:
            return (cell, back) if _same_kind(fig, cell) else None
    return None


def _same_kind(fig: Figure, other: Figure) -> bool:
    if fig.kind != other.kind:
        return False
    return fig.kind in RATE_KINDS or fig.currency == other.currency


def with_earlier(
    lead: str, fig: Figure, earlier: Figure, earlier_text: str, label: str, stated: bool
) -> str:
    """ "€426.0 million, up from €389.0 million (31 December 2025)": the lead and the earlier
    value, the way it moved read from the two values. A rate the sentence states no move of
    ("Grocery — 2025/26 Q1: 4.1%; 2026/27 Q1: 2.9%": growth, slower) is set beside the
    earlier one as the source writes it, "2.9% (2025/26 Q1: 4.1%)", not said to have fallen;
    so is a rate that moved ("Down 0.2% (H1 2025: 4.6%)")."""
    if lead.startswith(("Up ", "Down ")) or (fig.kind in RATE_KINDS and not stated):
        # Set beside the lead as written, a fall keeps its sign: "12.5% (2025/26 Q1: -9.4%)".
        if earlier.value < 0 and earlier.kind in RATE_KINDS:
            earlier_text = f"-{earlier_text.lstrip('-')}"
        return f"{lead} ({label}: {earlier_text})" if label else f"{lead}, against {earlier_text}"
    # (an outflow's accounting negatives, "(152.0)" from "(139.5)", shown as sizes: it grew)
    now, then = (
        abs(v) if fig.value < 0 and earlier.value < 0 else v for v in (fig.value, earlier.value)
    )
    way = "unchanged from" if now == then else "up from" if now > then else "down from"
    return f"{lead}, {way} {earlier_text}" + (f" ({label})" if label else "")


__all__ = [
    "asks_earlier",
    "bare_level",
    "compared_from",
    "compares_with_earlier",
    "earlier_bonus",
    "earlier_value",
    "gives_earlier",
    "gives_old",
    "unasked_year_ago",
    "with_earlier",
    "year_before",
]
