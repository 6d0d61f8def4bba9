#!/usr/bin/env bash
# Builds the OBU firmware's Debian package(s): `dotnet publish` of Firmware self-contained for each architecture, laid
# out and sealed as a sealed deployment (Docs/secure-partition.md, "Sealed deployments"): /usr/lib/obu/slots/a/secure
# (the secure partition), slots/a/app (the application), slots/a/seal (the two chained stage manifests, signed with the
# OEM key and the application key of --oem-dir, patent ¶138-140) and /usr/lib/obu/current -> slots/a (the A/B root of
# `Firmware update`); the OEM public key as the ROM anchor /etc/obu/oem.rom; the systemd units (secure partition and
# application under separate users, each started from its sealed folder), sysusers and tmpfiles entries, /etc/obu
# configuration and the field guide, packed with dpkg-deb.
#   scripts/package-deb.sh --oem-dir DIR [--arch amd64|arm64]... [--out DIR] [--version X.Y.Z] [--secure-version N]
# --oem-dir is the OEM key directory (`Firmware oem init --dir DIR` makes a development one; a production OEM signs in
# its signing service, and no key in this repository is one). Default: both architectures into ./out/deb. Prints the
# path of each package built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/out/deb"
version="1.0.0"
secure_version=1
oem=""
arches=()
while [ $# -gt 0 ]; do
  [ $# -ge 2 ] || { echo "package-deb.sh: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --arch) arches+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    --secure-version) secure_version="$2"; shift 2 ;;
    --oem-dir) oem="$2"; shift 2 ;;
    *) echo "package-deb.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$oem" ]; then
  echo "package-deb.sh: --oem-dir DIR is required: the OEM keys that seal the deployment (oem.key, app-stage.key; \`Firmware oem init --dir DIR\` makes development keys)" >&2
  exit 2
fi
if [ ! -f "$oem/oem.pub" ] || [ ! -f "$oem/oem.key" ] || [ ! -f "$oem/app-stage.key" ]; then
  echo "package-deb.sh: $oem does not hold oem.key, oem.pub and app-stage.key (\`Firmware oem init --dir $oem\` makes them)" >&2
  exit 2
fi
oem=$(cd "$oem" && pwd)
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)
# The seal is made by the Firmware of this machine (the same `dotnet build -c Release` outputs as the tests use).
dotnet build "$root/Firmware/Firmware.csproj" -c Release --nologo -v quiet >&2
firmware="$root/Firmware/bin/Release/net10.0/Firmware.dll"
mkdir -p "$out"
for arch in "${arches[@]}"; do
  case "$arch" in
    amd64) rid=linux-x64 ;;
    arm64) rid=linux-arm64 ;;
    *) echo "package-deb.sh: --arch is amd64 or arm64, not $arch" >&2; exit 2 ;;
  esac
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  # The same build properties as `dotnet build -c Release`, so the referenced libraries' shared outputs stay as they
  # are (a test run may be using them); symbols are dropped from the package afterwards.
  slot="$stage/usr/lib/obu/slots/a"
  dotnet publish "$root/Firmware/Firmware.csproj" -c Release -r "$rid" --self-contained true -o "$slot/secure" --nologo -v quiet >&2
  find "$slot/secure" -name '*.pdb' -delete
  # Both partitions run the same executable, each from its own sealed folder (Docs/secure-partition.md). app/ holds hard
  # links to the same files, so the package carries (and xz compresses) them once; each path is sealed and measured.
  cp -al "$slot/secure" "$slot/app"
  dotnet "$firmware" seal --deployment "$slot" --oem-dir "$oem" --version "$version" --secure-version "$secure_version" >&2
  ln -s slots/a "$stage/usr/lib/obu/current"
  install -d "$stage/lib/systemd/system" "$stage/usr/lib/tmpfiles.d" "$stage/usr/lib/sysusers.d" "$stage/etc/obu" \
    "$stage/usr/share/doc/obu-firmware" "$stage/DEBIAN"
  install -m 644 "$root"/packaging/systemd/*.service "$stage/lib/systemd/system/"
  install -m 644 "$root/packaging/systemd/obu.tmpfiles" "$stage/usr/lib/tmpfiles.d/obu.conf"
  install -m 644 "$root/packaging/systemd/obu.sysusers" "$stage/usr/lib/sysusers.d/obu.conf"
  install -m 644 "$root"/packaging/etc/obu/*.json "$stage/etc/obu/"
  install -m 644 "$root/Hardware/Can/obu.dbc" "$stage/etc/obu/obu.dbc"
  # The ROM anchor: the public key of the OEM key that sealed this package (66 hex characters, Host/RomFile.cs).
  install -m 644 "$oem/oem.pub" "$stage/etc/obu/oem.rom"
  install -m 644 "$root/Docs/field.md" "$stage/usr/share/doc/obu-firmware/field.md"
  install -m 755 "$root/packaging/postinst" "$stage/DEBIAN/postinst"
  install -m 755 "$root/packaging/prerm" "$stage/DEBIAN/prerm"
  (cd "$stage" && find etc -type f | sed 's#^#/#' | sort) > "$stage/DEBIAN/conffiles"
  size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
  cat > "$stage/DEBIAN/control" <<CONTROL
Package: obu-firmware
Version: $version
Architecture: $arch
Maintainer: V2X OBU project <obu@invalid>
Installed-Size: $size
Depends: libc6, libstdc++6, libssl3 | libssl3t64, zlib1g
Recommends: gpsd, softhsm2, iw
Section: net
Priority: optional
Description: V2X on-board unit firmware with an integrity detection function
 The secure partition (integrity detection, keys, signing) and the application
 partition (CAM/DENM, trust decisions) as systemd services under separate users,
 self-contained .NET ($rid), installed as a deployment sealed with the OEM key
 of /etc/obu/oem.rom, which the secure partition verifies at start and
 re-measures while it runs. Field set-up: /usr/share/doc/obu-firmware/field.md.
CONTROL
  deb="$out/obu-firmware_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
  rm -rf "$stage"
  trap - EXIT
  echo "$deb"
done
