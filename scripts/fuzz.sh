#!/usr/bin/env bash
# Builds the libFuzzer targets (the fuzz preset: clang, address and undefined-behaviour sanitizers) and runs each
# for SECONDS (default 20) from its seed corpus in fuzz/corpus, in a scratch copy. Exits non-zero on the first
# crash, leak, sanitizer report or timeout, leaving the input that caused it in build/fuzz/findings/.
#   scripts/fuzz.sh            the short run ./cii test makes (about 20 s per target)
#   scripts/fuzz.sh 3600       a long run: an hour per target
#   scripts/fuzz.sh 600 fuzz_service   one target
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_changeset fuzz_scan fuzz_import fuzz_service fuzz_args)

[ -f build/fuzz/build.ninja ] || cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

export QT_LOGGING_RULES="*.debug=false;cii.*.info=false;cii.*.warning=false"
export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"
mkdir -p build/fuzz/findings
for t in "${targets[@]}"; do
    corpus="build/fuzz/corpus-$t"
    rm -rf "$corpus" && mkdir -p "$corpus"
    cp fuzz/corpus/"${t#fuzz_}"/* "$corpus"/
    echo "fuzz: $t for ${seconds} s from $(ls "$corpus" | wc -l) seeds"
    "build/fuzz/fuzz/$t" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="build/fuzz/findings/$t-" -print_final_stats=1 2>"build/fuzz/$t.log" \
        || { echo "fuzz: $t FAILED; its log:" >&2; tail -60 "build/fuzz/$t.log" >&2; exit 1; }
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "build/fuzz/$t.log" | tr '\n' ' '
    echo "corpus $(ls "$corpus" | wc -l) inputs"
done
