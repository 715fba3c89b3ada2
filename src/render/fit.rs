//! Fitting a table to a width: which columns stay, how wide each is, where free text wraps.
//!
//! A cell is one of two kinds. Numbers, intervals (`3.91–5.05`), stage labels and names are
//! never broken: their column is as wide as its widest cell, or it is left out. Free text
//! (statements, meanings, goals, lists of codes) wraps, but only between its units — words, or
//! the items of a list — so a unit is never split either. When even the narrowest layout is too
//! wide, the grid's columns are left out in the order it names ([`Grid::drop_order`]), the least
//! needed first, and the caller says under the table which ones are missing.
//!
//! Widths count characters, which is what a terminal shows for the Latin text of the rubrics and
//! data (å, ä, ö, `–`, `→` are one column each). The arithmetic is that of comfy-table's
//! `UTF8_FULL_CONDENSED` style with its default padding: `│ a ┆ b │` takes one column per
//! border and one of padding either side of each cell.

use super::grid::Grid;

/// How a column's cells may wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Wrap {
    /// Never: numbers, intervals, stage labels, names.
    #[default]
    Never,
    /// Between words (free text in a cell), and after a `/` inside a word.
    Words,
    /// At spaces only: prose under a table, whose file paths must not break at a `/`.
    Spaces,
    /// After each `separator` of a list (`"; "`, `", "`), never inside an item.
    After(&'static str),
}

/// The narrowest a wrapping column is made, when its text is longer: narrower reads badly.
const MIN_TEXT: usize = 10;

/// A grid fitted to a width: its kept columns with their text wrapped, and the headings of the
/// columns left out (empty when all fit).
#[derive(Debug, Clone)]
pub(crate) struct Fitted {
    pub grid: Grid,
    pub left_out: Vec<String>,
}

/// The width to fit tables to: `COLUMNS` when it is set to a whole number of at least 20 (a
/// user's or a script's choice wins), else the terminal's when standard output is one, else
/// none — a table written to a pipe or a file is not wrapped, as scripts and snapshots expect.
pub fn width_for(columns: Option<&str>, terminal: Option<u16>) -> Option<u16> {
    columns
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|&c| c >= 20)
        .or(terminal)
}

/// The terminal's width when standard output is a terminal.
pub fn terminal_width() -> Option<u16> {
    comfy_table::Table::new().width()
}

/// The width a table takes whose columns' contents are `widths` wide.
fn table_width(widths: &[usize]) -> usize {
    widths.iter().map(|w| w + 3).sum::<usize>() + 1
}

/// Display width of a text: its longest line, in characters.
pub(crate) fn text_width(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The units a text wraps between under `wrap`, each with whether a space joins it to the one
/// before on a line. Words also break after a `/` (`Bekräftelse/` `utvidgning`), with no space.
fn units(text: &str, wrap: Wrap) -> Vec<(bool, String)> {
    match wrap {
        Wrap::Never => vec![(true, text.to_string())],
        Wrap::Words => text
            .split_whitespace()
            .flat_map(|word| {
                word.split_inclusive('/')
                    .enumerate()
                    .map(|(i, piece)| (i == 0, piece.to_string()))
            })
            .collect(),
        Wrap::Spaces => text
            .split_whitespace()
            .map(|word| (true, word.to_string()))
            .collect(),
        Wrap::After(sep) => {
            let parts: Vec<&str> = text.split(sep).collect();
            let last = parts.len().saturating_sub(1);
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let unit = if i < last {
                        format!("{p}{}", sep.trim_end())
                    } else {
                        p.to_string()
                    };
                    (true, unit.trim().to_string())
                })
                .collect()
        }
    }
}

/// `text` wrapped to `width` between its units (each line of it on its own); a unit longer
/// than `width` gets a line of its own, whole.
pub(crate) fn wrap(text: &str, width: usize, wrap: Wrap) -> String {
    if wrap == Wrap::Never || text_width(text) <= width {
        return text.to_string();
    }
    let mut out: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for (spaced, unit) in units(paragraph, wrap) {
            if unit.is_empty() {
                continue;
            }
            let glue = usize::from(spaced && !line.is_empty());
            if !line.is_empty() && line.chars().count() + glue + unit.chars().count() > width {
                out.push(std::mem::take(&mut line));
            } else if glue == 1 {
                line.push(' ');
            }
            line.push_str(&unit);
        }
        out.push(line);
    }
    out.join("\n")
}

