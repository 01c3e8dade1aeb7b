"""Evidence first, then a short draft, then verification: the answering chain.

    question --retrieve--> passages --select evidence sentences--> evidence [1..n]
      --prompt + LLM--> draft --verify each sentence against the quote it cites--> Answer

The bundled model is tiny and invents figures, so the chain never trusts it with a figure:

- *Evidence selection* keeps only sentences that answer the question. For a question that
  asks for a figure, a sentence qualifies only if one of its figures has the kind asked for
  and is about the same subject, measure and period (``measures.answers``). No qualifying
  sentence means the corpus does not say: the chain abstains without calling the model.
- *Verification* splits the draft into sentences. A sentence that states a figure must cite
  evidence, and every figure must stand (after normalisation) in a quote it cites, with the
  same measure; otherwise the sentence is dropped and the reason recorded.
- If nothing useful survives, the answer quotes the best evidence sentence verbatim.

Streaming yields only verified sentences, so no unverified figure is ever shown, even while
an answer is being written.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from assistant.answer import Answer, Citation, Dropped, VerifiedFigure
from assistant.errors import ModelError
from assistant.evidence import (
    Evidence,
    SentenceEmbeddings,
    citation_for,
    disagree,
    select_evidence,
)
from assistant.figures import find_figures
from assistant.retrieval import Hit, HybridRetriever
from assistant.text import marker_numbers
from assistant.verify import Verdict, attach_markers, draft_sentences, verify_sentence

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

log = logging.getLogger(__name__)

_REFUSAL = re.compile(
    r"\b(?:do(?:es)? not (?:say|mention|state|provide)|not (?:mentioned|"
    r"provided|stated)|i (?:do not|don't) know|no information)\b",
    re.I,
)


@lru_cache(maxsize=1)
def prompts() -> dict[str, Any]:
    """The prompts, kept together as data in ``assistant/prompts/prompts.yaml``."""
    text = resources.files("assistant").joinpath("prompts/prompts.yaml").read_text("utf-8")
    return yaml.safe_load(text)


# --------------------------------------------------------------------------- the chain


@dataclass
class ChainInput:
    question: str
    retrieval_query: str
    k: int
    doc_ids: list[str] | None


class VerifiedChain:
    """Retrieve, select evidence, draft with the model, verify; streaming verified text."""

    def __init__(self, retriever: HybridRetriever, llm: BaseChatModel, max_evidence: int = 4):
        from langchain_core.prompts import ChatPromptTemplate

        self.retriever = retriever
        self.llm = llm
        self.max_evidence = max_evidence
        self.sentence_embeddings = SentenceEmbeddings(retriever.embeddings)
        p = prompts()["answer"]
        self.prompt = ChatPromptTemplate.from_messages(
            [("system", p["system"]), ("human", p["human"])]
        )
        self.draft_chain = self.prompt | self.llm

    def evidence(self, inp: ChainInput) -> tuple[list[Hit], Evidence, dict[str, float]]:
        t0 = time.perf_counter()
        vector = self.retriever.embed_query(inp.retrieval_query)
        hits = self.retriever.retrieve(
            inp.retrieval_query, k=inp.k, doc_ids=inp.doc_ids, vector=vector
        )
        t1 = time.perf_counter()
        evidence = select_evidence(
            inp.retrieval_query, hits, vector, self.sentence_embeddings, self.max_evidence
        )
        t2 = time.perf_counter()
        return hits, evidence, {"retrieve_s": t1 - t0, "evidence_s": t2 - t1}

    def stream(self, inp: ChainInput) -> Iterator[str | Answer]:
        """Yield verified text as it is written, then the final Answer."""
        started = time.perf_counter()
        hits, evidence, timings = self.evidence(inp)
        answer = Answer(
            question=inp.question,
            text="",
            timings=timings,
            retrieved=[h.passage.id for h in hits],
            retrieved_docs=[h.passage.doc_id for h in hits],
        )
        if evidence.abstain_reason:
            answer.text, answer.abstained = prompts()["abstain"], True
            answer.dropped.append(Dropped("", f"abstained: {evidence.abstain_reason}"))
            answer.timings["first_sentence_s"] = time.perf_counter() - started
            yield answer.text
            yield self._finish(answer, None, [], started)
            return
        quotes = {i + 1: s.text for i, s in enumerate(evidence.sentences)}
        # Verified sentences are held back until they answer the question, so what streams
        # is always the final text: a draft that never answers is replaced by the quote.
        kept: list[Verdict] = []
        pending: list[Verdict] = []
        first_token: float | None = None
        for verdict in self._verified_pieces(inp.question, evidence, quotes, answer):
            pending.append(verdict)
            if self._answers_question(kept + pending, evidence):
                first_token = first_token or time.perf_counter()
                yield (" " if kept else "") + " ".join(v.sentence for v in pending)
                kept, pending = kept + pending, []
        if not kept:
            answer.dropped.extend(
                Dropped(v.sentence, "draft did not answer the question; quoting the evidence")
                for v in pending
            )
            kept = self._quote(evidence)
            answer.quoted = True
            first_token = time.perf_counter()
            yield " ".join(v.sentence for v in kept)
        answer.text = " ".join(v.sentence for v in kept)
        if first_token:
            answer.timings["first_sentence_s"] = first_token - started
        yield self._finish(answer, evidence, kept, started)

    def _verified_pieces(
        self, question: str, evidence: Evidence, quotes: dict[int, str], answer: Answer
    ) -> Iterator[Verdict]:
        lines = "\n".join(f"[{i}] {s.display}" for i, s in enumerate(evidence.sentences, 1))
        t0 = time.perf_counter()
        buffer = ""
        try:
            for chunk in self.draft_chain.stream({"evidence": lines, "question": question}):
                buffer += str(chunk.content)
                answer.draft += str(chunk.content)
                done, buffer = draft_sentences(buffer, final=False)
                yield from self._check(done, quotes, answer)
        except Exception as exc:
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"the chat model failed: {type(exc).__name__}: {exc}") from exc
        done, _ = draft_sentences(buffer, final=True)
        yield from self._check(done, quotes, answer)
        answer.timings["llm_s"] = time.perf_counter() - t0

    @staticmethod
    def _check(sentences: list[str], quotes: dict[int, str], answer: Answer) -> Iterator[Verdict]:
        for sentence in sentences:
            verdict = verify_sentence(sentence, quotes)
            if verdict.kept:
                if verdict.reason:
                    answer.dropped.append(Dropped(sentence, verdict.reason))
                yield verdict
            else:
                answer.dropped.append(Dropped(sentence, verdict.reason))

    @staticmethod
    def _answers_question(kept: list[Verdict], evidence: Evidence) -> bool:
        if not kept or _REFUSAL.search(" ".join(v.sentence for v in kept)):
            return False
        if not evidence.kinds:
            return True
        # A figure question is answered only by a verified figure of the kind (and currency)
        # asked for.
        return any(
            f.kind in evidence.kinds and (not evidence.currency or f.currency == evidence.currency)
            for v in kept
            for f, _ in v.figures
        )

    @staticmethod
    def _quote(evidence: Evidence) -> list[Verdict]:
        """Quote the best evidence verbatim, with a second sentence where it adds something.

        For a figure question the second sentence is one that gives a different value for
        the same measure (documents disagree: both are shown, each cited). For any other
        question it is the next best sentence, since one sentence rarely holds a full list.
        """
        best, rest = evidence.sentences[0], list(enumerate(evidence.sentences[1:], start=2))
        quoted, label = [(1, best)], ""
        if evidence.kinds:
            for n, other in rest:
                if disagree(best.display, other.display, evidence.kinds):
                    quoted.append((n, other))
                    label = "Another passage gives a different figure: "
                    break
        elif rest:
            quoted.append(rest[0])
        verdicts = [
            Verdict(
                attach_markers(s.display, [n]),
                True,
                "",
                [n],
                [(f, n) for f in find_figures(s.display)],
            )
            for n, s in quoted
        ]
        if len(verdicts) > 1 and label:
            verdicts[1].sentence = label + verdicts[1].sentence
        return verdicts

    @staticmethod
    def _finish(
        answer: Answer, evidence: Evidence | None, kept: list[Verdict], started: float
    ) -> Answer:
        """Attach the citations the text uses and the figures it states."""
        cited = sorted({n for v in kept for n in v.cited})
        sentences = evidence.sentences if evidence else []
        answer.citations = [citation_for(n, sentences[n - 1]) for n in cited]
        answer.figures = [
            VerifiedFigure(f.text, f.normalised(), n) for v in kept for f, n in v.figures
        ]
        answer.timings["total_s"] = time.perf_counter() - started
        return answer


class NaiveChain:
    """The baseline: top-k passages stuffed into one prompt, same model, no verification.

    Kept to measure what evidence selection and verification buy (``--chain naive``).
    """

    def __init__(self, retriever: HybridRetriever, llm: BaseChatModel) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_core.runnables import RunnableLambda, RunnablePassthrough

        self.retriever = retriever
        p = prompts()["naive"]
        prompt = ChatPromptTemplate.from_messages([("system", p["system"]), ("human", p["human"])])
        self.chain = (
            RunnablePassthrough.assign(sources=RunnableLambda(self._sources))
            | prompt
            | llm
            | StrOutputParser()
        )

    def _sources(self, inp: dict[str, Any]) -> str:
        hits: list[Hit] = inp["hits"]
        return "\n\n".join(f"[{i}] {h.passage.text}" for i, h in enumerate(hits, 1))

    def stream(self, inp: ChainInput) -> Iterator[str | Answer]:
        started = time.perf_counter()
        hits = self.retriever.retrieve(inp.retrieval_query, k=inp.k, doc_ids=inp.doc_ids)
        text = ""
        try:
            for piece in self.chain.stream({"question": inp.question, "hits": hits}):
                text += piece
                yield piece
        except Exception as exc:
            raise ModelError(f"the chat model failed: {type(exc).__name__}: {exc}") from exc
        cited = sorted(n for n in marker_numbers(text) if 1 <= n <= len(hits))
        citations = [
            Citation(
                n=n,
                doc_id=hits[n - 1].passage.doc_id,
                title=hits[n - 1].passage.title,
                url=hits[n - 1].passage.url,
                quote=hits[n - 1].passage.text,
                passage_id=hits[n - 1].passage.id,
                start=hits[n - 1].passage.start,
                end=hits[n - 1].passage.end,
                kind=hits[n - 1].passage.kind,
            )
            for n in cited
        ]
        yield Answer(
            question=inp.question,
            text=text.strip(),
            citations=citations,
            abstained=bool(_REFUSAL.search(text)),
            draft=text,
            timings={"total_s": time.perf_counter() - started},
            retrieved=[h.passage.id for h in hits],
            retrieved_docs=[h.passage.doc_id for h in hits],
        )


__all__ = [
    "ChainInput",
    "NaiveChain",
    "VerifiedChain",
    "prompts",
]
