//! Small text helpers shared by the readers and renderers: case folding for header matching,
//! "did you mean" suggestions, and a Swedish sort order for municipality names.

use std::cmp::Ordering;

/// Lower-cased, trimmed, with runs of spaces, `_` and `-` collapsed to one space: the form in
/// which headers, dimension ids and names are compared.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    out.extend(folded(text));
    out
}

/// Writes the key `text` is matched by into `out`: trimmed, inner runs of white space made one
/// space, lower-cased.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
}

/// A name as people mean it, for matching: trimmed, inner runs of white space as one space,
/// case folded (`Ödeshög ` and `ödeshög` are one name). Unlike [`fold`], `-` and `_` count.
pub fn key_fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Whether two texts [`fold`] to the same, without allocating either.
pub fn fold_eq(a: &str, b: &str) -> bool {
    a == b || folded(a).eq(folded(b))
}

/// The characters of [`fold`]`(text)`.
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut gap = false;
    let mut started = false;
    text.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter_map(move |c| {
            if c.is_whitespace() || c == '_' || c == '-' {
                gap = true;
                return None;
            }
            // One space for a run of gaps between words; none before the first word.
            let space = (gap && started).then_some(' ');
            (gap, started) = (false, true);
            Some(space.into_iter().chain(c.to_lowercase()))
        })
        .flatten()
}

/// `text.trim()`, with a fast path for the common cell that has no surrounding space.
pub fn trim(text: &str) -> &str {
    // A visible ASCII character is never white space (`is_ascii_whitespace` would miss the
    // vertical tab, which `str::trim` removes).
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_graphic);
    if plain(text.as_bytes().first()) && plain(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

/// The sort key of [`swedish_cmp`], computed once per name for sorting many.
pub fn swedish_key(text: &str) -> (Vec<u32>, Vec<char>, String) {
    let key = |c: char| {
        let lower = c.to_lowercase().next().unwrap_or(c);
        (swedish_rank(lower), lower)
    };
    (
        text.chars().map(|c| key(c).0).collect(),
        text.chars().map(|c| key(c).1).collect(),
        text.to_string(),
    )
}

fn swedish_rank(lower: char) -> u32 {
    match lower {
        'å' => 'z' as u32 + 1,
        'ä' | 'æ' => 'z' as u32 + 2,
        'ö' | 'ø' => 'z' as u32 + 3,
        'é' | 'è' => 'e' as u32,
        'ü' => 'y' as u32,
        other => other as u32,
    }
}

/// Whether a cell could be quoted interview text rather than a name or a code: long, or several
/// words. Such cells are never echoed in messages (interview text is personal data).
pub fn looks_like_prose(text: &str) -> bool {
    text.chars().count() > 40 || text.split_whitespace().count() > 4
}

/// [`looks_like_prose`] for a code: a code path (`Readiness > A Efforts > A4`) is judged by its
/// last part, unless the whole is longer than any code path would be.
pub fn code_looks_like_prose(code: &str) -> bool {
    let last = code.rsplit(['>', '\\', '/']).next().unwrap_or(code);
    let last = last.rsplit("::").next().unwrap_or(last).trim();
    code.chars().count() > 80 || looks_like_prose(last)
}

/// A cell as messages may show it: itself, or `<text of N characters>` when it could be
/// interview text.
pub fn shown_cell(text: &str) -> String {
    let text = text.trim();
    if looks_like_prose(text) {
        format!("<text of {} characters>", text.chars().count())
    } else {
        text.to_string()
    }
}

/// The closest candidate to `input`, if it is close enough to be what the user meant.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = fold(input);
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&input, &fold(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The candidate that `input` is a near misspelling of: at most one edit (a letter added,
/// dropped, changed, or two swapped) per four letters, at least one allowed. Stricter than
/// [`did_you_mean`]: for a column that is otherwise only a note, a shared prefix is not enough
/// (`kommentar` is not a misspelt `kommun`).
pub fn misspelling_of<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = fold(input);
    let allowed = (input.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&input, &fold(c)), c))
        .filter(|(d, _)| (1..=allowed).contains(d))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// For a missing column: `; did you mean: column `interveiw`?` when one of the header `cells`
/// (those not otherwise used) looks like a misspelling of one of `names`, the column's accepted
/// header words; empty otherwise. The first such cell in header order; never a cell that could
/// be interview text (a file without a header row has data there).
pub fn did_you_mean_column<'a>(cells: impl IntoIterator<Item = &'a str>, names: &[&str]) -> String {
    misspelt_column(cells, names)
        .map(|c| format!("; did you mean: column `{c}`?"))
        .unwrap_or_default()
}

