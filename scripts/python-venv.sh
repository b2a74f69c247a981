# Sourced by the scripts that check kg's output with Python tools (validate-shacl.sh,
# check-with-python.sh): builds the kg binary and makes a throwaway virtualenv with exact
# versions from PyPI.
#
#   KG_PYTHON_VENV=DIR   reuse (or create) the virtualenv in DIR instead of a temporary one
#   PYTHON=python3.x     the interpreter that makes the virtualenv

# Builds kg and sets $kg to the binary.
build_kg() {
    cargo build -q -p kg-cli
    kg="${CARGO_TARGET_DIR:-target}/debug/kg"
}

# Creates the virtualenv with the given pip requirements and sets $venv to it. A temporary one
# is removed when the script exits, with $work (a scratch folder these scripts also make).
make_python_venv() {
    local python="${PYTHON:-python3}"
    if ! command -v "$python" >/dev/null 2>&1; then
        echo "error: $python is missing; install Python 3 (apt-get install -y python3 python3-venv)" >&2
        exit 1
    fi
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    venv="${KG_PYTHON_VENV:-$work/venv}"
    if [ ! -x "$venv/bin/python" ]; then
        "$python" -m venv "$venv" || {
            echo "error: cannot make a virtualenv; install python3-venv (apt-get install -y python3-venv)" >&2
            exit 1
        }
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@"
}
