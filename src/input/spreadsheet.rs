//! Spreadsheet inputs (`.xlsx`, `.xls`, `.ods`) read with calamine: the same header rules as CSV,
//! numbers as numbers. Row numbers in messages are the worksheet's own row numbers.

use crate::lang::Lang;
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use std::io::Cursor;

/// A worksheet's rows as text, with their 1-based row numbers.
pub type SheetRows = Vec<(u64, Vec<String>)>;

/// Reads worksheet `sheet` (or the first) into rows of text; returns its name and rows. Leading
/// empty rows are skipped, so the first row returned is the header.
/// Errors are in `lang`.
pub fn read(
    bytes: Vec<u8>,
    sheet: Option<&str>,
    lang: Lang,
) -> Result<(String, SheetRows), String> {
    let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| lang.fill("input.sheet.not_a_spreadsheet", &[("error", &e)]))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                let hint = crate::text::did_you_mean(wanted, names.iter().map(String::as_str))
                    .map(|s| lang.fill("input.did_you_mean", &[("name", &s)]))
                    .unwrap_or_default();
                let list = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                lang.fill(
                    "input.sheet.no_such",
                    &[("wanted", &wanted), ("names", &list), ("hint", &hint)],
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| lang.text("input.sheet.none").to_string())?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| lang.fill("input.sheet.unreadable", &[("name", &name), ("error", &e)]))?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text: Vec<String> = vec![String::new(); first_col];
            text.extend(cells.iter().map(cell_text));
            (first_row + i as u64 + 1, text)
        })
        .skip_while(|(_, cells)| cells.iter().all(|c| c.trim().is_empty()))
        .collect();
    Ok((name, rows))
}

/// A cell as text: numbers in their shortest exact decimal form (`3.5`, `4`).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_exactly() {
        assert_eq!(cell_text(&Data::Float(3.5)), "3.5");
        assert_eq!(cell_text(&Data::Float(4.0)), "4");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::String("Ödeshög".into())), "Ödeshög");
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = read(b"PK\x03\x04garbage".to_vec(), None, Lang::En).unwrap_err();
        assert!(err.starts_with("not a spreadsheet"), "{err}");
    }
}
