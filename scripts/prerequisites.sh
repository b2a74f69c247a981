# Sourced by scripts/demo.sh and scripts/test.sh: installs what kg's build and tests need when it
# is missing (Debian/Ubuntu, as root or through sudo):
#   graphviz       `dot`, for `kg viz --format svg`
#   g++            RocksDB's C++ sources (under oxigraph's persistent store)
#   libclang-dev   bindgen, for RocksDB's Rust bindings
#   raptor2-utils  `rapper`, the independent RDF parser the tests check kg's exports with
#   chromium       headless, to check that `kg viz --format html` renders (tests/viz_html.rs)
#   python3-venv   the throwaway virtualenvs of scripts/validate-shacl.sh and check-with-python.sh
#   curl           scripts/check-with-python.sh asks `kg serve` with it too

# Installs Debian packages.
apt_install() {
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: please install: $* (this script only knows apt-get)" >&2
        exit 1
    fi
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    echo "installing $* ..." >&2
    "${sudo[@]}" apt-get update -qq
    # No recommended packages: chromium's would pull in a desktop's worth.
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Whether a Debian package is installed (false where there is no dpkg).
has_package() {
    command -v dpkg-query >/dev/null 2>&1 &&
        [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
}

install_prerequisites() {
    local missing=()
    command -v dot >/dev/null 2>&1 || missing+=(graphviz)
    command -v c++ >/dev/null 2>&1 || missing+=(g++)
    command -v rapper >/dev/null 2>&1 || missing+=(raptor2-utils)
    command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-liberation)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    if ! command -v python3 >/dev/null 2>&1; then
        missing+=(python3 python3-venv)
    elif [ "$(command -v python3)" = /usr/bin/python3 ] && command -v dpkg-query >/dev/null 2>&1 &&
        ! has_package python3-venv; then
        # Debian's own python3 makes virtualenvs with pip only once python3-venv is installed.
        missing+=(python3-venv)
    fi
    # bindgen needs libclang.so itself; libclang-cpp (often present) is not enough.
    if [ -z "${LIBCLANG_PATH:-}" ] && command -v dpkg-query >/dev/null 2>&1 && ! has_package libclang-dev; then
        missing+=(libclang-dev)
    fi
    if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
    if ! command -v cargo >/dev/null 2>&1; then
        echo "error: cargo is missing; install Rust from https://rustup.rs and run this again" >&2
        exit 1
    fi
}
