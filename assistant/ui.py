"""The Gradio web UI: chat with cited, verified answers; the corpus; the claim check; evals.

``build_app(assistant)`` returns the Blocks app; ``launch(assistant, ...)`` serves it (the
``assistant ui`` command). The rendering helpers at the top are pure functions, unit-tested
without a server.

Safety: every piece of text that comes from a question or a document is HTML-escaped before
it is put into HTML, and the chatbot renders HTML (not markdown), so nothing typed or
quoted can run as script. The chatbot's own sanitiser stays on as a second line.
"""

from __future__ import annotations

import os

# Set before gradio is imported: the machine may be offline, and nothing is to be reported.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

import html
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

import gradio as gr
import pandas as pd

from assistant.answer import Answer, Citation, VerifiedFigure
from assistant.api import Assistant
from assistant.audit import (
    CONFLICTING,
    FOUND_ELSEWHERE,
    SUPPORTED,
    UNVERIFIABLE,
    AuditRecord,
    AuditReport,
)
from assistant.chain import resolve_followup
from assistant.errors import AssistantError
from assistant.evaluation import SUMMARY_KEYS
from assistant.figures import Figure, find_figures

log = logging.getLogger(__name__)

__all__ = [
    "ALL_SOURCES",
    "EXAMPLES",
    "VERDICTS",
    "VERDICT_CLASSES",
    "answer_payload",
    "build_app",
    "filter_records",
    "highlight_figures",
    "launch",
    "link_citations",
    "parse_auth",
    "render_answer_html",
    "render_audit_counts_html",
    "render_audit_html",
    "render_error_html",
    "render_inconsistencies_html",
    "render_partial_html",
    "render_question_html",
]

EXAMPLES = (
    "How much has Alibaba committed to AI and cloud infrastructure?",
    "By how much did Alibaba Cloud cut API prices?",
    "What share of China's cloud market does Alibaba Cloud hold?",
    "What was Tencent Cloud's revenue in 2024?",
)
CONCURRENCY_LIMIT = 4
TOP_K_MAX = 10
ABSTAIN_LABEL = "⚠ Not in the sources"
QUOTED_LABEL = "❝ Quoted verbatim from the source"
_SAFE_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_MARKER = re.compile(r"\[(\d{1,3})\]")
# The summary's rates (0..1), i.e. every key but the count and the latencies.
_RATE_METRICS = tuple(k for k in SUMMARY_KEYS if k != "n" and not k.startswith("latency"))
_CHAINS = ("verified", "naive")
CHAIN_COLOURS = {"verified": "#2f6fdb", "naive": "#e8833a"}
VERDICTS = (SUPPORTED, FOUND_ELSEWHERE, CONFLICTING, UNVERIFIABLE)
VERDICT_CLASSES = {
    SUPPORTED: "v-supported",
    FOUND_ELSEWHERE: "v-elsewhere",
    CONFLICTING: "v-conflicting",
    UNVERIFIABLE: "v-unverifiable",
}
ALL_SOURCES = "All"
_NONE = '<span class="none">—</span>'
_RIVAL = re.compile(r"\bgives (.+?)\s*(?:;|$)")

