#!/usr/bin/env python3
"""Prints the scipy reference values that src/stats/welch.rs's tests compare against.

Welch's t-interval of the change between two rounds of interviews (different respondents):
scipy.stats.ttest_ind(later, earlier, equal_var=False) with its confidence_interval(0.95) and
its Welch-Satterthwaite df; the county's paired interval over municipalities in both rounds:
scipy.stats.ttest_rel(later, earlier).confidence_interval(0.95).

Recorded with Python 3.11, scipy 1.17.1, numpy 2.4.6:

    python3 -m venv /tmp/scienv && /tmp/scienv/bin/pip install scipy==1.17.1 numpy==2.4.6
    /tmp/scienv/bin/python scripts/welch-reference.py
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


if __name__ == "__main__":
    main()