/// The cell of [`did_you_mean_column`], for a message in another language.
pub fn misspelt_column<'a>(
    cells: impl IntoIterator<Item = &'a str>,
    names: &[&str],
) -> Option<&'a str> {
    cells.into_iter().map(str::trim).find(|c| {
        !c.is_empty() && !looks_like_prose(c) && did_you_mean(c, names.iter().copied()).is_some()
    })
}

/// Swedish alphabetical order: å, ä and ö come after z (so Ydre, Åtvidaberg, Ödeshög), case is
/// ignored first and used only to break ties, so the order is total and stable.
pub fn swedish_cmp(a: &str, b: &str) -> Ordering {
    fn key(c: char) -> (u32, char) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        (swedish_rank(lower), lower)
    }
    a.chars()
        .map(key)
        .map(|k| k.0)
        .cmp(b.chars().map(key).map(|k| k.0))
        .then_with(|| a.chars().map(key).cmp(b.chars().map(key)))
        .then_with(|| a.cmp(b))
}

/// Natural order for interview ids: `K2` before `K10`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    if a == b {
        return Ordering::Equal;
    }
    let (mut ca, mut cb) = (chunks(a), chunks(b));
    loop {
        let ord = match (ca.next(), cb.next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => {
                let digits = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
                if digits(x) && digits(y) {
                    let (tx, ty) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                    tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty))
                } else if x == y {
                    Ordering::Equal
                } else {
                    swedish_cmp(x, y)
                }
            }
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
}

