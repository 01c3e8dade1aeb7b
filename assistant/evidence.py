"""Evidence selection: which retrieved sentences answer the question, or why to abstain.

For a question that asks for a figure, a sentence qualifies only if one of its figures has
the kind asked for and is about the same owner, measure and period (``matching.answers``):
the question's measure phrase must stand in the figure's clause by its stems, or mean the
same by the embedding model (cosine at least ``MIN_MEASURE_SIMILARITY``, calibrated on the
dev questions with benchmarks/tune_evidence.py). A question with several parts (two joined
questions, a comparison of two owners) gets evidence for each part; ``Evidence.parts`` and
``Evidence.missing_parts`` say which were found. No qualifying sentence for any part means
the corpus does not say: the chain abstains without calling the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from assistant.answer import Citation
from assistant.antecedents import as_cause
from assistant.choosing import choose, sentence_key
from assistant.cues import asks_reason, gives_reason
from assistant.earlier_values import compares_with_earlier, earlier_bonus
from assistant.entities import Subject, known_names
from assistant.expectations import asks_consensus, outcome_beside_expectation
from assistant.extremes import extreme_first
from assistant.heard_sources import heard_from
from assistant.latest_year import behind_latest, last_full_year, latest_reported
from assistant.matching import QuestionFocus
from assistant.measure_words import measure_words, states_measure
from assistant.owners import owned_names
from assistant.prior_year import asks_prior_year
from assistant.question import (
    QuestionPart,
    asks_for_names,
    asks_for_place,
    question_parts,
)
from assistant.read_again import read_again
from assistant.retrieval import Hit
from assistant.row_fit import row_fit
from assistant.sentence_fit import SentenceReader
from assistant.sentences import LIST_MARKER, split_hits
from assistant.similarity import Embedder, SentenceEmbeddings, cosine
from assistant.synonyms import plain_terms
from assistant.text import MARKER_RUN, content_stems
from assistant.units import currency_wanted

MIN_DENSE_SIMILARITY = 0.15
NAMES_BONUS = 0.5  # added to the fit of a sentence that names names, for "which ...?"
REASON_BONUS = 1.0  # added to the fit of a sentence that gives a cause, for "why ...?"
TOTAL_BONUS = 0.25  # added where a total is asked and the sentence states one
# added where an outcome is compared with what was expected and the sentence states both
EXPECTED_BESIDE_BONUS = 1.25
# "total passengers", "across the group": a total asked; "Across trains and buses the
# Group carried ...": a total stated before its figure (one division's count states none).
_TOTAL_ASKED = re.compile(r"\b(?:total|across|combined|overall|altogether|in\s+all)\b", re.I)
_TOTAL_STATED = re.compile(rf"{_TOTAL_ASKED.pattern}|\bgroup\b", re.I)
EARLIER_YEAR_PENALTY = 1.0  # taken from the fit of a sentence of an earlier year than others
# Cosine between a question's measure phrase and a figure's clause above which they are
# read as the same measure in other words (MiniLM; calibrated on the dev questions).
MIN_MEASURE_SIMILARITY = 0.55
# A figure whose clause carries part of the measure's words answers when the whole question
# and the sentence read alike (cosine), calibrated on the dev questions too.
MIN_SENTENCE_SIMILARITY = 0.6


@dataclass(frozen=True)
class EvidenceSentence:
    """A sentence from a retrieved passage, scored against the question."""

    hit: Hit
    start: int  # offsets in the document text
    end: int
    text: str
    context: str  # the paragraph before it in the passage (periods are often named there)
    similarity: float
    overlap: float
    qualifies: bool
    fit: float = 0.0  # how well its best figure's clause says the measure asked
    part: int = 0  # the question part it answers
    answering: frozenset[str] = frozenset()  # its figures that answer the part
    also: tuple[tuple[int, frozenset[str]], ...] = ()  # other parts it answers, and by what

    @property
    def score(self) -> float:
        return (
            self.similarity + 0.5 * self.overlap + 0.5 * self.fit + (0.5 if self.qualifies else 0.0)
        )

    @property
    def display(self) -> str:
        """The sentence without the source's own reference markers (they would clash)."""
        return LIST_MARKER.sub("", MARKER_RUN.sub("", self.text)).strip()


