"""The direct answer line, built from verified text only.

The bundled model cannot be trusted to phrase an answer, so the first line of every answer
is composed here from the evidence the chain selected: the figure that answers (with the
direction its sentence states: "Down 76%"), then the words of its own clause, quoted
exactly, then the citation. Every figure in the line therefore stands in the cited quote.
For questions that ask for names ("Which brands ...?") the line lists the names the best
evidence gives that the question does not already hold (``assistant.listed_names``).

A premise the question asserts ("Why did margins rise 21%?") is checked in ``premise.py``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.amounts import magnitude, scale_asked
from assistant.comparison_base import asks_quarter_back, quarter_before, quarters_of
from assistant.cues import asks_amount, asks_level_reached, asks_movement
from assistant.directions import change_direction, clause_direction, moved_by
from assistant.earlier_values import (
    compared_from,
    compares_with_earlier,
    earlier_value,
    with_earlier,
)
from assistant.entities import Subject
from assistant.figure_periods import year_ago_values, years_dated, years_of
from assistant.figures import RATE_KINDS, Figure, find_figures
from assistant.heads import PREPOSITIONS
from assistant.latest_year import without_start_point
from assistant.listed_names import names_line
from assistant.measure_words import measure_words
from assistant.measures import FigureContext, figure_contexts
from assistant.named_bases import base_cell, named_base, without_named_base
from assistant.periods import names_year, narrower, periods, periods_fit
from assistant.plan_cues import asks_forecast
from assistant.prior_year import asks_prior_year
from assistant.question import asks_for_names
from assistant.question_pieces import year_before_named
from assistant.relative_years import asks_this_year, forecast_cell, year_ahead_ranks
from assistant.rephrasings import measures_described
from assistant.restated import restated_asides, restated_rank
from assistant.row_moves import (
    as_bracketing,
    bracketed_after,
    change_cell_rank,
    column_order,
    level_cell_rank,
    period_columns,
)
from assistant.sensitivities import is_condition, sized_by
from assistant.synonyms import plain_terms, spell_out_acronyms
from assistant.text import MARKER_RUN, MONTHS, content_stems
from assistant.units import currency_wanted
from assistant.value_questions import asks_both_ends, asks_old_value, new_value_words, set_new

_AGAINST_PRIOR = re.compile(
    r"\b(?:compared\s+(?:with|to)|vs\.?|versus|against|than|relative\s+to|on)\s+"
    r"(?:the\s+|a\s+)?(?:previous|prior|last|year)\b",
    re.I,
)
# "the old target", "its previous guidance" (not "the previous year": a period, compared with).
_LEADING_NOISE = re.compile(r"^[\s,;:.\u2014-]+|[\s,;:.\u2014-]+$")
_WORD_AFTER = re.compile(r"[A-Za-z][A-Za-z-]*")
# Words that end what a count counts ("40 stores following a trial" counts stores).
# (and the verbs and pronouns that follow a count: "of which 12 were electric" counts no
# "were", "against 11 it had planned" no "it")
_FUNCTION_WORDS = PREPOSITIONS | frozenset(
    """in of at for to with from by on a an the and or than per as into over since is are
    was were be been has have had will would can could may might do does did it its they
    them their we our he his she her you which who that this these those""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Quote:
    """One evidence sentence as the direct line sees it: its number and text."""

    n: int
    text: str
    answering: frozenset[str] = frozenset()  # its figures the evidence found to answer


