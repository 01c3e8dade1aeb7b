"""The Python API: ``Assistant`` answers questions; ``Conversation`` keeps follow-ups."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer import Answer
from assistant.chain import ChainInput, NaiveChain, VerifiedChain
from assistant.config import Settings, load_settings
from assistant.errors import InputError, ModelError
from assistant.index import IndexHandle, ensure_index
from assistant.question import clean_question, resolve_followup

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.audit import AuditReport
    from assistant.evaluation import EvalReport
    from assistant.retrieval import HybridRetriever

log = logging.getLogger(__name__)


class Assistant:
    """Answers questions about the article and its sources, with every figure verified.

    Settings come from the environment and ``.env`` unless given. The index is built on
    first use when it is missing. One instance may be shared by many threads.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        llm: BaseChatModel | None = None,
        progress: Callable[[int, int], None] | None = None,
        **overrides: object,
    ) -> None:
        self.settings = settings or load_settings(**overrides)
        self._llm = llm
        self._progress = progress
        self._lock = threading.Lock()
        self._handle: IndexHandle | None = None
        self._retriever: HybridRetriever | None = None
        self._chain: VerifiedChain | None = None
        self._naive: NaiveChain | None = None

    # Heavy parts load on first use so that creating an Assistant is cheap.
    @property
    def handle(self) -> IndexHandle:
        with self._lock:
            if self._handle is None:
                self._handle = ensure_index(self.settings, progress=self._progress)
            return self._handle

    @property
    def retriever(self) -> HybridRetriever:
        handle = self.handle
        with self._lock:
            if self._retriever is None:
                from assistant.retrieval import HybridRetriever

                self._retriever = HybridRetriever(handle)
            return self._retriever

    @property
    def llm(self) -> BaseChatModel:
        with self._lock:
            if self._llm is None:
                from assistant.llm import make_chat_model

                self._llm = make_chat_model(self.settings)
            return self._llm

    @property
    def chain(self) -> VerifiedChain:
        retriever, llm = self.retriever, self.llm
        with self._lock:
            if self._chain is None:
                self._chain = VerifiedChain(retriever, llm, self.settings.max_evidence)
            return self._chain

    @property
    def naive_chain(self) -> NaiveChain:
        retriever, llm = self.retriever, self.llm
        with self._lock:
            if self._naive is None:
                self._naive = NaiveChain(retriever, llm)
            return self._naive

    def _input(self, question: str, history: list[str] | None, k: int | None,
               doc_ids: list[str] | None) -> ChainInput:
        text = clean_question(question, self.settings.max_question_chars)
        k = self.settings.top_k if k is None else k
        if not 1 <= k <= 20:
            raise InputError(f"k must be between 1 and 20, not {k}")
        return ChainInput(text, resolve_followup(text, history or []), k, doc_ids or None)

    def stream(
        self,
        question: str,
        *,
        history: list[str] | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        chain: str = "verified",
    ) -> Iterator[str | Answer]:
        """Yield verified answer text as it is written, then the final :class:`Answer`.

        ``chain="naive"`` runs the unverified baseline instead (for comparison only).
        """
        inp = self._input(question, history, k, doc_ids)
        if chain not in ("verified", "naive"):
            raise InputError(f"unknown chain {chain!r} — use verified or naive")
        try:
            yield from (self.chain if chain == "verified" else self.naive_chain).stream(inp)
        except ModelError as exc:
            if self.settings.llm != "openai":
                raise
            raise ModelError(
                f"{exc} — is the model server at {self.settings.llm_base_url} running and does it "
                f"serve {self.settings.llm_model!r}? Check ASSISTANT_LLM_BASE_URL and "
                "ASSISTANT_LLM_MODEL"
            ) from exc

    def ask(
        self,
        question: str,
        *,
        history: list[str] | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
        chain: str = "verified",
    ) -> Answer:
        """Answer one question (``history``: earlier questions, for follow-ups)."""
        final = None
        for event in self.stream(question, history=history, k=k, doc_ids=doc_ids, chain=chain):
            if isinstance(event, Answer):
                final = event
        assert final is not None  # the chain always ends with an Answer
        return final

    def audit(self) -> AuditReport:
        """Check the article's referenced figures against its sources (see ``audit.py``)."""
        from assistant.audit import audit_corpus

        return audit_corpus(self.settings.corpus_dir)

    def conversation(self) -> Conversation:
        return Conversation(self)

    def evaluate(
        self,
        path: Path | str | None = None,
        *,
        chain: str = "verified",
        progress: Callable[[int, int], None] | None = None,
    ) -> EvalReport:
        """Run the eval suite (``evals/questions.yaml`` by default) and return the report."""
        from assistant.config import PROJECT_ROOT
        from assistant.evaluation import load_questions, run_eval
        from assistant.llm import describe_model

        default = PROJECT_ROOT / "evals" / "questions.yaml"
        questions = load_questions(Path(path) if path else default)
        return run_eval(
            questions,
            lambda q: self.ask(q, chain=chain),
            chain=chain,
            llm=describe_model(self.settings),
            progress=progress,
        )


class Conversation:
    """A chat: each question is read in the light of the earlier ones."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.questions: list[str] = []
        self.answers: list[Answer] = []

    def ask(self, question: str, **kwargs: object) -> Answer:
        answer = self.assistant.ask(question, history=self.questions, **kwargs)  # type: ignore[arg-type]
        self.questions.append(resolve_followup(answer.question, self.questions))
        self.answers.append(answer)
        return answer


__all__ = ["Assistant", "Conversation"]
