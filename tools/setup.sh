#!/usr/bin/env bash
# Installs escalsim's build dependencies from Debian 12 packages when missing (idempotent).
# Usage: tools/setup.sh            (as root, or with sudo available)
#        tools/setup.sh --mpi      also Open MPI, for the ESCALSIM_MPI build (or ESCALSIM_MPI=1)
#        tools/setup.sh --browser  also Chromium, for the tests that open reports in a browser
#        tools/setup.sh --fuzz     also clang and its libFuzzer runtime, for tools/fuzz.sh
# Then installs the chart libraries the HTML report inlines (tools/charts/, from the npm
# registry at the versions package-lock.json pins) when they are missing or out of date.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake ninja-build g++ pkg-config
  libboost-graph-dev libboost-random-dev libboost-math-dev libeigen3-dev
  libyaml-cpp-dev libfmt-dev libcli11-dev nlohmann-json3-dev
  doctest-dev libbenchmark-dev libglpk-dev
  graphviz nodejs npm
)
if [ "${1:-}" = "--mpi" ] || [ "${ESCALSIM_MPI:-0}" = 1 ]; then
  packages+=(libopenmpi-dev openmpi-bin)
fi
if [ "${1:-}" = "--browser" ]; then
  packages+=(chromium)
fi
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# A Node.js from another source (NodeSource, say) provides npm itself; Debian's npm
# package would conflict with it.
if command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in nodejs | npm) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]}")
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "escalsim setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci only when the lock file changed since the last install, recorded in a stamp.
stamp=tools/charts/node_modules/.escalsim-installed-lock.json
if ! cmp -s tools/charts/package-lock.json "$stamp"; then
  echo "escalsim setup: installing the chart libraries (tools/charts, npm ci)"
  (cd tools/charts && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp tools/charts/package-lock.json "$stamp"
fi
