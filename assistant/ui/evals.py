"""The "Evaluation" tab: the latest eval reports side by side, and a button to run one.

Reports are read with ``EvalReport.from_json`` (every ``latest-*.json`` in the reports
folder, labelled by the rest of the file name), never as raw dicts. The frame builders are
pure functions of those reports; gradio is imported only by :func:`build`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from assistant import AssistantError
from assistant.evaluation import EvalReport, write_report

if TYPE_CHECKING:
    import gradio as gr

    from assistant.ui.app import Assistants

log = logging.getLogger(__name__)

CHAINS = ("verified", "naive")
CHAIN_COLOURS = {"verified": "#2f6fdb", "naive": "#e8833a"}
Reports = dict[str, EvalReport]


def read_reports(reports_dir: Path) -> Reports:
    """The latest report of each chain and suite part (``latest-<suite>-<part>-<chain>.json``
    or ``latest-<chain>.json``), labelled by that name; unreadable files are skipped."""
    reports: Reports = {}
    for path in sorted(Path(reports_dir).glob("latest-*.json")):
        try:
            report = EvalReport.from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError, AssistantError) as exc:
            log.warning("cannot read %s: %s", path, exc)
            continue
        reports[path.stem.removeprefix("latest-")] = report
    return reports


def is_rate(key: str, value: object) -> bool:
    """A summary value between 0 and 1 (counts and latencies are not rates)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and key != "n"
        and not key.startswith("latency")
        and 0 <= value <= 1
    )


def summary_frame(reports: Reports) -> pd.DataFrame:
    keys = list(dict.fromkeys(k for r in reports.values() for k in r.summary))
    rows = [
        {"metric": key, **{label: r.summary.get(key, "") for label, r in reports.items()}}
        for key in keys
    ]
    return pd.DataFrame(rows, columns=["metric", *reports])


def chart_frame(reports: Reports) -> pd.DataFrame:
    """metric, report label, value (plus a bar label), for the rates between 0 and 1."""
    rows = [
        {"metric": key, "chain": report.chain, "value": float(value), "bar": f"{key} · {label}"}
        for label, report in reports.items()
        for key, value in report.summary.items()
        if is_rate(key, value)
    ]
    frame = pd.DataFrame(rows, columns=["metric", "chain", "value", "bar"])
    # Typed even when empty: the plot reads the column types once, on its first value.
    return frame.astype({"metric": str, "chain": str, "value": float, "bar": str})


def _verdict(result: Any | None) -> str:
    if result is None:
        return ""
    return "✓ hit" if not result.why else f"✗ miss: {result.why}"


def results_frame(reports: Reports) -> pd.DataFrame:
    by_label = {label: {r.id: r for r in report.results} for label, report in reports.items()}
    ids = list(dict.fromkeys(i for results in by_label.values() for i in results))
    rows = []
    for qid in ids:
        first = next(results[qid] for results in by_label.values() if qid in results)
        row = {"id": qid, "question": first.question}
        for label, results in by_label.items():
            result = results.get(qid)
            row[label] = _verdict(result)
            row[f"{label} latency (s)"] = "" if result is None else result.latency_s
        rows.append(row)
    columns = ["id", "question", *reports, *(f"{label} latency (s)" for label in reports)]
    return pd.DataFrame(rows, columns=columns)


def eval_status(reports: Reports, reports_dir: Path) -> str:
    if not reports:
        return (
            f"No eval report in `{reports_dir}` yet. Make one with `assistant eval` "
            "(and `assistant eval --chain naive` for the baseline), or press "
            "**Run eval** below."
        )
    lines = [
        f"- **{label}**: chain `{r.chain}`, LLM `{r.llm}`, {r.created_at}, "
        f"{r.summary.get('n', '?')} questions"
        for label, r in reports.items()
    ]
    return "Latest reports:\n" + "\n".join(lines)


def eval_views(reports_dir: Path) -> tuple[Any, ...]:
    """Status, summary table, bar chart (hidden while there is nothing to plot), results."""
    import gradio as gr

    reports = read_reports(reports_dir)
    chart = chart_frame(reports)
    # The plot draws nothing when its first value was empty, so it is shown only with data.
    return (
        eval_status(reports, reports_dir),
        summary_frame(reports),
        gr.BarPlot(value=chart, visible=not chart.empty),
        results_frame(reports),
    )


def make_run_eval(pool: Assistants, questions: Path | None) -> Callable[..., tuple]:
    import gradio as gr

    reports_dir = pool.first.settings.reports_dir

    def run_eval(chain: str, corpus: str | None, progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
        def update(done: int, total: int) -> None:
            progress((done, total), desc=f"eval ({chain})", unit="questions")

        progress(0, desc=f"eval ({chain}): starting")
        try:
            report = pool.get(corpus).evaluate(questions, chain=chain, progress=update)
            write_report(report, reports_dir)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        return eval_views(reports_dir)

    return run_eval


def build(app: gr.Blocks, pool: Assistants, picker: gr.Dropdown, questions: Path | None) -> None:
    import gradio as gr

    reports_dir = pool.first.settings.reports_dir
    status = gr.Markdown(elem_id="eval-status")
    with gr.Row():
        summary = gr.Dataframe(label="Summary (latest reports)", interactive=False, scale=1)
        # Each bar's label names its report, so the legend (which gets clipped) is left out.
        chart = gr.BarPlot(
            x="bar",
            y="value",
            color="chain",
            y_lim=[0, 1],
            x_title="metric",
            x_label_angle=-30,
            label="Rates by report",
            scale=2,
            height=480,
            color_map=CHAIN_COLOURS,
            colors_in_legend=[],
            visible=False,
            elem_id="eval-chart",
        )
    results = gr.Dataframe(
        label="Per question", interactive=False, wrap=True, elem_id="eval-results"
    )
    with gr.Row():
        chain = gr.Radio(list(CHAINS), value="verified", label="Chain to evaluate")
        run_btn = gr.Button("Run eval (chosen corpus)", variant="primary", elem_id="run-eval")
        refresh_btn = gr.Button("Refresh")
    outputs = [status, summary, chart, results]
    app.load(lambda: eval_views(reports_dir), outputs=outputs, api_visibility="private")
    refresh_btn.click(lambda: eval_views(reports_dir), outputs=outputs, api_visibility="private")
    run_btn.click(
        make_run_eval(pool, questions),
        inputs=[chain, picker],
        outputs=outputs,
        api_visibility="private",
        concurrency_limit=1,
        concurrency_id="eval",
    )