CSS = """
.answer .badges { margin-bottom: .4em; }
.answer .badge { display: inline-block; padding: .1em .55em; margin-right: .4em;
  border-radius: .8em; font-size: .85em; font-weight: 600; }
.answer .badge-abstain { background: #fff3cd; color: #664d03; border: 1px solid #e0c36a; }
.answer .badge-quoted { background: #e7f1ff; color: #084298; border: 1px solid #9ec5fe; }
.answer .badge-error { background: #f8d7da; color: #842029; border: 1px solid #f1aeb5; }
.answer a.cite { text-decoration: none; font-weight: 600;
  color: var(--link-text-color, #2563eb); }
.answer details { margin-top: .5em; }
.answer details > summary { cursor: pointer; font-weight: 600; }
.answer .sources ol { padding-left: 1.4em; margin: .3em 0; }
.answer .sources li { margin-bottom: .6em; }
.answer .src-meta { font-size: .85em; opacity: .8; word-break: break-all; }
.answer blockquote.quote { margin: .3em 0 0 0; padding: .3em .7em;
  border-left: 3px solid #9ec5fe; font-style: normal; }
/* Dark text on the yellow mark: inherited text is white in the dark theme. */
.answer mark { background: #ffe066; color: #1f1f1f; padding: 0 .15em; border-radius: .2em; }
.answer .dropped { font-size: .9em; opacity: .85; }
.answer .why { font-size: .85em; opacity: .8; }
.doc-text { white-space: pre-wrap; font-family: inherit; max-height: 60vh; overflow-y: auto; }
.audit .verdict { display: inline-block; padding: .1em .55em; border-radius: .8em;
  font-size: .85em; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.audit .v-supported { background: #d1e7dd; color: #0a3622; border-color: #a3cfbb; }
.audit .v-elsewhere { background: #cfe2ff; color: #052c65; border-color: #9ec5fe; }
.audit .v-conflicting { background: #f8d7da; color: #58151c; border-color: #f1aeb5; }
.audit .v-unverifiable { background: #e2e3e5; color: #2b2f32; border-color: #c4c8cb; }
.audit .counts .verdict { margin: 0 .5em .3em 0; font-size: .95em; padding: .25em .8em; }
/* The id outranks the default HTML styles, which draw a dark grid around every cell. */
#audit-table { width: 100%; border-collapse: collapse; border: 0; font-size: .92em; }
#audit-table tr { border: 0; }
#audit-table th, #audit-table td { text-align: left; vertical-align: top; border: 0;
  padding: .45em .55em; border-bottom: 1px solid var(--border-color-primary, #ddd); }
#audit-table th { font-weight: 600; background: var(--background-fill-secondary, #f6f6f6); }
#audit-table tr.row-conflicting td:first-child { box-shadow: inset 3px 0 0 #dc3545; }
#audit-table td.claim { width: 29%; }
#audit-table td.evidence { width: 36%; }
#audit-table td.note { width: 13%; }
#audit-table td.figure, #audit-table td.cited { white-space: nowrap; }
.audit .ev { margin: 0 0 .45em 0; padding: .15em .6em; border-left: 3px solid #9ec5fe; }
.audit .ev:last-child { margin-bottom: 0; }
.audit .ev code { font-size: .85em; }
.audit .note, .audit .none { font-size: .9em; opacity: .8; }
.audit mark { background: #ffe066; color: #1f1f1f; padding: 0 .15em; border-radius: .2em; }
.audit .incons li { margin-bottom: .6em; }
"""


