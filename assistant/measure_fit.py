"""Whether a figure's clause states the measure a question asks, by stems or by meaning.

:func:`measure_fits` is the last test of ``assistant.matching.answers``: the noun the figure
qualifies must be the one asked (:func:`head_fits`), no other basis of the measure may be
stated ("operating margin" for "gross margin"), and the clause must carry the measure's words
or, failing that, say the same thing in other words (an embedding similarity).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.cues import CHANGE_CUE
from assistant.entities import normalise
from assistant.focus import QuestionFocus
from assistant.income_lines import income_of_another_kind
from assistant.later_figures import named_for_a_later_figure
from assistant.measure_words import StemBag, measure_words, word_stems
from assistant.measures import MIN_STEM_MATCH, FigureContext
from assistant.modifiers import (
    another_kind_named,
    names_only_the_base,
    names_the_modifier,
    of_another_measure,
    other_items_left_out,
    part_result_for_whole,
    share_price_move,
)
from assistant.periods import names_year, periods
from assistant.ratio_sides import one_side_of_a_ratio
from assistant.row_moves import in_change_cell, level_of_a_period
from assistant.stem_match import stem_match
from assistant.synonyms import (
    other_basis,
    other_basis_before,
    other_measure,
    same_measure,
    with_acronym_names,
)
from assistant.text import STOPWORDS, TABLE_ROW, stem

# How close a noun a figure counts must be to the nouns a question joins ("vehicles" to "cars
# trucks": 0.79; "passengers" to it: 0.45) to stand for them with no other word in common.
GROUP_SIMILARITY = 0.65
_MARGIN = stem("margin")
# What a margin is a ratio of: asked, with no margin, a margin is not it.
_MARGIN_BASES = frozenset(stem(w) for w in ("profit", "earnings", "income", "sales", "revenue"))


def measure_fits(
    focus: QuestionFocus,
    ctx: FigureContext,
    similarity: Callable[[str, str], float] | None,
    min_similarity: float,
) -> bool:
    """The clause carries the measure's words, or says the same thing in other words.

    The noun a figure directly qualifies must be what the question asks: "the $1.8 trillion
    AI infrastructure market" is a market's size, not a sum committed to AI infrastructure.
    """
    if not head_fits(focus, ctx, similarity, min_similarity):
        return False
    if named_for_a_later_figure(focus, ctx):
        return False  # "earns 3.9% but at an efficiency ratio of 64%": 3.9% is no ratio
    # (a row's cell header, whatever its case: "Net sales" under a title "Operating results")
    by_words = with_header(ctx) if TABLE_ROW.match(ctx.sentence) else ctx
    stated = with_acronym_names(frozenset(k for k, _ in by_words.weights))
    asked = with_acronym_names(focus.measures)  # "EBIT" asked is operating profit's basis
    if other_basis(asked, stated) or other_basis_before(focus.phrase, ctx.clause):
        return False  # "gross margin" asked, "operating margin" stated
    if _other_side_of_tax(focus, ctx):
        return False  # "earn after tax" asked, "Profit before tax" stated
    if _another_kind(focus, ctx):
        return False  # "online sales" asked, "Homewares sales were down 2.1%" stated
    if names_the_modifier(focus, ctx):
        return False  # "order backlog" asked, "orders rose to ¥85bn and the backlog ..." stated
    if names_only_the_base(focus, ctx) or another_kind_named(focus, ctx):
        return False  # "cost of deposits" asked, "Total deposits were $61.3bn" stated
    if of_another_measure(focus, ctx) or share_price_move(focus, ctx):
        return False  # "orders" asked, "revenue of $0.9bn and orders running ahead" stated
    if part_result_for_whole(focus, ctx) or other_items_left_out(focus, ctx):
        return False  # "net profit" asked, "... and segment profit was ¥3.0bn" stated
    if one_side_of_a_ratio(focus.measures, ctx.clause):
        return False  # "price cuts" asked, "price/earnings ratio: 14.2" stated
    if asked & _MARGIN_BASES and _MARGIN in {k for k, w in ctx.weights if w >= 1.0} - asked:
        return False  # "operating profit" asked, "OP margin (%): 11.4" (profit over sales)
    near = with_acronym_names(frozenset(k for k, w in ctx.weights if w >= 1.0))
    if other_measure(focus.measures, near):
        return False  # "net profit" asked, "Net sales" stated
    if level_of_a_period(focus.words, focus.periods, focus.year_back) and in_change_cell(
        ctx.sentence, ctx.figure
    ):
        return False  # "EPS in the prior year?": not "Change: 11%", however well its row fits
    matched = stem_match(focus, ctx)
    if matched > MIN_STEM_MATCH or _row_match(focus, ctx) > MIN_STEM_MATCH:
        return True
    if matched == MIN_STEM_MATCH and on_the_day_asked(focus, ctx):
        return True  # "close on 12 November?": "..., closing at $58.40 on 12 November"
    if _head_is_group(focus, ctx, similarity):
        return True
    # "Change: 3.3%" is a move: by meaning alone it answers no level ("market share at X?").
    if in_change_cell(ctx.sentence, ctx.figure) and not CHANGE_CUE.search(" ".join(focus.words)):
        return False
    return (
        similarity is not None
        and bool(focus.phrase)
        and similarity(focus.phrase, ctx.clause) >= min_similarity
    )


def _another_kind(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the clause state another kind of the measure asked: the opposite rating action
    ("could upgrade" for a downgrade's trigger), sales wider than the basis or channel asked
    ("Homewares sales were down 2.1%" for online sales), one country's sales for sales abroad
    ("customers in China"), a ratio of another kind ("common equity tier 1 ratio" for a
    leverage ratio), income of a kind ("net interest income" for net income)?"""
    stated = frozenset(k for k, _ in ctx.weights)
    clause = frozenset(word_stems(ctx.clause))
    return (
        _other_direction(focus.measures, stated)
        or _narrowing_unsaid(focus.measures, stated | clause, clause)
        or _one_country_for_abroad(focus.words, ctx.clause)
        or another_ratio(focus.phrase, ctx.clause)
        or _one_of_a_total(focus, ctx)
        or income_of_another_kind(focus.words, ctx.sentence[: ctx.figure.start])
    )


