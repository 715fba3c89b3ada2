#!/usr/bin/env python3
"""Writes the REFI-QDA test project tests/fixtures/qdpx/kinda-ydre.qdpx and, from the same
codings, the coded-segments CSV tests/fixtures/qdpx/kinda-ydre.csv that must score the same.

The project follows the REFI-QDA 1.5 schema (`Project.xsd`, namespace `urn:QDA-XML:project:1.0`)
the way QualCoder's exporter (`refi.py`) lays it out: `Users`, a nested `CodeBook`, `Variables`,
`Cases` with `VariableValue`s and `SourceRef`s, and `Sources` whose `TextSource`s hold their
`PlainTextSelection`s (positions are character offsets, end exclusive) with their `Coding`s.
It has two coders, nested codes, cases with variables (one source's variables on the source
itself), a source in no case (its municipality comes from the interview register), a code that
names no anchor, a text given inline (`PlainTextContent`) and a coded picture selection (not
read: readiness scores text).

Python 3 standard library only. From the repository root:

    python3 scripts/make-qdpx.py

The CLI tests in tests/cli/qdpx.rs score both files and compare. The files are committed, so CI
needs no Python.

For timing, a large project (not committed): N text selections over 100 sources in 10
municipalities, two codings each, with its register:

    python3 scripts/make-qdpx.py --large 10000 /tmp/large.qdpx
    time target/release/readiness score --interviews /tmp/large.qdpx.register.csv /tmp/large.qdpx
"""
import csv
import io
import os
import random
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

OUT = "tests/fixtures/qdpx"

USERS = {"maria": "6f1d1a52-0000-4000-8000-000000000001", "johan": "6f1d1a52-0000-4000-8000-000000000002"}
NAMES = {"maria": "Maria", "johan": "Johan"}

# The code book: (name, guid, children). A code's path is its ancestors' names and its own.
CODES = [
    ("Readiness", "c0000000-0000-4000-8000-000000000000", [
        ("A Insatser", "c0000000-0000-4000-8000-00000000000a", [
            ("A3", "c0000000-0000-4000-8000-0000000000a3", []),
            ("A4", "c0000000-0000-4000-8000-0000000000a4", []),
            ("A5~", "c0000000-0000-4000-8000-0000000000a5", []),
            ("-A6", "c0000000-0000-4000-8000-0000000000a6", []),
        ]),
        ("B Kännedom", "c0000000-0000-4000-8000-00000000000b", [
            ("B2", "c0000000-0000-4000-8000-0000000000b2", []),
            ("B3", "c0000000-0000-4000-8000-0000000000b3", []),
            ("-B4", "c0000000-0000-4000-8000-0000000000b4", []),
        ]),
        ("C4", "c0000000-0000-4000-8000-0000000000c4", []),
        ("C5", "c0000000-0000-4000-8000-0000000000c5", []),
    ]),
    ("Citat", "c0000000-0000-4000-8000-0000000000ff", []),
]

VARIABLES = {
    "kommun": "a0000000-0000-4000-8000-000000000001",
    "omgång": "a0000000-0000-4000-8000-000000000002",
    "roll": "a0000000-0000-4000-8000-000000000003",
}

# Sources: (name, guid, text, inline?, own variables).
SOURCES = [
    ("KIN-1", "50000000-0000-4000-8000-000000000001",
     "Intervjuare: Vilka insatser finns?\nSvar: Det finns ett par insatser för föräldrar, men de "
     "är nya. Vi har pratat om att starta något på fritidsgårdarna. Många vet inte att "
     "föräldrakurserna finns. Skolan vet om dem.\n", False, {}),
    ("KIN-2", "50000000-0000-4000-8000-000000000002",
     "Svar: Kommunen har startat ett program på skolorna. Ledningen stöttar det öppet. "
     "Det finns inga pengar avsatta ännu.\n", False, {"kommun": "Kinda", "roll": "polis"}),
    ("YDR-1", "50000000-0000-4000-8000-000000000003",
     "Svar: Här i Ödeshögs grannkommun Ydre pratar man om insatser men inget är planerat. "
     "Få känner till dem.\n", True, {}),
    ("YDR-2", "50000000-0000-4000-8000-000000000004",
     "Svar: Det finns en föräldragrupp sedan i våras. Folk vet ungefär vad den gör.\n", False, {}),
]

# Cases: (name, guid, variables, source names).
CASES = [
    ("Kinda", "ca000000-0000-4000-8000-000000000001", {"kommun": "Kinda", "omgång": "2026"},
     ["KIN-1", "KIN-2"]),
    ("KIN-1 skola", "ca000000-0000-4000-8000-000000000002", {"roll": "skola"}, ["KIN-1"]),
    ("Ydre", "ca000000-0000-4000-8000-000000000003", {"kommun": "Ydre", "omgång": "2026"},
     ["YDR-1"]),
]