# --------------------------------------------------------------------------- rendering


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is plain http(s), percent-encoding what could break an attribute."""
    if not url or not _SAFE_SCHEME.match(url.strip()):
        return None
    return url_quote(url.strip(), safe=":/?#[]@!$&'()*+,;=%~-._")


def _link(url: str | None, label_html: str, *, title: str = "", cls: str = "") -> str:
    href = safe_url(url)
    if href is None:
        return label_html
    attrs = f' href="{_esc(href)}" target="_blank" rel="noopener noreferrer"'
    if title:
        attrs += f' title="{_esc(title)}"'
    if cls:
        attrs += f' class="{cls}"'
    return f"<a{attrs}>{label_html}</a>"


def link_citations(text: str, citations: Sequence[Citation]) -> str:
    """Escape ``text`` and turn each ``[n]`` of a known citation into a link to its source."""
    by_n = {c.n: c for c in citations}

    def replace(match: re.Match[str]) -> str:
        citation = by_n.get(int(match.group(1)))
        if citation is None:
            return match.group(0)
        title = f"{citation.doc_id}: {citation.title}"
        return _link(citation.url, f"[{citation.n}]", title=title, cls="cite")

    return _MARKER.sub(replace, _esc(text))


def _targets(figures: Sequence[VerifiedFigure | str]) -> list[tuple[str, list[Figure]]]:
    out = []
    for figure in figures:
        text = figure.text if isinstance(figure, VerifiedFigure) else str(figure)
        out.append((text, find_figures(text)))
    return out


def _figure_spans(quote: str, figures: Sequence[VerifiedFigure | str]) -> list[tuple[int, int]]:
    """Spans of ``quote`` that state one of ``figures`` (same value, however it is written)."""
    targets = _targets(figures)
    parsed = [fig for _, found in targets for fig in found]
    spans = [(f.start, f.end) for f in find_figures(quote) if any(f.matches(t) for t in parsed)]
    for text, found in targets:  # a figure the parser does not read: match its words
        if not found and text.strip():
            spans += [m.span() for m in re.finditer(re.escape(text.strip()), quote, re.I)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight_figures(quote: str, figures: Sequence[VerifiedFigure | str]) -> str:
    """Escape ``quote`` and wrap every figure the answer took from it in ``<mark>``."""
    parts: list[str] = []
    position = 0
    for start, end in _figure_spans(quote, figures):
        parts += [_esc(quote[position:start]), f"<mark>{_esc(quote[start:end])}</mark>"]
        position = end
    parts.append(_esc(quote[position:]))
    return "".join(parts)


def _source_item(citation: Citation, figures: Sequence[VerifiedFigure]) -> str:
    held = [f for f in figures if f.citation == citation.n]
    section = f" · {_esc(citation.section)}" if citation.section else ""
    url = _esc(citation.url) if citation.url else "no link"
    return (
        f'<li value="{citation.n}">'
        f"{_link(citation.url, f'<b>{_esc(citation.title)}</b>')}"
        f'<div class="src-meta"><code>{_esc(citation.doc_id)}</code>{section} · {url}</div>'
        f'<blockquote class="quote">{highlight_figures(citation.quote, held)}</blockquote>'
        "</li>"
    )


def _sources_html(answer: Answer) -> str:
    if not answer.citations:
        return ""
    items = "".join(_source_item(c, answer.figures) for c in answer.citations)
    return (
        f'<details class="sources"><summary>Sources ({len(answer.citations)})</summary>'
        f"<ol>{items}</ol></details>"
    )


def _dropped_html(answer: Answer) -> str:
    removed = [d for d in answer.dropped if d.sentence]
    if not removed:
        return ""
    items = "".join(
        f"<li>“{_esc(d.sentence)}” — {_esc(d.reason)}</li>" for d in removed
    )
    reasons = "; ".join(d.reason for d in removed)
    noun = "sentence" if len(removed) == 1 else "sentences"
    return (
        f'<details class="dropped"><summary title="{_esc(reasons)}">✂ {len(removed)} draft '
        f"{noun} removed by verification</summary><ul>{items}</ul></details>"
    )


def _badges_html(answer: Answer) -> str:
    badges = []
    if answer.abstained:
        why = "; ".join(d.reason for d in answer.dropped if not d.sentence)
        badges.append(
            f'<span class="badge badge-abstain" title="{_esc(why)}">{ABSTAIN_LABEL}</span>'
        )
    if answer.quoted:
        badges.append(
            '<span class="badge badge-quoted" title="The draft did not state the figure asked '
            f'for, so the evidence is quoted as written">{QUOTED_LABEL}</span>'
        )
    return f'<div class="badges">{"".join(badges)}</div>' if badges else ""


def _abstain_reason_html(answer: Answer) -> str:
    reasons = [d.reason for d in answer.dropped if not d.sentence]
    if not answer.abstained or not reasons:
        return ""
    return f'<div class="why">Why: {_esc("; ".join(reasons))}</div>'


def render_answer_html(answer: Answer) -> str:
    """The final answer: badges, text with linked citations, sources and what was removed."""
    return (
        '<div class="answer final">'
        f"{_badges_html(answer)}"
        f'<p class="answer-text">{link_citations(answer.text, answer.citations)}</p>'
        f"{_abstain_reason_html(answer)}{_sources_html(answer)}{_dropped_html(answer)}"
        "</div>"
    )


def render_partial_html(text: str) -> str:
    """Verified text while it streams in (citations get their links at the end)."""
    body = _esc(text) if text else "<i>Searching the sources…</i>"
    return f'<div class="answer"><p class="answer-text">{body}</p></div>'


def render_error_html(message: str) -> str:
    """A user-facing error as the assistant's reply."""
    return (
        '<div class="answer final"><span class="badge badge-error">Cannot answer</span> '
        f"{_esc(message)}</div>"
    )


def render_question_html(question: str) -> str:
    return _esc(question)


# --------------------------------------------------------------------------- the API


def answer_payload(answer: Answer) -> dict[str, Any]:
    """The JSON the ``/ask`` endpoint returns."""
    return {
        "question": answer.question,
        "text": answer.text,
        "abstained": answer.abstained,
        "quoted": answer.quoted,
        "citations": [
            {"n": c.n, "doc_id": c.doc_id, "title": c.title, "url": c.url, "quote": c.quote}
            for c in answer.citations
        ],
        "figures": [
            {"text": f.text, "normalised": f.normalised, "citation": f.citation}
            for f in answer.figures
        ],
        "dropped": [{"sentence": d.sentence, "reason": d.reason} for d in answer.dropped],
        "error": None,
    }


