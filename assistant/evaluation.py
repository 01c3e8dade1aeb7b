"""Evaluate the assistant on question sets: read them, ask them, gate on thresholds.

Eval files are YAML lists of questions (see ``evals/questions.yaml``); an item may hold a
conversation (``turns``) whose last answer is scored, or a ``false_premise`` question whose
answer must correct it. ``evals/suites.yaml`` lists one suite per corpus, each with a ``dev``
part (tuned on) and a held-out ``test`` part (only scored); :func:`run_suites` runs them and
returns one :class:`~assistant.reports.EvalReport` per suite and part.

This module owns the runners (with ``jobs``, suites are scored in worker processes:
``eval_jobs.py``). Question and suite files are read in ``eval_files.py``, scoring lives in
``scoring.py``, reports and :func:`check_thresholds` in ``reports.py`` (all re-exported here).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.answer import Answer
from assistant.errors import EvalFileError
from assistant.eval_files import (
    OPTIONAL_PARTS,
    PARTS,
    QUESTION_FIELDS,
    Suite,
    corpus_doc_ids,
    default_questions,
    load_questions,
    load_suites,
)
from assistant.eval_jobs import run_in_processes
from assistant.reports import (
    EvalReport,
    check_thresholds,
    utc_now,
    write_report,
    write_suite_reports,
)
from assistant.scoring import SUMMARY_KEYS, EvalQuestion, QuestionResult, score_answer, summarise

__all__ = [
    "OPTIONAL_PARTS",
    "PARTS",
    "QUESTION_FIELDS",
    "SUMMARY_KEYS",
    "EvalQuestion",
    "EvalReport",
    "QuestionResult",
    "Suite",
    "check_thresholds",
    "corpus_doc_ids",
    "default_questions",
    "load_questions",
    "load_suites",
    "run_eval",
    "run_suites",
    "write_report",
    "write_suite_reports",
]

if TYPE_CHECKING:
    from assistant.config import Settings

logger = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


class AssistantLike(Protocol):
    """What the runner needs of an assistant (``assistant.Assistant`` or a test fake)."""

    def ask(self, question: str, *, chain: str = "verified") -> Answer: ...

    def conversation(self) -> Any: ...  # has ask(question) -> Answer


# --- Running ---------------------------------------------------------------------------------


def _ask(q: EvalQuestion, assistant: AssistantLike, chain: str) -> tuple[Answer, float]:
    """The answer to ``q`` and its latency: one question, or the last turn of a conversation
    whose earlier turns are asked first, in order."""
    if not q.turns:
        started = time.perf_counter()
        answer = assistant.ask(q.question, chain=chain)
        return answer, time.perf_counter() - started
    conversation = assistant.conversation()
    # Conversations follow the assistant's default chain unless another one is asked for.
    extra: dict[str, Any] = {} if chain == "verified" else {"chain": chain}
    for turn in q.turns[:-1]:
        conversation.ask(turn, **extra)
    started = time.perf_counter()
    answer = conversation.ask(q.turns[-1], **extra)
    return answer, time.perf_counter() - started


def run_eval(
    questions: list[EvalQuestion],
    assistant: AssistantLike,
    *,
    chain: str = "verified",
    llm_name: str = "local",
    progress: Progress | None = None,
    suite: str = "",
    part: str = "",
) -> EvalReport:
    """Ask every question in turn (conversations through ``assistant.conversation()``),
    score each last answer and summarise. Latency is that of the scored (last) turn.

    ``assistant``: anything with ``ask(question, chain=...)`` and ``conversation()``.
    """
    results: list[QuestionResult] = []
    total = len(questions)
    for done, q in enumerate(questions, start=1):
        answer, latency = _ask(q, assistant, chain)
        result = score_answer(q, answer, latency)
        line = f"{suite or '-'} {done}/{total} {q.id}: {result.why or 'hit'} ({latency:.2f}s)"
        logger.info("eval %s", line)
        results.append(result)
        if progress is not None:
            progress(done, total)
    return EvalReport(summarise(results), results, chain, llm_name, utc_now(), suite, part)


def run_suites(
    suites_file: Path,
    *,
    parts: Iterable[str] = PARTS,
    make_assistant: Callable[[Path], AssistantLike],
    chain: str = "verified",
    llm_name: str = "local",
    progress: Progress | None = None,
    root: Path | None = None,
    settings_for: Callable[[Path], Settings] | None = None,
    jobs: int = 1,
) -> list[EvalReport]:
    """Run the chosen parts of every suite; one report per suite and part, in file order.

    ``make_assistant(corpus_dir)`` gives the assistant for a suite's corpus (built once per
    suite). ``progress(done, total)`` counts questions over all suites and parts. With
    ``jobs`` > 1 and ``settings_for(corpus_dir)``, ``jobs`` worker processes score the
    suites, each building its own assistant from those settings (the indexes must exist).
    """
    wanted = tuple(parts)
    known = (*PARTS, *OPTIONAL_PARTS)
    bad = [p for p in wanted if p not in known]
    if bad:
        raise EvalFileError(f"unknown eval part {bad[0]!r} — choose from {', '.join(known)}")
    suites = load_suites(suites_file, root=root)
    plan = [
        (suite, part, load_questions(suite.parts[part], doc_ids=corpus_doc_ids(suite.corpus)))
        for suite in suites
        for part in wanted
        if part in suite.parts  # an optional part a suite does not have is skipped
    ]
    if jobs > 1 and settings_for is not None:
        run = {"chain": chain, "llm_name": llm_name}
        return run_in_processes(plan, settings_for, jobs, run, progress)
    total, offset = sum(len(qs) for _, _, qs in plan), 0
    reports: list[EvalReport] = []
    assistants: dict[str, AssistantLike] = {}
    for suite, part, questions in plan:
        if suite.name not in assistants:
            assistants[suite.name] = make_assistant(suite.corpus)
        logger.info("eval suite %s, %s part: %d questions", suite.name, part, len(questions))

        def step(done: int, _total: int, base: int = offset) -> None:
            if progress is not None:
                progress(base + done, total)

        run = {"chain": chain, "llm_name": llm_name, "suite": suite.name, "part": part}
        reports.append(run_eval(questions, assistants[suite.name], progress=step, **run))
        offset += len(questions)
    return reports
