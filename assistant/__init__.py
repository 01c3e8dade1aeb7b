"""A research assistant for an article and the sources it cites, any corpus folder.

Every figure it shows is cited and checked against the passage it cites::

    from assistant import Assistant
    answer = Assistant(corpus="corpus").ask("What did free cash flow do last quarter?")
    answer.direct, answer.citations, answer.premise, answer.caveats

Heavy libraries (torch, chromadb, llama.cpp, gradio) load on first use, not on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Caveat, Citation, Dropped, VerifiedFigure
from assistant.config import Settings, load_settings
from assistant.errors import (
    AssistantError,
    ConfigError,
    CorpusError,
    EvalFileError,
    FetchError,
    IndexCorruptError,
    IndexNotFoundError,
    IndexReadOnlyError,
    IndexUnavailableError,
    InputError,
    ModelError,
)

if TYPE_CHECKING:
    from assistant.api import Assistant, Conversation

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Caveat",
    "Citation",
    "ConfigError",
    "Conversation",
    "CorpusError",
    "Dropped",
    "EvalFileError",
    "FetchError",
    "IndexCorruptError",
    "IndexNotFoundError",
    "IndexReadOnlyError",
    "IndexUnavailableError",
    "InputError",
    "ModelError",
    "Settings",
    "VerifiedFigure",
    "load_settings",
]


def __getattr__(name: str) -> Any:
    # Assistant pulls in LangChain; load it only when it is asked for.
    if name in ("Assistant", "Conversation"):
        from assistant import api

        return getattr(api, name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
