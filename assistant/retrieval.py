"""Hybrid retrieval: dense search in Chroma plus BM25 over the same passages, fused by rank,
and the table rows a question names by their label (``assistant.row_search``).

Dense vectors find paraphrases ("spending pledge" for "committed"); BM25 finds rare exact
terms (tickers, product names, brand names) that a small embedding model blurs. Reciprocal
rank fusion needs no score calibration between the two. The dense similarity of each hit is
kept, because the chain uses it to decide whether retrieval found anything relevant at all.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.abbreviations import spelled_words
from assistant.chunking import Passage
from assistant.embeddings import Embedder, embedding_text
from assistant.errors import IndexUnavailableError, InputError
from assistant.row_search import measure_led, named_rows
from assistant.text import STOPWORDS, stem, tokenize

if TYPE_CHECKING:
    from assistant.index import IndexHandle, IndexReader

log = logging.getLogger(__name__)

RRF_K = 60
# A table row as the corpus loader writes it: "Label \u2014 Header: value; Header: value".
_TABLE_ROW = re.compile(r"^[^\n:\u2014]{1,100} \u2014 [^:\n]{1,40}:", re.M)


@dataclass(frozen=True)
class Hit:
    """One retrieved passage with the evidence of why it was retrieved."""

    passage: Passage
    score: float  # fused reciprocal-rank score
    dense_similarity: float  # cosine similarity to the question, 0 when not a dense hit
    dense_rank: int | None
    bm25_rank: int | None


@dataclass(frozen=True)
class _State:
    """Everything built from one generation: swapped as a whole when the index changes."""

    handle: IndexHandle
    passages: list[Passage]
    by_id: dict[str, Passage]
    doc_ids: list[str]
    bm25: Any
    spellings: dict[str, str] = field(default_factory=dict)  # acronym -> words, as found

    @classmethod
    def build(cls, handle: IndexHandle) -> _State:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; keep its chatter out of stderr.
        logging.getLogger("bm25s").setLevel(logging.WARNING)
        passages = handle.passages()
        bm25 = bm25s.BM25()
        bm25.index([_terms(embedding_text(p)) for p in passages], show_progress=False)
        return cls(
            handle,
            passages,
            {p.id: p for p in passages},
            sorted({p.doc_id for p in passages}),
            bm25,
        )


class HybridRetriever:
    """Dense (Chroma) + BM25 (bm25s) retrieval over the current generation of one corpus.

    Given an :class:`~assistant.index.IndexReader`, it follows the reader to each new
    generation between questions. Given a handle, it stays on that generation, except that
    a collection that vanished mid-search (another process replaced it on a server) is
    reopened once and the search retried.
    """

    def __init__(self, index: IndexHandle | IndexReader, embedder: Embedder | None = None) -> None:
        from assistant.embeddings import query_embedder
        from assistant.index import IndexReader

        self._reader = index if isinstance(index, IndexReader) else None
        handle = index.handle() if isinstance(index, IndexReader) else index
        self.settings = handle.settings
        self.embedder: Embedder = embedder or query_embedder(handle.settings)
        self._lock = threading.Lock()
        self._state = _State.build(handle)

    @property
    def handle(self) -> IndexHandle:
        return self._state.handle

    @property
    def passages(self) -> list[Passage]:
        return self._state.passages

    @property
    def by_id(self) -> dict[str, Passage]:
        return self._state.by_id

    @property
    def doc_ids(self) -> list[str]:
        return self._current().doc_ids

    def _current(self) -> _State:
        """The state of the reader's current generation (rebuilt when it changed)."""
        if self._reader is None:
            return self._state
        handle = self._reader.handle()
        with self._lock:
            if handle is not self._state.handle:
                self._state = _State.build(handle)
            return self._state

    def _reopened(self, failed: _State) -> _State:
        from assistant.index import open_index

        with self._lock:
            if self._state is failed:
                handle = (
                    self._reader.reopen() if self._reader is not None else open_index(self.settings)
                )
                self._state = _State.build(handle)
            return self._state

    def check_doc_ids(
        self, doc_ids: list[str] | None, state: _State | None = None
    ) -> list[str] | None:
        """Refuse unknown document ids with the list of known ones."""
        if not doc_ids:
            return None
        known = (state or self._current()).doc_ids
        unknown = sorted(set(doc_ids) - set(known))
        if unknown:
            raise InputError(
                f"unknown document id(s) {', '.join(unknown)} — known: {', '.join(known)}"
            )
        return list(doc_ids)

    def embed_query(self, question: str) -> list[float]:
        return self.embedder.embed_query(question)

    def dense(
        self, vector: list[float], n: int, doc_ids: list[str] | None, state: _State | None = None
    ) -> list[tuple[Passage, float]]:
        """Nearest passages by cosine similarity, best first (one retry after a switch)."""
        state = state or self._current()
        try:
            return self._dense(state, vector, n, doc_ids)
        except Exception as exc:
            from assistant import store

            if not store.is_not_found(exc):
                raise self._unavailable(exc) from exc
            log.info("the index generation changed during a search; reopening")
            try:
                return self._dense(self._reopened(state), vector, n, doc_ids)
            except Exception as again:
                raise self._unavailable(again) from again

    def _dense(
        self, state: _State, vector: list[float], n: int, doc_ids: list[str] | None
    ) -> list[tuple[Passage, float]]:
        if n <= 0 or not state.passages:
            return []
        where = {"doc_id": {"$in": doc_ids}} if doc_ids else None
        found = state.handle.collection.query(
            query_embeddings=[vector],
            n_results=min(n, len(state.passages)),
            where=where,
            include=["distances"],
        )
        ids, distances = found["ids"][0], found["distances"][0]
        # The collection uses cosine space: the distance is 1 - cosine similarity.
        return [
            (state.by_id[pid], 1.0 - float(d))
            for pid, d in zip(ids, distances, strict=True)
            if pid in state.by_id
        ]

    def _unavailable(self, exc: BaseException) -> Exception:
        from assistant import store
        from assistant.errors import AssistantError, IndexReadOnlyError

        if isinstance(exc, AssistantError):
            return exc
        place = self.settings.chroma_url or self.settings.index_dir
        if store.is_read_only(exc):
            return IndexReadOnlyError(
                f"the index at {place} could not be read without writing "
                f"({exc}) — make it readable and writable, or copy it"
            )
        return IndexUnavailableError(
            f"the index at {place} could not be searched ({type(exc).__name__}: {exc}) — "
            "check that the Chroma server is running, or run `assistant ingest --rebuild`"
        )

    def bm25(
        self, question: str, doc_ids: list[str] | None, state: _State | None = None
    ) -> list[Passage]:
        state = state or self._current()
        tokens = _terms(question) + _spelt_out_terms(question, state)
        if not tokens or not state.passages:
            return []
        scores = state.bm25.get_scores(tokens)
        ranked = sorted(range(len(state.passages)), key=lambda i: -scores[i])
        allowed = set(doc_ids) if doc_ids else None
        return [
            state.passages[i]
            for i in ranked
            if scores[i] > 0 and (allowed is None or state.passages[i].doc_id in allowed)
        ]

    def retrieve(
        self,
        question: str,
        k: int = 5,
        doc_ids: list[str] | None = None,
        vector: list[float] | None = None,
    ) -> list[Hit]:
        """Top-k passages by reciprocal-rank fusion, overlapping neighbours merged."""
        state = self._current()
        doc_ids = self.check_doc_ids(doc_ids, state)
        vector = vector if vector is not None else self.embed_query(question)
        pool = min(len(state.passages), max(4 * k, 20))
        dense = self.dense(vector, pool, doc_ids, state)
        state = self._state if self._state.handle is not state.handle else state
        matched = self.bm25(question, doc_ids, state)
        sparse = matched[:pool]
        fused: dict[str, float] = {}
        for ranking in ([p for p, _ in dense], sparse):
            for rank, p in enumerate(ranking):
                fused[p.id] = fused.get(p.id, 0.0) + 1.0 / (RRF_K + rank + 1)
        dense_rank = {p.id: r for r, (p, _) in enumerate(dense)}
        dense_sim = {p.id: s for p, s in dense}
        bm25_rank = {p.id: r for r, p in enumerate(sparse)}
        by_id = {**state.by_id, **{p.id: p for p, _ in dense}}
        best = _with_leaders(sorted(fused, key=lambda pid: -fused[pid]), k, dense, sparse)
        # A table row the question names by its label comes too, beside the top k, not in
        # place of any of them.
        best += [p.id for p in named_rows(question, matched) if p.id not in best]
        best += [p.id for p in measure_led(question, matched) if p.id not in best]
        best += _table_neighbours(best, by_id, doc_ids)
        hits = [
            Hit(
                by_id[pid],
                fused.get(pid, 0.0),
                dense_sim.get(pid, 0.0),
                dense_rank.get(pid),
                bm25_rank.get(pid),
            )
            for pid in best
        ]
        return merge_overlapping(hits)


