#!/usr/bin/env bash
# Sets up a fresh Debian machine (see setup.sh) and runs every test of nanoFramework.sln.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
./scripts/setup.sh --postgres
# shellcheck disable=SC1091
source .state/env

dotnet test nanoFramework.sln -c Release --nologo "$@"
