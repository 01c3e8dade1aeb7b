"""Evaluate the assistant on a fixed question set, with deterministic scoring only.

Why no LLM judge: the assistant's promise is that every figure it states is the right one
and stands in the passage it cites. Both halves can be checked by code, with the same figure
normalisation the verifier uses (``assistant.figures``), so a score never depends on another
model's mood, costs nothing to recompute and can gate CI. Each question in
``evals/questions.yaml`` lists the figures and terms a correct answer must state and the
documents that hold them; questions the corpus cannot answer must be refused without a figure.

Metrics (see :func:`summarise`): figure and term accuracy, source hit rate, citation precision
and recall (does each cited quote hold the figures of its sentence), retrieval recall at k,
abstention accuracy, false refusal rate and latency percentiles.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.answer import Answer, Citation
from assistant.errors import EvalFileError
from assistant.figures import Figure, contains_figure, find_figures, parse_figure

__all__ = [
    "DOC_IDS",
    "QUESTION_FIELDS",
    "SUMMARY_KEYS",
    "EvalQuestion",
    "EvalReport",
    "QuestionResult",
    "check_thresholds",
    "load_questions",
    "percentile",
    "run_eval",
    "score_answer",
    "split_sentences",
    "summarise",
    "write_report",
]

logger = logging.getLogger(__name__)

DOC_IDS = ("article", "source-1", "source-2", "source-3", "source-4", "source-5")
QUESTION_FIELDS = (
    "id",
    "question",
    "answerable",
    "expected_figures",
    "expected_terms",
    "expected_sources",
)
_LIST_FIELDS = ("expected_figures", "expected_terms", "expected_sources")
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
    "latency_p50_s",
    "latency_p95_s",
)
_MAX_SUFFIX = "_max"
_ANSWER_CELL_CHARS = 300

# A citation marker: [2], [1, 3] or [1-3]; adjacent markers ([1][2]) are matched one by one.
_MARKER = re.compile(r"\[(\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*)\]")
_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d{1,3}(?:\s*[,\u2013-]\s*\d{1,3})*\])+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


# --- The question set ------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalQuestion:
    """One question of the eval set and what a correct answer must contain."""

    id: str
    question: str
    answerable: bool = True
    expected_figures: tuple[str, ...] = ()
    expected_terms: tuple[str, ...] = ()
    expected_sources: tuple[str, ...] = ()


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read and validate an eval questions file; any problem is one clear EvalFileError."""
    items = _read_yaml_list(path)
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        question = _parse_question(path, position, item)
        if question.id in seen:
            raise _question_error(path, f"'{question.id}'", "id", "duplicate id")
        seen.add(question.id)
        questions.append(question)
    logger.info("loaded %d eval questions from %s", len(questions), path)
    return questions


