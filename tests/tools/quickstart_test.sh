#!/usr/bin/env bash
# The README's promise after its quick start: `escalsim` is on the PATH, so its commands
# work as written. Checks that the quick start is still exactly its two commands, that
# tools/install_link.sh (which tools/quickstart.sh runs) puts a working `escalsim` in a
# folder, and that, found through the PATH alone from another folder, it runs a README
# command and knows every subcommand the README uses.
# Usage: tests/tools/quickstart_test.sh PROGRAM SOURCE_DIR
set -euo pipefail
program=$(realpath "$1")
source_dir=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { echo "quickstart_test: $*" >&2; exit 1; }

# The quick start: the shell block under "## Quick start", comments and blank lines aside.
commands=$(awk '/^## Quick start/{q=1; next} /^## /{q=0} q && /^```/{f=!f; next} q && f' \
             "$source_dir/README.md" | sed 's/#.*//; s/[[:space:]]*$//' | grep -v '^$' || true)
[ "$commands" = $'tools/quickstart.sh\ntools/test.sh' ] ||
  fail "README's quick start is not exactly tools/quickstart.sh and tools/test.sh: $commands"
grep -q '^tools/install_link.sh ' "$source_dir/tools/quickstart.sh" ||
  fail "tools/quickstart.sh does not put escalsim on the PATH (tools/install_link.sh)"

ESCALSIM_BIN_DIR="$work/bin" PATH="$work/bin:$PATH" "$source_dir/tools/install_link.sh" "$program"
[ -L "$work/bin/escalsim" ] || fail "no link $work/bin/escalsim"
[ "$(readlink "$work/bin/escalsim")" = "$program" ] || fail "the link does not point at $program"

mkdir "$work/elsewhere"
cd "$work/elsewhere"
ln -s "$source_dir/scenarios" scenarios
export PATH="$work/bin:/usr/bin:/bin"
[ "$(command -v escalsim)" = "$work/bin/escalsim" ] || fail "escalsim is not found on the PATH"
escalsim --version >/dev/null || fail "escalsim --version failed"
escalsim check scenarios/default.yaml >/dev/null || fail "escalsim check scenarios/default.yaml failed"

# Every subcommand a command line of the README's code blocks (fenced or indented) uses.
subcommands=$(awk '/^```/{f=!f; next} f || /^    /' "$source_dir/README.md" |
                grep -oE '(^|[$] |[[:space:]])escalsim [a-z]+' | awk '{print $NF}' | sort -u)
[ -n "$subcommands" ] || fail "found no escalsim command in the README"
for sub in $subcommands; do
  escalsim "$sub" --help >/dev/null 2>&1 || fail "the README uses \`escalsim $sub\`, which does not exist"
done
echo "quickstart_test: 1 passed, 0 failed"
