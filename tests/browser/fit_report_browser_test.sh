#!/usr/bin/env bash
# The fit page in headless Chromium: fits the shipped bank log as the README says, then checks
# fit_report.html with tests/browser/check_report.mjs (every chart drawn, no network, no
# console error, every figure equal to fit_report.json).
# Usage: tests/browser/fit_report_browser_test.sh PROGRAM SOURCE_DIR OUT_DIR
set -euo pipefail
if [ $# -ne 3 ]; then
  echo "usage: $0 PROGRAM SOURCE_DIR OUT_DIR" >&2
  exit 2
fi
program=$1
source_dir=$(cd "$2" && pwd)
out_dir=$3
checker=$(cd "$(dirname "$0")" && pwd)/check_report.mjs
bank=$source_dir/scenarios/calibration/anonymous-bank
rm -rf "${out_dir:?}"
mkdir -p "$out_dir"
"$program" fit "$bank/calls-1999-02-01-to-14.tsv" --map "$bank/map.yaml" \
  --out "$out_dir/bank.yaml" > "$out_dir/fit.txt"
[ -f "$out_dir/fit_report.html" ] || { echo "fit wrote no $out_dir/fit_report.html" >&2; exit 1; }
node "$checker" "$out_dir/fit_report.html" "$out_dir" "$out_dir/screenshot.png"
mkdir -p "$out_dir/../screenshots"
cp "$out_dir/screenshot.png" "$out_dir/../screenshots/fit.png"