# "ROA", "NPLs": capitals a question may write where the documents spell the words out.
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,4}(?=s?\b)")


def _spelt_out_terms(question: str, state: _State) -> list[str]:
    """BM25 terms for the words the passages spell a question's acronyms with ("ROA" ->
    "return on average assets"): the most common spelling of each, so that a table row
    written out is found by its acronym."""
    terms: list[str] = []
    for acronym in dict.fromkeys(_ACRONYM.findall(question)):
        if acronym not in state.spellings:  # scanning every passage once per acronym
            state.spellings[acronym] = _spellings(acronym, state.passages)
        terms += _terms(state.spellings[acronym])
    return terms


def _spellings(acronym: str, passages: list[Passage]) -> str:
    """The words that spell ``acronym`` opening a line (a table row's label, a bullet's
    lead), else anywhere: the most common such spelling ("rate outlook assumes" spells ROA
    too, in prose)."""
    labels: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    for line in (line for p in passages for line in p.text.splitlines()):
        words = spelled_words(acronym, line)
        if words:
            phrase = " ".join(words)
            anywhere[phrase] += 1
            if re.sub(r"^[\W_]+", "", line).lower().startswith(words[0]):
                labels[phrase] += 1
    found = labels or anywhere
    return found.most_common(1)[0][0] if found else ""


