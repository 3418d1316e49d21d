#!/usr/bin/env python3
"""Writes samples/surveys/tryghed-respondenter.csv: a SYNTHETIC respondent-level file for the safety
survey whose aggregates (metadata/surveys.json) are exactly the rows of observations/survey-tryghed.csv.

For every area and wave the aggregated rows give the total, each age band and each gender as
positive/valid. Respondents are laid out in an age x gender table whose margins are those counts
(positive and negative answers each filled by a small augmenting-path search, so every cell
is a count of persons); some extra respondents answer "ved ikke" or nothing, which the definition leaves out.
Deterministic (fixed seed); pure stdlib.
"""
import csv
import os
import random
from collections import defaultdict

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
AGES = ["15-29", "30-64", "65+"]
GENDERS = ["kvinde", "mand"]


def transport(row_sums, col_sums, caps):
    """A table with the given margins and cell[i][j] <= caps[i][j], by augmenting paths (tiny sizes)."""
    rows, cols = len(row_sums), len(col_sums)
    cell = [[0] * cols for _ in range(rows)]
    need_r, need_c = list(row_sums), list(col_sums)
    while True:
        # Breadth-first search over rows and columns in the residual graph.
        start = [i for i in range(rows) if need_r[i] > 0]
        if not start:
            break
        prev = {("r", i): None for i in start}
        queue = [("r", i) for i in start]
        found = None
        while queue and found is None:
            node = queue.pop(0)
            kind, k = node
            if kind == "r":
                for j in range(cols):
                    if cell[k][j] < caps[k][j] and ("c", j) not in prev:
                        prev[("c", j)] = node
                        if need_c[j] > 0:
                            found = ("c", j)
                            break
                        queue.append(("c", j))
            else:
                for i in range(rows):
                    if cell[i][k] > 0 and ("r", i) not in prev:
                        prev[("r", i)] = node
                        queue.append(("r", i))
        if found is None:
            raise SystemExit(f"no table with margins {row_sums} / {col_sums}")
        node = found
        need_c[node[1]] -= 1
        while prev[node] is not None:
            p = prev[node]
            if p[0] == "r":
                cell[p[1]][node[1]] += 1
            else:
                cell[node[1]][p[1]] -= 1
            node = p
        need_r[node[1]] -= 1
    return cell


def main():
    rng = random.Random(13)
    rows = defaultdict(dict)
    with open(os.path.join(ROOT, "observations", "survey-tryghed.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            rows[(r["area"], r["period"])][r["subgroup"]] = (int(r["numerator"]), int(r["denominator"]))
    out = []
    for (area, wave), groups in rows.items():
        # Positive and negative answers each get a table with their own margins; their sum has the valid margins.
        free = [[10 ** 6] * len(GENDERS) for _ in AGES]
        positive = transport([groups[f"alder:{a}"][0] for a in AGES], [groups[f"koen:{g}"][0] for g in GENDERS], free)
        negative = transport([groups[f"alder:{a}"][1] - groups[f"alder:{a}"][0] for a in AGES],
                             [groups[f"koen:{g}"][1] - groups[f"koen:{g}"][0] for g in GENDERS], free)
        valid = [[positive[i][j] + negative[i][j] for j in range(len(GENDERS))] for i in range(len(AGES))]
        people = []
        for i, age in enumerate(AGES):
            for j, gender in enumerate(GENDERS):
                for k in range(valid[i][j]):
                    if k < positive[i][j]:
                        answer = rng.choice(["meget tryg", "tryg", "tryg"])
                    else:
                        answer = rng.choice(["lidt utryg", "lidt utryg", "meget utryg"])
                    people.append((age, gender, answer))
                # A few who answer "ved ikke" or leave the question blank: in no share.
                for _ in range(rng.randint(0, 2)):
                    people.append((age, gender, rng.choice(["ved ikke", ""])))
        rng.shuffle(people)
        for n, (age, gender, answer) in enumerate(people, start=1):
            out.append([f"{wave}-{area[5:8]}-{n:04d}", area, wave, age, gender, answer])
    os.makedirs(os.path.join(ROOT, "surveys"), exist_ok=True)
    path = os.path.join(ROOT, "surveys", "tryghed-respondenter.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["respondent", "område", "bølge", "alder", "køn", "tryg"])
        w.writerows(out)
    print(f"wrote {len(out)} respondents to {os.path.relpath(path, ROOT)}")


if __name__ == "__main__":
    main()