def error_payload(question: str, message: str) -> dict[str, Any]:
    return {
        "question": question,
        "text": "",
        "abstained": False,
        "quoted": False,
        "citations": [],
        "figures": [],
        "dropped": [],
        "error": message,
    }


def _doc_filter(doc_ids: Sequence[str] | None, all_ids: Sequence[str]) -> list[str] | None:
    """None (search everything) when no choice narrows the search."""
    chosen = [d for d in (doc_ids or []) if d]
    return None if not chosen or set(all_ids) <= set(chosen) else chosen


def make_ask_api(assistant: Assistant, all_ids: Sequence[str]) -> Callable[..., dict]:
    def ask(question: str, top_k: int = 5, doc_ids: list[str] | None = None) -> dict:
        """Answer one question about the article; every figure is cited and verified.

        Returns text, abstained, quoted, citations (n, doc_id, title, url, quote), figures,
        dropped (draft sentences removed by verification, and why) and error (a message for
        the user when the question cannot be used, else null).
        """
        try:
            answer = assistant.ask(
                question, k=int(top_k), doc_ids=_doc_filter(doc_ids, all_ids)
            )
        except AssistantError as exc:
            return error_payload(question if isinstance(question, str) else "", str(exc))
        return answer_payload(answer)

    return ask


# --------------------------------------------------------------------------- the chat


Messages = list[dict[str, Any]]


def _message(role: str, content: str) -> dict[str, Any]:
    return {"role": role, "content": content}


def make_respond(assistant: Assistant, all_ids: Sequence[str]) -> Callable[..., Iterator]:
    def respond(
        question: str, messages: Messages | None, history: list[str] | None,
        top_k: float, doc_ids: list[str] | None,
    ) -> Iterator[tuple[Messages, list[str], str]]:
        messages, history = list(messages or []), list(history or [])
        messages += [_message("user", render_question_html(question or "")),
                     _message("assistant", render_partial_html(""))]
        yield messages, history, ""
        if doc_ids is not None and not doc_ids:
            messages[-1] = _message("assistant", render_error_html(
                "no documents are selected — tick at least one under Settings"))
            yield messages, history, ""
            return
        try:
            text, final = "", None
            for event in assistant.stream(question, history=history, k=int(top_k),
                                          doc_ids=_doc_filter(doc_ids, all_ids)):
                if isinstance(event, Answer):
                    final = event
                    break
                text += event
                messages[-1] = _message("assistant", render_partial_html(text))
                yield messages, history, ""
        except AssistantError as exc:
            messages[-1] = _message("assistant", render_error_html(str(exc)))
            yield messages, history, ""
            return
        except Exception as exc:  # never show a traceback in the chat
            log.exception("answering %r failed", question)
            messages[-1] = _message("assistant", render_error_html(
                f"something went wrong ({type(exc).__name__}); see the server log"))
            yield messages, history, ""
            return
        if final is not None:
            messages[-1] = _message("assistant", render_answer_html(final))
            history.append(resolve_followup(final.question, history))
        yield messages, history, ""

    return respond


def clear_chat() -> tuple[Messages, list[str], str]:
    return [], [], ""


# --------------------------------------------------------------------------- corpus tab


def corpus_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    def link(url: str | None) -> str:
        href = safe_url(url)
        return f"[open]({href.replace('(', '%28').replace(')', '%29')})" if href else ""

    return pd.DataFrame(
        [
            {
                "id": r["id"],
                "kind": r["kind"],
                "date": str(r["date"] or "n.d."),
                "passages": "-" if r["passages"] is None else str(r["passages"]),
                "title": r["title"],
                "link": link(r["url"]),
            }
            for r in rows
        ],
        columns=["id", "kind", "date", "passages", "title", "link"],
    )


def render_document_html(doc: Any | None) -> str:
    if doc is None:
        return "<p>Choose a document.</p>"
    url = _link(doc.url, _esc(doc.url)) if doc.url else "no link"
    return (
        f"<h3>{_esc(doc.title)}</h3>"
        f"<p><code>{_esc(doc.id)}</code> · {_esc(doc.kind)} · {_esc(doc.date or 'n.d.')} · "
        f"{url}</p>"
        f'<pre class="doc-text">{_esc(doc.text)}</pre>'
    )