/// Runs of digits and runs of other characters, without allocating. (Split by bytes: an ASCII
/// digit is one byte and never part of another character, so the runs keep whole characters.)
fn chunks(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let digit = rest.as_bytes().first()?.is_ascii_digit();
        let end = rest
            .bytes()
            .position(|b| b.is_ascii_digit() != digit)
            .unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspellings_are_near_not_just_alike() {
        let words = ["kommun", "municipality", "bedömare", "omgång", "interview"];
        assert_eq!(misspelling_of("bedömmare", words), Some("bedömare"));
        assert_eq!(misspelling_of("Omgang", words), Some("omgång"));
        assert_eq!(misspelling_of("interveiw", words), Some("interview"));
        assert_eq!(misspelling_of("munipality", words), Some("municipality"));
        assert_eq!(misspelling_of("kommentar", words), None);
        assert_eq!(
            misspelling_of("kommun", words),
            None,
            "the word itself is no misspelling"
        );
        assert_eq!(misspelling_of("x", words), None);
    }

    #[test]
    fn trim_is_str_trim() {
        let ends = [
            "", " ", "\t", "\u{b}", "\r\n", "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}", "Å", "x",
        ];
        for left in ends {
            for right in ends {
                for middle in ["", "Åtvidaberg", "K 1", "\u{a0}", "ö"] {
                    let text = format!("{left}{middle}{right}");
                    assert_eq!(trim(&text), text.trim(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn fold_matches_headers_loosely() {
        assert_eq!(fold("  Municipality "), "municipality");
        assert_eq!(fold("\u{feff}Kommun"), "kommun");
        assert_eq!(fold("Document_group"), "document group");
        assert_eq!(fold("BEDÖMARE"), "bedömare");
        assert_eq!(fold(" -a__b - C- "), "a b c");
        assert_eq!(fold("İ"), "i\u{307}");
        assert!(fold_eq("Kommun  Å", "kommun_å"));
        assert!(fold_eq("", " - "));
        assert!(!fold_eq("Kinda", "Kind a"));
        assert!(!fold_eq("Kinda", "Kindaa"));
        let texts = [
            "",
            " ",
            "\u{feff}Kinda",
            "kinda",
            "KINDA ",
            "Kind a",
            "kind_a",
            "Åre",
            "åre",
            "ÅRE-",
            "ß",
            "SS",
            "ss",
            "İ",
            "i\u{307}",
            "a--b",
            "a b",
            "ab",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(fold_eq(a, b), fold(a) == fold(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_last() {
        let mut names = vec![
            "Ödeshög",
            "Ydre",
            "Åtvidaberg",
            "Ängelholm",
            "Boxholm",
            "kinda",
        ];
        names.sort_by(|a, b| swedish_cmp(a, b));
        assert_eq!(
            names,
            [
                "Boxholm",
                "kinda",
                "Ydre",
                "Åtvidaberg",
                "Ängelholm",
                "Ödeshög"
            ]
        );
    }

    #[test]
    fn sort_keys_order_as_the_comparison_does() {
        let mut names = vec![
            "Ödeshög",
            "ydre",
            "Ydre",
            "Åtvidaberg",
            "Ängelholm",
            "Boxholm",
        ];
        let mut by_key = names.clone();
        names.sort_by(|a, b| swedish_cmp(a, b));
        by_key.sort_by_cached_key(|n| swedish_key(n));
        assert_eq!(names, by_key);
        assert_eq!(trim(" a "), "a");
        assert_eq!(trim("\u{a0}Kinda"), "Kinda");
        assert_eq!(trim("Kinda"), "Kinda");
        assert_eq!(trim("\u{b}Kinda\u{b}"), "Kinda");
        assert_eq!(trim(""), "");
    }

    #[test]
    fn prose_is_never_echoed() {
        assert_eq!(shown_cell(" Kommun "), "Kommun");
        assert_eq!(shown_cell("Document group"), "Document group");
        assert_eq!(
            shown_cell("Vi har 3/4 av skolorna med oss"),
            "<text of 30 characters>"
        );
        assert!(!code_looks_like_prose("Readiness > A Efforts > A4"));
        assert!(code_looks_like_prose(
            "Vi har > ett nytt program för föräldrar i år"
        ));
        assert_eq!(
            shown_cell("Det finns ett par insatser för föräldrar, men de är nya."),
            "<text of 56 characters>"
        );
    }

    #[test]
    fn natural_order_for_interview_ids() {
        let mut ids = vec!["K10", "K2", "K1", "A"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["A", "K1", "K2", "K10"]);
        let runs: Vec<&str> = chunks("Å10ö2é").collect();
        assert_eq!(runs, ["Å", "10", "ö", "2", "é"]);
        let mut ids = vec!["Ö1", "Å10", "Å2", "k1", "K1", "Z9"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["K1", "k1", "Z9", "Å2", "Å10", "Ö1"]);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("Leadersip", ["Leadership", "Resources"]),
            Some("Leadership")
        );
        assert_eq!(did_you_mean("xyz", ["Leadership"]), None);
        let interview = ["interview", "intervju"];
        assert_eq!(
            did_you_mean_column(["A", " Interveiw ", "Intervju 2"], &interview),
            "; did you mean: column `Interveiw`?"
        );
        assert_eq!(did_you_mean_column(["A", "B"], &interview), "");
        // Text that starts like a header word is data, and never echoed.
        let prose = "Intervjun hölls i kommunhuset med tre personer";
        assert!(did_you_mean(prose, interview).is_some(), "the case tested");
        assert_eq!(did_you_mean_column([prose], &interview), "");
    }
}
