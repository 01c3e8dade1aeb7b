"""Speed of this version beside the previous release, measured in the same run.

The previous release (``--baseline``, default commit ``3d05978``) is checked out with
``git worktree add`` into a temporary folder and run with the same virtual environment,
``PYTHONPATH`` pointing at it; the working tree is run the same way. Each version ingests
its own shipped corpus into its own index folder, then:

- **cold ask**: ``assistant ask "<question>"`` as a fresh process, from process start to the
  printed answer (wall clock), after one untimed run so that the OS file cache and any
  one-time export are warm for both; runs alternate between the versions;
- **warm answers**: one process per version loads the assistant, answers one warm-up
  question, then each eval dev question once through ``Assistant.stream``: ``total`` is the
  time to the final Answer, ``first text`` the time to the first non-empty text piece (a
  verified sentence, the direct answer, quoted evidence or the abstention);
- **no-change ingest**: in a fresh process, ``ingest()`` over the unchanged corpus (imports
  timed apart), then again in the same process; and ``assistant ingest`` as a whole process.

Everything heavy happens in ``benchmarks/worker.py`` child processes; this script uses only
the standard library, so it measures the children and not itself. Times are
``time.perf_counter``; medians are ``statistics.median``; peak memory is each child's
``ru_maxrss`` from ``os.wait4``. The bundled model runs with its default two threads.
Nothing is asserted. From the project root::

    .venv/bin/python benchmarks/run.py            # every dev question, 3 cold runs
    .venv/bin/python benchmarks/run.py --quick    # 8 questions, 2 cold runs
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger("benchmarks.run")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
WORKER = Path(__file__).resolve().parent / "worker.py"
QUESTIONS_FILE = PROJECT_ROOT / "evals" / "questions.yaml"
RESULTS_FILE = PROJECT_ROOT / "benchmarks" / "results.json"
BASELINE = "3d05978"
VERSIONS = ("current", "baseline")
# The targets of issue 12, in seconds.
TARGETS = {"cold_ask": 3.0, "warm_p50": 0.5, "first_text_p50": 0.3, "no_change_ingest": 0.5}


# --------------------------------------------------------------------------- processes


def child_env(tree: Path, index_dir: Path) -> dict[str, str]:
    """This environment without ASSISTANT_* settings, running ``tree`` on ``index_dir``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["PYTHONPATH"] = str(tree)
    env["ASSISTANT_INDEX_DIR"] = str(index_dir)
    return env


