"""Premises: does what a question takes for granted hold in the sources?

"Why did EBITA rise 21%?" asserts a direction; "What drove Acme's 46% growth?" asserts whose
figure 46% is; "By how much did grocery sales fall?" asserts a fall. Where the sources say
otherwise, :func:`check_premise` and :func:`check_direction` return a :class:`PremiseIssue`:
what did not hold, the opening line that corrects it, and the sentence that says so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, partial

from assistant.amounts import magnitude
from assistant.direct import answer_figure
from assistant.directions import clause_direction, direction, is_move
from assistant.earlier_values import earlier_value
from assistant.entities import Subject, is_rare, names_in, normalise
from assistant.expectations import EXPECTATION_SAID
from assistant.figure_holders import (
    dated_as_asked,
    expected_for_asked,
    given_as_asked,
    holds,
)
from assistant.figures import RATE_KINDS, Figure, find_figures
from assistant.focus import QuestionFocus, question_focus
from assistant.measures import figure_contexts
from assistant.owners import other_entities
from assistant.periods import period_spans, periods
from assistant.row_moves import (
    aside_direction,
    cell_header,
    in_change_cell,
    later_cell,
    row_direction,
    row_later,
    signed_move,
)
from assistant.stated_figures import stated_figures
from assistant.stated_moves import asserted_move, kept_instead, kept_still, reversed_move
from assistant.value_questions import asks_old_value


@dataclass(frozen=True)
class PremiseIssue:
    """What the question assumed that the sources contradict, and the sentence that says so."""

    message: str  # e.g. "the question says margins rose 21%; the sources say they fell 21%"
    correction: str  # the answer's opening line, without its citation
    sentence: str  # the evidence sentence (verbatim) that contradicts it


def _asserted_direction(question: str, fig: Figure) -> str | None:
    """The direction the question attaches to its figure ("46% GMV growth", "rise 21%")."""
    start = max(0, fig.start - 70)  # "the improvement in Acme's free cash flow to €64.5m"
    return direction(question[start : fig.end + 40], fig.start - start)


def _owner(sentence: str, fig: Figure, subject: Subject | None) -> tuple[frozenset[str], bool]:
    """Whose figure ``fig`` is in ``sentence``: names other than the subject, and the subject."""
    for ctx in figure_contexts(sentence, subject):
        if ctx.figure.matches(fig):
            return ctx.subjects, ctx.home
    return frozenset(), True


def check_premise(
    question: str, sentences: Sequence[str], subject: Subject | None
) -> PremiseIssue | None:
    """Does any figure the question asserts stand in the sources as the question has it?

    ``sentences`` are the retrieved sentences, best first. A figure the sources give for
    someone other than the one the question names (the corpus subject, when it names none),
    or with the opposite direction, is a premise that does not hold.
    """
    flipped = reversed_move(question, sentences)  # "went from A to B": B came first
    if flipped is not None:
        sentence, correction = flipped
        return PremiseIssue(
            f"the question has the move the wrong way round: {correction}", correction, sentence
        )
    asked = frozenset(other_entities(question, subject)) if subject else frozenset()
    figures = stated_figures(question)
    focus: QuestionFocus | None = None
    for fig in figures:
        focus = focus or question_focus(question)  # what it counts ("LFL ex fuel"), read once
        asserted = _asserted_direction(question, fig)
        holders = [s for s in sentences if holds(s, fig, focus)]
        dated_here = cache(partial(dated_as_asked, fig=fig, question=question, subject=subject))
        said_expected = EXPECTATION_SAID.search(question)
        expected = None if said_expected else expected_for_asked(holders, fig, subject, asked)
        if expected is not None:  # "Homeware sales dropped 2.9%" of "fell 0.7% (-2.9% expected)"
            sentence, actual = expected
            said = f"The sources give {magnitude(actual)}; {magnitude(fig)} was expected"
            return PremiseIssue(
                f"the question takes the figure expected as the actual one: {said}", said, sentence
            )
        stands = False
        for sentence in holders:
            held = next(f for f in find_figures(sentence) if f.matches(fig))
            others, home = _owner(sentence, fig, subject)
            if subject is not None and _rival(others) and not home and not (others & asked):
                if given_as_asked(holders, fig, question, subject, asked):
                    continue  # another source gives it to the one asked ("X's growth: 18%")
                if held.is_range != fig.is_range:
                    continue  # "from 975 to £1,075m" asks no range; one end is no range
                who = " and ".join(sorted(_display_names(sentence, others, subject)))
                whose = ", ".join(sorted(_display_names(question, asked, subject))) or subject.name
                # The figure as the source writes it: "975" typed alone is "£975 million".
                said = magnitude(held)
                return PremiseIssue(
                    f"the question takes {said} as {whose}'s figure; the sources give it for {who}",
                    f"The sources give {said} for {who}, not for {whose}",
                    sentence,
                )
            # Where another source gives it for the quarter asked, a row's 2.1% for Q2 is
            # another measure's: no date to correct.
            dated = not dated_here(sentence) and any(
                dated_here(s) for s in holders if s != sentence
            )
            other_period = None if dated else _other_period(question, sentence, held, subject)
            if other_period:
                return PremiseIssue(
                    f"the question dates {fig.text} to {other_period[0]}; the sources give it "
                    f"for {other_period[1]}",
                    f"The sources give {magnitude(held)} for {other_period[1]}, not for "
                    f"{other_period[0]}",
                    sentence,
                )
            # (a row that names none of the names asked is no later figure of theirs: the group's
            # like-for-like sales row for "Pumps sales up 2.2%")
            unsaid = bool(asked) and not any(n in normalise(sentence) for n in asked)
            later = None if dated or unsaid else later_cell(sentence, held, question)
            if later is not None and not any(later.matches(f) for f in figures):
                then, now = (cell_header(sentence, f).strip(" :") for f in (held, later))
                return PremiseIssue(
                    f"the question takes {fig.text} as the latest figure; the sources give it "
                    f"for {then}",
                    f"The sources give {magnitude(held)} for {then}, not the latest period: "
                    f"{now} is {magnitude(later)}",
                    sentence,
                )
            if stands:
                continue  # only a table row's later cell is still to be looked for
            signed = signed_move(question, fig, sentence, held)  # "Fuel — ...: 14.2%"
            stated = signed[0] if signed else stated_direction(sentence, held)
            if asserted and not stated:
                continue  # this sentence does not say which way: ask the next one
            if asserted and stated and asserted != stated:
                return PremiseIssue(
                    f"the question says {fig.text} {'up' if asserted == 'up' else 'down'}; "
                    f"the sources say {stated}",
                    signed[1] if signed else _correction(stated, sentence, held),
                    sentence,
                )
            stands = True
        if stands:
            return None  # the figure stands as asserted
    # "Why did Acme cut its profit guidance?" where "full-year guidance was maintained"; "cut
    # it to below £900m" asserts the move, not a figure.
    kept = kept_instead(question, sentences) if not asserted_kinds(question) else None
    if kept is None:
        return None
    said = "higher" if asserted_move(question) == "up" else "lower"
    correction = f"The sources say it was unchanged{_kept_at(kept)}, not {said}"
    return PremiseIssue(f"the question takes a move; {correction}", correction, kept)


def asserted_kinds(question: str) -> frozenset[str]:
    """The kinds of the figures a question asserts ("on track for the £1.5bn of savings?"),
    not those it sets as a bar ("above £1bn?") or a goal ("target of 5%")."""
    return frozenset(fig.kind for fig in _asserted(question))


def _asserted(question: str) -> list[Figure]:
    """The figures a question states as facts, not as a bar or a goal."""
    return [f for f in stated_figures(question) if not _NOT_ASSERTED.search(question[: f.start])]


def _kept_at(sentence: str) -> str:
    """ " at £975-1,075mn": the one amount or rate a sentence saying a figure was kept
    gives, or nothing where it gives none or several."""
    held = [f for f in stated_figures(sentence) if f.kind in ("money", "percent")]
    return f" at {magnitude(held[0])}" if len(held) == 1 else ""


def _other_period(
    question: str, sentence: str, held: Figure, subject: Subject | None
) -> tuple[str, str] | None:
    """(asked, stated) where the question dates a figure to one quarter or half and the
    sentence gives it for another ("NIM compressed to 3.02% in 3Q26" against "3.02% in the
    second quarter"); None where the periods agree or either names none."""
    asked = {p for p in periods(question) if p[0] in "QH" and p[1:].isdigit()}
    ctx = next(
        (c for c in figure_contexts(sentence, subject) if c.figure.start == held.start), None
    )
    stated = {p for p in ctx.periods if p[0] in "QH" and p[1:].isdigit()} if ctx else set()
    if not asked or not stated or asked & stated or {p[0] for p in asked} != {p[0] for p in stated}:
        return None
    # Quarters and halves alone: a year written here would be a figure its quote may not hold.
    return " and ".join(sorted(asked)), " and ".join(sorted(stated))


def _rival(others: frozenset[str]) -> bool:
    """Names that may own a figure the question gives the subject: not a single common word
    capitalised as a label ("Total", "Board", "BUY")."""
    return any(len(name.split()) > 1 or is_rare(name) for name in others)


def _display_names(sentence: str, keys: frozenset[str], subject: Subject | None) -> set[str]:
    """The names as the sentence writes them (keys are normalised, lower case)."""
    shown = {
        normalise(m.text): m.text
        for m in names_in(sentence, subject.keys if subject else frozenset())
    }
    return {shown.get(k, k) for k in keys}


# "fell NZ$4.1m", "cut by ¥2bn": an amount right after a move verb or "by" is the move.
_AMOUNT_MOVED = re.compile(
    r"\b(?:by|fell|rose|dropped|declined|decreased|increased|grew|climbed|slipped|down|up)\s+$",
    re.I,
)


def _correction(stated: str, sentence: str, held: Figure, money_is_level: bool = False) -> str:
    """ "The sources say it fell to NZ$48.6 million, not rose": a level ("raised its forecast
    to ¥31.5 billion", "margin up 70bp to 12.3%", a table's FY26 cell) is where it moved to;
    "fell 21%" or a cell under a change header is the move itself."""
    said, not_said = ("fell", "rose") if stated == "down" else ("rose", "fell")
    # "lowered to €430m to €470m (previously €500m to €560m)"; a row's earlier year's cell
    goal = _moved_to(sentence, held) or row_later(sentence, held)
    if goal is not None:
        return (
            f"The sources say it {said} to {magnitude(goal)} from {magnitude(held)}, not {not_said}"
        )
    # "8.5 cents (FY25: 7.5 cents)", "to 81.3% from 85.2%", a row's year-before column
    earlier = earlier_value(sentence, held)
    if earlier is not None:
        then = magnitude(earlier[0])
        return f"The sources say it {said} to {magnitude(held)} from {then}, not {not_said}"
    moved = is_move(sentence, held)
    level = not (moved or _AMOUNT_MOVED.search(sentence[max(0, held.start - 30) : held.start]))
    to = " to" if level or (money_is_level and held.kind == "money") else ""
    return f"The sources say it {said}{to} {magnitude(held)}, not {not_said}"


_FROM_BEFORE = re.compile(
    r"(?:\bpreviously|\bfrom(?:\s+(?:the|its|their))?|\bwas|\bprevious\s+(?:[a-z]+\s+){0,2}(?:of|at|was))"
    r"\s*$",
    re.I,
)
_TO_BEFORE = re.compile(r"\bto\s*$", re.I)
_FROM_LISTED = re.compile(
    r"\b(?:from|compared\s+with)\s+[^;,]*?\d[^;,]*?\s+and\s+(?:from\s+)?$", re.I
)
_JOINED_CLAUSE = re.compile(r";|,\s+(?:and|while|but|whereas)\s", re.I)


def _moved_to(sentence: str, held: Figure) -> Figure | None:
    """Where a figure the sentence gives as the start of a move ("previously €500m", "down
    from its previous range of ...") moved to: the figure of its kind after "to", else the
    last one before it. ("up from $31.4m in Q2 and $22.9m a year earlier": the second start
    moved to the figure before "from" too.)"""
    listed = _FROM_LISTED.search(sentence, 0, held.start)
    if not listed and not _FROM_BEFORE.search(sentence[: held.start].rstrip(" (")):
        return None
    starts = listed.start() if listed else held.start  # where the starting values begin
    # (only its own clause's: "orders rose to ¥70.2bn, and the backlog reached ¥88.5bn, up
    # from ¥75.0bn": the backlog's ¥88.5bn)
    opens = max((b.end() for b in _JOINED_CLAUSE.finditer(sentence, 0, starts)), default=0)
    others = [
        f
        for f in find_figures(sentence)
        if f.kind == held.kind and f.start != held.start and f.start >= opens
    ]
    after_to = [f for f in others if _TO_BEFORE.search(sentence[: f.start])]
    before = [f for f in others if f.end <= starts]
    return (after_to or before[-1:] or [None])[0]


def stated_direction(sentence: str, held: Figure) -> str | None:
    """Which way the sources say a figure moved: its sign, the direction word nearest it,
    or, in a table row, a positive cell under a change header ("YoY: 2.9%") is up."""
    if held.value < 0:
        return "down"
    said = clause_direction(sentence, held)
    if said is None and in_change_cell(sentence, held):
        return "up" if held.value > 0 else None
    return said or row_direction(sentence, held) or aside_direction(sentence, held)


def check_direction(
    question: str,
    sentences: Sequence[str],
    kinds: frozenset[str],
    currency: str | None,
    subject: Subject | None,
) -> tuple[PremiseIssue, int] | None:
    """A question that asks how far something moved one way ("By how much did grocery
    sales fall?") when the answering figure moved the other way, and the index of the
    evidence sentence that says so. The first sentence that states a direction decides: a
    table row of levels ("2026/27 Q1: 2.9%") says none, the next quote ("YoY: 2.9%") may."""
    if stated_figures(question):
        return None  # a figure in the question is checked by check_premise
    asserted = asserted_move(question)
    # "What had it pencilled in before the cut?": the cut is the forecast's, not a move of
    # the measure asked.
    if asserted is None or asks_old_value(question):
        return None
    for index, sentence in enumerate(sentences):
        # A rate says which way it moved ("up 9%"); else an amount it moved to ("raised to").
        moves = (
            (held, stated_direction(sentence, held))
            for wanted in (kinds & RATE_KINDS, kinds & {"money"})
            if wanted and (held := answer_figure(sentence, question, wanted, currency, subject))
        )
        held, stated = next(((h, d) for h, d in moves if d is not None), (None, None))
        if held is None or stated is None:
            if kept_still(sentence, question):  # "held its final dividend unchanged"
                said = "higher" if asserted == "up" else "lower"
                correction = f"The sources say it was unchanged, not {said}"
                return PremiseIssue(_TAKEN[asserted] + "unchanged", correction, sentence), index
            continue
        if stated == asserted:
            return None
        issue = PremiseIssue(
            _TAKEN[asserted] + stated,
            _correction(stated, sentence, held, money_is_level=True),
            sentence,
        )
        return issue, index
    return None


_TAKEN = {
    direction: f"the question takes it as {direction}; the sources say "
    for direction in ("up", "down")
}
# "more than 10%", "if it fell 5%": a figure the question compares with or supposes, which it
# does not assert.
_NOT_ASSERTED = re.compile(
    r"\b(?:more|less|higher|lower|greater|fewer|bigger|smaller)\s+than\s+$|\b(?:above|below|over"
    r"|under|exceed\w*|beat|top|at\s+least|at\s+most|vs\.?|versus|than|if|whether|would"
    r"|could|(?<!price\s)target\w*|aim\w*)\b[^.?]*$",
    re.IGNORECASE,
)


def check_value(
    question: str,
    best: str,
    candidates: Sequence[str],
    kinds: frozenset[str],
    currency: str | None,
    subject: Subject | None,
) -> PremiseIssue | None:
    """A figure the question asserts ("What's behind Acme's 12% price cut?") that no
    retrieved sentence (``candidates``) holds, where the best evidence sentence answers with
    another value of the same kind: the sources' value corrects it."""
    figures = [fig for fig in _asserted(question) if fig.kind in kinds]
    if not figures:
        return None
    focus = question_focus(question)  # what the question counts ("LFL ex fuel")
    for fig in figures:
        if any(holds(s, fig, focus) for s in candidates):
            continue  # held somewhere: check_premise judges it
        about = _with_own_period(question, fig)  # "from 1.5% in Q4 to 2.1% in Q1": Q4's
        held = answer_figure(best, about, frozenset({fig.kind}), currency, subject)
        if held is None or held.matches(fig) or (fig.currency or "") != (held.currency or ""):
            continue
        said = magnitude(held)
        # (the answer's line names only the sources' figure: no figure is shown that no quote
        # holds)
        return PremiseIssue(
            f"the question says {fig.text}; the sources give {said}",
            f"The sources give {said}",
            best,
        )
    return None


def _with_own_period(question: str, fig: Figure) -> str:
    """``question`` less the periods said of its other figures, where a period is said of
    ``fig`` ("... from 1.5% in Q4 to 2.1% in Q1" about 1.5%: Q4 alone)."""
    spans = period_spans(question)
    own = [s for s in spans if 0 <= s[0] - fig.end <= len(" in the ")]
    if not own:
        return question
    chars = list(question)
    for start, end in spans:
        if (start, end) not in own:
            chars[start:end] = " " * (end - start)
    return "".join(chars)


__all__ = ["PremiseIssue", "check_direction", "check_premise", "check_value", "stated_direction"]
