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


def ordinals(period):
    """(first month, last month) since year 0 of a period 2023, 2023H1, 2023Q2/K2 or 2023-05."""
    y = int(period[:4])
    rest = period[4:]
    if not rest:
        return y * 12, y * 12 + 11
    if rest[0] in "Hh":
        i = int(rest[1]); return y * 12 + (i - 1) * 6, y * 12 + i * 6 - 1
    if rest[0] in "QqKk":
        i = int(rest[1]); return y * 12 + (i - 1) * 3, y * 12 + i * 3 - 1
    m = int(rest[1:]); return y * 12 + m - 1, y * 12 + m - 1


def position(period):
    return ordinals(period)[0] / 12


def theil_sen_at(pts, t):
    slope = median([(pts[j][1] - pts[i][1]) / (pts[j][0] - pts[i][0])
                    for i in range(len(pts)) for j in range(i + 1, len(pts)) if pts[j][0] != pts[i][0]])
    icpt = median([y - slope * x for x, y in pts])
    return icpt + slope * t


def judge(direction, B, T, tolerance, baseline_period, target_period, series):
    """DESIGN section 5, in its order. series: {period: value}. Returns (status, progress, expected, proj, latest)."""
    tb, tt = position(baseline_period), position(target_period)
    end_b = ordinals(baseline_period)[1]
    # only points after the baseline PERIOD count (2019Q1..Q4 are inside a yearly baseline 2019)
    after = sorted((position(p), v) for p, v in series.items() if ordinals(p)[0] > end_b)
    if not after:
        return "insufficientData", None, None, None, None
    pts = [(tb, B)] + after
    tl, yl = after[-1]
    band = direction == "targetBand"
    w = tolerance * abs(T - B) if band else 0.0

    def dist(v):
        return max(0.0, abs(v - T) - w)

    d = -1 if direction == "lowerBetter" else 1
    if band:
        progress = None if dist(B) == 0 else (dist(B) - dist(yl)) / dist(B)
    else:
        progress = None if T == B else (yl - B) / (T - B)
    expected = 1 if tt == tb else min(1, max(0, (tl - tb) / (tt - tb)))
    proj = theil_sen_at(pts, tt) if len(pts) >= 3 else B + (yl - B) * (tt - tb) / (tl - tb)
    achieved = dist(yl) == 0 if band else d * (yl - T) >= 0
    improved = dist(yl) < dist(B) if band else d * (yl - B) > 0
    not_worse = dist(yl) <= dist(B) if band else d * (yl - B) >= 0
    reaches = dist(proj) == 0 if band else d * (proj - T) >= 0
    if achieved:
        st = "achieved"
    elif tl >= tt:  # the target period has come: no "on track" by a line through the past
        st = "atRisk" if improved else "offTrack"
    elif progress is not None and progress >= expected - tolerance:
        st = "onTrack"
    elif reaches and not_worse:  # a projection never rescues a value worse than the baseline
        st = "onTrack"
    elif improved:
        st = "atRisk"
    else:
        st = "offTrack"
    return st, progress, expected, proj, yl


def goal_status(statuses, score):
    """Goal rollup: achieved only when every measured target is; too few data when more than half lack data."""
    missing = sum(1 for s in statuses if s == "insufficientData")
    measured = [s for s in statuses if s != "insufficientData"]
    if score is None or 2 * missing > len(statuses):
        return "insufficientData"
    if all(s == "achieved" for s in measured):
        return "achieved"
    return "onTrack" if score >= 0.75 else "atRisk" if score >= 0.4 else "offTrack"


