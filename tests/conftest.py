"""Shared fixtures: corpus locations, a clean environment, and one real index per session.

Integration tests share one index folder holding both real corpora (the shipped one and the
Sainsbury one from ``../shared/corpora``), built once per session with the real embedding
model; tests that change a corpus copy it into their own temporary folder instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from assistant.api import Assistant
    from assistant.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SAINSBURY_CORPUS = SHARED / "corpora" / "sainsbury-q1-2026"
# A made-up corpus written for this project: plain text, no corpus.yaml, no numbered citations.
VELMORA_CORPUS = ROOT / "evals" / "corpora" / "velmora"
HARBOURLINE_CORPUS = ROOT / "evals" / "corpora" / "harbourline"
CORVANE_CORPUS = ROOT / "evals" / "corpora" / "corvane"
KITAMURA_CORPUS = ROOT / "evals" / "corpora" / "kitamura"
THORNBURY_CORPUS = ROOT / "evals" / "corpora" / "thornbury"
BRENMOOR_CORPUS = ROOT / "evals" / "corpora" / "brenmoor"
SKELWITH_CORPUS = ROOT / "evals" / "corpora" / "skelwith"


@pytest.fixture(autouse=True)
def _no_caller_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ASSISTANT_* variable from the caller's shell leaks into a test."""
    for name in list(os.environ):
        if name.upper().startswith("ASSISTANT_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def sainsbury_corpus() -> Path:
    """The second real corpus; tests read it in place and never write into it."""
    assert SAINSBURY_CORPUS.is_dir(), f"{SAINSBURY_CORPUS} is missing: ../shared must be beside"
    return SAINSBURY_CORPUS


@pytest.fixture(scope="session")
def index_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One index folder for the session, holding each real corpus in its own collection."""
    return tmp_path_factory.mktemp("shared-index")


def _settings(corpus: Path, index_dir: Path, reports: Path) -> Settings:
    from assistant.config import Settings

    return Settings(corpus_dir=corpus, index_dir=index_dir, reports_dir=reports, _env_file=None)


@pytest.fixture(scope="session")
def shipped_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(SHIPPED_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def sainsbury_settings(
    index_root: Path, sainsbury_corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    return _settings(sainsbury_corpus, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def velmora_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(VELMORA_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def harbourline_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(HARBOURLINE_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def corvane_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(CORVANE_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def kitamura_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(KITAMURA_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def thornbury_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(THORNBURY_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def brenmoor_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(BRENMOOR_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


@pytest.fixture(scope="session")
def skelwith_settings(index_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return _settings(SKELWITH_CORPUS, index_root, tmp_path_factory.mktemp("reports"))


def _ingested(settings: Settings) -> Assistant:
    """The real assistant (bundled model) over ``settings``' corpus, its index built."""
    from assistant.api import Assistant

    assistant = Assistant(settings)
    assistant.ingest()
    return assistant


@pytest.fixture(scope="session")
def shipped_assistant(shipped_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the shipped corpus; built once, shared."""
    return _ingested(shipped_settings)


@pytest.fixture(scope="session")
def sainsbury_assistant(sainsbury_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the Sainsbury corpus; built once, shared."""
    return _ingested(sainsbury_settings)


@pytest.fixture(scope="session")
def velmora_assistant(velmora_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Velmora corpus; built once, shared."""
    return _ingested(velmora_settings)


@pytest.fixture(scope="session")
def harbourline_assistant(harbourline_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Harbourline corpus (an HTML
    article, a results release, a plain-text broker note); built once, shared."""
    return _ingested(harbourline_settings)


@pytest.fixture(scope="session")
def corvane_assistant(corvane_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Corvane corpus (US-style tables,
    numbered citations, a call transcript, a rating agency's HTML page); built once, shared."""
    return _ingested(corvane_settings)


@pytest.fixture(scope="session")
def kitamura_assistant(kitamura_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Kitamura corpus (a Japanese results
    summary in millions of yen, prose-only citations, a plain note, an HTML call summary)."""
    return _ingested(kitamura_settings)


@pytest.fixture(scope="session")
def thornbury_assistant(thornbury_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Thornbury corpus (a regional bank's
    quarter: release tables in $ millions, an HTML call transcript, a plain broker note)."""
    return _ingested(thornbury_settings)


@pytest.fixture(scope="session")
def brenmoor_assistant(brenmoor_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Brenmoor corpus (an opinion article
    with numbered citations, a scraped HTML wire story, a release with tables, a plain broker
    note with a peer table, a source recorded without its text)."""
    return _ingested(brenmoor_settings)


@pytest.fixture(scope="session")
def skelwith_assistant(skelwith_settings: Settings) -> Assistant:
    """The real assistant (bundled model) over the made-up Skelwith corpus (an airline's
    quarter: a scraped HTML article citing its sources in prose, a release with traffic tables,
    a plain broker note, a ministry's statistics, a scraped HTML interview)."""
    return _ingested(skelwith_settings)
