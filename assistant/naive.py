"""The naive baseline chain: top-k passages stuffed into one prompt, no verification.

This module owns ``NaiveChain`` (``--chain naive``), kept only to measure what the verified
chain in ``assistant.chain`` buys; it shares that module's prompts and input types.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Citation
from assistant.chain_inputs import REFUSAL, ChainInput, Retriever, prompts
from assistant.errors import ModelError
from assistant.retrieval import Hit
from assistant.text import marker_numbers

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel


# The passages stuffed into one prompt must leave room in the bundled model's 2048-token
# context for the instructions and the answer: about 900 words (figures and punctuation make
# such text nearly two tokens a word).
MAX_SOURCE_WORDS = 900


def _fitting(hits: list[Hit]) -> list[Hit]:
    """The best-ranked passages whose words fit ``MAX_SOURCE_WORDS`` (at least one)."""
    kept: list[Hit] = []
    words = 0
    for hit in hits:
        words += hit.passage.words
        if kept and words > MAX_SOURCE_WORDS:
            break
        kept.append(hit)
    return kept


class NaiveChain:
    """The baseline: top-k passages stuffed into one prompt, same model, no verification.

    Kept to measure what evidence selection and verification buy (``--chain naive``).
    """

    def __init__(self, retriever: Retriever, llm: BaseChatModel, subject: str = "") -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate
        from langchain_core.runnables import RunnableLambda, RunnablePassthrough

        self.retriever = retriever
        p = prompts()["naive"]
        system = p["system"].replace("{subject}", subject or "the article")
        prompt = ChatPromptTemplate.from_messages([("system", system), ("human", p["human"])])
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
        hits = _fitting(self.retriever.retrieve(inp.retrieval_query, k=inp.k, doc_ids=inp.doc_ids))
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
            abstained=bool(REFUSAL.search(text)),
            draft=text,
            timings={"total_s": time.perf_counter() - started},
            retrieved=[h.passage.id for h in hits],
            retrieved_docs=[h.passage.doc_id for h in hits],
        )


__all__ = ["NaiveChain"]
