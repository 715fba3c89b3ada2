#!/usr/bin/env python3
"""Prints the scipy reference values that src/stats/welch.rs's tests compare against.

Welch's t-interval of the change between two rounds of interviews (different respondents):
scipy.stats.ttest_ind(later, earlier, equal_var=False) with its confidence_interval(0.95) and
its Welch-Satterthwaite df; the county's paired interval over municipalities in both rounds:
scipy.stats.ttest_rel(later, earlier).confidence_interval(0.95).

Recorded with Python 3.11, scipy 1.17.1, numpy 2.4.6:

    python3 -m venv /tmp/scienv && /tmp/scienv/bin/pip install scipy==1.17.1 numpy==2.4.6
    /tmp/scienv/bin/python scripts/welch-reference.py

Run from the repository root (the last part reads the example rounds in data/).
"""
import warnings

import numpy as np
import scipy
import scipy.stats

warnings.simplefilter("ignore")  # scipy warns of "catastrophic cancellation" on constant data

WELCH = [
    ("a clear rise", [4, 4.5, 5, 4, 3.5], [5.5, 6, 5, 6.5, 5.5]),
    ("unequal sizes and spreads", [3, 3.5, 6, 2.5], [4, 4.5, 4, 5, 4.5, 4]),
    ("later round without spread", [4, 5, 6], [5, 5, 5]),
    ("two interviews each, a fall", [6, 5], [4, 3.5]),
    ("thirds", [13 / 3, 4.5, 31 / 6], [5, 35 / 6, 5.5, 37 / 6]),
    ("degenerate: no spread in either (readiness: no interval)", [4, 4, 4], [5, 5]),
]

PAIRED = [
    ("Heath-like county, 4 municipalities", [4.52, 4.8, 5.05, 4.6], [6.01, 6.5, 6.97, 6.3]),
    ("mixed changes", [3, 4.5, 5, 4, 6], [3.5, 4, 5.5, 4.5, 5.5]),
    ("degenerate: every change equal", [3, 4, 5], [4, 5, 6]),
]


def consensus_rows(path):
    """Each municipality's consensus rows (A-F) of a wide example file."""
    import csv
    rows = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["scorer"] == "consensus":
                rows.setdefault(r["municipality"], []).append([float(r[k]) for k in "ABCDEF"])
    return rows


def example_rounds():
    """The example rounds 2023 -> 2025 as `readiness compare` computes them (tests/cli/compare.rs)."""
    a = consensus_rows("data/ostergotland-scores.csv")
    b = consensus_rows("data/ostergotland-2025.csv")
    print("example rounds 2023 -> 2025 (data/): change, df, ci95")
    for m, dim in [("Boxholm", 0), ("Kinda", None), ("Vadstena", None)]:
        pick = (lambda r: r[dim]) if dim is not None else np.mean
        x, y = [pick(r) for r in a[m]], [pick(r) for r in b[m]]
        r = scipy.stats.ttest_ind(y, x, equal_var=False)
        ci = r.confidence_interval(0.95)
        what = "ABCDEF"[dim] if dim is not None else "overall"
        print(f"  {m} {what}: {np.mean(y) - np.mean(x)!r}, df {float(r.df)!r}, "
              f"ci95 ({float(ci.low)!r}, {float(ci.high)!r})")
    both = [m for m in a if m in b]
    ea = [np.mean(a[m]) for m in both]
    eb = [np.mean(b[m]) for m in both]
    ci = scipy.stats.ttest_rel(eb, ea).confidence_interval(0.95)
    print(f"  county, {len(both)} municipalities: mean {np.mean(np.subtract(eb, ea))!r}, "
          f"paired ci95 ({float(ci.low)!r}, {float(ci.high)!r})")


def main():
    print(f"scipy {scipy.__version__}, numpy {np.__version__}")
    print("Welch: earlier, later -> change, df, ci95")
    for name, a, b in WELCH:
        r = scipy.stats.ttest_ind(b, a, equal_var=False)
        ci = r.confidence_interval(0.95)
        change = np.mean(b) - np.mean(a)
        print(f"  {name}: {a} -> {b}: change {change!r}, df {float(r.df)!r}, "
              f"ci95 ({float(ci.low)!r}, {float(ci.high)!r})")
    print("paired: earlier, later -> mean change, ci95")
    for name, a, b in PAIRED:
        r = scipy.stats.ttest_rel(b, a)
        ci = r.confidence_interval(0.95)
        change = np.mean(np.array(b) - np.array(a))
        print(f"  {name}: {a} -> {b}: mean {change!r}, "
              f"ci95 ({float(ci.low)!r}, {float(ci.high)!r})")
    example_rounds()


if __name__ == "__main__":
    main()
