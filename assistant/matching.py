"""What a question asks for, and whether a figure answers it.

A question is read for the kinds of figure it asks (``assistant.cues.asked_kinds``,
re-exported here) and for its focus (``assistant.focus.question_focus``, re-exported:
whose figure, which measure, which period). :func:`answers` then holds a figure's context
(``assistant.measures.FigureContext``) against that focus: the same owner
(:func:`subject_fits`), the qualifying names (:func:`qualifiers_fit`), the period
(``periods.periods_fit``) and the measure, by stems and, in evidence selection, by meaning
(an embedding similarity passed in as ``similarity``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.abbreviations import (
    as_written,
    initials_asked,
    spelled_words,
    spells,
)
from assistant.comparison_base import other_base
from assistant.cues import CHANGE_CUE, asked_kinds, asks_movement, before_reason
from assistant.entities import names_in, normalise
from assistant.expectations import FORECAST_YEAR, unasked_consensus
from assistant.figure_periods import (
    is_earlier_value,
    year_ago_values,
    years_dated,
)
from assistant.focus import QuestionFocus, question_focus, without_sources
from assistant.increments import ADDING_VERBS, INCREMENT_WORDS, unasked_part
from assistant.measure_fit import beyond_row_name, head_fits, measure_fits, with_header
from assistant.measure_words import (
    StemBag,
    counts_only_included,
    includes_excluded,
    leaves_out_included,
    named_only_in_definition,
    names_only_before,
    names_only_included,
)
from assistant.measures import FigureContext
from assistant.part_owners import a_part_s
from assistant.periods import periods_fit
from assistant.plan_cues import asks_actual, forecast_for_actual, states_forecast
from assistant.ratio_fit import keeps_ratio
from assistant.relative_years import forecast_cell
from assistant.row_moves import bracketed_after, cell_header
from assistant.scopes import scope_fits
from assistant.sensitivities import conditional, figure_against
from assistant.spans import clause_span
from assistant.stem_match import stem_match
from assistant.text import GLUED_NOTE, TABLE_ROW, stem


def _asked(name: str, focus: QuestionFocus) -> bool:
    """Does the question name ``name``: as a name ("Zest" for "Zest Kitchen") or in lower-case
    words in any form ("online pharmacy" for the channel "Pharmacy Online")?"""
    return (
        name in focus.subjects
        # "Zest Kitchen" for "Zest"; "Pick of the Crop8" (a footnote glued) for the brand.
        or any(name.startswith(f"{s} ") or _glued_note(name, s) for s in focus.subjects)
        or (bool(focus.words) and {stem(w) for w in name.split()} <= _stems(focus.words))
    )


def _stems(words: frozenset[str]) -> set[str]:
    return {stem(w) for w in words}


def _glued_note(name: str, asked: str) -> bool:
    return name != asked and GLUED_NOTE.sub("", name) == asked


def subject_fits(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure about the organisation the question asks about?"""
    spelt = _spelt_names(focus, ctx)
    if spelt:  # "NII for 3Q26?": a name the figure's clause spells in words is its measure
        focus = replace(focus, subjects=focus.subjects - spelt)
    # "Backlog at year end was $1.9bn": a capitalised measure opening a sentence owns nothing.
    measures = frozenset(
        n
        for n in ctx.subjects
        if {stem(w) for w in n.split()} <= focus.measures
        or initials_asked(n, focus.measures, focus.words)
    )
    if measures:
        ctx = replace(ctx, subjects=ctx.subjects - measures, named=ctx.named - measures)
    # Who the question says reports the figure is no rival ("Initech said its measure ...").
    sourced = {r for r in ctx.subjects if any(r in (s, *s.split()) for s in focus.sources)}
    rivals = {r for r in ctx.subjects - focus.qualifiers - sourced if not _asked(r, focus)}
    if focus.subjects:
        # The figure must belong to the names asked about and to no others: a combined
        # share of two companies is not one company's share. (Its source owns nothing:
        # "Initech said its leverage ..." is no figure of another name asked.)
        if ctx.subjects - sourced:
            return not rivals and not (ctx.home and ctx.subjects <= focus.qualifiers)
        # No owner before the figure: "a 2.9% uplift in Grocery sales" is Grocery's when
        # the name stands in the figure's own clause.
        return not ctx.home and (
            bool(ctx.named & focus.subjects) or any(_written(s, ctx.zone) for s in focus.subjects)
        )
    # A question about the subject: no rival may be named in the zone, unless the subject
    # is named there too ("Acme, unlike Globex, ..."); a peer's row in a table is the peer's.
    return (not rivals or ctx.home) and not ctx.peer and not a_part_s(focus, ctx)


