"""What a sentence takes from the one before it in its paragraph.

"Engine maintenance grounded aircraft. The company said the problems cost NZ$9.8m": a
definite noun refers back, so the earlier sentence's measure words count for the figure;
"The benchmark is Castellan. The US carmaker generated $2.9 billion": a definite description
opening a sentence is the organisation named last; "Tackling food insecurity with Globex
Aid. New ambition to raise £30 million": a sentence naming no one goes on about the one the
sentence before names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.entities import Subject, names_in, normalise
from assistant.matching import qualifiers_fit
from assistant.measure_words import measure_stems
from assistant.owners import owners
from assistant.text import sentence_spans, stem

if TYPE_CHECKING:
    from assistant.matching import QuestionFocus
    from assistant.measures import FigureContext

_DEFINITE = re.compile(r"\b(?:the|this|these|those|such)\s+([a-z]+)\b", re.IGNORECASE)

# "The US carmaker generated ...", "The lender said ...": a definite description opening
# the sentence refers to the organisation named last before it.
DESCRIBED_OWNER = re.compile(r"\W*(?:The|This|That)\s+(?:[\w.-]+\s+){0,2}?[a-z][\w-]+\s")


def sentence_before(context: str) -> str:
    """The last sentence of the paragraph before a sentence ("" if none)."""
    spans = sentence_spans(context)
    return context[spans[-1][0] : spans[-1][1]] if spans else ""


def last_named(text: str, asked: frozenset[str], subject: Subject | None) -> str:
    """The name asked that ``text`` names last, if no other name (but the subject's) follows."""
    for mention in reversed(names_in(text)):
        name = normalise(mention.text)
        if name in asked:
            return name
        if subject is None or not subject.is_subject(mention.text):
            return ""
    return ""


def with_antecedent(focus: QuestionFocus, ctx: FigureContext, context: str) -> FigureContext:
    """A definite noun of the question in the figure's clause ("the problems") refers back:
    the previous sentence's measure words count for the figure too, at half weight."""
    nouns = {stem(m.group(1).lower()) for m in _DEFINITE.finditer(ctx.clause)}
    if not nouns & focus.measures:
        return ctx
    before = sentence_before(context)  # only now: this runs for every figure of every sentence
    if not before:
        return ctx
    weights = dict(ctx.weights)
    for word in measure_stems(before):
        weights[word] = max(weights.get(word, 0.0), 0.5)
    return replace(ctx, weights=tuple(sorted(weights.items())))


def qualified_before(
    focus: QuestionFocus,
    sentence: str,
    context: str,
    subject: Subject | None,
    known: frozenset[str],
) -> QuestionFocus:
    """``focus`` less the qualifiers ("with Globex Aid") that the sentence before names, where
    this sentence names no one of its own to own its figures."""
    if not focus.qualifiers or owners(sentence, subject, known, places=False)[0]:
        return focus
    before = sentence_before(context)
    if not before:
        return focus

    def named(name: str, text: str) -> bool:
        return qualifiers_fit(replace(focus, qualifiers=frozenset({name})), text)

    told = {q for q in focus.qualifiers if not named(q, sentence) and named(q, before)}
    return replace(focus, qualifiers=focus.qualifiers - told) if told else focus


__all__ = [
    "DESCRIBED_OWNER",
    "last_named",
    "qualified_before",
    "sentence_before",
    "with_antecedent",
]
