#!/usr/bin/env bash
# Fuzzes the scenario loader with libFuzzer: loader_fuzz (any bytes as a scenario: accepted,
# or one located error line) and run_fuzz (the same, and what loads runs a short simulation
# with the invariants checked). Built with clang, ASan and UBSan in build/fuzz; the corpus,
# kept in build/fuzz/corpus/<target>, is seeded from scenarios/ and tests/data/.
# Usage: tools/fuzz.sh [SECONDS] [TARGET...]   SECONDS per target (default 60); targets
#        loader_fuzz and run_fuzz by default. A finding stops the script with status 1 and is
#        kept in build/fuzz/findings/; replay one with build/fuzz/<target> <file>.
#        tools/fuzz.sh --runs N [TARGET...]   N inputs per target instead of a time: with
#        the fixed seed, the same inputs on every machine (what CI runs).
# The seed is fixed (ESCALSIM_FUZZ_SEED, default 1), so a run can be repeated exactly.
set -euo pipefail
cd "$(dirname "$0")/.."

budget=(-max_total_time="${1:-60}")
what="${1:-60} s"
if [ "${1:-}" = "--runs" ]; then
  budget=(-runs="$2")
  what="$2 inputs"
  shift 2
elif [ $# -gt 0 ]; then
  shift
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(loader_fuzz run_fuzz)

tools/setup.sh --fuzz
build=build/fuzz
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++-14 \
  -DESCALSIM_FUZZ=ON -DESCALSIM_BENCHMARKS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"

# The seeds: every shipped scenario and every broken one, flattened into one folder.
seeds="$build/seeds"
rm -rf "$seeds"
mkdir -p "$seeds" "$build/findings"
find scenarios tests/data -name '*.yaml' | while read -r f; do cp "$f" "$seeds/${f//\//_}"; done

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  echo "escalsim fuzz: $target for $what"
  "$build/$target" "$corpus" "$seeds" "${budget[@]}" -seed="${ESCALSIM_FUZZ_SEED:-1}" -timeout=20 \
    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/findings/$target-" 2>"$build/$target.log" || {
    tail -n 60 "$build/$target.log" >&2
    echo "escalsim fuzz: $target found a problem; see $build/findings/" >&2
    exit 1
  }
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$target.log" || true
done
echo "escalsim fuzz: nothing found"
