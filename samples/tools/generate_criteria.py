#!/usr/bin/env python3
"""Generate the SYNTHETIC criterion data for the statutory-list classification (almenboligloven §§ 61 a-b).

All figures are fictional. Deterministic, pure standard library. Run from anywhere (generate_samples.py
runs it last, since it rewrites the metadata this script adds to):

    python3 samples/tools/generate_criteria.py

Adds the criterion indicators (KRIT_*) to metadata/indicators.json and the region reference scope
REGION-SYD to metadata/areas.json (replacing earlier copies, so it can run again), and writes
observations/criteria.csv: 2006-2025 for the five sample areas, the country (DK) and the region.

The areas are designed against the thresholds of Monitoring.Core/Classification/regimes.json:
- 0901-SOLHAVEN: a ghettoområde from 2010, hårdt ghettoområde from 2018, parallelsamfund and
  omdannelsesområde from 2021; its share outside the labour market falls towards the 40 % line.
- 0902-AAPARKEN: on the lists until 2022 (parallelsamfund, omdannelsesområde 2021-2022), leaves them
  in 2023 when employment, education and income improve, and becomes a forebyggelsesområde.
- 0901-NORDPARKEN: a forebyggelsesområde from 2021 (over 30 % non-Western, two of the lower thresholds).
- 0901-KILDEGAARDEN: figures like a list area, but under 1,000 residents: on no list.
- 0902-ENGHAVEN: over 5,000 residents with a little over 30 % outside the labour market:
  kombineret udlejning by the 30 % rule, nothing else.
"""
import csv
import io
import json
import os
import random

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
YEARS = list(range(2006, 2026))
rng = random.Random(20261125)

NOTE_DEF = " Syntetiske data i samples/."
INDICATORS = [
    ("KRIT_BEBOERE", "Antal beboere (listekriterier)", "Residents (list criteria)", "count", "targetBand", 0,
     "Antal beboere i boligområdet pr. 1. januar; grundlag for kravet om mindst 1.000 beboere (5.000 for kombineret udlejning med 30 %)."),
    ("KRIT_IKKE_VESTLIGE", "Andel indvandrere og efterkommere fra ikke-vestlige lande", "Share of non-Western immigrants and descendants", "percent", "lowerBetter", 1,
     "Andel af beboerne, der er indvandrere eller efterkommere fra ikke-vestlige lande (almenboligloven § 61 a, stk. 3)."),
    ("KRIT_UDENFOR_18_64", "Andel 18-64-årige uden for arbejdsmarked og uddannelse (listekriterium)", "Share of 18-64 outside labour market and education (list criterion)", "percent", "lowerBetter", 1,
     "Andel af beboerne 18-64 år uden tilknytning til arbejdsmarkedet eller uddannelse, opgjort som i almenboligloven § 61 a (gennemsnit over vinduet beregnes af klassifikationen)."),
    ("KRIT_DOMFAELDTE_18", "Andel dømte for overtrædelse af straffelov, våbenlov eller lov om euforiserende stoffer", "Share convicted (criminal code, weapons, drugs)", "percent", "lowerBetter", 2,
     "Andel af beboerne 18 år og derover, der er dømt for overtrædelse af straffeloven, våbenloven eller lov om euforiserende stoffer (270 pr. 10.000 = 2,70 %)."),
    ("KRIT_GRUNDSKOLE_30_59_2013", "Andel 30-59-årige med kun grundskole (2013-reglerne, uoplyst tælles med)", "Share of 30-59 with only basic schooling (2013 rules)", "percent", "lowerBetter", 1,
     "Andel af beboerne 30-59 år med grundskole som højeste uddannelse; uoplyst uddannelse tælles som grundskole (reglerne for listerne 2014-2017)."),
    ("KRIT_GRUNDSKOLE_30_59", "Andel 30-59-årige med kun grundskole (kun dansk eller godkendt uddannelse)", "Share of 30-59 with only basic schooling (Danish or approved education)", "percent", "lowerBetter", 1,
     "Andel af beboerne 30-59 år, der kun har en grundskoleuddannelse; kun dansk eller godkendt udenlandsk uddannelse tæller (reglerne fra 2018)."),
    ("KRIT_INDKOMST_15_64", "Gennemsnitlig bruttoindkomst for skattepligtige 15-64 år ekskl. uddannelsessøgende", "Average gross income of taxpayers 15-64 excl. students", "dkk", "higherBetter", 0,
     "Gennemsnitlig bruttoindkomst for skattepligtige beboere 15-64 år, uddannelsessøgende fraregnet; sammenlignes med samme gruppe i regionen."),
]
REGION = {"code": "REGION-SYD", "name": "Region Syd (fiktiv)", "kind": "region", "municipalityCode": None}

