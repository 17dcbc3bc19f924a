#!/usr/bin/env bash
# Installs what is missing, builds escalsim (Release, its engine optimised from a profile of
# training runs: tools/build_release.sh), puts `escalsim` on the PATH (a link in
# /usr/local/bin, see tools/install_link.sh) and runs the default scenario with it: the
# summary is printed and the results are written under results/default/.
# Usage: tools/quickstart.sh [SCENARIO]   (default: scenarios/default.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
tools/build_release.sh escalsim
tools/install_link.sh build/release/escalsim
PATH="${ESCALSIM_BIN_DIR:-/usr/local/bin}:$PATH" escalsim run "${1:-scenarios/default.yaml}"
