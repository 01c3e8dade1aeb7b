"""Whether a figure keeps the ratio a question asks: a margin is no amount, an amount per
share is no total, and a multiple of one measure is no figure of another.

:func:`keeps_ratio` is one test of ``assistant.matching.answers``.
"""

from __future__ import annotations

import re

from assistant.abbreviations import ratio_named, spelled_words
from assistant.figures import PER_SHARE
from assistant.focus import QuestionFocus
from assistant.measure_fit import MULTIPLE
from assistant.measure_words import measure_stems, measure_words
from assistant.measures import FigureContext
from assistant.stem_match import carries_counted, ratio_acronyms
from assistant.text import stem

# Nouns that make a ratio of the measure before them ("EBITA margin", "dividend yield").
_RATIO_STEMS = frozenset(stem(w) for w in ("margin", "ratio", "yield", "multiple"))
# "0.64% of total loans": a ratio written as a share of what it is taken of.
_SHARE_OF = re.compile(r"\s+of\s+(?:total\s+|average\s+|gross\s+)?[a-z]", re.I)
# "What share of sales came from overseas?": a part of a whole asked, which a ratio states.
_SHARE_STEMS = frozenset(stem(w) for w in ("share", "proportion", "percentage", "fraction"))


def keeps_ratio(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """A ratio the question asks of a measure ("EBITA margin") is answered by that ratio's
    figure, not by the measure itself ("EBITA fell 21%"); nor is the measure answered by a
    ratio of it ("EBITDA margin improved to 17.6%" says nothing of EBITDA)."""
    if focus.per and _per_missing(focus.per, ctx.clause, ctx.figure.kind):
        return False  # "revenue per passenger" is not "Passenger revenue"
    if focus.per == _SHARE and _total_not_per_share(ctx):
        return False  # "$88.2 million, or $0.94 per diluted share": the EPS is $0.94
    if not carries_counted(focus, ctx):
        return False  # "dividend per share" is not "earnings of $4.10 per share"
    asked = _RATIO_STEMS & (focus.measures | _spelt_out(focus.measures, ctx.clause))
    multiple = bool(MULTIPLE.fullmatch(ctx.figure.text))
    if asked:  # "1.5x" is written as a multiple, a ratio as a share ("0.64% of total loans")
        written = {stem("multiple")} if multiple else set()
        if ctx.figure.kind == "percent" and _SHARE_OF.match(ctx.sentence, ctx.figure.end):
            written.add(stem("ratio"))
        if _named_as_one_to_another(focus, ctx.sentence):
            written.add(stem("ratio"))
        return asked <= measure_stems(ctx.sentence) | written
    if multiple and (_of_another_numerator(focus, ctx) or _times_the_asked(focus, ctx)):
        return False  # "EBITDA?" is not "net debt to EBITDA of 3.1x"
    near = {word for word, weight in ctx.weights if weight >= 0.8}
    # ("CET1" asked, "a CET1 ratio of 11.4%": the short name such ratios go by; a move in
    # points is a ratio's: "Gross margin — Change: (40) bps" says nothing of gross profit)
    percent_of = ctx.figure.kind in ("percent", "points") and _RATIO_STEMS & near
    if not percent_of or _SHARE_STEMS & {stem(w) for w in focus.words}:
        return True
    return bool(ratio_named(focus.measures, ctx.clause))


# "book-to-bill", "loan-to-deposit": a name that is itself one measure to another.
_ONE_TO_ANOTHER = re.compile(r"\b([a-z]+)-to-([a-z]+)\b", re.I)


def _named_as_one_to_another(focus: QuestionFocus, sentence: str) -> bool:
    """Does the sentence name the asked ratio as one measure to another ("Book-to-bill was
    1.04" for "the book-to-bill ratio"), which says "ratio" without the word?"""
    return any(
        {stem(pair[1].lower()), stem(pair[2].lower())} <= focus.measures
        for pair in _ONE_TO_ANOTHER.finditer(sentence)
    )


# "net debt to LTM EBITDA of 3.1x", "Net debt / EBITDA": what a ratio divides, and by what.
_DIVIDED_BY = re.compile(r"\s(?:to|over)\s|\s*/\s*", re.I)


def _of_another_numerator(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the multiple a ratio by the measure asked of another one the question does not ask
    ("net debt to LTM EBITDA of 3.1x" asked as EBITDA)? Read at the last "to" or "/" before
    the figure ("taking leverage to 3.1x EBITDA" divides nothing)."""
    before = ctx.sentence[: ctx.figure.start]
    splits = list(_DIVIDED_BY.finditer(before))
    if not splits:
        return False
    split = splits[-1]
    asked = set(focus.measures)
    numerator = {stem(w) for w in measure_words(" ".join(before[: split.start()].split()[-3:]))}
    denominator = {stem(w) for w in measure_words(before[split.end() :])}
    return bool(asked & denominator) and bool(numerator) and not asked & numerator


def _times_the_asked(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the multiple one of the measure asked ("2.1x book value per share of $18.40" asked
    as BVPS): the measure named right after it, before any "of"?"""
    after = re.split(r"\bof\b|[,;(]", ctx.sentence[ctx.figure.end :])[0]
    named = {stem(w) for w in measure_words(after)}
    spelt = {m for m in focus.measures if 2 <= len(m) <= 5 and spelled_words(m, after)}
    return bool(focus.measures) and set(focus.measures) - spelt <= named


_SHARE = stem("share")


def _total_not_per_share(ctx: FigureContext) -> bool:
    """Is the figure an amount in millions or more with no "per share" after it (a per-share
    figure's own words may still be in its clause)?"""
    fig = ctx.figure
    return fig.kind == "money" and fig.value >= 1e6 and not PER_SHARE.match(ctx.sentence, fig.end)


def _per_missing(unit: str, clause: str, kind: str) -> bool:
    """Does ``clause`` say no figure per the unit asked: the unit named but not after "per",
    "a" or "/", nor an acronym ending in its letter ("EPS" for per share), or a total in
    millions or a bare count that names no unit at all ("Ancillary revenue (EUR m): 397",
    "about four-fifths of revenue")?"""
    if ratio_acronyms(clause, unit):
        return False
    words = re.findall(r"[A-Za-z]+|/", clause)
    lower = [w.lower() for w in words]
    named = [i for i, w in enumerate(lower) if stem(w) == unit]
    if not named:
        return kind == "number" or bool(_SCALED.search(clause))
    return not any(_after_per(lower, i) for i in named)


def _after_per(lower: list[str], i: int) -> bool:
    """Is the unit at ``i`` the one a figure is counted per: "per share", "a share", "/share",
    or one word between ("per diluted share", "per ordinary share")?"""
    if i and lower[i - 1] in ("per", "/", "each", "a", "an"):
        return True
    return i > 1 and lower[i - 2] == "per" and lower[i - 1] not in ("the", "cent")


_SCALED = re.compile(r"\b(?:mn?|bn|k|millions?|billions?|thousands?)\b|[$\u00a3\u20ac]m\b", re.I)


def _spelt_out(measures: frozenset[str], clause: str) -> frozenset[str]:
    """The stems of the words the question's acronyms spell in ``clause`` ("NIM" ->
    "net interest margin")."""
    spelt = (spelled_words(s, clause) for s in measures if 2 <= len(s) <= 5)
    return frozenset(stem(w) for words in spelt if words for w in words)


__all__ = ["keeps_ratio"]
