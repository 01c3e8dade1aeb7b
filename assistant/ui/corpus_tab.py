"""The "Corpus" tab: the documents of the chosen corpus, duplicates flagged.

A document whose title or URL repeats another's (``duplicate_of`` in ``Assistant.corpus()``)
carries a warning badge, so a planted copy posing as another document is visible.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from assistant.ui.render import esc, render_corpus_html, render_error_html

if TYPE_CHECKING:
    import gradio as gr

    from assistant.ui.app import Assistants

log = logging.getLogger(__name__)


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
