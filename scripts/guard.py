#!/usr/bin/env python3
"""Checks issue 13's speed guard at 10^6 rows, over a window of time rather than one moment.

    python3 scripts/bench.py --min-exp 6 --max-exp 6 --kinds scores,county,shuffled,blocks,before
    cargo build --release --bin readiness --example csv_floor
    python3 scripts/guard.py --minutes 10

The guard: `readiness score` on the sorted shapes (`scores`, `county`) at most 3.5× the floor
(examples/csv_floor.rs, a bare csv parse on one thread), on any order (`shuffled`, `blocks`) and
on the round before its consensus meeting (`before`) at most 5×, peak memory at most 64 MiB.

The machine this runs on is a virtual one whose speed comes and goes (the floor itself from
0.05 s to 0.10 s within a minute; `readiness`, on two cores, doubling for seconds at a time while
the floor, on one, does not). One best run says little about such a machine, so the shapes are
run round after round for the whole window, each `readiness` run right after a floor run on
the same file, and the ratio of each such pair is kept. The verdict is on the median pair; the
table also gives the best of each (as scripts/bench-ab.py does), the upper quartile, and how
many pairs were over the line. Peak memory is one more run per shape under GNU time.

Exit status: 0 when every shape meets the guard, 1 when one does not, 2 when an input or a
binary is missing.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIMITS = {"scores": 3.5, "county": 3.5, "shuffled": 5.0, "blocks": 5.0, "before": 5.0}
PEAK_MIB = 64


def run(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def peak_mib(cmd):
    try:
        r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True, check=True)
    except FileNotFoundError:
        return None
    return int(r.stderr.strip().splitlines()[-1]) / 1024


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--minutes", type=float, default=5)
    p.add_argument("--dir", default="/tmp/readiness-bench")
    p.add_argument("--kinds", default=",".join(LIMITS))
    p.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "readiness"))
    args = p.parse_args()
    floor = os.path.join(ROOT, "target", "release", "examples", "csv_floor")
    kinds = args.kinds.split(",")
    unknown = [k for k in kinds if k not in LIMITS]
    if unknown:
        print(f"guard: unknown kind {', '.join(unknown)} (kinds: {', '.join(LIMITS)})",
              file=sys.stderr)
        return 2
    files = [args.bin, floor] + [f"{args.dir}/{k}-1e6.csv" for k in kinds]
    missing = [f for f in files if not os.path.exists(f)]
    if missing:
        print("guard: missing " + ", ".join(missing) + " (see the commands at the top of "
              "scripts/guard.py)", file=sys.stderr)
        return 2
    pairs = {k: [] for k in kinds}
    best = {k: [9.0, 9.0] for k in kinds}
    end = time.time() + 60 * args.minutes
    while time.time() < end or not pairs[kinds[-1]]:
        for k in kinds:
            f = f"{args.dir}/{k}-1e6.csv"
            fl = run([floor, f])
            mine = run([args.bin, "score", "--format", "csv", f])
            pairs[k].append(mine / fl)
            best[k] = [min(best[k][0], fl), min(best[k][1], mine)]
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {args.minutes:g} minutes, "
          f"{len(pairs[kinds[0]])} rounds\n")
    print("| input | limit | floor s, best | readiness s, best | × floor, best | × floor, median pair "
          "| upper quartile | pairs over | peak MiB | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    all_met = True
    for k in kinds:
        r = sorted(pairs[k])
        median, upper = statistics.median(r), r[(3 * len(r)) // 4]
        over = sum(1 for x in r if x > LIMITS[k])
        mib = peak_mib([args.bin, "score", "--format", "csv", f"{args.dir}/{k}-1e6.csv"])
        met = median <= LIMITS[k] and (mib is None or mib <= PEAK_MIB)
        all_met &= met
        shown = "?" if mib is None else f"{mib:.1f}"
        print(f"| {k} | {LIMITS[k]}× | {best[k][0]:.3f} | {best[k][1]:.3f} | "
              f"{best[k][1] / best[k][0]:.1f} | {median:.2f} | {upper:.2f} | {over} of {len(r)} | "
              f"{shown} | {'yes' if met else '**no**'} |")
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main())
