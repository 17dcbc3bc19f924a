#!/usr/bin/env bash
# Puts `escalsim` on the PATH, as every command in the README is written: a symbolic link
# in /usr/local/bin (or $ESCALSIM_BIN_DIR) to the given build of the program, so that a
# rebuild is picked up with no reinstall.
# Usage: tools/install_link.sh [PROGRAM]   (default: build/release/escalsim)
set -euo pipefail
cd "$(dirname "$0")/.."

program=$(realpath "${1:-build/release/escalsim}")
bin_dir=${ESCALSIM_BIN_DIR:-/usr/local/bin}
if [ ! -x "$program" ]; then
  echo "escalsim install: $program is not built" >&2
  exit 2
fi

sudo_cmd=()
if [ ! -w "$bin_dir" ] && [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "escalsim install: cannot write to $bin_dir; run: ln -sfn $program $bin_dir/escalsim" >&2
    exit 2
  fi
  sudo_cmd=(sudo)
fi
"${sudo_cmd[@]}" mkdir -p "$bin_dir"
"${sudo_cmd[@]}" ln -sfn "$program" "$bin_dir/escalsim"
echo "escalsim install: $bin_dir/escalsim -> $program" >&2

# Say so when the folder is not searched: the README's commands would not be found.
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "escalsim install: $bin_dir is not on your PATH; add it: export PATH=\"$bin_dir:\$PATH\"" >&2 ;;
esac
