"""What the chains are given: the question (``ChainInput``), how to answer it
(``ChainOptions``), the retriever they read (``Retriever``) and the prompts, shared by the
verified chain (``assistant.chain``) and the naive baseline (``assistant.naive``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

import yaml

from assistant.answer import Citation, VerifiedFigure

if TYPE_CHECKING:
    from assistant.chunking import Passage
    from assistant.retrieval import Hit

# A caveat for a shown figure (from the claim audit), or None.
CaveatLookup = Callable[[Citation, VerifiedFigure], "str | None"]


class Retriever(Protocol):
    """What the chains need from retrieval (a fake in unit tests)."""

    embedder: Any

    @property
    def passages(self) -> list[Passage]: ...  # every passage of the corpus

    def retrieve(
        self,
        query: str,
        k: int,
        doc_ids: list[str] | None = None,
        vector: list[float] | None = None,
    ) -> list[Hit]: ...


# A draft sentence that says the sources are silent (the naive chain reads it as abstaining).
REFUSAL = re.compile(
    r"\b(?:do(?:es)? not (?:say|mention|state|provide)|not (?:mentioned|"
    r"provided|stated)|i (?:do not|don't) know|no information)\b",
    re.I,
)


@lru_cache(maxsize=1)
def prompts() -> dict[str, Any]:
    """The prompts, kept together as data in ``assistant/prompts/prompts.yaml``."""
    text = resources.files("assistant").joinpath("prompts/prompts.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass
class ChainInput:
    question: str
    retrieval_query: str
    k: int
    doc_ids: list[str] | None


@dataclass(frozen=True)
class ChainOptions:
    """How the verified chain answers: who the corpus is about and what the model may add."""

    max_evidence: int = 4
    subject_names: tuple[str, ...] = ()  # the corpus subject and its aliases
    elaborate: bool = False  # ask the model for verified sentences after the quotes
    max_values: int = 3  # distinct values shown when documents disagree
    caveat: CaveatLookup | None = None
    grammar: bool = False  # constrain the draft with a GBNF grammar (assistant.grammar)
    # The article's reference numbers -> source doc ids, read when first needed.
    references: Callable[[], dict[int, str]] | None = None
    # Each document's (title, ISO date): they say which numbered quarter a month's quarter is.
    dated_titles: tuple[tuple[str, str], ...] = ()


__all__ = [
    "REFUSAL",
    "CaveatLookup",
    "ChainInput",
    "ChainOptions",
    "Retriever",
    "prompts",
]
