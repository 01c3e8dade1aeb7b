"""The eval tab's pure views: reports are read back with ``EvalReport.from_json`` from the
files ``write_report`` writes (one per chain, suite and part); broken files are skipped."""

from __future__ import annotations

from pathlib import Path

from assistant.evaluation import EvalReport, QuestionResult, write_report
from assistant.ui.evals import (
    chart_frame,
    eval_status,
    is_rate,
    read_reports,
    results_frame,
    summary_frame,
)


def result(qid: str, why: str = "", latency: float = 1.0) -> QuestionResult:
    return QuestionResult(
        id=qid,
        question=f"Question {qid}?",
        answerable=True,
        answer_text="",
        abstained=False,
        citations=[],
        expected_figures=[],
        expected_terms=[],
        expected_sources=[],
        figures_hit=None,
        terms_hit=None,
        source_hit=None,
        retrieval_hit=None,
        abstention_ok=None,
        citation_checks=0,
        citation_ok=0,
        figure_sentences=0,
        figure_sentences_cited=0,
        latency_s=latency,
        why=why,
    )


def report(chain: str, accuracy: float, suite: str = "", part: str = "") -> EvalReport:
    return EvalReport(
        summary={"n": 2, "figure_accuracy": accuracy, "latency_p50_s": 1.5},
        results=[result("q1"), result("q2", "figure missing", 2.0)],
        chain=chain,
        llm="test",
        created_at="2026-11-30T10:00:00Z",
        suite=suite,
        part=part,
    )


def test_reports_round_trip_through_from_json(tmp_path: Path) -> None:
    write_report(report("verified", 0.9), tmp_path)
    write_report(report("naive", 0.5), tmp_path)
    write_report(report("verified", 0.8, "shipped", "test"), tmp_path)
    (tmp_path / "latest-broken.json").write_text("{not json", encoding="utf-8")
    reports = read_reports(tmp_path)
    assert set(reports) == {"verified", "naive", "shipped-test-verified"}
    assert reports["shipped-test-verified"].summary["figure_accuracy"] == 0.8

    summary = summary_frame(reports)
    assert list(summary.columns) == ["metric", *reports]
    chart = chart_frame(reports)
    assert set(chart["metric"]) == {"figure_accuracy"}  # n and latency are not rates
    assert set(chart["chain"]) == {"verified", "naive"}
    results = results_frame(reports)
    assert results.loc[0, "verified"] == "✓ hit"
    assert results.loc[1, "naive"] == "✗ miss: figure missing"
    assert "shipped-test-verified" in eval_status(reports, tmp_path)


def test_no_reports(tmp_path: Path) -> None:
    reports = read_reports(tmp_path)
    assert reports == {} and summary_frame(reports).empty and results_frame(reports).empty
    chart = chart_frame(reports)
    assert chart.empty and chart["value"].dtype == float  # the plot reads column types once
    assert "assistant eval" in eval_status(reports, tmp_path)


def test_is_rate() -> None:
    assert is_rate("figure_accuracy", 0.5) and not is_rate("n", 1)
    assert not is_rate("latency_p50_s", 0.2) and not is_rate("flag", True)