/// How a column's heading wraps: between words, unless the column never wraps.
fn heading_wrap(wrap: Wrap) -> Wrap {
    match wrap {
        Wrap::Never => Wrap::Never,
        _ => Wrap::Words,
    }
}

/// The narrowest a column can be: its widest cell if it never wraps, else its longest unit
/// (and at least [`MIN_TEXT`] when its text is longer).
fn narrowest(header: &str, cells: &[&str], wrap: Wrap) -> usize {
    let natural = std::iter::once(header)
        .chain(cells.iter().copied())
        .map(text_width)
        .max()
        .unwrap_or(0);
    if wrap == Wrap::Never {
        return natural;
    }
    let longest = |text: &str, wrap: Wrap| -> usize {
        text.lines()
            .flat_map(|l| units(l, wrap))
            .map(|(_, u)| u.chars().count())
            .max()
            .unwrap_or(0)
    };
    let unit = cells
        .iter()
        .map(|c| longest(c, wrap))
        .chain([longest(header, heading_wrap(wrap))])
        .max()
        .unwrap_or(0);
    unit.max(natural.min(MIN_TEXT))
}

/// Fits `grid` to `width` columns: leaves out columns in its drop order only while the
/// narrowest layout is too wide, then gives the room left to the wrapping columns, up to what
/// their text needs. When nothing more may be left out and it is still too wide, the table is
/// as narrow as it can be and wider than `width`.
pub(crate) fn fit(grid: &Grid, width: u16) -> Fitted {
    let width = usize::from(width);
    let columns = grid.header.len();
    let wrap_of = |c: usize| grid.wrap.get(c).copied().unwrap_or_default();
    let cells_of = |c: usize| -> Vec<&str> {
        grid.rows
            .iter()
            .filter_map(|r| r.get(c).map(String::as_str))
            .collect()
    };
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            let widest = cells_of(c).iter().map(|t| text_width(t)).max();
            widest.unwrap_or(0).max(text_width(&grid.header[c]))
        })
        .collect();
    let least: Vec<usize> = (0..columns)
        .map(|c| narrowest(&grid.header[c], &cells_of(c), wrap_of(c)))
        .collect();

    let mut kept: Vec<usize> = (0..columns).collect();
    let narrow = |kept: &[usize]| table_width(&kept.iter().map(|&c| least[c]).collect::<Vec<_>>());
    for &drop in &grid.drop_order {
        if narrow(&kept) <= width {
            break;
        }
        kept.retain(|&c| c != drop);
    }

    let mut widths: Vec<usize> = kept.iter().map(|&c| least[c]).collect();
    let mut room = width.saturating_sub(table_width(&widths));
    while room > 0 {
        let mut grew = false;
        for (i, &c) in kept.iter().enumerate() {
            if room > 0 && wrap_of(c) != Wrap::Never && widths[i] < natural[c] {
                widths[i] += 1;
                room -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }

    let pick = |row: &[String], rule: &dyn Fn(Wrap) -> Wrap| -> Vec<String> {
        kept.iter()
            .zip(&widths)
            .map(|(&c, &w)| wrap(row.get(c).map_or("", String::as_str), w, rule(wrap_of(c))))
            .collect()
    };
    let fitted = Grid {
        header: pick(&grid.header, &heading_wrap),
        right: kept
            .iter()
            .map(|&c| grid.right.get(c).copied().unwrap_or(false))
            .collect(),
        wrap: kept.iter().map(|&c| wrap_of(c)).collect(),
        drop_order: Vec::new(),
        rows: grid.rows.iter().map(|r| pick(r, &|w| w)).collect(),
    };
    let left_out = (0..columns)
        .filter(|c| !kept.contains(c))
        .map(|c| grid.header[c].clone())
        .collect();
    Fitted {
        grid: fitted,
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(header: &[&str], rows: &[&[&str]]) -> Grid {
        let mut g = Grid::new(header.iter().map(|h| h.to_string()).collect(), 0..0);
        g.rows = rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        g
    }

    #[test]
    fn columns_wins_when_valid_and_no_width_means_no_terminal() {
        assert_eq!(width_for(Some("60"), Some(120)), Some(60));
        assert_eq!(width_for(Some(" 80 "), None), Some(80));
        assert_eq!(width_for(Some("wide"), Some(120)), Some(120));
        assert_eq!(width_for(Some("0"), Some(100)), Some(100));
        assert_eq!(width_for(Some(""), None), None);
        assert_eq!(width_for(None, None), None);
    }

    #[test]
    fn a_table_that_fits_is_left_as_it_is() {
        let g = grid(&["Name", "Score"], &[&["Kinda", "4.48"]]);
        let f = fit(&g, 80);
        assert!(f.left_out.is_empty());
        assert_eq!(f.grid.rows, g.rows);
    }

    #[test]
    fn the_width_is_that_of_the_drawn_table() {
        // │ Kinda ┆ 4.48 │
        assert_eq!(table_width(&[5, 4]), "│ Kinda ┆ 4.48 │".chars().count());
    }

    #[test]
    fn columns_go_in_the_drop_order_and_only_while_too_wide() {
        let mut g = grid(
            &["Name", "A", "B", "CI"],
            &[&["Kinda", "4.48", "3.50", "4.35–4.61"]],
        );
        g.drop_order = vec![3, 2, 1];
        // Name 5, A 4, B 4, CI 9: 5+4+4+9 + 3·4 + 1 = 35.
        assert!(fit(&g, 35).left_out.is_empty());
        assert_eq!(fit(&g, 34).left_out, ["CI"]);
        assert_eq!(fit(&g, 23).left_out, ["CI"]);
        assert_eq!(
            fit(&g, 22).left_out,
            ["B", "CI"],
            "named in the table's order"
        );
        let f = fit(&g, 5);
        assert_eq!(f.left_out, ["A", "B", "CI"], "in the table's order");
        assert_eq!(f.grid.header, ["Name"], "what may not go stays, too wide");
    }

    #[test]
    fn a_number_or_interval_is_never_split() {
        let mut g = grid(&["Interval"], &[&["3.91–5.05"]]);
        g.drop_order = vec![];
        let f = fit(&g, 6);
        assert_eq!(f.grid.rows, [["3.91–5.05"]]);
    }

    #[test]
    fn free_text_wraps_between_words_in_the_room_left() {
        let mut g = grid(
            &["Level", "Statement"],
            &[&["1", "Leaders do not see the issue as a problem at all"]],
        );
        g.wrap = vec![Wrap::Never, Wrap::Words];
        let f = fit(&g, 30);
        let cell = &f.grid.rows[0][1];
        assert_eq!(cell, "Leaders do not see\nthe issue as a\nproblem at all");
        assert!(table_width(&[5, text_width(cell)]) <= 30);
    }

    #[test]
    fn a_list_wraps_after_its_separator_never_inside_an_item() {
        assert_eq!(
            wrap("A1 (4, q 2); A2 (7); B3 (9, q 1)", 16, Wrap::After("; ")),
            "A1 (4, q 2);\nA2 (7);\nB3 (9, q 1)"
        );
        assert_eq!(wrap("short", 16, Wrap::After("; ")), "short");
    }

    #[test]
    fn words_break_after_a_slash_without_a_space() {
        assert_eq!(
            wrap("8 Bekräftelse/utvidgning", 13, Wrap::Words),
            "8\nBekräftelse/\nutvidgning"
        );
        assert_eq!(
            wrap("Denial / resistance", 10, Wrap::Words),
            "Denial /\nresistance"
        );
        assert_eq!(
            wrap("see data/a.csv:4", 10, Wrap::Spaces),
            "see\ndata/a.csv:4"
        );
    }

    #[test]
    fn a_heading_wraps_between_words_in_a_column_of_lists() {
        let mut g = grid(&["Codes (line, question)"], &[&["A4 (4, q 4); A5 (5)"]]);
        g.wrap = vec![Wrap::After("; ")];
        let f = fit(&g, 20);
        assert_eq!(f.grid.header, ["Codes (line,\nquestion)"]);
        assert_eq!(f.grid.rows, [["A4 (4, q 4);\nA5 (5)"]]);
    }

    #[test]
    fn a_word_longer_than_the_width_keeps_a_line_of_its_own() {
        assert_eq!(
            wrap("a Krippendorff b", 5, Wrap::Words),
            "a\nKrippendorff\nb"
        );
    }

    #[test]
    fn text_keeps_at_least_min_text_columns_before_a_column_goes() {
        let mut g = grid(
            &["Name", "Text"],
            &[&["Kinda", "some words that go on for a while"]],
        );
        g.wrap = vec![Wrap::Never, Wrap::Words];
        g.drop_order = vec![1];
        // Name 5 + Text 10 + 7 = 22.
        assert!(fit(&g, 22).left_out.is_empty());
        assert_eq!(
            fit(&g, 22).grid.rows[0][1],
            "some words\nthat go on\nfor a\nwhile"
        );
        assert_eq!(fit(&g, 21).left_out, ["Text"]);
    }
}
