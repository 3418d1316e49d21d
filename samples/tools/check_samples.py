#!/usr/bin/env python3
"""Consistency check of the SYNTHETIC sample data (pure stdlib).

Checks: JSON parses; codes referenced by plans and CSVs exist; CSV header; no duplicate
(indicator, area, period, subgroup) key across all CSV files; percent values in 0-100;
numerator <= denominator; value == 100*numerator/denominator for percents; grades 2-12;
decimals as declared; baseline values match the data. Then evaluates every target with the
goal-evaluation rule of DESIGN.md section 5 and compares with tools/designed-status.json.
Exit code 1 on any error.
"""
import csv
import glob
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
errors = []


def load(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        raw = f.read()
    if raw.startswith("\ufeff"):
        errors.append(f"{rel}: BOM")
    obj = json.loads(raw)
    if "_note" not in obj or "ynthetic" not in obj["_note"].lower() and "synt" not in obj["_note"].lower():
        errors.append(f"{rel}: missing synthetic _note")
    return obj


inds = {i["code"]: i for i in load("metadata/indicators.json")["indicators"]}
areas = {a["code"]: a for a in load("metadata/areas.json")["areas"]}
for a in areas:
    if not re.fullmatch(r"[A-Z0-9-]+", a):
        errors.append(f"bad area code {a}")
for i in inds.values():
    assert i["unit"] in {"percent", "count", "rate", "grade", "index", "dkk"}, i
    assert i["direction"] in {"higherBetter", "lowerBetter", "targetBand"}, i
    assert i["source"] in {"register", "survey", "ownRegistration"}, i
    assert i["periodicity"] in {"yearly", "halfYearly", "quarterly", "monthly", "irregular"}, i
if sum(1 for i in inds.values() if not i["influenceable"]) != 1:
    errors.append("expected exactly one non-influenceable indicator")

obs = {}  # (ind, area, subgroup) -> {period: value}
rows_per_file = {}
for path in sorted(glob.glob(os.path.join(ROOT, "observations", "*.csv"))):
    name = os.path.basename(path)
    with open(path, encoding="utf-8", newline="") as f:
        raw = f.read()
    if raw.startswith("\ufeff") or raw.lstrip().startswith("#"):
        errors.append(f"{name}: BOM or comment line")
    r = list(csv.reader(raw.splitlines()))
    if r[0] != ["indicator", "area", "period", "value", "numerator", "denominator", "subgroup"]:
        errors.append(f"{name}: header {r[0]}")
    rows_per_file[name] = len(r) - 1
    for n, row in enumerate(r[1:], start=2):
        ind, area, period, value, num, den, sub = row
        where = f"{name}:{n}"
        if ind not in inds:
            errors.append(f"{where}: unknown indicator {ind}")
            continue
        if area not in areas:
            errors.append(f"{where}: unknown area {area}")
        if not re.fullmatch(r"\d{4}", period):
            errors.append(f"{where}: period {period}")
        key = (ind, area, sub)
        if period in obs.setdefault(key, {}):
            errors.append(f"{where}: duplicate key {key} {period}")
        dec = inds[ind]["decimals"]
        if not re.fullmatch(r"-?\d+" + (r"\.\d{%d}" % dec if dec else ""), value):
            errors.append(f"{where}: value {value} not formatted with {dec} decimals")
        v = float(value)
        obs[key][period] = v
        unit = inds[ind]["unit"]
        if unit == "percent" and not 0 <= v <= 100:
            errors.append(f"{where}: percent {v}")
        if unit == "grade" and not 2 <= v <= 12:
            errors.append(f"{where}: grade {v}")
        if num or den:
            a, b = int(num), int(den)
            if not 0 <= a <= b or b == 0:
                errors.append(f"{where}: numerator {a} > denominator {b}")
            if unit == "percent" and abs(100 * a / b - v) > 0.5 * 10 ** -dec + 1e-9:
                errors.append(f"{where}: value {v} != 100*{a}/{b}")
        elif unit == "percent":
            errors.append(f"{where}: percent row without numerator/denominator")

plans = [load(os.path.relpath(p, ROOT)) for p in sorted(glob.glob(os.path.join(ROOT, "plans", "*.json")))]
designed = {(t["indicator"], t["scope"]): t["status"] for t in load("tools/designed-status.json")["targets"]}


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def evaluate(t):
    ind = inds[t["indicator"]]
    d = 1 if ind["direction"] == "higherBetter" else -1
    series = obs[(t["indicator"], t["scope"], t["subgroup"])]
    tb, tt = int(t["baselinePeriod"]), int(t["targetPeriod"])
    B = t["baselineValue"] if t["baselineValue"] is not None else series[t["baselinePeriod"]]
    T = t["targetValue"]
    pts = sorted((int(p), v) for p, v in series.items() if int(p) >= tb)
    tl, yl = pts[-1]
    progress = (yl - B) / (T - B)
    expected = min(1, max(0, (tl - tb) / (tt - tb)))
    if len(pts) >= 3:
        slope = median([(pts[j][1] - pts[i][1]) / (pts[j][0] - pts[i][0])
                        for i in range(len(pts)) for j in range(i + 1, len(pts))])
        icpt = median([y - slope * x for x, y in pts])
        proj = icpt + slope * tt
    else:
        proj = B + (yl - B) * (tt - tb) / (tl - tb)
    if d * (yl - T) >= 0:
        st = "achieved"
    elif progress >= expected - t["tolerance"] or d * (proj - T) >= 0:
        st = "onTrack"
    elif d * (yl - B) > 0:
        st = "atRisk"
    else:
        st = "offTrack"
    return st, B, yl, progress, expected, proj


report = []
for p in plans:
    for a in p["areas"]:
        if a not in areas or areas[a]["kind"] != "area":
            errors.append(f"{p['slug']}: area {a}")
    goals = []
    for g in p["goals"]:
        goals.append(g)
        goals.extend(g.get("subGoals", []))
    for g in goals:
        for t in g["targets"]:
            if t["indicator"] not in inds or t["scope"] not in areas:
                errors.append(f"{p['slug']} {g['key']}: unknown code in {t}")
                continue
            if t["benchmarkScope"] is not None and t["benchmarkScope"] not in areas:
                errors.append(f"{p['slug']} {g['key']}: benchmark {t['benchmarkScope']}")
            series = obs.get((t["indicator"], t["scope"], t["subgroup"]), {})
            if t["baselinePeriod"] not in series:
                errors.append(f"{p['slug']} {g['key']}: no data at baseline {t}")
            elif t["baselineValue"] is not None and abs(series[t["baselinePeriod"]] - t["baselineValue"]) > 1e-9:
                errors.append(f"{p['slug']} {g['key']}: baseline mismatch {t}")
            st, B, yl, prog, exp, proj = evaluate(t)
            want = designed.get((t["indicator"], t["scope"]))
            flag = "" if st == want else "   <-- MISMATCH"
            if st != want:
                errors.append(f"{p['slug']} {g['key']} {t['indicator']}: {st} != designed {want}")
            report.append(f"{p['slug']:18} {g['key']:5} {t['indicator']:22} {t['scope']:18} B={B:<7g} "
                          f"latest={yl:<7g} T={t['targetValue']:<6g} progress={prog:5.2f} "
                          f"expected={exp:4.2f} proj={proj:8.2f}  {st}{flag}")

print("\n".join(report))
print()
for k, v in rows_per_file.items():
    print(f"{k}: {v} rows")
print(f"indicators: {len(inds)}, areas/scopes: {len(areas)}, plans: {len(plans)}")
if errors:
    print("\nERRORS:")
    print("\n".join(errors[:50]))
    sys.exit(1)
print("OK")
