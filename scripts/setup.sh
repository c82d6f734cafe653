#!/usr/bin/env bash
# Installs the Debian packages fafnir needs (only those missing), then configures and builds
# build/fafnir. Idempotent and non-interactive; run as root or with sudo available.
# With --packages-only it stops after installing packages.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libsqlite3-dev libsodium-dev nlohmann-json3-dev libcli11-dev libspdlog-dev catch2
  libboost-dev libboost-system-dev libjemalloc-dev
  # the cluster transport plugin and the servers its tests start
  libpq-dev libhiredis-dev libnats-dev postgresql redis-server nats-server
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ "${1:-}" == "--packages-only" ]]; then exit 0; fi

build_type="${FAFNIR_BUILD_TYPE:-RelWithDebInfo}"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" ${FAFNIR_CMAKE_ARGS:-} >/dev/null
cmake --build build --target fafnir
echo "setup: built build/fafnir"