_SUMMED = frozenset({"across", "combined", "together", "total"})
# A business named by what it runs: "the fleet of 14 vessels" speaks of the ferries.
_RUN_BY = {stem("ferry"): {stem("vessel"), stem("ship")}, stem("boat"): {stem("vessel")}}


def _one_of_a_total(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the question ask a total of two things ("passengers across buses and trains")
    where the figure's words name one of them only ("Buses carried 1.37 million")?"""
    if not focus.words & _SUMMED:
        return False
    said = frozenset(word_stems(f"{ctx.zone} {ctx.clause}"))
    for group in focus.groups:
        sides = [{stem(w)} | same_measure(stem(w)) for w in group.split()]
        named = [bool(said & side.union(*(_RUN_BY.get(s, set()) for s in side))) for side in sides]
        if any(named) and not all(named):
            return True
    return False


# Rating actions that share a measure (a rating) but go opposite ways.
_OPPOSITE_ACTIONS = (frozenset({stem("upgrade")}), frozenset({stem("downgrade")}))


def _other_direction(asked: frozenset[str], stated: frozenset[str]) -> bool:
    """Does the question ask one rating action ("downgrade") and the figure state only the
    other ("could upgrade the rating")?"""
    up, down = _OPPOSITE_ACTIONS
    return bool(
        (asked & up and stated & down and not stated & up)
        or (asked & down and stated & up and not stated & down)
    )


# Words that make a measure a narrower one: a basis that strips out new stores or deals
# ("like-for-like sales", "organic growth"), a channel ("online sales"). Sales of all kinds
# answer none of them.
_NARROWING = tuple(
    frozenset({stem(w)}) | same_measure(stem(w)) for w in ("lfl", "organic", "online", "digital")
)
# "nonperforming loans": the loans not being repaid, which the figure's own clause must say
# (a paragraph about them may go on to the whole loan book: "We think the loan book is sound ...").
_NONPERFORMING = frozenset({stem("nonperforming"), "npl", "npa"})
_NON, _PERFORMING = stem("non"), stem("performing")


def _narrowing_unsaid(
    asked: frozenset[str], stated: frozenset[str], clause: frozenset[str]
) -> bool:
    """Does the question narrow its measure ("online sales", "LFL sales", "nonperforming
    loans") where the figure's words (``stated``; ``clause``: its own clause's stems) say no
    such thing?"""
    if any(asked & words and not stated & words for words in _NARROWING):
        return True
    if {_NON, _PERFORMING} <= clause:  # "non-performing", in two words
        clause |= _NONPERFORMING
    return bool(asked & _NONPERFORMING) and not clause & _NONPERFORMING


# Sales abroad as a whole ("overseas", "international" customers) against one country's.
_ABROAD = frozenset(
    {"overseas", "international", "foreign", "abroad", "outside", "export", "exports"}
)
_IN_COUNTRY = re.compile(r"\b(?:in|to|from)\s+(?:the\s+)?[A-Z][a-z]+")


def _one_country_for_abroad(asked: frozenset[str], clause: str) -> bool:
    """Does the question ask sales abroad as a whole and the clause give one place's ("Sales
    to customers in China accounted for 18.4%"), never saying abroad itself?"""
    said = set(re.findall(r"[a-z]+", clause.lower()))
    return bool(asked & _ABROAD) and not said & _ABROAD and _IN_COUNTRY.search(clause) is not None


# A ratio is named by the word before it: a "leverage ratio" is no "tier 1 ratio".
_RATIO_NAMED = re.compile(r"([A-Za-z0-9]+)[\s-]+ratios?\b", re.IGNORECASE)
_KIND_LETTERS = 4  # shorter words ("NPL", "CET1") are acronyms a clause may spell out


def another_ratio(asked: str, clause: str) -> bool:
    """Does the clause name its ratio by another word ("a CET1 ratio"; "a common equity
    tier 1 ratio") than the one the question names its ratio by ("leverage ratio"), and never
    that word or a synonym of it?"""
    kinds = {stem(m.group(1).lower()) for m in _RATIO_NAMED.finditer(asked)}
    kinds = {k for k in kinds if k.isalpha() and len(k) >= _KIND_LETTERS and k not in STOPWORDS}
    if not kinds:
        return False
    words = {stem(w) for w in re.findall(r"[a-z]+", clause.lower())}
    if any(words & (same_measure(k) | {k}) for k in kinds):
        return False
    named = [m.group(1).lower() for m in _RATIO_NAMED.finditer(clause)]
    return any(n not in STOPWORDS for n in named)


def on_the_day_asked(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure dated the day the question asks ("on 12 November"), which a figure
    rarely is by chance: half the measure's words then do. (Not a period's last days, "at 30
    June", on which many balances stand.)"""
    if not any(p.startswith("Em") and p in ctx.periods for p in focus.periods):
        return False
    days = {w for w in focus.words if w.isdigit() and 1 <= int(w) <= _LAST_ORDINARY_DAY}
    return any(re.search(rf"\b{day}\s+[A-Z][a-z]+", ctx.sentence) for day in days)


_LAST_ORDINARY_DAY = 27  # from the 28th a date may be a month's end, a reporting date


def beyond_row_name(focus: QuestionFocus, ctx: FigureContext) -> QuestionFocus | None:
    """The question's measure past the name of the figure's table row ("What did the
    services segment book in orders?" of a row "Field Services": "orders"), scored
    against the cell's header as well as its clause; None where the row names none of it
    or all of it."""
    if not ctx.label:
        return None
    named = ctx.label | frozenset().union(*(same_measure(s) for s in ctx.label))
    # "op margin" of a row "GAAP operating margin": a clipped word is the label's word.
    rest = StemBag(s for s in focus.measures if not any(n.startswith(s) for n in named))
    if not rest or len(rest) == len(focus.measures):
        return None
    return replace(focus, measures=rest)


def with_header(ctx: FigureContext) -> FigureContext:
    """The cell's clause without its row's name, plus its header's words, whatever their
    case ("Revenue FY26 ($m)")."""
    header = {stem(w): 1.0 for w in measure_words(ctx.zone.lower())}
    weights = {k: w for k, w in ctx.weights if k not in ctx.label} | header
    return replace(ctx, weights=tuple(weights.items()))


def _row_match(focus: QuestionFocus, ctx: FigureContext) -> float:
    rest = beyond_row_name(focus, ctx)
    if rest is None and _row_of_asked(focus, ctx):
        rest = focus  # "Umbrella Motors' H1 revenue?" of its row "... — Revenue H1: USD 27.6bn"
    return 0.0 if rest is None else stem_match(rest, with_header(ctx))


def _row_of_asked(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the row a peer table's row of the company the question asks about, or a row named
    for the business it asks about, in the column of a year asked before the row's latest
    ("Buses' revenue in FY25?" of a segment table's row "Buses — Revenue FY26 ($m):
    287.4; Revenue FY25 ($m): 271.9")? Prose seldom states a business's earlier year, but
    states its latest in the document's own currency, which a header may write as a bare
    "$" ("NZ$287.4 million")."""
    if ctx.peer:
        return ctx.peer in focus.subjects
    row = TABLE_ROW.match(ctx.sentence)
    if not row or normalise(row.group("label")) not in focus.subjects:
        return False
    years = [int(y) for y in periods(ctx.sentence) if y.isdigit()]
    own = [int(y) for y in ctx.periods if y.isdigit()]
    return names_year(focus.periods) and bool(own) and max(own) < max(years, default=0)


def _head_is_group(
    focus: QuestionFocus, ctx: FigureContext, similarity: Callable[[str, str], float] | None
) -> bool:
    """The noun the figure counts is what the question's joined nouns name together:
    "467,000 vehicles" for "how many cars and trucks?"."""
    return bool(ctx.head and similarity and focus.groups) and any(
        similarity(ctx.head, group) >= GROUP_SIMILARITY for group in focus.groups
    )


def head_fits(
    focus: QuestionFocus,
    ctx: FigureContext,
    similarity: Callable[[str, str], float] | None,
    min_similarity: float,
) -> bool:
    """The figure's head noun is among the question's measure words, or means the same."""
    head = stem(ctx.head)
    if focus.noun and ctx.head and ctx.figure.kind == "number" and head != focus.noun:
        # "vehicles carried by trains": not "2.8 million passengers"; but "employed 2,950
        # people" counts the employees asked
        verb = _verb_before(ctx, verbs_only=True)
        return focus.noun in same_measure(head) | same_measure(verb) or verb == focus.noun
    if not ctx.head or not focus.measures or head in focus.measures:
        return True
    if any(t in focus.measures for t in same_measure(head)):
        return True
    if MULTIPLE.fullmatch(ctx.figure.text) and _multiple_named_before(focus, ctx):
        return True  # "leverage to 2.2x EBITDA": the noun after a multiple is its base
    if ctx.figure.kind == "number" and _verb_before(ctx) in focus.measures and not focus.groups:
        # "delivered 310,000 vehicles": the vehicles count the deliveries (but "how many cars
        # and trucks did the ferries carry?" counts those, not what "carried" counts)
        return True
    if similarity is None:
        return False
    return any(
        similarity(ctx.head, words) >= min_similarity for words in (focus.phrase, *focus.groups)
    )


def _verb_before(ctx: FigureContext, verbs_only: bool = False) -> str:
    """The stem of the word right before the figure ("deliver" of "delivered 1.2 million");
    ``verbs_only``: "" unless it reads as a verb ("employed", "employs", not "aircraft:")."""
    words = re.findall(
        r"[a-z]+", ctx.sentence[max(0, ctx.figure.start - 30) : ctx.figure.start].lower()
    )
    if not words or (verbs_only and not re.fullmatch(r"[a-z]+(?:ed|s)", words[-1])):
        return ""
    return stem(words[-1])


MULTIPLE = re.compile(r"[\d.,]+[xX\u00d7]")  # "2.6x", "1.5X" and the multiplication sign
# Measures stated as a multiple of something ("2.6x EBITDA"), not a price ("a $56 target").
_MULTIPLE_MEASURES = frozenset(
    stem(w) for w in ("leverage", "gearing", "multiple", "coverage", "cover", "ratio", "valuation")
)


def _multiple_named_before(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the question ask a measure stated as a multiple, every word of which the figure's
    clause names before the figure?"""
    if not _MULTIPLE_MEASURES & set(focus.measures):
        return False
    before = ctx.clause[: ctx.clause.find(ctx.figure.text)]
    return set(focus.measures) <= {stem(w) for w in measure_words(before)}


_BEFORE_TAX = re.compile(
    r"\b(?:before|pre)[\s-]*(?:interest(?:,|\s+and)\s+)?tax(?:es|ation)?\b|\bpretax\b", re.I
)
_AFTER_TAX = re.compile(r"\b(?:after|post)[\s-]*tax(?:es|ation)?\b", re.I)


def _other_side_of_tax(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the question ask a measure after tax and the figure's clause say before tax, or
    the other way round, or ask the tax itself of a profit before or after it ("income tax
    paid?" is no "profit after tax")?"""
    words = focus.words
    if not words & {"tax", "taxes", "taxation", "pretax"}:
        return False
    before = "pretax" in words or bool(words & {"before", "pre"})
    after = bool(words & {"after", "post"})
    if not before and not after:
        untaxed = _AFTER_TAX.sub(" ", _BEFORE_TAX.sub(" ", ctx.clause))
        return untaxed != ctx.clause and not re.search(r"\btax", untaxed, re.I)
    if before == after:
        return False
    stated = _AFTER_TAX if before else _BEFORE_TAX
    wanted = _BEFORE_TAX if before else _AFTER_TAX
    return bool(stated.search(ctx.clause)) and not wanted.search(ctx.clause)


def measure_score(
    focus: QuestionFocus, ctx: FigureContext, similarity: Callable[[str, str], float] | None
) -> float:
    """How well the figure's clause says what the question's measure phrase asks (0..1)."""
    score = stem_match(focus, ctx)
    if similarity is not None and focus.phrase and score < 1.0:
        score = max(score, similarity(focus.phrase, ctx.clause))
    return score


__all__ = [
    "GROUP_SIMILARITY",
    "MULTIPLE",
    "another_ratio",
    "head_fits",
    "measure_fits",
    "measure_score",
    "on_the_day_asked",
]
