"""Command line: ``assistant ingest | corpus | ask | chat | eval | audit | ui``.

Every command goes through the public API (``assistant.Assistant``) for the corpus chosen
with ``--corpus`` (``ASSISTANT_CORPUS_DIR``). Errors are turned into one clear line and an
exit code here, at the edge, and nowhere else. Every text printed passes through
``terminal_safe``, so a document cannot send escape sequences to the terminal. Heavy
libraries are imported inside the commands so that ``assistant --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assistant.config import load_settings
from assistant.errors import AssistantError
from assistant.text import terminal_safe

if TYPE_CHECKING:
    from assistant import Answer, Assistant

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="A research assistant for an article and its sources: every figure it states is "
    "cited and checked against the passage it cites.",
)
log = logging.getLogger("assistant")

CorpusDir = Annotated[
    Path | None,
    typer.Option("--corpus", help="Corpus folder: article + sources/ (ASSISTANT_CORPUS_DIR)."),
]
IndexDir = Annotated[
    Path | None, typer.Option("--index-dir", help="Index location (ASSISTANT_INDEX_DIR).")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
LLMOption = Annotated[
    str | None, typer.Option("--llm", help="local (bundled), openai or fake (ASSISTANT_LLM).")
]
ChainOption = Annotated[str, typer.Option("--chain", help="verified or naive.")]


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for name in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(name).setLevel(logging.WARNING)


# --------------------------------------------------------------------------- output


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print ``text`` without any control or escape sequence it may carry."""
    typer.echo(terminal_safe(text), err=err, nl=nl)


_RAW_IN_JSON = re.compile("[\x7f-\x9f]")


def echo_json(data: Any) -> None:
    """One JSON document on one line; every control character arrives escaped (\\u001b,
    \\u009b), so the data is kept whole and the terminal sees none of them."""
    text = json.dumps(data, ensure_ascii=False, default=str)
    echo(_RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def as_dict(report: Any) -> dict[str, Any]:
    """A report object as a JSON-able dict (its ``to_dict()`` when it has one)."""
    if hasattr(report, "to_dict"):
        return report.to_dict()
    if is_dataclass(report) and not isinstance(report, type):
        return asdict(report)
    return dict(vars(report))


@contextmanager
def _errors() -> Iterator[None]:
    """Show an AssistantError as one line and exit with its code; no traceback."""
    try:
        yield
    except AssistantError as exc:
        echo(f"error: {' '.join(str(exc).split())}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        echo("interrupted", err=True)
        raise typer.Exit(130) from None


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on a terminal; periodic log lines otherwise."""
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task(label, total=None)

            def update(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            yield update
        return

    def log_update(done: int, total: int) -> None:
        if done == total or done % 10 == 0:
            logging.getLogger("assistant.progress").info("%s: %d/%d", label, done, total)

    yield log_update


def _assistant(
    corpus: Path | None,
    index_dir: Path | None,
    llm: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Assistant:
    from assistant import Assistant

    settings = load_settings(corpus_dir=corpus, index_dir=index_dir, llm=llm)
    return Assistant(settings, progress=progress)


def print_answer(answer: Answer) -> None:
    """The answer in reading order: premise, direct line, quotes, citations, caveats."""
    from assistant.ui.render import answer_lines

    for line in answer_lines(answer):
        echo(line)


# --------------------------------------------------------------------------- the corpus


@app.command()
def ingest(
    corpus: CorpusDir = None,
    index_dir: IndexDir = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Embed everything again.")] = False,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Download the cited originals first (online).")
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at a malformed document instead of skipping it.")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Build or update the corpus's index; only changed documents are embedded."""
    with _errors(), progress_bar("embedding passages") as update:
        report = _assistant(corpus, index_dir).ingest(
            rebuild=rebuild, fetch=fetch, strict=strict, progress=update
        )
    out = as_dict(report)
    if as_json:
        echo_json(out)
        return
    for key in ("problems", "duplicates", "fetch_failures"):
        for line in out.get(key) or []:
            echo(f"warning: {line}", err=True)
    echo(
        f"{out.get('documents')} documents, {out.get('chunks')} passages "
        f"({out.get('embedded')} embedded, {out.get('removed')} removed) in {out.get('index_dir')}"
    )


@app.command()
def corpus(
    corpus: CorpusDir = None,
    index_dir: IndexDir = None,
    every: Annotated[bool, typer.Option("--all", help="List every corpus in the index.")] = False,
    as_json: AsJson = False,
) -> None:
    """List the corpus's documents (or, with --all, every corpus the index holds)."""
    from assistant.ui.corpus_tab import corpora_lines, corpus_lines

    with _errors():
        assistant = _assistant(corpus, index_dir)
        rows = assistant.corpora() if every else assistant.corpus()
    if as_json:
        echo_json(rows)
        return
    for line in (corpora_lines if every else corpus_lines)(rows):
        echo(line)


# --------------------------------------------------------------------------- questions


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    corpus: CorpusDir = None,
    k: Annotated[int | None, typer.Option("--k", help="Passages to retrieve.")] = None,
    llm: LLMOption = None,
    index_dir: IndexDir = None,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Search only this document id (repeat).")
    ] = None,
    chain: ChainOption = "verified",
    as_json: AsJson = False,
) -> None:
    """Answer one question: a direct answer first, then the quotes that hold its figures."""
    with _errors():
        answer = _assistant(corpus, index_dir, llm).ask(question, k=k, doc_ids=doc, chain=chain)
    if as_json:
        echo_json(answer.to_dict())
    else:
        print_answer(answer)


