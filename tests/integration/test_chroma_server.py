"""The index on a REAL Chroma server (``ASSISTANT_CHROMA_URL``), started with the ``chroma``
command shipped in the chromadb package, on 127.0.0.1 and a free port.

With a server configured, the passages AND the manifest live on the server (the manifest in
the metadata of the ``assistant-manifest.<corpus>`` collection), so a second process sees the
same generation and nothing is written under ``index_dir``. Ingest stays incremental there too.
A server that is gone or frozen must give an ``AssistantError`` naming the server, in bounded
time, never a raw client exception or a hang.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import Answer
from assistant.api import Assistant
from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.figures import contains_figure, find_figures, parse_figure
from assistant.index import (
    IngestReport,
    Manifest,
    ingest,
    open_index,
    read_manifest,
)
from assistant.manifest import holder_name
from assistant.retrieval import HybridRetriever

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BIN = Path(sys.executable).parent
CHROMA_BIN = BIN / "chroma"
ASSISTANT_BIN = BIN / "assistant"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"
HEARTBEAT = "/api/v2/heartbeat"  # /api/v1/heartbeat answers 410 Gone on chromadb 1.x
STARTUP_TIMEOUT_S = 60
ASK_TIMEOUT_S = 300  # a CLI process on a loaded 2-core machine: imports, models, answer
DEAD_SERVER_BOUND_S = 90  # an error must come within this, not a hang
APPENDED = "\nAlibaba's board reviewed the cloud roadmap again after the results were published.\n"


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ChromaServer:
    """One ``chroma run`` process; ``stop``/``freeze`` simulate a server that went away."""

    proc: subprocess.Popen[bytes]
    port: int
    path: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def log_tail(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]
        except OSError:
            return ""

    def heartbeat(self, timeout: float = 2.0) -> bool:
        try:
            with urllib.request.urlopen(self.url + HEARTBEAT, timeout=timeout) as resp:
                return resp.status == 200 and "heartbeat" in resp.read().decode()
        except OSError:
            return False

    def freeze(self) -> None:
        """The process stays, the port stays open, nothing answers (a hung server)."""
        os.kill(self.proc.pid, signal.SIGSTOP)

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        try:
            os.kill(self.proc.pid, signal.SIGCONT)  # in case it was frozen
        except ProcessLookupError:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=20)


def start_chroma(root: Path) -> ChromaServer:
    assert CHROMA_BIN.exists(), f"{CHROMA_BIN} is missing — the chromadb package ships it"
    root.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = root / "chroma.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(CHROMA_BIN),
                "run",
                "--path",
                str(root / "data"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    server = ChromaServer(proc, port, root / "data", log)
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while not server.heartbeat():
        if proc.poll() is not None:
            raise AssertionError(f"chroma run exited with {proc.returncode}:\n{server.log_tail()}")
        if time.monotonic() > deadline:
            server.stop()
            raise AssertionError(
                f"no heartbeat at {server.url}{HEARTBEAT} after {STARTUP_TIMEOUT_S}s:\n"
                f"{server.log_tail()}"
            )
        time.sleep(0.5)
    return server


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A server of the test's own, for tests that stop or freeze it."""
    server = start_chroma(tmp_path / "chroma")
    try:
        yield server
    finally:
        server.stop()


def server_settings(server: ChromaServer, root: Path, corpus: Path, **extra: Any) -> Settings:
    return Settings(
        chroma_url=server.url,
        index_dir=root / "unused",
        corpus_dir=corpus,
        reports_dir=root / "reports",
        _env_file=None,
        **extra,
    )


