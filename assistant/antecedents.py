"""What a sentence takes from the one before it in its paragraph.

"Signal faults delayed trains. The operator said the delays cost NZ$4.3m": a
definite noun refers back, so the earlier sentence's measure words count for the figure;
"The benchmark is Umbrella Motors. The US carmaker generated $1.7 billion": a definite
description opening a sentence is the organisation named last; "Fighting child hunger with
Globex Aid. New goal to raise £12 million": a sentence naming no one goes on about the one the
sentence before names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from assistant.abbreviations import as_written
from assistant.cues import gives_reason
from assistant.entities import Subject, names_in, normalise
from assistant.figures import RATE_KINDS, find_figures
from assistant.matching import qualifiers_fit
from assistant.measure_words import measure_stems
from assistant.owners import owners
from assistant.plan_cues import states_plan
from assistant.sentences import LIST_MARKER, introduces
from assistant.synonyms import plain_terms
from assistant.text import content_stems, sentence_spans, stem

if TYPE_CHECKING:
    from assistant.matching import QuestionFocus
    from assistant.measures import FigureContext
    from assistant.question import QuestionPart
    from assistant.sentence_fit import SentenceReader

_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|such)\s+([a-z]+)\b", re.IGNORECASE)

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


# "Globex reported ... It delivered 1.06 million vehicles": "It" opens a sentence about the
# name that opened the sentence before.
_PRONOUN_OPENING = re.compile(r"\W*(?:It|They)\s")


def pronoun_owner(
    ctx: FigureContext, sentence: str, context: str, subject: Subject | None, known: frozenset[str]
) -> FigureContext:
    """A figure with no owner of its own in a sentence opened by "It" or "They" is the
    owner's that opened the sentence before, where that is another organisation."""
    if ctx.subjects or not _PRONOUN_OPENING.match(sentence):
        return ctx
    before = sentence_before(context)
    opening = next(iter(names_in(before, known)), None)
    if opening is None or before[: opening.start].strip() or subject is None:
        return ctx
    if subject.is_subject(opening.text):
        return ctx
    owner = frozenset({normalise(opening.text)})
    return replace(ctx, subjects=owner, named=ctx.named | owner, home=False)


def with_antecedent(focus: QuestionFocus, ctx: FigureContext, context: str) -> FigureContext:
    """A definite noun of the question in the figure's clause ("the problems") refers back:
    the previous sentence's measure words count for the figure too, at half weight, and a
    name asked that it gives is the noun's ("Acme will shut its Leeds depot ... The closure will
    cost about $5 million": the Leeds closure's, where the clause names no owner)."""
    nouns = {m.group(1).lower() for m in _DEFINITE.finditer(ctx.clause)}
    nouns = {n for n in nouns if stem(n) in focus.measures}
    if not nouns:
        return ctx
    before = sentence_before(context)  # only now: this runs for every figure of every sentence
    if not before:
        return ctx
    weights = dict(ctx.weights)
    for word in measure_stems(before):
        weights[word] = max(weights.get(word, 0.0), 0.5)
    ctx = replace(ctx, weights=tuple(sorted(weights.items())))
    if ctx.subjects:
        return ctx
    # "... a charge for the Leeds closure. ... We expect the closure to save $5 million": the
    # name the noun went with earlier in the paragraph is still its own, though "We" do it.
    with_noun = frozenset(n for n in focus.subjects if _named_with(n, nouns, context))
    if with_noun:
        return replace(ctx, named=ctx.named | with_noun, home=False)
    if ctx.home:
        return ctx
    named = frozenset(n for n in focus.subjects if as_written(n, before))
    return replace(ctx, named=ctx.named | named) if named else ctx