def answer_figure(
    sentence: str,
    question: str,
    kinds: frozenset[str],
    currency: str | None,
    subject: Subject | None = None,
    answering: frozenset[str] = frozenset(),
) -> Figure | None:
    """The figure of the asked kind that best answers: one the evidence found to answer
    (``answering``, by text) if any, of the period asked, whose own words (its measure span,
    then those just before it) share most words with the question, a change for a question
    about a change ("how much did sales grow": 4.3%, not £10bn), the latest period on a tie
    (the year before it for "last year"), else the first."""
    # "bottom line" asks for net profit: the words the documents use count too.
    # "since December" says where a move is measured from: not the figure asked.
    question = year_before_named(question)  # "the year before fiscal 2026": fiscal 2025
    now = without_start_point(question)
    # ("np guide": "net profit 43.2" is asked, not "OP 61.5" beside it)
    # (a measure described, "what it owed once its cash is taken off", by its name only)
    named = measures_described(now)
    wanted = content_stems(spell_out_acronyms(named)) | content_stems(plain_terms(now))
    # (dates are weighed by the periods; one beside another figure names no measure)
    worded = {w for w in wanted if not any(c.isdigit() for c in w)} - _MONTH_STEMS
    asked = frozenset(periods(without_named_base(now)))  # (not "vs fiscal 2025")
    change, reached = asks_movement(question), asks_level_reached(question)
    amount = asks_amount(question)
    # "compared with a year before" asks the latest, set against the year before's; so does
    # "how much was it up on a year earlier?", the base of a move.
    prior_year = asks_prior_year(question) and not compares_with_earlier(question)
    prior_year = prior_year and not (change and _YEAR_AS_BASE.search(question))
    # "the old target", "a year earlier" ("X, against Y in the same quarter of 2024": Y; but
    # "compared with the previous year" asks X), "from and to": the old end.
    old = asks_old_value(question) or (prior_year and not _AGAINST_PRIOR.search(question))
    old_forecast = prior_year and not asks_old_value(question)
    new = new_value_words(question)  # "the new buyback": "a new $250 million repurchase ..."
    # Of a row's columns, the latest answers, or the year before it when that is asked.
    this_year = asks_this_year(question)  # a broker table's first forecast column
    estimates = this_year or asks_forecast(question)  # "Acme's EBITDA?": no "FY27E" column
    sooner = -1 if prior_year or (this_year and re.search(r"\d[EF]\b", sentence)) else 1
    best: tuple[tuple[int, ...], Figure] | None = None
    # A row whose columns are periods measures one thing in every cell: a cell found to answer
    # vouches for the row, and the period decides ("Grocery — 2025/26 Q1: 4.1%; ... 2026/27
    # Q1: 2.9%" asked of Q1 is the latest Q1's).
    by_row = bool(answering) and period_columns(sentence)
    earlier = bracketed_after(sentence)
    asides = {e.start for e in earlier.values()} | year_ago_values(sentence)
    if not prior_year and not old and not names_year(asked):
        answering = as_bracketing(answering, earlier)
    previous = ""
    contexts = figure_contexts(sentence, subject)
    # (a forecast column's year is no latest year reported: "2026E Old: 57.6%")
    dated = [c for c in contexts if estimates or not forecast_cell(c.zone)]
    # ("€612.0 million at 30 June 2031 (31 December 2030: €455.0 million)": 2031 is latest)
    latest = max(
        (int(y) for c in dated for y in years_dated(c.periods, c.sentence, c.figure.end)),
        default=0,
    )
    quarter_back = (
        quarter_before([c.periods for c in dated]) if asks_quarter_back(question) else None
    )
    ahead = year_ahead_ranks(question, asked, contexts)  # "next year's fuel hedged"
    restated = restated_asides(sentence)  # "(NZ$5.2 million after tax)": asked as "after tax"
    for i, ctx in enumerate(contexts):
        fig, before, previous = ctx.figure, previous, ctx.figure.text
        # A rate has no currency, unless the question asks one ("net income in dollars?").
        wrong_currency = (
            currency
            and fig.currency != currency
            and (fig.kind not in RATE_KINDS or currency_wanted(question))
        )
        if fig.kind not in kinds or not fig.is_claim or wrong_currency:
            continue
        # "cut its target to €38 from €45", a row's "Old: 241.5" cell: the earlier value.
        # ("a year ago?" asks no old forecast: "2026E Old: 57.6%" is no year-ago value)
        moved_from = compared_from(sentence, fig) and not (old_forecast and forecast_cell(ctx.zone))
        found = fig.text in answering or by_row
        # The old value asked is of a figure that answers ("vehicles last year?": not the
        # 1.96 million of "passengers, up from 1.96 million, together with 318,000 vehicles").
        of_answer = found or not answering or before in answering
        # "a year ago?" of "$61.2 million, compared with $58.0 million in the third quarter
        # of 2025 and $49.5 million in the fourth quarter of 2024": the year before's.
        # ... or, "in the preceding quarter", the quarter before the latest one it dates.
        period_back = (prior_year and str(latest - 1) in years_of(ctx.periods)) or (
            quarter_back is not None and quarter_back in quarters_of(ctx.periods)
        )
        in_latest_year = years_of(ctx.periods) == {str(latest)}
        rank = (
            int(
                old
                and (moved_from or period_back)
                and of_answer
                and periods_fit(asked, ctx.periods, asked)
            ),
            int(period_back),
            # ("up 2.1% from $501.4 million in the second quarter of 2031": no year back)
            int(not (prior_year and quarters_of(ctx.periods) and in_latest_year)),
            # "Each ¥1 move ... changes profit by ¥240 million": ¥1 is a condition, not it;
            # "saved £14 on an £75+ shop": nor is the £75.
            int(not is_condition(sentence, fig) and sized_by(sentence, fig) == fig),
            ahead[i] * int(found or not answering),  # (of a figure found to answer)
            int(set_new(sentence, fig, new)),
            restated_rank(restated, named, fig),
            # "where did it finish?": "jumped ¥398 to ¥4,632" finished at ¥4,632
            int(not reached or sentence[max(0, fig.start - 4) : fig.start] in (" to ", " at ")),
            int(found),
            # "8.5 cents (FY25: 7.5 cents)": the bracketed value is the year before's.
            int((fig.start in asides) == prior_year),
            int(periods_fit(asked, ctx.periods, frozenset())),
            level_cell_rank(question, change, sentence, fig),  # not "Change q/q (bps): 10"
            # "capex FY26?" asks the year's cell, not the "Q4 FY26" one beside it.
            int(not narrower(asked, ctx.periods)),
            # "cut its target to €38 from €45": €45 is the old one, €38 the one now.
            int(old == moved_from),
            int(amount and fig.kind == "money"),
            int(_adverb_asked(sentence, fig, wanted)),  # "up 7.2% organically": organic
            # A figure whose own words share none of the question's ranks after one whose do:
            # "cut EPS estimates by 9%, and the price target to €38" is asked about EPS.
            int(bool(wanted & content_stems(ctx.clause))),
            # "What was its revenue?" asks a level: "grew 12.6% to NZ$71.4m" answers NZ$71.4m.
            int(change or not moved_by(sentence, fig)),
            len(worded & content_stems(_own_clause(sentence, ctx, contexts[i + 1 : i + 2]))),
            change_cell_rank(question, change, sentence, fig),  # "y/y", not "Change q/q"
            # the words just before it, its owner ("2026E new" names its column's year;
            # "at 30 June 2031, and total debt was" holds the figure before's date)
            len((wanted - _MONTH_STEMS) & content_stems(ctx.zone)),
            int(change and fig.kind in RATE_KINDS),
            int(forecast_cell(ctx.zone) == estimates),
            # (a cell of no period, "Change FY: 13.0%", after every dated one either way)
            sooner * column_order(ctx.periods) or -UNDATED,
            -i,
        )
        if best is None or rank > best[0]:
            best = (rank, fig)
    return best[1] if best else None


