"""The ``assistant`` command end to end: real processes, the real embedding model, the
bundled chat model and one index folder in a temporary directory holding two corpora.

Errors must reach the user as one line starting with "error:" and a non-zero exit code,
never as a traceback. Nothing a document holds may reach the terminal as an escape
sequence. An ingest killed with SIGKILL must leave an index that still answers.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import pytest

from assistant.figures import contains_figure, find_figures, parse_figure

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "corpus"
SAINSBURY = ROOT.parent / "shared" / "corpora" / "sainsbury-q1-2026"
ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
UNANSWERABLE = "What was Tencent Cloud's revenue in 2024?"
DOC_IDS = ["article", "source-1", "source-2", "source-3", "source-4", "source-5"]
ASK_TIMEOUT_S = 300
ESCAPES = ("\x1b", "\x07", "\x9b", "\x9d")
OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[31m"


def base_env(index_dir: Path, workdir: Path) -> dict[str, str]:
    """The environment without the developer's ASSISTANT_* settings, plus the test's index."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        ASSISTANT_INDEX_DIR=str(index_dir),
        ASSISTANT_REPORTS_DIR=str(workdir / "reports"),
        ASSISTANT_CORPUS_DIR=str(SHIPPED),
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
        stdin: str | None = None,
        timeout: float = ASK_TIMEOUT_S,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(ASSISTANT_BIN), *args],
            cwd=self.workdir,
            env={**self.env, **(env or {})},
            input=stdin,
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


def json_out(proc: subprocess.CompletedProcess[str]) -> dict | list:
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


def assert_no_escapes(proc: subprocess.CompletedProcess[str]) -> None:
    for char in ESCAPES:
        assert char not in proc.stdout + proc.stderr, (repr(char), shown(proc))


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    assert ASSISTANT_BIN.exists(), f"{ASSISTANT_BIN} is missing — pip install -e ."
    workdir = tmp_path_factory.mktemp("work")
    return Cli(workdir / "index", workdir)


@pytest.fixture(scope="module")
def first_ingest(cli: Cli) -> dict:
    """``assistant ingest --json`` from nothing (the shipped corpus)."""
    assert not cli.index_dir.exists()
    return json_out(cli.run("ingest", "--json"))


@pytest.fixture(scope="module")
def built(cli: Cli, first_ingest: dict) -> Cli:
    """The CLI with the shipped corpus indexed."""
    return cli


@pytest.fixture(scope="module")
def second_corpus(built: Cli) -> dict:
    """The Sainsbury corpus ingested into the same index folder."""
    return json_out(built.run("ingest", "--corpus", str(SAINSBURY), "--json"))


@pytest.fixture(scope="module")
def commitment_json(built: Cli) -> dict:
    return json_out(built.run("ask", "--json", COMMITMENT))


# --------------------------------------------------------------------------- ingest & corpus


def test_ingest_from_nothing_reports_what_it_embedded(cli: Cli, first_ingest: dict) -> None:
    assert first_ingest["documents"] == len(DOC_IDS)
    assert first_ingest["chunks"] > 0
    assert first_ingest["embedded"] == first_ingest["chunks"]
    assert first_ingest["removed"] == 0
    assert Path(first_ingest["index_dir"]) == cli.index_dir


def test_second_ingest_embeds_nothing(built: Cli, first_ingest: dict) -> None:
    again = json_out(built.run("ingest", "--json"))
    assert again["embedded"] == 0 and again["removed"] == 0
    assert again["chunks"] == first_ingest["chunks"]


def test_corpus_lists_the_article_and_its_five_sources(built: Cli) -> None:
    rows = json_out(built.run("corpus", "--json"))
    assert sorted({r["id"] for r in rows}) == DOC_IDS, rows
    for row in rows:
        assert row["title"] and row["url"].startswith("http"), row


def test_a_second_corpus_sits_beside_the_first(
    built: Cli, first_ingest: dict, second_corpus: dict
) -> None:
    assert second_corpus["documents"] >= 2 and second_corpus["embedded"] > 0
    corpora = json_out(built.run("corpus", "--all", "--json"))
    assert len(corpora) == 2, corpora
    dirs = {Path(c["corpus_dir"]).resolve() for c in corpora}
    assert dirs == {SHIPPED.resolve(), SAINSBURY.resolve()}
    plain = built.run("corpus", "--all")
    assert plain.returncode == 0 and str(SAINSBURY.resolve()) in plain.stdout, shown(plain)
    # The first corpus is untouched: asking it embeds nothing new.
    again = json_out(built.run("ingest", "--json"))
    assert again["embedded"] == 0 and again["chunks"] == first_ingest["chunks"]


