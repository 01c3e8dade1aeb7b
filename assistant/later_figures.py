"""Measure words that introduce a later figure of a sentence ("earns 3.9% but at an efficiency
ratio of 64%", "unit costs rose 4.1%, and EBIT of EUR 118m"): they name that figure's measure, not
an earlier figure's."""

from __future__ import annotations

import re

from assistant.abbreviations import spelled_words
from assistant.figures import find_figures
from assistant.focus import QuestionFocus
from assistant.measure_words import measure_words
from assistant.measures import FigureContext
from assistant.synonyms import with_acronym_names
from assistant.text import stem

# "an efficiency ratio of 64%", "a payout ratio at 40%": a measure that introduces a figure.
_INTRODUCES = re.compile(
    r"((?:[A-Za-z][\w&/-]*\s+){1,3})(?:of|at|was|is|stood\s+at)\s+"
    # ("and Retail free cash flow of more than £350 million")
    r"(?:(?:more|less|fewer)\s+than\s+|at\s+least\s+|around\s+|about\s+|over\s+|up\s+to\s+)?$"
)


def named_for_a_later_figure(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Are the measure words asked that the figure's clause holds all in the phrase that
    introduces a later figure ("earns 3.9% but at an efficiency ratio of 64%")?"""
    asked = set(focus.measures)
    for short in [m for m in asked if 2 <= len(m) <= 5]:  # "fcf": free cash flow
        asked |= {stem(w) for w in spelled_words(short, ctx.sentence) or ()}
    later = [f for f in find_figures(ctx.sentence) if f.start >= ctx.figure.end]
    held: set[str] = set()
    own_end = len(ctx.sentence)
    for fig in later:
        intro = _INTRODUCES.search(ctx.sentence, ctx.figure.end, fig.start)
        if intro:
            held |= asked & _stated(intro.group(1))  # ("and EBIT of": operating profit)
            own_end = min(own_end, intro.start())
    if not held:
        return False
    # (its own words run on past it: "2 million shares at an average price of $12")
    return not asked & _stated(ctx.sentence[:own_end])


def _stated(text: str) -> frozenset[str]:
    """The stems of the measure words of ``text``, with its acronyms' plain names."""
    return with_acronym_names(frozenset(stem(w) for w in measure_words(text)))


__all__ = ["named_for_a_later_figure"]
