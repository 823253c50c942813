#!/usr/bin/env bash
# Serves the console at http://localhost:8501 from the project's virtual environment (.venv, created
# and kept up to date by scripts/venv.sh).
# With no kubeconfig (and no in-cluster service account) it runs on the embedded demo cluster;
# `bash scripts/run.sh -- --demo` forces the demo cluster. Other arguments go to `streamlit run`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/venv.sh

use_venv requirements.txt
exec python -m streamlit run streamlit_app.py "$@"
