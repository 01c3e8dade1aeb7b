"""A value and the earlier one a sentence sets it against ("six trains, against 11 planned",
"96,400 vehicles, up 18.0% from 81,700"): one measure, two values. The question asks the
value reported unless it asks an earlier one (``earlier_values.asks_earlier``) or the earlier
value's own period."""

from __future__ import annotations

from collections.abc import Callable

from assistant.earlier_values import compared_from
from assistant.figure_periods import in_labelled_aside, year_ago_values
from assistant.figures import Figure
from assistant.measures import FigureContext
from assistant.periods import periods_fit
from assistant.synonyms import same_measure
from assistant.text import TABLE_ROW, stem

REPORTED_REACH = 60  # characters between a value and the earlier one it is set against
BASE_PENALTY = 0.25  # taken off an earlier value's rank, where no earlier value is asked


def figure_ranks(
    scores: dict[str, float],
    tried: list[FigureContext],
    sentence: str,
    asked: frozenset[str],
    earlier_asked: bool,
    noun: str = "",
    both: bool = False,
    old: bool = False,
) -> dict[str, float]:
    """The scores that choose among one sentence's figures (``scores``: those that answer,
    of the figures ``tried``): "six trains, against 11 planned" answers with six, unless an
    earlier value is asked; a figure that names the period ``asked`` ranks before one that
    names none. ``noun``: the stem of the noun a count question asks ("vehicles"); ``both``:
    the question asks the latest value and the earlier one ("... and a year earlier?"); ``old``:
    it asks the value before a revision ("the forecast before the cut")."""
    by_text = {c.figure.text: c for c in tried}
    ranks = dict(scores)
    against = _set_against(scores, tried, sentence)
    if both:  # the earlier value found to answer lends to the latest, and keeps its rank
        # (the period asked is the latest's and the earlier's together: no one figure's)
        _lend_to_reported(ranks, against, tried, frozenset(), noun)
    if old or earlier_asked:
        _old_value_of_answer(ranks, tried, sentence, old)
    if old and ranks:  # "what was it before?": the value set against, as high as any
        top = max(ranks.values())
        ranks.update((text, top) for text in against & ranks.keys())
    bases = set() if earlier_asked or old else against
    _lend_to_reported(ranks, bases, tried, asked, noun)
    for text in bases & ranks.keys():
        base = by_text[text]
        # "h1?" names no year: it asks the half reported, not "(H1 2025: 41,600)"'s
        # ("end of December?" names a balance date: "(31 December 2030: €402.5m)"'s own)
        dated = any(p.startswith("Em") for p in asked & base.periods)
        own = (
            asked & base.periods
            if _years(asked) or not _years(base.periods) or dated
            else frozenset()
        )
        rivals = (
            by_text[t]
            for t in ranks
            if t not in bases and by_text[t].figure.kind == base.figure.kind
        )
        # It keeps its score where no figure of its kind answers beside it, or where its own
        # period is asked and theirs is not ("£37m, against £153m in the same quarter of
        # 2025" asked of 2025).
        if any(own <= rival.periods for rival in rivals):
            ranks[text] -= BASE_PENALTY
    if not (earlier_asked or both or _years(asked)) and TABLE_ROW.match(sentence):
        _later_cells_as_high(ranks, by_text)
    # "0.83% from 0.77% at the end of June" asked of June: the figure that names the period
    # asked before one that names none (in prose: a table row's change cell names none).
    named = (t for t in ranks if t not in bases and asked <= by_text[t].periods)
    if asked and not TABLE_ROW.match(sentence) and any(named):
        for text in ranks:
            if not _names_asked(asked, by_text[text].periods):
                ranks[text] -= BASE_PENALTY
    return ranks


def _years(periods: frozenset[str]) -> frozenset[str]:
    return frozenset(p for p in periods if p.isdigit())


def _yearly(periods: frozenset[str]) -> frozenset[str]:
    """The labels that name a year alone ("2031", "FY2031")."""
    return frozenset(p for p in periods if p.removeprefix("FY").isdigit())


def _later_cells_as_high(ranks: dict[str, float], by_text: dict[str, FigureContext]) -> None:
    """ "services revenue h1" of a row "Revenue H1 2031: 311.2; Revenue H1 2030: 287.5": a
    question naming no year asks the latest of the row's cells that differ by year alone, so
    a later cell ranks as high as an earlier one (whose header may read closer to it)."""

    def later_year(a: FigureContext, b: FigureContext) -> bool:
        """Is ``a`` the cell of a later year than ``b``'s, of the same kind and period?"""
        years_a, years_b = _years(a.periods), _years(b.periods)
        return bool(
            years_a
            and years_b
            and a.figure.kind == b.figure.kind
            and a.periods - _yearly(a.periods) == b.periods - _yearly(b.periods)
            and max(years_a) > max(years_b)
        )

    cells = [by_text[t] for t in ranks]
    for cell in cells:
        for other in cells:
            if later_year(other, cell):  # (the direct line then takes the latest)
                ranks[other.figure.text] = max(ranks[other.figure.text], ranks[cell.figure.text])


