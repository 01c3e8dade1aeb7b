"""The "Corpus" tab: the documents of the chosen corpus, duplicates flagged.

The listing renderers are pure: HTML for the tab, lines for ``assistant corpus`` (the CLI).

A document whose title or URL repeats another's (``duplicate_of`` in ``Assistant.corpus()``)
carries a warning badge, so a planted copy posing as another document is visible.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assistant.ui.render import esc, link, render_error_html, safe_url

if TYPE_CHECKING:
    import gradio as gr

    from assistant.ui.app import Assistants

log = logging.getLogger(__name__)


def duplicate_note(row: Mapping[str, Any]) -> str:
    """ "duplicate of X" for a document whose title or URL repeats another's, else ""."""
    other = row.get("duplicate_of")
    return f"duplicate of {other}" if other else ""


def _passages(row: Mapping[str, Any]) -> str:
    return "-" if row.get("passages") is None else str(row["passages"])


def render_corpus_html(rows: Sequence[Mapping[str, Any]]) -> str:
    """The documents of one corpus as a table; duplicates of another document carry a badge."""
    head = "".join(f"<th>{h}</th>" for h in ("id", "kind", "date", "passages", "title", "link"))
    body = []
    for row in rows:
        note = duplicate_note(row)
        badge = (
            f' <span class="badge badge-duplicate" title="its title or URL repeats '
            f"another document's; its citations name its own file\">⚠ {esc(note)}</span>"
            if note
            else ""
        )
        flag = ' class="duplicate"' if note else ""
        body.append(
            f'<tr{flag} data-doc="{esc(row.get("id", ""))}">'
            f"<td><code>{esc(row.get('id', ''))}</code></td><td>{esc(row.get('kind', ''))}</td>"
            f"<td>{esc(row.get('date') or 'n.d.')}</td><td>{_passages(row)}</td>"
            f"<td>{esc(row.get('title', ''))}{badge}</td>"
            f"<td>{link(row.get('url'), 'open') if safe_url(row.get('url')) else ''}</td></tr>"
        )
    return (
        f'<table id="corpus-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def corpus_lines(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The documents of one corpus for a terminal: id, kind, date, passages, title, url."""
    lines = []
    for r in rows:
        note = duplicate_note(r)
        flag = f"  [{note}]" if note else ""
        lines.append(
            f"{r.get('id', ''):<12} {r.get('kind', ''):<8} {r.get('date') or 'n.d.':<10} "
            f"{_passages(r):>4}  {r.get('title', '')}{flag}"
        )
        if r.get("url"):
            lines.append(f"{'':<38}{r['url']}")
    return lines


def corpora_lines(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every corpus in the index for a terminal: name, documents, passages, title, folder."""
    lines = []
    for r in rows:
        lines.append(
            f"{r.get('name', ''):<24} {r.get('documents', '-')!s:>4} docs "
            f"{r.get('passages', '-')!s:>5} passages  {r.get('title', '')}"
        )
        lines.append(f"{'':<25}{r.get('corpus_dir', '')}  (built {r.get('built_at', '?')})")
    return lines


def corpus_view(pool: Assistants, corpus: str | None) -> str:
    """The documents table of ``corpus`` with a one-line summary above it."""
    try:
        assistant = pool.get(corpus)
        rows = assistant.corpus()
        profile = assistant.profile
    except Exception as exc:  # the chat still works when the listing cannot be read
        log.exception("cannot list the corpus")
        return render_error_html(
            f"the corpus cannot be listed ({type(exc).__name__}); see the server log"
        )
    duplicates = sum(1 for r in rows if r.get("duplicate_of"))
    warning = (
        f' <span class="badge badge-duplicate">⚠ {duplicates} duplicate '
        f"document{'s' if duplicates != 1 else ''}</span>"
        if duplicates
        else ""
    )
    return (
        f'<p class="corpus-summary"><b>{esc(profile.title)}</b> · <code>'
        f"{esc(profile.directory)}</code> · {len(rows)} documents{warning}</p>"
        f"{render_corpus_html(rows)}"
    )


def build(app: gr.Blocks, pool: Assistants, picker: gr.Dropdown) -> None:
    """The documents table; it follows the corpus picker."""
    import gradio as gr

    view = gr.HTML(elem_id="corpus-view")

    def load(corpus: Any) -> str:
        return corpus_view(pool, corpus)

    app.load(load, inputs=picker, outputs=view, api_visibility="private", show_progress="hidden")
    picker.change(
        load, inputs=picker, outputs=view, api_visibility="private", show_progress="hidden"
    )
