#!/usr/bin/env bash
# Create .venv in the repository root and install the project with everything it needs.
#   scripts/setup.sh          runtime + dev tools
#   scripts/setup.sh --browser  also Debian's chromium for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3.11}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# torch first, pinned: 2.13.0 is the CPU build on this disk; anything else pulls GBs of CUDA.
.venv/bin/pip install --quiet torch==2.13.0
# llama-cpp-python compiles from source once (about 5 minutes on 2 cores); pip caches the wheel.
# A portable build, not one tuned to the build machine's processor: a virtual machine may
# advertise instructions it then traps ("Illegal instruction" in the model's first decode).
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
export CMAKE_ARGS=${CMAKE_ARGS:--DGGML_NATIVE=OFF}
.venv/bin/pip install --quiet -e '.[dev]'

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
