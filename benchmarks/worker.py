"""One measurement inside one version of the assistant; run by ``benchmarks/run.py``.

``run.py`` starts this file with ``PYTHONPATH`` pointing at a source tree (the working tree,
or the previous release checked out with ``git worktree``) and ``ASSISTANT_INDEX_DIR`` at
that version's own index folder, so the same code measures both versions. It imports only
the standard library until a command runs, and only the API both versions share:
``assistant.config.Settings``, ``assistant.index.ingest`` and ``assistant.api.Assistant``
(whose ``stream`` yields text pieces, then the ``Answer``). It prints one JSON object.

Commands::

    worker.py build                       # full ingest into the (empty) index folder
    worker.py ingest-again --repeats 5    # no-change ingests in this fresh process
    worker.py answers QUESTIONS.json      # warm answers: first text and total per question
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any


def _settings() -> Any:
    from assistant.config import Settings

    return Settings(_env_file=None)  # ASSISTANT_INDEX_DIR comes from the environment


def build() -> dict[str, Any]:
    """A full ingest, from process start (imports included) to the report."""
    started = time.perf_counter()
    from assistant.index import ingest

    report = ingest(_settings())
    return {"build_s": time.perf_counter() - started, "report": _report(report)}


def ingest_again(repeats: int) -> dict[str, Any]:
    """No-change ingests: the first in this fresh process (imports timed apart), then more."""
    started = time.perf_counter()
    from assistant.index import ingest

    settings = _settings()
    imported = time.perf_counter()
    report = ingest(settings)
    first = time.perf_counter() - imported
    again = []
    for _ in range(repeats):
        lap = time.perf_counter()
        report = ingest(settings)
        again.append(time.perf_counter() - lap)
    return {
        "import_s": imported - started,
        "first_s": first,
        "again_s": again,
        "report": _report(report),
    }


def _report(report: Any) -> dict[str, Any]:
    fields = ("documents", "chunks", "passages", "embedded", "reused", "unchanged")
    return {f: getattr(report, f) for f in fields if isinstance(getattr(report, f, None), int)}


def answers(questions: list[str]) -> dict[str, Any]:
    """Warm answers: one warm-up question, then each question once, timed through ``stream``."""
    from assistant.api import Assistant

    started = time.perf_counter()
    assistant = Assistant(_settings())
    for _ in assistant.stream(questions[0]):
        pass
    warm_up = time.perf_counter() - started
    samples = [_answer(assistant, q) for q in questions]
    return {"warm_up_s": warm_up, "samples": samples}


def _answer(assistant: Any, question: str) -> dict[str, Any]:
    """Seconds to the first non-empty text piece and to the final Answer."""
    started = time.perf_counter()
    first = None
    answer = None
    try:
        for event in assistant.stream(question):
            if isinstance(event, str):
                if first is None and event.strip():
                    first = time.perf_counter() - started
            else:
                answer = event
    except Exception as exc:  # a benchmark records failures, it does not stop on them
        return {"question": question, "error": f"{type(exc).__name__}: {exc}"[:300]}
    total = time.perf_counter() - started
    return {
        "question": question,
        "total_s": total,
        "first_s": first if first is not None else total,
        "abstained": bool(getattr(answer, "abstained", False)),
        "quoted": bool(getattr(answer, "quoted", False)),
        "model_words": bool(getattr(answer, "model_words", False)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build")
    again = sub.add_parser("ingest-again")
    again.add_argument("--repeats", type=int, default=5)
    ask = sub.add_parser("answers")
    ask.add_argument("questions", type=Path, help="A JSON list of questions.")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.command == "build":
        result = build()
    elif args.command == "ingest-again":
        result = ingest_again(args.repeats)
    else:
        result = answers(json.loads(args.questions.read_text(encoding="utf-8")))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
