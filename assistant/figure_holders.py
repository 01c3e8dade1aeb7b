"""Which retrieved sentences hold a figure a question states, as the question states it.

A premise check reads every sentence that holds the question's figure ("LFLs ex fuel rose
from 1.5% in Q4 to 2.1% in Q1"). Not all of them are about it: a row "Like-for-like sales
(inc. fuel)" giving 1.5% counts what the question leaves out; a row giving 2.1% for Q2 is
another measure's where a source gives 2.1% for the Q1 asked; "tools that drove an 18%
increase" are no rival's figure where another source gives the subject's growth as 18%.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.entities import Subject
from assistant.expectations import EXPECTATION, EXPECTATION_SAID, expected_of_previous
from assistant.figures import Figure, find_figures
from assistant.focus import QuestionFocus
from assistant.measure_words import includes_excluded
from assistant.measures import figure_contexts
from assistant.periods import periods


def holds(sentence: str, fig: Figure, focus: QuestionFocus) -> bool:
    """Does ``sentence`` hold the question's figure, of what the question (``focus``) counts?
    "LFL ex fuel ... 1.5%" is not held by a row "Like-for-like sales (inc. fuel)" giving 1.5%."""
    if not any(f.matches(fig) for f in find_figures(sentence)):
        return False
    return not includes_excluded(focus, sentence)


def dated_as_asked(sentence: str, fig: Figure, question: str, subject: Subject | None) -> bool:
    """Does ``sentence`` give ``fig`` for a quarter or half the question names?"""
    asked = {p for p in periods(question) if p[0] in "QH" and p[1:].isdigit()}
    return bool(asked) and any(
        ctx.figure.matches(fig) and asked & ctx.periods
        for ctx in figure_contexts(sentence, subject)
    )


def given_as_asked(
    holders: Sequence[str],
    fig: Figure,
    question: str,
    subject: Subject | None,
    asked: frozenset[str],
) -> bool:
    """Does some sentence holding ``fig`` give it to the owner asked (the subject, or a name
    the question names)? One source's "tools that drove an 18% increase" is then no other
    owner's figure."""
    expectation_asked = EXPECTATION_SAID.search(question) is not None
    for sentence in holders:
        ctx = next((c for c in figure_contexts(sentence, subject) if c.figure.matches(fig)), None)
        if ctx is None:
            continue
        if not expectation_asked and any(s in dict(ctx.weights) for s in EXPECTATION):
            continue  # "(-2.6% expected)": what the market expected is no one's figure
        if (ctx.home and not ctx.subjects) or ctx.subjects & asked:
            return True
        # A figure no one owns, given for the quarter asked, is the subject's ("LFL (exc.
        # fuel) \u2014 Q1: 2.1%") where the question asks the subject's.
        if not ctx.subjects and not asked and dated_as_asked(sentence, fig, question, subject):
            return True
    return False


def expected_for_asked(
    holders: Sequence[str], fig: Figure, subject: Subject | None, asked: frozenset[str]
) -> tuple[str, Figure] | None:
    """(sentence, the actual figure) where a sentence holds ``fig`` only as what was expected
    of the owner asked ("Homeware sales fell 0.7% (-2.9% expected)" for "Homeware sales dropped
    3.7%"), and no sentence gives it to that owner as what happened."""
    found = None
    for sentence in holders:
        contexts = figure_contexts(sentence, subject)
        for before, ctx in zip([None, *contexts], contexts, strict=False):
            if not ctx.figure.matches(fig):
                continue
            owned = (ctx.home and not ctx.subjects) if not asked else bool(ctx.subjects & asked)
            expected = before is not None and expected_of_previous(
                sentence, before.figure, ctx.figure
            )
            if owned and not expected:
                return None  # the owner's own figure somewhere: the premise may stand
            if owned and expected and found is None:
                found = (sentence, before.figure)
    return found


__all__ = ["dated_as_asked", "expected_for_asked", "given_as_asked", "holds"]
