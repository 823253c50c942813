#!/usr/bin/env bash
# Installs everything the checks need (Debian's chromium included) and runs them all:
# ruff, mypy (strict, on modelfs_lib), import-linter, then pytest with the browser tests.
# Arguments go to pytest, e.g. `bash scripts/test.sh tests/test_architecture.py -x`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "scripts/test.sh: installing chromium needs root or sudo: $*" >&2
        return 1
    fi
}

if [ ! -x /usr/bin/chromium ]; then
    echo "--- installing Debian's chromium"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi

echo "--- installing requirements-dev.txt"
python -m pip install --quiet -r requirements-dev.txt

echo "--- ruff"
python -m ruff check .
echo "--- mypy"
python -m mypy
echo "--- import-linter"
lint-imports
echo "--- pytest"
python -m pytest "$@"