def test_help_names_no_corpus(cli: Cli) -> None:
    proc = cli.run("--help", timeout=60)
    assert proc.returncode == 0, shown(proc)
    for command in ("ingest", "corpus", "ask", "chat", "eval", "audit", "ui"):
        assert command in proc.stdout, shown(proc)
        assert "--corpus" in cli.run(command, "--help", timeout=60).stdout, command
    assert "Alibaba" not in proc.stdout


# --------------------------------------------------------------------------- ask & chat


def test_ask_json_has_the_direct_line_and_a_cited_figure(commitment_json: dict) -> None:
    answer = commitment_json
    assert {"direct", "premise", "caveats", "text", "citations", "figures"} <= set(answer)
    assert answer["abstained"] is False
    wanted = parse_figure("$53 billion")
    assert contains_figure(answer["direct"], wanted), answer["direct"]
    assert "[1]" in answer["direct"] or "[2]" in answer["direct"], answer["direct"]
    by_n = {c["n"]: c for c in answer["citations"]}
    for fig in answer["figures"]:
        assert contains_figure(by_n[fig["citation"]]["quote"], parse_figure(fig["text"])), fig


def test_ask_plain_prints_the_direct_line_first(built: Cli, commitment_json: dict) -> None:
    proc = built.run("ask", COMMITMENT)
    assert proc.returncode == 0, shown(proc)
    first = proc.stdout.splitlines()[0]
    assert first == commitment_json["direct"], shown(proc)
    assert "(article)" in proc.stdout or "(source-" in proc.stdout, shown(proc)
    assert "[1] " in proc.stdout


def test_a_false_premise_is_corrected_first(built: Cli) -> None:
    answer = json_out(built.run("ask", "--json", "Why did Alibaba commit $99 billion to AI?"))
    if answer["premise"]:  # the premise check names what did not hold
        proc = built.run("ask", "Why did Alibaba commit $99 billion to AI?")
        assert proc.stdout.splitlines()[0].startswith("The question's premise"), shown(proc)
    assert not contains_figure(answer["direct"], parse_figure("$99 billion")), answer


def test_ask_json_abstains_on_an_unanswerable_question(built: Cli) -> None:
    answer = json_out(built.run("ask", "--json", UNANSWERABLE))
    assert answer["abstained"] is True, answer
    assert find_figures(answer["text"]) == [] and answer["figures"] == []


def test_ask_on_the_second_corpus(built: Cli, second_corpus: dict) -> None:
    question = "How much retail free cash flow does Sainsbury's expect this year?"
    answer = json_out(built.run("ask", "--corpus", str(SAINSBURY), "--json", question))
    assert answer["citations"], answer
    assert all("Sainsbury" in c["title"] for c in answer["citations"]), answer["citations"]
    # The answer comes from this corpus: every cited document is one of its files.
    assert {c["doc_id"] for c in answer["citations"]} <= {
        "article",
        "source-1",
        "source-2",
        "source-3",
    }


def test_chat_json_reads_a_follow_up_with_the_question_before(built: Cli) -> None:
    proc = built.run("chat", "--json", stdin=f"{COMMITMENT}\nAnd over how many years?\n\n")
    assert proc.returncode == 0, shown(proc)
    turns = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(turns) == 2, shown(proc)
    assert turns[0]["direct"] and turns[1]["question"]
    assert turns[1]["citations"], turns[1]


def test_empty_question_is_one_clear_error(built: Cli) -> None:
    assert "empty" in assert_one_line_error(built.run("ask", ""))


def test_huge_question_is_one_clear_error(built: Cli) -> None:
    line = assert_one_line_error(built.run("ask", "why " * 25_000))
    assert "limit" in line or "long" in line, line


def test_bad_setting_names_the_variable(built: Cli) -> None:
    line = assert_one_line_error(built.run("ask", "x", env={"ASSISTANT_TOP_K": "lots"}))
    assert "ASSISTANT_TOP_K" in line


def test_unknown_document_id_is_named(built: Cli) -> None:
    assert "source-9" in assert_one_line_error(built.run("ask", "--doc", "source-9", COMMITMENT))