def selftest():
    """The cases of issue 11, pinned in the reference as well as in the C# engine's unit tests."""
    y = lambda *pv: {str(p): v for p, v in pv}
    cases = [
        # 40 -> 38, worse than baseline, Theil-Sen projection reaches 44: not on track
        (judge("higherBetter", 40, 44, 0.05, "2018", "2026", y((2018, 40), (2019, 30), (2020, 32), (2021, 34), (2022, 38)))[0], "offTrack"),
        # target period 2020 passed and missed (48 against 50 in 2021)
        (judge("higherBetter", 40, 50, 0.05, "2018", "2020", y((2018, 40), (2019, 45), (2020, 49), (2021, 48)))[0], "atRisk"),
        # band 25 +- 0.5 overshot from 20 to 35
        (judge("targetBand", 20, 25, 0.1, "2018", "2026", y((2018, 20), (2020, 30), (2022, 35)))[0], "offTrack"),
        # baseline = target = 20 drifting to 25
        (judge("targetBand", 20, 20, 0.05, "2018", "2026", y((2018, 20), (2020, 22), (2022, 25)))[0], "offTrack"),
        # inside the band
        (judge("targetBand", 20, 25, 0.1, "2018", "2026", y((2018, 20), (2020, 23), (2022, 25.4)))[0], "achieved"),
        # yearly baseline with quarterly points: inside 2019 is not after it
        (judge("lowerBetter", 50, 40, 0.05, "2019", "2026", {"2019Q1": 50, "2019Q2": 49, "2019Q3": 48, "2019Q4": 47})[0], "insufficientData"),
        # one target achieved, three without data
        (goal_status(["achieved", "insufficientData", "insufficientData", "insufficientData"], 1.0), "insufficientData"),
        (goal_status(["achieved", "achieved", "achieved", "atRisk"], 0.875), "onTrack"),
    ]
    for n, (got, want) in enumerate(cases):
        if got != want:
            errors.append(f"selftest case {n}: {got} != {want}")


selftest()


def evaluate(t):
    ind = inds[t["indicator"]]
    series = obs[(t["indicator"], t["scope"], t["subgroup"])]
    B = t["baselineValue"] if t["baselineValue"] is not None else series[t["baselinePeriod"]]
    st, progress, expected, proj, yl = judge(ind["direction"], B, t["targetValue"], t["tolerance"],
                                             t["baselinePeriod"], t["targetPeriod"], series)
    return st, B, yl, progress, expected, proj


report = []
computed = []
# --write: the reference, not the engine under test, writes designed-status.json
WRITE = "--write" in sys.argv[1:]
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
            computed.append({"indicator": t["indicator"], "scope": t["scope"], "status": st})
            want = st if WRITE else designed.get((t["indicator"], t["scope"]))
            flag = "" if st == want else "   <-- MISMATCH"
            if st != want:
                errors.append(f"{p['slug']} {g['key']} {t['indicator']}: {st} != designed {want}")
            report.append(f"{p['slug']:18} {g['key']:5} {t['indicator']:22} {t['scope']:18} B={B:<7g} "
                          f"latest={yl:<7g} T={t['targetValue']:<6g} progress={prog:5.2f} "
                          f"expected={exp:4.2f} proj={proj:8.2f}  {st}{flag}")

# The respondent-level safety survey aggregates, with metadata/surveys.json, to exactly the
# aggregated rows of observations/survey-tryghed.csv (the C# test SurveySampleTests checks the same
# through the service's own reader and aggregation).
respondent_path = os.path.join(ROOT, "surveys", "tryghed-respondenter.csv")
if os.path.exists(respondent_path):
    survey = {s["code"]: s for s in load("metadata/surveys.json")["surveys"]}["tryghed"]
    question = survey["questions"][0]
    positive = {a.lower() for a in question["positive"]}
    excluded = {a.lower() for a in question.get("excluded", [])}
    attributes = [(a["column"], a["dimension"]) for a in survey["attributes"]]
    counts = {}
    with open(respondent_path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            answer = r[question["column"]].strip().lower()
            if answer == "" or answer in excluded:
                continue
            for subgroup in [""] + [f"{d}:{r[c]}" for c, d in attributes if r[c]]:
                key = (question["indicator"], r["område"], r["bølge"], subgroup)
                x, n = counts.get(key, (0, 0))
                counts[key] = (x + (answer in positive), n + 1)
    expected = {}
    with open(os.path.join(ROOT, "observations", "survey-tryghed.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            expected[(r["indicator"], r["area"], r["period"], r["subgroup"])] = (int(r["numerator"]), int(r["denominator"]))
    if counts != expected:
        errors.append(f"surveys/tryghed-respondenter.csv: aggregates differ from survey-tryghed.csv at "
                      f"{sorted(set(counts.items()) ^ set(expected.items()))[:5]}")
    report.append(f"respondents: {sum(1 for _ in open(respondent_path, encoding='utf-8')) - 1} aggregate to the {len(expected)} survey rows")

print("\n".join(report))
print()
for k, v in rows_per_file.items():
    print(f"{k}: {v} rows")
print(f"indicators: {len(inds)}, areas/scopes: {len(areas)}, plans: {len(plans)}")
if WRITE and not errors:
    path = os.path.join(ROOT, "tools", "designed-status.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc["targets"] = computed
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    print(f"wrote {path}")
if errors:
    print("\nERRORS:")
    print("\n".join(errors[:50]))
    sys.exit(1)
print("OK")
