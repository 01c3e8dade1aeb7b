"""What the market expected, as opposed to what happened.

"Homeware sales fell 0.7% (-2.9% expected)": the bracketed figure is the market's expectation of
the same measure, not an outcome. "What was the street pencilling in for Homeware sales?" asks
for that figure, and the outcome (or a table row of actual sales) is no answer to it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from assistant.figures import find_figures
from assistant.text import stem

if TYPE_CHECKING:
    from assistant.figures import Figure
    from assistant.measures import FigureContext
    from assistant.question import QuestionFocus

# A figure followed by "expected", "consensus" or "est.": an expectation, not an outcome.
EXPECTED_AFTER = re.compile(r"\s*(?:expected|consensus|est(?:imate)?[d.]?)\b", re.IGNORECASE)
# "were expected to fall 3.7%", "the consensus": a question that knows a figure was expected.
EXPECTATION_SAID = re.compile(r"\b(?:expect\w*|consensus|forecast\w*|estimat\w*)", re.I)
# Stems a figure's measure takes when it is an expectation.
EXPECTATION = tuple(stem(w) for w in ("expectation", "consensus", "estimate"))

# Words before a figure that make it someone's expectation ("analysts had expected revenue
# of", "versus a consensus of", "we forecast", "estimated at").
_EXPECTED_BEFORE = re.compile(
    r"\b(?:expect\w*|consensus|estimat\w*|forecast\w*|anticipat\w*|projected|projections?"
    r"|pencil+ed\s+in|looking\s+for)\b",
    re.IGNORECASE,
)
# A forecast column of a table ("FY26E", "2027F").
FORECAST_YEAR = re.compile(r"\b(?:FY|F)?(?:19|20)?\d\d[EF]\b")

# "What does Acme now guide to?", "its guidance": the company's own forecast; so is "Acme's
# forecast" (the company's possessive before it), unless a broker or analysts are asked.
_GUIDANCE = re.compile(r"\bguid(?:e|es|ed|ing|ance)\b", re.IGNORECASE)
_OWN_FORECAST = re.compile(r"['\u2019]s\s+(?:[\w-]+\s+){0,4}?(?:forecast|outlook)\b", re.IGNORECASE)
_OTHERS_VIEW = re.compile(r"\b(?:broker|analysts?|street|consensus|estimates?|house)\b", re.I)

_ASKED = frozenset(stem(w) for w in ("consensus", "expectation", "estimate", "street"))
# Other words by which a question asks what someone expected ("what were analysts looking
# for?"); compared with the consensus ("vs consensus"), it asks it too.
_ASKED_WORDS = frozenset(stem(w) for w in ("expected", "analysts", "forecast", "vs", "versus"))
# "the street's price target", "consensus rating": a broker's own target or rating answers
# those, so they are not held to an expectation's words.
_BROKER_VIEWS = frozenset(stem(w) for w in ("target", "rating", "recommendation"))
# "Homeware sales vs consensus": the outcome is asked beside the expectation.
_COMPARED = re.compile(
    r"\b(?:vs\.?|versus|against|compar\w*|beat\w*|miss\w*|ahead|behind|relative|short)\b",
    re.IGNORECASE,
)

# Who expects, and the verbs that say so ("analysts were expecting", "the street expects").
_WHO = r"(?:analysts?|street|sell[- ]side|consensus)"
_EXPECTS = r"(?:expecting|expected|expect|looking\s+for|anticipating|forecasting)\b(?!\s+to\b)"
# What the question says instead of "was the consensus": "what were analysts expecting for",
# "what had the market pencilled in", "what did the street expect".
_WHO_EXPECTS = re.compile(
    rf"\b(?:(?:were|was|had|has|have|did|do|does|are|is)\s+)?(?:(?:the\s+)?{_WHO}"
    # "the market" only as who expects: "is the AI market expected to be" is a measure.
    r"|(?:(?<=\bwere\s)|(?<=\bwas\s)|(?<=\bhad\s)|(?<=\bdid\s)|(?<=\bwhat\s))the\s+market)"
    # ("had analysts been expecting": the auxiliary before who expects, "been" after)
    rf"\s+(?:were\s+|was\s+|had\s+(?:been\s+)?|been\s+)?{_EXPECTS}",
    re.IGNORECASE,
)
# "What adjusted EPS had analysts expected for the quarter?": the measure named first.
_WHAT_WAS_EXPECTED = re.compile(
    r"^\W*(?P<what>what|which)\s+(?P<measure>(?:(?!\band\s+(?:what|how|which)\b)[^?,;])+?)"
    r"\s+(?:had|did|were|was|are|is|do|does)"
    rf"\s+(?:the\s+)?(?:{_WHO}|market)\s+(?:been\s+)?{_EXPECTS}",
    re.IGNORECASE,
)


# "Analysts polled by DataVane had expected adjusted EPS of $0.94": who expected, before
# the figure, makes it the consensus as much as "(-0.9% expected)" after it.
_OTHERS_EXPECTED = re.compile(rf"\b{_WHO}\b[^.;:]{{0,60}}?\b{_EXPECTS}", re.IGNORECASE)


def others_expected(text: str) -> bool:
    """Does ``text`` (the words before a figure) say analysts or the street expected it?"""
    return _OTHERS_EXPECTED.search(text) is not None


_NEAR_CONSENSUS = 100  # characters between a figure and the consensus named after it
_CONSENSUS_BEFORE = re.compile(r"\bconsensus(?:\s+(?:of|at|was|is|for))?\s*$", re.IGNORECASE)


def expected_of_previous(sentence: str, previous: Figure, fig: Figure) -> bool:
    """Is ``fig`` the expectation of ``previous``, bracketed right after it ("fell 0.4%
    (-2.6% expected)") or named the consensus soon after it? It then measures what
    ``previous`` measures."""
    between = sentence[previous.end : fig.start]
    if between.strip() == "(" and EXPECTED_AFTER.match(sentence, fig.end) is not None:
        return True
    # "EBITDA to £41m (from £44m; consensus £43m)", "sales of $5.0bn, ahead of a consensus
    # of $4.8bn": the consensus named between them is of the same measure.
    return len(between) <= _NEAR_CONSENSUS and _CONSENSUS_BEFORE.search(between) is not None


def outcome_beside_expectation(sentence: str, answering: frozenset[str]) -> bool:
    """Does ``sentence`` give an answering figure with its expectation right after it
    ("Pumps sales fell 1.5% (-2.7% expected)")? An outcome compared with what was expected
    is best read where both stand."""
    figures = find_figures(sentence)
    return any(
        a.text in answering and expected_of_previous(sentence, a, b)
        for a, b in itertools.pairwise(figures)
    )


def _named_consensus(sentence: str, start: int) -> bool:
    """Do the words right before a figure starting at ``start`` name it the consensus?"""
    return _CONSENSUS_BEFORE.search(sentence[max(0, start - 40) : start]) is not None


def unasked_consensus(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure named the consensus ("below the consensus of EUR 61m", "(consensus EUR
    66m)") where the question asks no expectation ("FY26 EBIT guidance")?"""
    expected = focus.measures & _ASKED or {stem(w) for w in focus.words} & _ASKED_WORDS
    return _named_consensus(ctx.sentence, ctx.figure.start) and not expected


# "..., and what had been expected?": a part that asks, in the passive, what was expected.
_PASSIVE_EXPECTED = re.compile(
    r"\bwhat\s+(?:had\s+been|has\s+been|was|were)\s+expected(?=\s*[?.]?\s*$)", re.I
)


def as_consensus(question: str) -> str:
    """``question`` with who expected said as the consensus ("what were analysts expecting
    for Homeware sales" -> "what was the consensus for Homeware sales"): the asking verb would
    otherwise be dropped and "analysts" read as the measure."""
    question = _WHAT_WAS_EXPECTED.sub(r"\g<what> was the consensus \g<measure>", question)
    question = _PASSIVE_EXPECTED.sub("what was the consensus", question)
    return _WHO_EXPECTS.sub("was the consensus", question)


def asks_expectation(focus: QuestionFocus, text: str) -> bool:
    """Does the question ask only what was expected (a consensus, an estimate), not the
    outcome beside it?"""
    asked = focus.measures
    return bool(asked & _ASKED) and not asked & _BROKER_VIEWS and not _COMPARED.search(text)


def estimates_barred(
    question: str, names_subject: Callable[[str], bool] | None, byline: str
) -> bool:
    """Does the question ask the company's own forecast ("What does Acme guide to?", "Acme's
    forecast", no broker or analysts asked) of a document another wrote (``byline``)? Its
    tables of estimates then answer nothing. ``names_subject`` says whether a text names the
    company (None: no company known); names are read only where guidance may be asked."""
    guided, possessive = _GUIDANCE.search(question), _OWN_FORECAST.search(question)
    if names_subject is None or not (guided or possessive):
        return False
    own = (guided or (possessive and names_subject(question))) and not _OTHERS_VIEW.search(question)
    return bool(own) and not names_subject(byline)


def in_estimate_table(ctx: FigureContext) -> bool:
    """Is the figure in a table row with a forecast column ("FY3/26A: 36.2; FY3/27E: 46.2"),
    its estimates and the past year's result beside them?"""
    return " \u2014 " in ctx.sentence and FORECAST_YEAR.search(ctx.sentence) is not None


_CONSENSUS = stem("consensus")


def asks_consensus(focus: QuestionFocus) -> bool:
    """Does the question (part) ask the consensus ("... and what had analysts expected?")?"""
    return _CONSENSUS in focus.measures


def consensus_beside(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the consensus asked, and given beside this figure, which is not it ("We cut FY28E
    EBITDA to £41m (from £44m; consensus £43m)": £41m is the writer's own)?"""
    if not _consensus_unstated(focus, ctx):
        return False
    return _CONSENSUS in {stem(w) for w in re.findall(r"[a-z]+", ctx.sentence.lower())}


def _consensus_unstated(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the consensus asked, and not among the figure's own words?"""
    return _CONSENSUS in focus.measures and _CONSENSUS not in dict(ctx.weights)


# "we continue to expect to deliver", "the company now expects": the company's own outlook.
_OWN_OUTLOOK = re.compile(
    r"\b(?:we|management|the\s+(?:company|group|board))\s+(?:[a-z]+\s+){0,3}?"
    r"(?:expect|guid|forecast|anticipat|target|aim)\w*",
    re.IGNORECASE,
)
_ANALYSTS = re.compile(rf"\b{_WHO}\b|\bconsensus\b", re.IGNORECASE)


def company_outlook(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the consensus asked, and this figure the company's own outlook ("we continue to
    expect to deliver ... £940 million"): guidance, which is no consensus?"""
    if not _consensus_unstated(focus, ctx):
        return False
    before = ctx.sentence[: ctx.figure.start]
    return bool(_OWN_OUTLOOK.search(before)) and not _ANALYSTS.search(before)


# "4% below consensus ($88m)": how far an outcome fell from the expectation.
_GAP_TO = re.compile(
    r"\s+(?:above|below|ahead\s+of|short\s+of|behind|under|over|better\s+than|worse\s+than)"
    r"\s+(?:the\s+|our\s+|market\s+)*(?:consensus|expectations?|forecasts?|estimates?)\b",
    re.I,
)


def states_expectation(ctx: FigureContext) -> bool:
    """Is the figure someone's expectation: said so before it ("analysts expected"), after
    it ("(-2.6% expected)"), by its measure's words, or by a forecast column? How far an
    outcome missed one ("4% below consensus") is none."""
    if _GAP_TO.match(ctx.sentence, ctx.figure.end):
        return False
    if _said_expected(ctx):
        return True
    if _consensus_named_apart(ctx):
        return False  # "came in at ¥9.4bn, 5% above the consensus of ¥8.9bn": an outcome
    weights = dict(ctx.weights)
    return any(s in weights for s in EXPECTATION)


def _consensus_named_apart(ctx: FigureContext) -> bool:
    """Does the sentence name another figure, not this one, the consensus?"""
    if _named_consensus(ctx.sentence, ctx.figure.start):
        return False
    figures = find_figures(ctx.sentence)
    return any(_named_consensus(ctx.sentence, f.start) for f in figures)


def _said_expected(ctx: FigureContext) -> bool:
    """Do the words around the figure make it a forecast: said before it ("analysts
    expected"), after it ("(-2.6% expected)"), or by a forecast column ("FY27E")?"""
    return (
        _EXPECTED_BEFORE.search(ctx.zone) is not None
        or EXPECTED_AFTER.match(ctx.sentence, ctx.figure.end) is not None
        or FORECAST_YEAR.search(ctx.clause) is not None
    )


# "What is the broker pencilling in?", "the analyst's forecast": a broker's own view. The
# company's outlook ("outlook: adjusted EBITA now seen at", "the Leeds-based company now
# expects") answers no such question.
_BROKER_ASKED = re.compile(r"\b(?:the|its|this|that)\s+(?:broker|analyst)s?\b", re.I)
_OUTLOOK_WORDS = re.compile(rf"{_GUIDANCE.pattern}|\boutlook\b", re.IGNORECASE)
_COMPANY_EXPECTS = re.compile(
    r"\b(?:the\s+(?:[\w-]+\s+)?(?:company|group|board)|management)\s+(?:[a-z]+\s+){0,2}?"
    r"(?:expect|guid|forecast|anticipat|target)\w*",
    re.IGNORECASE,
)
_FORECAST_ASKED = re.compile(
    r"\b(?:expect\w*|forecast\w*|estimat\w*|project\w*|model\w*|pencil\w*|sees?)\b", re.I
)


@cache
def asks_broker_view(question: str) -> bool:
    """Does the question ask what a broker or analyst forecasts ("What EBITA is the broker
    expecting?"), not what the company guides to, nor the broker's rating or target?"""
    return bool(
        _BROKER_ASKED.search(question)
        and _FORECAST_ASKED.search(question)
        and not _GUIDANCE.search(question)
    )


_WRITERS = re.compile(r"\b(?:we|our|us)\b", re.I)
_CONSENSUS_ASKED = frozenset({"consensu", "street"})
_CONSENSUS_SAID = re.compile(
    r"\b(?:consensus|analysts?|street|sell[- ]side|market\s+expect\w*|expected)\b", re.I
)


def consensus_unsaid(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the consensus asked, of a sentence that names no consensus, analysts or street?
    Its figure is someone's own forecast ("we have raised our forecast to ¥52.5bn")."""
    return bool(focus.measures & _CONSENSUS_ASKED) and not _CONSENSUS_SAID.search(ctx.sentence)


def writers_forecast(ctx: FigureContext) -> bool:
    """Is the figure a forecast of the writer's or an analyst's ("We forecast FY27E capex of
    $400m", "She forecasts ..."), not the company's ("Acme now expects")?"""
    first_person = _WRITERS.search(ctx.sentence[: ctx.figure.start]) is not None
    return broker_forecast(ctx) and (first_person or not ctx.home)


def broker_forecast(ctx: FigureContext) -> bool:
    """Is the figure a forecast ("We lower our FY26E EBITA to EUR 214m", "we expect") that is
    neither the company's own outlook (guidance or an outlook named since the figure before it,
    or the company said to expect it) nor the consensus?"""
    ends = [f.end for f in find_figures(ctx.sentence) if f.end <= ctx.figure.start]
    since = ctx.sentence[max(ends, default=0) : ctx.figure.start]  # since the figure before
    if _OUTLOOK_WORDS.search(since) or _COMPANY_EXPECTS.search(since) or _ANALYSTS.search(since):
        return False  # (the consensus is the street's, not the broker's own)
    return _said_expected(ctx)


def other_than_expected(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Of a question that asks what was expected, is the figure something else: the consensus
    a broker's estimate is set against, the company's own outlook, or a forecast that no
    consensus, analyst or street is said to hold?"""
    return (
        consensus_beside(focus, ctx) or company_outlook(focus, ctx) or consensus_unsaid(focus, ctx)
    )
