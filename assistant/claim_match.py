"""Whether two stated figures are the same claim, for the claim audit.

Looser than ``measures.same_measure`` on purpose: the audit compares an article's prose with
its sources' prose and table rows, which name the same measure in different words.
"""

from __future__ import annotations

from assistant.entities import Subject
from assistant.measures import Claim, same_measure
from assistant.text import content_stems, stem, strip_markers

# Content words: a sentence this short (a table row) needs one shared word to hold a figure.
SHORT_SENTENCE = 8


def _words(sentence: str, subject: Subject | None) -> set[str]:
    """Content stems of a sentence, without numbers, markers or the subject's own name."""
    drop = {stem(w) for key in (subject.keys if subject else ()) for w in key.split()}
    return {w for w in content_stems(strip_markers(sentence)) if w[0].isalpha()} - drop


def holds(claim: Claim, other: Claim, subject: Subject | None = None) -> bool:
    """Does ``other`` state the same figure about the same thing?

    The same value, kind and currency, and the sentences share two content words, or one
    when either is as short as a table row ("Grocery — YoY: 3.6%"). Measure words alone are
    too narrow here: a row names its measure in a label that prose ("a 3.6% uplift in
    Grocery sales") may use as a name.
    """
    if not claim.figure.matches(other.figure):
        return False
    mine, theirs = _words(claim.sentence, subject), _words(other.sentence, subject)
    short = min(len(mine), len(theirs)) <= SHORT_SENTENCE
    return len(mine & theirs) >= (1 if short else 2)


def same_measure_loosely(a: Claim, b: Claim) -> bool:
    """``measures.same_measure``, or clauses that share at least two measure stems and differ
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


__all__ = ["SHORT_SENTENCE", "holds", "other_period", "same_measure_loosely"]
