"""Where a figure counts, against where the question asks: "a 33% share in China" is no share
in Southeast Asia; a figure "across buses and trains", or a row's "Pumps + Valves", is
neither part's alone; "sales (exc. fuel)" counts no fuel."""

from __future__ import annotations

import re

from assistant.entities import normalise
from assistant.focus import QuestionFocus
from assistant.measure_words import EXCLUDED
from assistant.measures import FigureContext
from assistant.text import stem

# The name right after a figure's noun: "33% market share in China", "36% share of China's".
_SCOPE_AFTER = re.compile(
    r"\s*(?:[a-z][\w\-]*\s+){0,3}?(?:of|in)\s+(?:the\s+)?([A-Z][a-z][\w\-]*(?:\s+[A-Z][a-z][\w\-]*)*)"
)
_WORLDWIDE = frozenset({"global", "globally", "worldwide", "world", "world's"})


def scope_fits(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """A figure whose own noun phrase names where it counts ("a 33% share in China", "36%
    share of China's market") answers a question qualified by a place only if it is that
    place: a share in China is no share in Southeast Asia, wherever else the sentence goes."""
    if _across_both(focus, ctx.clause) or _summed_with_unasked(focus, ctx.clause):
        return False
    if _leaves_out_asked(focus, ctx.clause):
        return False  # "Like-for-like sales (exc. fuel)" asked for fuel sales
    scope = _SCOPE_AFTER.match(ctx.sentence, ctx.figure.end)
    if scope and focus.words & _WORLDWIDE:
        return False  # "share of the global market" is not "a 30% share of Spain's market"
    if not focus.qualifiers or not scope:
        return True
    name = normalise(scope.group(1))
    return any(name[:4] == q[:4] for q in focus.qualifiers)


# "Across buses and trains the Group carried 3.15 million": a figure of both together.
_ACROSS = re.compile(
    r"\bacross\s+(?:the\s+|its\s+)?([a-z]+)\s+(?:and|&)\s+(?:the\s+|its\s+)?([a-z]+)"
)


def _across_both(focus: QuestionFocus, clause: str) -> bool:
    """Is the figure counted across two things, of which the question asks one alone?"""
    if focus.words & {"across", "total", "combined", "together", "both"}:
        return False  # "in total across its ferries and planes" asks the joint figure
    for match in _ACROSS.finditer(clause.lower()):
        first, second = stem(match.group(1)), stem(match.group(2))
        if (first in focus.measures) != (second in focus.measures):
            return True
    return False


# A row's "Pumps + Valves", "Home + Garden Products": a figure of two parts summed. (Not
# "Pumps & Valves" or "Pumps and Valves": that is often one division's name.)
_SUMMED = re.compile(r"((?:[A-Za-z][\w'-]*\s+){0,2}[A-Za-z][\w'-]*)\s*\+\s*([A-Za-z][\w'-]*)")


def _summed_with_unasked(focus: QuestionFocus, clause: str) -> bool:
    """Is the figure the sum of two parts, of which the question names one alone ("valves
    sales?" of "Pumps + Valves")? Each part is named by its word beside the "+", or by its
    initials ("hg" of "Home Goods")."""
    asked = {stem(w) for w in focus.words}
    for match in _SUMMED.finditer(clause):
        left, right = match.group(1).lower().split(), match.group(2).lower()
        initials = {"".join(w[0] for w in left[i:]) for i in range(len(left) - 1)}
        named = (stem(left[-1]) in asked or bool(initials & focus.words), stem(right) in asked)
        if named[0] != named[1]:
            return True
    return False


def _leaves_out_asked(focus: QuestionFocus, clause: str) -> bool:
    """Does the clause leave out the measure asked? (A table's unit note, "$ millions, except
    per-share data", leaves out no figure.)"""
    notes = (m for m in EXCLUDED.finditer(clause) if not _UNIT_NOTE.match(clause, m.end()))
    left = {stem(re.split(r"[\s-]", m.group(0))[-1].lower()) for m in notes}
    return bool(left & set(focus.measures)) and not left & focus.excluded


_UNIT_NOTE = re.compile(r"\s+(?:data|amounts|figures|information)\b", re.I)


__all__ = ["scope_fits"]