def call_with_deadline(fn: Callable[[], object], seconds: float) -> tuple[bool, object]:
    """Run ``fn`` in a daemon thread; (finished, result or exception)."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = fn()
        except BaseException as exc:  # handed back to the test
            box["result"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return (not thread.is_alive(), box.get("result"))


def describe(answer: Answer) -> str:
    cites = "; ".join(f"[{c.n}] {c.doc_id}: {c.quote}" for c in answer.citations)
    return f"\ntext: {answer.text}\nabstained: {answer.abstained}\ncitations: {cites}"


# --------------------------------------------------------------------------- module state


@dataclass
class World:
    root: Path
    corpus: Path
    server: ChromaServer
    settings: Settings


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("chroma-server")
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    server = start_chroma(root / "server")
    try:
        yield World(root, corpus, server, server_settings(server, root, corpus))
    finally:
        server.stop()


@pytest.fixture(scope="module")
def first_ingest(world: World) -> IngestReport:
    return ingest(world.settings)


@pytest.fixture(scope="module")
def first_manifest(world: World, first_ingest: IngestReport) -> Manifest:
    manifest = read_manifest(world.settings)
    assert manifest is not None
    return manifest


@pytest.fixture(scope="module")
def second_ingest(world: World, first_manifest: Manifest) -> IngestReport:
    return ingest(world.settings)


@dataclass
class Edited:
    report: IngestReport
    embedded_docs: list[str]  # doc_key of every passage handed to the embedding model
    manifest: Manifest


@pytest.fixture(scope="module")
def edited_ingest(world: World, second_ingest: IngestReport) -> Edited:
    """Append a sentence to source 2 and ingest again, recording what gets embedded."""
    import assistant.ingest as index_module

    note = world.corpus / "sources" / "source-2.md"
    note.write_text(note.read_text(encoding="utf-8") + APPENDED, encoding="utf-8")
    embedded: list[str] = []
    real = index_module._embed_into

    def spy(target: Any, passages: list[Any], *args: Any, **kwargs: Any) -> int:
        embedded.extend(p.doc_key for p in passages)
        return real(target, passages, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(index_module, "_embed_into", spy)
        report = ingest(world.settings)
    manifest = read_manifest(world.settings)
    assert manifest is not None
    return Edited(report, embedded, manifest)


@pytest.fixture(scope="module")
def served(world: World, edited_ingest: Edited) -> Assistant:
    """A fresh client of the server, with the bundled model."""
    return Assistant(world.settings)


@pytest.fixture(scope="module")
def local(world: World, edited_ingest: Edited) -> Assistant:
    """An embedded (on-disk) index built from the same corpus copy, for comparison."""
    settings = Settings(
        index_dir=world.root / "local-index",
        corpus_dir=world.corpus,
        reports_dir=world.root / "reports",
        _env_file=None,
    )
    ingest(settings)
    return Assistant(settings)


# --------------------------------------------------------------------------- ingest


def test_heartbeat_path_answers(world: World) -> None:
    assert world.server.heartbeat(), world.server.log_tail()


def test_ingest_from_nothing_embeds_every_passage(
    world: World, first_ingest: IngestReport, first_manifest: Manifest
) -> None:
    assert first_ingest.documents == 6
    assert first_ingest.chunks > 0
    assert first_ingest.embedded == first_ingest.chunks == first_manifest.passage_count
    assert first_ingest.removed == 0
    assert first_ingest.index_dir == world.server.url
    assert first_manifest.collection == first_ingest.collection


def test_second_ingest_embeds_nothing(
    first_ingest: IngestReport, second_ingest: IngestReport, first_manifest: Manifest
) -> None:
    assert second_ingest.embedded == 0
    assert second_ingest.removed == 0
    assert second_ingest.chunks == first_ingest.chunks
    assert second_ingest.collection == first_manifest.collection


def test_editing_one_note_reembeds_only_its_passages(
    world: World, first_manifest: Manifest, edited_ingest: Edited
) -> None:
    report, new = edited_ingest.report, edited_ingest.manifest
    old_docs, new_docs = first_manifest.documents, new.documents
    assert new_docs["source-2"]["hash"] != old_docs["source-2"]["hash"]
    assert set(edited_ingest.embedded_docs) == {"source-2"}, edited_ingest.embedded_docs
    assert report.embedded == new_docs["source-2"]["passages"] == len(edited_ingest.embedded_docs)
    assert report.removed == old_docs["source-2"]["passages"]
    for key, meta in old_docs.items():
        if key != "source-2":
            assert new_docs[key]["hash"] == meta["hash"], key
            assert new_docs[key]["passages"] == meta["passages"], key
    assert report.chunks == new.passage_count
    assert new.collection == report.collection != first_manifest.collection

    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=world.server.port)
    names = sorted(c if isinstance(c, str) else c.name for c in client.list_collections())
    # The new generation and the manifest holder; the previous generation is gone.
    assert names == sorted([new.collection, holder_name(new.corpus)]), names
    collection = client.get_collection(new.collection)
    assert collection.count() == new.passage_count
    texts = collection.get(where={"doc_key": "source-2"}, include=["documents"])["documents"]
    assert any("reviewed the cloud roadmap again" in t for t in texts), texts


def test_the_manifest_lives_on_the_server_not_under_index_dir(
    world: World, edited_ingest: Edited
) -> None:
    index_dir = world.settings.index_dir
    assert not index_dir.exists() or not any(index_dir.iterdir()), list(index_dir.rglob("*"))
    assert not (index_dir / "manifest.json").exists()
    manifest = read_manifest(world.settings)
    assert manifest is not None
    assert manifest.collection == edited_ingest.report.collection
    assert set(manifest.documents) == {
        "article",
        "source-1",
        "source-2",
        "source-3",
        "source-4",
        "source-5",
    }

    import chromadb

    client = chromadb.HttpClient(host="127.0.0.1", port=world.server.port)
    raw = (client.get_collection(holder_name(manifest.corpus)).metadata or {})["manifest"]
    assert json.loads(raw)["collection"] == manifest.collection


# --------------------------------------------------------------------------- answers


def test_second_process_answers_the_commitment_like_the_local_index(
    world: World, served: Assistant, local: Assistant
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    cli_index = world.root / "cli-unused"
    env.update(
        ASSISTANT_CHROMA_URL=world.server.url,
        ASSISTANT_INDEX_DIR=str(cli_index),
        ASSISTANT_CORPUS_DIR=str(world.corpus),
        ASSISTANT_REPORTS_DIR=str(world.root / "reports"),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
    )
    workdir = world.root / "cli-work"
    workdir.mkdir(exist_ok=True)
    proc = subprocess.run(
        [str(ASSISTANT_BIN), "ask", "--json", COMMITMENT],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=ASK_TIMEOUT_S,
        check=False,
    )
    shown = (
        f"\nexit {proc.returncode}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}"
    )
    assert proc.returncode == 0, shown
    remote = json.loads(proc.stdout)
    wanted = parse_figure("$53 billion")
    assert remote["abstained"] is False, shown
    assert "$53 billion" in remote["text"], shown
    assert any(
        c["doc_id"] == "article" and contains_figure(c["quote"], wanted)
        for c in remote["citations"]
    ), shown
    assert not cli_index.exists(), "the CLI wrote under ASSISTANT_INDEX_DIR despite the server"

    in_process = served.ask(COMMITMENT)
    embedded = local.ask(COMMITMENT)
    assert embedded.abstained is False, describe(embedded)
    assert "$53 billion" in embedded.text, describe(embedded)
    assert in_process.text == embedded.text, describe(in_process) + describe(embedded)
    assert remote["text"] == embedded.text, shown + describe(embedded)
    assert [c.doc_id for c in in_process.citations] == [c.doc_id for c in embedded.citations]


def test_unanswerable_question_abstains_on_the_server(served: Assistant) -> None:
    answer = served.ask(UNANSWERABLE)
    assert answer.abstained is True, describe(answer)
    assert find_figures(answer.text) == [], describe(answer)
    assert answer.figures == []


# --------------------------------------------------------------------------- a server that is gone


def _ingested(server: ChromaServer, tmp_path: Path, **extra: Any) -> Settings:
    settings = server_settings(server, tmp_path, CORPUS, **extra)
    ingest(settings)
    return settings


def test_stopped_server_gives_an_error_naming_it(own_server: ChromaServer, tmp_path: Path) -> None:
    settings = _ingested(own_server, tmp_path, llm="fake")
    own_server.stop()
    assert not own_server.heartbeat()

    finished, result = call_with_deadline(
        lambda: Assistant(settings).ask(COMMITMENT), DEAD_SERVER_BOUND_S
    )
    assert finished, f"ask did not return within {DEAD_SERVER_BOUND_S}s of the server stopping"
    assert isinstance(result, AssistantError), f"{type(result).__name__}: {result}"
    assert own_server.address in str(result), str(result)

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_CHROMA_URL=own_server.url,
        ASSISTANT_INDEX_DIR=str(tmp_path / "unused"),
        ASSISTANT_LLM="fake",
        HF_HUB_OFFLINE="1",
    )
    proc = subprocess.run(
        [str(ASSISTANT_BIN), "ask", COMMITMENT],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=ASK_TIMEOUT_S,
        check=False,
    )
    shown = f"\nexit {proc.returncode}\nstdout: {proc.stdout}\nstderr: {proc.stderr[-3000:]}"
    assert proc.returncode != 0, shown
    assert "Traceback" not in proc.stderr, shown
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), shown
    assert own_server.address in lines[0], shown


def test_server_stopping_mid_session_gives_an_error_naming_it(
    own_server: ChromaServer, tmp_path: Path
) -> None:
    """An Assistant that already answered, then loses its server (restart, crash)."""
    settings = _ingested(own_server, tmp_path, llm="fake")
    assistant = Assistant(settings)
    assert assistant.ask(UNANSWERABLE).abstained is True
    own_server.stop()

    finished, result = call_with_deadline(lambda: assistant.ask(COMMITMENT), DEAD_SERVER_BOUND_S)
    assert finished, f"ask did not return within {DEAD_SERVER_BOUND_S}s of the server stopping"
    assert isinstance(result, AssistantError), (
        f"expected an AssistantError naming {own_server.url}, got "
        f"{type(result).__module__}.{type(result).__name__}: {result}"
    )
    assert own_server.address in str(result), str(result)


def test_frozen_server_gives_an_error_not_a_hang(own_server: ChromaServer, tmp_path: Path) -> None:
    """The port still accepts connections but nothing answers (SIGSTOP): bounded wait."""
    settings = _ingested(own_server, tmp_path, llm="fake")
    own_server.freeze()
    try:
        started = time.monotonic()
        finished, result = call_with_deadline(
            lambda: Assistant(settings).ask(COMMITMENT), DEAD_SERVER_BOUND_S
        )
        waited = time.monotonic() - started
    finally:
        own_server.stop()  # SIGCONT + terminate: a hung call in the thread then ends too
    assert finished, (
        f"ask against a frozen Chroma server was still waiting after {waited:.0f}s — "
        "the Chroma HTTP client has no timeout"
    )
    assert isinstance(result, AssistantError), f"{type(result).__name__}: {result}"
    assert own_server.address in str(result), str(result)


# --------------------------------------------------------------------------- live re-ingest


def test_a_rebuild_on_the_server_does_not_break_a_running_reader(
    own_server: ChromaServer, tmp_path: Path
) -> None:
    """Issue 14.1 on a server: the rebuild deletes the collection a reader was searching."""
    settings = _ingested(own_server, tmp_path, llm="fake")
    handle = open_index(settings)
    retriever = HybridRetriever(handle)
    assert retriever.retrieve(COMMITMENT, k=3)
    assert handle.is_current()

    rebuilt = ingest(settings, rebuild=True)

    assert not handle.is_current()
    hits = retriever.retrieve(COMMITMENT, k=3)  # NotFoundError inside: reopened once
    assert any("$53 billion" in h.passage.text for h in hits)
    assert retriever.handle.generation == rebuilt.generation != handle.generation
    answer = Assistant(settings).ask(COMMITMENT)
    assert "$53 billion" in answer.text, describe(answer)
