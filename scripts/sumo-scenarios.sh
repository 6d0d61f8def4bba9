#!/usr/bin/env bash
# Regenerates the SUMO scenarios of the bench (Bench/Scenarios/Sumo, issue 15) with SUMO's own tools: netconvert
# builds each network from a plain node/edge description written in WGS-84 longitude/latitude (--proj.plain-geo) and
# projects it to UTM (--proj.utm: zone 32 for Munich), so TraCI's position conversion gives WGS-84 positions near the
# bench's area; the motorway's routes are a hand route file (two flows); the urban junction's are randomTrips.py trips routed by
# duarouter. Deterministic: fixed seeds; re-running it reproduces the committed files.
#   motorway: 2.3 km of the A9 north of Munich (Fröttmaning to Garching), 3 lanes each way at 130 km/h,
#             3000 vehicles/h each way (100 to 120 vehicles in the network at once after the first minute)
#   urban:    a signalised four-arm junction at Karlsplatz (Stachus), 2 lanes per arm, random trips every 1.5 s
# Needs the Debian packages sumo and sumo-tools (scripts/setup.sh installs them).
# Usage: scripts/sumo-scenarios.sh [OUT_DIR]   (default: Bench/Scenarios/Sumo)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out="${1:-$root/Bench/Scenarios/Sumo}"   # another folder as $1: Bench.Tests compares what it makes with the committed files
export SUMO_HOME=${SUMO_HOME:-/usr/share/sumo}
tools=$SUMO_HOME/tools
for tool in netconvert duarouter python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "sumo-scenarios: $tool not found (apt-get install sumo)" >&2; exit 1; }
done
[ -f "$tools/randomTrips.py" ] || { echo "sumo-scenarios: $tools/randomTrips.py not found (apt-get install sumo-tools)" >&2; exit 1; }

# The SUMO configuration of scenario $2 in folder $1, ending at $3 s: 0.1 s steps, seed 15, quiet.
sumocfg() {
  cat > "$1/$2.sumocfg" <<XML
<configuration>
    <input>
        <net-file value="$2.net.xml"/>
        <route-files value="$2.rou.xml"/>
    </input>
    <time>
        <begin value="0"/>
        <end value="$3"/>
        <step-length value="0.1"/>
    </time>
    <random_number>
        <seed value="15"/>
    </random_number>
    <report>
        <no-step-log value="true"/>
        <no-warnings value="true"/>
    </report>
</configuration>
XML
}

# --- motorway ------------------------------------------------------------------------------------------------------
m="$out/motorway"
mkdir -p "$m"
cat > "$m/motorway.nod.xml" <<'XML'
<!-- x is longitude, y latitude (WGS-84): netconvert option proj.plain-geo -->
<nodes>
    <node id="south" x="11.61400" y="48.21500" type="priority"/>
    <node id="north" x="11.62600" y="48.23400" type="priority"/>
</nodes>
XML
cat > "$m/motorway.edg.xml" <<'XML'
<edges>
    <edge id="northbound" from="south" to="north" numLanes="3" speed="36.11" priority="13"/>
    <edge id="southbound" from="north" to="south" numLanes="3" speed="36.11" priority="13"/>
</edges>
XML
cat > "$m/motorway.rou.xml" <<'XML'
<!-- A hand route file: one route per carriageway, a flow of 3000 vehicles/h on each (departLane best, departSpeed max). -->
<routes>
    <vType id="car" accel="2.6" decel="4.5" sigma="0.5" length="4.5" maxSpeed="41.7" speedFactor="normc(1,0.1,0.8,1.2)"/>
    <route id="northbound" edges="northbound"/>
    <route id="southbound" edges="southbound"/>
    <flow id="n" type="car" route="northbound" begin="0" end="3600" vehsPerHour="3000" departLane="best" departSpeed="max"/>
    <flow id="s" type="car" route="southbound" begin="0" end="3600" vehsPerHour="3000" departLane="best" departSpeed="max"/>
</routes>
XML
(cd "$m" && netconvert --node-files motorway.nod.xml --edge-files motorway.edg.xml --proj.plain-geo --proj.utm \
  --no-turnarounds --output-file motorway.net.xml --output.street-names false --no-warnings >/dev/null)
sumocfg "$m" motorway 3600

# --- urban junction ------------------------------------------------------------------------------------------------
u="$out/urban"
mkdir -p "$u"
cat > "$u/urban.nod.xml" <<'XML'
<!-- x is longitude, y latitude (WGS-84): netconvert option proj.plain-geo -->
<nodes>
    <node id="centre" x="11.56600" y="48.13900" type="traffic_light"/>
    <node id="north" x="11.56600" y="48.14170" type="priority"/>
    <node id="south" x="11.56600" y="48.13630" type="priority"/>
    <node id="east" x="11.57000" y="48.13900" type="priority"/>
    <node id="west" x="11.56200" y="48.13900" type="priority"/>
</nodes>
XML
{
  echo '<edges>'
  for arm in north south east west; do
    echo "    <edge id=\"${arm}_in\" from=\"$arm\" to=\"centre\" numLanes=\"2\" speed=\"13.89\" priority=\"7\"/>"
    echo "    <edge id=\"${arm}_out\" from=\"centre\" to=\"$arm\" numLanes=\"2\" speed=\"13.89\" priority=\"7\"/>"
  done
  echo '</edges>'
} > "$u/urban.edg.xml"
(cd "$u" && netconvert --node-files urban.nod.xml --edge-files urban.edg.xml --proj.plain-geo --proj.utm \
  --no-turnarounds --tls.default-type static --output-file urban.net.xml --output.street-names false --no-warnings >/dev/null)
(cd "$u" && python3 "$tools/randomTrips.py" --net-file urban.net.xml --output-trip-file urban.trips.xml \
  --begin 0 --end 900 --period 1.5 --seed 15 --fringe-factor 100 --min-distance 300 >/dev/null)
(cd "$u" && duarouter --net-file urban.net.xml --route-files urban.trips.xml --output-file urban.rou.xml \
  --seed 15 --no-step-log --no-warnings --write-license false >/dev/null)
rm -f "$u/urban.rou.alt.xml"
sumocfg "$u" urban 1200
# The tools head their output with a comment naming the date and the options: dropped, so the files are reproducible.
for f in "$m/motorway.net.xml" "$u/urban.net.xml" "$u/urban.trips.xml" "$u/urban.rou.xml"; do
  python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]
text = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(re.sub(r"<!-- generated on .*?-->\n*", "", text, count=1, flags=re.S))
PY
done
echo "sumo-scenarios: wrote $m and $u"
