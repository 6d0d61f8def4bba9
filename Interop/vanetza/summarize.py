#!/usr/bin/env python3
"""Joins legacy_verify's per-frame lines with the corpus index (Interop/vanetza/README.md) into one Markdown table.

usage: summarize.py CORPUS_DIR RESULTS_DIR
A frame counts as accepted when vanetza's verify service reports Success, the router delivers it to BTP and
vanetza's release 1 or release 2 CAM/DENM decoder decodes the payload.
"""
import collections
import csv
import pathlib
import sys

corpus, results = (pathlib.Path(p) for p in sys.argv[1:3])
rows = collections.OrderedDict()
configs = ["stock", "country-data", "permissive-region"]
for result in sorted(results.glob("*.txt")):
    config, _, stem = result.stem.partition("-facilities")
    if stem or result.stem.endswith("-facilities"):
        mode = "facilities" + stem
    else:
        config, _, stem = result.stem.partition("-headerinfo")
        mode = "headerinfo" + stem
    if config not in configs:
        configs.append(config)
    with open(corpus / f"{mode}.tsv", newline="") as f:
        index = {int(r["index"]): r for r in csv.DictReader(f, delimiter="\t")}
    for line in result.read_text().splitlines():
        if line.startswith("#"):
            continue
        _, frame, _, _, report, verdict, drop, port, r1, r2 = line.split()
        meta = index[int(frame)]
        kind = f"{meta['sender']} {meta['message']}" + (" + report" if meta["report"] == "report" else "")
        key = (config, mode, kind)
        entry = rows.setdefault(key, {"frames": 0, "accepted": 0, "r1": 0, "r2": 0, "other": collections.Counter()})
        entry["frames"] += 1
        delivered = port != "-"
        entry["r1"] += r1 == "1"
        entry["r2"] += r2 == "1"
        if report == "Success" and delivered and (r1 == "1" or r2 == "1"):
            entry["accepted"] += 1
        else:
            reason = report if verdict == "-" else f"{report}/{verdict}"
            entry["other"][reason if delivered or drop == "-" else f"{reason} ({drop})"] += 1

print("| receiver configuration | mode | frames | verified, delivered, decoded | R1 / R2 decoder | not accepted (vanetza's report × frames) |")
print("|---|---|---|---|---|---|")
for (config, mode, kind), e in sorted(rows.items(), key=lambda kv: (configs.index(kv[0][0]), kv[0][1], kv[0][2])):
    other = ", ".join(f"{k} × {v}" for k, v in e["other"].most_common()) or "–"
    print(f"| {config} | {mode} | {kind}: {e['frames']} | {e['accepted']} of {e['frames']} | {e['r1']} / {e['r2']} | {other} |")

print()
print("| receiver configuration | mode | frames with the report, sent by the stations | accepted | of them decoded by R1 / R2 | all frames sent by the stations | accepted |")
print("|---|---|---|---|---|---|---|")
totals = collections.OrderedDict()
for (config, mode, kind), e in rows.items():
    t = totals.setdefault((config, mode), [0, 0, 0, 0, 0, 0])
    if kind.split()[0] in ("CleanObu", "TamperedObu", "Legacy"):
        t[4] += e["frames"]
        t[5] += e["accepted"]
        if kind.endswith("+ report"):
            t[0] += e["frames"]
            t[1] += e["accepted"]
            t[2] += e["r1"]
            t[3] += e["r2"]
for (config, mode), t in sorted(totals.items(), key=lambda kv: (configs.index(kv[0][0]), kv[0][1])):
    print(f"| {config} | {mode} | {t[0]} | {t[1]} | {t[2]} / {t[3]} | {t[4]} | {t[5]} |")
