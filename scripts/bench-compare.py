#!/usr/bin/env python3
"""Times `readiness compare` against `readiness score` on the same all-Sweden-sized file (issue
15: compare takes no more than 2x score): 290 municipalities x 10 rounds x 3 issues x
6 interviews x 2 scorers x 6 dimensions = 626 400 rows, long layout, invented (fixed seed), a
consensus row never (the scorers' mean is used, with warnings where they are far apart).

Each municipality drifts up a little from round to round, so compare has changes to find.
Both commands write CSV to /dev/null; the runs alternate, best of N (wall time), and the ratio
of the best runs and the median ratio of each compare run over the score runs beside it.

    cargo build --release
    python3 scripts/bench-compare.py            # 7 runs each
    python3 scripts/bench-compare.py --runs 11
"""
import argparse
import os
import random
import statistics
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "readiness")


def generate(path):
    rng = random.Random(15)
    with open(path, "w", encoding="utf-8") as f:
        f.write("municipality,round,issue,interview,scorer,dimension,score\n")
        rows = 0
        for m in range(290):
            base = rng.randint(4, 12)  # half points: 2.0 .. 6.0
            for r in range(10):
                for issue in ("alkohol", "föräldraskap", "fritid"):
                    for i in range(6):
                        level = base + r // 2 + rng.randint(-2, 2)
                        for scorer in ("Anna", "Erik"):
                            for dim in "ABCDEF":
                                halves = max(2, min(18, level + rng.randint(-1, 1)))
                                f.write(f"Kommun {m},{2007 + 2 * r},{issue},I{m}-{r}-{i},"
                                        f"{scorer},{dim},{halves / 2}\n")
                                rows += 1
    return rows


def run(cmd):
    """Wall time and CPU time (user + system, all threads) of one run, in seconds."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--file", default="/tmp/readiness-bench-sweden.csv")
    args = ap.parse_args()
    if not os.path.exists(args.file):
        rows = generate(args.file)
    else:
        rows = sum(1 for _ in open(args.file, encoding="utf-8")) - 1
    score = [BIN, "score", "--format", "csv", args.file]
    compare = [BIN, "compare", "--format", "csv", args.file]
    run(score), run(compare)  # warm the file cache
    s, c = [], []
    for _ in range(args.runs):
        s.append(run(score))
        c.append(run(compare))
    wall = lambda runs: [w for w, _ in runs]
    cpu = lambda runs: [u for _, u in runs]
    ratios = [c[k][0] / ((s[k][0] + s[min(k + 1, len(s) - 1)][0]) / 2) for k in range(len(c))]
    mb = os.path.getsize(args.file) / 1e6
    print(f"{rows} rows, {mb:.1f} MB, {args.runs} runs each")
    print("| command | best wall s | median wall s | best CPU s | median CPU s |")
    print("|---|---:|---:|---:|---:|")
    for name, runs in (("score --format csv", s), ("compare --format csv", c)):
        print(f"| {name} | {min(wall(runs)):.3f} | {statistics.median(wall(runs)):.3f} | "
              f"{min(cpu(runs)):.3f} | {statistics.median(cpu(runs)):.3f} |")
    print(f"compare / score, wall: {min(wall(c)) / min(wall(s)):.2f} (best runs), "
          f"{statistics.median(ratios):.2f} (median, paired); CPU: "
          f"{min(cpu(c)) / min(cpu(s)):.2f} (best runs)")


if __name__ == "__main__":
    main()
