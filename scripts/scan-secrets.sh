#!/usr/bin/env bash
# Scans what the test suite logged (CTest keeps every test's output in Testing/Temporary/LastTest*.log) for secrets
# the tests are known to use or that have a recognisable shape: the fixtures' owner password, a recovery key
# (13 groups of five base32 characters), an SQLCipher key pragma. tst_secrets checks every other secret, at debug,
# with secrets of its own. Exits 1 naming what it found.   scripts/scan-secrets.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
logs=("${1:-build/dev}"/Testing/Temporary/LastTest*.log)
[ -f "${logs[0]}" ] || { echo "scan-secrets: no CTest log in ${1:-build/dev}; run the tests first" >&2; exit 2; }
status=0
check() { # what, extended regex
    if grep -E -n -- "$2" "${logs[@]}" >/dev/null; then
        echo "scan-secrets: $1 found in the test logs:" >&2
        grep -E -n -o -- "$2" "${logs[@]}" | head -5 | sed 's/^/  /' >&2
        status=1
    fi
}
check "the fixtures' owner password" 'owner-password'
check "a recovery key" '[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){12}'
check "an SQLCipher key" "PRAGMA key|x'[0-9a-fA-F]{64}'"
[ $status -ne 0 ] || echo "scan-secrets: $(cat "${logs[@]}" | wc -c) bytes of test logs scanned: no secret found"
exit $status
