"""The Gradio web UI: chat with cited, verified answers; the corpus; the claim check; evals.

- ``app``: the Blocks, the corpus picker, serving (``build_app``, ``launch``);
- ``chat``, ``corpus_tab``, ``claims``, ``evals``: one module per tab;
- ``render``: pure rendering functions (HTML for the UI, lines for the CLI);
- ``auth``: who may reach the server; ``style.css``: the look.

Importing this package is cheap: gradio loads with ``app`` (``build_app`` / ``launch``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["build_app", "launch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from assistant.ui import app

        return getattr(app, name)
    raise AttributeError(f"module 'assistant.ui' has no attribute {name!r}")