@dataclass
class Evidence:
    """The sentences handed to the model, or the reason to abstain."""

    sentences: list[EvidenceSentence]
    focus: QuestionFocus
    kinds: frozenset[str]
    abstain_reason: str | None = None
    currency: str | None = None
    candidates: int = 0
    parts: list[str] = field(default_factory=list)  # what the question asks, part by part
    missing_parts: list[str] = field(default_factory=list)  # parts no sentence answers


def subject_of(profile: Any) -> Subject | None:
    """The corpus subject from a ``CorpusProfile`` (or anything with subject/aliases)."""
    if profile is None:
        return None
    if isinstance(profile, Subject):
        return profile
    name = getattr(profile, "subject", "") or ""
    return Subject(name, tuple(getattr(profile, "aliases", ()) or ())) if name else None


_QUESTION_END = re.compile(r"\?[\s*_\"'\u201d)\]]*$")


def _score_part(
    reader: SentenceReader,
    part: QuestionPart,
    index: int,
    candidates: list[tuple[Hit, int, int, str, str]],
    sims: list[float],
    q_stems: set[str],
    compares: bool = False,
    expecting: bool = False,
) -> list[EvidenceSentence]:
    """Each candidate sentence scored for ``part``; ``expecting``: another part asks what was
    expected of this one's measure."""
    scored: list[EvidenceSentence] = []
    own = content_stems(" ".join(reader.subject.words)) if reader.subject else set()
    asked, reason = part, asks_reason(part.text)
    before = not compares and asks_prior_year(part.text)
    heard: dict[str, QuestionPart] = {}  # the part as asked of each document's writer
    for (hit, start, end, text, context), similarity in zip(candidates, sims, strict=True):
        byline = hit.passage.byline
        if byline not in heard:
            heard[byline] = heard_from(asked, byline)
        part = heard[byline]
        overlap = q_stems & content_stems(text)
        fit, answering = 0.0, frozenset()
        if part.kinds:
            got = reader.figure_fit(
                part,
                text,
                context,
                f"{hit.passage.title} {hit.passage.section}",
                similarity,
                hit.passage.section,
                byline,
            )
            qualifies = got is not None
            fit, answering = got or (0.0, frozenset())
            if qualifies:
                fit += row_fit(part, text, hit.passage.text, q_stems, own, reader)
        else:
            title = f"{hit.passage.title} {hit.passage.section}"
            qualifies = reader.text_fits(part, text, overlap, similarity, title)
            if reason and not qualifies and (read := as_cause(reader, part, text, context, title)):
                qualifies, (overlap, similarity) = True, read  # "The decline reflected ..."
            # "Which tools ...?": a sentence that names some ranks before one that names none,
            # if it shares the question's topic beyond the subject ("Globex's view of Acme").
            topical = len(overlap - own) >= min(2, len(q_stems - own))
            if qualifies and topical and asks_for_names(part.text):
                place = asks_for_place(part.text)
                fit = NAMES_BONUS if reader.new_names(text, part.text, place) else 0.0
        if qualifies:  # "what was it a year ago?", "the previous forecast?"
            fit += earlier_bonus(text, answering, part.text, compares or before)
            fit += _total_bonus(part.text, text, answering)
            if expecting and outcome_beside_expectation(text, answering):
                fit += EXPECTED_BESIDE_BONUS
        # A question in the sources ("Q: Why did profit fall?") answers nothing.
        qualifies = qualifies and not _QUESTION_END.search(text)
        if qualifies and reason and gives_reason(text):
            fit += REASON_BONUS  # "why did the margin fall?": the sentence that says why
        ratio = len(overlap) / len(q_stems) if q_stems else 0.0
        scored.append(
            EvidenceSentence(
                hit, start, end, text, context, similarity, ratio, qualifies, fit, index, answering
            )
        )
    return scored


