#!/usr/bin/env bash
# Prepares a fresh Debian 12 machine (with the .NET 10 SDK) for the bench demo and the tests.
# Idempotent: re-running it only starts what is not running yet.
#   - installs the Debian packages the project uses (tshark, softhsm2, postgresql; for the Linux-board
#     tests: gcc, nftables, iproute2, python3, util-linux's setpriv and unshare, passwd's useradd; for the field kit:
#     gpsd, can-utils, systemd, dpkg-dev, qemu-user-static with arm64 libraries, chromium; for SUMO mobility: sumo, sumo-tools)
#   - initialises a SoftHSM2 PKCS#11 token in .state/softhsm (keys for the bench OBUs and tests)
#   - restores the repository's local dotnet tools (PowerShell, for flash.ps1 and its Pester tests; sharpfuzz, for scripts/fuzz.sh)
#   - with --postgres: starts a private PostgreSQL cluster on 127.0.0.1:$V2X_PG_PORT (port kept in .state/pg-port)
# Writes .state/env (shell exports) which scripts/test.sh and scripts/demo.sh source. A run without --postgres keeps
# what an earlier --postgres run set up (the cluster in .state/pg and V2X_PG), so ./scripts/demo.sh after
# ./scripts/test.sh leaves `source .state/env && dotnet test` able to reach PostgreSQL.
set -euo pipefail

want_pg=0
for arg in "$@"; do
  case "$arg" in
    --postgres) want_pg=1 ;;
    *) echo "setup.sh: unknown argument $arg" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state="$root/.state"
mkdir -p "$state"

# An earlier --postgres run's cluster stays configured: keep it (on its recorded port) rather than drop V2X_PG.
if [ "$want_pg" -eq 0 ] && [ -f "$state/pg/PG_VERSION" ] && [ -f "$state/pg-port" ]; then
  want_pg=1
  V2X_PG_PORT=$(cat "$state/pg-port")
  echo "setup: keeping the PostgreSQL cluster an earlier --postgres run set up (port $V2X_PG_PORT)"
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# --- Debian packages -------------------------------------------------------------------------
need=()
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)
# The Linux-board tests compile a monitored C program (gcc), read nftables counters in a network namespace of their
# own (nftables, iproute2), run a hostile socket client (Debian's /usr/bin/python3), and run processes under
# throwaway users and in a PID namespace (util-linux: setpriv, unshare; passwd: useradd).
command -v gcc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v nft >/dev/null 2>&1 || need+=(nftables)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
[ -x /usr/bin/python3 ] || need+=(python3)
command -v setpriv >/dev/null 2>&1 || need+=(util-linux)
command -v useradd >/dev/null 2>&1 || need+=(passwd)
if [ "$want_pg" -eq 1 ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need+=(postgresql); fi
# Field kit (issue 12): gpsd/gpsfake (GNSS tests), can-utils (candump logs), systemd (systemd-analyze verify of the units),
# dpkg-dev (packages), qemu-user-static (the arm64 self-test), chromium (the drive report); iproute2 (veth) is above.
command -v gpsfake >/dev/null 2>&1 || need+=(gpsd gpsd-clients)
command -v candump >/dev/null 2>&1 || need+=(can-utils)
command -v systemd-analyze >/dev/null 2>&1 || need+=(systemd)
command -v dpkg-architecture >/dev/null 2>&1 || need+=(dpkg-dev)
command -v qemu-aarch64-static >/dev/null 2>&1 || need+=(qemu-user-static)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# SUMO mobility (issue 15): the TraCI tests run a real sumo on loopback; sumo-tools holds randomTrips.py, with which
# scripts/sumo-scenarios.sh regenerates the scenarios in Bench/Scenarios/Sumo (netconvert and duarouter come with sumo).
command -v sumo >/dev/null 2>&1 || need+=(sumo)
[ -f /usr/share/sumo/tools/randomTrips.py ] || need+=(sumo-tools)
# The arm64 build runs under qemu-aarch64-static with Debian's arm64 C library, OpenSSL, libstdc++ and zlib (multiarch).
if [ ! -e /lib/ld-linux-aarch64.so.1 ] || ! dpkg -s libssl3:arm64 >/dev/null 2>&1; then
  dpkg --print-foreign-architectures | grep -qx arm64 || as_root dpkg --add-architecture arm64
  need+=(libc6:arm64 libssl3:arm64 libstdc++6:arm64 zlib1g:arm64)
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
fi

# --- SoftHSM2 token --------------------------------------------------------------------------
hsm="$state/softhsm"
mkdir -p "$hsm/tokens"
cat > "$hsm/softhsm2.conf" <<CONF
directories.tokendir = $hsm/tokens
objectstore.backend = file
log.level = ERROR
slots.removable = false
CONF
export SOFTHSM2_CONF="$hsm/softhsm2.conf"
pkcs11_lib=""
for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so; do
  if [ -f "$candidate" ]; then pkcs11_lib="$candidate"; break; fi
done
if [ -z "$pkcs11_lib" ]; then echo "setup: libsofthsm2.so not found" >&2; exit 1; fi
token_label="v2x-bench"
token_pin="${V2X_TOKEN_PIN:-1234}"
if ! softhsm2-util --show-slots 2>/dev/null | grep -q "Label:[[:space:]]*$token_label"; then
  softhsm2-util --init-token --free --label "$token_label" --so-pin 87654321 --pin "$token_pin" >/dev/null
  echo "setup: initialised SoftHSM2 token '$token_label'"
fi

# --- PostgreSQL (tests of the community hub run against it as well as SQLite) -----------------
pg_conn=""
if [ "$want_pg" -eq 1 ]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  pg_port="${V2X_PG_PORT:-55432}"
  pg_data="$state/pg"
  run_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
  }
  if [ ! -f "$pg_data/PG_VERSION" ]; then
    mkdir -p "$pg_data"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$pg_data"; chmod 700 "$pg_data"; fi
    run_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! run_pg "$pg_bin/pg_ctl" -D "$pg_data" status >/dev/null 2>&1; then
    run_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w \
      -o "-p $pg_port -k $pg_data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    echo "setup: PostgreSQL running on 127.0.0.1:$pg_port"
  fi
  echo "$pg_port" > "$state/pg-port"
  pg_conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
fi

# --- local dotnet tools (dotnet-tools.json: PowerShell 7.6.10 for `dotnet pwsh ./flash.ps1`) ---------
(cd "$root" && dotnet tool restore >/dev/null)

# --- environment for tests and the demo ------------------------------------------------------
{
  echo "export SOFTHSM2_CONF='$SOFTHSM2_CONF'"
  echo "export V2X_PKCS11_LIB='$pkcs11_lib'"
  echo "export V2X_TOKEN_LABEL='$token_label'"
  echo "export V2X_TOKEN_PIN='$token_pin'"
  echo "export V2X_TSHARK='$(command -v tshark)'"
  if [ -n "$pg_conn" ]; then echo "export V2X_PG='$pg_conn'"; fi
} > "$state/env"