# --------------------------------------------------------------------------- claim check tab


def _verdict_pill(verdict: str, label: str | None = None) -> str:
    cls = VERDICT_CLASSES.get(verdict, VERDICT_CLASSES[UNVERIFIABLE])
    return f'<span class="verdict {cls}">{_esc(label or verdict)}</span>'


def filter_records(records: Sequence[AuditRecord], verdicts: Sequence[str] | None,
                   cited: str | None) -> list[AuditRecord]:
    """The records with one of ``verdicts`` that cite ``cited`` (``All`` or None: any)."""
    chosen = set(verdicts or [])
    return [
        r for r in records
        if r.verdict in chosen and (not cited or cited == ALL_SOURCES or cited in r.cited)
    ]


def render_audit_counts_html(report: AuditReport) -> str:
    """One coloured count per verdict."""
    counts = report.counts()
    pills = "".join(_verdict_pill(v, f"{v}: {counts.get(v, 0)}") for v in VERDICTS)
    total = len(report.records)
    return (
        f'<div class="audit"><p class="counts">{pills}</p>'
        f'<p class="note">{total} referenced figures of the article, each checked against '
        "the source it cites and every other document.</p></div>"
    )


def _evidence_html(evidence: Sequence[dict[str, str]], figures: Sequence[str]) -> str:
    return "".join(
        f'<div class="ev"><code>{_esc(e.get("doc_id", ""))}</code>: '
        f"“{highlight_figures(e.get('quote', ''), figures)}”</div>"
        for e in evidence
    )


def _marked_figures(record: AuditRecord) -> list[str]:
    """The record's figure, and for a conflict the rival values its note names."""
    rivals = _RIVAL.findall(record.note) if record.verdict == CONFLICTING else []
    return list(dict.fromkeys([record.figure, *rivals]))


def _audit_row(record: AuditRecord) -> str:
    cls = VERDICT_CLASSES.get(record.verdict, VERDICT_CLASSES[UNVERIFIABLE])
    evidence = _evidence_html(record.evidence, _marked_figures(record)) or _NONE
    return (
        f'<tr class="row-{cls[2:]}" data-verdict="{_esc(record.verdict)}">'
        f'<td class="claim">{highlight_figures(record.sentence, [record.figure])}</td>'
        f'<td class="figure">{_esc(record.figure)}</td>'
        f'<td class="cited">{_esc(", ".join(record.cited))}</td>'
        f'<td class="verdict-cell">{_verdict_pill(record.verdict)}</td>'
        f'<td class="evidence">{evidence}</td>'
        f'<td class="note">{_esc(record.note)}</td>'
        "</tr>"
    )


def render_audit_html(report: AuditReport, verdicts: Sequence[str] | None = VERDICTS,
                      cited: str | None = ALL_SOURCES) -> str:
    """The claims table, filtered by verdict and cited source; all text is escaped."""
    records = filter_records(report.records, verdicts, cited)
    head = "".join(f"<th>{h}</th>" for h in
                   ("Claim (article sentence)", "Figure", "Cited", "Verdict",
                    "Evidence", "Note"))
    if not records:
        body = '<tr><td colspan="6" class="none">No claims match the filter.</td></tr>'
    else:
        body = "".join(_audit_row(r) for r in records)
    return (
        f'<div class="audit"><p class="note">Showing {len(records)} of '
        f"{len(report.records)} claims.</p>"
        f'<table id="audit-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody>'
        "</table></div>"
    )


def render_inconsistencies_html(report: AuditReport) -> str:
    """The figures the article itself states twice with different values."""
    if not report.inconsistencies:
        return ('<div class="audit"><p class="none">The article states no figure twice with '
                "different values.</p></div>")
    items = "".join(
        f"<li><b>{_esc(item.get('measure') or 'figure')}</b>: "
        f"{' vs '.join(f'<mark>{_esc(f)}</mark>' for f in item.get('figures', []))}"
        f"{_evidence_html(item.get('evidence', []), item.get('figures', []))}</li>"
        for item in report.inconsistencies
    )
    return f'<div class="audit"><ul class="incons">{items}</ul></div>'


# --------------------------------------------------------------------------- eval tab


