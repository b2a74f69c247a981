#!/usr/bin/env bash
# Fuzzes kg's extractor and IRI/literal minting with cargo-fuzz (libFuzzer). See README, "Fuzzing".
#
#   scripts/fuzz.sh smoke            every target for 60 s (FUZZ_SECONDS to change), as CI does
#   scripts/fuzz.sh long             every target for 1 hour (FUZZ_SECONDS=3600)
#   scripts/fuzz.sh run TARGET [SECONDS]   one target (extract_bytes, extract_utf8, quads, mint_iris)
#   scripts/fuzz.sh list             the targets
#
# cargo-fuzz needs nightly-only compiler options; on the stable toolchain RUSTC_BOOTSTRAP=1
# allows them. The fuzz crate (fuzz/) is not part of the workspace and is built without RocksDB,
# in its own target directory (KG_FUZZ_TARGET_DIR), so it never rebuilds the workspace's.
# New corpus entries go to fuzz/corpus/TARGET (seeded from examples/), crashes to
# fuzz/artifacts/TARGET; reproduce one with `scripts/fuzz.sh run TARGET` after copying it into
# fuzz/corpus/TARGET, or with `cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…`.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(extract_bytes extract_utf8 quads mint_iris)
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${KG_FUZZ_TARGET_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/kg-fuzz-target}"
# libFuzzer finds panics without AddressSanitizer (kg's crates forbid unsafe code), and runs
# about twice as fast without it; FUZZ_SANITIZER=address turns it back on.
SANITIZER="${FUZZ_SANITIZER:-none}"

ensure_cargo_fuzz() {
    if ! cargo fuzz --version >/dev/null 2>&1; then
        echo "==> installing cargo-fuzz (once)"
        cargo install cargo-fuzz --locked
    fi
}

# Runs one target for $2 seconds; prints libFuzzer's last status line.
run_target() {
    local target=$1 seconds=$2
    local corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    local seeds=()
    case $target in
        extract_*|quads) seeds=(examples) ;;
    esac
    echo "==> fuzzing $target for ${seconds}s"
    cargo fuzz run --fuzz-dir fuzz --sanitizer "$SANITIZER" "$target" "$corpus" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=4096 \
        -print_final_stats=1
}

case "${1:-smoke}" in
    smoke)
        ensure_cargo_fuzz
        for target in "${TARGETS[@]}"; do run_target "$target" "${FUZZ_SECONDS:-60}"; done
        ;;
    long)
        ensure_cargo_fuzz
        for target in "${TARGETS[@]}"; do run_target "$target" "${FUZZ_SECONDS:-3600}"; done
        ;;
    run)
        ensure_cargo_fuzz
        run_target "${2:?name a target: ${TARGETS[*]}}" "${3:-${FUZZ_SECONDS:-60}}"
        ;;
    list)
        printf '%s\n' "${TARGETS[@]}"
        ;;
    *)
        sed -n '2,8p' "$0"
        exit 2
        ;;
esac
