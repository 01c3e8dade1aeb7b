"""The Python API's argument checks: a wrong type or value is one clear ``InputError`` (or
``ConfigError``) that says what is expected, before any work is done."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.errors import ConfigError, InputError

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

LLM_BACKENDS = ("local", "openai", "fake")


def check_llm(llm: object) -> BaseChatModel | None:
    """A backend name is a setting; a model object is used as given."""
    if llm is None:
        return None
    if isinstance(llm, str):
        if llm not in LLM_BACKENDS:
            raise ConfigError(
                f"llm must be one of {', '.join(LLM_BACKENDS)} or a chat model, not {llm!r}"
            )
        return None
    from langchain_core.language_models.chat_models import BaseChatModel

    if not isinstance(llm, BaseChatModel):
        raise InputError(
            f"llm must be a backend name ({', '.join(LLM_BACKENDS)}) or a LangChain chat "
            f"model, not {type(llm).__name__}"
        )
    return llm


def check_k(k: object, settings: Settings) -> int:
    if k is None:
        return settings.top_k
    if isinstance(k, bool) or not isinstance(k, int):
        raise InputError(f"k must be a whole number from 1 to 20, not {k!r}")
    if not 1 <= k <= 20:
        raise InputError(f"k must be between 1 and 20, not {k}")
    return k


def check_doc_ids(doc_ids: object) -> list[str] | None:
    if doc_ids is None:
        return None
    if isinstance(doc_ids, str) or not isinstance(doc_ids, list | tuple):
        raise InputError(f"doc_ids must be a list of document ids, not {doc_ids!r}")
    if not all(isinstance(d, str) and d for d in doc_ids):
        raise InputError(f"doc_ids must hold document ids (text), not {list(doc_ids)!r}")
    return list(doc_ids) or None


def check_history(history: object) -> list[str]:
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, list | tuple):
        raise InputError(f"history must be a list of earlier questions, not {history!r}")
    if not all(isinstance(h, str) for h in history):
        raise InputError("history must hold the earlier questions as text")
    return list(history)


def check_jobs(jobs: object) -> int:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InputError(f"jobs must be a whole number of at least 1, not {jobs!r}")
    return jobs


__all__ = [
    "LLM_BACKENDS",
    "check_doc_ids",
    "check_history",
    "check_jobs",
    "check_k",
    "check_llm",
]
