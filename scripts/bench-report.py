#!/usr/bin/env python3
"""Times `readiness report` (release build) at the scale of all Sweden: 290 municipalities over
10 rounds (the county shape of examples/gen_synthetic.rs, invented data, fixed seed), five
interviews per municipality and round, so the report shows the last round's 290 municipalities
against the round before. Prints the best and the median of N runs, the peak memory of one run
under GNU time (/usr/bin/time) where it exists, and the size of the HTML file.

    python3 scripts/bench-report.py              # 5 runs
    python3 scripts/bench-report.py --runs 9 --dir /tmp/readiness-report

Needs only Python 3 and cargo. docs/performance.md records a run; the target is under 2 s.
"""
import argparse
import os
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release")
# 290 municipalities × 10 rounds × 5 interviews × (12 scorer rows + the consensus rows).
ROWS = 200_000


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default="/tmp/readiness-report-bench")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "readiness",
                    "--example", "gen_synthetic"], cwd=ROOT, check=True)
    os.makedirs(args.dir, exist_ok=True)
    data = os.path.join(args.dir, "sweden.csv")
    if not os.path.exists(data):
        with open(data, "wb") as out:
            subprocess.run([os.path.join(BIN, "examples", "gen_synthetic"), "county", str(ROWS)],
                           stdout=out, check=True)
    html = os.path.join(args.dir, "sweden.html")
    cmd = [os.path.join(BIN, "readiness"), "report", "--date", "2026-12-03", data,
           "-o", html, "--force"]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    times.sort()
    peak = "–"
    if os.path.exists("/usr/bin/time"):
        out = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, check=True)
        peak = f"{int(out.stderr.strip().splitlines()[-1]) / 1024:.0f} MiB"
    with open(data, encoding="utf-8") as f:
        rows = sum(1 for _ in f) - 1
    print(f"input: {rows} rows, {os.path.getsize(data) / 1e6:.1f} MB; "
          f"{os.cpu_count()} cores; {args.runs} runs")
    print(f"report: best {times[0]:.2f} s, median {times[len(times) // 2]:.2f} s, "
          f"peak {peak}, HTML {os.path.getsize(html) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
