//! Opening an input and recognising its dialect: encoding, delimiter, Excel's `sep=` line.
//!
//! Files are streamed, never read whole: the dialect is sniffed from the first buffer, then the
//! records are read ([`super::records`]) and each field is decoded with the encoding that was
//! seen.
//! UTF-8 with or without BOM is read as is; a file whose start is not valid UTF-8 is taken to be
//! Windows-1252, what older Swedish Excel writes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

pub use crate::model::accounting::Encoding;

pub use crate::model::accounting::Dialect;

/// The message for a data row whose number of fields is not the header's `width`. When the file
/// is comma-separated and the row has more fields than the header, with two whole numbers side
/// by side, the likely cause is a decimal comma (Swedish `3,5`) that split a score in two; the
/// message says so and how to fix it. Spreadsheets have cells, not delimiters: no hint there.
pub fn ragged_row_message(fields: &[impl AsRef<str>], width: usize, dialect: &Dialect) -> String {
    ragged_row_message_in(fields, width, dialect, crate::lang::Lang::En)
}

/// [`ragged_row_message`] in `lang`.
pub fn ragged_row_message_in(
    fields: &[impl AsRef<str>],
    width: usize,
    dialect: &Dialect,
    lang: crate::lang::Lang,
) -> String {
    let message = lang.fill(
        "input.ragged",
        &[("fields", &fields.len()), ("width", &width)],
    );
    let whole = |f: &str| {
        let f = f.trim();
        !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())
    };
    let split_number = fields
        .windows(2)
        .any(|w| whole(w[0].as_ref()) && whole(w[1].as_ref()));
    if dialect.sheet.is_none() && dialect.delimiter == b',' && fields.len() > width && split_number
    {
        format!("{message}{}", lang.text("input.decimal_comma"))
    } else {
        message
    }
}

const SNIFF_BYTES: usize = 64 * 1024;

/// Opens `path` (`-` is standard input) and sniffs its dialect; `delimiter` overrides the sniff.
pub fn open(path: &str, delimiter: Option<u8>) -> io::Result<(Dialect, Box<dyn BufRead + Send>)> {
    let inner: Box<dyn Read + Send> = if path == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path)?)
    };
    let mut reader = BufReader::with_capacity(SNIFF_BYTES, inner);
    let dialect = sniff(&mut reader, delimiter)?;
    Ok((dialect, Box::new(reader)))
}

/// Reads the dialect from the buffered start of `reader`, consuming a BOM and a `sep=` line.
pub fn sniff(reader: &mut impl BufRead, delimiter: Option<u8>) -> io::Result<Dialect> {
    let start = reader.fill_buf()?;
    if start.starts_with(b"PK\x03\x04") || start.starts_with(b"\xD0\xCF\x11\xE0") {
        return Ok(Dialect {
            encoding: Encoding::Spreadsheet,
            delimiter: b',',
            skipped_lines: 0,
            sheet: None,
        });
    }
    if start.starts_with(b"\xFF\xFE") || start.starts_with(b"\xFE\xFF") {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as \
             \"CSV UTF-8\" or plain CSV and try again",
        ));
    }
    if start.contains(&0) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the file holds NUL bytes, so it is neither CSV text (UTF-8 or Windows-1252) nor a \
             spreadsheet (xlsx, xls, ods) that readiness can read",
        ));
    }
    let mut encoding = Encoding::Utf8;
    if reader.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
        encoding = Encoding::Utf8Bom;
    }
    let buf = reader.fill_buf()?;
    if encoding == Encoding::Utf8 && !looks_like_utf8(buf) {
        encoding = Encoding::Windows1252;
    }
    let first_line_end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
    let first_line = buf[..first_line_end]
        .strip_suffix(b"\r")
        .unwrap_or(&buf[..first_line_end]);
    let mut skipped_lines = 0;
    let mut sep_delimiter = None;
    if let Some(rest) = first_line.strip_prefix(b"sep=")
        && rest.len() == 1
    {
        sep_delimiter = Some(rest[0]);
        let consumed = (first_line_end + 1).min(buf.len());
        reader.consume(consumed);
        skipped_lines = 1;
    }
    let delimiter = match (delimiter, sep_delimiter) {
        (Some(d), _) | (None, Some(d)) => d,
        (None, None) => {
            let buf = reader.fill_buf()?;
            let end = buf.iter().position(|&b| b == b'\n').unwrap_or(buf.len());
            sniff_delimiter(&buf[..end])
        }
    };
    Ok(Dialect {
        encoding,
        delimiter,
        skipped_lines,
        sheet: None,
    })
}

