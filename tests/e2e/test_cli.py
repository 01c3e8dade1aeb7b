"""The ``assistant`` command end to end: real processes, the real embedding model, the
bundled chat model and a Chroma index in a temporary directory (ASSISTANT_INDEX_DIR).

Errors must reach the user as one line starting with "error:" and a non-zero exit code,
never as a traceback. An ingest killed with SIGKILL must leave a readable index.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.figures import contains_figure, find_figures, parse_figure
from assistant.index import open_index

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"
DOC_IDS = ["article", "source-1", "source-2", "source-3", "source-4", "source-5"]
SUMMARY_KEYS = {
    "n",
    "figure_accuracy",
    "term_accuracy",
    "source_hit_rate",
    "citation_precision",
    "citation_recall",
    "retrieval_recall_at_k",
    "abstention_accuracy",
    "false_refusal_rate",
    "latency_p50_s",
    "latency_p95_s",
}
ASK_TIMEOUT_S = 300
EVAL_TIMEOUT_S = 900


def base_env(index_dir: Path, workdir: Path) -> dict[str, str]:
    """The environment without the developer's ASSISTANT_* settings, plus the test's index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_INDEX_DIR=str(index_dir),
        ASSISTANT_REPORTS_DIR=str(workdir / "reports"),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        PYTHONUNBUFFERED="1",
    )
    return env