def as_cause(
    reader: SentenceReader, part: QuestionPart, sentence: str, context: str, title: str
) -> tuple[set[str], float] | None:
    """For "why ...?": a sentence giving a cause, read with the sentence before it and its
    paragraph's first ("Coastal Rail revenue rose ... Operating margin fell to 7.2%. The
    decline reflected track repairs"), which say what the cause is of and whose: the
    words it shares with the question and its similarity so read, if it then fits."""
    spans = sentence_spans(context)
    # (a sentence with rates of its own is about its own moves: "profit fell 6.4%, hit by")
    if (
        not spans
        or not gives_reason(sentence)
        or any(f.kind in RATE_KINDS for f in find_figures(sentence))
    ):
        return None
    said = dict.fromkeys(context[start:end] for start, end in (spans[0], spans[-1]))
    joined = " ".join([*said, sentence])
    overlap = content_stems(plain_terms(part.text)) & content_stems(joined)
    similarity = reader.embeddings.similarity(part.text, joined)
    return (
        (overlap, similarity)
        if reader.text_fits(part, joined, overlap, similarity, title)
        else None
    )


# What a list of plans is, though its lead-in says "expects" ("For 2027 Acme now expects:" /
# "- unit revenue down around 2%" answers "unit revenue guidance fy27").
_PLAN_WORDS = frozenset(stem(w) for w in ("guidance", "outlook", "forecast"))


def with_lead_in(ctx: FigureContext, sentence: str, context: str) -> FigureContext:
    """A list item's figure is measured by the line that introduces the list as well
    ("Factors that could lead to a downgrade:" / "- Leverage sustained above 3.5x"): the
    lead-in's measure words count at half weight, and so do the words for a plan where the
    lead-in's sentence states one."""
    if not LIST_MARKER.match(sentence) or not introduces(context):
        return ctx
    weights = dict(ctx.weights)
    lead = re.split(r"(?<=[.!?])\s+", context.strip())[-1]
    for word in {*measure_stems(context), *(_PLAN_WORDS if states_plan(lead) else ())}:
        weights[word] = max(weights.get(word, 0.0), 0.5)
    return replace(ctx, weights=tuple(sorted(weights.items())))


def _named_with(name: str, nouns: set[str], context: str) -> bool:
    """Does ``context`` put ``name`` right before one of ``nouns`` ("the Leeds
    closure")?"""
    return any(
        re.search(rf"(?<![\w&]){re.escape(name)}\s+{re.escape(noun)}\b", context, re.IGNORECASE)
        for noun in nouns
    )


# "What was the airline's margin?": a business described by a common noun owns the figure
# ("the company's", "the group's" are the subject's own, read in ``assistant.owners``).
_DESCRIBED_IN_QUESTION = re.compile(r"\bthe\s+([a-z]{3,})(?:'s|\u2019s)\s", re.I)
_SUBJECT_NOUNS = frozenset(
    {"company", "group", "firm", "business", "retailer", "bank", "brand", "broker", "analyst"}
    # "the article's intro", "the note's numbers": a document, not an owner
    | {"article", "note", "report", "release", "statement", "story", "piece", "source", "filing"}
)


@cache
def described_owners(question: str) -> frozenset[str]:
    """The stems of the common nouns that own the figure asked ("airline" of "the airline's
    margin", and of "how profitable was the airline?" read in reporting terms)."""
    question = plain_terms(question)
    nouns = (m.group(1).lower() for m in _DESCRIBED_IN_QUESTION.finditer(question))
    return frozenset(stem(n) for n in nouns if n not in _SUBJECT_NOUNS)


def as_owner(focus: QuestionFocus, owners_: frozenset[str]) -> QuestionFocus:
    """``focus`` with the described owners' nouns no longer measure words ("the airline's
    margin" measures a margin, wherever the airline is spoken of)."""
    kept = [w for w in focus.phrase.split() if stem(w.lower()) not in owners_]
    if not owners_ & focus.measures or not kept:
        return focus
    measures = type(focus.measures)(focus.measures - owners_)
    return replace(focus, measures=measures, phrase=" ".join(kept))


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
    "as_owner",
    "described_owners",
    "last_named",
    "qualified_before",
    "sentence_before",
    "with_antecedent",
]