/// Valid UTF-8, allowing the buffer to end inside a multi-byte character.
fn looks_like_utf8(buf: &[u8]) -> bool {
    match std::str::from_utf8(buf) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && buf.len() - e.valid_up_to() < 4,
    }
}

/// The candidate (`,`, `;`, tab) that occurs most often outside quotes in the header line.
fn sniff_delimiter(header: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let candidates = [b',', b';', b'\t'];
    let mut quoted = false;
    for &b in header {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(i) = candidates.iter().position(|&c| c == b) {
            counts[i] += 1;
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    candidates[best]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniffed(bytes: &[u8]) -> (Dialect, String) {
        let mut r = BufReader::new(bytes);
        let d = sniff(&mut r, None).unwrap();
        let mut rest = Vec::new();
        r.read_to_end(&mut rest).unwrap();
        (d, String::from_utf8_lossy(&rest).into_owned())
    }

    #[test]
    fn plain_utf8_comma() {
        let (d, rest) = sniffed(b"kommun,intervju\nKinda,K1\n");
        assert_eq!(d.encoding, Encoding::Utf8);
        assert_eq!(d.delimiter, b',');
        assert!(rest.starts_with("kommun"));
    }

    #[test]
    fn bom_and_excel_sep_line() {
        let (d, rest) = sniffed(b"\xEF\xBB\xBFsep=;\r\nkommun;intervju\r\n");
        assert_eq!(d.encoding, Encoding::Utf8Bom);
        assert_eq!(d.delimiter, b';');
        assert_eq!(d.skipped_lines, 1);
        assert!(rest.starts_with("kommun;"));
    }

    #[test]
    fn windows_1252_is_recognised_and_decoded() {
        let (d, _) = sniffed(b"kommun;bed\xF6mare\n\xD6desh\xF6g;Anna\n");
        assert_eq!(d.encoding, Encoding::Windows1252);
        assert_eq!(d.delimiter, b';');
        assert_eq!(d.decode(b"\xD6desh\xF6g").unwrap(), "Ödeshög");
    }

    #[test]
    fn spreadsheets_utf16_and_binary_are_told_apart() {
        let (d, _) = sniffed(b"PK\x03\x04rest");
        assert_eq!(d.encoding, Encoding::Spreadsheet);
        let err = sniff(&mut BufReader::new(&b"\xFF\xFEk\x00"[..]), None).unwrap_err();
        assert!(err.to_string().contains("UTF-16"), "{err}");
        let err = sniff(&mut BufReader::new(&b"ab\x00\x01"[..]), None).unwrap_err();
        assert!(err.to_string().contains("NUL bytes"), "{err}");
    }

    #[test]
    fn a_decimal_comma_in_a_comma_separated_row_gets_a_hint() {
        let comma = sniffed(b"kommun,intervju\n").0;
        let row = ["Kinda", "K1", "Anna", "3", "5", "4", "5", "4", "3"];
        assert_eq!(
            ragged_row_message(&row, 8, &comma),
            "row has 9 fields but the header has 8 — a decimal comma in a comma-separated file? \
             quote the value (\"3,5\") or use `;` as the delimiter"
        );
        // Too few fields, or extra fields that are no split number: the plain message.
        assert_eq!(
            ragged_row_message(&row[..7], 8, &comma),
            "row has 7 fields but the header has 8"
        );
        let text = ["Kinda", "K1", "Anna, Erik", "4"];
        assert_eq!(
            ragged_row_message(&text, 3, &comma),
            "row has 4 fields but the header has 3"
        );
        // Another delimiter, or a spreadsheet: a comma there is no delimiter.
        let semicolon = sniffed(b"kommun;intervju\n").0;
        assert_eq!(
            ragged_row_message(&row, 8, &semicolon),
            "row has 9 fields but the header has 8"
        );
        let sheet = Dialect {
            sheet: Some("Blad1".into()),
            ..comma
        };
        assert_eq!(
            ragged_row_message(&row, 8, &sheet),
            "row has 9 fields but the header has 8"
        );
    }

    #[test]
    fn tab_and_quoted_delimiters() {
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"\"a;b;c\",d,e"), b',');
        assert_eq!(sniff_delimiter(b"single"), b',');
    }
}
