"""A figure that restates the one before it: the same sum in other words, or its earlier value.

"RMB 380 billion (about US$53 billion)" gives one sum in two currencies; "an impairment of
NZ$7.4 million before tax (NZ$5.2 million after tax)" gives one charge on two bases; "EBIT
to EUR 376m (from EUR 412m)" gives the value it moved from. The second figure measures what
the first one does, so it takes the first one's words; :func:`restated_asides` and
:func:`restated_rank` say which of two such figures answers a question that names a basis.
"""

from __future__ import annotations

import itertools
import re

from assistant.expectations import expected_of_previous
from assistant.figures import Figure, find_figures
from assistant.periods import periods
from assistant.text import stem

_RESTATED = re.compile(
    r"\s*\(\s*(?:(?P<hedge>about|approximately|approx\.|around|roughly|some|c\.|~|or|equal to"
    r"|equivalent to)\s*)?$",
    re.IGNORECASE,
)
# "EBIT to EUR 376m (from EUR 412m)": the value the figure moved from, of the same measure.
_MOVED_FROM = re.compile(r"\s*\(\s*(?:from|previously:?|previous:?|prior:?)\s*", re.I)
_BARE_FROM = re.compile(r"\s+from\s+")
# "3.40 million passengers, up from 3.21 million": the counted noun, then the value before.
_NOUN_UP_FROM = re.compile(r"(?:\s+[a-z][\w-]*){1,2},?\s+(?:up|down)\s+from\s+")
_TO = re.compile(r"\bto\s+(?:about\s+|around\s+|some\s+)?$")
_BEFORE_TAX = re.compile(r"\s+(?:before|pre)[\s-]tax\s*\(\s*", re.IGNORECASE)
_AFTER_TAX = re.compile(r"\s*(?:after|post)[\s-]tax\b", re.IGNORECASE)
# The words that say the first figure is before tax, which the one after tax is not.
BEFORE_TAX_WORDS = frozenset(stem(w) for w in ("before", "pre"))