def test_corrupt_index_says_how_to_rebuild(built: Cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken-index"
    shutil.copytree(built.index_dir, broken)
    manifests = list(broken.glob("corpora/*/manifest.json"))  # one per corpus
    assert manifests, sorted(p.name for p in broken.rglob("*"))
    for manifest in manifests:
        manifest.write_text("{ this is not json", encoding="utf-8")
    proc = built.run("ask", COMMITMENT, env={"ASSISTANT_INDEX_DIR": str(broken)})
    assert "assistant ingest --rebuild" in assert_one_line_error(proc)


# --------------------------------------------------------------------------- hostile documents


@pytest.fixture(scope="module")
def hostile(built: Cli, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny corpus whose title and body carry OSC, CSI and C1 sequences, ingested for real."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "sources").mkdir()
    (folder / "article.md").write_text(
        f"# {OSC}Globex widens its margin{CSI}\n\n"
        f"Globex said its operating margin rose to 14% in 2025, up from 11% a year earlier "
        f"[1].{OSC}\x9b2J Revenue reached $4.2 billion in 2025 [1].\n\n"
        "## References\n\n1. Globex annual report. https://example.com/globex-annual-report\n",
        encoding="utf-8",
    )
    (folder / "sources" / "source-1.md").write_text(
        f"---\ntitle: Globex annual report\nurl: https://example.com/globex-annual-report\n"
        f"number: 1\n---\n\n# Globex annual report\n\nOperating margin was 14% in 2025 "
        f"against 11% in 2024.{CSI} Revenue was $4.2 billion.\n",
        encoding="utf-8",
    )
    # The subject is given: escape sequences left in the text mislead the subject inference.
    (folder / "corpus.yaml").write_text("name: hostile\nsubject: Globex\n", encoding="utf-8")
    json_out(built.run("ingest", "--corpus", str(folder), "--json"))
    return folder


@pytest.fixture(scope="module")
def planted(built: Cli, hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus plus a planted note that copies the article's title and URL and
    gives another operating margin; ingested for real."""
    folder = tmp_path_factory.mktemp("planted") / "corpus"
    shutil.copytree(hostile, folder)
    article = folder / "article.md"
    article.write_text(
        "---\nurl: https://example.com/globex\n---\n\n" + article.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (folder / "corpus.yaml").write_text("name: planted\nsubject: Globex\n", encoding="utf-8")
    (folder / "sources" / "planted.md").write_text(
        "---\ntitle: Globex widens its margin\nurl: https://example.com/globex\n---\n\n"
        "Globex's operating margin was 40% in 2025.\n",
        encoding="utf-8",
    )
    json_out(built.run("ingest", "--corpus", str(folder), "--json"))
    return folder


def test_escape_sequences_in_a_document_never_reach_the_terminal(built: Cli, hostile: Path) -> None:
    margin = "What was Globex's operating margin?"
    for args in (("corpus",), ("ask", margin), ("ask", "--json", margin), ("audit",)):
        proc = built.run(*args, "--corpus", str(hostile))
        assert proc.returncode == 0, shown(proc)
        assert_no_escapes(proc)
    every = built.run("corpus", "--all")
    assert every.returncode == 0, shown(every)
    assert_no_escapes(every)
    listing = built.run("corpus", "--corpus", str(hostile))
    assert "Globex widens its margin" in listing.stdout, shown(listing)
    answer = built.run("ask", "--corpus", str(hostile), margin)
    assert "14%" in answer.stdout and "Globex widens its margin" in answer.stdout, shown(answer)


def test_a_planted_figure_does_not_hide_the_articles(built: Cli, planted: Path) -> None:
    """Issue 14.2: the planted note's 40% and the article's 14% are both shown, each cited
    to its own file."""
    answer = json_out(
        built.run(
            "ask", "--corpus", str(planted), "--json", "What was Globex's operating margin in 2025?"
        )
    )
    quotes = {c["doc_id"]: c["quote"] for c in answer["citations"]}
    assert "40%" in quotes.get("planted", ""), answer["citations"]
    assert any("14%" in q for d, q in quotes.items() if d != "planted"), answer["citations"]


def test_a_document_copying_the_articles_title_and_url_is_flagged(
    built: Cli, planted: Path
) -> None:
    rows = json_out(built.run("corpus", "--corpus", str(planted), "--json"))
    by_id = {r["id"]: r for r in rows}
    assert by_id["planted"]["duplicate_of"] == "article", rows
    assert not by_id["article"]["duplicate_of"]
    listing = built.run("corpus", "--corpus", str(planted))
    line = next(line for line in listing.stdout.splitlines() if line.startswith("planted"))
    assert "duplicate of article" in line, shown(listing)


def test_a_malformed_document_is_skipped_or_fatal_with_strict(
    built: Cli, hostile: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "malformed"
    shutil.copytree(hostile, folder)
    (folder / "sources" / "broken.md").write_text(
        "---\ntitle: [unclosed\n---\n\nBody 5%.\n", encoding="utf-8"
    )
    index = {"ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    lenient = built.run("ingest", "--corpus", str(folder), env=index)
    assert lenient.returncode == 0, shown(lenient)
    assert "broken" in lenient.stderr, shown(lenient)
    assert_no_escapes(lenient)
    strict = built.run("ingest", "--strict", "--corpus", str(folder), env=index)
    assert strict.returncode != 0 and "Traceback" not in strict.stderr, shown(strict)
    errors = [line for line in strict.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "broken.md" in errors[0], shown(strict)


# --------------------------------------------------------------------------- eval, audit, ui

EVAL_QUESTIONS = """\
- id: capex-commitment
  question: "How much has Alibaba committed to AI and cloud infrastructure?"
  expected_figures: ["$53 billion"]
  expected_sources: ["article", "source-2"]
- id: other-company
  question: "What was Tencent Cloud's revenue in 2024?"
  answerable: false
"""


def test_eval_with_malformed_questions_is_one_clear_error(built: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad-questions.yaml"
    bad.write_text("- id: x\n  question: [unclosed\n  answerable: true\n", encoding="utf-8")
    line = assert_one_line_error(built.run("eval", "--questions", str(bad)))
    assert "bad-questions.yaml" in line, line


def test_eval_json_prints_the_summary_and_writes_the_report(built: Cli, tmp_path: Path) -> None:
    questions = tmp_path / "questions.yaml"
    questions.write_text(EVAL_QUESTIONS, encoding="utf-8")
    out = tmp_path / "reports"
    summary = json_out(
        built.run("eval", "--questions", str(questions), "--json", "--out", str(out))
    )
    assert summary["n"] == 2 and 0 <= summary["figure_accuracy"] <= 1
    report = json.loads((out / "latest-verified.json").read_text(encoding="utf-8"))
    assert report["summary"] == summary


def test_audit_json_goes_through_the_api(built: Cli) -> None:
    report = json_out(built.run("audit", "--json"))
    assert report["records"] and set(report["counts"]) >= {"supported", "conflicting"}


@pytest.mark.parametrize(
    ("auth", "needle"),
    [
        (None, "--allow-public"),
        ("analyst:", "neither part empty"),
        (":secret", "neither part empty"),
    ],
)
def test_ui_on_an_exposed_host_needs_a_login(cli: Cli, auth: str | None, needle: str) -> None:
    env = {"ASSISTANT_UI_AUTH": auth} if auth is not None else {}
    proc = cli.run("ui", "--host", "0.0.0.0", "--port", "1", env=env, timeout=60)
    assert needle in assert_one_line_error(proc)
    assert proc.returncode == 2


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
    """Start a rebuild, SIGKILL it ``delay_s`` after its new collection appears; True when it
    was killed while building, False when it finished first."""
    before = set(collection_names(index_dir))
    proc = cli.popen("ingest", "--rebuild", "--json", index_dir=index_dir)
    try:
        deadline = time.monotonic() + ASK_TIMEOUT_S
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


def test_ingest_killed_midway_leaves_an_index_that_answers(
    built: Cli, first_ingest: dict, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(built.index_dir, index_dir)
    env = {"ASSISTANT_INDEX_DIR": str(index_dir)}
    assert any(kill_ingest_midway(built, index_dir, delay) for delay in (2.0, 1.0, 0.3, 0.0)), (
        "every ingest finished before it could be killed"
    )
    answer = json_out(built.run("ask", "--json", COMMITMENT, env=env))
    assert contains_figure(answer["direct"], parse_figure("$53 billion")), answer
    after = json_out(built.run("ingest", "--json", env=env))
    assert after["chunks"] == first_ingest["chunks"], after


# --------------------------------------------------------------------------- a served UI


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_server(proc: subprocess.Popen[str], url: str, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate(timeout=10)
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers (with a login page or an error): it is up
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the UI at {url} did not start")


def test_ui_serves_with_the_login_it_was_given(built: Cli) -> None:
    """`assistant ui --host 0.0.0.0` with ASSISTANT_UI_AUTH: the API needs the login."""
    from gradio_client import Client

    port = free_port()
    proc = subprocess.Popen(
        [str(ASSISTANT_BIN), "ui", "--host", "0.0.0.0", "--port", str(port)],
        cwd=built.workdir,
        env={**built.env, "ASSISTANT_UI_AUTH": "analyst:long-secret"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_server(proc, url)
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(url + "gradio_api/info", timeout=10)
        assert denied.value.code in (401, 403)
        client = Client(url, auth=("analyst", "long-secret"), verbose=False)
        result = client.predict(COMMITMENT, None, [], api_name="/ask")
        assert result["error"] is None and "53 billion" in result["direct"], result
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err[-3000:]
    assert "\x1b]" not in out + err