HEADER = ["indicator", "area", "period", "value", "numerator", "denominator", "subgroup"]


def lerp(anchors, year):
    """Straight lines between (year, value) anchors; flat outside them."""
    anchors = sorted(anchors)
    if year <= anchors[0][0]:
        return anchors[0][1]
    for (y0, v0), (y1, v1) in zip(anchors, anchors[1:]):
        if y0 <= year <= y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return anchors[-1][1]


def noise(scale):
    return rng.uniform(-scale, scale)


# Region income rises 2 % a year from 260,000 kr. in 2006; the national conviction share falls slowly.
def region_income(year):
    return 260_000 * 1.02 ** (year - 2006)


def national_convicted(year):
    return lerp([(2006, 1.00), (2025, 0.78)], year)


def region_convicted(year):
    return lerp([(2006, 0.95), (2025, 0.74)], year)


# Per area: residents, then per indicator a function of the year (share in percent; income as a share of the region).
AREAS = {
    "0901-SOLHAVEN": {
        "residents": lambda y: lerp([(2006, 2550), (2025, 2700)], y),
        "KRIT_IKKE_VESTLIGE": lambda y: lerp([(2006, 63), (2025, 57)], y),
        "KRIT_UDENFOR_18_64": lambda y: lerp([(2006, 49), (2025, 42)], y),
        "KRIT_DOMFAELDTE_18": lambda y: 3.25 * national_convicted(y) + 0.2,
        "KRIT_GRUNDSKOLE_30_59_2013": lambda y: lerp([(2006, 60), (2025, 55)], y),
        "KRIT_GRUNDSKOLE_30_59": lambda y: lerp([(2006, 67), (2025, 62)], y),
        "income_share": lambda y: lerp([(2006, 0.49), (2025, 0.53)], y),
    },
    "0902-AAPARKEN": {
        "residents": lambda y: lerp([(2006, 1450), (2025, 1380)], y),
        "KRIT_IKKE_VESTLIGE": lambda y: lerp([(2006, 58), (2025, 53)], y),
        "KRIT_UDENFOR_18_64": lambda y: lerp([(2006, 47), (2018, 42), (2019, 41.2), (2020, 40.6), (2021, 38.4), (2022, 37.0), (2025, 35)], y),
        "KRIT_DOMFAELDTE_18": lambda y: 2.2 * national_convicted(y),
        "KRIT_GRUNDSKOLE_30_59_2013": lambda y: lerp([(2006, 58), (2020, 54)], y),
        "KRIT_GRUNDSKOLE_30_59": lambda y: lerp([(2006, 66), (2020, 61.6), (2021, 60.8), (2022, 57.5), (2025, 55)], y),
        "income_share": lambda y: lerp([(2006, 0.50), (2021, 0.53), (2022, 0.575), (2025, 0.60)], y),
    },
    "0901-NORDPARKEN": {
        "residents": lambda y: lerp([(2006, 1850), (2025, 1950)], y),
        "KRIT_IKKE_VESTLIGE": lambda y: lerp([(2006, 24), (2018, 33), (2025, 37)], y),
        "KRIT_UDENFOR_18_64": lambda y: lerp([(2006, 30), (2018, 34), (2025, 33)], y),
        "KRIT_DOMFAELDTE_18": lambda y: 1.3 * national_convicted(y),
        "KRIT_GRUNDSKOLE_30_59_2013": lambda y: 40,
        "KRIT_GRUNDSKOLE_30_59": lambda y: 44,
        "income_share": lambda y: lerp([(2006, 0.70), (2018, 0.62), (2025, 0.61)], y),
    },
    "0901-KILDEGAARDEN": {
        "residents": lambda y: lerp([(2006, 870), (2025, 920)], y),
        "KRIT_IKKE_VESTLIGE": lambda y: 54,
        "KRIT_UDENFOR_18_64": lambda y: 45,
        "KRIT_DOMFAELDTE_18": lambda y: 1.6,
        "KRIT_GRUNDSKOLE_30_59_2013": lambda y: 56,
        "KRIT_GRUNDSKOLE_30_59": lambda y: 63,
        "income_share": lambda y: 0.51,
    },
    "0902-ENGHAVEN": {
        "residents": lambda y: lerp([(2006, 5150), (2025, 5450)], y),
        "KRIT_IKKE_VESTLIGE": lambda y: lerp([(2006, 18), (2025, 24)], y),
        "KRIT_UDENFOR_18_64": lambda y: lerp([(2006, 29), (2014, 31.5), (2025, 33.5)], y),
        "KRIT_DOMFAELDTE_18": lambda y: 1.1 * national_convicted(y),
        "KRIT_GRUNDSKOLE_30_59_2013": lambda y: 30,
        "KRIT_GRUNDSKOLE_30_59": lambda y: 33,
        "income_share": lambda y: 0.78,
    },
}