def _read_yaml_list(path: Path) -> list[Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalFileError(f"{path}: eval questions file not found") from None
    except OSError as exc:
        raise EvalFileError(f"{path}: cannot read eval questions file ({exc})") from exc
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        raise EvalFileError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from exc
    if not isinstance(data, list):
        got = "an empty file" if data is None else _describe(data)
        raise EvalFileError(f"{path}: the top level must be a list of questions, got {got}")
    return data


def _describe(value: Any) -> str:
    """A short name for what YAML produced: "a mapping", "a list", "the string 'x'"."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"the {type(value).__name__} {str(value)[:40]!r}"


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if mark is None:
        return " ".join(str(problem).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {' '.join(str(problem).split())}"


def _question_error(path: Path, who: str, name: str, problem: str) -> EvalFileError:
    message = f"{path}: question {who} field '{name}': {problem}"
    return EvalFileError(" ".join(message.split()))


def _parse_question(path: Path, position: int, item: Any) -> EvalQuestion:
    who = f"#{position}"
    if not isinstance(item, dict):
        message = (
            f"{path}: question {who}: must be a mapping (id, question, ...), got {_describe(item)}"
        )
        raise EvalFileError(" ".join(message.split()))
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        who = f"'{raw_id.strip()}'"

    def fail(name: str, problem: str) -> EvalFileError:
        return _question_error(path, who, name, problem)

    unknown = sorted(str(key) for key in item if key not in QUESTION_FIELDS)
    if unknown:
        allowed = ", ".join(QUESTION_FIELDS)
        raise fail(unknown[0], f"unknown field (allowed: {allowed})")
    qid = _required_text(item, "id", fail)
    text = _required_text(item, "question", fail)
    answerable = item.get("answerable", True)
    if not isinstance(answerable, bool):
        raise fail("answerable", f"must be true or false, got {answerable!r}")
    figures, terms, sources = (_string_list(item, name, fail) for name in _LIST_FIELDS)
    _check_figures(figures, fail)
    _check_sources(sources, fail)
    if answerable and not sources:
        raise fail("expected_sources", "an answerable question needs at least one source")
    if not answerable and figures:
        raise fail("expected_figures", "an unanswerable question cannot expect figures")
    return EvalQuestion(
        id=qid,
        question=text,
        answerable=answerable,
        expected_figures=figures,
        expected_terms=terms,
        expected_sources=sources,
    )


def _required_text(
    item: dict[str, Any], name: str, fail: Callable[[str, str], EvalFileError]
) -> str:
    value = item.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise fail(name, "missing or empty")
    if not isinstance(value, str):
        raise fail(name, f"must be a string, got {value!r}")
    return value.strip()


def _string_list(
    item: dict[str, Any], name: str, fail: Callable[[str, str], EvalFileError]
) -> tuple[str, ...]:
    value = item.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail(name, f"must be a list of strings, got {value!r}")
    for entry in value:
        if not isinstance(entry, str) or not entry.strip():
            raise fail(name, f"must be a list of non-empty strings, got {entry!r}")
    return tuple(entry.strip() for entry in value)


def _check_figures(figures: Iterable[str], fail: Callable[[str, str], EvalFileError]) -> None:
    for text in figures:
        try:
            parse_figure(text)
        except ValueError:
            raise fail("expected_figures", f"{text!r} is not a figure") from None


def _check_sources(sources: Iterable[str], fail: Callable[[str, str], EvalFileError]) -> None:
    for doc_id in sources:
        if doc_id not in DOC_IDS:
            raise fail(
                "expected_sources", f"unknown doc id {doc_id!r} (allowed: {', '.join(DOC_IDS)})"
            )


# --- Scoring one answer ----------------------------------------------------------------------


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
    quoted: bool = False  # the answer quotes the evidence because the model's draft failed

    @property
    def passed(self) -> bool:
        """Every check that applies hit, and every cited figure is held by its quote."""
        return self.why == ""


@dataclass(frozen=True)
class _Sentence:
    """An answer sentence: its text without markers, and the citation numbers it carries."""

    text: str
    markers: tuple[int, ...]


@dataclass
class _CitationScore:
    checks: int = 0
    ok: int = 0
    figure_sentences: int = 0
    cited: int = 0
    problems: list[str] = field(default_factory=list)


def split_sentences(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split an answer into (sentence without markers, citation numbers) pairs.

    Markers that open a piece ("... $53 billion. [1] Cloud ...") belong to the sentence
    before them.
    """
    pieces = [piece for piece in _SENTENCE_BREAK.split(text.strip()) if piece.strip()]
    raw: list[str] = []
    for piece in pieces:
        leading = _LEADING_MARKERS.match(piece)
        if leading and raw:
            raw[-1] = f"{raw[-1]} {leading.group(0).strip()}"
            piece = piece[leading.end() :]
        if piece.strip():
            raw.append(piece.strip())
    return [(_MARKER.sub("", s).strip(), _marker_numbers(s)) for s in raw]


def _marker_numbers(sentence: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for match in _MARKER.finditer(sentence):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = re.split(r"\s*[\u2013-]\s*", part)
            low, high = int(bounds[0]), int(bounds[-1])
            numbers.extend(n for n in range(low, high + 1) if n not in numbers)
    return tuple(numbers)


def _claims(text: str, premises: Sequence[Figure]) -> list[Figure]:
    """The figures ``text`` states, less those it merely echoes from the question."""
    return [f for f in find_figures(text) if not any(f.matches(p) for p in premises)]


def _score_citations(answer: Answer, premises: Sequence[Figure]) -> _CitationScore:
    """Does each citation hold the figures of the sentence that cites it?

    Only sentences that state a figure are checked: a sentence without one has nothing that
    code can verify (a marker naming no citation still fails). Figures echoed from the
    question ("in fiscal 2026") are the user's premise, not a claim, and are not required of
    the quote. A sentence citing several quotes passes each citation that holds at least one
    of its figures, provided the quotes together hold them all.
    """
    by_number: dict[int, Citation] = {c.n: c for c in answer.citations}
    score = _CitationScore()
    for text, markers in split_sentences(answer.text):
        sentence = _Sentence(text, markers)
        figures = _claims(sentence.text, premises)
        if figures:
            _score_figure_sentence(sentence, figures, by_number, score)
            continue
        dangling = [n for n in markers if n not in by_number]
        score.checks += len(dangling)
        score.problems += [f"citation [{n}] does not exist" for n in dangling]
    return score


def _score_figure_sentence(
    sentence: _Sentence,
    figures: list[Figure],
    by_number: dict[int, Citation],
    score: _CitationScore,
) -> None:
    score.figure_sentences += 1
    quotes = {n: by_number[n].quote for n in sentence.markers if n in by_number}
    held = {
        n: [i for i, f in enumerate(figures) if contains_figure(q, f)] for n, q in quotes.items()
    }
    together = all(any(i in found for found in held.values()) for i in range(len(figures)))
    if held and together:
        score.cited += 1
    elif not sentence.markers:
        score.problems.append(f"uncited figure {figures[0].text}")
    for n in sentence.markers:
        score.checks += 1
        if n not in held:
            score.problems.append(f"citation [{n}] does not exist")
        elif held[n] and together:
            score.ok += 1
        else:
            missing = next(f.text for i, f in enumerate(figures) if i not in held[n])
            score.problems.append(f"citation [{n}] quote lacks {missing}")


def score_answer(q: EvalQuestion, answer: Answer, latency_s: float) -> QuestionResult:
    """Score one answer against its question. Deterministic: no model is involved."""
    premises = find_figures(q.question)
    stated = find_figures(answer.text)
    cited_docs = list(dict.fromkeys(c.doc_id for c in answer.citations))
    citations = _score_citations(answer, premises)
    result = QuestionResult(
        id=q.id,
        question=q.question,
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
    )
    reasons: list[str] = []
    if q.answerable:
        reasons += _score_answerable(q, answer, stated, cited_docs, result)
    else:
        claimed = _claims(answer.text, premises)
        result.abstention_ok = answer.abstained and not claimed
        if claimed:
            reasons.append("stated a figure on an unanswerable question")
        elif not answer.abstained:
            reasons.append("did not abstain")
    reasons += citations.problems
    result.why = "; ".join(dict.fromkeys(reasons))
    return result


def _score_answerable(
    q: EvalQuestion,
    answer: Answer,
    stated: list[Figure],
    cited_docs: list[str],
    result: QuestionResult,
) -> list[str]:
    missing_figures = [
        text
        for text in q.expected_figures
        if not any(f.matches(parse_figure(text)) for f in stated)
    ]
    lowered = answer.text.lower()
    missing_terms = [term for term in q.expected_terms if term.lower() not in lowered]
    if q.expected_figures:
        result.figures_hit = not missing_figures
    if q.expected_terms:
        result.terms_hit = not missing_terms
    result.source_hit = any(doc in q.expected_sources for doc in cited_docs)
    result.retrieval_hit = any(doc in q.expected_sources for doc in answer.retrieved_docs)

    if answer.abstained:
        return ["abstained"]
    reasons: list[str] = []
    if missing_figures:
        reasons.append(f"missing figure {', '.join(missing_figures)}")
    if missing_terms:
        reasons.append(f"missing term {', '.join(missing_terms)}")
    if not result.source_hit:
        cited = ", ".join(cited_docs) or "none"
        reasons.append(f"no expected source cited (cited: {cited})")
    if not result.retrieval_hit:
        reasons.append("no expected source retrieved")
    return reasons


# --- Summary and thresholds -----------------------------------------------------------------


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
    """The headline metrics; rates with nothing to measure are 1.0 (false refusals 0.0)."""
    answerable = [r for r in results if r.answerable]
    latencies = [r.latency_s for r in results]
    summary: dict[str, float | int] = {
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
        "latency_p50_s": round(percentile(latencies, 50), 3),
        "latency_p95_s": round(percentile(latencies, 95), 3),
    }
    return summary


def check_thresholds(summary: dict[str, Any], thresholds_path: Path) -> list[str]:
    """Compare a summary with the thresholds file; one message per failure, [] when all pass.

    Keys ending in ``_max`` are maxima for the metric without the suffix; others are minima.
    """
    limits = _read_thresholds(thresholds_path)
    failures: list[str] = []
    for key, limit in limits.items():
        is_max = key.endswith(_MAX_SUFFIX)
        metric = key[: -len(_MAX_SUFFIX)] if is_max else key
        if metric not in summary:
            failures.append(f"{key}: the summary has no metric '{metric}'")
            continue
        value = float(summary[metric])
        if is_max and value > limit:
            failures.append(f"{metric} {value:.3f} is above the maximum {limit:.3f}")
        elif not is_max and value < limit:
            failures.append(f"{metric} {value:.3f} is below the minimum {limit:.3f}")
    return failures


def _read_thresholds(path: Path) -> dict[str, float]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalFileError(f"{path}: thresholds file not found") from None
    except yaml.YAMLError as exc:
        raise EvalFileError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from exc
    if not isinstance(data, dict):
        raise EvalFileError(f"{path}: must be a mapping of metric name to number")
    limits: dict[str, float] = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EvalFileError(f"{path}: threshold '{key}' must be a number, got {value!r}")
        limits[str(key)] = float(value)
    return limits


# --- Running and reporting ------------------------------------------------------------------


@dataclass
class EvalReport:
    """A scored run: the summary, one result per question, and what produced it."""

    summary: dict[str, float | int]
    results: list[QuestionResult]
    chain: str
    llm: str
    created_at: str

    def to_json(self) -> str:
        payload = {
            "chain": self.chain,
            "llm": self.llm,
            "created_at": self.created_at,
            "summary": self.summary,
            "results": [{**asdict(r), "passed": r.passed} for r in self.results],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        lines = [
            f"# Eval report: chain `{self.chain}`, LLM `{self.llm}`, {self.created_at}",
            "",
            "| metric | value |",
            "| --- | --- |",
            *(f"| {key} | {value} |" for key, value in self.summary.items()),
            "",
            _quoted_line(self.results),
            "",
            "| id | question | answer | expected | result | citations | latency (s) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *(_markdown_row(r) for r in self.results),
        ]
        return "\n".join(lines) + "\n"


def _quoted_line(results: list[QuestionResult]) -> str:
    """How often the model's own draft survived verification (the rest quote the evidence)."""
    answered = [r for r in results if not r.abstained]
    quoted = sum(r.quoted for r in answered)
    return (
        f"Of {len(answered)} answers (abstentions aside), {len(answered) - quoted} use the "
        f"model's verified draft and {quoted} quote the evidence verbatim."
    )


def _cell(text: str, limit: int | None = None) -> str:
    flat = " ".join(text.split()).replace("|", "\\|")
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


def _expected_cell(r: QuestionResult) -> str:
    if not r.answerable:
        return "abstain"
    parts = [
        f"{label}: {', '.join(values)}"
        for label, values in (
            ("figures", r.expected_figures),
            ("terms", r.expected_terms),
            ("sources", r.expected_sources),
        )
        if values
    ]
    return "; ".join(parts)


def _markdown_row(r: QuestionResult) -> str:
    verdict = "✅ hit" if r.passed else f"❌ miss: {r.why}"
    docs = ", ".join(dict.fromkeys(c["doc_id"] for c in r.citations)) or "none"
    cells = [
        _cell(r.id),
        _cell(r.question),
        _cell(r.answer_text, _ANSWER_CELL_CHARS),
        _cell(_expected_cell(r)),
        _cell(verdict),
        _cell(docs),
        f"{r.latency_s:.2f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def run_eval(
    questions: list[EvalQuestion],
    ask: Callable[[str], Answer],
    *,
    chain: str = "verified",
    llm: str = "local",
    progress: Callable[[int, int], None] | None = None,
) -> EvalReport:
    """Ask every question in turn, score each answer and summarise."""
    results: list[QuestionResult] = []
    total = len(questions)
    for done, q in enumerate(questions, start=1):
        started = time.perf_counter()
        answer = ask(q.question)
        latency = time.perf_counter() - started
        result = score_answer(q, answer, latency)
        logger.info("eval %d/%d %s: %s (%.2fs)", done, total, q.id, result.why or "hit", latency)
        results.append(result)
        if progress is not None:
            progress(done, total)
    return EvalReport(
        summary=summarise(results), results=results, chain=chain, llm=llm, created_at=_utc_now()
    )


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stamp(created_at: str) -> str:
    """A file-name-safe UTC timestamp from an ISO time: 2025-08-29T10:00:00Z -> 20250829T100000Z."""
    try:
        moment = dt.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def write_report(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    """Write eval-<chain>-<UTC time>.json/.md and latest-<chain>.json/.md; return the first two."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"eval-{report.chain}-{_stamp(report.created_at)}"
    json_text, markdown = report.to_json(), report.to_markdown()
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    for path, text in (
        (json_path, json_text),
        (md_path, markdown),
        (out_dir / f"latest-{report.chain}.json", json_text),
        (out_dir / f"latest-{report.chain}.md", markdown),
    ):
        _atomic_write(path, text)
    logger.info("eval report written to %s and %s", json_path, md_path)
    return json_path, md_path
