#!/usr/bin/env python3
"""Checks with pandas that `--csv excel-sv` output reads back as the same numbers as plain CSV.

For each command below, readiness writes the plain CSV and the excel-sv CSV of the same
result; pandas reads the plain one with its defaults and the excel-sv one as a Swedish analyst's
script would, `pd.read_csv(f, sep=";", decimal=",")` (no encoding given: the BOM must not end
up in the first column's name). The excel-sv headers are in the output language (`kommun`,
`totalt` under a Swedish rubric or `--lang sv`; plain CSV keeps its English keys), so the
columns are matched by position; then the two frames must be equal exactly: the same number of
columns, the same text, the same float64 numbers, bit for bit.

Recorded with Python 3.11.7, pandas 3.1.1. From the repository root:

    pip install pandas
    cargo build && python3 scripts/check-excel-sv.py

It prints one line per command and exits 1 if any differs. The cargo tests check the bytes
(tests/cli/excel.rs); this is the independent reader's view, and needs no Python in CI.
"""
import io
import subprocess
import sys

import pandas as pd

READINESS = "target/debug/readiness"
COMMANDS = [
    ["score", "data/ostergotland-scores.csv"],
    ["score", "--detail", "data/ostergotland-scores.csv"],
    ["score", "--rubric", "crm6-sv", "tests/fixtures/swedish-long.csv"],
    ["score", "--lang", "sv", "--detail", "data/ostergotland-scores.csv"],
    ["agreement", "data/ostergotland-scores.csv"],
    ["agreement", "--by", "municipality", "data/ostergotland-scores.csv"],
    ["consensus", "tests/fixtures/two-scorers.csv"],
    ["consensus", "data/ostergotland-scores.csv"],
]


def run(args):
    return subprocess.run(
        [READINESS, *args], check=True, capture_output=True
    ).stdout


def main():
    failed = 0
    for args in COMMANDS:
        plain = run([*args, "--format", "csv"])
        sv = run([*args, "--format", "csv", "--csv", "excel-sv"])
        a = pd.read_csv(io.BytesIO(plain))
        b = pd.read_csv(io.BytesIO(sv), sep=";", decimal=",")
        numbers = a.select_dtypes("number").size
        try:
            assert a.shape == b.shape, f"shapes {a.shape} and {b.shape}"
            headers = list(b.columns)
            b.columns = a.columns
            pd.testing.assert_frame_equal(a, b, check_exact=True)
            if headers != list(a.columns):
                print(f"  excel-sv headers: {', '.join(headers[:6])}, …")
            print(f"same: {' '.join(args)}: {a.shape[0]} rows × {a.shape[1]} columns, "
                  f"{numbers} cells in numeric columns")
        except AssertionError as e:
            failed += 1
            print(f"DIFFERENT: {' '.join(args)}: {e}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