def _own_clause(sentence: str, ctx: FigureContext, following: Sequence[FigureContext]) -> str:
    """``ctx``'s clause less the words that lead to the next figure: of "total debt was
    $1,640 million, resulting in net debt of $1.21bn", $1,640m's own words end at the comma
    where another measure's words begin."""
    start = sentence.find(ctx.clause)
    if start < 0 or not following:
        return ctx.clause
    after = following[0].figure.start
    between = _CLAUSE_BREAK.search(sentence, ctx.figure.end, after)
    if between is None or between.start() >= start + len(ctx.clause):
        return ctx.clause
    if not measure_words(sentence[between.end() : after].lower()):
        return ctx.clause  # ("jumped ¥212, or 6.8%, to ¥3,330 on Thursday": one move's words)
    return sentence[start : between.start()]


_MONTH_STEMS = content_stems(" ".join(MONTHS))
_CLAUSE_BREAK = re.compile(r"[,;(]|\s(?:and|while|whereas)\s")


# "up 7.2% organically", "down 2% sequentially": how the figure is measured, said after it.
_ADVERB_AFTER = re.compile(r"\s+([a-z]{4,}ally)\b")


def _adverb_asked(sentence: str, fig: Figure, wanted: set[str]) -> bool:
    """Does an adverb right after the figure say the basis the question asks ("organic")?"""
    adverb = _ADVERB_AFTER.match(sentence, fig.end)
    return bool(adverb) and any(len(w) >= 5 and adverb[1].startswith(w) for w in wanted)


# "up on a year earlier", "growth over last year": the year before is a move's base.
_YEAR_AS_BASE = re.compile(
    r"\b(?:on|from|over|versus|vs\.?|against|than|relative\s+to)\s+(?:a\s+year\s+(?:earlier|ago"
    r"|before)|(?:the\s+)?(?:last|previous|prior)\s+year|the\s+year\s+before)",
    re.I,
)
UNDATED = 10**8  # above any year * 100 + month


def _counted(sentence: str, fig: Figure) -> str:
    """What a count counts: the words after it, up to three ("seven quarters", "11,000 stores")."""
    words = []
    for match in _WORD_AFTER.finditer(sentence, fig.end):
        if match.start() != (words[-1].end() if words else fig.end) + 1 or len(words) == 3:
            break
        if match.group(0).lower() in _FUNCTION_WORDS or len(match.group(0)) == 1:
            break  # "240 new products c.40% ...": "c." abbreviates the next figure's "circa"
        words.append(match)
    return " ".join(w.group(0) for w in words)