def _total_bonus(question: str, text: str, answering: frozenset[str]) -> float:
    """A sentence that states a total before its answer, where the question asks one."""
    if not answering or not _TOTAL_ASKED.search(question):
        return 0.0
    first = min((text.find(a) for a in answering if a in text), default=-1)
    return TOTAL_BONUS if first > 0 and _TOTAL_STATED.search(text[:first]) else 0.0


def _part_text(part: QuestionPart) -> str:
    """A part's words, with the measure it takes from the part before when it names none
    ("... and what was the May number?" asks it of net profit), so that its figure is picked
    by that measure and not by its place in a table row."""
    if part.focus.phrase and not measure_words(part.text):
        return f"{part.text} ({part.focus.phrase})"
    return part.text


def _asks_last_full_year(part: QuestionPart) -> bool:
    """Does the part ask a full year's figure "last year" ("for the whole of last year")?"""
    return part.focus.periods == {"FY"} and asks_prior_year(part.text)


def _in_year(part: QuestionPart, year: str) -> QuestionPart:
    # (as a fiscal year, which a year's own column, "2030A: 418.0", fits too)
    return replace(part, focus=replace(part.focus, periods=frozenset({f"FY{year}", year})))


def _latest_first(part: QuestionPart, scored: list[EvidenceSentence]) -> list[EvidenceSentence]:
    """Sentences whose figures are of an earlier year than others' rank after them."""
    fits = [s for s in scored if s.qualifies]
    late = behind_latest(part.text, [s.text for s in fits], part.focus.periods)
    late = dict(zip(map(id, fits), late, strict=True))
    return [replace(s, fit=s.fit - EARLIER_YEAR_PENALTY) if late.get(id(s)) else s for s in scored]


