#!/usr/bin/env bash
# Measures the bench corpus against riebl/vanetza (Interop/vanetza/README.md, Docs/interop.md §3).
# usage: Interop/vanetza/run.sh VANETZA_SOURCE [VANETZA_BUILD] [OUT]
#   VANETZA_SOURCE  a checkout of riebl/vanetza
#   VANETZA_BUILD   its CMake build folder with the static libraries (default VANETZA_SOURCE/build)
#   OUT             where the driver, the corpus and the results go (default .state/interop-vanetza)
#   VANETZA_COMMIT  (environment) the commit to print when VANETZA_SOURCE is not a git checkout
# Needs: c++, python3, dotnet (source .state/env first), Debian's Boost date_time, Crypto++, GeographicLib and
# OpenSSL dev packages (what vanetza itself was built with).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
src="$(cd "${1:?usage: run.sh VANETZA_SOURCE [VANETZA_BUILD] [OUT]}" && pwd)"
build="$(cd "${2:-$src/build}" && pwd)"
out="${3:-$repo/.state/interop-vanetza}"
mkdir -p "$out/corpus" "$out/results"
out="$(cd "$out" && pwd)"
here="$repo/Interop/vanetza"

# 1. The driver, against the given build (the libraries in vanetza's own link order, as its CMake links them).
libs=(asn1_its_r2 asn1_security_r2 btp facilities geonet dcc access gnss security asn1_security asn1 asn1_its asn1_support geodesy net common)
static=()
for l in "${libs[@]}"; do
    f="$build/lib/static/libvanetza_$l.a"
    [[ -f "$f" ]] || { echo "missing $f: is $build a vanetza build folder?" >&2; exit 2; }
    static+=("$f")
done
c++ -std=c++17 -O2 -DNDEBUG -DBOOST_ALL_NO_LIB -DBOOST_DATE_TIME_DYN_LINK -DHAVE_NETINET_IN_H \
    -DVANETZA_WITH_CRYPTOPP -DVANETZA_WITH_GEOGRAPHICLIB -DVANETZA_WITH_OPENSSL \
    -I"$src" -I"$src/vanetza/asn1/support" "$here/legacy_verify.cpp" -o "$out/legacy_verify" \
    -Wl,--start-group "${static[@]}" -Wl,--end-group -lGeographicLib -lboost_date_time -lcryptopp -lcrypto
echo "driver: $out/legacy_verify"

# 2. The bench corpus, recorded by the test suite's recorder (Bench.Tests/Interop/CorpusExport.cs).
rm -f "$out/corpus/"*
V2X_INTEROP_CORPUS_OUT="$out/corpus" dotnet test "$repo/Bench.Tests" -c Release \
    --filter "FullyQualifiedName~CorpusExportTests" >"$out/corpus.log" 2>&1 || { cat "$out/corpus.log" >&2; exit 1; }
echo "corpus: $out/corpus"

# 3. Country borders for the identifiedRegion check, in vanetza's country data format (format version 1, then per
#    country: M49 code, WKB length, WKB polygon): Germany (276) as its bounding box, enough to place the bench's
#    Munich routes; vanetza builds without VANETZA_EMBED_COUNTRY_DATA have no borders at all.
python3 - "$out/germany-bbox.bin" <<'PY'
import struct, sys
ring = [(5.87, 47.27), (15.04, 47.27), (15.04, 55.06), (5.87, 55.06), (5.87, 47.27)]
wkb = struct.pack('<BII', 1, 3, 1) + struct.pack('<I', len(ring)) + b''.join(struct.pack('<dd', lon, lat) for lon, lat in ring)
open(sys.argv[1], 'wb').write(struct.pack('<H', 1) + struct.pack('<HI', 276, len(wkb)) + wkb)
PY

# 4. Every capture in three receiver configurations, chain consistency checks on in each.
declare -A configs=(
    [stock]=""
    [country-data]="--country-data $out/germany-bbox.bin"
    [permissive-region]="--permissive-identified-region"
)
for name in stock country-data permissive-region; do
    for pcap in "$out/corpus/"*.pcap; do
        # shellcheck disable=SC2086
        "$out/legacy_verify" --root "$out/corpus/root.oer" --ca "$out/corpus/aa.oer" ${configs[$name]} "$pcap" \
            >"$out/results/$name-$(basename "$pcap" .pcap).txt"
    done
done

# 5. The table: per configuration, mode and kind of frame, how many vanetza verified and delivered.
python3 "$here/summarize.py" "$out/corpus" "$out/results" | tee "$out/summary.md"
vanetza_commit="${VANETZA_COMMIT:-$(git -C "$src" rev-parse HEAD 2>/dev/null || echo "unknown (not a git checkout: set VANETZA_COMMIT)")}"
echo
echo "vanetza: $src (commit $vanetza_commit), build $build; date $(date -u +%Y-%m-%dT%H:%MZ)"
