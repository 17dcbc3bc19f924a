#!/usr/bin/env bash
# A kind of page that no workshop scenario makes (threshold, optimise): runs the given escalsim
# command with --report into OUT_DIR/results, checks its report.html in headless Chromium with
# tests/browser/check_report.mjs and keeps its screenshot as OUT_DIR/../screenshots/KIND.png.
# Usage: tests/browser/command_report_browser_test.sh PROGRAM SOURCE_DIR OUT_DIR KIND ARGS...
#   (ARGS: the subcommand and its arguments, relative to SOURCE_DIR, without --out or --report)
set -euo pipefail
if [ $# -lt 5 ]; then
  echo "usage: $0 PROGRAM SOURCE_DIR OUT_DIR KIND ARGS..." >&2
  exit 2
fi
program=$1
source_dir=$(cd "$2" && pwd)
out_dir=$3
kind=$4
shift 4
checker=$(cd "$(dirname "$0")" && pwd)/check_report.mjs
rm -rf "${out_dir:?}"
mkdir -p "$out_dir"
echo "command_report_browser_test: from $source_dir: $program $* --out $out_dir/results --report"
(cd "$source_dir" && "$program" "$@" --out "$out_dir/results" --report) > "$out_dir/output.txt" ||
  { echo "the command failed (exit $?); its output:" >&2; cat "$out_dir/output.txt" >&2; exit 1; }
[ -f "$out_dir/results/report.html" ] || { echo "the command wrote no $out_dir/results/report.html" >&2; exit 1; }
node "$checker" "$out_dir/results/report.html" "$out_dir/results" "$out_dir/screenshot.png"
mkdir -p "$out_dir/../screenshots"
cp "$out_dir/screenshot.png" "$out_dir/../screenshots/$kind.png"
