#!/usr/bin/env bash
# Installs escalsim's build dependencies from Debian 12 packages when missing (idempotent).
# Usage: tools/setup.sh            (as root, or with sudo available)
#        tools/setup.sh --mpi      also Open MPI, for the ESCALSIM_MPI build (or ESCALSIM_MPI=1)
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  libboost-graph-dev libboost-random-dev libboost-math-dev
  libyaml-cpp-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  doctest-dev libbenchmark-dev
)
if [ "${1:-}" = "--mpi" ] || [ "${ESCALSIM_MPI:-0}" = 1 ]; then
  packages+=(libopenmpi-dev openmpi-bin)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "escalsim setup: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
