"""Eval suites scored in worker processes, one suite at a time per worker, so that a
machine with several cores scores several suites at once (``assistant eval --jobs N``).

Each worker builds its own assistant from the suite's settings (the index must exist:
workers only read it), asks the suite's questions part by part and sends the reports back.
Reports come back in the plan's order, whatever order the workers finish in.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from assistant.config import Settings
    from assistant.evaluation import Suite
    from assistant.reports import EvalReport
    from assistant.scoring import EvalQuestion

logger = logging.getLogger(__name__)

# (suite, part, questions), as ``evaluation.run_suites`` plans them.
Plan = Sequence[tuple["Suite", str, list["EvalQuestion"]]]


def run_in_processes(
    plan: Plan,
    settings_for: Callable[[Path], Settings],
    jobs: int,
    run: dict[str, str],
    progress: Callable[[int, int], None] | None = None,
) -> list[EvalReport]:
    """Every (suite, part) of ``plan`` scored by ``jobs`` worker processes; ``run`` holds
    ``chain`` and ``llm_name``; ``progress(done, total)`` counts questions as suites finish."""
    by_suite: dict[str, list[tuple[str, list[EvalQuestion]]]] = {}
    corpora: dict[str, Path] = {}
    for suite, part, questions in plan:
        by_suite.setdefault(suite.name, []).append((part, questions))
        corpora[suite.name] = suite.corpus
    total, done = sum(len(qs) for _, _, qs in plan), 0
    scored: dict[tuple[str, str], EvalReport] = {}
    # Spawned, not forked: a forked child would inherit the parent's model threads mid-state.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        # The longest suites first, so that no worker is left with a long one at the end.
        order = sorted(by_suite, key=lambda name: -sum(len(qs) for _, qs in by_suite[name]))
        futures = {
            pool.submit(_score_suite, settings_for(corpora[name]), name, by_suite[name], run): name
            for name in order
        }
        for future in as_completed(futures):
            for report in future.result():
                scored[(report.suite, report.part)] = report
                done += report.summary["n"]
            logger.info("eval suite %s scored", futures[future])
            if progress is not None:
                progress(done, total)
    return [scored[(suite.name, part)] for suite, part, _ in plan]


def _score_suite(
    settings: Settings, name: str, parts: list[tuple[str, list[EvalQuestion]]], run: dict[str, str]
) -> list[EvalReport]:
    """In a worker: one suite's parts, asked of an assistant of its own."""
    from assistant.api import Assistant
    from assistant.evaluation import run_eval

    assistant = Assistant(settings)
    return [run_eval(qs, assistant, suite=name, part=part, **run) for part, qs in parts]


__all__ = ["run_in_processes"]
