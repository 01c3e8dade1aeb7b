"""Claims: each figure a sentence states, with its measure, owner and period; whether two
measure the same thing (``same_measure``, for verification); and whether two are the same
claim (``holds``, for the claim audit).

``holds`` is looser than ``same_measure`` on purpose: the audit compares an article's prose
with its sources' prose and table rows, which name the same measure in different words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.entities import Subject
from assistant.figure_periods import is_earlier_value
from assistant.figures import Figure
from assistant.measure_words import StemBag
from assistant.measures import MIN_STEM_MATCH, figure_contexts
from assistant.text import content_stems, stem, strip_markers


@dataclass(frozen=True)
class Claim:
    """One figure as a document states it, with what it measures (for comparisons)."""

    doc_id: str
    sentence: str
    figure: Figure
    measure: str | None  # the stems nearest the figure, space-separated
    subjects: frozenset[str]
    periods: frozenset[str]
    stems: StemBag = field(default_factory=StemBag)
    weights: tuple[tuple[str, float], ...] = ()  # measure stems by closeness to the figure


def claims_of_sentence(doc_id: str, sentence: str, subject: Subject | None = None) -> list[Claim]:
    """Every non-year figure of a sentence with its measure words, subjects and periods."""
    claims = []
    for ctx in figure_contexts(sentence, subject):
        nearest = sorted(ctx.weights, key=lambda kv: -kv[1])[:2]
        measure = " ".join(sorted(s for s, _ in nearest)) or None
        claims.append(
            Claim(
                doc_id,
                sentence,
                ctx.figure,
                measure,
                ctx.subjects,
                ctx.periods,
                ctx.measures,
                ctx.weights,
            )
        )
    return claims


def measure_overlap(a: Claim, b: Claim) -> float:
    """Shared measure words of two figures, weighted by closeness, over the lighter one's."""
    wa, wb = dict(a.weights), dict(b.weights)
    if not wa or not wb:
        return 1.0 if a.measure is not None and a.measure == b.measure else 0.0
    shared = sum(min(wa[s], wb[s]) for s in wa.keys() & wb.keys())
    return shared / min(sum(wa.values()), sum(wb.values()))


def same_measure(a: Claim, b: Claim) -> bool:
    """Do two figures measure the same thing (kind, currency, measure words, owner, period)?

    Measures compare by stems weighted by their closeness to each figure: "net income
    jumped 76%" and "a 76% rise in net income" share their nearest words; "free cash flow
    fell 76%" shares none with them.
    """
    if a.measure is None or b.measure is None:
        return False
    return (
        a.figure.kind == b.figure.kind
        and a.figure.currency == b.figure.currency
        and measure_overlap(a, b) >= MIN_STEM_MATCH
        and a.subjects == b.subjects
        and (not a.periods or not b.periods or bool(a.periods & b.periods))
    )


# Content words: a sentence this short (a table row) needs one shared word to hold a figure.
SHORT_SENTENCE = 8


def _words(sentence: str, subject: Subject | None) -> set[str]:
    """Content stems of a sentence, without numbers, markers or the subject's own name."""
    drop = {stem(w) for key in (subject.keys if subject else ()) for w in key.split()}
    return {w for w in content_stems(strip_markers(sentence)) if w[0].isalpha()} - drop


def holds(claim: Claim, other: Claim, subject: Subject | None = None) -> bool:
    """Does ``other`` state the same figure about the same thing?

    The same value, kind and currency, and the sentences share two content words, or one
    when either is as short as a table row ("Grocery — YoY: 2.9%"). Measure words alone are
    too narrow here: a row names its measure in a label that prose ("a 2.9% uplift in
    Grocery sales") may use as a name.
    """
    if not claim.figure.matches(other.figure):
        return False
    mine, theirs = _words(claim.sentence, subject), _words(other.sentence, subject)
    short = min(len(mine), len(theirs)) <= SHORT_SENTENCE
    return len(mine & theirs) >= (1 if short else 2)


def same_measure_loosely(a: Claim, b: Claim) -> bool:
    """``same_measure``, or clauses that share at least two measure stems and differ
    in at most two ("grew at a triple-digit rate for six consecutive quarters" and "... for
    seven quarters in a row"), for the same owner, kind, currency and period."""
    if same_measure(a, b):
        return True
    if (a.figure.kind, a.figure.currency, a.subjects) != (
        b.figure.kind,
        b.figure.currency,
        b.subjects,
    ):
        return False
    if a.periods and b.periods and not a.periods & b.periods:
        return False
    mine, theirs = set(a.stems), set(b.stems)
    return len(mine & theirs) >= 2 and len(mine ^ theirs) <= 2


def other_period(rival: Claim, holders: list[Claim]) -> bool:
    """Is ``rival`` another period's cell of a row holding the claimed value ("2024: 4,673")?"""
    mine = rival.periods
    return bool(mine) and any(
        h.sentence == rival.sentence and h.periods and not h.periods & mine for h in holders
    )


def another_years(rival: Claim, claim: Claim, holders: list[Claim]) -> bool:
    """Is ``rival`` dated to other years than the claimed figure ("€1,340 million in H1
    2029" beside a claim of H1 2030), or marked as an earlier value ("from €1,340 million a
    year earlier") where a source holds the claimed one? Neither says the claim is wrong."""
    if holders and is_earlier_value(rival.sentence, rival.figure):
        return True
    mine = _years(claim.periods) or set().union(*(_years(h.periods) for h in holders))
    theirs = _years(rival.periods)
    return bool(mine and theirs) and not mine & theirs


def _years(labels: frozenset[str]) -> set[str]:
    return {label for label in labels if label.isdigit()}


__all__ = [
    "SHORT_SENTENCE",
    "Claim",
    "another_years",
    "claims_of_sentence",
    "holds",
    "measure_overlap",
    "other_period",
    "same_measure",
    "same_measure_loosely",
]
