#!/usr/bin/env bash
# Shows that tests/browser/check_report.mjs can fail: runs it on the pages in
# tests/browser/fixtures/ and asserts each exit status and the failure it names.
# Usage: tests/browser/checker_selftest.sh OUT_DIR   (screenshots go there)
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
out_dir=$1
mkdir -p "$out_dir"
fixtures=$here/fixtures
failed=0

# expect PAGE STATUS TEXT...: the checker exits with STATUS on PAGE, prints every TEXT and saves
# a screenshot.
expect() {
  local page=$1 status=$2 output actual=0 text
  shift 2
  rm -f "$out_dir/$page.png"
  output=$(ESCALSIM_READY_TIMEOUT_S=${READY_TIMEOUT:-60} node "$here/check_report.mjs" \
    "$fixtures/$page.html" "$fixtures/results" "$out_dir/$page.png" 2>&1) || actual=$?
  local problem=""
  [ "$actual" = "$status" ] || problem="exit $actual, expected $status"
  for text in "$@"; do
    [[ "$output" == *"$text"* ]] || problem="${problem:+$problem; }no \"$text\""
  done
  [ -s "$out_dir/$page.png" ] || problem="${problem:+$problem; }no screenshot at $out_dir/$page.png"
  if [ -n "$problem" ]; then
    echo "FAIL $page: $problem; the checker said:"
    printf '%s\n' "$output" | sed 's/^/    /'
    failed=1
  else
    echo "ok   $page: exit $status, $(printf '"%s" ' "$@")"
  fi
}

expect good 0 'good.html: 2 charts rendered and exportable as PNG and SVG, 6 figures and 1 quotes match results.json, screenshot'
expect no_export 1 'chart backlog: no "Save as PNG" in its actions menu' \
  'chart utilisation: no "Save as SVG" in its actions menu' \
  'chart backlog: no view in window.escalsimViews to export'
expect quote_mismatch 1 'the JSON says "bottleneck: yes; ceo'"'"'s load 1.20 is the highest"'
expect chart_spec_error 1 'chart backlog: did not render:'
expect console_error 1 'console error: fixture: something went wrong'
expect page_error 1 "page error: Cannot read properties of null (reading 'property')"
expect figure_mismatch 1 'shows 88.3, the JSON has 0.87345 x 100 = 87.3450' \
  'shows 1 decimals, data-decimals says 0' '4 of 6 figures match'
expect figure_pointer 1 'the pointer does not resolve: /desks/frontline: no key "frontline"' \
  'the JSON value is "not a number", not a number'
expect network_request 1 'network request: https://cdn.example.invalid/report.css'
expect no_charts 1 'no chart: the page has no .vega-chart element'
READY_TIMEOUT=2 expect never_ready 1 \
  'did not set data-report-ready="yes" within 2 s; charts not settled: utilisation, backlog'

# Bad usage and a missing browser are exit 2 with a message, never a silent pass.
status=0
output=$(node "$here/check_report.mjs" "$fixtures/good.html" 2>&1) || status=$?
if [ $status = 2 ] && [[ "$output" == *usage:* ]]; then
  echo "ok   bad usage: exit 2"
else
  echo "FAIL bad usage: expected exit 2 and a usage line, got exit $status: $output"
  failed=1
fi
status=0
output=$(CHROMIUM=/nonexistent/chromium node "$here/check_report.mjs" "$fixtures/good.html" \
  "$fixtures/results" "$out_dir/no-browser.png" 2>&1) || status=$?
if [ $status = 2 ] && [[ "$output" == *"tools/setup.sh --browser"* ]]; then
  echo "ok   missing Chromium: exit 2"
else
  echo "FAIL missing Chromium: expected exit 2 naming tools/setup.sh --browser, got exit $status: $output"
  failed=1
fi

exit $failed
