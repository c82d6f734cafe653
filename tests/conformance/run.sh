#!/usr/bin/env bash
# GraphQL conformance of `fafnir serve` against the reference implementation (npm `graphql`):
# installs the pinned package from package-lock.json, then runs check.mjs against the binary.
# Usage: tests/conformance/run.sh [path to fafnir, default build/fafnir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
binary="$(realpath "${1:-$repo/build/fafnir}")"
cd "$repo/tests/conformance"
npm ci --no-audit --no-fund --loglevel=error
node check.mjs "$binary"
