#!/usr/bin/env python3
"""Times the release binary on synthetic inputs of 10^4 to 10^7 rows, next to the floor: a bare
loop that only parses the same file with the csv crate (examples/csv_floor.rs).

Reports wall time (best of N runs), the CPU time of that run (user + system, all threads:
readiness parses on a second thread), rows/s, MB/s and peak memory (max RSS) for each, and the
ratio readiness / floor: of the best runs, and the median of each readiness run over the floor
runs just before and after it (the runs alternate, so a machine whose speed drifts weighs on both
alike). Prints a Markdown table (docs/performance.md records one).

    python3 scripts/bench.py                  # 10^4 .. 10^6 rows, scores and coded
    python3 scripts/bench.py --max-exp 7      # up to 10^7 rows (needs ~1.5 GB in /tmp)
    python3 scripts/bench.py --runs 5 --dir /tmp/readiness-bench
    python3 scripts/bench.py --min-exp 6 --kinds county,shuffled,blocks,before   # other shapes

Kinds: `scores` (the first benchmark file: three rows per item, sorted), `coded` (coded
segments), and a county's shape (290 municipalities × 10 rounds, a consensus row only where the
scorers disagree): `county` sorted, `shuffled`, `blocks` (each scorer's rows together), `before`
(no consensus rows: the round before its meeting, with many "needs consensus" warnings).

Needs only Python 3 and cargo; with GNU time (/usr/bin/time, Debian package `time`) the peak
memory is taken from one more run under it, since a child of Python counts Python's own ~14 MiB. The inputs are made by examples/gen_synthetic.rs (invented data,
fixed seed).
"""
import argparse
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")


def run(cmd):
    """Wall time and CPU time in seconds and peak RSS in MiB of one run; output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def best(results):
    """The fastest run's wall and CPU time, and the highest peak memory of all runs."""
    fastest = min(results)
    return fastest[0], fastest[1], max(r[2] for r in results)


TIME = "/usr/bin/time"


def peak_mib(cmd, fallback):
    """The peak RSS of one more run, taken by GNU time: a child of Python starts with Python's
    memory counted in its peak (about 14 MiB), a child of `time` with `time`'s (about 2 MiB).
    Without GNU time, `fallback` (the Python-measured peak, never below Python's own)."""
    if not os.path.exists(TIME):
        return fallback
    out = subprocess.run([TIME, "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    try:
        return int(out.stderr.strip().splitlines()[-1]) / 1024
    except (ValueError, IndexError):
        return fallback


def interleaved(floor_cmd, cmd, runs):
    """Runs of the floor and of readiness, taken in turn so that both see the same drift in the
    machine's speed; also each readiness run's time over the mean of the floor runs around it."""
    floors, mine = [run(floor_cmd)], []
    ratios = []
    for _ in range(runs):
        mine.append(run(cmd))
        floors.append(run(floor_cmd))
        ratios.append(mine[-1][0] / ((floors[-2][0] + floors[-1][0]) / 2))
    ratios.sort()
    return floors, mine, ratios[len(ratios) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min-exp", type=int, default=4)
    parser.add_argument("--max-exp", type=int, default=6)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default="/tmp/readiness-bench")
    parser.add_argument("--kinds", default="scores,coded")
    args = parser.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "readiness",
                    "--example", "gen_synthetic", "--example", "csv_floor"], cwd=ROOT, check=True)
    os.makedirs(args.dir, exist_ok=True)
    cpu = platform.processor() or platform.machine()
    print(f"machine: {os.cpu_count()} cores, {cpu}; best of {args.runs} runs\n")
    print("| input | rows | MB | floor s | readiness s | × floor | × floor, paired | CPU s | rows/s | MB/s "
          "| floor MiB | peak MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind in args.kinds.split(","):
        for exp in range(args.min_exp, args.max_exp + 1):
            rows = 10 ** exp
            path = os.path.join(args.dir, f"{kind}-1e{exp}.csv")
            if not os.path.exists(path):
                with open(path, "wb") as out:
                    subprocess.run([os.path.join(BIN, "examples", "gen_synthetic"), kind, str(rows)],
                                   stdout=out, check=True)
            size = os.path.getsize(path) / 1e6
            floor_cmd = [os.path.join(BIN, "examples", "csv_floor"), path]
            cmd = [os.path.join(BIN, "readiness"), "score", "--format", "csv", path]
            floors, runs, paired = interleaved(floor_cmd, cmd, args.runs)
            floor_s, _, floor_mib = best(floors)
            secs, cpu, peak = best(runs)
            floor_mib, peak = peak_mib(floor_cmd, floor_mib), peak_mib(cmd, peak)
            print(f"| {kind} | 10^{exp} | {size:.1f} | {floor_s:.3f} | {secs:.3f} | {secs / floor_s:.1f} "
                  f"| {paired:.1f} | {cpu:.3f} | {rows / secs:,.0f} | {size / secs:.0f} | {floor_mib:.1f} "
                  f"| {peak:.1f} |", flush=True)


if __name__ == "__main__":
    main()
