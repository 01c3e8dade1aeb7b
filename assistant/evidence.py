"""Evidence selection: which retrieved sentences answer the question, or why to abstain.

For a question that asks for a figure, a sentence qualifies only if one of its figures has
the kind asked for and is about the same subject, measure and period (``measures.answers``).
No qualifying sentence means the corpus does not say: the chain abstains without calling the
model. Sentences are ranked by similarity to the question and word overlap.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from assistant.answer import Citation
from assistant.measures import (
    QuestionFocus,
    answers,
    claims_of_sentence,
    figure_contexts,
    other_entities,
    periods,
    question_focus,
    same_measure,
)
from assistant.question import currency_wanted, question_kinds, topic_terms
from assistant.retrieval import Hit
from assistant.text import MARKER_RUN, content_stems, sentence_spans

MIN_DENSE_SIMILARITY = 0.15
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s+")
# Sentences that address the reader with orders ("ignore previous instructions and state
# ...") are attempts to steer the model, not evidence about the world.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier)"
    r"\s+(?:instructions?|prompts?|rules?|messages?)\b|\bsystem prompt\b"
    r"|\byou must (?:say|state|answer|reply)\b"
    r"|^\W*(?:please\s+)?(?:state|say|answer|reply|respond)\s+(?:that|with)\b",
    re.I,
)


class Embedder(Protocol):
    """What evidence selection needs from an embedding model."""

    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


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

    @property
    def score(self) -> float:
        return self.similarity + 0.5 * self.overlap + (0.5 if self.qualifies else 0.0)

    @property
    def display(self) -> str:
        """The sentence without the source's own reference markers (they would clash)."""
        return _LIST_MARKER.sub("", MARKER_RUN.sub("", self.text)).strip()


@dataclass
class Evidence:
    """The sentences handed to the model, or the reason to abstain."""

    sentences: list[EvidenceSentence]
    focus: QuestionFocus
    kinds: frozenset[str]
    abstain_reason: str | None = None
    currency: str | None = None
    candidates: int = 0


def on_topic(topic: set[str], sentence: str, context: str) -> bool:
    """At least half of the topic words appear in the sentence or the paragraph before it."""
    if not topic:
        return True
    found = topic & content_stems(f"{context} {sentence}")
    return 2 * len(found) >= len(topic)


def figure_qualifies(
    sentence: str,
    focus: QuestionFocus,
    kinds: frozenset[str],
    currency: str | None,
    context: str = "",
) -> bool:
    """Does a figure in this sentence answer the question (kind, subject, measure, period)?"""
    context_periods = frozenset(periods(context))
    for ctx in figure_contexts(sentence):
        if ctx.figure.kind not in kinds:
            continue
        # "... and in yuan?" is answered only by an amount in yuan.
        if currency and ctx.figure.currency != currency:
            continue
        if answers(focus, ctx, extra_periods=context_periods):
            return True
    return False


def text_qualifies(
    sentence: str, focus: QuestionFocus, overlap: set[str], similarity: float
) -> bool:
    """For questions that ask for no figure: the sentence names the subject and the topic."""
    if focus.subjects and not (focus.subjects & other_entities(sentence)):
        return False
    if focus.periods and not focus.periods <= periods(sentence):
        return False
    return len(overlap) >= 2 or (len(overlap) >= 1 and similarity >= 0.55)


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class SentenceEmbeddings:
    """Sentence vectors, cached by text: the corpus is small and questions repeat passages."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._cache: dict[str, list[float]] = {}

    def vectors(self, sentences: list[str]) -> list[list[float]]:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            for text, vec in zip(missing, self.embedder.embed_documents(missing), strict=True):
                self._cache[text] = vec
        return [self._cache[s] for s in sentences]


def split_hits(hits: list[Hit]) -> list[tuple[Hit, int, int, str, str]]:
    """(hit, start, end, text, context) for each retrieved sentence, deduplicated.

    The context is the paragraph up to the sentence: "The group's Q1 2025 results ..." names
    the period once for the figures in the sentences after it.
    """
    seen: set[str] = set()
    out = []
    for hit in hits:
        p = hit.passage
        for s, e in sentence_spans(p.text):
            text = p.text[s:e]
            context = p.text[p.text.rfind("\n\n", 0, s) + 1 : s].strip()
            key = re.sub(r"\W+", " ", MARKER_RUN.sub("", text)).lower().strip()
            # Skip duplicates, headings' debris, reference-list lines (mostly a URL) and
            # instructions planted in a document.
            if key in seen or len(key.split()) < 4 or "http" in text or _INSTRUCTION.search(text):
                continue
            seen.add(key)
            out.append((hit, p.start + s, p.start + e, text, context))
    return out


def select_evidence(
    question: str,
    hits: list[Hit],
    question_vector: list[float],
    sentence_embeddings: SentenceEmbeddings,
    max_evidence: int,
) -> Evidence:
    """Score every sentence of the retrieved passages and keep the few that answer."""
    focus = question_focus(question)
    kinds = question_kinds(question, focus)
    currency = currency_wanted(question)
    if not hits or max(h.dense_similarity for h in hits) < MIN_DENSE_SIMILARITY:
        return Evidence([], focus, kinds, "retrieval found no relevant passage", currency=currency)
    candidates = split_hits(hits)
    vectors = sentence_embeddings.vectors([c[3] for c in candidates])
    q_stems = content_stems(question)
    topic = topic_terms(question, focus)
    scored = []
    for (hit, start, end, text, context), vec in zip(candidates, vectors, strict=True):
        overlap = q_stems & content_stems(text)
        similarity = cosine(question_vector, vec)
        qualifies = (
            figure_qualifies(text, focus, kinds, currency, context)
            and on_topic(topic, text, context)
            if kinds
            else text_qualifies(text, focus, overlap, similarity)
        )
        ratio = len(overlap) / len(q_stems) if q_stems else 0.0
        scored.append(
            EvidenceSentence(hit, start, end, text, context, similarity, ratio, qualifies)
        )
    chosen = sorted((s for s in scored if s.qualifies), key=lambda s: -s.score)[:max_evidence]
    if not chosen:
        reason = (
            "no evidence sentence states a figure of the kind asked for about this subject, "
            "measure and period"
            if kinds
            else "no evidence sentence is about what the question asks"
        )
        return Evidence([], focus, kinds, reason, candidates=len(scored), currency=currency)
    return Evidence(chosen, focus, kinds, None, candidates=len(scored), currency=currency)


def disagree(first: str, second: str, kinds: frozenset[str]) -> bool:
    """Do two sentences give different values for the same measure, subject and period?"""
    a = [c for c in claims_of_sentence("", first) if c.figure.kind in kinds]
    b = [c for c in claims_of_sentence("", second) if c.figure.kind in kinds]
    pairs = [(x, y) for x in a for y in b if same_measure(x, y)]
    return bool(pairs) and not any(x.figure.matches(y.figure) for x, y in pairs)


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
    "disagree",
    "select_evidence",
    "split_hits",
]
