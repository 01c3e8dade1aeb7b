"""Hybrid retrieval: dense search in Chroma plus BM25 over the same passages, fused by rank.

Dense vectors find paraphrases ("spending pledge" for "committed"); BM25 finds rare exact
terms (tickers, product names, "Trendyol") that a small embedding model blurs. Reciprocal
rank fusion needs no score calibration between the two. The dense similarity of each hit is
kept, because the chain uses it to decide whether retrieval found anything relevant at all.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from assistant.chunking import Passage
from assistant.errors import IndexUnavailableError, InputError
from assistant.index import IndexHandle, embedding_text, load_embeddings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

RRF_K = 60
_TOKEN = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")
STOPWORDS = frozenset(
    """a an and are as at be been but by did do does for from had has have how in into is it
    its of on or over per than that the their them there these they this to was were what
    when where which who whom why will with would about after any can could much many
    company s""".split()  # noqa: SIM905 - a word list reads best as text
)


def tokenize(text: str) -> list[str]:
    """Lower-case word and number tokens without stop words (shared with evidence scoring)."""
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the evidence of why it was retrieved."""

    passage: Passage
    score: float  # fused reciprocal-rank score
    dense_similarity: float  # cosine similarity to the question, 0 when not a dense hit
    dense_rank: int | None
    bm25_rank: int | None


class HybridRetriever:
    """Dense (Chroma) + BM25 (bm25s) retrieval over one generation of the index."""

    def __init__(self, handle: IndexHandle, embeddings: Embeddings | None = None) -> None:
        import bm25s
        from langchain_chroma import Chroma

        # bm25s sets its own logger to DEBUG on import; keep its chatter out of stderr.
        logging.getLogger("bm25s").setLevel(logging.WARNING)

        self.handle = handle
        self.embeddings = embeddings or load_embeddings(handle.settings.embedding_model)
        self.passages = handle.passages()
        self.by_id = {p.id: p for p in self.passages}
        self.doc_ids = sorted({p.doc_id for p in self.passages})
        self.store = Chroma(
            client=handle.client,
            collection_name=handle.manifest.collection,
            embedding_function=self.embeddings,
        )
        self._bm25 = bm25s.BM25()
        self._bm25.index([tokenize(embedding_text(p)) for p in self.passages], show_progress=False)

    def check_doc_ids(self, doc_ids: list[str] | None) -> list[str] | None:
        """Refuse unknown document ids with the list of known ones."""
        if not doc_ids:
            return None
        unknown = sorted(set(doc_ids) - set(self.doc_ids))
        if unknown:
            raise InputError(
                f"unknown document id(s) {', '.join(unknown)} — known: {', '.join(self.doc_ids)}"
            )
        return list(doc_ids)

    def embed_query(self, question: str) -> list[float]:
        return self.embeddings.embed_query(question)

    def dense(
        self, vector: list[float], n: int, doc_ids: list[str] | None
    ) -> list[tuple[Passage, float]]:
        where = {"doc_id": {"$in": doc_ids}} if doc_ids else None
        try:
            found = self.store.similarity_search_by_vector_with_relevance_scores(
                vector, k=n, filter=where
            )
        except Exception as exc:
            place = self.handle.settings.chroma_url or self.handle.settings.index_dir
            raise IndexUnavailableError(
                f"the index at {place} could not be searched ({type(exc).__name__}: {exc}) — "
                "check that the Chroma server is running, or run `assistant ingest --rebuild`"
            ) from exc
        # langchain-chroma returns the cosine *distance* here; similarity is 1 - distance.
        return [(self.by_id[doc.id], 1.0 - distance) for doc, distance in found
                if doc.id in self.by_id]

    def bm25(self, question: str, doc_ids: list[str] | None) -> list[Passage]:
        tokens = tokenize(question)
        if not tokens:
            return []
        scores = self._bm25.get_scores(tokens)
        ranked = sorted(range(len(self.passages)), key=lambda i: -scores[i])
        allowed = set(doc_ids) if doc_ids else None
        return [
            self.passages[i]
            for i in ranked
            if scores[i] > 0 and (allowed is None or self.passages[i].doc_id in allowed)
        ]

    def retrieve(
        self,
        question: str,
        k: int = 5,
        doc_ids: list[str] | None = None,
        vector: list[float] | None = None,
    ) -> list[Hit]:
        """Top-k passages by reciprocal-rank fusion, overlapping neighbours merged."""
        doc_ids = self.check_doc_ids(doc_ids)
        vector = vector if vector is not None else self.embed_query(question)
        pool = min(len(self.passages), max(4 * k, 20))
        dense = self.dense(vector, pool, doc_ids)
        sparse = self.bm25(question, doc_ids)[:pool]
        fused: dict[str, float] = {}
        for rank, (p, _) in enumerate(dense):
            fused[p.id] = fused.get(p.id, 0.0) + 1.0 / (RRF_K + rank + 1)
        for rank, p in enumerate(sparse):
            fused[p.id] = fused.get(p.id, 0.0) + 1.0 / (RRF_K + rank + 1)
        dense_rank = {p.id: r for r, (p, _) in enumerate(dense)}
        dense_sim = {p.id: s for p, s in dense}
        bm25_rank = {p.id: r for r, p in enumerate(sparse)}
        best = sorted(fused, key=lambda pid: -fused[pid])[:k]
        hits = [
            Hit(self.by_id[pid], fused[pid], dense_sim.get(pid, 0.0), dense_rank.get(pid),
                bm25_rank.get(pid))
            for pid in best
        ]
        return merge_overlapping(hits)


def merge_overlapping(hits: list[Hit]) -> list[Hit]:
    """Merge hits from the same document whose character ranges overlap or touch.

    The merged hit keeps the better rank's position and score, so the order stays by relevance.
    """
    merged: list[Hit] = []
    for hit in hits:
        for i, kept in enumerate(merged):
            a, b = kept.passage, hit.passage
            if a.doc_key == b.doc_key and a.start <= b.end and b.start <= a.end:
                merged[i] = replace(kept, passage=_union(a, b),
                                    dense_similarity=max(kept.dense_similarity,
                                                         hit.dense_similarity))
                break
        else:
            merged.append(hit)
    return merged


def _union(a: Passage, b: Passage) -> Passage:
    first, second = (a, b) if a.start <= b.start else (b, a)
    end = max(first.end, second.end)
    text = first.text + second.text[first.end - second.start :] if second.end > first.end else (
        first.text
    )
    chunks = sorted({*a.id.split("#", 1)[1].split("+"), *b.id.split("#", 1)[1].split("+")}, key=int)
    return replace(first, id=f"{first.doc_key}#{'+'.join(chunks)}", start=first.start, end=end,
                   text=text)


__all__ = ["Hit", "HybridRetriever", "merge_overlapping", "tokenize"]
