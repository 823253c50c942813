# Sourced by scripts/run.sh and scripts/test.sh (from the repository's top folder).
# `use_venv REQUIREMENTS` creates the project's virtual environment (.venv, or $MODELFS_UI_VENV) with
# `python3 -m venv` when it is missing, installs REQUIREMENTS into it only when a requirements*.txt file
# (or the Python version) changed since the last install (a hash stamp kept in the venv), and puts the
# venv first on PATH, so `python`, `lint-imports` and friends are the venv's from then on.

VENV="${MODELFS_UI_VENV:-.venv}"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "installing a Debian package needs root or sudo: $*" >&2
        return 1
    fi
}

apt_install() {
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"
}

use_venv() {
    local requirements="$1" base="${PYTHON:-python3}"
    if [ ! -x "$VENV/bin/python" ]; then
        if ! "$base" -c "import ensurepip, venv" >/dev/null 2>&1; then
            echo "--- installing Debian's python3-venv (${base} cannot create a virtual environment)"
            apt_install python3-venv
        fi
        echo "--- creating the virtual environment $VENV"
        "$base" -m venv "$VENV"
    fi
    local stamp="$VENV/.installed-$(basename "$requirements" .txt).sha256" wanted
    wanted="$({ "$VENV/bin/python" --version; cat requirements*.txt; } | sha256sum | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
        echo "--- installing $requirements into $VENV"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
        echo "$wanted" >"$stamp"
    fi
    VIRTUAL_ENV="$(cd "$VENV" && pwd)"
    PATH="$VIRTUAL_ENV/bin:$PATH"
    export VIRTUAL_ENV PATH
    unset PYTHONHOME
}
