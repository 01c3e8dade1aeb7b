"""Cold start of the CLI: ``assistant ask "<question>"`` in a fresh process, beside ``--help``.

Wall time (``time.perf_counter`` around ``subprocess.run``) and peak memory of the child
processes (``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``). The index must already be built
(``--index-dir``); the OS file cache is warm, as it is for anyone who ran the tool before.

This module imports only the standard library, on purpose: Linux charges a child the peak
RSS of the process that spawned it (the memory map it replaces at ``exec`` counts towards its
``ru_maxrss``), so a parent that has loaded torch and the models would inflate the children's
figures. A caller that has loaded the models should run this file as its own small process
and read its JSON. (``run.py`` measures each version's cold ``ask`` with ``os.wait4`` instead.)

``RUSAGE_CHILDREN`` holds the largest ``ru_maxrss`` among the children waited for so far: read
after the ``--help`` runs it is theirs; read after the ``ask`` runs (larger) it is the peak of
the ``ask`` processes. Usage::

    .venv/bin/python benchmarks/cold_start.py --index-dir PATH [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

log = logging.getLogger("benchmarks.cold_start")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
COLD_QUESTION = "How much has Alibaba committed to AI and cloud infrastructure?"


def cli_command() -> list[str]:
    """The installed ``assistant`` entry point next to this interpreter."""
    script = Path(sys.executable).parent / "assistant"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]


def cli_env() -> dict[str, str]:
    """This environment without ASSISTANT_* overrides, so the CLI runs with its defaults."""
    return {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}


def children_maxrss_mib() -> float:
    """Largest ``ru_maxrss`` (KiB on Linux) of the children waited for so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def time_command(args: list[str], runs: int) -> tuple[list[float], list[int]]:
    """Wall seconds and exit codes of ``runs`` fresh runs of a command."""
    times, codes = [], []
    for i in range(runs):
        started = time.perf_counter()
        done = subprocess.run(
            args, cwd=PROJECT_ROOT, env=cli_env(), capture_output=True, text=True, check=False
        )
        times.append(time.perf_counter() - started)
        codes.append(done.returncode)
        if done.returncode != 0:
            log.warning(
                "%s exited %d: %s", " ".join(args[1:3]), done.returncode, done.stderr[-500:]
            )
        log.info("%s run %d/%d: %.2f s", args[1], i + 1, runs, times[-1])
    return times, codes


def bench_cold_start(index_dir: Path, runs: int, question: str = COLD_QUESTION) -> dict[str, Any]:
    """``assistant --help`` runs, then ``assistant ask`` runs, with the children's peak RSS."""
    base = cli_command()
    before = children_maxrss_mib()
    help_runs, help_codes = time_command([*base, "--help"], runs)
    help_rss = children_maxrss_mib()
    ask_args = [*base, "ask", question, "--index-dir", str(index_dir)]
    ask_runs, ask_codes = time_command(ask_args, runs)
    ask_rss = children_maxrss_mib()
    return {
        "question": question,
        "help": {
            "runs": help_runs,
            "median": statistics.median(help_runs),
            "exit_codes": help_codes,
        },
        "ask": {"runs": ask_runs, "median": statistics.median(ask_runs), "exit_codes": ask_codes},
        "ratio_ask_over_help": statistics.median(ask_runs) / statistics.median(help_runs),
        "help_maxrss_mib": help_rss,
        "ask_maxrss_mib": ask_rss,
        "children_maxrss_before_mib": before,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index-dir", type=Path, required=True, help="A built index.")
    parser.add_argument("--runs", type=int, default=3, help="Runs of each command.")
    parser.add_argument("--question", default=COLD_QUESTION, help="The question to ask.")
    parser.add_argument("-v", "--verbose", action="store_true", help="Log each run.")
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    print(json.dumps(bench_cold_start(args.index_dir, args.runs, args.question), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
