#!/usr/bin/env bash
# Sets up the machine if needed, builds fafnir with its tests (warnings are errors) and runs the
# whole suite through ctest. Exits non-zero on any failure.
# Environment: FAFNIR_BUILD_DIR (default build), FAFNIR_CMAKE_ARGS (extra cmake arguments).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --packages-only

build_dir="${FAFNIR_BUILD_DIR:-build}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${FAFNIR_BUILD_TYPE:-RelWithDebInfo}" \
  -DFAFNIR_WERROR=ON -DFAFNIR_BUILD_TESTS=ON ${FAFNIR_CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir"
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 -j "$(nproc)"