def _names_asked(asked: frozenset[str], periods: frozenset[str]) -> bool:
    """Does a figure name a period asked? "in the quarter" names the document's quarter, the
    one a question of a quarter asks ("Q3?" of "1.6 million passengers in the quarter",
    beside a labelled "(Q3 2025: 88.0%)")."""
    some = {f"{p[0]}?" for p in asked if p[:1] in ("Q", "H") and p[1:].isdigit()}
    return bool(asked & periods or some & periods)


def _set_against(scores: dict[str, float], tried: list[FigureContext], sentence: str) -> set[str]:
    """The answering figures that others are set against ("against 11 planned"), or that
    give an earlier period's value in a labelled aside ("5.1 million (FY25: 4.9 million)")."""
    answering = (c for c in tried if c.figure.text in scores)
    return {
        c.figure.text
        for c in answering
        if compared_from(sentence, c.figure) or in_labelled_aside(sentence, c.figure.start)
    }


def _reported_before(
    base: FigureContext, tried: list[FigureContext], eligible: Callable[[FigureContext], bool]
) -> FigureContext | None:
    """The figure ``base`` is set against: the nearest one before it, of its kind and
    currency and ``eligible``, within reach ("212,400 vehicles, up 18.2% from 179,700"); of
    those, the nearest of its size ("net income was $52.4 million, or $1.18 per share,
    compared with $47.9 million": the $52.4 million, not the earnings per share)."""
    within = [
        c
        for c in reversed(tried)
        if c.figure.end <= base.figure.start
        and base.figure.start - c.figure.end <= REPORTED_REACH
        and c.figure.kind == base.figure.kind
        and c.figure.currency == base.figure.currency
        and eligible(c)
    ]
    return next((c for c in within if _of_a_size(c.figure, base.figure)), None) or next(
        iter(within), None
    )


def _of_a_size(a: Figure, b: Figure) -> bool:
    """Are two values within ten times of each other (a total and another, not a total and
    a value per share)?"""
    if not a.value or not b.value:  # (none or zero: no size to compare)
        return True
    ratio = abs(a.value / b.value)
    return 0.1 <= ratio <= 10


def _old_value_of_answer(
    ranks: dict[str, float], tried: list[FigureContext], sentence: str, old: bool
) -> None:
    """ "expects a 4% decline to flat, having previously pencilled in growth of 1% to 3%": the
    old value measures what the figure it is set against does, though its own words may not
    say so; asked for, it answers with that figure's rank. Where an earlier value but no old
    one is asked, only a value marked as a year earlier's does ("up 11% from $2.79bn a year
    earlier"), not an old forecast ("to EUR 318m (from EUR 345m)")."""
    year_ago = year_ago_values(sentence)
    for base in (c for c in tried if c.figure.text not in ranks):
        if not (old or base.figure.start in year_ago):
            continue
        reported = _reported_before(base, tried, lambda c: c.figure.text in ranks)
        if reported is not None and compared_from(sentence, base.figure):
            ranks[base.figure.text] = ranks[reported.figure.text]


def _lend_to_reported(
    ranks: dict[str, float],
    bases: set[str],
    tried: list[FigureContext],
    asked: frozenset[str],
    noun: str,
) -> None:
    """ "96,400 vehicles, up 18.0% from 81,700": a value and the one it is set against
    measure one thing, so an earlier value found to answer lends its score to the figure
    set against it (of its kind, just before it, of the period asked), which its own words
    may not have carried."""
    for base in (c for c in tried if c.figure.text in bases):
        reported = _reported_before(base, tried, lambda c: c.figure.text not in bases)
        if reported is None or not periods_fit(asked, reported.periods, frozenset()):
            continue
        if reported.figure.text in ranks:
            ranks[reported.figure.text] = max(ranks[reported.figure.text], ranks[base.figure.text])
        elif noun and reported.head and noun not in {stem(reported.head), *same_measure(noun)}:
            # "3.12 million passengers, up from 2.95 million": the earlier value counts what
            # the reported one's noun names, not the noun asked ("how many vehicles?").
            del ranks[base.figure.text]
        else:
            ranks[reported.figure.text] = ranks[base.figure.text]


__all__ = ["BASE_PENALTY", "figure_ranks"]
