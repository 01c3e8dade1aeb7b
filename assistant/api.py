"""The Python API: ``Assistant`` answers questions about one corpus; ``Conversation`` keeps
follow-ups. The CLI and the UI use nothing else.

An ``Assistant`` follows its index: between questions it notices that an ingest wrote a new
generation and switches to it, so a question never fails because an ingest ran.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer
from assistant.api_checks import (
    check_doc_ids,
    check_history,
    check_jobs,
    check_k,
    check_llm,
)
from assistant.config import Settings, load_settings
from assistant.errors import InputError, ModelError
from assistant.index import IndexReader
from assistant.question import clean_question, resolve_followup

if TYPE_CHECKING:
    from langchain_core.language_models.chat_models import BaseChatModel

    from assistant.answer import Citation, VerifiedFigure
    from assistant.audit import AuditReport
    from assistant.chain import ChainInput, VerifiedChain
    from assistant.corpus import CorpusProfile
    from assistant.evaluation import EvalReport
    from assistant.index import IndexHandle, IngestReport
    from assistant.naive import NaiveChain

log = logging.getLogger(__name__)

CHAINS = ("verified", "naive")


class Assistant:
    """Answers questions about one corpus, with every figure verified.

    ``corpus`` is a corpus folder (default: ``ASSISTANT_CORPUS_DIR`` or the shipped
    ``corpus/``); ``llm`` a backend name (``local``, ``openai``, ``fake``) or a LangChain chat
    model. The index is built on first use when it is missing. One instance may be shared by
    many threads.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        corpus: str | Path | None = None,
        llm: str | BaseChatModel | None = None,
        progress: Callable[[int, int], None] | None = None,
        **overrides: object,
    ) -> None:
        if settings is not None and not isinstance(settings, Settings):
            raise InputError(f"settings must be a Settings, not {type(settings).__name__}")
        if corpus is not None:
            if not isinstance(corpus, str | Path):
                raise InputError(f"corpus must be a folder path, not {type(corpus).__name__}")
            overrides["corpus_dir"] = Path(corpus)
        model = check_llm(llm)
        if isinstance(llm, str):
            overrides["llm"] = llm
        if settings is not None and overrides:
            settings = load_settings(**{**settings.model_dump(), **overrides})
        self.settings = settings or load_settings(**overrides)
        self._llm = model
        self._given_model = model is not None
        self._progress = progress
        self._lock = threading.RLock()
        self._reader = IndexReader(self.settings, build=True, progress=progress)
        self._generation: str | None = None
        self._chains: dict[str, Any] = {}
        self._audit: AuditReport | None = None
        self._reference_map: dict[int, str] | None = None

    # ------------------------------------------------------------------ the index

    @property
    def handle(self) -> IndexHandle:
        """The current generation of this corpus's index (built on first use if missing).

        Between questions the reader checks the manifest; after an ingest it switches to the
        new generation, and the chains and the claim audit are rebuilt for it.
        """
        handle = self._reader.handle()
        with self._lock:
            if handle.generation != self._generation:
                self._generation, self._chains, self._audit = handle.generation, {}, None
        return handle

    @property
    def profile(self) -> CorpusProfile:
        """Who and what the corpus is about (name, title, subject, aliases, examples)."""
        return self.handle.profile

    def ingest(
        self,
        *,
        rebuild: bool = False,
        fetch: bool = False,
        strict: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Build or update this corpus's index (only changed documents are embedded)."""
        from assistant.index import ingest

        for name, value in (("rebuild", rebuild), ("fetch", fetch), ("strict", strict)):
            if not isinstance(value, bool):
                raise InputError(f"{name} must be True or False, not {value!r}")
        report = ingest(
            self.settings,
            progress=progress or self._progress,
            rebuild=rebuild,
            strict=strict,
            fetch=fetch,
        )
        self._reader.reopen()
        return report

    def corpus(self) -> list[dict[str, Any]]:
        """One row per document of this corpus: id, kind, title, url, date, passages ..."""
        return self.handle.documents

    def corpora(self) -> list[dict[str, Any]]:
        """Every corpus the index folder holds: name, title, subject, folder, counts."""
        from assistant.index import list_corpora

        return list_corpora(self.settings)

    # ------------------------------------------------------------------ answering

    @property
    def llm(self) -> BaseChatModel:
        with self._lock:
            if self._llm is None:
                from assistant.llm import make_chat_model

                self._llm = make_chat_model(self.settings)
            return self._llm

    def _chain(self, name: str) -> VerifiedChain | NaiveChain:
        handle = self.handle
        with self._lock:
            if name not in self._chains:
                self._chains[name] = self._build_chain(name, handle)
            return self._chains[name]

    def _build_chain(self, name: str, handle: IndexHandle) -> VerifiedChain | NaiveChain:
        from assistant.chain import ChainOptions, VerifiedChain
        from assistant.naive import NaiveChain
        from assistant.retrieval import HybridRetriever

        retriever = HybridRetriever(self._reader)
        profile = handle.profile
        if name == "naive":
            return NaiveChain(retriever, self.llm, profile.subject)
        options = ChainOptions(
            max_evidence=self.settings.max_evidence,
            subject_names=tuple(n for n in (profile.subject, *profile.aliases) if n),
            elaborate=self._elaborate(),
            caveat=self._caveat,
            grammar=self.settings.grammar,
            references=self._references,
            dated_titles=tuple(
                (str(d.get("title") or ""), str(d.get("date") or ""))
                for d in handle.manifest.documents.values()
            ),
        )
        return VerifiedChain(retriever, self.llm, options)

    def _elaborate(self) -> bool:
        """Whether the model writes after the quotes (off for the bundled model: see README)."""
        if self.settings.elaborate == "auto":
            return self.settings.llm != "local" or self._given_model
        return self.settings.elaborate == "on"

    def _input(
        self, question: object, history: object, k: object, doc_ids: object, chain: object
    ) -> ChainInput:
        from assistant.chain import ChainInput

        text = clean_question(question, self.settings.max_question_chars)
        past = check_history(history)
        if chain not in CHAINS:
            raise InputError(f"chain must be one of {', '.join(CHAINS)}, not {chain!r}")
        top_k, docs = check_k(k, self.settings), check_doc_ids(doc_ids)
        return ChainInput(text, self.resolve(text, past, chain), top_k, docs)

    def resolve(self, question: str, history: Sequence[str], chain: str = "verified") -> str:
        """``question`` as it stands alone after ``history`` (earlier questions, oldest first)."""
        recased = getattr(self._chain(chain), "recased", None) if history else None
        if recased is None:
            return resolve_followup(question, history)
        # "what about globex's own sales?": names typed in lower case are
        # names to the follow-up rules, in the question as in the ones before it.
        return resolve_followup(recased(question), [recased(q) for q in history])

    def stream(
        self,
        question: str,
        *,
        history: Sequence[str] | None = None,
        k: int | None = None,
        doc_ids: Sequence[str] | None = None,
        chain: str = "verified",
    ) -> Iterator[str | Answer]:
        """Yield the answer's text as it becomes final, then the final :class:`Answer`.

        ``chain="naive"`` runs the unverified baseline instead (for comparison only).
        """
        inp = self._input(question, history, k, doc_ids, chain)
        try:
            yield from self._chain(chain).stream(inp)
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
        history: Sequence[str] | None = None,
        k: int | None = None,
        doc_ids: Sequence[str] | None = None,
        chain: str = "verified",
    ) -> Answer:
        """Answer one question (``history``: earlier questions, for follow-ups)."""
        return _final(self.stream(question, history=history, k=k, doc_ids=doc_ids, chain=chain))

    def conversation(self) -> Conversation:
        """A chat whose questions are read in the light of the earlier ones."""
        return Conversation(self)

    # ------------------------------------------------------------------ checks and evals

    def audit(self) -> AuditReport:
        """Check the article's figures against its sources (see ``audit.py``)."""
        from assistant.audit import audit_corpus

        with self._lock:
            if self._audit is None:
                self._audit = audit_corpus(self.settings.corpus_dir)
            return self._audit

    def _references(self) -> dict[int, str]:
        """The article's reference numbers -> source doc ids, read from the corpus once."""
        if self._reference_map is None:
            from assistant.corpus import load_corpus

            try:
                self._reference_map = load_corpus(self.settings.corpus_dir).references
            except Exception as exc:  # naming a source is extra: never fail an answer over it
                log.warning("reference list unavailable: %s", exc)
                self._reference_map = {}
        return self._reference_map

    def _caveat(self, citation: Citation, figure: VerifiedFigure) -> str | None:
        if citation.kind != "article":
            return None
        try:
            report = self.audit()
        except Exception as exc:  # a caveat is extra: never fail an answer over it
            log.warning("claim audit unavailable for caveats: %s", exc)
            return None
        return report.caveat_for(citation.doc_id, citation.start, citation.end, figure.normalised)

    def evaluate(
        self,
        path: Path | str | None = None,
        *,
        chain: str = "verified",
        progress: Callable[[int, int], None] | None = None,
    ) -> EvalReport:
        """Run one eval file (default: this corpus's dev set from ``evals/suites.yaml``)."""
        from assistant.evaluation import default_questions, load_questions, run_eval
        from assistant.llm import describe_model

        if chain not in CHAINS:
            raise InputError(f"chain must be one of {', '.join(CHAINS)}, not {chain!r}")
        file = Path(path) if path else default_questions(self.settings.corpus_dir)
        return run_eval(
            load_questions(file),
            self,
            chain=chain,
            llm_name=describe_model(self.settings),
            progress=progress,
        )

    def evaluate_suites(
        self,
        suites: Path | str | None = None,
        *,
        parts: Sequence[str] | None = None,
        chain: str = "verified",
        progress: Callable[[int, int], None] | None = None,
        jobs: int = 1,
    ) -> list[EvalReport]:
        """Run every suite of ``evals/suites.yaml`` (regression, dev and test parts by
        default), each on its own corpus with these settings; one report per suite and part.
        ``jobs`` > 1 scores that many suites at once, in worker processes."""
        from assistant.config import PROJECT_ROOT
        from assistant.evaluation import OPTIONAL_PARTS, PARTS, run_suites
        from assistant.llm import describe_model

        if chain not in CHAINS:
            raise InputError(f"chain must be one of {', '.join(CHAINS)}, not {chain!r}")
        check_jobs(jobs)

        def settings_for(corpus_dir: Path) -> Settings:
            # Opening the suite's assistant here builds its index, once, before any worker.
            return Assistant(self.settings, corpus=corpus_dir).settings

        return run_suites(
            Path(suites) if suites else PROJECT_ROOT / "evals" / "suites.yaml",
            parts=tuple(parts) if parts else (*OPTIONAL_PARTS, *PARTS),
            make_assistant=lambda corpus_dir: Assistant(self.settings, corpus=corpus_dir),
            chain=chain,
            llm_name=describe_model(self.settings),
            progress=progress,
            settings_for=settings_for,
            jobs=jobs,
        )


class Conversation:
    """A chat: each question is read in the light of the earlier ones."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.questions: list[str] = []
        self.answers: list[Answer] = []

    def stream(self, question: str, **kwargs: Any) -> Iterator[str | Answer]:
        """Like :meth:`Assistant.stream`, remembering the turn when it completes."""
        for event in self.assistant.stream(question, history=self.questions, **kwargs):
            if isinstance(event, Answer):
                chain = kwargs.get("chain", "verified")
                self.questions.append(self.assistant.resolve(event.question, self.questions, chain))
                self.answers.append(event)
            yield event

    def ask(self, question: str, **kwargs: Any) -> Answer:
        return _final(self.stream(question, **kwargs))


def _final(events: Iterator[str | Answer]) -> Answer:
    """The Answer a stream ends with (the text before it is consumed)."""
    answers = [event for event in events if isinstance(event, Answer)]
    assert answers  # the chain always ends with an Answer
    return answers[-1]


__all__ = ["Assistant", "Conversation"]
