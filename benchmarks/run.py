"""Every benchmark of the assistant in one run; prints a Markdown table, writes results.json.

Sections, each beside a baseline:

(a) cold start: wall time of ``assistant ask "<question>"`` as a fresh subprocess (index
    already built, OS file cache warm), beside ``assistant --help``;
(b) ingest: a full build into an empty index folder, beside a re-ingest with nothing changed;
(c) retrieval: hybrid (dense + BM25, fused) over the eval questions, beside dense-only Chroma
    similarity search through langchain-chroma on the same collection and embeddings;
(d) answers with the bundled SmolLM2-135M: the verified chain beside the naive LangChain chain
    (``benchmarks/answer_latency.py``, imported);
(e) peak memory: ``ru_maxrss`` of this process once everything is loaded, and of the
    ``assistant ask`` subprocesses (``RUSAGE_CHILDREN``), beside ``assistant --help``. The
    subprocesses are started from ``benchmarks/cold_start.py``, a small process of its own:
    Linux charges a child the peak RSS of the process that spawned it, which by then is this
    one with torch and the models loaded.

Times are ``time.perf_counter`` wall clock; medians are ``statistics.median``, p95 is the
nearest rank. Progress goes to the log (stderr); only the results are printed. Nothing is
asserted. From the project root::

    .venv/bin/python benchmarks/run.py            # full: every eval question, 3 repeats
    .venv/bin/python benchmarks/run.py --quick    # a few minutes: 6 questions, single runs
    .venv/bin/python benchmarks/run.py --limit 12 # 12 questions spread over the eval file
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import logging
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent
if str(PROJECT_ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(PROJECT_ROOT))

from benchmarks.answer_latency import (  # noqa: E402
    Sample,
    bench_settings,
    configure_logging,
    finite,
    fmt_ratio,
    fmt_s,
    format_table,
    load_workload,
    measure,
    p50_p95,
    ratio,
    summarize,
    warm_up,
)

log = logging.getLogger("benchmarks.run")

RESULTS_FILE = PROJECT_ROOT / "benchmarks" / "results.json"


# --------------------------------------------------------------------------- machine


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _total_ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024**2
    except OSError:
        pass
    return float("nan")


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": _cpu_model(),
        "ram_gib": round(_total_ram_gib(), 1),
        "python": platform.python_version(),
        "torch": _version("torch"),
        "llama_cpp_python": _version("llama_cpp_python"),
        "platform": platform.platform(),
        "loadavg_start": os.getloadavg(),
    }


# --------------------------------------------------------------------------- helpers


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def median_of(runs: Sequence[float]) -> dict[str, Any]:
    return {"runs": list(runs), "median": statistics.median(runs) if runs else float("nan")}


def maxrss_mib(who: int) -> float:
    """``ru_maxrss`` (KiB on Linux) of ``RUSAGE_SELF`` or ``RUSAGE_CHILDREN``, in MiB."""
    return resource.getrusage(who).ru_maxrss / 1024


def current_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --------------------------------------------------------------------------- (b) ingest


def preload_embeddings(settings: Any) -> float:
    """Import Chroma and load the embedding model once, so each timed ingest is alike."""
    from assistant.index import load_embeddings

    def load() -> None:
        import chromadb  # noqa: F401
        import langchain_chroma  # noqa: F401

        load_embeddings(settings.embedding_model).embed_query("warm up")

    return timed(load)


def bench_ingest(workdir: Path, runs: int) -> tuple[dict[str, Any], Path]:
    """Full builds into empty folders, then no-change re-ingests of the last one."""
    from assistant.index import ingest

    load_s = preload_embeddings(bench_settings(workdir / "unused"))
    log.info("embedding model and Chroma loaded in %.1f s", load_s)
    full, report = [], None
    for i in range(runs):
        settings = bench_settings(workdir / f"index-{i}")
        full.append(timed(lambda s=settings: ingest(s)))
        log.info("full ingest %d/%d: %.2f s", i + 1, runs, full[-1])
    index_dir = workdir / f"index-{runs - 1}"
    settings = bench_settings(index_dir)
    again = []
    for i in range(runs):
        started = time.perf_counter()
        report = ingest(settings)
        again.append(time.perf_counter() - started)
        log.info(
            "no-change re-ingest %d/%d: %.3f s (%d embedded)",
            i + 1,
            runs,
            again[-1],
            report.embedded,
        )
    result = {
        "embedding_model_load_s": load_s,
        "full": median_of(full),
        "no_change": median_of(again),
        "documents": report.documents if report else None,
        "passages": report.chunks if report else None,
        "ratio_full_over_no_change": ratio(statistics.median(full), statistics.median(again)),
    }
    return result, index_dir


# --------------------------------------------------------------------------- (a) cold start


def bench_cold_start(index_dir: Path, runs: int, verbose: bool) -> dict[str, Any]:
    """Run ``benchmarks/cold_start.py`` as its own small process and read its JSON.

    Its children's ``ru_maxrss`` would include this (by now large) process's peak if they
    were spawned from here, so they are spawned from a process that imported little.
    """
    script = Path(__file__).resolve().parent / "cold_start.py"
    args = [sys.executable, str(script), "--index-dir", str(index_dir), "--runs", str(runs)]
    done = subprocess.run(
        [*args, *(["-v"] if verbose else [])], stdout=subprocess.PIPE, text=True, check=True
    )
    return json.loads(done.stdout)


# --------------------------------------------------------------------------- (c) retrieval


def bench_retrieval(index_dir: Path, questions: Sequence[str], repeats: int) -> dict[str, Any]:
    """Hybrid retrieval against dense-only langchain-chroma search, interleaved per question."""
    from langchain_chroma import Chroma

    from assistant.index import open_index
    from assistant.retrieval import HybridRetriever

    settings = bench_settings(index_dir)
    handle = open_index(settings)
    hybrid = HybridRetriever(handle)
    dense = Chroma(
        client=handle.client,
        collection_name=handle.manifest.collection,
        embedding_function=hybrid.embeddings,
    )
    k = settings.top_k
    hybrid.retrieve(questions[0], k)
    dense.similarity_search(questions[0], k=k)
    hybrid_s, dense_s = [], []
    for _ in range(repeats):
        for question in questions:
            hybrid_s.append(timed(lambda q=question: hybrid.retrieve(q, k)))
            dense_s.append(timed(lambda q=question: dense.similarity_search(q, k=k)))
    log.info("retrieval: %d queries each", len(hybrid_s))
    h, d = p50_p95(hybrid_s), p50_p95(dense_s)
    return {
        "k": k,
        "hybrid": h,
        "dense": d,
        "ratio_p50": ratio(h["p50"], d["p50"]),
        "ratio_p95": ratio(h["p95"], d["p95"]),
    }


# --------------------------------------------------------------------------- (d, e) answers


def bench_answers(
    index_dir: Path, questions: Sequence[str], repeats: int
) -> tuple[dict[str, Any], list[Sample], dict[str, float]]:
    """Warm up both chains, read this process's peak RSS, then measure both chains."""
    from assistant.api import Assistant

    assistant = Assistant(bench_settings(index_dir))
    warm_s = warm_up(assistant, questions[0])
    memory = {
        "self_maxrss_mib": maxrss_mib(resource.RUSAGE_SELF),
        "self_rss_now_mib": current_rss_mib(),
    }
    log.info("loaded; peak RSS %.0f MiB", memory["self_maxrss_mib"])
    samples = measure(assistant, questions, repeats)
    summary = summarize(samples)
    summary["warm_up_s"] = warm_s
    summary["questions"] = len(questions)
    summary["repeats"] = repeats
    memory["self_maxrss_end_mib"] = maxrss_mib(resource.RUSAGE_SELF)
    return summary, samples, memory