# How far a figure is from exact, as the sentence bounds it; the lead keeps it.
_BOUNDS = {
    ">": "more than",
    "over": "more than",
    "more than": "more than",
    "above": "more than",
    "at least": "at least",
    "<": "less than",
    "under": "less than",
    "less than": "less than",
    "below": "less than",
    "nearly": "nearly",
    "almost": "nearly",
}
_BOUND = re.compile(
    r"(?<![\w.])(>|<|over|more\s+than|above|at\s+least|under|less\s+than|below|nearly"
    r"|almost)\s*$",
    re.I,
)


def bounded(sentence: str, fig: Figure, text: str) -> str:
    """``text`` with the bound the sentence puts before ``fig``: ">380" -> "more than 380"."""
    bound = _BOUND.search(sentence, 0, fig.start)
    return f"{_BOUNDS[' '.join(bound.group(1).lower().split())]} {text}" if bound else text


def figure_lead(sentence: str, fig: Figure, scale: tuple[float, str] | None = None) -> str:
    """The fewest words that state ``fig``: "Down 76%", "$53 billion", "Seven quarters"."""
    text = bounded(sentence, fig, magnitude(fig, scale))
    way = None
    if fig.kind in RATE_KINDS:
        way = "down" if fig.value < 0 else change_direction(sentence, fig)
    elif fig.kind == "number":
        counted = _counted(sentence, fig)
        text = f"{text} {counted}".strip()
    lead = f"{'Down' if way == 'down' else 'Up'} {text}" if way else text
    return lead[:1].upper() + lead[1:]


def figure_line(
    quote: Quote,
    question: str,
    kinds: frozenset[str],
    currency: str | None,
    subject: Subject | None = None,
    whole: str = "",
) -> str | None:
    """ "Down 76% [1]." — the figure that answers, with the direction its clause states;
    ``whole`` is the question ``question`` is a part of."""
    fig = answer_figure(quote.text, question, kinds, currency, subject, quote.answering)
    if fig is None:
        return None
    scale = scale_asked(question)
    # "How much has net debt gone up since December?": the level with the earlier one the
    # sentence gives ("€426.0 million, up from €389.0 million (31 December 2025)").
    asked = compares_with_earlier(whole or question) or asks_movement(question)
    # "before and after": the new end, from the old (not for a part asking one end of them:
    # "the new 2031 EPS estimate?" of "... new and old?")
    one_end = asks_old_value(question) or bool(re.search(r"\bnew\b", question, re.I))
    one_end = one_end and whole not in ("", question) and not asks_both_ends(question)
    if asks_both_ends(whole or question) and not one_end:
        fig, asked = _newer(quote.text, fig), True
    lead = figure_lead(quote.text, fig, scale)
    earlier = earlier_value(quote.text, fig) if asked and not moved_by(quote.text, fig) else None
    if asked and (base := named_base(whole or question)) and " \u2014 " in quote.text:
        earlier = base_cell(quote.text, fig, base) or earlier  # "vs Q4 of last year": Q4's
    if earlier is not None:
        stated = clause_direction(quote.text, fig) is not None  # "fell to 81.3% from 85.2%"
        then, label = earlier
        said = bounded(quote.text, then, magnitude(then, scale))  # "at least €160 million"
        lead = with_earlier(lead, fig, then, said, label, stated)
    return f"{lead} [{quote.n}]."


def _newer(sentence: str, old: Figure) -> Figure:
    """The figure ``sentence`` sets against ``old`` as its earlier value, else ``old``."""
    for fig in find_figures(sentence):
        earlier = earlier_value(sentence, fig)
        if earlier is not None and earlier[0].start == old.start:
            return fig
    return old


def subject_of_names(names: Sequence[str]) -> Subject | None:
    """The subject from its name and aliases, first the name."""
    return Subject(names[0], tuple(names[1:])) if names else None


def direct_line(
    quotes: Sequence[Quote],
    question: str,
    kinds: frozenset[str],
    currency: str | None,
    subject_names: Sequence[str] = (),
    whole: str = "",
) -> str:
    """The first line of the answer: the fewest words that answer, every figure cited
    (``whole``: the question ``question`` is a part of)."""
    if not quotes:
        return ""
    if kinds:
        lines = []
        for quote in quotes:
            subject = subject_of_names(subject_names)
            line = figure_line(quote, question, kinds, currency, subject, whole)
            if line and line not in lines:
                lines.append(line)
            if lines:
                break  # one answering figure; parts of multi-part questions are passed singly
        if lines:
            return " ".join(lines)
    elif asks_for_names(question):
        names = names_line(quotes, question, subject_names)
        if names:
            return names
    best = quotes[0]
    return f"{_LEADING_NOISE.sub('', MARKER_RUN.sub('', best.text)).strip()} [{best.n}]."


__all__ = [
    "Quote",
    "answer_figure",
    "direct_line",
    "figure_lead",
    "subject_of_names",
]
