#!/usr/bin/env bash
# Runs every check in the project's virtual environment (.venv, created and kept up to date by
# scripts/venv.sh), after installing Debian's chromium when it is missing:
# ruff (lint and format), mypy (strict, on modelfs_lib), import-linter, then pytest with the browser tests,
# on every core.
# Arguments go to pytest, e.g. `bash scripts/test.sh tests/test_architecture.py -x`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/venv.sh

if [ ! -x /usr/bin/chromium ]; then
    echo "--- installing Debian's chromium"
    apt_install chromium
fi

use_venv requirements-dev.txt

echo "--- ruff"
python -m ruff check .
python -m ruff format --check .
echo "--- mypy"
python -m mypy
echo "--- import-linter"
lint-imports
echo "--- pytest"
# One worker per core (MODELFS_UI_TEST_WORKERS overrides, 0 runs in this process); the browser tests form
# one xdist group, so they share one served console and chromium on one worker.
python -m pytest -n "${MODELFS_UI_TEST_WORKERS:-auto}" --dist loadgroup "$@"
