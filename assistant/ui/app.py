"""The Gradio app: the page header, the corpus picker and the four tabs, and serving it.

``build_app(assistant)`` returns the Blocks; ``launch(assistant, ...)`` serves it (the
``assistant ui`` command) after :mod:`assistant.ui.auth` has decided whether a login is
needed. When the index holds several corpora, a picker chooses which one every tab shows;
each corpus gets its own ``Assistant``, created on first use (:class:`Assistants`).
"""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import Assistant
from assistant.ui import chat, claims, corpus_tab, evals
from assistant.ui.auth import resolve_auth

log = logging.getLogger(__name__)

CONCURRENCY_LIMIT = 4


def stylesheet() -> str:
    """The UI's CSS (``style.css``, shipped as package data)."""
    return resources.files("assistant.ui").joinpath("style.css").read_text(encoding="utf-8")


class Assistants:
    """One ``Assistant`` per corpus of the index, keyed by corpus name, created lazily.

    The first one (the corpus the UI was started on) is given; the others share its settings
    and chat model, so a second corpus costs an index handle, not a second model.
    """

    def __init__(self, first: Assistant) -> None:
        self.first = first
        self.default = first.profile.name
        self._by_name: dict[str, Assistant] = {self.default: first}
        self._audits: dict[str, Any] = {}
        self._lock = threading.Lock()
        self.rows = self._corpora()

    def _corpora(self) -> list[dict[str, Any]]:
        try:
            rows = list(self.first.corpora())
        except Exception:  # the picker is a convenience; the first corpus always works
            log.exception("cannot list the corpora of the index")
            rows = []
        if not any(r.get("name") == self.default for r in rows):
            profile = self.first.profile
            rows.insert(
                0,
                {
                    "name": self.default,
                    "title": profile.title,
                    "corpus_dir": str(profile.directory),
                },
            )
        return rows

    def choices(self) -> list[tuple[str, str]]:
        """(label, name) for the picker."""
        return [(f"{r.get('title') or r['name']} ({r['name']})", r["name"]) for r in self.rows]

    def get(self, name: str | None) -> Assistant:
        """The assistant of corpus ``name`` (the first one for None or an unknown name)."""
        if not name or name == self.default:
            return self.first
        with self._lock:
            if name not in self._by_name:
                row = next((r for r in self.rows if r["name"] == name), None)
                if row is None:
                    return self.first
                self._by_name[name] = Assistant(
                    self.first.settings, corpus=row["corpus_dir"], llm=self.first.llm
                )
            return self._by_name[name]

    def audit(self, name: str | None) -> Any:
        """The claim audit of corpus ``name``, computed once."""
        key = name or self.default
        with self._lock:
            cached = self._audits.get(key)
        if cached is None:
            cached = self.get(key).audit()
            with self._lock:
                self._audits[key] = cached
        return cached


def header_markdown(profile: Any, documents: int | None = None) -> str:
    """The page header: the corpus title, what it is about, and the promise."""
    about = f"Answers about {profile.subject}" if profile.subject else "Answers"
    count = f" from its {documents} documents" if documents else ""
    return (
        f"## {profile.title} — research assistant\n"
        f"{about}{count}. Every figure is cited and verified against the passage it cites."
    )


class AssistantApp(gr.Blocks):
    """Blocks with this UI's theme and CSS, which Gradio 6 takes in ``launch()``."""

    def launch(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("css", stylesheet())
        kwargs.setdefault("theme", _theme())
        kwargs.setdefault("footer_links", ["api", "settings"])
        return super().launch(*args, **kwargs)


def _theme() -> gr.themes.Base:
    # System fonts: the default theme asks Google Fonts, which an offline machine cannot reach.
    return gr.themes.Soft(
        font=[gr.themes.Font("system-ui"), gr.themes.Font("sans-serif")],
        font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("monospace")],
    )


def build_app(assistant: Assistant, *, eval_questions: Path | None = None) -> gr.Blocks:
    """The whole UI; call ``.launch()`` on it (or use :func:`launch`).

    ``eval_questions``: the file "Run eval" uses (the corpus's default suite when None).
    """
    pool = Assistants(assistant)
    profile = assistant.profile
    with AssistantApp(
        title=f"{profile.title} — research assistant", analytics_enabled=False
    ) as app:
        header = gr.Markdown(header_markdown(profile), elem_id="header")
        picker = gr.Dropdown(
            pool.choices(),
            value=pool.default,
            label="Corpus",
            visible=len(pool.rows) > 1,
            elem_id="corpus-picker",
            interactive=True,
        )
        picker.change(
            lambda name: header_markdown(pool.get(name).profile),
            inputs=picker,
            outputs=header,
            api_visibility="private",
        )
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                chat.build(app, pool, picker)
            with gr.Tab("Corpus", id="corpus"):
                corpus_tab.build(app, pool, picker)
            with gr.Tab("Claim check", id="claims"):
                claims.build(app, pool, picker)
            with gr.Tab("Evaluation", id="evaluation"):
                evals.build(app, pool, picker, eval_questions)
        gr.api(chat.make_ask_api(pool), api_name="ask")
    app.queue(default_concurrency_limit=CONCURRENCY_LIMIT)
    return app


def launch(
    assistant: Assistant,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    allow_public: bool = False,
) -> None:
    """Serve the UI until interrupted; a non-loopback host needs a login (see ``auth``)."""
    auth = resolve_auth(host, assistant.settings.ui_auth, share=share, allow_public=allow_public)
    build_app(assistant).launch(
        server_name=host, server_port=port, share=share, auth=auth, show_error=False
    )