# Selections: (source, segment text, [(coder, code path)]). One selection may carry both coders'
# codings; the selection's own creatingUser is its first coder.
SELECTIONS = [
    ("KIN-1", "Det finns ett par insatser för föräldrar, men de är nya.",
     [("maria", "A3"), ("maria", "A4"), ("johan", "A4")]),
    ("KIN-1", "Vi har pratat om att starta något på fritidsgårdarna.",
     [("maria", "A5~"), ("johan", "-A6"), ("johan", "Citat")]),
    ("KIN-1", "Många vet inte att föräldrakurserna finns.",
     [("maria", "B2"), ("johan", "B2"), ("johan", "B3")]),
    ("KIN-1", "Skolan vet om dem.", [("maria", "B3"), ("maria", "-B4")]),
    ("KIN-2", "Kommunen har startat ett program på skolorna.",
     [("maria", "A4"), ("johan", "A4"), ("johan", "A5~")]),
    ("KIN-2", "Ledningen stöttar det öppet.", [("maria", "C5"), ("johan", "C4")]),
    ("YDR-1", "pratar man om insatser men inget är planerat",
     [("maria", "A3"), ("johan", "A3")]),
    ("YDR-1", "Få känner till dem.", [("maria", "B2"), ("johan", "B2"), ("maria", "Citat")]),
    ("YDR-2", "Det finns en föräldragrupp sedan i våras.", [("maria", "A4"), ("johan", "A3")]),
    ("YDR-2", "Folk vet ungefär vad den gör.", [("maria", "B3"), ("johan", "B3")]),
]


def code_paths():
    paths = {}

    def walk(codes, parent):
        for name, guid, children in codes:
            path = f"{parent} > {name}" if parent else name
            paths[name] = (guid, path)
            walk(children, path)

    walk(CODES, "")
    return paths


def code_xml(codes, indent):
    out = []
    for name, guid, children in codes:
        codable = "false" if children else "true"
        head = f'{indent}<Code guid="{guid}" name={quoteattr(name)} isCodable="{codable}"'
        if children:
            out.append(head + ">")
            out.extend(code_xml(children, indent + "  "))
            out.append(f"{indent}</Code>")
        else:
            out.append(head + "/>")
    return out


def value_xml(variables, indent):
    return [
        f'{indent}<VariableValue><VariableRef targetGUID="{VARIABLES[k]}"/>'
        f"<TextValue>{escape(v)}</TextValue></VariableValue>"
        for k, v in variables.items()
    ]


