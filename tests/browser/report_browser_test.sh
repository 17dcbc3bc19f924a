#!/usr/bin/env bash
# Runs the command a workshop scenario's header says to run (the first `escalsim run|compare|sweep
# ... --report` in its leading comment, or the Nth), then checks the report in headless Chromium.
# Usage: tests/browser/report_browser_test.sh PROGRAM SOURCE_DIR SCENARIO OUT_DIR [N]
# Writes OUT_DIR/results/ (the command's --out) and OUT_DIR/screenshot.png, copied to
# OUT_DIR/../screenshots/<run|compare|sweep>.png; exit 0 when the report passes
# tests/browser/check_report.mjs.
set -euo pipefail

if [ $# -ne 4 ] && [ $# -ne 5 ]; then
  echo "usage: $0 PROGRAM SOURCE_DIR SCENARIO OUT_DIR [N]" >&2
  exit 2
fi
wanted=${5:-1}
found=0
program=$1
checker=$(cd "$(dirname "$0")" && pwd)/check_report.mjs
source_dir=$(cd "$2" && pwd)
scenario=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
out_dir=$4
fail() {
  echo "report_browser_test: $scenario: $*" >&2
  exit 1
}
[ -f "$scenario" ] || fail "no such scenario file"

# The header: the leading lines that are comments or blank. A command may continue on the next
# comment line after a trailing backslash; inside `backticks` it ends at the closing one.
command_text=""
pending=""
while IFS= read -r line || [ -n "$line" ]; do
  if [[ "$line" != \#* ]]; then
    [ -z "${line//[[:space:]]/}" ] && continue || break
  fi
  text=${line#\#}
  if [ -n "$pending" ]; then
    pending="$pending ${text#"${text%%[![:space:]]*}"}"
  elif [[ "$text" =~ (^|[^[:alnum:]_./-])escalsim[[:space:]]+(run|compare|sweep)[[:space:]] ]]; then
    prefix=${text%%"${BASH_REMATCH[0]}"*}${BASH_REMATCH[1]}
    pending=${text:${#prefix}}
    quoted=0
    [[ "$prefix" == *'`'* ]] && quoted=1
  else
    continue
  fi
  if [ $quoted = 1 ] && [[ "$pending" == *'`'* ]]; then
    pending=${pending%%'`'*}
  elif [[ "$pending" =~ \\[[:space:]]*$ ]]; then
    pending=${pending%\\*}
    continue
  fi
  if [[ " $pending " =~ [[:space:]]--report[[:space:]] ]]; then
    found=$((found + 1))
    if [ $found = "$wanted" ]; then
      command_text=$pending
      break
    fi
  fi
  pending=""
done < "$scenario"
[ -n "$command_text" ] ||
  fail "the header comment has no command number $wanted of the form \`escalsim run|compare|sweep ... --report\`"

rm -rf "${out_dir:?}/results" "$out_dir/screenshot.png"
mkdir -p "$out_dir"

# Split into words as a shell would (quotes, no expansion).
printf '%s' "$command_text" | xargs printf '%s\0' > "$out_dir/command.words" ||
  fail "cannot split the command into words: $command_text"
mapfile -d '' words < "$out_dir/command.words"
subcommand=${words[1]}

# The header's command must be about this scenario file.
mentions_scenario=0
for word in "${words[@]:2}"; do
  [[ "$word" == /* ]] || word=$source_dir/$word
  [ -f "$word" ] && [ "$word" -ef "$scenario" ] && mentions_scenario=1
done
[ $mentions_scenario = 1 ] ||
  fail "the header's command does not name this file (relative to $source_dir): $command_text"

# The test chooses the output folder: drop an --out of the header, append ours.
args=()
skip_next=0
for word in "${words[@]:2}"; do
  if [ $skip_next = 1 ]; then skip_next=0; continue; fi
  case "$word" in
    --out) skip_next=1 ;;
    --out=*) ;;
    *) args+=("$word") ;;
  esac
done
args+=(--out "$out_dir/results")
help=$("$program" "$subcommand" --help) || fail "$program $subcommand --help failed"
if [[ "$help" == *--quiet* ]]; then
  [[ " ${args[*]} " == *" --quiet "* ]] || args+=(--quiet)
fi

echo "report_browser_test: from $source_dir: $program $subcommand ${args[*]@Q}"
(cd "$source_dir" && "$program" "$subcommand" "${args[@]}") ||
  fail "the command failed (exit $?): $program $subcommand ${args[*]@Q}"
[ -f "$out_dir/results/report.html" ] ||
  fail "the command wrote no $out_dir/results/report.html"

node "$checker" "$out_dir/results/report.html" \
  "$out_dir/results" "$out_dir/screenshot.png"
# One screenshot per kind of page beside the others (run, compare, sweep), for a look at all.
mkdir -p "$out_dir/../screenshots"
cp "$out_dir/screenshot.png" "$out_dir/../screenshots/$subcommand.png"
