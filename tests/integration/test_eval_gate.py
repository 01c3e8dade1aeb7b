"""The CI gate, on the real assistant (bundled model, real index built in a temporary folder,
each corpus read from its real folder):

- the held-out TEST part of every suite in ``evals/suites.yaml`` must hold its floors
  (``evals/floors/<suite>.yaml``: its measured scores, only ever raised); its gap to the
  targets in ``evals/thresholds.yaml`` is printed;
- the REGRESSION part (the questions the first rules were tuned on) must meet
  ``evals/thresholds.yaml``.

The naive baseline, on a few unanswerable test questions, shows what the checks buy.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assistant.api import Assistant
from assistant.evaluation import (
    EvalReport,
    check_thresholds,
    load_questions,
    load_suites,
    run_eval,
    run_suites,
)
from assistant.scoring import SUMMARY_KEYS

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SUITES = ROOT / "evals" / "suites.yaml"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"
FLOORS = ROOT / "evals" / "floors"
GATE_JOBS = min(2, os.cpu_count() or 1)
NAIVE_QUESTIONS = 5  # unanswerable questions asked of the slow naive baseline
RATES = set(SUMMARY_KEYS) - {"n", "latency_p50_s", "latency_p95_s", "first_text_p50_s"}


@pytest.fixture(scope="module")
def assistants(
    shipped_assistant: Assistant,
    sainsbury_assistant: Assistant,
    velmora_assistant: Assistant,
    harbourline_assistant: Assistant,
    corvane_assistant: Assistant,
    kitamura_assistant: Assistant,
    thornbury_assistant: Assistant,
    brenmoor_assistant: Assistant,
    skelwith_assistant: Assistant,
) -> dict[Path, Assistant]:
    """The session's real assistants, by the corpus folder each one reads."""
    every = (
        shipped_assistant,
        sainsbury_assistant,
        velmora_assistant,
        harbourline_assistant,
        corvane_assistant,
        kitamura_assistant,
        thornbury_assistant,
        brenmoor_assistant,
        skelwith_assistant,
    )
    return {Path(a.settings.corpus_dir).resolve(): a for a in every}


@pytest.fixture(scope="module")
def test_reports(assistants: dict[Path, Assistant]) -> list[EvalReport]:
    def make(corpus_dir: Path) -> Assistant:
        return assistants[Path(corpus_dir).resolve()]

    # Scored by worker processes, each with an assistant of its own on the session's indexes
    # (the same path as `assistant eval --jobs N`), two at a time where the machine has cores.
    return run_suites(
        SUITES,
        parts=("regression", "test"),
        make_assistant=make,
        llm_name="bundled",
        settings_for=lambda corpus_dir: make(corpus_dir).settings,
        jobs=GATE_JOBS,
    )


def _part(reports: list[EvalReport], suite: str, part: str) -> EvalReport:
    return next(r for r in reports if r.suite == suite and r.part == part)


def misses(report: EvalReport) -> str:
    lines = [
        f"  {r.id}: {r.why}\n    answer: {r.answer_text[:300]}"
        for r in report.results
        if not r.passed
    ]
    return "\n".join(lines) or "  (none)"


def test_every_suite_test_part_is_scored(test_reports: list[EvalReport]) -> None:
    suites = load_suites(SUITES)
    tests = [r for r in test_reports if r.part == "test"]
    assert [r.suite for r in tests] == [s.name for s in suites]
    for report, suite in zip(tests, suites, strict=True):
        assert set(report.summary) == set(SUMMARY_KEYS)
        assert report.summary["n"] == len(load_questions(suite.parts["test"]))
        assert report.summary["n"] == len(report.results)
        for key in RATES:
            assert 0.0 <= report.summary[key] <= 1.0, (report.label, key, report.summary[key])
        assert 0 <= report.summary["latency_p50_s"] <= report.summary["latency_p95_s"]
        # Conversations were asked turn by turn and scored on their last answer.
        conversations = [r for r in report.results if r.turns]
        assert conversations and all(r.question == r.turns[-1] for r in conversations)


@pytest.mark.parametrize("suite", [s.name for s in load_suites(SUITES)])
def test_test_part_holds_its_floors(test_reports: list[EvalReport], suite: str) -> None:
    report = _part(test_reports, suite, "test")
    gap = check_thresholds(report.summary, THRESHOLDS)
    print(f"{report.label}: gap to the targets in {THRESHOLDS.name}: {gap or 'none'}")
    failures = check_thresholds(report.summary, FLOORS / f"{suite}.yaml")
    assert failures == [], (
        f"eval gate failed on {report.label}:\n  "
        + "\n  ".join(failures)
        + f"\nsummary: {report.summary}\nper-question misses:\n{misses(report)}"
    )


@pytest.mark.parametrize("suite", [s.name for s in load_suites(SUITES) if "regression" in s.parts])
def test_regression_part_meets_the_thresholds(test_reports: list[EvalReport], suite: str) -> None:
    report = _part(test_reports, suite, "regression")
    failures = check_thresholds(report.summary, THRESHOLDS)
    assert failures == [], (
        f"eval gate failed on {report.label}:\n  "
        + "\n  ".join(failures)
        + f"\nsummary: {report.summary}\nper-question misses:\n{misses(report)}"
    )


def test_naive_baseline_abstains_worse_than_the_verified_chain(
    test_reports: list[EvalReport], shipped_assistant: Assistant
) -> None:
    """Only unanswerable questions count towards abstention; the naive chain stuffs whole
    passages into the prompt and is many times slower, so it runs on a handful of them."""
    shipped = load_suites(SUITES)[0]
    subset = [q for q in load_questions(shipped.parts["test"]) if not q.answerable and not q.turns][
        :NAIVE_QUESTIONS
    ]
    assert len(subset) == NAIVE_QUESTIONS
    naive = run_eval(subset, shipped_assistant, chain="naive", llm_name="bundled")
    verified = _part(test_reports, shipped.name, "test")
    asked = {q.id for q in subset}
    same = [r.abstention_ok for r in verified.results if r.id in asked]
    verified_same = sum(bool(ok) for ok in same) / len(same)
    assert naive.summary["abstention_accuracy"] < verified_same, (
        f"naive abstention_accuracy {naive.summary['abstention_accuracy']} is not below "
        f"verified {verified_same:.3f} on the same questions\nnaive misses:\n{misses(naive)}"
    )