class Cli:
    """Runs ``assistant`` in a scratch working directory (so no .env is picked up)."""

    def __init__(self, index_dir: Path, workdir: Path) -> None:
        self.index_dir = index_dir
        self.workdir = workdir
        self.env = base_env(index_dir, workdir)

    def run(
        self,
        *args: str,
        env: Mapping[str, str] | None = None,
        timeout: float = ASK_TIMEOUT_S,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ASSISTANT_BIN), *args],
            cwd=self.workdir,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def popen(self, *args: str, index_dir: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [str(ASSISTANT_BIN), *args],
            cwd=self.workdir,
            env={**self.env, "ASSISTANT_INDEX_DIR": str(index_dir)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def shown(proc: subprocess.CompletedProcess[str]) -> str:
    return f"\nexit {proc.returncode}\nstdout: {proc.stdout[-2000:]}\nstderr: {proc.stderr[-3000:]}"


def json_out(proc: subprocess.CompletedProcess[str]) -> dict:
    assert proc.returncode == 0, shown(proc)
    return json.loads(proc.stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess[str]) -> str:
    """Non-zero exit, no traceback, and exactly one line on stderr starting "error:"."""
    assert proc.returncode != 0, shown(proc)
    assert "Traceback" not in proc.stderr + proc.stdout, shown(proc)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}" + shown(proc)
    assert lines[0].startswith("error:"), shown(proc)
    return lines[0]


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    assert ASSISTANT_BIN.exists(), f"{ASSISTANT_BIN} is missing — pip install -e ."
    workdir = tmp_path_factory.mktemp("work")
    return Cli(workdir / "index", workdir)


@pytest.fixture(scope="module")
def first_ingest(cli: Cli) -> dict:
    """``assistant ingest --json`` from nothing."""
    assert not cli.index_dir.exists()
    return json_out(cli.run("ingest", "--json"))


@pytest.fixture(scope="module")
def second_ingest(cli: Cli, first_ingest: dict) -> dict:
    return json_out(cli.run("ingest", "--json"))


@pytest.fixture(scope="module")
def built(cli: Cli, first_ingest: dict) -> Cli:
    """The CLI with its index built."""
    return cli


@pytest.fixture(scope="module")
def commitment_json(built: Cli) -> dict:
    return json_out(built.run("ask", "--json", COMMITMENT))


# --------------------------------------------------------------------------- ingest & corpus


def test_ingest_from_nothing_reports_what_it_embedded(cli: Cli, first_ingest: dict) -> None:
    assert set(first_ingest) >= {"documents", "chunks", "embedded", "removed", "index_dir"}
    assert first_ingest["documents"] == len(DOC_IDS)
    assert first_ingest["chunks"] > 0
    assert first_ingest["embedded"] > 0
    assert first_ingest["embedded"] == first_ingest["chunks"]
    assert first_ingest["removed"] == 0
    assert Path(first_ingest["index_dir"]) == cli.index_dir
    assert (cli.index_dir / "manifest.json").is_file()


def test_second_ingest_embeds_nothing(first_ingest: dict, second_ingest: dict) -> None:
    assert second_ingest["embedded"] == 0
    assert second_ingest["removed"] == 0
    assert second_ingest["chunks"] == first_ingest["chunks"]
    assert second_ingest["documents"] == first_ingest["documents"]


def test_corpus_lists_the_article_and_its_five_sources(built: Cli) -> None:
    rows = json_out(built.run("corpus", "--json"))
    assert isinstance(rows, list)
    ids = [r["id"] for r in rows]
    assert sorted(set(ids)) == DOC_IDS, ids
    for row in rows:
        assert row["title"] and row["url"].startswith("http"), row


def test_help_works(cli: Cli) -> None:
    proc = cli.run("--help", timeout=60)
    assert proc.returncode == 0, shown(proc)
    for command in ("ingest", "corpus", "ask", "chat", "eval", "ui"):
        assert command in proc.stdout, shown(proc)


# --------------------------------------------------------------------------- ask


def test_ask_json_states_the_cited_commitment(commitment_json: dict) -> None:
    answer = commitment_json
    assert set(answer) >= {"text", "abstained", "citations", "figures", "dropped", "timings"}
    assert answer["abstained"] is False
    wanted = parse_figure("$53 billion")
    assert contains_figure(answer["text"], wanted), answer["text"]
    assert answer["citations"], answer
    assert set(answer["citations"][0]) >= {"n", "doc_id", "title", "url", "quote"}
    assert any(
        c["doc_id"] == "article" and contains_figure(c["quote"], wanted)
        for c in answer["citations"]
    ), answer["citations"]
    by_n = {c["n"]: c for c in answer["citations"]}
    for fig in answer["figures"]:
        assert contains_figure(by_n[fig["citation"]]["quote"], parse_figure(fig["text"])), fig


def test_ask_json_abstains_on_an_unanswerable_question(built: Cli) -> None:
    answer = json_out(built.run("ask", "--json", UNANSWERABLE))
    assert answer["abstained"] is True, answer
    assert find_figures(answer["text"]) == [], answer["text"]
    assert answer["figures"] == []


def test_ask_plain_text_prints_answer_and_sources(built: Cli) -> None:
    proc = built.run("ask", COMMITMENT)
    assert proc.returncode == 0, shown(proc)
    assert "$53 billion" in proc.stdout, shown(proc)
    assert "(article)" in proc.stdout, shown(proc)


def test_empty_question_is_one_clear_error(built: Cli) -> None:
    line = assert_one_line_error(built.run("ask", ""))
    assert "empty" in line


def test_huge_question_is_one_clear_error(built: Cli) -> None:
    line = assert_one_line_error(built.run("ask", "why " * 25_000))
    assert "limit" in line or "long" in line, line


def test_bad_setting_names_the_variable(built: Cli) -> None:
    proc = built.run("ask", "x", env={"ASSISTANT_TOP_K": "lots"})
    line = assert_one_line_error(proc)
    assert "ASSISTANT_TOP_K" in line


def test_unknown_document_id_is_named(built: Cli) -> None:
    line = assert_one_line_error(built.run("ask", "--doc", "source-9", COMMITMENT))
    assert "source-9" in line


def test_corrupt_index_says_how_to_rebuild(built: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken-index"
    shutil.copytree(built.index_dir, broken)
    (broken / "manifest.json").write_text("{ this is not json", encoding="utf-8")
    proc = built.run("ask", COMMITMENT, env={"ASSISTANT_INDEX_DIR": str(broken)})
    line = assert_one_line_error(proc)
    assert "assistant ingest --rebuild" in line


# --------------------------------------------------------------------------- eval


def test_eval_with_malformed_questions_is_one_clear_error(built: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad-questions.yaml"
    bad.write_text("- id: x\n  question: [unclosed\n  answerable: true\n", encoding="utf-8")
    line = assert_one_line_error(built.run("eval", "--questions", str(bad)))
    assert "bad-questions.yaml" in line and "YAML" in line, line


def test_eval_json_prints_the_summary(built: Cli, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    summary = json_out(built.run("eval", "--json", "--out", str(out), timeout=EVAL_TIMEOUT_S))
    assert set(summary) == SUMMARY_KEYS, summary
    assert summary["n"] > 0
    assert (out / "latest-verified.json").is_file()
    assert (out / "latest-verified.md").is_file()
    report = json.loads((out / "latest-verified.json").read_text(encoding="utf-8"))
    assert report["summary"] == summary


# --------------------------------------------------------------------------- killed ingest


def collection_names(index_dir: Path) -> list[str]:
    """Chroma's collections, read straight from its SQLite file (read-only)."""
    db = index_dir / "chroma" / "chroma.sqlite3"
    if not db.exists():
        return []
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return [row[0] for row in conn.execute("SELECT name FROM collections")]
    except sqlite3.Error:
        return []


def kill_ingest_midway(cli: Cli, index_dir: Path, delay_s: float) -> bool:
    """Start a rebuild, SIGKILL it ``delay_s`` after its new collection appears.

    Returns True when it was killed while building (its new generation's collection
    existed), False when it finished first.
    """
    before = set(collection_names(index_dir))
    proc = cli.popen("ingest", "--rebuild", "--json", index_dir=index_dir)
    try:
        deadline = time.monotonic() + ASK_TIMEOUT_S
        # Wait for the build to start: a new generation's collection exists.
        while not set(collection_names(index_dir)) - before:
            if proc.poll() is not None:
                return False
            assert time.monotonic() < deadline, "the rebuild never created its collection"
            time.sleep(0.05)
        time.sleep(delay_s)
        if proc.poll() is not None:
            return False
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return proc.returncode == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


def test_ingest_killed_midway_leaves_a_readable_index(built: Cli, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built.index_dir, index_dir)
    old_manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))

    killed = False
    for delay in (2.0, 1.0, 0.3, 0.0):
        if kill_ingest_midway(built, index_dir, delay):
            killed = True
            break
    assert killed, "every ingest finished before it could be killed"

    settings = Settings(index_dir=index_dir, _env_file=None)
    handle = open_index(settings)
    manifest = json.loads((index_dir / "manifest.json").read_text(encoding="utf-8"))
    # The old generation or the new one, never a mix.
    assert handle.collection.count() == handle.manifest.passage_count
    assert manifest["counts"]["passages"] == old_manifest["counts"]["passages"]
    assert manifest["collection"] in collection_names(index_dir)
    # The killed build's half-written generation is still there, unused.
    assert len(collection_names(index_dir)) == 2, collection_names(index_dir)

    from assistant.retrieval import HybridRetriever

    hits = HybridRetriever(handle).retrieve(COMMITMENT, k=3)
    assert hits
    assert any("$53 billion" in h.passage.text for h in hits), [h.passage.id for h in hits]

    proc = built.run("ingest", "--json", env={"ASSISTANT_INDEX_DIR": str(index_dir)})
    after = json_out(proc)
    assert after["chunks"] == old_manifest["counts"]["passages"], after
    reopened = open_index(settings)
    assert reopened.collection.count() == reopened.manifest.passage_count
    # The next ingest removes the leftover of the killed build.
    assert collection_names(index_dir) == [reopened.manifest.collection]
