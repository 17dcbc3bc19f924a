#!/usr/bin/env bash
# Builds escalsim in build/release (Release) with the engine's hot files optimised from a
# profile: builds them instrumented, runs the program on three scenarios, builds them again
# from the counts (ESCALSIM_PGO in CMakeLists.txt). The output is the same byte for byte as
# without the profile; the runs are faster (README, "Speed and memory").
# Usage: tools/build_release.sh [TARGET...]   (default: escalsim)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/release
targets=("${@:-escalsim}")
jobs=$(nproc)

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DESCALSIM_PGO=GENERATE >/dev/null
cmake --build "$build" -j "$jobs" --target escalsim

# Training: the two benchmark models (one desk; three desks with patience and routing) and
# the default scenario (weekly patterns, a CEO with a budget, policies), one thread each.
# Counts left from an earlier training would add to these: remove them first.
find "$build" -name '*.gcda' -delete
training=$(mktemp -d)
trap 'rm -rf "$training"' EXIT
for scenario in scenarios/bench/escalation.yaml scenarios/bench/mmc.yaml scenarios/default.yaml; do
  name=$(basename "$scenario" .yaml)
  if ! "$build/escalsim" run "$scenario" --replications 1 --threads 1 --horizon "26 weeks" \
       --format csv --out "$training/$name" >"$training/$name.log" 2>&1; then
    cat "$training/$name.log" >&2
    echo "tools/build_release.sh: the training run of $scenario failed" >&2
    exit 1
  fi
done

cmake -S . -B "$build" -DESCALSIM_PGO=USE >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"
