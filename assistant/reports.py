"""Eval reports: the scored run as JSON (round-trips) and Markdown, and the CI thresholds.

One :class:`EvalReport` per suite and part (``dev``/``test``). :func:`suites_markdown` puts
each suite's dev and test rows side by side; :func:`write_report` and
:func:`write_suite_reports` write them atomically under ``evals/reports/``.
:func:`check_thresholds` compares a summary with ``evals/thresholds.yaml``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from assistant.errors import EvalFileError
from assistant.scoring import SUMMARY_KEYS, QuestionResult
from assistant.text import atomic_write_text

__all__ = [
    "OVERVIEW_KEYS",
    "EvalReport",
    "check_thresholds",
    "overview_table",
    "reports_from_json",
    "reports_to_json",
    "suites_markdown",
    "utc_now",
    "write_report",
    "write_suite_reports",
]

logger = logging.getLogger(__name__)

_ANSWER_CELL_CHARS = 300
_MAX_SUFFIX = "_max"


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class EvalReport:
    """A scored run: the summary, one result per question, and what produced it."""

    summary: dict[str, float | int]
    results: list[QuestionResult]
    chain: str
    llm: str
    created_at: str
    suite: str = ""  # the suite's name in evals/suites.yaml ("" for a single file)
    part: str = ""  # "dev" or "test" ("" for a single file)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """ "shipped/test", or the chain for a report of a single file."""
        return "/".join(x for x in (self.suite, self.part) if x) or self.chain

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "part": self.part,
            "chain": self.chain,
            "llm": self.llm,
            "created_at": self.created_at,
            "summary": self.summary,
            "extra": self.extra,
            "results": [{**asdict(r), "passed": r.passed} for r in self.results],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EvalReport:
        try:
            return cls(
                summary=dict(data["summary"]),
                results=[QuestionResult.from_dict(r) for r in data["results"]],
                chain=str(data["chain"]),
                llm=str(data["llm"]),
                created_at=str(data["created_at"]),
                suite=str(data.get("suite", "")),
                part=str(data.get("part", "")),
                extra=dict(data.get("extra") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalFileError(f"not an eval report ({exc!r}) — rerun `assistant eval`") from exc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EvalReport:
        """The report :meth:`to_json` wrote (EvalFileError when the text is not one)."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise EvalFileError(
                f"eval report is not JSON ({exc}) — rerun `assistant eval`"
            ) from exc
        if not isinstance(data, dict):
            raise EvalFileError("eval report must be a JSON object — rerun `assistant eval`")
        return cls.from_dict(data)

    def to_markdown(self) -> str:
        title = f"# Eval report {self.label}: chain `{self.chain}`, LLM `{self.llm}`"
        lines = [
            f"{title}, {self.created_at}",
            "",
            "| metric | value |",
            "| --- | --- |",
            *(f"| {key} | {value} |" for key, value in self.summary.items()),
            "",
            _words_line(self.results),
            "",
            "| id | question | answer | expected | result | citations | latency (s) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
            *(_markdown_row(r) for r in self.results),
        ]
        return "\n".join(lines) + "\n"


def reports_to_json(reports: list[EvalReport]) -> str:
    """Several reports as one JSON list (``suites-latest.json``)."""
    return json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False) + "\n"