def _questions() -> Iterator[str]:
    """Lines from standard input until an empty line or end of input."""
    while True:
        if sys.stdin.isatty():
            echo("> ", nl=False)
        line = sys.stdin.readline()
        if not line or not line.strip():
            return
        yield line.strip()


@app.command()
def chat(
    corpus: CorpusDir = None,
    llm: LLMOption = None,
    index_dir: IndexDir = None,
    as_json: AsJson = False,
) -> None:
    """An interactive session; follow-up questions are read in the light of earlier ones.

    With --json, one JSON object per turn (the answer, or {"question", "error"}).
    """
    with _errors():
        assistant = _assistant(corpus, index_dir, llm)
        conversation = assistant.conversation()
        title = assistant.profile.title
    echo(f"Ask about {title} (empty line or Ctrl-D to quit).", err=as_json)
    for question in _questions():
        try:
            answer = conversation.ask(question)
        except AssistantError as exc:
            if as_json:
                echo_json({"question": question, "error": str(exc)})
            else:
                echo(f"error: {' '.join(str(exc).split())}", err=True)
            continue
        if as_json:
            echo_json(answer.to_dict())
        else:
            print_answer(answer)
            echo("")


# --------------------------------------------------------------------------- checks


def _run(
    questions: Path | None,
    settings: Any,
    chain: str,
    update: Callable[[int, int], None],
    jobs: int = 1,
) -> list[Any]:
    """The eval reports: ``--questions`` on the chosen corpus, or every suite's regression
    (if any), dev and test part, each on its own corpus (``evals/suites.yaml``)."""
    from assistant import Assistant

    assistant = Assistant(settings)
    if questions is not None:
        return [assistant.evaluate(questions, chain=chain, progress=update)]
    return assistant.evaluate_suites(chain=chain, progress=update, jobs=jobs)


@app.command("eval")
def eval_(
    questions: Annotated[
        Path | None, typer.Option("--questions", help="One questions file (default: every suite).")
    ] = None,
    corpus: CorpusDir = None,
    llm: LLMOption = None,
    chain: ChainOption = "verified",
    index_dir: IndexDir = None,
    out: Annotated[Path | None, typer.Option("--out", help="Report folder.")] = None,
    as_json: AsJson = False,
    jobs: Annotated[
        int, typer.Option("--jobs", min=1, help="Suites scored at once, in worker processes.")
    ] = 1,
) -> None:
    """Run the eval suites (dev and test part of each corpus), write reports, print summaries.

    Reports go to the report folder: one per suite and part, and suites-latest.md beside them.
    """
    from assistant.evaluation import write_report, write_suite_reports

    with _errors():
        settings = load_settings(corpus_dir=corpus, index_dir=index_dir, llm=llm)
        reports_dir = out or settings.reports_dir
        with progress_bar(f"eval ({chain})") as update:
            reports = _run(questions, settings, chain, update, jobs)
        if questions is not None:
            _, written = write_report(reports[0], reports_dir)
        else:
            _, written = write_suite_reports(reports, reports_dir)
    if as_json:
        echo_json(
            reports[0].summary
            if questions is not None
            else [{"suite": r.suite, "part": r.part, "summary": r.summary} for r in reports]
        )
        return
    for report in reports:
        echo(" ".join(x for x in (report.suite, report.part, report.chain) if x))
        for key, value in report.summary.items():
            echo(f"  {key:<24} {value}")
    echo(f"report: {written}")


@app.command()
def audit(
    corpus: CorpusDir = None,
    index_dir: IndexDir = None,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the report here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Check every figure of the article against its sources."""
    with _errors():
        report = _assistant(corpus, index_dir).audit()
    text = report.to_json() if as_json else report.to_markdown()
    if out:
        out.write_text(text, encoding="utf-8")
    echo(text)


# --------------------------------------------------------------------------- the UI


@app.command()
def ui(
    corpus: CorpusDir = None,
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7860,
    share: Annotated[bool, typer.Option(help="Ask Gradio for a public link.")] = False,
    allow_public: Annotated[
        bool,
        typer.Option("--allow-public", help="Serve beyond this machine without a login (unsafe)."),
    ] = False,
    llm: LLMOption = None,
    index_dir: IndexDir = None,
) -> None:
    """Serve the web UI (builds the index first when it is missing).

    A host other than loopback needs ASSISTANT_UI_AUTH=user:password, or --allow-public.
    """
    from assistant.ui.auth import resolve_auth

    with _errors():
        settings = load_settings(corpus_dir=corpus, index_dir=index_dir, llm=llm)
        if not allow_public:  # refuse before the slow start (the warning is logged by launch)
            resolve_auth(host, settings.ui_auth, share=share)
        from assistant import Assistant

        with progress_bar("building the index") as update:
            assistant = Assistant(settings, progress=update)
            assistant.profile  # noqa: B018 - open (or build) the index before serving
        from assistant.ui import launch

        launch(assistant, host=host, port=port, share=share, allow_public=allow_public)


if __name__ == "__main__":  # pragma: no cover
    app()
