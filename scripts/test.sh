#!/usr/bin/env bash
# Runs kg's whole test suite: every crate's unit tests, the integration tests and the doc tests.
#
# Installs what the build and the tests need when it is missing (scripts/prerequisites.sh),
# then runs `cargo test`.
# The first run compiles RocksDB's C++ sources, which takes 15-25 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/prerequisites.sh
source scripts/prerequisites.sh
install_prerequisites
cargo test --workspace "$@"