def restates(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` ``first`` restated in brackets ("RMB 380 billion (about US$53 billion)")?
    A bracketed figure with a label ("(2025/26: £1,036m)") is another figure."""
    if first.kind != "money" or second.kind != "money":
        return False
    between = _RESTATED.fullmatch(sentence[first.end : second.start])
    return between is not None and (
        bool(between.group("hedge")) or first.currency != second.currency
    )


def value_moved_from(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` the earlier value of ``first``, in brackets after it ("EUR 376m (from
    EUR 412m)") or after "to ... from" ("raised its plan to ¥19 billion from ¥17 billion",
    "the NPL ratio rose to 0.52% from 0.47% after ...")? It measures what ``first`` does, and
    nothing the sentence says after it."""
    between = sentence[first.end : second.start]
    return first.kind == second.kind and (
        _MOVED_FROM.fullmatch(between) is not None
        or (
            _BARE_FROM.fullmatch(between) is not None
            and _TO.search(sentence, 0, first.start) is not None
        )
    )


# "Staff costs rose 6.0% to €120 million": the change, then the level the measure reached.
_MOVED_BY = re.compile(
    r"\b(?:rose|fell|grew|increased|decreased|declined|climbed|dropped|jumped|slipped|gained"
    r"|eased|up|down)\s+(?:by\s+)?$",
    re.I,
)
_TO_LEVEL = re.compile(r"\s+to\s+(?:about\s+|around\s+|some\s+)?")


def noun_moved_from(sentence: str, first: Figure, second: Figure) -> tuple[int, int] | None:
    """Where ``second``'s measure is read, if it is the earlier value of ``first`` after the
    noun ``first`` counts ("carried 3.40 million passengers, up from 3.21 million in 2030,
    together with 520,000 vehicles"): from the clause's start to the next comma, so that it
    counts passengers, of the subject before, and no vehicles after."""
    if first.kind != second.kind or not _NOUN_UP_FROM.fullmatch(sentence, first.end, second.start):
        return None
    start = max(sentence.rfind(";", 0, first.start), sentence.rfind(". ", 0, first.start)) + 1
    comma = sentence.find(",", second.end)
    return start, comma if comma > 0 else len(sentence)


def level_moved_to(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` the level that the measure ``first`` moved by reached ("freight rose
    4.2% to €310 million and repair costs rose ...")? It measures what ``first`` does,
    and nothing the sentence says after it."""
    return (
        first.kind in ("percent", "points")
        and second.kind != "year"
        and _MOVED_BY.search(sentence, 0, first.start) is not None
        and _TO_LEVEL.fullmatch(sentence, first.end, second.start) is not None
    )


def same_measure_moved(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` the earlier value of ``first`` or the level its move reached?"""
    return value_moved_from(sentence, first, second) or level_moved_to(sentence, first, second)


def after_tax_of(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` ``first`` after tax ("NZ$7.4 million before tax (NZ$5.2 million after
    tax)")?"""
    return (
        first.kind == second.kind == "money"
        and _BEFORE_TAX.fullmatch(sentence, first.end, second.start) is not None
        and _AFTER_TAX.match(sentence, second.end) is not None
    )


# "Net income was $90 million, or $1.20 per diluted share": the amount again, per unit.
_OR_BETWEEN = re.compile(r"\s*,?\s*or\s+", re.I)
_PER_UNIT_AFTER = re.compile(r"\s*(?:per|a|an|each|/)\s*(?:[a-z]+\s+)?(?:share|unit)s?\b", re.I)


def restated_per_unit(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` the amount ``first`` divided by a count ("$90 million, or $1.20 per
    diluted share")? It measures what ``first`` does, per unit."""
    return (
        first.kind == second.kind == "money"
        and _OR_BETWEEN.fullmatch(sentence, first.end, second.start) is not None
        and _PER_UNIT_AFTER.match(sentence, second.end) is not None
    )


# "Acme's share rose to 4.7%, while Initech remained the leader with 9.8%": a second owner's
# figure of the same measure, the measure left unsaid.
_ANOTHER_OWNER = re.compile(
    r"(?:\s*\[\d+\])?(?:\s+[a-z][a-z ]{0,40})?\s*,?\s*(?:while|whereas)\s+"
    r"[^,;:()]{1,80}?\s+with\s+$",
    re.I,
)


def elided_measure(sentence: str, first: Figure, second: Figure) -> bool:
    """Is ``second`` another owner's value of what ``first`` measures, set beside it with the
    measure unsaid ("to 4.7%, while Initech remained the market leader with 9.8%")?"""
    return first.kind == second.kind and (
        _ANOTHER_OWNER.fullmatch(sentence, first.end, second.start) is not None
    )


def takes_measure_of(sentence: str, first: Figure, second: Figure) -> bool:
    """Does ``second`` measure what ``first`` does, though its own clause does not say so: the
    expectation bracketed after it ("(-2.6% expected)") or another owner's value beside it?"""
    return expected_of_previous(sentence, first, second) or elided_measure(sentence, first, second)


# "NZ$7.4 million before tax (NZ$5.2 million after tax)": the same amount on another basis.
_ON_ANOTHER_BASIS = re.compile(r"^(?:\s+[a-z][a-z -]{0,24})?\s*\(\s*$")
_BASIS_WORDS = re.compile(
    r"\s+((?:after|before|pre|post|excluding|ex|including|incl|adjusted|underlying|reported"
    r"|organic|constant|like-for-like|net|gross)\b[^()]{0,40})\)",
    re.I,
)


def restated_asides(sentence: str) -> dict[int, frozenset[str]]:
    """Where each figure that restates the figure before it in brackets on another basis
    starts, with the words that tell its basis from that figure's ("after" of "NZ$7.4
    million before tax (NZ$5.2 million after tax)"; not "(-0.9% expected)", an estimate)."""
    figures = find_figures(sentence)
    out: dict[int, frozenset[str]] = {}
    for before, fig in itertools.pairwise(figures):
        words = _BASIS_WORDS.match(sentence, fig.end)
        between = sentence[before.end : fig.start]
        # "($4m in 2025)" is the year before's value, not the same one on another basis.
        if (
            words
            and fig.kind == before.kind
            and _ON_ANOTHER_BASIS.match(between)
            and not periods(words[1])
        ):
            out[fig.start] = _words(words[1]) - _words(between)
    return out


def restated_rank(restated: dict[int, frozenset[str]], question: str, fig: Figure) -> int:
    """2 for a restated figure whose basis the question names ("after tax"), 0 for one whose
    it does not, 1 for a figure restating none."""
    if fig.start not in restated:
        return 1
    return 2 * bool(_words(question) & restated[fig.start])


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[a-z]+", text.lower()))


__all__ = [
    "BEFORE_TAX_WORDS",
    "after_tax_of",
    "elided_measure",
    "level_moved_to",
    "noun_moved_from",
    "restated_asides",
    "restated_per_unit",
    "restated_rank",
    "restates",
    "same_measure_moved",
    "takes_measure_of",
    "value_moved_from",
]
