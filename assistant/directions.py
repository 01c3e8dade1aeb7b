"""Which way a figure moved, as its words say: "fell", "up", "widened", a change row.

``direction`` reads a clause's direction words; ``clause_direction`` the one of a figure's
own clause, not one another figure took; ``moved_by`` says whether a figure is a change
("grew 12.6%") rather than a level ("rose to 17.3%").
"""

from __future__ import annotations

import re

from assistant.cues import CURRENCY_WORDS
from assistant.figures import RATE_KINDS, Figure, find_figures
from assistant.row_moves import in_change_cell
from assistant.spans import clause_span
from assistant.units import currency_wanted

# Direction words, by morphology of the common English change verbs and adverbs ("on the way
# down" says when, not which way a figure moved).
_DOWN = re.compile(
    r"\b(?:fell|fall(?:s|ing|en)?|(?<!\bway\s)down|declin\w*|drop\w*|shr[ai]nk\w*|shrunk|plummet\w*|"
    r"plung\w*|cut(?:s|ting)?|lower\w*|decreas\w*|slid\w*|"
    r"slip(?:s|ped|ping)?|dip(?:s|ped|ping)?|slump\w*|tumbl\w*|sank|sink\w*|"
    r"contract\w*|reduc\w*|slash\w*|trim(?:s|med|ming)?|halv\w*|los[st]|lost|negative|weaker|narrow\w*|compress\w*)\b",
    re.I,
)
_UP = re.compile(
    r"\b(?:rose|ris(?:e|es|ing|en)|(?<!\bway\s)up(?!\s+to\b)|gr[eo]w\w*|increas\w*|jump\w*|surg\w*|climb\w*|"
    r"gain\w*|uplift\w*|lift\w*|soar\w*|boost\w*|rais\w*|higher|expand\w*|accelerat\w*"
    r"|widen\w*|hik(?:e|es|ed|ing)|rall(?:y|ied|ies|ying))\b",
    re.I,
)
# ("up to 5%" is a bound, not a level; "up from 8.7%" is the level it moved from)
_LEVEL_BEFORE = re.compile(r"\b(?:(?<!\bup\s)to|from|at)\s+(?:a\s+|an\s+)?$", re.I)


# "improved": up, but down for a ratio that is better lower ("the efficiency ratio improved
# to 61.2% from 63.0%, an improvement of 180 basis points").
_BETTER = re.compile(r"\bimprov\w*", re.I)
_LOWER_IS_BETTER = re.compile(
    r"\b(?:efficiency|cost[\s/-]+(?:to[\s-]+)?income|cost\s+of\s+risk|leverage|CASK"
    r"|unit\s+costs?|charge[\s-]?offs?|non-?performing|delinquen\w*)\b",
    re.I,
)


def direction(text: str, at: int | None = None, lower_better: bool = False) -> str | None:
    """'down', 'up' or None: the direction a clause states. With ``at`` (where the figure
    stands in ``text``) the direction word nearest it wins ("growth in volume ..., with sales
    down 0.5%" is down); without, the first one ("cut ... up to" is down). ``lower_better``:
    the measure is better lower, so "improved" is down."""
    found = [(m.start(), "down") for m in _DOWN.finditer(text)]
    found += [(m.start(), "up") for m in _UP.finditer(text)]
    found += [(m.start(), "down" if lower_better else "up") for m in _BETTER.finditer(text)]
    if not found:
        return None
    if at is None:
        return min(found)[1]
    return min(found, key=lambda f: (abs(f[0] - at), f[1] != "down"))[1]


