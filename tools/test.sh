#!/usr/bin/env bash
# Builds escalsim and runs the whole test suite; this is what CI runs.
# Usage: tools/test.sh              Release build in build/release
#        tools/test.sh --sanitize   AddressSanitizer + UndefinedBehaviorSanitizer build in
#                                   build/sanitize (engine invariants asserted too); every
#                                   test but the statistical validation against queueing
#                                   theory, which the release run holds (it takes ten times
#                                   as long under the sanitizers and adds no code path), and
#                                   the sweep's memory bound, which reads the program's peak
#                                   memory: the sanitizers' shadow memory and quarantine of
#                                   freed blocks make that grow by design
#        tools/test.sh --mpi        MPI build in build/mpi (installs Open MPI): a sweep over
#                                   2 ranks must write the same bytes as one process (the rest
#                                   of the suite does not depend on MPI and runs in the others)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--mpi" ]; then
  tools/setup.sh --mpi
else
  tools/setup.sh --browser  # the report tests open the reports in Chromium
fi

jobs=$(nproc)
skip=()
case "${1:-}" in
  --sanitize)
    build=build/sanitize
    flags=(-DCMAKE_BUILD_TYPE=Debug -DESCALSIM_SANITIZE=ON -DESCALSIM_BENCHMARKS=OFF)
    skip=(-E "^Validation: |^escalsim sweep: peak memory does not grow")
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ;;
  --mpi)
    build=build/mpi
    flags=(-DCMAKE_BUILD_TYPE=Release -DESCALSIM_MPI=ON)
    ;;
  "")
    build=build/release
    flags=(-DCMAKE_BUILD_TYPE=Release)
    ;;
  *)
    echo "usage: tools/test.sh [--sanitize | --mpi]" >&2
    exit 2
    ;;
esac

cmake -S . -B "$build" -G Ninja "${flags[@]}" >/dev/null
if [ "${1:-}" = "--mpi" ]; then
  cmake --build "$build" -j "$jobs" --target escalsim
  ctest --test-dir "$build" --output-on-failure -R mpi_sweep_two_ranks
else
  cmake --build "$build" -j "$jobs"
  ctest --test-dir "$build" --output-on-failure -j "$jobs" "${skip[@]}"
fi
