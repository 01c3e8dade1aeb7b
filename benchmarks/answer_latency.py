"""Warm answer latency of the bundled model: the verified chain against the naive LangChain chain.

Both chains answer the same eval questions (``evals/questions.yaml``) with the same
SmolLM2-135M model (llama.cpp, in process) over the same index, in one run. After one
warm-up question per chain (model, embeddings and BM25 loaded), every question is asked
``--repeats`` times per chain, the chains interleaved so that a burst of load from other
processes disturbs both alike.

Measured per answer, with ``time.perf_counter`` around ``Assistant.stream`` (which
``Assistant.ask`` consumes, so the work is the same):

- ``total_s``: until the final ``Answer`` arrives;
- ``first_s``: until the first non-empty ``str`` piece. For the verified chain that is the
  first *verified* sentence (or the abstention / quoted evidence, which come in one piece);
  for the naive chain it is the first token the model streams;
- ``context_tokens``: tokens in the llama.cpp context after the answer (prompt + draft),
  read from the model when the local backend ran; it shows how long each chain's prompt is.

Nothing here asserts a time; the script prints a table. Run it from the project root::

    .venv/bin/python benchmarks/answer_latency.py            # all questions, 3 repeats
    .venv/bin/python benchmarks/answer_latency.py --limit 8 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(PROJECT_ROOT))

from assistant.answer import Answer  # noqa: E402
from assistant.api import Assistant  # noqa: E402
from assistant.config import Settings  # noqa: E402

log = logging.getLogger("benchmarks.answer_latency")

QUESTIONS_FILE = PROJECT_ROOT / "evals" / "questions.yaml"
CHAINS = ("verified", "naive")


# --------------------------------------------------------------------------- statistics


def nearest_rank(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with at least pct% of values <= it."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def p50_p95(values: Sequence[float]) -> dict[str, float]:
    """Median (``statistics.median``) and nearest-rank p95, with the sample count."""
    if not values:
        return {"n": 0, "p50": math.nan, "p95": math.nan}
    return {"n": len(values), "p50": statistics.median(values), "p95": nearest_rank(values, 95)}


def ratio(a: float, b: float) -> float:
    return a / b if b and not math.isnan(a) and not math.isnan(b) else math.nan


# --------------------------------------------------------------------------- workload


def load_workload(path: Path = QUESTIONS_FILE, limit: int | None = None) -> list[str]:
    """The eval questions; with ``limit``, that many spread evenly over the file."""
    from assistant.evaluation import load_questions

    questions = [q.question for q in load_questions(path)]
    if limit is None or limit >= len(questions):
        return questions
    step = len(questions) / max(1, limit)
    return [questions[int(i * step)] for i in range(limit)]


def bench_settings(index_dir: Path) -> Settings:
    """Default settings (bundled local model) on the given index, ignoring ``.env``."""
    return Settings(index_dir=index_dir, llm="local", _env_file=None)  # type: ignore[call-arg]


@contextmanager
def index_dir_or_temp(index_dir: Path | None) -> Iterator[Path]:
    """The given index folder, or a fresh temporary one (built on first use, then removed)."""
    if index_dir is not None:
        yield index_dir
        return
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        yield Path(tmp)


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    """One timed answer."""

    chain: str
    question: str
    total_s: float
    first_s: float | None
    called_model: bool
    outcome: str  # drafted (model's verified sentences) | quoted | abstained | naive | error
    context_tokens: int | None = None
    error: str = ""


def context_tokens(assistant: Assistant) -> int | None:
    """Tokens in the local model's context (prompt + generated) after the last call."""
    llama_of = getattr(assistant.llm, "_llama", None)
    if llama_of is None:  # not the local backend
        return None
    try:
        return int(llama_of().n_tokens)
    except Exception:  # a reading aid only; never fail a benchmark over it
        return None


def _outcome(chain: str, answer: Answer) -> str:
    if chain == "naive":
        return "naive"
    if answer.abstained:
        return "abstained"
    return "quoted" if answer.quoted else "drafted"


