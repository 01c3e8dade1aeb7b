"""The answer a user gets: a direct line, supporting quotes, citations and what was checked."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    """Evidence sentence ``n`` of an answer: the exact quote and where it stands."""

    n: int
    doc_id: str
    title: str
    url: str
    quote: str
    passage_id: str
    start: int  # offsets of the quote in the document's text
    end: int
    kind: str = "article"
    section: str = ""
    duplicate_of: str | None = None  # another document has this one's title or URL

    @property
    def source_label(self) -> str:
        """How the answer names the document: its id (the file's stem), never its claimed title."""
        return self.doc_id


@dataclass(frozen=True)
class VerifiedFigure:
    """A figure stated in the answer and the citation whose quote holds it."""

    text: str
    normalised: str
    citation: int


@dataclass(frozen=True)
class Dropped:
    """A draft sentence removed by verification, and why."""

    sentence: str
    reason: str


@dataclass(frozen=True)
class Caveat:
    """A shown figure whose support is weaker than it looks (from the claim audit)."""

    citation: int
    figure: str
    message: str


@dataclass
class Answer:
    """What ``Assistant.ask`` returns.

    ``direct`` is one short line answering the question from verified figures and names;
    ``text`` is the whole answer (the direct line, then the supporting quotes); ``premise``
    says what the question assumed that the sources contradict.
    """

    question: str
    text: str
    direct: str = ""
    premise: str | None = None
    caveats: list[Caveat] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    figures: list[VerifiedFigure] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    abstained: bool = False
    quoted: bool = False  # the supporting text is the evidence quoted verbatim
    model_words: bool = False  # the text holds verified words written by the model
    missing: list[str] = field(default_factory=list)  # parts of the question not in the sources
    draft: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    retrieved: list[str] = field(default_factory=list)  # passage ids, best first
    retrieved_docs: list[str] = field(default_factory=list)  # their doc ids, best first

    def to_dict(self) -> dict[str, Any]:
        """The one JSON-able form of an answer (CLI ``--json``, the UI's API, eval reports)."""
        data = asdict(self)
        for item, citation in zip(data["citations"], self.citations, strict=True):
            item["source_label"] = citation.source_label
        return data


__all__ = ["Answer", "Caveat", "Citation", "Dropped", "VerifiedFigure"]
