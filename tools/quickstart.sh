#!/usr/bin/env bash
# Installs what is missing, builds escalsim (Release) and runs the default scenario:
# the summary is printed and the results are written under results/default/.
# Usage: tools/quickstart.sh [SCENARIO]   (default: scenarios/default.yaml)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc)" --target escalsim
build/release/escalsim run "${1:-scenarios/default.yaml}"
