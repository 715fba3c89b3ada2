#!/usr/bin/env python3
"""Prints the independent reference values that the statistics tests compare against.

The values come from other people's implementations, not from readiness:
  - Cohen's quadratic-weighted kappa: scikit-learn `cohen_kappa_score(weights="quadratic")`
  - Krippendorff's interval alpha: the `krippendorff` package
  - ICC(2,1) = ICC(A,1) and its 95% interval: pingouin `intraclass_corr`, rounding off
  - t-intervals: scipy `stats.t.interval`

Recorded with Python 3.11.7, scikit-learn 1.9.1, krippendorff 0.9.0, pingouin 0.7.0,
scipy 1.17.1, numpy 2.4.6, pandas 3.1.1:

    python3 -m venv /tmp/refenv
    /tmp/refenv/bin/pip install scikit-learn==1.9.1 krippendorff==0.9.0 pingouin==0.7.0 \
        scipy==1.17.1 numpy==2.4.6 pandas==3.1.1
    /tmp/refenv/bin/python scripts/reference-values.py

Run from the repository root (it reads data/ostergotland-scores.csv).
"""
import csv
from collections import defaultdict

import krippendorff
import numpy as np
import pandas as pd
import pingouin as pg
import scipy.stats
from sklearn.metrics import cohen_kappa_score

pg.options["round"] = None
pg.options["round.column.CI95"] = None
nan = np.nan


def kappa(a, b):
    """Quadratic kappa on half points: doubled to whole labels 2..18, the full 1-9 scale, so
    scikit-learn's rank weights are the value weights up to a constant factor."""
    return cohen_kappa_score([int(2 * x) for x in a], [int(2 * x) for x in b],
                             weights="quadratic", labels=list(range(2, 19)))


def icc(matrix):
    rows = [(i, j, v) for i, r in enumerate(matrix) for j, v in enumerate(r)]
    df = pd.DataFrame(rows, columns=["t", "r", "s"])
    r = pg.intraclass_corr(df, targets="t", raters="r", ratings="s").set_index("Type")
    r = r.loc["ICC(A,1)"]
    return float(r["ICC"]), [float(x) for x in r["CI95"]]


def t95(x):
    lo, hi = scipy.stats.t.interval(0.95, len(x) - 1, loc=np.mean(x), scale=scipy.stats.sem(x))
    return float(lo), float(hi)


print("== src/stats/kappa.rs")
print("whole scores", repr(cohen_kappa_score([1, 2, 3, 4, 5, 3, 2, 4, 5, 1],
                                             [1, 3, 3, 5, 4, 2, 2, 4, 5, 2],
                                             weights="quadratic", labels=[1, 2, 3, 4, 5])))
S1 = [3, 3.5, 4, 5, 2.5, 6, 4.5, 3]
S2 = [3.5, 3.5, 5, 4.5, 2, 6, 4, 4]
print("half points", repr(kappa(S1, S2)))

print("== src/stats/alpha.rs")
K2011 = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
print("Krippendorff 2011", repr(float(krippendorff.alpha(reliability_data=K2011,
                                                          level_of_measurement="interval"))))
print("half points, one missing", repr(float(krippendorff.alpha(
    reliability_data=[S1[:-1] + [nan], S2], level_of_measurement="interval"))))

print("== src/stats/icc.rs")
SF1979 = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
print("Shrout & Fleiss table 2", icc(SF1979))
print("half points", icc([[a, b] for a, b in zip(S1, S2)]))

print("== src/stats/interval.rs")
print("t interval", t95([4.5, 5, 5.5, 4, 5.5]))
print("t(0.975; 1)", repr(float(scipy.stats.t.ppf(0.975, 1))))

print("== tests/cli/agreement.rs: data/ostergotland-scores.csv, scorers Maria and Johan")
by_interview = defaultdict(dict)
with open("data/ostergotland-scores.csv", encoding="utf-8") as f:
    for row in csv.DictReader(f):
        by_interview[(row["municipality"], row["interview"])][row["scorer"]] = row
pooled_m, pooled_j = [], []
for d in "ABCDEF":
    m = [float(v["Maria"][d]) for v in by_interview.values()]
    j = [float(v["Johan"][d]) for v in by_interview.values()]
    pooled_m += m
    pooled_j += j
    value, ci = icc([[a, b] for a, b in zip(m, j)])
    print(d, "kappa", repr(kappa(m, j)),
          "alpha", repr(float(krippendorff.alpha(reliability_data=[m, j],
                                                 level_of_measurement="interval"))),
          "icc", repr(value), ci)
value, ci = icc([[a, b] for a, b in zip(pooled_m, pooled_j)])
print("pooled kappa", repr(kappa(pooled_m, pooled_j)),
      "alpha", repr(float(krippendorff.alpha(reliability_data=[pooled_m, pooled_j],
                                             level_of_measurement="interval"))),
      "icc", repr(value), ci)

print("== tests/cli/score.rs: Kinda's overall interval, over its interview-level means")
kinda = [v["consensus"] for (mun, _), v in sorted(by_interview.items()) if mun == "Kinda"]
means = [np.mean([float(r[d]) for d in "ABCDEF"]) for r in kinda]
print("Kinda", t95(means))
a = [float(r["A"]) for r in kinda]
print("Kinda A", t95(a))