def read_reports(reports_dir: Path) -> dict[str, dict[str, Any]]:
    """The latest report of each chain that has one; unreadable files are skipped."""
    reports = {}
    for chain in _CHAINS:
        path = reports_dir / f"latest-{chain}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            log.warning("cannot read %s: %s", path, exc)
            continue
        if isinstance(data, dict) and isinstance(data.get("summary"), dict):
            reports[chain] = data
    return reports


def summary_frame(reports: dict[str, dict[str, Any]]) -> pd.DataFrame:
    chains = [c for c in _CHAINS if c in reports]
    keys = list(dict.fromkeys(k for c in chains for k in reports[c]["summary"]))
    rows = [
        {"metric": key, **{c: reports[c]["summary"].get(key, "") for c in chains}}
        for key in keys
    ]
    return pd.DataFrame(rows, columns=["metric", *chains])


def chart_frame(reports: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """metric, chain, value (plus a bar label), for the rates between 0 and 1."""
    rows = [
        {"metric": key, "chain": chain, "value": float(report["summary"][key]),
         "bar": f"{key} · {chain}"}
        for key in _RATE_METRICS
        for chain, report in reports.items()
        if isinstance(report["summary"].get(key), int | float)
    ]
    frame = pd.DataFrame(rows, columns=["metric", "chain", "value", "bar"])
    # Typed even when empty: the plot reads the column types once, on its first value.
    return frame.astype({"metric": str, "chain": str, "value": float, "bar": str})


def _verdict(result: dict[str, Any] | None) -> str:
    if result is None:
        return ""
    return "✓ hit" if not result.get("why") else f"✗ miss: {result['why']}"


def results_frame(reports: dict[str, dict[str, Any]]) -> pd.DataFrame:
    chains = [c for c in _CHAINS if c in reports]
    by_chain = {c: {r["id"]: r for r in reports[c].get("results", [])} for c in chains}
    ids = list(dict.fromkeys(i for c in chains for i in by_chain[c]))
    rows = []
    for qid in ids:
        first = next(by_chain[c][qid] for c in chains if qid in by_chain[c])
        row = {"id": qid, "question": first.get("question", "")}
        for c in chains:
            result = by_chain[c].get(qid)
            row[c] = _verdict(result)
            row[f"{c} latency (s)"] = "" if result is None else result.get("latency_s", "")
        rows.append(row)
    columns = ["id", "question", *chains, *(f"{c} latency (s)" for c in chains)]
    return pd.DataFrame(rows, columns=columns)


def eval_status(reports: dict[str, dict[str, Any]], reports_dir: Path) -> str:
    if not reports:
        return (
            f"No eval report in `{reports_dir}` yet. Make one with `assistant eval` "
            "(and `assistant eval --chain naive` for the baseline), or press "
            "**Run eval suite** below."
        )
    lines = [
        f"- **{chain}**: LLM `{r.get('llm', '?')}`, {r.get('created_at', '?')}, "
        f"{r['summary'].get('n', '?')} questions"
        for chain, r in reports.items()
    ]
    return "Latest reports:\n" + "\n".join(lines)


def eval_views(reports_dir: Path) -> tuple[str, pd.DataFrame, Any, pd.DataFrame]:
    """Status, summary table, bar chart (hidden while there is nothing to plot), results."""
    reports = read_reports(reports_dir)
    chart = chart_frame(reports)
    # The plot draws nothing when its first value was empty, so it is shown only with data.
    return (eval_status(reports, reports_dir), summary_frame(reports),
            gr.BarPlot(value=chart, visible=not chart.empty), results_frame(reports))


def make_run_eval(assistant: Assistant, questions: Path | None = None) -> Callable[..., tuple]:
    from assistant.evaluation import write_report

    reports_dir = assistant.settings.reports_dir

    def run_eval(chain: str, progress: gr.Progress = gr.Progress()) -> tuple:  # noqa: B008
        def update(done: int, total: int) -> None:
            progress((done, total), desc=f"eval ({chain})", unit="questions")

        progress(0, desc=f"eval ({chain}): starting")
        try:
            report = assistant.evaluate(questions, chain=chain, progress=update)
            write_report(report, reports_dir)
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc
        return eval_views(reports_dir)

    return run_eval


# --------------------------------------------------------------------------- the app


class AssistantApp(gr.Blocks):
    """Blocks with this UI's theme and CSS, which Gradio 6 takes in ``launch()``."""

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("css", CSS)
        kwargs.setdefault("theme", _theme())
        kwargs.setdefault("footer_links", ["api", "settings"])
        return super().launch(*args, **kwargs)


def _theme() -> gr.themes.Base:
    # System fonts: the default theme asks Google Fonts, which an offline machine cannot reach.
    return gr.themes.Soft(
        font=[gr.themes.Font("system-ui"), gr.themes.Font("sans-serif")],
        font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("monospace")],
    )


