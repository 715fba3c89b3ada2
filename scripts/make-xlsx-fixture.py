#!/usr/bin/env python3
"""Fills in a consensus worksheet that readiness wrote as xlsx, as a person would in a
spreadsheet program, and saves it: the fixture tests/fixtures/worksheet-filled-by-openpyxl.xlsx.

openpyxl is another program's reader and writer of the format: the saved file has openpyxl's
own XML (its styles, shared strings and sheet layout), not rust_xlsxwriter's, so reading it back
tests readiness on a workbook it did not write. The consensus cells are typed as a person types
them: whole numbers and a decimal number as numbers, and one score with a decimal comma, which a
spreadsheet in an English locale keeps as the text "3,5".

Recorded with Python 3.11 and openpyxl 3.1.5. From the repository root:

    pip install openpyxl
    cargo run -- consensus tests/fixtures/two-scorers.csv --format xlsx -o /tmp/worksheet.xlsx
    python3 scripts/make-xlsx-fixture.py /tmp/worksheet.xlsx \
        tests/fixtures/worksheet-filled-by-openpyxl.xlsx

The CLI test `excel::an_xlsx_worksheet_filled_in_by_another_program_reads_back` reads the
fixture and compares it with the CSV worksheet filled in with the same decisions (DECISIONS
below; keep the two lists the same). CI needs no Python: the fixture is committed.
"""
import sys

import openpyxl

# (interview, dimension) -> what the person types in the consensus cell.
DECISIONS = {
    ("Ö1", "B"): 4,  # a whole number
    ("Ö2", "C"): 5,  # the `decide` row: scorers 4 and 6
    ("Ö3", "F"): "3,5",  # a decimal comma, kept as text
    ("Ö4", "F"): 4.5,  # a decimal number
}


def main(source, target):
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    interview = header.index("interview")
    dimension = header.index("dimension")
    consensus = header.index("consensus")
    filled = set()
    for row in sheet.iter_rows(min_row=2):
        key = (row[interview].value, row[dimension].value)
        if key in DECISIONS:
            cell = row[consensus]
            if cell.value not in (None, ""):
                sys.exit(f"{key}: the consensus cell already holds {cell.value!r}")
            cell.value = DECISIONS[key]
            filled.add(key)
    missing = set(DECISIONS) - filled
    if missing:
        sys.exit(f"no rows for {sorted(missing)}")
    workbook.save(target)
    print(f"{target}: filled {len(filled)} consensus cells in sheet `{sheet.title}`")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: make-xlsx-fixture.py WORKSHEET.xlsx FILLED.xlsx")
    main(sys.argv[1], sys.argv[2])