def time_one(assistant: Assistant, question: str, chain: str) -> Sample:
    """Stream one answer, timing the first non-empty text piece and the final Answer."""
    first: float | None = None
    final: Answer | None = None
    started = time.perf_counter()
    try:
        for event in assistant.stream(question, chain=chain):
            if isinstance(event, Answer):
                final = event
            elif event and first is None:
                first = time.perf_counter() - started
    except Exception as exc:  # record and go on: one failing question must not end the run
        log.warning("%s chain failed on %r: %s", chain, question, exc)
        return Sample(
            chain,
            question,
            time.perf_counter() - started,
            first,
            False,
            "error",
            error=f"{type(exc).__name__}: {exc}",
        )
    total = time.perf_counter() - started
    assert final is not None  # both chains end with an Answer
    called = chain == "naive" or "llm_s" in final.timings
    tokens = context_tokens(assistant) if called else None
    return Sample(chain, question, total, first, called, _outcome(chain, final), tokens)


def warm_up(assistant: Assistant, question: str, chains: Sequence[str] = CHAINS) -> float:
    """Load everything (index, embeddings, BM25, model) by answering once per chain."""
    started = time.perf_counter()
    for chain in chains:
        time_one(assistant, question, chain)
    elapsed = time.perf_counter() - started
    log.info("warm-up done in %.1f s", elapsed)
    return elapsed


def measure(
    assistant: Assistant,
    questions: Sequence[str],
    repeats: int = 3,
    chains: Sequence[str] = CHAINS,
) -> list[Sample]:
    """Ask every question ``repeats`` times per chain, chains interleaved per question."""
    samples: list[Sample] = []
    total = repeats * len(questions) * len(chains)
    for r in range(repeats):
        for i, question in enumerate(questions, 1):
            for chain in chains:
                sample = time_one(assistant, question, chain)
                samples.append(sample)
                log.info(
                    "[%d/%d] round %d q%d %-8s %6.2f s (first %s) %s",
                    len(samples),
                    total,
                    r + 1,
                    i,
                    chain,
                    sample.total_s,
                    "-" if sample.first_s is None else f"{sample.first_s:.2f} s",
                    sample.outcome,
                )
    return samples


# --------------------------------------------------------------------------- summary


def best_of_repeats_p50(samples: Sequence[Sample], metric: str) -> float:
    """Median over questions of each question's fastest repeat.

    Load from other processes only ever adds time, so the fastest of a question's repeats is
    the least disturbed reading of it; on a busy machine this is the steadier figure.
    """
    best: dict[str, float] = {}
    for s in samples:
        value = getattr(s, metric)
        if value is not None:
            best[s.question] = min(value, best.get(s.question, math.inf))
    return statistics.median(best.values()) if best else math.nan


def summarize(samples: Sequence[Sample]) -> dict[str, Any]:
    """p50/p95 of total and first-piece time per chain, the verified/naive ratios, outcomes.

    ``verified_model`` keeps only the verified answers that called the model: abstentions
    return without it, so this row compares like with like against the naive chain.
    """
    ok = [s for s in samples if s.outcome != "error"]
    groups = {
        "verified": [s for s in ok if s.chain == "verified"],
        "verified_model": [s for s in ok if s.chain == "verified" and s.called_model],
        "naive": [s for s in ok if s.chain == "naive"],
    }
    out: dict[str, Any] = {}
    for name, group in groups.items():
        tokens = [s.context_tokens for s in group if s.context_tokens is not None]
        out[name] = {
            "total_s": p50_p95([s.total_s for s in group]),
            "first_s": p50_p95([s.first_s for s in group if s.first_s is not None]),
            "best_total_s_p50": best_of_repeats_p50(group, "total_s"),
            "best_first_s_p50": best_of_repeats_p50(group, "first_s"),
            "context_tokens_median": statistics.median(tokens) if tokens else None,
            "outcomes": {
                o: sum(s.outcome == o for s in group) for o in sorted({s.outcome for s in group})
            },
        }
    out["errors"] = [asdict(s) for s in samples if s.outcome == "error"]
    for name in ("verified", "verified_model"):
        out[f"ratio_{name}_over_naive"] = {
            f"{metric}_{stat}": ratio(out[name][metric][stat], out["naive"][metric][stat])
            for metric in ("total_s", "first_s")
            for stat in ("p50", "p95")
        }
        for metric in ("total_s", "first_s"):
            key = f"best_{metric}_p50"
            out[f"ratio_{name}_over_naive"][key] = ratio(out[name][key], out["naive"][key])
    return out