def select_evidence(
    question: str,
    hits: list[Hit],
    question_vector: list[float],
    sentence_embeddings: SentenceEmbeddings,
    max_evidence: int,
    *,
    profile: Any = None,
    subject: Subject | None = None,
    min_similarity: float = MIN_MEASURE_SIMILARITY,
    min_sentence_similarity: float = MIN_SENTENCE_SIMILARITY,
    quarters: dict[int, int] | None = None,
) -> Evidence:
    """Score every sentence of the retrieved passages and keep the few that answer.

    ``profile`` (a ``CorpusProfile``) or ``subject`` names whose figures the question asks
    about by default; without either, no name is read as a rival's. ``quarters``: the
    corpus's fiscal quarter of each quarter-end month, where known (``fiscal_calendar``).
    """
    subject = subject or subject_of(profile)
    candidates = split_hits(hits)
    texts_seen = [c[3] for c in candidates]
    known = known_names(texts_seen) | (subject.keys | subject.words if subject else frozenset())
    if subject is not None:
        subject = owned_names(texts_seen, subject, known)
        known |= subject.keys | subject.words
    parts = question_parts(question, subject, known)
    # "full-year EBIT last year?" of a third-quarter release: the last year reported whole.
    if any(map(_asks_last_full_year, parts)) and (done := last_full_year(texts_seen)):
        parts = [_in_year(p, str(done)) if _asks_last_full_year(p) else p for p in parts]
    focus, kinds = parts[0].focus, frozenset().union(*(p.kinds for p in parts))
    currency = currency_wanted(question)
    texts = [_part_text(p) for p in parts] if len(parts) > 1 else []
    similar = bool(hits) and max(h.dense_similarity for h in hits) >= MIN_DENSE_SIMILARITY
    if not similar and not states_measure(focus, texts_seen):
        return Evidence(
            [],
            focus,
            kinds,
            "retrieval found no relevant passage",
            currency=currency,
            parts=texts,
            missing_parts=list(texts),
        )
    vectors = sentence_embeddings.vectors([c[3] for c in candidates])
    sims = [cosine(question_vector, v) for v in vectors]
    reader = SentenceReader(
        subject, known, sentence_embeddings, currency, min_similarity, min_sentence_similarity
    )
    reader.quarters = quarters or {}
    if any(p.focus.year_back for p in parts):  # "NIM a year ago?": the year before which
        seen = {*texts_seen, *(c[4] for c in candidates), *(h.passage.title for h in hits)}
        reader.latest = latest_reported(question, list(seen))  # (a paragraph read once)
    q_stems = content_stems(plain_terms(question))  # "finance chief": "financial officer"
    # "... in yuan, and what's that in USD?": each part may ask its own currency.
    readers = [
        replace(reader, currency=currency_wanted(p.text) or currency) if len(parts) > 1 else reader
        for p in parts
    ]
    compares = compares_with_earlier(question)
    # "How did Pumps sales compare with consensus?": the outcome beside its expectation.
    asked_expected = [asks_consensus(p.focus) for p in parts]
    expecting = [any(asked_expected) and not e for e in asked_expected]
    per_part = [
        _score_part(readers[i], part, i, candidates, sims, q_stems, compares, expecting[i])
        for i, part in enumerate(parts)
    ]
    for i, part in enumerate(parts):
        score = partial(
            _score_part,
            readers[i],
            index=i,
            candidates=candidates,
            sims=sims,
            q_stems=q_stems,
            compares=compares,
            expecting=expecting[i],
        )
        parts[i], per_part[i] = read_again(part, per_part[i], score, question, len(parts))
    kinds = frozenset().union(*(p.kinds for p in parts))
    per_part = [
        extreme_first(
            p, _latest_first(p, ss) if p.kinds else ss, readers[i].currency, subject, question
        )
        for i, (p, ss) in enumerate(zip(parts, per_part, strict=True))
    ]
    # "... and how much did it change?": the part before names what "it" is.
    follows = frozenset(i for i, p in enumerate(parts) if i and not measure_words(p.text))
    chosen = choose(per_part, max_evidence, follows)
    # A sentence may answer several parts ("X fell 12%, while Y rose 9%").
    keys = {sentence_key(s) for s in chosen}
    found = {
        i
        for i, ss in enumerate(per_part)
        if any(s.qualifies and sentence_key(s) in keys for s in ss)
    }
    missing = [_part_text(p) for i, p in enumerate(parts) if i not in found and len(parts) > 1]
    if not chosen:
        reason = (
            "no evidence sentence states a figure of the kind asked for about this subject, "
            "measure and period"
            if kinds
            else "no evidence sentence is about what the question asks"
        )
        return Evidence(
            [],
            focus,
            kinds,
            reason,
            candidates=len(candidates),
            currency=currency,
            parts=texts,
            missing_parts=missing or list(texts),
        )
    return Evidence(
        chosen,
        focus,
        kinds,
        None,
        candidates=len(candidates),
        currency=currency,
        parts=texts,
        missing_parts=missing,
    )


def citation_for(n: int, sentence: EvidenceSentence) -> Citation:
    """Citation ``n`` for an evidence sentence: the exact quote and where it stands."""
    p = sentence.hit.passage
    return Citation(
        n=n,
        doc_id=p.doc_id,
        title=p.title,
        url=p.url,
        quote=sentence.text,
        passage_id=p.id,
        start=sentence.start,
        end=sentence.end,
        kind=p.kind,
        section=p.section,
    )


__all__ = [
    "Embedder",
    "Evidence",
    "EvidenceSentence",
    "SentenceEmbeddings",
    "citation_for",
    "select_evidence",
    "subject_of",
]
