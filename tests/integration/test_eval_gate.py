"""The CI gate: the whole eval suite with the bundled model on a fresh index must meet
``evals/thresholds.yaml``; the naive baseline shows what the checks buy.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.api import Assistant
from assistant.config import Settings
from assistant.evaluation import EvalReport, check_thresholds, load_questions

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "evals" / "questions.yaml"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"
NAIVE_QUESTIONS = 5  # unanswerable questions asked of the slow naive baseline
SUMMARY_KEYS = {
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
}


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(
        index_dir=tmp_path_factory.mktemp("index"),
        reports_dir=tmp_path_factory.mktemp("reports"),
        _env_file=None,
    )
    return Assistant(settings)  # the index is built on first use, from nothing


@pytest.fixture(scope="module")
def verified_report(assistant: Assistant) -> EvalReport:
    return assistant.evaluate()


@pytest.fixture(scope="module")
def unanswerable_questions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The suite's first few unanswerable questions, in file order.

    Only unanswerable questions count towards abstention_accuracy. The naive chain stuffs
    whole passages into the prompt and writes long drafts, many times slower than the
    verified chain, so the baseline runs on a handful of them to keep the gate quick.
    """
    subset = [
        {"id": q.id, "question": q.question, "answerable": False}
        for q in load_questions(QUESTIONS)
        if not q.answerable
    ][:NAIVE_QUESTIONS]
    assert subset, "the eval suite has no unanswerable questions"
    path = tmp_path_factory.mktemp("evals") / "unanswerable.yaml"
    path.write_text(yaml.safe_dump(subset, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def naive_report(assistant: Assistant, unanswerable_questions: Path) -> EvalReport:
    return assistant.evaluate(unanswerable_questions, chain="naive")


def misses(report: EvalReport) -> str:
    lines = [
        f"  {r.id}: {r.why}\n    answer: {r.answer_text[:300]}"
        for r in report.results
        if not r.passed
    ]
    return "\n".join(lines) or "  (none)"


def test_summary_has_exactly_the_documented_keys(verified_report: EvalReport) -> None:
    summary = verified_report.summary
    assert set(summary) == SUMMARY_KEYS
    assert summary["n"] == len(load_questions(QUESTIONS)) == len(verified_report.results)
    for key in SUMMARY_KEYS - {"n", "latency_p50_s", "latency_p95_s"}:
        assert 0.0 <= summary[key] <= 1.0, (key, summary[key])
    assert 0 <= summary["latency_p50_s"] <= summary["latency_p95_s"]


def test_verified_chain_meets_the_thresholds(verified_report: EvalReport) -> None:
    failures = check_thresholds(verified_report.summary, THRESHOLDS)
    assert failures == [], (
        "eval gate failed:\n  " + "\n  ".join(failures)
        + f"\nsummary: {verified_report.summary}\nper-question misses:\n{misses(verified_report)}"
    )


def test_naive_baseline_abstains_worse_than_the_verified_chain(
    verified_report: EvalReport, naive_report: EvalReport
) -> None:
    assert naive_report.chain == "naive"
    assert set(naive_report.summary) == SUMMARY_KEYS
    asked = {r.id for r in naive_report.results}
    assert len(asked) == NAIVE_QUESTIONS and not any(r.answerable for r in naive_report.results)
    naive = naive_report.summary["abstention_accuracy"]
    verified = verified_report.summary["abstention_accuracy"]
    same = [r.abstention_ok for r in verified_report.results if r.id in asked]
    verified_same = sum(bool(ok) for ok in same) / len(same)
    assert naive < verified and naive < verified_same, (
        f"naive abstention_accuracy {naive} is not below verified {verified} "
        f"({verified_same:.3f} on the same questions)\nnaive misses:\n{misses(naive_report)}"
    )