def main():
    paths = code_paths()
    sources = {name: (guid, text, inline, own) for name, guid, text, inline, own in SOURCES}
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
             ' name="Kinda och Ydre" origin="scripts/make-qdpx.py"'
             ' xsi:schemaLocation="urn:QDA-XML:project:1.0 http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd">',
             "  <Users>"]
    for key, guid in USERS.items():
        lines.append(f'    <User guid="{guid}" name="{NAMES[key]}"/>')
    lines += ["  </Users>", "  <CodeBook>", "    <Codes>"]
    lines += code_xml(CODES, "      ")
    lines += ["    </Codes>", "  </CodeBook>", "  <Variables>"]
    for name, guid in VARIABLES.items():
        lines.append(f'    <Variable guid="{guid}" name="{name}" typeOfVariable="Text"/>')
    lines += ["  </Variables>", "  <Cases>"]
    for name, guid, variables, members in CASES:
        lines.append(f'    <Case guid="{guid}" name={quoteattr(name)}>')
        lines += value_xml(variables, "      ")
        lines += [f'      <SourceRef targetGUID="{sources[m][0]}"/>' for m in members]
        lines.append("    </Case>")
    lines += ["  </Cases>", "  <Sources>"]
    rows = []
    n = 0
    for name, (guid, text, inline, own) in sources.items():
        attrs = f'guid="{guid}" name="{name}"'
        if not inline:
            attrs += f' plainTextPath="internal://{guid}.txt"'
        lines.append(f"    <TextSource {attrs} creatingUser=\"{USERS['maria']}\">")
        if inline:
            lines.append(f"      <PlainTextContent>{escape(text)}</PlainTextContent>")
        for source, segment, codings in SELECTIONS:
            if source != name:
                continue
            start = text.index(segment)
            end = start + len(segment)
            n += 1
            sel = f"5e000000-0000-4000-8000-{n:012d}"
            first = USERS[codings[0][0]]
            lines.append(f'      <PlainTextSelection guid="{sel}" name={quoteattr(segment[:20])}'
                         f' startPosition="{start}" endPosition="{end}" creatingUser="{first}">')
            for k, (coder, code) in enumerate(codings):
                coding = f"5c000000-0000-4000-8000-{n:08d}{k:04d}"
                lines.append(f'        <Coding guid="{coding}" creatingUser="{USERS[coder]}">'
                             f'<CodeRef targetGUID="{paths[code][0]}"/></Coding>')
                rows.append((source, coder, paths[code][1], segment))
            lines.append("      </PlainTextSelection>")
        lines += value_xml(own, "      ")
        lines.append("    </TextSource>")
    # A coded picture: counted, not read.
    lines += ['    <PictureSource guid="50000000-0000-4000-8000-000000000009" name="Affisch"'
              ' path="internal://50000000-0000-4000-8000-000000000009.png">',
              '      <PictureSelection guid="5e000000-0000-4000-8000-000000000099" firstX="0" firstY="0"'
              ' secondX="10" secondY="10">',
              f'        <Coding guid="5e000000-0000-4000-8000-000000000990" creatingUser="{USERS["maria"]}">'
              f'<CodeRef targetGUID="{paths["A4"][0]}"/></Coding>',
              "      </PictureSelection>", "    </PictureSource>"]
    lines += ["  </Sources>", "</Project>", ""]

    os.makedirs(OUT, exist_ok=True)
    with zipfile.ZipFile(f"{OUT}/kinda-ydre.qdpx", "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, data):
            info = zipfile.ZipInfo(name, date_time=(2026, 10, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
        add("project.qde", "\n".join(lines).encode("utf-8"))
        for name, (guid, text, inline, own) in sources.items():
            if not inline:
                add(f"sources/{guid}.txt", text.encode("utf-8"))

    # The same codings as a coded-segments CSV: municipality, round and role where the project
    # has them (from a case or the source's own variables), else empty (the register's).
    def keys(source):
        found = {}
        found.update({k: v for name, _, variables, members in CASES if source in members
                      for k, v in variables.items()})
        found.update(sources[source][3])
        return found

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["kommun", "omgång", "roll", "intervju", "kodare", "kod", "segment"])
    for source, coder, path, segment in rows:
        k = keys(source)
        w.writerow([k.get("kommun", ""), k.get("omgång", ""), k.get("roll", ""), source,
                    NAMES[coder], path, segment])
    with open(f"{OUT}/kinda-ydre.csv", "w", encoding="utf-8") as f:
        f.write(buf.getvalue())
    with open(f"{OUT}/register.csv", "w", encoding="utf-8") as f:
        f.write("intervju,kommun,omgång\nKIN-1,Kinda,2026\nKIN-2,Kinda,2026\n"
                "YDR-1,Ydre,2026\nYDR-2,Ydre,2026\n")


def large(n, out):
    """A project of `n` selections (two codings each: both coders) over 100 sources."""
    rng = random.Random(18)
    paths = code_paths()
    anchors = [name for name in paths if name[-1].isdigit() and name[0] in "ABC"]
    words = "det finns insatser för föräldrar skolan vet om dem ledningen stöttar programmet".split()
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<Project xmlns="urn:QDA-XML:project:1.0" name="large">', "  <Users>"]
    lines += [f'    <User guid="{g}" name="{NAMES[k]}"/>' for k, g in USERS.items()]
    lines += ["  </Users>", "  <CodeBook>", "    <Codes>"] + code_xml(CODES, "      ")
    lines += ["    </Codes>", "  </CodeBook>", "  <Variables>",
              f'    <Variable guid="{VARIABLES["kommun"]}" name="kommun" typeOfVariable="Text"/>',
              "  </Variables>", "  <Cases>"]
    sources = [(f"I-{s:03d}", f"51000000-0000-4000-8000-{s:012d}") for s in range(100)]
    for s, (name, guid) in enumerate(sources):
        lines.append(f'    <Case guid="ca100000-0000-4000-8000-{s:012d}" name="{name}">')
        lines += value_xml({"kommun": f"Kommun {s % 10}"}, "      ")
        lines += [f'      <SourceRef targetGUID="{guid}"/>', "    </Case>"]
    lines += ["  </Cases>", "  <Sources>"]
    texts = {}
    per = n // len(sources)
    k = 0
    for name, guid in sources:
        text = " ".join(rng.choice(words) for _ in range(per * 12)) + "\n"
        texts[guid] = text
        lines.append(f'    <TextSource guid="{guid}" name="{name}" plainTextPath="internal://{guid}.txt">')
        for i in range(per):
            k += 1
            start = i * 40
            sel = f"5e100000-0000-4000-8000-{k:012d}"
            lines.append(f'      <PlainTextSelection guid="{sel}" startPosition="{start}"'
                         f' endPosition="{start + 30}">')
            for c, coder in enumerate(USERS):
                code = rng.choice(anchors)
                coding = f"5c100000-0000-4000-8000-{k:011d}{c}"
                lines.append(f'        <Coding guid="{coding}" creatingUser="{USERS[coder]}">'
                             f'<CodeRef targetGUID="{paths[code][0]}"/></Coding>')
            lines.append("      </PlainTextSelection>")
        lines.append("    </TextSource>")
    lines += ["  </Sources>", "</Project>", ""]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", "\n".join(lines).encode("utf-8"))
        for guid, text in texts.items():
            z.writestr(f"sources/{guid}.txt", text.encode("utf-8"))
    with open(out + ".register.csv", "w", encoding="utf-8") as f:
        f.write("interview,municipality\n")
        for s, (name, _) in enumerate(sources):
            f.write(f"{name},Kommun {s % 10}\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--large":
        large(int(sys.argv[2]), sys.argv[3])
    else:
        main()