def finite(value: Any) -> Any:
    """The results with NaN as null, so that results.json is strict JSON."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def _missing(value: float | None) -> bool:
    return value is None or math.isnan(value)


def fmt_s(value: float | None) -> str:
    """Seconds, two decimals; n/a when there is no value."""
    return "n/a" if _missing(value) else f"{value:.2f} s"


def fmt_ratio(value: float | None) -> str:
    """A ratio such as 0.25x; n/a when there is no value."""
    return "n/a" if _missing(value) else f"{value:.2f}x"


def format_table(summary: dict[str, Any]) -> str:
    """A Markdown table: medians and p95 per chain, and verified/naive ratios."""
    labels = {
        "verified": "verified chain (all answers)",
        "verified_model": "verified chain (answers that called the model)",
        "naive": "naive chain (baseline)",
    }
    lines = [
        "| Chain | n | ask p50 | ask p95 | ask best-of-repeats p50 | first piece p50 "
        "| first piece p95 | first piece best-of-repeats p50 | context tokens (median) "
        "| outcomes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, label in labels.items():
        row = summary[key]
        tokens = row["context_tokens_median"]
        outcomes = ", ".join(f"{k} {v}" for k, v in row["outcomes"].items()) or "-"
        lines.append(
            f"| {label} | {row['total_s']['n']} | {fmt_s(row['total_s']['p50'])} "
            f"| {fmt_s(row['total_s']['p95'])} | {fmt_s(row['best_total_s_p50'])} "
            f"| {fmt_s(row['first_s']['p50'])} | {fmt_s(row['first_s']['p95'])} "
            f"| {fmt_s(row['best_first_s_p50'])} | {'-' if tokens is None else f'{tokens:.0f}'} "
            f"| {outcomes} |"
        )
    for name, label in (("verified", "all answers"), ("verified_model", "model called")):
        r = summary[f"ratio_{name}_over_naive"]
        lines.append(
            f"| **ratio verified / naive ({label})** | | {fmt_ratio(r['total_s_p50'])} "
            f"| {fmt_ratio(r['total_s_p95'])} | {fmt_ratio(r['best_total_s_p50'])} "
            f"| {fmt_ratio(r['first_s_p50'])} | {fmt_ratio(r['first_s_p95'])} "
            f"| {fmt_ratio(r['best_first_s_p50'])} | | |"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- script


def run(index_dir: Path | None, limit: int | None, repeats: int) -> tuple[list[Sample], float]:
    """Build (if needed) and open the index, warm up, measure; the samples and warm-up time."""
    questions = load_workload(limit=limit)
    with index_dir_or_temp(index_dir) as folder:
        assistant = Assistant(bench_settings(folder))
        log.info("%d questions x %d repeats x %d chains", len(questions), repeats, len(CHAINS))
        warm = warm_up(assistant, questions[0])
        return measure(assistant, questions, repeats), warm


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="Times each question is asked.")
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="Use only this many eval questions (spread over the file).",
    )
    parser.add_argument(
        "--index-dir",
        type=Path,
        default=None,
        help="An existing index (default: build one in a temporary folder).",
    )
    parser.add_argument("--json", type=Path, default=None, help="Also write samples here.")
    parser.add_argument("-q", "--quiet", action="store_true", help="No progress log.")
    return parser.parse_args(argv)


def configure_logging(verbose: bool) -> None:
    """Progress at INFO on stderr (WARNING when not verbose); noisy libraries kept quiet."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    with suppress(ImportError):  # bm25s sets its own logger to DEBUG when imported
        import bm25s  # noqa: F401
    for name in ("httpx", "chromadb", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(name).setLevel(logging.WARNING)
    with suppress(ImportError):
        import transformers

        transformers.logging.disable_progress_bar()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    configure_logging(verbose=not args.quiet)
    meta: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "loadavg_start": os.getloadavg(),
    }
    samples, meta["warm_up_s"] = run(args.index_dir, args.limit, args.repeats)
    meta["loadavg_end"] = os.getloadavg()
    summary = summarize(samples)
    print(
        f"{meta['date']}  load average {meta['loadavg_start'][0]:.2f} at start, "
        f"{meta['loadavg_end'][0]:.2f} at end\n"
    )
    print(format_table(summary))
    if args.json:
        data = {**meta, "summary": summary, "samples": [asdict(s) for s in samples]}
        args.json.write_text(json.dumps(finite(data), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