# --------------------------------------------------------------------------- report


def _ms(v: float) -> str:
    return f"{v * 1000:.1f} ms"


def _time(v: float) -> str:
    """Seconds, or milliseconds below one second."""
    return _ms(v) if v < 1 else fmt_s(v)


def _stat_row(
    label: str,
    mine: dict[str, Any],
    base_label: str,
    base: dict[str, Any],
    fmt: Callable[[float], str],
) -> tuple[str, ...]:
    """A table row from two ``p50_p95`` dicts, with the p50 ratio."""
    return (
        label,
        fmt(mine["p50"]),
        fmt(mine["p95"]),
        base_label,
        fmt(base["p50"]),
        fmt(base["p95"]),
        fmt_ratio(ratio(mine["p50"], base["p50"])),
    )


def results_table(r: dict[str, Any]) -> str:
    """The headline Markdown table: each measure, its baseline and the ratio."""
    a, b, c, d, e = r["cold_start"], r["ingest"], r["retrieval"], r["answers"], r["memory"]
    ver, nai, vm = d["verified"], d["naive"], d["verified_model"]
    rows = [
        (
            "(a) cold start `assistant ask` (wall, median)",
            _time(a["ask"]["median"]),
            "",
            "`assistant --help`",
            _time(a["help"]["median"]),
            "",
            fmt_ratio(a["ratio_ask_over_help"]),
        ),
        (
            "(b) ingest, full build into empty dir (median)",
            _time(b["full"]["median"]),
            "",
            "no-change re-ingest",
            _time(b["no_change"]["median"]),
            "",
            fmt_ratio(b["ratio_full_over_no_change"]),
        ),
        _stat_row(
            f"(c) retrieval, hybrid k={c['k']} (n={c['hybrid']['n']})",
            c["hybrid"],
            "dense-only langchain-chroma",
            c["dense"],
            _ms,
        ),
        _stat_row(
            f"(d) ask, verified chain (n={ver['total_s']['n']})",
            ver["total_s"],
            "naive chain",
            nai["total_s"],
            fmt_s,
        ),
        _stat_row(
            "(d) first verified sentence / first token",
            ver["first_s"],
            "naive: first token",
            nai["first_s"],
            fmt_s,
        ),
        _stat_row(
            f"(d) ask, verified, model called (n={vm['total_s']['n']})",
            vm["total_s"],
            "naive chain",
            nai["total_s"],
            fmt_s,
        ),
        _stat_row(
            "(d) first verified sentence, model called",
            vm["first_s"],
            "naive: first token",
            nai["first_s"],
            fmt_s,
        ),
        (
            "(e) peak RSS, benchmark process (all loaded)",
            f"{e['self_maxrss_mib']:.0f} MiB",
            "",
            "",
            "",
            "",
            "",
        ),
        (
            "(e) peak RSS, `assistant ask` subprocess",
            f"{a['ask_maxrss_mib']:.0f} MiB",
            "",
            "`assistant --help`",
            f"{a['help_maxrss_mib']:.0f} MiB",
            "",
            fmt_ratio(ratio(a["ask_maxrss_mib"], a["help_maxrss_mib"])),
        ),
    ]
    lines = [
        "| Measure | Median / p50 | p95 | Baseline | Baseline p50 | Baseline p95 | Ratio |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def machine_lines(m: dict[str, Any]) -> str:
    load = ", ".join(f"{x:.2f}" for x in m["loadavg_start"])
    end = ", ".join(f"{x:.2f}" for x in m.get("loadavg_end", ()))
    return (
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['ram_gib']} GiB RAM, "
        f"Python {m['python']}, torch {m['torch']}, llama-cpp-python "
        f"{m['llama_cpp_python']}, {m['platform']}\n"
        f"Load average at start: {load}; at end: {end}"
    )


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="6 questions, 1 repeat, single cold-start and ingest runs.",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="Cold-start and ingest runs (default 3; quick 1)."
    )
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="Times each question is asked per chain (default 3; quick 1).",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="Eval questions asked in (d) (default all; quick 6); retrieval always uses all.",
    )
    parser.add_argument(
        "--retrieval-repeats",
        type=int,
        default=None,
        help="Passes over the questions for retrieval (default 5; quick 1).",
    )
    parser.add_argument("--out", type=Path, default=RESULTS_FILE, help="results.json path.")
    parser.add_argument("-q", "--quiet", action="store_true", help="No progress log.")
    args = parser.parse_args(argv)
    defaults = {"runs": (3, 1), "repeats": (3, 1), "limit": (None, 6), "retrieval_repeats": (5, 1)}
    for name, (full, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    return args


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": machine(),
        "settings": {k: v for k, v in vars(args).items() if k != "out"},
    }
    questions = load_workload(limit=args.limit)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        log.info("(b) ingest")
        results["ingest"], index_dir = bench_ingest(Path(tmp), args.runs)
        log.info("(a) cold start")
        results["cold_start"] = bench_cold_start(index_dir, args.runs, not args.quiet)
        log.info("(c) retrieval")
        results["retrieval"] = bench_retrieval(index_dir, load_workload(), args.retrieval_repeats)
        log.info("(d) answers: %d questions x %d repeats x 2 chains", len(questions), args.repeats)
        answers, samples, memory = bench_answers(index_dir, questions, args.repeats)
    results["answers"], results["memory"] = answers, memory
    results["answer_samples"] = [asdict(s) for s in samples]
    results["machine"]["loadavg_end"] = os.getloadavg()
    results["elapsed_s"] = time.perf_counter() - started
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    configure_logging(verbose=not args.quiet)
    results = run_all(args)
    args.out.write_text(json.dumps(finite(results), indent=2, default=str) + "\n", encoding="utf-8")
    log.info("wrote %s (%.0f s in all)", args.out, results["elapsed_s"])
    print(machine_lines(results["machine"]))
    print(f"Date: {results['date']}  Command: {results['command']}\n")
    print(results_table(results))
    print("\nAnswers in detail (bundled SmolLM2-135M, warm):\n")
    print(format_table(results["answers"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