def _chat_tab(assistant: Assistant, docs: list[Any]) -> None:
    settings = assistant.settings
    all_ids = [d.id for d in docs]
    chatbot = gr.Chatbot(
        label="Answers", show_label=False, elem_id="chat", height=640, render_markdown=False,
        latex_delimiters=[], sanitize_html=True, feedback_options=None, buttons=[],
        placeholder="Ask about Alibaba's AI push. Every figure is cited and checked against "
                    "the passage it cites.",
    )
    with gr.Row():
        question = gr.Textbox(show_label=False, placeholder="Type a question and press Enter",
                              elem_id="question", scale=8, max_lines=4,
                              max_length=settings.max_question_chars + 1000)
        ask_btn = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
        clear_btn = gr.Button("Clear", scale=1, elem_id="clear")
    gr.Markdown("**Try an example**")
    with gr.Row():
        example_btns = [gr.Button(q, size="sm", elem_classes=["example"]) for q in EXAMPLES]
    with gr.Accordion("Settings", open=False):
        top_k = gr.Slider(1, TOP_K_MAX, value=min(settings.top_k, TOP_K_MAX), step=1,
                          label="Passages to search (top-k)")
        doc_ids = gr.CheckboxGroup(
            choices=[(f"{d.id} — {d.title}", d.id) for d in docs], value=all_ids,
            label="Documents to search",
        )
        from assistant.llm import describe_model

        gr.Textbox(value=describe_model(settings), label="Model that answers",
                   interactive=False, info="Only one model is configured (ASSISTANT_LLM).")
    history = gr.State([])
    respond = make_respond(assistant, all_ids)
    common = {"fn": respond, "outputs": [chatbot, history, question],
              "api_visibility": "private", "show_progress": "hidden"}
    question.submit(inputs=[question, chatbot, history, top_k, doc_ids], **common)
    ask_btn.click(inputs=[question, chatbot, history, top_k, doc_ids], **common)
    for btn in example_btns:
        btn.click(inputs=[btn, chatbot, history, top_k, doc_ids], **common)
    clear_btn.click(clear_chat, outputs=[chatbot, history, question], api_visibility="private")
    chatbot.clear(clear_chat, outputs=[chatbot, history, question], api_visibility="private")


def _corpus_tab(assistant: Assistant, docs: list[Any]) -> None:
    from assistant.index import corpus_summary

    by_id = {d.id: d for d in docs}
    gr.Dataframe(corpus_frame(corpus_summary(assistant.settings)), interactive=False,
                 datatype=["str", "str", "str", "str", "str", "markdown"], wrap=True,
                 column_widths=["10%", "8%", "11%", "10%", "53%", "8%"], label="Documents")
    first = docs[0].id if docs else None
    choice = gr.Dropdown(choices=[(f"{d.id} — {d.title}", d.id) for d in docs], value=first,
                         label="Show a document")
    view = gr.HTML(render_document_html(by_id.get(first)) if first else "", js_on_load=None,
                   elem_id="doc-view")
    choice.change(lambda doc_id: render_document_html(by_id.get(doc_id)), inputs=choice,
                  outputs=view, api_visibility="private")


def _source_choices(docs: list[Any], report: AuditReport | None) -> list[str]:
    ids = {d.id for d in docs if d.id != "article"}
    ids |= {c for r in (report.records if report else []) for c in r.cited}

    def natural(doc_id: str) -> tuple:
        return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", doc_id))

    return [ALL_SOURCES, *sorted(ids, key=natural)]