def clause_direction(sentence: str, fig: Figure) -> str | None:
    """The direction word of ``fig``'s own clause nearest it ('up', 'down' or None); not one
    another figure took ("passengers, up 4.8%, and the load factor was 83.1%", "..., up
    9.7%, at a load factor of 88.4%")."""
    start, end = clause_span(sentence, fig)
    before = [f.end for f in find_figures(sentence[start : fig.start]) if f.kind != "year"]
    # "... and the load factor was 83.1%": a verb of its own after the last figure; not "cut
    # by 9% for 2026E and 5% for 2027E", nor "(previously €500m)", which moved too.
    if before and _OWN_VERB.search(sentence, start + max(before), fig.start):
        start += max(before)
    # "a WACC of 7.6% and a terminal growth rate of 1.5%": the words after "and" are the next
    # figure's (its "growth" no move of 7.6%).
    after = [f.start for f in find_figures(sentence[fig.end : end]) if f.kind != "year"]
    joined = _AND.search(sentence, fig.end, fig.end + after[0]) if after else None
    if joined:
        end = joined.start()
    lower_better = bool(_LOWER_IS_BETTER.search(sentence))
    return direction(sentence[start:end], fig.start - start, lower_better)


_AND = re.compile(r"\band\b")


_OWN_VERB = re.compile(
    r"\b(?:was|were|is|are|stood|reached|totall?ed|came\s+in|remain(?:ed|s)?|represent(?:ed|s)?"
    r"|account(?:ed|s)?\s+for|held|holds?|(?:at|with)\s+an?)\b",
    re.I,
)


def change_direction(sentence: str, fig: Figure) -> str | None:
    """Which way a rate moved, None for a level it moved to or from ("shrank to 5.3% from
    7.9%") or a rate no direction word stands by."""
    if _LEVEL_BEFORE.search(sentence, 0, fig.start):
        return None
    return clause_direction(sentence, fig)


def moved_by(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` a change ("grew 12.6%", a cell of a "% change" or "Change (B - A)" row), not
    a level ("rose to 17.3%", "NZ$71.4m")?"""
    if _CHANGE_ROW.match(sentence):  # "Change (B - A) — Operating profit: 4,500" too
        return True
    if fig.kind == "money" and _BY_AMOUNT.search(sentence, max(0, fig.start - 25), fig.start):
        return True  # "changes FY27 EBITDA by about NZ$4.2m", "cut costs by £40m"
    return fig.kind in RATE_KINDS and change_direction(sentence, fig) is not None


# "rose ¥3.2 billion", "fell by about $2m": an amount moved, stated right after its verb.
_MOVED_AMOUNT = re.compile(
    r"\b(?:rose|fell|grew|gained|lost|added|jumped|climbed|dropped|slipped|up|down|increased"
    r"|decreased|declined)\s+(?:by\s+)?(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+)?$",
    re.I,
)


def asks_amount_moved(question: str) -> bool:
    """Does a question ask the size of a move in money ("by how much did it rise, in yen?",
    "by how many yen?"), not an amount it states ("why did profit rise to NZ$51.7m?") nor
    how much there was ("how much did fuel sales grow, in £m?" may ask the level)?"""
    states_money = any(f.kind == "money" for f in find_figures(question))
    sized = _MOVE_SIZE.search(question)
    return bool(sized and currency_wanted(question)) and not states_money


_MOVE_SIZE = re.compile(rf"\bby\s+how\s+(?:much|many\s+(?:{CURRENCY_WORDS})s?)\b", re.I)


def amount_moved(sentence: str, fig: Figure) -> bool:
    """Is the money figure an amount something moved by ("rose by ¥3.2 billion"), not the
    level it moved to ("rose 18% to ¥20.4 billion")?"""
    before = sentence[max(0, fig.start - 40) : fig.start]
    return moved_by(sentence, fig) or bool(_MOVED_AMOUNT.search(before))


def is_move(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` a move stated in words or by its row, or a change column's cell ("YoY: 2.9%")?"""
    return moved_by(sentence, fig) or in_change_cell(sentence, fig)


_BY_AMOUNT = re.compile(r"\bby\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|some\s+)?$")
# A table row of changes: "% change — Net sales: 3.3; Operating profit: 11.3".
_CHANGE_ROW = re.compile(r"\s*(?:%\s*change|change|yoy|y/y|growth)\b[^\u2014\n]{0,30}\u2014", re.I)


__all__ = [
    "amount_moved",
    "asks_amount_moved",
    "change_direction",
    "clause_direction",
    "direction",
    "is_move",
    "moved_by",
]
