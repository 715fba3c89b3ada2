#!/usr/bin/env python3
"""Writes data/ostergotland-scores.csv: INVENTED example scores for the 13 municipalities of
Östergötland. No real interview, person or municipality result is behind these numbers.

It also writes two invented follow-up rounds for `readiness compare` (files without a round
column; name each file's round with `--round FILE=ROUND`):
  data/ostergotland-2025.csv  12 municipalities (Ydre not re-interviewed): most a little or
                              clearly higher, Kinda about the same, Vadstena lower;
  data/ostergotland-2027.csv  4 municipalities, Ydre among them (back after a round away).

Each municipality gets a made-up "true" level per dimension; each interview's consensus score is
that level plus noise, on the 0.5 step; the two scorers each deviate from the consensus by 0-1.5.
Deterministic (fixed seed): re-running gives the same file.

    python3 scripts/make-example-data.py
"""
import csv
import random

MUNICIPALITIES = {
    # name: (interview prefix, interviews, base level per dimension A-F)
    "Boxholm": ("BOX", 4, [3.0, 2.5, 3.0, 3.5, 3.0, 2.5]),
    "Finspång": ("FIN", 5, [4.5, 4.0, 4.0, 4.5, 4.0, 3.5]),
    "Kinda": ("KIN", 6, [4.5, 4.0, 5.0, 4.5, 4.5, 4.0]),
    "Linköping": ("LIN", 6, [6.0, 5.0, 5.5, 5.0, 5.5, 5.5]),
    "Mjölby": ("MJÖ", 5, [5.0, 4.5, 4.5, 5.0, 4.5, 4.0]),
    "Motala": ("MOT", 6, [5.5, 4.5, 5.0, 4.5, 5.0, 4.5]),
    "Norrköping": ("NOR", 6, [6.0, 5.5, 6.0, 5.0, 6.0, 5.5]),
    "Söderköping": ("SÖD", 5, [4.0, 3.5, 4.0, 4.0, 3.5, 3.5]),
    "Vadstena": ("VAD", 4, [3.5, 3.0, 4.0, 3.5, 3.0, 3.0]),
    "Valdemarsvik": ("VAL", 4, [3.0, 3.0, 2.5, 3.0, 3.5, 2.5]),
    "Ydre": ("YDR", 4, [2.5, 2.0, 2.5, 3.0, 2.5, 2.0]),
    "Åtvidaberg": ("ÅTV", 5, [4.0, 4.0, 4.5, 4.0, 4.0, 3.5]),
    "Ödeshög": ("ÖDE", 5, [3.5, 3.0, 3.0, 3.5, 3.5, 3.0]),
}
ROLES = ["skola", "socialtjänst", "polis", "fritid", "folkhälsa", "förtroendevald"]
SCORERS = ["Maria", "Johan"]


def clamp(x):
    return min(9.0, max(1.0, round(x * 2) / 2))


def fmt(x):
    return str(int(x)) if x == int(x) else str(x)


# Follow-up rounds: the change of each municipality's base level since the first round.
FOLLOW_UPS = {
    "data/ostergotland-2025.csv": (2025, {
        "Boxholm": 0.5, "Finspång": 1.0, "Kinda": 0.0, "Linköping": 0.5, "Mjölby": 1.0,
        "Motala": 1.0, "Norrköping": 0.5, "Söderköping": 1.5, "Vadstena": -1.0,
        "Valdemarsvik": 1.0, "Åtvidaberg": 0.5, "Ödeshög": 1.5,
    }),
    "data/ostergotland-2027.csv": (2027, {
        "Boxholm": 1.5, "Kinda": 0.5, "Linköping": 1.0, "Ydre": 1.0,
    }),
}


def write_round(path, seed, shifts, rng_noise):
    rng = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["municipality", "interview", "role", "scorer", "A", "B", "C", "D", "E", "F"])
        for name, (prefix, n, base) in MUNICIPALITIES.items():
            if name not in shifts:
                continue
            n = max(4, min(6, n + rng.choice([-1, 0, 0, 1])))
            for i in range(1, n + 1):
                interview = f"{prefix}-{seed}-{i}"
                role = ROLES[(i - 1) % len(ROLES)]
                consensus = [clamp(b + shifts[name] + rng.choice(rng_noise)) for b in base]
                for scorer in SCORERS:
                    own = [clamp(c + rng.choice([-1, -0.5, -0.5, 0, 0, 0, 0.5, 0.5, 1])) for c in consensus]
                    out.writerow([name, interview, role, scorer] + [fmt(s) for s in own])
                out.writerow([name, interview, role, "consensus"] + [fmt(s) for s in consensus])


def main():
    for path, (seed, shifts) in FOLLOW_UPS.items():
        write_round(path, seed, shifts, [-1, -0.5, -0.5, 0, 0, 0, 0.5, 0.5, 1])
    rng = random.Random(2026)
    with open("data/ostergotland-scores.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["municipality", "interview", "role", "scorer", "A", "B", "C", "D", "E", "F"])
        for name, (prefix, n, base) in MUNICIPALITIES.items():
            for i in range(1, n + 1):
                interview = f"{prefix}-{i}"
                role = ROLES[(i - 1) % len(ROLES)]
                consensus = [clamp(b + rng.choice([-1, -0.5, -0.5, 0, 0, 0, 0.5, 0.5, 1])) for b in base]
                for scorer in SCORERS:
                    own = [clamp(c + rng.choice([-1, -0.5, -0.5, 0, 0, 0, 0.5, 0.5, 1])) for c in consensus]
                    out.writerow([name, interview, role, scorer] + [fmt(s) for s in own])
                out.writerow([name, interview, role, "consensus"] + [fmt(s) for s in consensus])


if __name__ == "__main__":
    main()
