#!/usr/bin/env python3
"""Writes data/coded/segments.csv and data/coded/intervjuer.csv: an INVENTED coded-transcript
example. No real interview, person or statement is behind it; the segment texts are made up.

Three municipalities, four interviews each, two coders (Maria, Johan) who tag transcript segments
with anchor codes of the rubric crm6: `A4` (met), `A5~` (partly met), `-A6` (not met), plus codes
that name no anchor ("Citat", "Följ upp"). The segments file names only the interview, as a
Taguette or Dedoose export would; the register maps interviews to municipalities.

    python3 scripts/make-coded-example.py
"""
import csv
import random

MUNICIPALITIES = {
    "Kinda": ("KIN", [4, 4, 5, 4, 4, 4]),
    "Vadstena": ("VAD", [3, 3, 4, 3, 3, 3]),
    "Ydre": ("YDR", [2, 2, 3, 3, 2, 2]),
}
ROLES = ["skola", "socialtjänst", "polis", "fritid"]
CODERS = ["Maria", "Johan"]
SNIPPETS = {
    "A": ["Det finns ett par insatser för föräldrar, men de är nya.",
          "Vi har pratat om att starta något på fritidsgårdarna.",
          "Skolan kör ett program sedan i höstas."],
    "B": ["Många vet inte att föräldrakurserna finns.",
          "De som jobbar nära ungdomarna känner till insatserna.",
          "Informationen når inte ut till alla."],
    "C": ["Kommunledningen säger att frågan är viktig.",
          "Politikerna har inte prioriterat det här.",
          "Förvaltningschefen sitter med i styrgruppen."],
    "D": ["Folk tycker att det är föräldrarnas ansvar.",
          "Det finns en känsla av att vi måste göra något.",
          "Man säger att det alltid har varit så här."],
    "E": ["Vi har siffror från elevenkäten.",
          "Det är få som vet hur vanligt det är här.",
          "Orsakerna diskuteras mest bland personalen."],
    "F": ["Det finns lokaler men ingen budget.",
          "Vi fick pengar för ett år.",
          "Ingen vet var resurserna skulle komma ifrån."],
}


def main():
    rng = random.Random(7)
    with open("data/coded/intervjuer.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["intervju", "kommun", "roll", "datum"])
        for name, (prefix, _) in MUNICIPALITIES.items():
            for i in range(1, 5):
                out.writerow([f"{prefix}-{i}", name, ROLES[i - 1], f"2026-10-{10 + i:02d}"])
    with open("data/coded/segments.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["intervju", "kodare", "fråga", "kod", "segment"])
        for name, (prefix, levels) in MUNICIPALITIES.items():
            for i in range(1, 5):
                interview = f"{prefix}-{i}"
                truth = [max(1, min(8, b + rng.choice([-1, 0, 0, 1]))) for b in levels]
                for coder in CODERS:
                    for d, (dim, t) in enumerate(zip("ABCDEF", truth)):
                        level = max(1, min(8, t + rng.choice([0, 0, 0, 0, -1, 1])))
                        question = str(1 + d * 3 + rng.randrange(3))
                        codes = [f"Readiness\\{dim}{l}" for l in range(max(1, level - 1), level + 1)]
                        partly = rng.random() < 0.3
                        if partly:
                            codes.append(f"{dim}{level + 1}~")
                        if rng.random() < 0.4:
                            codes.append(f"-{dim}{level + 2 if partly else level + 1}")
                        for code in codes:
                            out.writerow([interview, coder, question, code, rng.choice(SNIPPETS[dim])])
                    out.writerow([interview, coder, "20", "Citat; Följ upp", "Det här borde vi ta upp på workshopen."])
        # One contradiction, to show the warning.
        out.writerow(["YDR-2", "Johan", "8", "C5", "Förvaltningschefen sitter med i styrgruppen."])
        out.writerow(["YDR-2", "Johan", "9", "-C4", "Politikerna har inte prioriterat det här."])


if __name__ == "__main__":
    main()