def _claims_tab(assistant: Assistant, docs: list[Any]) -> None:
    try:
        report = assistant.audit()
    except Exception as exc:  # the rest of the UI works without the audit
        log.exception("the claim audit failed")
        gr.HTML(render_error_html(f"the claim check could not run ({type(exc).__name__}); "
                                  "see the server log"), js_on_load=None)
        return
    gr.Markdown("Each figure in a referenced sentence of the article, checked against the "
                "source it cites and every other document in the corpus.")
    gr.HTML(render_audit_counts_html(report), js_on_load=None, elem_id="audit-counts")
    with gr.Row():
        verdicts = gr.CheckboxGroup(list(VERDICTS), value=list(VERDICTS), label="Verdicts",
                                    elem_id="audit-verdicts", scale=3)
        cited = gr.Dropdown(_source_choices(docs, report), value=ALL_SOURCES,
                            label="Cited source", elem_id="audit-cited", scale=1)
    table = gr.HTML(render_audit_html(report), js_on_load=None, elem_id="audit-table-view")
    gr.Markdown("### Figures the article states twice with different values")
    gr.HTML(render_inconsistencies_html(report), js_on_load=None, elem_id="audit-incons")

    def rerender(chosen: list[str] | None, source: str | None) -> str:
        return render_audit_html(report, chosen, source)

    for control in (verdicts, cited):
        control.change(rerender, inputs=[verdicts, cited], outputs=table,
                       api_visibility="private", show_progress="hidden")


def _eval_tab(app: gr.Blocks, assistant: Assistant, questions: Path | None) -> None:
    reports_dir = assistant.settings.reports_dir
    status = gr.Markdown(elem_id="eval-status")
    with gr.Row():
        summary = gr.Dataframe(label="Summary (latest reports)", interactive=False, scale=1)
        # Each bar's label names its chain, so the legend (which gets clipped) is left out.
        chart = gr.BarPlot(x="bar", y="value", color="chain", y_lim=[0, 1], x_title="metric",
                           x_label_angle=-30, label="Rates, verified vs naive", scale=2,
                           height=480, color_map=CHAIN_COLOURS, colors_in_legend=[],
                           visible=False, elem_id="eval-chart")
    results = gr.Dataframe(label="Per question", interactive=False, wrap=True,
                           elem_id="eval-results")
    with gr.Row():
        chain = gr.Radio(list(_CHAINS), value="verified", label="Chain to evaluate")
        run_btn = gr.Button("Run eval suite", variant="primary", elem_id="run-eval")
        refresh_btn = gr.Button("Refresh")
    outputs = [status, summary, chart, results]
    app.load(lambda: eval_views(reports_dir), outputs=outputs, api_visibility="private")
    refresh_btn.click(lambda: eval_views(reports_dir), outputs=outputs,
                      api_visibility="private")
    run_btn.click(make_run_eval(assistant, questions), inputs=chain, outputs=outputs,
                  api_visibility="private", concurrency_limit=1, concurrency_id="eval")


def build_app(assistant: Assistant, *, eval_questions: Path | None = None) -> gr.Blocks:
    """The whole UI; call ``.launch()`` on it (or use :func:`launch`).

    ``eval_questions``: the file "Run eval suite" uses (``evals/questions.yaml`` by default).
    """
    from assistant.corpus import load_corpus

    docs = load_corpus(assistant.settings.corpus_dir)
    with AssistantApp(title="Alibaba's AI push — research assistant",
                      analytics_enabled=False) as app:
        gr.Markdown(
            "## Alibaba's AI push — research assistant\n"
            "Answers about the AInvest article of 2025-08-29 and its five cited sources. "
            "Every figure is cited and verified against the passage it cites."
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                _chat_tab(assistant, docs)
            with gr.Tab("Corpus", id="corpus"):
                _corpus_tab(assistant, docs)
            with gr.Tab("Claim check", id="claims"):
                _claims_tab(assistant, docs)
            with gr.Tab("Evaluation", id="evaluation"):
                _eval_tab(app, assistant, eval_questions)
        gr.api(make_ask_api(assistant, [d.id for d in docs]), api_name="ask")
    app.queue(default_concurrency_limit=CONCURRENCY_LIMIT)
    return app


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """``user:password`` -> (user, password); None when no login is configured."""
    if not value:
        return None
    user, _, password = value.partition(":")
    return user, password


def launch(assistant: Assistant, host: str = "127.0.0.1", port: int = 7860,
           share: bool = False) -> None:
    """Serve the UI until interrupted (the ``assistant ui`` command)."""
    auth = parse_auth(assistant.settings.ui_auth)
    build_app(assistant).launch(
        server_name=host, server_port=port, share=share, auth=auth, show_error=False
    )
