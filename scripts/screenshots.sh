#!/usr/bin/env bash
# Renders docs/screenshots/*.png from a build tree, under Xvfb with the xcb platform.
# Usage: scripts/screenshots.sh [build-dir]     (./cii screenshots builds release first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
mkdir -p docs/screenshots
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
QT_QPA_PLATFORM=xcb QT_LOGGING_RULES="cii.*.info=false" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$build/tests/cii_screenshots" docs/screenshots
# Again on a touch-only panel: Qt Virtual Keyboard as the input method, for touch-keyboard.png.
QT_QPA_PLATFORM=xcb QT_IM_MODULE=qtvirtualkeyboard QT_LOGGING_RULES="cii.*.info=false" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$build/tests/cii_screenshots" docs/screenshots
# A first page of each report's PDF (the seeded month of tests/unit/tst_reports.cpp), at 80 dpi.
samples=$(mktemp -d)
CII_REPORT_SAMPLES="$samples" CII_TEST_DATA="$PWD/tests/data" QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="cii.*.info=false" \
    "$build/tests/tst_reports" pdfHasHeadingsPagesAndSignatureLines form106WorksheetCarriesEveryFactAndPrints > /dev/null
for pdf in "$samples"/*.pdf; do
    pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "docs/screenshots/report-$(basename "$pdf" .pdf)"
done
rm -rf "$samples"
