"""Command line: ``assistant ingest | corpus | ask | chat | eval | ui``.

Errors are turned into one clear line and an exit code here, at the edge, and nowhere else.
Heavy libraries are imported inside the commands so that ``assistant --help`` stays fast.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.config import Settings, load_settings
from assistant.errors import AssistantError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="A research assistant for Alibaba's AI push: every figure cited and checked.",
)
log = logging.getLogger("assistant")

IndexDir = Annotated[
    Path | None, typer.Option("--index-dir", help="Index location (ASSISTANT_INDEX_DIR).")
]
AsJson = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
LLMOption = Annotated[
    str | None, typer.Option("--llm", help="local (bundled), openai or fake (ASSISTANT_LLM).")
]


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log details.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    _quiet_libraries()


def _quiet_libraries() -> None:
    for name in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(name).setLevel(logging.WARNING)
    try:
        import transformers

        transformers.logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers ships with sentence-transformers
        pass


def _settings(**overrides: Any) -> Settings:
    return load_settings(**overrides)


@contextmanager
def _errors() -> Iterator[None]:
    """Show an AssistantError as one line and exit with its code; no traceback."""
    try:
        yield
    except AssistantError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
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


def _ingest(settings: Settings, rebuild: bool, fetch: bool) -> dict[str, Any]:
    from assistant.corpus import load_corpus, parse_references, write_article
    from assistant.index import ingest

    article = write_article(settings.corpus_dir)
    failures: list[str] = []
    if fetch:
        from assistant.fetch import fetch_sources

        raw = (settings.corpus_dir / "raw" / "article.txt").read_text(encoding="utf-8")
        results = fetch_sources(parse_references(raw), settings)
        failures = [r.error for r in results if not r.ok and r.error]
        for line in failures:
            typer.echo(line, err=True)
    log.info("corpus at %s (article: %s)", settings.corpus_dir, article)
    with progress_bar("embedding passages") as update:
        report = ingest(settings, rebuild=rebuild, documents=load_corpus(settings.corpus_dir),
                        progress=update)
    out = {
        "documents": report.documents,
        "chunks": report.chunks,
        "embedded": report.embedded,
        "removed": report.removed,
        "index_dir": report.index_dir,
    }
    if fetch:
        out["fetch_failures"] = failures
    return out


@app.command()
def ingest(
    index_dir: IndexDir = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Embed everything again.")] = False,
    fetch: Annotated[
        bool, typer.Option("--fetch", help="Download the cited originals first (online).")
    ] = False,
    as_json: AsJson = False,
) -> None:
    """Build or update the index; only changed documents are embedded."""
    with _errors():
        out = _ingest(_settings(index_dir=index_dir), rebuild, fetch)
    if as_json:
        typer.echo(json.dumps(out))
    else:
        typer.echo(
            f"{out['documents']} documents, {out['chunks']} passages "
            f"({out['embedded']} embedded, {out['removed']} removed) in {out['index_dir']}"
        )


@app.command()
def corpus(index_dir: IndexDir = None, as_json: AsJson = False) -> None:
    """List the documents: id, kind, title, date, passages, url."""
    with _errors():
        from assistant.index import corpus_summary

        rows = corpus_summary(_settings(index_dir=index_dir))
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    for r in rows:
        passages = "-" if r["passages"] is None else r["passages"]
        typer.echo(f"{r['id']:<9} {r['kind']:<8} {r['date'] or 'n.d.':<10} {passages:>3}  "
                   f"{r['title']}\n{'':<33}{r['url']}")


def _answer_json(answer: Any) -> dict[str, Any]:
    data = answer.to_dict()
    keys = ("text", "abstained", "quoted", "citations", "figures", "dropped", "timings")
    out = {k: data[k] for k in keys}
    out["citations"] = [
        {k: c[k] for k in ("n", "doc_id", "title", "url", "quote", "passage_id", "start", "end")}
        for c in data["citations"]
    ]
    return out


def print_answer(answer: Any, streamed: bool = False) -> None:
    if not streamed:
        typer.echo(answer.text)
    if answer.abstained:
        return
    typer.echo("")
    for c in answer.citations:
        typer.echo(f"[{c.n}] {c.title} ({c.doc_id})\n    {c.url}\n    \u201c{c.quote}\u201d")
    if answer.dropped:
        typer.echo(f"({len(answer.dropped)} draft sentence(s) dropped by verification; "
                   "--json shows why)")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in quotes.")],
    k: Annotated[int | None, typer.Option("--k", help="Passages to retrieve.")] = None,
    llm: LLMOption = None,
    index_dir: IndexDir = None,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Search only this document id (repeat).")
    ] = None,
    chain: Annotated[str, typer.Option("--chain", help="verified or naive.")] = "verified",
    as_json: AsJson = False,
) -> None:
    """Answer one question with cited, verified figures."""
    from assistant.api import Assistant

    with _errors():
        assistant = Assistant(_settings(index_dir=index_dir, llm=llm))
        if as_json:
            answer = assistant.ask(question, k=k, doc_ids=doc, chain=chain)
            typer.echo(json.dumps(_answer_json(answer), ensure_ascii=False))
            return
        final = None
        for event in assistant.stream(question, k=k, doc_ids=doc, chain=chain):
            if isinstance(event, str):
                typer.echo(event, nl=False)
            else:
                final = event
        typer.echo("")
        print_answer(final, streamed=True)


@app.command()
def chat(llm: LLMOption = None, index_dir: IndexDir = None) -> None:
    """An interactive session; follow-up questions use the conversation."""
    from assistant.api import Assistant

    with _errors():
        conversation = Assistant(_settings(index_dir=index_dir, llm=llm)).conversation()
    typer.echo("Ask about Alibaba's AI push (empty line or Ctrl-D to quit).")
    while True:
        try:
            question = input("> ")
        except EOFError:
            break
        if not question.strip():
            break
        try:
            print_answer(conversation.ask(question))
        except AssistantError as exc:
            typer.echo(f"error: {exc}", err=True)
        typer.echo("")


@app.command("eval")
def eval_(
    questions: Annotated[
        Path | None, typer.Option("--questions", help="Questions file (evals/questions.yaml).")
    ] = None,
    llm: LLMOption = None,
    chain: Annotated[str, typer.Option("--chain", help="verified or naive.")] = "verified",
    index_dir: IndexDir = None,
    out: Annotated[Path | None, typer.Option("--out", help="Report folder.")] = None,
    as_json: AsJson = False,
) -> None:
    """Run the eval suite, write a report, print the summary."""
    from assistant.api import Assistant
    from assistant.evaluation import write_report

    with _errors():
        settings = _settings(index_dir=index_dir, llm=llm)
        assistant = Assistant(settings)
        with progress_bar(f"eval ({chain})") as update:
            report = assistant.evaluate(questions, chain=chain, progress=update)
        _, md_path = write_report(report, out or settings.reports_dir)
    if as_json:
        typer.echo(json.dumps(report.summary))
        return
    for key, value in report.summary.items():
        typer.echo(f"{key:<24} {value}")
    typer.echo(f"report: {md_path}")


@app.command()
def audit(
    out: Annotated[Path | None, typer.Option("--out", help="Also write the report here.")] = None,
    as_json: AsJson = False,
) -> None:
    """Check every referenced figure of the article against its sources."""
    from assistant.audit import audit_corpus

    with _errors():
        report = audit_corpus(_settings().corpus_dir)
    text = report.to_json() if as_json else report.to_markdown()
    if out:
        out.write_text(text, encoding="utf-8")
    typer.echo(text)


@app.command()
def ui(
    host: Annotated[str, typer.Option(help="Address to serve on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7860,
    share: Annotated[bool, typer.Option(help="Ask Gradio for a public link.")] = False,
    llm: LLMOption = None,
    index_dir: IndexDir = None,
) -> None:
    """Serve the chat UI (builds the index first when it is missing)."""
    from assistant.api import Assistant

    with _errors():
        settings = _settings(index_dir=index_dir, llm=llm)
        with progress_bar("building the index") as update:
            assistant = Assistant(settings, progress=update)
            assistant.handle  # noqa: B018 - build the index before serving
        from assistant.ui import launch

        launch(assistant, host=host, port=port, share=share)


if __name__ == "__main__":  # pragma: no cover
    app()
