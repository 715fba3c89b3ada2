"""Two builds of readiness against the floor, run for run, on the 10^6-row inputs of scripts/bench.py.

    python3 scripts/bench.py --min-exp 6 --max-exp 6 --kinds scores,county   # makes the inputs
    git worktree add --detach /tmp/start <commit>
    (cd /tmp/start && CARGO_TARGET_DIR=/tmp/old-target cargo build --release --bin readiness)
    python3 scripts/bench-ab.py scores,county,shuffled,blocks,before,coded 7

START and NOW (environment) name the two binaries; the floor is examples/csv_floor. Prints a
Markdown table: best wall time of each over the runs (alternating), and one peak by GNU time.
"""
import os, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
bins = {
    "start": os.environ.get("START", "/tmp/old-target/release/readiness"),
    "now": os.environ.get("NOW", os.path.join(ROOT, "target/release/readiness")),
}
floor = os.path.join(ROOT, "target/release/examples/csv_floor")
d = "/tmp/readiness-bench"
def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t
def peak(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024
print("| input | floor s | start s | now s | start × floor | now × floor | start MiB | now MiB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for k in sys.argv[1].split(","):
    f = f"{d}/{k}-1e6.csv"
    best = {"floor": 9, "start": 9, "now": 9}
    for i in range(int(sys.argv[2])):
        best["floor"] = min(best["floor"], run([floor, f]))
        for name, b in bins.items():
            best[name] = min(best[name], run([b, "score", "--format", "csv", f]))
    mem = {n: peak([b, "score", "--format", "csv", f]) for n, b in bins.items()}
    print(f"| {k} | {best['floor']:.3f} | {best['start']:.3f} | {best['now']:.3f} | {best['start']/best['floor']:.1f} | {best['now']/best['floor']:.1f} | {mem['start']:.1f} | {mem['now']:.1f} |")
