"""The answer a user gets: text, numbered citations, verified figures and what was dropped."""

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


@dataclass
class Answer:
    """What ``Assistant.ask`` returns."""

    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    figures: list[VerifiedFigure] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)
    abstained: bool = False
    quoted: bool = False  # True when the answer fell back to quoting the evidence verbatim
    draft: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    retrieved: list[str] = field(default_factory=list)  # passage ids, best first
    retrieved_docs: list[str] = field(default_factory=list)  # their doc ids, best first

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


__all__ = ["Answer", "Citation", "Dropped", "VerifiedFigure"]