def reports_from_json(text: str) -> list[EvalReport]:
    """The inverse of :func:`reports_to_json`; a single report's JSON gives a list of one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvalFileError(f"eval reports are not JSON ({exc}) — rerun `assistant eval`") from exc
    items = data if isinstance(data, list) else [data]
    if not all(isinstance(item, dict) for item in items):
        raise EvalFileError("eval reports must be JSON objects — rerun `assistant eval`")
    return [EvalReport.from_dict(item) for item in items]


OVERVIEW_KEYS = (
    "n",
    "figure_accuracy",
    "term_accuracy",
    "false_refusal_rate",
    "abstention_accuracy",
    "citation_precision",
    "premise_accuracy",
    "direct_rate",
    "model_words_share",
    "latency_p50_s",
    "first_text_p50_s",
)


def overview_table(reports: list[EvalReport], keys: tuple[str, ...] = OVERVIEW_KEYS) -> str:
    """One row per suite and part (dev and test rows next to each other), for the README."""
    lines = [
        "| suite | part | " + " | ".join(keys) + " |",
        "| --- | --- |" + " --- |" * len(keys),
    ]
    for r in reports:
        values = " | ".join(str(r.summary.get(k, "")) for k in keys)
        lines.append(f"| {r.suite or '-'} | {r.part or r.chain} | {values} |")
    return "\n".join(lines)


def suites_markdown(reports: list[EvalReport]) -> str:
    """The overview, then one table per suite: a row per metric, a column per part."""
    lines = ["# Eval results by suite", ""]
    if reports:
        first = reports[0]
        lines += [f"Chain `{first.chain}`, LLM `{first.llm}`, {first.created_at}.", ""]
        lines += [overview_table(reports), ""]
    suites = list(dict.fromkeys(r.suite for r in reports))
    for suite in suites:
        parts = [r for r in reports if r.suite == suite]
        lines += [
            f"## {suite or 'questions'}",
            "",
            "| metric | " + " | ".join(r.part or r.chain for r in parts) + " |",
            "| --- |" + " --- |" * len(parts),
        ]
        keys = [k for k in SUMMARY_KEYS if any(k in r.summary for r in parts)]
        for key in keys:
            lines.append(
                f"| {key} | " + " | ".join(str(r.summary.get(key, "")) for r in parts) + " |"
            )
        lines += ["", *(f"- {r.part or r.chain}: {_words_line(r.results)}" for r in parts), ""]
    return "\n".join(lines)


def _words_line(results: list[QuestionResult]) -> str:
    """Whose words the answers are in: the model's verified words, or quoted evidence."""
    answered = [r for r in results if not r.abstained]
    model = sum(r.model_words for r in answered)
    direct = sum(bool(r.direct.strip()) for r in answered)
    return (
        f"Of {len(answered)} answers (abstentions aside), {model} include the model's verified "
        f"words, {direct} open with a direct answer, {sum(r.quoted for r in answered)} quote "
        "the evidence verbatim."
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
    if r.false_premise:
        parts.append("premise corrected")
    return "; ".join(parts)


def _markdown_row(r: QuestionResult) -> str:
    verdict = "✅ hit" if r.passed else f"❌ miss: {r.why}"
    docs = ", ".join(dict.fromkeys(c["doc_id"] for c in r.citations)) or "none"
    asked = " → ".join(r.turns) if r.turns else r.question
    cells = [
        _cell(r.id),
        _cell(asked),
        _cell(r.answer_text, _ANSWER_CELL_CHARS),
        _cell(_expected_cell(r)),
        _cell(verdict),
        _cell(docs),
        f"{r.latency_s:.2f}",
    ]
    return "| " + " | ".join(cells) + " |"


def _stamp(created_at: str) -> str:
    """A file-name-safe UTC timestamp from an ISO time: 2025-08-29T10:00:00Z -> 20250829T100000Z."""
    try:
        moment = dt.datetime.fromisoformat(created_at.replace("Z", "+00:00"))
    except ValueError:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _name(report: EvalReport) -> str:
    return "-".join(x for x in (report.suite, report.part, report.chain) if x)


def write_report(report: EvalReport, out_dir: Path) -> tuple[Path, Path]:
    """Write eval-<suite>-<part>-<chain>-<UTC time>.json/.md and latest-<...>.json/.md
    (suite and part left out for a single file's report); return the first two."""
    out_dir = Path(out_dir)
    stem = f"eval-{_name(report)}-{_stamp(report.created_at)}"
    json_text, markdown = report.to_json(), report.to_markdown()
    json_path, md_path = out_dir / f"{stem}.json", out_dir / f"{stem}.md"
    for path, text in (
        (json_path, json_text),
        (md_path, markdown),
        (out_dir / f"latest-{_name(report)}.json", json_text),
        (out_dir / f"latest-{_name(report)}.md", markdown),
    ):
        atomic_write_text(path, text)
    logger.info("eval report written to %s and %s", json_path, md_path)
    return json_path, md_path


def write_suite_reports(reports: list[EvalReport], out_dir: Path) -> tuple[Path, Path]:
    """Write each report (:func:`write_report`) and the side-by-side summary
    ``suites-latest.json`` / ``suites-latest.md`` (not ``latest-*``: each of those holds one
    report); return those two paths."""
    out_dir = Path(out_dir)
    for report in reports:
        write_report(report, out_dir)
    json_path, md_path = out_dir / "suites-latest.json", out_dir / "suites-latest.md"
    atomic_write_text(json_path, reports_to_json(reports))
    atomic_write_text(md_path, suites_markdown(reports))
    logger.info("suite reports written to %s", md_path)
    return json_path, md_path


# --- Thresholds ------------------------------------------------------------------------------


def check_thresholds(summary: dict[str, Any], thresholds_path: Path) -> list[str]:
    """Compare a summary with the thresholds file; one message per failure, [] when all pass.

    Keys ending in ``_max`` are maxima for the metric without the suffix; others are minima.
    """
    failures: list[str] = []
    for key, limit in _read_thresholds(Path(thresholds_path)).items():
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
        raise EvalFileError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise EvalFileError(f"{path}: must be a mapping of metric name to number")
    limits: dict[str, float] = {}
    for key, value in data.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EvalFileError(f"{path}: threshold '{key}' must be a number, got {value!r}")
        limits[str(key)] = float(value)
    return limits
