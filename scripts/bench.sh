#!/usr/bin/env bash
# Runs every benchmark in bench/ at the size of docs/PERFORMANCE.md's figures, one after another, then prints a
# table of the figures. ./cii bench builds the release benchmarks and runs this (4 minutes on the 2-core VM).
# Usage: scripts/bench.sh [build-dir] [benchmark ...]    (build/release and every benchmark by default; a name is
# the program's without "bench_": scripts/bench.sh build/release dispense catalog)
# Each program's whole output is shown as it runs and kept in <build-dir>/bench-runs/<UTC time>.log, for a dated
# file in bench/results/. The stores are made under <build-dir>/bench-runs (the disk being measured).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build/release}")
shift || true

# name | arguments: the documented size (none: the program's default) | its lines that hold the figures (ERE)
benches=(
    "append|4000|^ratio"
    "dispense||^ratio"
    "catalog|2000|^FDA import|^search by|^balance lookup"
    "counter||^search keystroke|^open a|^scroll"
    "drafts||^draft save p99"
    "startup|10|^cold start"
    "changeset||events? per set "
    "replication||^commit to ack|^backlog of|bytes uploaded/event"
    "restore||^restore of|^  [a-z].*: +[0-9]+ ms|^baseline"
    "backupd||^(SQLite|PostgreSQL) |^  PUT"
    "otherwriters||^one look|watcher costs|^target"
    "reports|| total |^target"
    "pdf||^run "
)

export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-cii.*.info=false}"

runs="$build/bench-runs"
mkdir -p "$runs"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
log="$runs/$stamp.log"
table=$(mktemp)
failed=0
started=$SECONDS
for entry in "${benches[@]}"; do
    IFS='|' read -r name args pattern <<<"$entry"
    if [ $# -gt 0 ] && [[ " $* " != *" $name "* ]]; then
        continue
    fi
    exe="$build/bench/bench_$name"
    command="bench_$name${args:+ $args}"
    echo "=== $command" | tee -a "$log"
    out=$(mktemp)
    t0=$SECONDS
    status=0
    # Stores go under bench-runs; a program stopped early leaves its bench-XXXXXX folder there, not in the sources.
    (cd "$runs" && "$exe" $args) 2>&1 | tee "$out" | tee -a "$log" || status=$?
    seconds=$((SECONDS - t0))
    if [ "$status" -ne 0 ]; then
        failed=1
        printf '%-26s %5d  FAILED (exit %d): %s\n' "$command" "$seconds" "$status" "$(tail -n 1 "$out")" >>"$table"
    else
        first=1
        while IFS= read -r line; do
            printf '%-26s %5s  %s\n' "$([ $first = 1 ] && echo "$command")" "$([ $first = 1 ] && echo "$seconds")" "$line" >>"$table"
            first=0
        done < <(grep -E "$pattern" "$out" | tr -s ' ' | sed 's/^ //')
    fi
    rm -f "$out"
done

{
    echo
    echo "Figures, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $build (log: $log)"
    printf '%-26s %5s  %s\n' "benchmark" "s" "figures"
    cat "$table"
    echo "total $((SECONDS - started)) s"
} | tee -a "$log"
rm -f "$table"
exit "$failed"