def _spelt_names(focus: QuestionFocus, ctx: FigureContext) -> frozenset[str]:
    """Acronyms asked as names that the figure's clause spells in words no owner holds, or
    that its sentence puts in brackets after a measure's words ("unit cost excluding fuel
    (UCX)")."""
    spelt = set()
    for name in focus.subjects:
        words = spelled_words(name, ctx.clause) if 2 <= len(name) <= 5 else None
        spelled = bool(words) and not any(" ".join(words) in owner for owner in ctx.subjects)
        if spelled or re.search(rf"\b[a-z][\w-]*\s+\(\s*(?i:{re.escape(name)})\b", ctx.sentence):
            spelt.add(name)
    return frozenset(spelt)


def _written(name: str, text: str) -> bool:
    """Is ``name`` written capitalised in ``text``, even where its place in the sentence hid
    it from the name finder ("AWS alone holds ..." opening a sentence)?"""
    found = as_written(name, text)
    return found is not None and found.group(0)[0].isupper()


# "HARLOW, March 3 (...) -": where a wire story was written, not where its figures count.
_DATELINE = re.compile(r"^\s*[A-Z]{3,}(?:[ .-]+[A-Z]{2,})*,")


# "Group orders rose ...", "Group-wide revenue ...": the whole's figure, no part's.
_GROUP_OWNED = re.compile(r"\W*(?:the\s+)?(?:Group|group-wide|Group-wide)\b(?!\s+of\b)")


def qualifiers_fit(focus: QuestionFocus, text: str) -> bool:
    """Every other name the question qualifies its figure with (a region, a segment) stands
    in the figure's sentence: "market share in Europe" is not answered by a share in Asia.

    Names compare by their first four letters, so "Chinese" finds "China".
    """
    if not focus.qualifiers:
        return True
    text = _DATELINE.sub(" ", text)
    here = {normalise(m.text)[:4] for m in names_in(text)} | {
        w[:4] for w in re.findall(r"[a-z]+", text.lower())
    }
    return all(_stands(q, here, text) and not _joint(q, text, focus) for q in focus.qualifiers)


def _stands(name: str, here: set[str], text: str) -> bool:
    """Is the qualifier ``name`` in ``text``, whole or word by word, its short words read as
    acronyms ("HG & Pets" in "Home Goods and Pets sales")?"""
    if name[:4] in here:
        return True
    words = [w for w in re.findall(r"[a-z0-9]+", name) if w != "and"]
    return len(words) > 1 and all(w[:4] in here or (len(w) <= 4 and spells(w, text)) for w in words)


def _joint(name: str, text: str, focus: QuestionFocus) -> bool:
    """Is ``name`` a place joined with another the question does not ask ("centres in Leeds
    and Valencia")? A figure of both is neither one's alone."""
    me, other = rf"(?i:{re.escape(name)})", r"([A-Z][\w\-]+)"
    pattern = rf"\b(?:in|across|at)\s+(?:{me}\s+(?:and|&)\s+{other}|{other}\s+(?:and|&)\s+{me}\b)"
    return any(
        not _asked(normalise(m.group(1) or m.group(2)), focus) for m in re.finditer(pattern, text)
    )


def joined_with_another(focus: QuestionFocus, asked: str, text: str) -> bool:
    """Is a name the question asks of joined in ``text`` to another it does not ask ("Home Goods
    and Clothing sales" asked of Home Goods): a figure of both? (A side
    of a comparison names its owner first: "Home Goods: sales".)"""
    side, colon, _ = asked.partition(": ")
    for name in focus.subjects | ({side} if colon else set()):
        joined = rf"(?i:\b{re.escape(name)})\s+(?:and|&|\+)\s+([A-Z][\w\-]+)"
        if any(m.group(1).lower()[:4] not in asked.lower() for m in re.finditer(joined, text)):
            return True
    return False


# "higher costs reduced it by ¥0.5 billion": the figure is how much "it" moved; the words
# before the verb are its cause, not what the figure measures.
_MOVED_PRONOUN = re.compile(
    r"\b(?:reduc|cut|lift|rais|increas|lower|boost|add|hurt|trimm?|dragg?|push|weigh)\w*\s+"
    r"(?:it|them|this|that)\s+(?:down\s+|up\s+)?by\s+(?:about\s+|around\s+|some\s+)?$",
    re.IGNORECASE,
)
_MOVE_WORDS = frozenset(
    """reduce reduced cut lift lifted raise raised increase increased lower lowered boost boosted
    add added hurt trim trimmed drag dragged push pushed weigh weighed impact effect""".split()  # noqa: SIM905
)


def _moves_another(ctx: FigureContext) -> bool:
    return bool(
        _MOVED_PRONOUN.search(ctx.sentence[max(0, ctx.figure.start - 60) : ctx.figure.start])
    )


