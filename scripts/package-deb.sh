#!/usr/bin/env bash
# Builds the OBU firmware's Debian package(s): `dotnet publish` of Firmware self-contained for each architecture, the
# systemd units (secure partition and application under separate users), sysusers and tmpfiles entries, /etc/obu
# configuration and the field guide, packed with dpkg-deb.
#   scripts/package-deb.sh [--arch amd64|arm64]... [--out DIR] [--version X.Y.Z]
# Default: both architectures into ./out/deb. Prints the path of each package built.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="$root/out/deb"
version="1.0.0"
arches=()
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) arches+=("$2"); shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --version) version="$2"; shift 2 ;;
    *) echo "package-deb.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ ${#arches[@]} -gt 0 ] || arches=(amd64 arm64)
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
  dotnet publish "$root/Firmware/Firmware.csproj" -c Release -r "$rid" --self-contained true -o "$stage/usr/lib/obu" --nologo -v quiet >&2
  find "$stage/usr/lib/obu" -name '*.pdb' -delete
  install -d "$stage/lib/systemd/system" "$stage/usr/lib/tmpfiles.d" "$stage/usr/lib/sysusers.d" "$stage/etc/obu" \
    "$stage/usr/share/doc/obu-firmware" "$stage/DEBIAN"
  install -m 644 "$root"/packaging/systemd/*.service "$stage/lib/systemd/system/"
  install -m 644 "$root/packaging/systemd/obu.tmpfiles" "$stage/usr/lib/tmpfiles.d/obu.conf"
  install -m 644 "$root/packaging/systemd/obu.sysusers" "$stage/usr/lib/sysusers.d/obu.conf"
  install -m 644 "$root"/packaging/etc/obu/*.json "$stage/etc/obu/"
  install -m 644 "$root/Hardware/Can/obu.dbc" "$stage/etc/obu/obu.dbc"
  install -m 644 "$root/Docs/field.md" "$stage/usr/share/doc/obu-firmware/field.md"
  install -m 755 "$root/packaging/postinst" "$stage/DEBIAN/postinst"
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
 self-contained .NET ($rid). Field set-up: /usr/share/doc/obu-firmware/field.md.
CONTROL
  deb="$out/obu-firmware_${version}_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
  rm -rf "$stage"
  trap - EXIT
  echo "$deb"
done
