"""Meaning by embeddings, for evidence selection: the ``Embedder`` protocol (what is needed
of a model, so unit tests pass a fake), cosine similarity, and ``SentenceEmbeddings``, which
caches sentence vectors by text (the corpus is small and questions repeat passages).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol


class Embedder(Protocol):
    """What evidence selection needs from an embedding model."""

    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


def cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


class SentenceEmbeddings:
    """Sentence vectors, cached by text: the corpus is small and questions repeat passages."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._cache: dict[str, list[float]] = {}

    def vectors(self, sentences: list[str]) -> list[list[float]]:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._cache]
        if missing:
            for text, vec in zip(missing, self.embedder.embed_documents(missing), strict=True):
                self._cache[text] = vec
        return [self._cache[s] for s in sentences]

    def similarity(self, a: str, b: str) -> float:
        """Cosine of two short texts (a measure phrase and a clause), both cached."""
        va, vb = self.vectors([a, b])
        return cosine(va, vb)


__all__ = ["Embedder", "SentenceEmbeddings", "cosine"]