# "a $2.1 million loss on the sale of $95 million of bonds": the noun before "on" is
# reckoned on the figure after it.
_RECKONED_ON = re.compile(
    r"\b([a-z-]+)\s+on\s+(?:the\s+(?:sale|purchase|disposal|redemption)\s+of\s+)?$", re.I
)


def _base_of_asked(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure what a measure asked is reckoned on ("a loss on $95 million of bonds"
    asked "bond loss", "a 12% return on $5bn of equity" asked the return)?"""
    on = _RECKONED_ON.search(ctx.sentence[max(0, ctx.figure.start - 60) : ctx.figure.start])
    return bool(on) and stem(on.group(1).lower()) in focus.measures


def states_noun(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the figure's clause carry the noun "what" asks about, if the question has one?
    "What dividend does Acme pay per share?" is not answered by earnings per share."""
    return not focus.noun or stem_match(replace(focus, measures=StemBag([focus.noun])), ctx) > 0


def beyond_label(
    focus: QuestionFocus,
    ctx: FigureContext,
    similarity: Callable[[str, str], float] | None = None,
    min_similarity: float = 0.5,
) -> bool:
    """A row's label says whose figures they are: a question naming the row ("ferries
    fuel") must also ask what its header or heading measures, not only the row's name."""
    rest = beyond_row_name(focus, ctx)
    if rest is None:
        return True
    words = " ".join(w for w in focus.phrase.split() if stem(w) not in ctx.label)
    if similarity is not None and similarity(words, ctx.zone) >= min_similarity:
        return True  # "what did the segment sell": "Net sales"
    return stem_match(rest, with_header(ctx)) > 0


def answers(
    focus: QuestionFocus,
    ctx: FigureContext,
    extra_periods: frozenset[str] = frozenset(),
    similarity: Callable[[str, str], float] | None = None,
    min_similarity: float = 0.5,
    latest: int = 0,
) -> bool:
    """Does this figure answer the question: same owner, measure and period?

    ``extra_periods`` are the periods of the paragraph before the sentence; ``similarity``
    compares the question's measure phrase with the figure's clause by meaning; ``latest``:
    the latest year the passages report, which "a year ago" is not.
    """
    if not subject_fits(focus, ctx):
        return False
    owned = before_reason(ctx.sentence, ctx.figure.end)
    if " \u2014 " in ctx.sentence and ctx.clause.endswith(")"):
        # A table row's title says where its figures are ("Market shares at Harlow").
        owned = f"{owned} {ctx.clause}"
    if not qualifiers_fit(focus, owned) or includes_excluded(focus, ctx.clause):
        return False
    if (
        focus.qualifiers
        and _GROUP_OWNED.match(ctx.clause)
        and not qualifiers_fit(focus, ctx.clause)
    ):
        return False  # "the Pumps division's orders?": not "Group orders rose to ..."
    if leaves_out_included(focus, ctx.clause) or names_only_included(focus, ctx.clause):
        return False
    if counts_only_included(focus, ctx.clause) or named_only_in_definition(focus, ctx.clause):
        return False
    if names_only_before(focus, ctx.clause):  # "provision" is no "Pre-provision profit"
        return False
    if not scope_fits(focus, ctx) or not keeps_ratio(focus, ctx):
        return False
    # "each US$5 per barrel move changes EBITDA by NZ$4.2m": no EBITDA, nor the NZ$4.2m
    # unless a move is asked; "NII of $1.6bn, assuming three cuts": no NII
    if conditional(ctx.sentence, ctx.figure, " ".join(sorted(focus.words))):
        return False
    # "a one-yen move against the euro" is not answered by the move against the dollar.
    if focus.against and figure_against(ctx) != focus.against:
        return False
    if focus.base:  # (a row's cell header is read only where a base is asked)
        header = cell_header(ctx.sentence, ctx.figure) if " \u2014 " in ctx.sentence else ""
        if other_base(focus.base, ctx.sentence, ctx.figure, header):
            return False  # "from a year ago" is not "up 5 bps from 3.05% in the second quarter"
    # (A similarity with no threshold lets any measure pass: the label must then be exceeded
    # in words.)
    if not beyond_label(focus, ctx, similarity if min_similarity > 0 else None, min_similarity):
        return False
    # "How many stores in total?" is not answered by "80 further stores".
    if ctx.increment and not focus.words & (INCREMENT_WORDS | ADDING_VERBS):
        return False
    if unasked_part(focus.words, ctx.sentence, ctx.figure):
        return False  # "the group's fleet?": not "of which 64 were in the Express fleet"
    if states_forecast(ctx.zone):
        # "We expect to deliver ... £940 million" in a Q1 statement: guidance is for the period
        # it names, not for the quarter the document reports.
        extra_periods = frozenset(p for p in extra_periods if p[:1] not in "QH")
    if not periods_fit(focus.periods, ctx.periods, extra_periods):
        return False
    if focus.year_back and not _year_back(ctx, extra_periods, latest):
        return False  # "NIM a year ago?" of "runs a 2.94% NIM" (no year) or of a 3Q26 row
    # (its clause up to it too: "We expect to deliver Total underlying operating profit of
    # between £940 million ..." puts the verb far before the figure)
    near = f"{ctx.zone} {ctx.sentence[max(0, ctx.figure.start - 60) : ctx.figure.end + 25]}"
    if forecast_for_actual(focus.words, f"{near} {_clause_before(ctx)}"):
        return False  # "how much profit did it make?" is not answered by the guidance
    if not focus.periods and _forecast_cell(ctx) and asks_actual(focus.words):
        return False  # "what was EPS?" is not answered by a "FY28F EPS" row
    if _moves_another(ctx) and not focus.words & _MOVE_WORDS:
        return False  # "R&D expenses reduced it by ¥0.5 billion" is no R&D spend
    if _base_of_asked(focus, ctx):
        return False  # "bond loss": not the "$95 million" a loss is on
    if unasked_consensus(focus, ctx):
        return False  # "FY26 EBIT guidance": not "the consensus of EUR 61m"
    return measure_fits(focus, ctx, similarity, min_similarity)


def _clause_before(ctx: FigureContext) -> str:
    """The figure's clause up to it, earlier figures and all, from its last comma: "lifted its
    forecast for EPS by 3.1% to 44.0 cents" forecasts 44.0 cents, however far the verb stands
    from it ("guidance implies ..., even though orders rose 12% to ¥40bn" forecasts no orders)."""
    start, _ = clause_span(ctx.sentence, ctx.figure)
    return re.split(r"[,;]", ctx.sentence[start : ctx.figure.start])[-1]


def _forecast_cell(ctx: FigureContext) -> bool:
    """Is the figure a table cell for a forecast year, by its row's label ("FY28F EPS — Old:
    42.7; New: 44.0") or its column's header ("EPS — FY26: 41.5; FY28F: 44.0")?"""
    row = TABLE_ROW.match(ctx.sentence)
    if row is None:
        return False
    header = cell_header(ctx.sentence, ctx.figure)
    return bool(FORECAST_YEAR.search(row.group("label"))) or forecast_cell(header)


# A level stated in the present tense, with no year of its own: what it is now.
_PRESENT_BEFORE = re.compile(r"\b(?:has|have|is|are|employs|operates|runs|owns)\s+(?:\w+\s+)?$")


def _year_back(ctx: FigureContext, extra_periods: frozenset[str], latest: int) -> bool:
    """May the figure be of a year before the ``latest`` (0: not known)? Not if its own years
    are the latest alone ("9.9% at June 30, 2026"); else, given as an earlier value ("from
    2.86% a year earlier"), it may; else not if it has no period at all, is stated in the
    present tense, or its paragraph's years are the latest alone."""
    latest_only = {str(latest)} if latest else None
    own = years_dated(ctx.periods, ctx.sentence, ctx.figure.end)
    if own or _given_as_earlier(ctx):
        # ("2032 fee income of $2,104 million" is a year ahead, not one back)
        ahead = bool(latest and own) and min(int(y) for y in own) > latest
        return own != latest_only and not ahead
    if not (ctx.periods or extra_periods) or _PRESENT_BEFORE.search(ctx.zone):
        return False  # "Acme has approximately 23,000 employees": now, not a year ago
    years = {p for p in extra_periods if p.isdigit()}  # ("full-year" alone dates no year)
    return bool(years) and years != latest_only


def _given_as_earlier(ctx: FigureContext) -> bool:
    """Is the figure given as an earlier one in its sentence: marked "a year earlier", in
    brackets after the latest, or the value a move is from?"""
    sentence, fig = ctx.sentence, ctx.figure
    return (
        fig.start in year_ago_values(sentence)
        or is_earlier_value(sentence, fig)
        or any(e.start == fig.start for e in bracketed_after(sentence).values())
    )


__all__ = [
    "CHANGE_CUE",
    "QuestionFocus",
    "answers",
    "asked_kinds",
    "asks_movement",
    "counts_only_included",
    "head_fits",
    "includes_excluded",
    "joined_with_another",
    "keeps_ratio",
    "leaves_out_included",
    "measure_fits",
    "names_only_included",
    "qualifiers_fit",
    "question_focus",
    "states_noun",
    "stem_match",
    "subject_fits",
    "without_sources",
]
