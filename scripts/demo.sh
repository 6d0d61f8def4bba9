#!/usr/bin/env bash
# Sets up a fresh Debian machine (see setup.sh) and runs the bench demo (Docs/bench.md).
# Arguments go to the demo (--duration, --obus, --out, --seed, --scan-period, --keystore, --plain).
# Exit code: the demo's (0 when every expectation held).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
SECONDS=0
./scripts/setup.sh
# shellcheck disable=SC1091
source .state/env
status=0
dotnet run --project Bench/Bench.csproj -c Release -- demo "$@" || status=$?
echo "demo.sh: exit $status after ${SECONDS} s of wall clock (setup, build and run)"
exit "$status"
