"""The "Claim check" tab: the claim audit of the chosen corpus as a filterable table.

The rendering functions at the top are pure (they take an ``AuditReport`` and return HTML);
the conflicting values come from the records' structured ``conflicts`` field, never from
parsing the human-readable note. Gradio is imported only by :func:`build`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from assistant.ui.render import esc, highlight_figures, render_error_html

if TYPE_CHECKING:
    import gradio as gr

    from assistant.ui.app import Assistants

log = logging.getLogger(__name__)

ALL_SOURCES = "All"
CONFLICTING = "conflicting"
_NONE = '<span class="none">—</span>'


def verdict_class(verdict: str) -> str:
    """The CSS class of a verdict: ``v-`` and its words joined by dashes."""
    return "v-" + re.sub(r"[^a-z0-9]+", "-", verdict.lower()).strip("-")


def verdicts(report: Any) -> list[str]:
    """Every verdict the audit knows, in its own order (the keys of its counts)."""
    return list(report.counts())


def _pill(verdict: str, label: str | None = None) -> str:
    return f'<span class="verdict {verdict_class(verdict)}">{esc(label or verdict)}</span>'


def filter_records(
    records: Sequence[Any], chosen: Sequence[str] | None, cited: str | None
) -> list[Any]:
    """The records with one of the ``chosen`` verdicts that cite ``cited`` (All/None: any)."""
    wanted = set(chosen or [])
    return [
        r
        for r in records
        if r.verdict in wanted and (not cited or cited == ALL_SOURCES or cited in r.cited)
    ]


def rival_values(record: Any) -> list[str]:
    """The other values the documents give for a conflicting record's measure."""
    return list(dict.fromkeys(c.figure for c in record.conflicts))


def render_audit_counts_html(report: Any) -> str:
    """One coloured count per verdict."""
    pills = "".join(_pill(v, f"{v}: {n}") for v, n in report.counts().items())
    return (
        f'<div class="audit"><p class="counts">{pills}</p>'
        f'<p class="note">{len(report.records)} figures of the article, each checked against '
        "the source it cites and every other document.</p></div>"
    )


def _evidence_html(evidence: Sequence[dict[str, str]], figures: Sequence[str]) -> str:
    return "".join(
        f'<div class="ev"><code>{esc(e.get("doc_id", ""))}</code>: '
        f"“{highlight_figures(e.get('quote', ''), figures)}”</div>"
        for e in evidence
    )


def _audit_row(record: Any) -> str:
    marked = list(dict.fromkeys([record.figure, *rival_values(record)]))
    evidence = _evidence_html(record.evidence, marked) or _NONE
    cls = verdict_class(record.verdict)
    return (
        f'<tr class="row-{cls[2:]}" data-verdict="{esc(record.verdict)}">'
        f'<td class="claim">{highlight_figures(record.sentence, [record.figure])}</td>'
        f'<td class="figure">{esc(record.figure)}</td>'
        f'<td class="cited">{esc(", ".join(record.cited))}</td>'
        f'<td class="verdict-cell">{_pill(record.verdict)}</td>'
        f'<td class="evidence">{evidence}</td>'
        f'<td class="note">{esc(record.note)}</td>'
        "</tr>"
    )


def render_audit_html(
    report: Any, chosen: Sequence[str] | None = None, cited: str | None = ALL_SOURCES
) -> str:
    """The claims table, filtered by verdict (None: all) and cited source; text escaped."""
    records = filter_records(report.records, verdicts(report) if chosen is None else chosen, cited)
    head = "".join(
        f"<th>{h}</th>"
        for h in ("Claim (article sentence)", "Figure", "Cited", "Verdict", "Evidence", "Note")
    )
    body = (
        "".join(_audit_row(r) for r in records)
        if records
        else '<tr><td colspan="6" class="none">No claims match the filter.</td></tr>'
    )
    return (
        f'<div class="audit"><p class="note">Showing {len(records)} of '
        f"{len(report.records)} claims.</p>"
        f'<table id="audit-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )


def render_inconsistencies_html(report: Any) -> str:
    """The figures the article itself states twice with different values."""
    if not report.inconsistencies:
        return (
            '<div class="audit"><p class="none">The article states no figure twice with '
            "different values.</p></div>"
        )
    items = "".join(
        f"<li><b>{esc(item.get('measure') or 'figure')}</b>: "
        f"{' vs '.join(f'<mark>{esc(f)}</mark>' for f in item.get('figures', []))}"
        f"{_evidence_html(item.get('evidence', []), item.get('figures', []))}</li>"
        for item in report.inconsistencies
    )
    return f'<div class="audit"><ul class="incons">{items}</ul></div>'


def source_choices(report: Any) -> list[str]:
    """ "All" and every cited document id, in natural order (source-2 before source-10)."""
    ids = {c for r in report.records for c in r.cited}

    def natural(doc_id: str) -> tuple:
        return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", doc_id))

    return [ALL_SOURCES, *sorted(ids, key=natural)]


# --------------------------------------------------------------------------- the tab


def _views(report: Any | None, error: str = "") -> tuple[Any, ...]:
    import gradio as gr

    if report is None:
        return (
            render_error_html(error),
            gr.update(choices=[], value=[]),
            gr.update(choices=[ALL_SOURCES], value=ALL_SOURCES),
            "",
            "",
        )
    names = verdicts(report)
    return (
        render_audit_counts_html(report),
        gr.update(choices=names, value=names),
        gr.update(choices=source_choices(report), value=ALL_SOURCES),
        render_audit_html(report),
        render_inconsistencies_html(report),
    )


def make_loader(pool: Assistants) -> Callable[[str | None], tuple[Any, ...]]:
    """The tab's content for a corpus (the audit runs once per corpus, then is cached)."""

    def load(corpus: str | None) -> tuple[Any, ...]:
        try:
            return _views(pool.audit(corpus))
        except Exception as exc:  # the rest of the UI works without the audit
            log.exception("the claim audit failed")
            return _views(
                None, f"the claim check could not run ({type(exc).__name__}); see the server log"
            )

    return load


def build(app: gr.Blocks, pool: Assistants, picker: gr.Dropdown) -> None:
    """The tab's components and events; its content follows the corpus picker."""
    import gradio as gr

    gr.Markdown(
        "Each figure of the article, checked against the source it cites and every "
        "other document in the corpus."
    )
    counts = gr.HTML(elem_id="audit-counts")
    with gr.Row():
        chosen = gr.CheckboxGroup([], label="Verdicts", elem_id="audit-verdicts", scale=3)
        cited = gr.Dropdown(
            [ALL_SOURCES], value=ALL_SOURCES, label="Cited source", elem_id="audit-cited", scale=1
        )
    table = gr.HTML(elem_id="audit-table-view")
    gr.Markdown("### Figures the article states twice with different values")
    incons = gr.HTML(elem_id="audit-incons")
    outputs = [counts, chosen, cited, table, incons]
    load = make_loader(pool)
    app.load(load, inputs=picker, outputs=outputs, api_visibility="private")
    picker.change(load, inputs=picker, outputs=outputs, api_visibility="private")

    def rerender(corpus: str | None, picked: list[str] | None, source: str | None) -> str:
        return render_audit_html(pool.audit(corpus), picked or [], source)

    for control in (chosen, cited):
        control.input(
            rerender,
            inputs=[picker, chosen, cited],
            outputs=table,
            api_visibility="private",
            show_progress="hidden",
        )