# Denominators as shares of the residents: 18-64, 18+, 30-59.
SHARE_18_64, SHARE_18, SHARE_30_59 = 0.66, 0.76, 0.42


def percent_row(code, scope, year, share, denominator):
    numerator = round(share / 100 * denominator)
    return [code, scope, str(year), f"{100 * numerator / denominator:.{DECIMALS[code]}f}", numerator, denominator, ""]


DECIMALS = {c[0]: c[5] for c in INDICATORS}


def area_rows(scope, spec):
    rows = []
    for year in YEARS:
        residents = round(spec["residents"](year) * (1 + noise(0.01)))
        rows.append(["KRIT_BEBOERE", scope, str(year), str(residents), "", "", ""])
        rows.append(percent_row("KRIT_IKKE_VESTLIGE", scope, year, spec["KRIT_IKKE_VESTLIGE"](year) + noise(0.3), residents))
        rows.append(percent_row("KRIT_UDENFOR_18_64", scope, year, spec["KRIT_UDENFOR_18_64"](year) + noise(0.15), round(residents * SHARE_18_64)))
        rows.append(percent_row("KRIT_DOMFAELDTE_18", scope, year, spec["KRIT_DOMFAELDTE_18"](year) + noise(0.03), round(residents * SHARE_18)))
        for code in ("KRIT_GRUNDSKOLE_30_59_2013", "KRIT_GRUNDSKOLE_30_59"):
            rows.append(percent_row(code, scope, year, spec[code](year) + noise(0.2), round(residents * SHARE_30_59)))
        income = spec["income_share"](year) * region_income(year) * (1 + noise(0.003))
        rows.append(["KRIT_INDKOMST_15_64", scope, str(year), str(round(income)), "", "", ""])
    return rows


def reference_rows():
    rows = []
    for year in YEARS:
        rows.append(percent_row("KRIT_DOMFAELDTE_18", "DK", year, national_convicted(year), 4_600_000 + 20_000 * (year - 2006)))
        rows.append(["KRIT_INDKOMST_15_64", "DK", str(year), str(round(region_income(year) * 1.06)), "", "", ""])
        rows.append(percent_row("KRIT_DOMFAELDTE_18", REGION["code"], year, region_convicted(year), 950_000 + 3_000 * (year - 2006)))
        rows.append(["KRIT_INDKOMST_15_64", REGION["code"], str(year), str(round(region_income(year))), "", "", ""])
    return rows


def patch_metadata():
    path = os.path.join(ROOT, "metadata", "indicators.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    codes = {c[0] for c in INDICATORS}
    doc["indicators"] = [i for i in doc["indicators"] if i["code"] not in codes] + [
        {"code": c, "name": n, "nameEn": ne, "unit": u, "direction": d, "source": "register", "periodicity": "yearly",
         "decimals": dec, "definition": df + NOTE_DEF, "influenceable": True}
        for c, n, ne, u, d, dec, df in INDICATORS]
    write(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")

    path = os.path.join(ROOT, "metadata", "areas.json")
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    doc["areas"] = [a for a in doc["areas"] if a["code"] != REGION["code"]] + [REGION]
    write(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    patch_metadata()
    rows = []
    for scope, spec in AREAS.items():
        rows += area_rows(scope, spec)
    rows += reference_rows()
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(HEADER)
    for r in rows:
        w.writerow(["" if x is None else x for x in r])
    write(os.path.join(ROOT, "observations", "criteria.csv"), buf.getvalue())
    print(f"criteria.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
