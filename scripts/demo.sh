#!/usr/bin/env bash
# Sets up a fresh Debian machine (see setup.sh) and runs the bench demo.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./scripts/setup.sh
# shellcheck disable=SC1091
source .state/env
dotnet run --project Bench/Bench.csproj -c Release -- demo "$@"
