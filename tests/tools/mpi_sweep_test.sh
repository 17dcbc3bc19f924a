#!/usr/bin/env bash
# A sweep over 2 MPI ranks on this machine writes the same bytes as one process.
# Usage: tests/tools/mpi_sweep_test.sh ESCALSIM_PROGRAM MPIEXEC SOURCE_DIR   (run by CTest in an
# ESCALSIM_MPI=ON build)
set -euo pipefail
program=$1
mpiexec=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/escalsim-mpi-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"

cat > scenario.yaml <<'YAML'
run: {name: mpi, horizon: 6 weeks, seed: 5, replications: 2}
demand: {rate: 20 per hour}
desks:
  frontline: {staff: 6, handle_time: 15 min, patience: 30 min}
  specialists: {staff: 1, handle_time: 30 min}
routes:
  - {from: frontline, to: specialists, probability: 0.1}
sweep:
  parameters:
    desks.frontline.staff: [5, 6, 7]
    demand_multiplier: [0.5, 1, 1.5]
YAML

"$program" sweep scenario.yaml --out single --threads 1 --quiet --format csv > single.out

# Open MPI refuses root without --allow-run-as-root, and 2 ranks on 1 core without
# --oversubscribe; both are harmless here.
"$mpiexec" --allow-run-as-root --oversubscribe -n 2 \
  "$program" sweep scenario.yaml --out ranks --threads 1 --quiet --format csv > ranks.out

status=0
for f in sweep.csv summary.csv sweep.json; do
  if ! cmp -s "single/$f" "ranks/$f"; then
    echo "FAIL: $f differs between 1 process and 2 MPI ranks" >&2
    status=1
  fi
done
# Rank 0 alone prints the results; the other rank prints nothing.
cmp -s single.out ranks.out || { echo "FAIL: the printed CSV differs" >&2; status=1; }
cmp -s single.out single/sweep.csv || { echo "FAIL: printed CSV is not sweep.csv" >&2; status=1; }
points=$(ls ranks/points | grep -c '^point-[0-9]*\.json$' || true)
[ "$points" = 9 ] || { echo "FAIL: $points point files, expected 9" >&2; status=1; }
if find ranks -name '*.tmp-*' | grep -q .; then
  echo "FAIL: temporary files left" >&2
  status=1
fi
[ $status -eq 0 ] && echo "2 MPI ranks: outputs byte-identical to one process"
exit $status