def _terms(text: str) -> list[str]:
    """BM25 terms: stemmed, so "groceries" finds "grocery" and "growing" finds "grow"."""
    return [stem(t) for t in tokenize(text)]


def _with_leaders(
    ranked: list[str], k: int, dense: list[tuple[Passage, float]], sparse: list[Passage]
) -> list[str]:
    """The top ``k`` by fused rank, always keeping each retriever's first choice.

    Fusion can push a passage that only one retriever ranks first (a rare exact term that
    the embedding blurs, "tax rate") below the cut; each side's best is worth a place.
    """
    best = ranked[:k]
    leaders = [ids[0] for ids in ([p.id for p, _ in dense], [p.id for p in sparse]) if ids]
    for leader in leaders:
        if leader not in best and best:
            spare = next((i for i in range(len(best) - 1, -1, -1) if best[i] not in leaders), None)
            if spare is not None:
                best[spare] = leader
    return best


# How many passages a retrieved table passage brings on each side (tables are cut by size).
TABLE_REACH = 2


def _is_table(passage: Passage) -> bool:
    return len(_TABLE_ROW.findall(passage.text)) >= 2


def _table_neighbours(
    best: list[str], by_id: dict[str, Passage], doc_ids: list[str] | None
) -> list[str]:
    """The passages just before and after each retrieved table passage, when they hold
    table rows too. A table is split across passages by size, not meaning: the row asked
    about ("Fuel") may sit one passage away from the rows that matched the question."""
    extra: list[str] = []
    for pid in best:
        passage = by_id[pid]
        if not _is_table(passage):
            continue
        for step in (-1, 1):
            # Up to TABLE_REACH passages each way, while they still hold table rows.
            for chunk in range(
                passage.chunk + step, passage.chunk + step * (TABLE_REACH + 1), step
            ):
                near = by_id.get(f"{passage.doc_key}#{chunk}")
                if near is None or not _is_table(near):
                    break
                if near.id in best or near.id in extra:
                    continue
                if doc_ids is None or near.doc_id in doc_ids:
                    extra.append(near.id)
    return extra


def merge_overlapping(hits: list[Hit]) -> list[Hit]:
    """Merge hits from the same document whose character ranges overlap or touch.

    The merged hit keeps the better rank's position and score, so the order stays by relevance.
    """
    merged: list[Hit] = []
    for hit in hits:
        for i, kept in enumerate(merged):
            a, b = kept.passage, hit.passage
            if a.doc_key == b.doc_key and a.start <= b.end and b.start <= a.end:
                merged[i] = replace(
                    kept,
                    passage=_union(a, b),
                    dense_similarity=max(kept.dense_similarity, hit.dense_similarity),
                )
                break
        else:
            merged.append(hit)
    return merged


def _union(a: Passage, b: Passage) -> Passage:
    first, second = (a, b) if a.start <= b.start else (b, a)
    end = max(first.end, second.end)
    text = (
        first.text + second.text[first.end - second.start :]
        if second.end > first.end
        else (first.text)
    )
    chunks = sorted({*a.id.split("#", 1)[1].split("+"), *b.id.split("#", 1)[1].split("+")}, key=int)
    return replace(
        first, id=f"{first.doc_key}#{'+'.join(chunks)}", start=first.start, end=end, text=text
    )


__all__ = [
    "STOPWORDS",
    "Embedder",
    "Hit",
    "HybridRetriever",
    "merge_overlapping",
    "tokenize",
]
