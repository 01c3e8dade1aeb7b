"""Deterministic scoring of one answer, and the summary metrics of a run.

Why no LLM judge: the assistant's promise is that every figure it states is the right one and
stands in the passage it cites. Both halves can be checked by code, with the same figure
normalisation the verifier uses (``assistant.figures``), so a score never depends on another
model's mood, costs nothing to recompute and can gate CI.

This module owns :class:`EvalQuestion` (what a correct answer must hold), :func:`score_answer`
(one :class:`QuestionResult` per answer) and :func:`summarise` (the headline metrics named in
:data:`SUMMARY_KEYS`). Reading question files lives in ``evaluation.py``, reports in
``reports.py``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answer import Answer
from assistant.citation_scoring import (
    answer_sentences,
    claims,
    figure_stated,
    score_citations,
)
from assistant.figures import find_figures, parse_figure

__all__ = [
    "SUMMARY_KEYS",
    "EvalQuestion",
    "QuestionResult",
    "answer_sentences",
    "figure_stated",
    "percentile",
    "score_answer",
    "summarise",
]

SUMMARY_KEYS = (
    "n",
    "figure_accuracy",
    "term_accuracy",
    "source_hit_rate",
    "citation_precision",
    "citation_recall",
    "retrieval_recall_at_k",
    "abstention_accuracy",
    "false_refusal_rate",
    "premise_accuracy",
    "premise_false_alarm_rate",
    "direct_rate",
    "model_words_share",
    "latency_p50_s",
    "latency_p95_s",
    "first_text_p50_s",
)


@dataclass(frozen=True)
class EvalQuestion:
    """One eval item and what a correct answer to it (its last turn) must contain.

    ``turns`` holds a conversation (asked in order through ``Assistant.conversation()``);
    a single question is ``(question,)``. ``false_premise`` marks a question that asserts
    something the corpus contradicts: the answer must say so (``Answer.premise``).
    """

    id: str
    question: str
    answerable: bool = True
    expected_figures: tuple[str, ...] = ()
    expected_terms: tuple[str, ...] = ()
    expected_sources: tuple[str, ...] = ()
    turns: tuple[str, ...] = ()
    false_premise: bool = False

    @property
    def asked(self) -> tuple[str, ...]:
        """What is put to the assistant, in order: the turns, or the one question."""
        return self.turns or (self.question,)


@dataclass
class QuestionResult:
    """How one answer scored. A ``None`` hit means the check does not apply to the question."""

    id: str
    question: str
    answerable: bool
    answer_text: str
    abstained: bool
    citations: list[dict[str, Any]]
    expected_figures: list[str]
    expected_terms: list[str]
    expected_sources: list[str]
    figures_hit: bool | None
    terms_hit: bool | None
    source_hit: bool | None
    retrieval_hit: bool | None
    abstention_ok: bool | None
    citation_checks: int
    citation_ok: int
    figure_sentences: int
    figure_sentences_cited: int
    latency_s: float
    why: str = ""
    quoted: bool = False  # the supporting text quotes the evidence verbatim
    turns: list[str] = field(default_factory=list)
    false_premise: bool = False
    premise: str | None = None  # what the answer said did not hold in the question
    premise_hit: bool | None = None
    direct: str = ""
    model_words: bool = False
    first_text_s: float | None = None

    @property
    def passed(self) -> bool:
        """Every check that applies hit, and every cited figure is held by its quote."""
        return self.why == ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> QuestionResult:
        """The inverse of ``dataclasses.asdict`` (extra keys such as ``passed`` ignored)."""
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})


def score_answer(q: EvalQuestion, answer: Answer, latency_s: float) -> QuestionResult:
    """Score the answer to ``q`` (to its last turn). Deterministic: no model is involved."""
    asked = q.asked[-1]
    premises = find_figures(asked)
    citations = score_citations(answer, premises)
    first = answer.timings.get("first_sentence_s")
    result = QuestionResult(
        id=q.id,
        question=asked,
        answerable=q.answerable,
        answer_text=answer.text,
        abstained=answer.abstained,
        citations=[{"n": c.n, "doc_id": c.doc_id, "quote": c.quote} for c in answer.citations],
        expected_figures=list(q.expected_figures),
        expected_terms=list(q.expected_terms),
        expected_sources=list(q.expected_sources),
        figures_hit=None,
        terms_hit=None,
        source_hit=None,
        retrieval_hit=None,
        abstention_ok=None,
        citation_checks=citations.checks,
        citation_ok=citations.ok,
        figure_sentences=citations.figure_sentences,
        figure_sentences_cited=citations.cited,
        latency_s=round(latency_s, 3),
        quoted=answer.quoted,
        turns=list(q.turns),
        false_premise=q.false_premise,
        premise=answer.premise,
        direct=answer.direct,
        model_words=answer.model_words,
        first_text_s=None if first is None else round(float(first), 3),
    )
    reasons: list[str] = []
    if q.answerable:
        reasons += _score_answerable(q, answer, result)
    else:
        # Years and durations are no answer; any other figure on a refusal is one.
        claimed = [
            f
            for f in claims(answer.text, premises)
            if f.kind != "year" and getattr(f, "is_claim", True)
        ]
        result.abstention_ok = answer.abstained and not claimed
        if claimed:
            reasons.append("stated a figure on an unanswerable question")
        elif not answer.abstained:
            reasons.append("did not abstain")
    reasons += citations.problems
    result.why = "; ".join(dict.fromkeys(reasons))
    return result


def _score_answerable(q: EvalQuestion, answer: Answer, result: QuestionResult) -> list[str]:
    """Figures (all of them: two asked, one given is a miss), terms, sources, premise."""
    stated = find_figures(answer.text)
    missing_figures = [
        text for text in q.expected_figures if not figure_stated(parse_figure(text), stated)
    ]
    # A premise correction may live only in Answer.premise; its words count for the terms.
    said = f"{answer.text}\n{answer.premise or ''}".lower()
    missing_terms = [term for term in q.expected_terms if term.lower() not in said]
    cited_docs = list(dict.fromkeys(c.doc_id for c in answer.citations))
    if q.expected_figures:
        result.figures_hit = not missing_figures
    if q.expected_terms:
        result.terms_hit = not missing_terms
    result.source_hit = any(doc in q.expected_sources for doc in cited_docs)
    result.retrieval_hit = any(doc in q.expected_sources for doc in answer.retrieved_docs)
    if q.false_premise:
        result.premise_hit = answer.premise is not None

    if answer.abstained:
        return ["abstained"]
    reasons: list[str] = []
    if missing_figures:
        reasons.append(f"missing figure {', '.join(missing_figures)}")
    if missing_terms:
        reasons.append(f"missing term {', '.join(missing_terms)}")
    if not result.source_hit:
        reasons.append(f"no expected source cited (cited: {', '.join(cited_docs) or 'none'})")
    if not result.retrieval_hit:
        reasons.append("no expected source retrieved")
    if result.premise_hit is False:
        reasons.append("false premise not corrected")
    if not q.false_premise and answer.premise:
        reasons.append("corrected a premise the question did not get wrong")
    return reasons


# --- Summary ---------------------------------------------------------------------------------


def _rate(flags: Iterable[bool | None], empty: float = 1.0) -> float:
    applicable = [flag for flag in flags if flag is not None]
    if not applicable:
        return empty
    return round(sum(applicable) / len(applicable), 3)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 1.0


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values): the smallest value with pct% at or below it."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summarise(results: list[QuestionResult]) -> dict[str, float | int]:
    """The headline metrics, keyed as :data:`SUMMARY_KEYS`.

    Rates with nothing to measure are 1.0 (false refusals, premise false alarms, direct rate
    and model-words share 0.0). ``premise_false_alarm_rate``: answerable questions without a
    false premise whose answer still "corrects" one. ``direct_rate`` and ``model_words_share``
    are over answered (not abstained) questions; ``first_text_p50_s`` over answers that report
    a first-sentence time.
    """
    answerable = [r for r in results if r.answerable]
    answered = [r for r in results if not r.abstained]
    latencies = [r.latency_s for r in results]
    first_text = [r.first_text_s for r in results if r.first_text_s is not None]
    return {
        "n": len(results),
        "figure_accuracy": _rate(r.figures_hit for r in answerable),
        "term_accuracy": _rate(r.terms_hit for r in answerable),
        "source_hit_rate": _rate(r.source_hit for r in answerable),
        "citation_precision": _ratio(
            sum(r.citation_ok for r in results), sum(r.citation_checks for r in results)
        ),
        "citation_recall": _ratio(
            sum(r.figure_sentences_cited for r in results),
            sum(r.figure_sentences for r in results),
        ),
        "retrieval_recall_at_k": _rate(r.retrieval_hit for r in answerable),
        "abstention_accuracy": _rate(r.abstention_ok for r in results if not r.answerable),
        "false_refusal_rate": _rate((r.abstained for r in answerable), empty=0.0),
        "premise_accuracy": _rate(r.premise_hit for r in answerable),
        "premise_false_alarm_rate": _rate(
            (r.premise is not None for r in answerable if not r.false_premise), empty=0.0
        ),
        "direct_rate": _rate((bool(r.direct.strip()) for r in answered), empty=0.0),
        "model_words_share": _rate((r.model_words for r in answered), empty=0.0),
        "latency_p50_s": round(percentile(latencies, 50), 3),
        "latency_p95_s": round(percentile(latencies, 95), 3),
        "first_text_p50_s": round(percentile(first_text, 50), 3),
    }