def run_child(args: list[str], tree: Path, index_dir: Path) -> dict[str, Any]:
    """Run one child in ``tree``; wall seconds, exit code, peak RSS and its output."""
    started = time.perf_counter()
    child = subprocess.Popen(
        args,
        cwd=tree,
        env=child_env(tree, index_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    out, err = child.communicate()
    wall = time.perf_counter() - started
    return {"wall_s": wall, "code": child.returncode, "stdout": out, "stderr": err[-2000:]}


def run_measured(args: list[str], tree: Path, index_dir: Path) -> dict[str, Any]:
    """Like :func:`run_child`, with the child's own peak RSS from ``os.wait4``."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        child = subprocess.Popen(
            args, cwd=tree, env=child_env(tree, index_dir), stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return {
        "wall_s": wall,
        "code": child.returncode,
        "maxrss_mib": usage.ru_maxrss / 1024,
        "stdout": stdout,
        "stderr": stderr[-2000:],
    }


def worker(tree: Path, index_dir: Path, *args: str) -> dict[str, Any]:
    """A ``worker.py`` command in one version; its JSON result (raises on failure)."""
    done = run_child([sys.executable, str(WORKER), *args], tree, index_dir)
    if done["code"] != 0:
        raise RuntimeError(f"worker {args[0]} failed in {tree}: {done['stderr']}")
    return json.loads(done["stdout"].strip().splitlines()[-1])


def cli(*args: str) -> list[str]:
    """The ``assistant`` command of whichever tree is on PYTHONPATH."""
    launcher = "import sys; from assistant.cli import app; sys.argv[0] = 'assistant'; app()"
    return [sys.executable, "-c", launcher, *args]


# --------------------------------------------------------------------------- measures


def dev_questions(limit: int | None) -> list[str]:
    """The eval dev questions (single questions, not conversations), spread over the file."""
    import yaml  # only to read the question file; comes with the project

    items = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    questions = [i["question"] for i in items if isinstance(i, dict) and i.get("question")]
    if limit is None or limit >= len(questions):
        return questions
    step = len(questions) / limit
    return [questions[int(i * step)] for i in range(limit)]


def bench_ingest(trees: dict[str, Path], indexes: dict[str, Path], runs: int) -> dict[str, Any]:
    """A full build per version, then no-change ingests in fresh processes and via the CLI."""
    result: dict[str, Any] = {}
    for name in VERSIONS:
        log.info("%s: full ingest", name)
        build = worker(trees[name], indexes[name], "build")
        fresh = [
            worker(trees[name], indexes[name], "ingest-again", "--repeats", "3")
            for _ in range(runs)
        ]
        cli_runs = [run_measured(cli("ingest"), trees[name], indexes[name]) for _ in range(runs)]
        result[name] = {
            "build_s": build["build_s"],
            "report": build["report"],
            "first_in_fresh_process_s": median([f["first_s"] for f in fresh]),
            "import_s": median([f["import_s"] for f in fresh]),
            "again_s": median([s for f in fresh for s in f["again_s"]]),
            "cli_s": median([c["wall_s"] for c in cli_runs]),
            "cli_codes": [c["code"] for c in cli_runs],
        }
        log.info(
            "%s: no-change ingest %.3f s in a fresh process, CLI %.2f s",
            name,
            result[name]["first_in_fresh_process_s"],
            result[name]["cli_s"],
        )
    return result


def bench_cold_ask(
    trees: dict[str, Path], indexes: dict[str, Path], question: str, runs: int
) -> dict[str, Any]:
    """``assistant ask`` as fresh processes, alternating versions, after one untimed run each."""
    for name in VERSIONS:
        warm = run_child(cli("ask", question), trees[name], indexes[name])
        log.info("%s: untimed ask %.2f s (exit %d)", name, warm["wall_s"], warm["code"])
    runs_by: dict[str, list[dict[str, Any]]] = {name: [] for name in VERSIONS}
    for i in range(runs):
        for name in VERSIONS if i % 2 == 0 else reversed(VERSIONS):
            done = run_measured(cli("ask", question), trees[name], indexes[name])
            runs_by[name].append(done)
            log.info("%s: cold ask %.2f s (exit %d)", name, done["wall_s"], done["code"])
    return {
        name: {
            "question": question,
            "wall_s": [r["wall_s"] for r in done],
            "median_s": median([r["wall_s"] for r in done]),
            "maxrss_mib": median([r["maxrss_mib"] for r in done]),
            "codes": [r["code"] for r in done],
            "stderr_tail": done[-1]["stderr"][-300:],
            "answer_head": done[-1]["stdout"][:300],
        }
        for name, done in runs_by.items()
    }


def bench_answers(
    trees: dict[str, Path], indexes: dict[str, Path], questions: list[str], workdir: Path
) -> dict[str, Any]:
    """Warm answers over the dev questions, one worker process per version."""
    path = workdir / "questions.json"
    path.write_text(json.dumps(questions), encoding="utf-8")
    result = {}
    for name in VERSIONS:
        log.info("%s: %d warm answers", name, len(questions))
        raw = worker(trees[name], indexes[name], "answers", str(path))
        ok = [s for s in raw["samples"] if "error" not in s]
        result[name] = {
            "n": len(ok),
            "errors": [s for s in raw["samples"] if "error" in s],
            "warm_up_s": raw["warm_up_s"],
            "total_p50_s": median([s["total_s"] for s in ok]),
            "total_p95_s": nearest_rank([s["total_s"] for s in ok], 95),
            "first_text_p50_s": median([s["first_s"] for s in ok]),
            "first_text_p95_s": nearest_rank([s["first_s"] for s in ok], 95),
            "abstained": sum(s["abstained"] for s in ok),
            "quoted": sum(s["quoted"] for s in ok),
            "samples": raw["samples"],
        }
    return result


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def nearest_rank(values: Sequence[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, -(-len(ordered) * pct // 100)) - 1]


# --------------------------------------------------------------------------- report


def rows(r: dict[str, Any]) -> list[tuple[str, float, float, float | None]]:
    """(measure, current, baseline, target) in seconds."""
    cold, ans, ing = r["cold_ask"], r["answers"], r["ingest"]
    return [
        (
            "cold `assistant ask` (process start to answer, median)",
            cold["current"]["median_s"],
            cold["baseline"]["median_s"],
            TARGETS["cold_ask"],
        ),
        (
            f"warm answer p50 (n={ans['current']['n']} dev questions)",
            ans["current"]["total_p50_s"],
            ans["baseline"]["total_p50_s"],
            TARGETS["warm_p50"],
        ),
        ("warm answer p95", ans["current"]["total_p95_s"], ans["baseline"]["total_p95_s"], None),
        (
            "first verified text p50",
            ans["current"]["first_text_p50_s"],
            ans["baseline"]["first_text_p50_s"],
            TARGETS["first_text_p50"],
        ),
        (
            "first verified text p95",
            ans["current"]["first_text_p95_s"],
            ans["baseline"]["first_text_p95_s"],
            None,
        ),
        (
            "no-change `ingest()` in a fresh process (imports apart)",
            ing["current"]["first_in_fresh_process_s"],
            ing["baseline"]["first_in_fresh_process_s"],
            TARGETS["no_change_ingest"],
        ),
        (
            "no-change `ingest()` again, same process",
            ing["current"]["again_s"],
            ing["baseline"]["again_s"],
            None,
        ),
        (
            "no-change `assistant ingest` (whole process)",
            ing["current"]["cli_s"],
            ing["baseline"]["cli_s"],
            None,
        ),
        (
            "full ingest (whole process)",
            ing["current"]["build_s"],
            ing["baseline"]["build_s"],
            None,
        ),
    ]


def _s(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def results_table(r: dict[str, Any]) -> str:
    lines = [
        f"| Measure | This version | Previous release ({r['baseline']}) | Ratio | Target |",
        "|---|---:|---:|---:|---|",
    ]
    for label, now, before, target in rows(r):
        ratio = f"{now / before:.2f}x" if before else "n/a"
        goal = "" if target is None else f"≤ {_s(target)}: {'met' if now <= target else 'NOT met'}"
        lines.append(f"| {label} | {_s(now)} | {_s(before)} | {ratio} | {goal} |")
    cold = r["cold_ask"]
    lines.append(
        f"| peak RSS, `assistant ask` | {cold['current']['maxrss_mib']:.0f} MiB | "
        f"{cold['baseline']['maxrss_mib']:.0f} MiB | "
        f"{cold['current']['maxrss_mib'] / cold['baseline']['maxrss_mib']:.2f}x | |"
    )
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    cpu = "unknown"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_start": os.getloadavg(),
    }


# --------------------------------------------------------------------------- main


def baseline_tree(rev: str, workdir: Path) -> Path:
    """Check the previous release out beside the repository (removed again at the end)."""
    target = workdir / "baseline"
    subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "worktree", "add", "--detach", str(target), rev],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def remove_tree(tree: Path) -> None:
    subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "worktree", "remove", "--force", str(tree)],
        check=False,
        capture_output=True,
        text=True,
    )


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    questions = dev_questions(args.limit)
    result: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "baseline": args.baseline,
        "current_commit": subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        + (" + uncommitted changes" if _dirty() else ""),
        "machine": machine(),
    }
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        base = baseline_tree(args.baseline, workdir)
        try:
            trees = {"current": PROJECT_ROOT, "baseline": base}
            indexes = {name: workdir / f"index-{name}" for name in VERSIONS}
            result["ingest"] = bench_ingest(trees, indexes, args.runs)
            result["cold_ask"] = bench_cold_ask(trees, indexes, questions[0], args.runs)
            result["answers"] = bench_answers(trees, indexes, questions, workdir)
        finally:
            remove_tree(base)
    result["machine"]["loadavg_end"] = os.getloadavg()
    result["elapsed_s"] = time.perf_counter() - started
    return result


def _dirty() -> bool:
    done = subprocess.run(
        ["git", "-C", str(PROJECT_ROOT), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        check=False,
    )
    return bool(done.stdout.strip())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default=BASELINE, help="Git revision to compare with.")
    parser.add_argument("--runs", type=int, default=None, help="Cold runs (default 3; quick 2).")
    parser.add_argument("--limit", type=int, default=None, help="Dev questions (default all).")
    parser.add_argument("--quick", action="store_true", help="8 questions, 2 cold runs.")
    parser.add_argument("--out", type=Path, default=RESULTS_FILE, help="results.json path.")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 2 if args.quick else 3
    if args.limit is None and args.quick:
        args.limit = 8
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s: %(message)s", stream=sys.stderr
    )
    result = run_all(args)
    args.out.write_text(json.dumps(result, indent=2, default=str) + "\n", encoding="utf-8")
    m = result["machine"]
    print(f"Date: {result['date']}  Command: {result['command']}")
    print(f"Current: {result['current_commit']}; previous release: {result['baseline']}")
    print(
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), Python {m['python']}; "
        f"load average {m['loadavg_start'][0]:.2f} at start, {m['loadavg_end'][0]:.2f} at end\n"
    )
    print(results_table(result))
    for name in VERSIONS:
        errors = result["answers"][name]["errors"]
        if errors:
            print(f"\n{name}: {len(errors)} answers failed, e.g. {errors[0]['error']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
