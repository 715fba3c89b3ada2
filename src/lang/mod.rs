//! The language of everything meant for people, and every text of each language in one place:
//! `en.toml` and `sv.toml` beside this file, the message catalogue. A translator edits one file;
//! a test checks that both files have the same keys with the same `{placeholders}`, and that
//! every key the code asks for exists.
//!
//! Machine formats (JSON, plain CSV) keep their stable English keys and texts whatever the
//! language; tables, Markdown, warnings and notes on the terminal follow [`Lang`].

/// The catalogues are looked up for every message, tens of thousands of times in a large round:
/// a fast hash for their short keys.
type HashMap<K, V> = rustc_hash::FxHashMap<K, V>;
use std::fmt;
use std::sync::LazyLock;

/// A language readiness speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Sv,
}

impl Lang {
    /// The language a rubric is written in (`sv`, `sv-SE`, `svenska` → Swedish; anything else
    /// English).
    pub fn of_rubric(language: &str) -> Lang {
        let code = language.trim().to_lowercase();
        if code == "sv" || code.starts_with("sv-") || code.starts_with("sv_") || code == "svenska" {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    /// The language asked for (`--lang`, `READINESS_LANG`), else the rubric's, so that
    /// `--rubric crm6-sv` speaks Swedish.
    pub fn asked_or_rubric(asked: Option<Lang>, rubric_language: &str) -> Lang {
        asked.unwrap_or_else(|| Lang::of_rubric(rubric_language))
    }

    fn catalogue(self) -> &'static HashMap<String, String> {
        match self {
            Lang::En => &EN,
            Lang::Sv => &SV,
        }
    }

    /// The text of `key` (`table.municipality`). A key missing from the catalogue (a test keeps
    /// this from happening) gives the English text, else the key itself.
    pub fn text(self, key: &str) -> &'static str {
        self.catalogue()
            .get(key)
            .or_else(|| EN.get(key))
            .map_or("", String::as_str)
    }

    /// Every text of the section `prefix` (`report`) by its key inside the section
    /// (`title`, `month.m1`): what a template reads its words from.
    pub fn section(self, prefix: &str) -> std::collections::BTreeMap<String, &'static str> {
        let prefix = format!("{prefix}.");
        EN.keys()
            .filter_map(|k| {
                k.strip_prefix(&prefix)
                    .map(|inner| (inner.to_string(), self.text(k)))
            })
            .collect()
    }

    /// The text of `key` with each `{name}` replaced by its value in `args`.
    pub fn fill(self, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        let mut out = String::with_capacity(self.text(key).len() + 16);
        // Writing to a `String` does not fail.
        let _ = self.write_filled(&mut out, key, args);
        out
    }

    /// [`Lang::fill`] written straight to `out`, with no text of its own in between: a message
    /// is filled for each of tens of thousands of warnings.
    pub fn write_filled(
        self,
        out: &mut dyn fmt::Write,
        key: &str,
        args: &[(&str, &dyn fmt::Display)],
    ) -> fmt::Result {
        let mut rest = self.text(key);
        // Braces are ASCII: found by memchr, not by a `char` searcher.
        while let Some(open) = memchr::memchr(b'{', rest.as_bytes()) {
            out.write_str(&rest[..open])?;
            let after = &rest[open + 1..];
            match memchr::memchr(b'}', after.as_bytes()) {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => write!(out, "{value}")?,
                        None => out.write_str(&rest[open..open + close + 2])?,
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.write_str(&rest[open..])?;
                    rest = "";
                }
            }
        }
        out.write_str(rest)
    }

    /// A number as this language writes it: `3.67` in English, `3,67` in Swedish (also in
    /// intervals, `3,0–4,5`).
    pub fn number(self, plain: &str) -> String {
        let mut out = String::with_capacity(plain.len());
        let _ = fmt::Write::write_str(&mut self.numbers(&mut out), plain);
        out
    }

    /// `out`, taking numbers' plain text (`3.67`) as this language writes numbers
    /// ([`Lang::number`]).
    pub fn numbers<W: fmt::Write + ?Sized>(self, out: &mut W) -> Numbers<'_, W> {
        Numbers { lang: self, out }
    }

    /// The text of `key` for one thing, or of `key` + `_many` for any other count.
    pub fn count(self, key: &str, n: usize, args: &[(&str, &dyn fmt::Display)]) -> String {
        let mut all: Vec<(&str, &dyn fmt::Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        if n == 1 {
            self.fill(key, &all)
        } else {
            self.fill(&format!("{key}_many"), &all)
        }
    }
}

/// A writer of numbers' plain text in a language ([`Lang::numbers`]): the decimal point becomes
/// the language's decimal mark on the way.
#[derive(Debug)]
pub struct Numbers<'a, W: ?Sized> {
    lang: Lang,
    out: &'a mut W,
}

impl<W: fmt::Write + ?Sized> fmt::Write for Numbers<'_, W> {
    fn write_str(&mut self, plain: &str) -> fmt::Result {
        match self.lang {
            Lang::En => self.out.write_str(plain),
            Lang::Sv => {
                for (i, part) in plain.split('.').enumerate() {
                    if i > 0 {
                        self.out.write_char(',')?;
                    }
                    self.out.write_str(part)?;
                }
                Ok(())
            }
        }
    }
}

/// An error whose text is already in `lang`, so that the `error:` line `main` prints is in the
/// same language (`fel: …`); the language of a run is known only once its rubric is loaded.
#[derive(Debug)]
pub struct Spoken {
    pub lang: Lang,
    pub text: String,
}

impl fmt::Display for Spoken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::error::Error for Spoken {}

static EN: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse(include_str!("en.toml")));
static SV: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse(include_str!("sv.toml")));

/// A catalogue file as `section.key` → text. The files are part of the program; one that does
/// not parse fails every test.
fn parse(source: &str) -> HashMap<String, String> {
    let table: toml::Table = source.parse().unwrap_or_default();
    let mut out = HashMap::default();
    flatten("", &table, &mut out);
    out
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (key, value) in table {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::String(text) => {
                out.insert(path, text.clone());
            }
            toml::Value::Table(inner) => flatten(&path, inner, out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(text: &str) -> BTreeSet<String> {
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(name, _)| name.to_string()))
            .collect()
    }

    #[test]
    fn both_catalogues_parse_and_have_the_same_keys_and_placeholders() {
        assert!(include_str!("en.toml").parse::<toml::Table>().is_ok());
        assert!(include_str!("sv.toml").parse::<toml::Table>().is_ok());
        assert!(EN.len() > 50, "{} English texts", EN.len());
        let en: BTreeSet<&String> = EN.keys().collect();
        let sv: BTreeSet<&String> = SV.keys().collect();
        let only_en: Vec<_> = en.difference(&sv).collect();
        let only_sv: Vec<_> = sv.difference(&en).collect();
        assert!(only_en.is_empty(), "no Swedish text for {only_en:?}");
        assert!(only_sv.is_empty(), "no English text for {only_sv:?}");
        for (key, text) in EN.iter() {
            assert_eq!(
                placeholders(text),
                placeholders(&SV[key]),
                "placeholders of `{key}` differ"
            );
            assert!(
                !SV[key].trim().is_empty() || text.trim().is_empty(),
                "`{key}` empty"
            );
        }
    }

    /// Every `text("…")`, `fill("…"` and `count("…"` in the source names a key of the catalogue.
    #[test]
    fn every_key_the_code_asks_for_exists() {
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(src)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let mut asked = 0;
        let mut missing = Vec::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            for call in [".text(\"", ".fill(\"", ".count(\""] {
                for piece in source.split(call).skip(1) {
                    let Some((key, _)) = piece.split_once('"') else {
                        continue;
                    };
                    if key.contains('.') && !key.contains(' ') {
                        asked += 1;
                        if !EN.contains_key(key) {
                            missing.push(format!("{}: {key}", file.display()));
                        }
                        if call == ".count(\"" && !EN.contains_key(&format!("{key}_many")) {
                            missing.push(format!("{}: {key}_many", file.display()));
                        }
                    }
                }
            }
        }
        assert!(asked > 20, "only {asked} keys found in the source");
        assert!(
            missing.is_empty(),
            "keys not in the catalogue:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn placeholders_are_filled_and_numbers_written_as_the_language_does() {
        assert_eq!(Lang::of_rubric("sv"), Lang::Sv);
        assert_eq!(Lang::of_rubric("sv-SE"), Lang::Sv);
        assert_eq!(Lang::of_rubric("en"), Lang::En);
        assert_eq!(
            Lang::Sv.fill("table.detail_heading", &[("group", &"Kinda")]),
            "Kinda: sammanvägd poäng per intervju"
        );
        assert_eq!(Lang::Sv.number("3.67–4.50"), "3,67–4,50");
        assert_eq!(Lang::En.number("3.67"), "3.67");
        assert_eq!(
            Lang::Sv.count("warning.few_interviews", 1, &[("minimum", &4)]),
            "1 intervju, färre än rubrikens minimum 4"
        );
        assert_eq!(
            Lang::Sv.count("warning.few_interviews", 3, &[("minimum", &4)]),
            "3 intervjuer, färre än rubrikens minimum 4"
        );
    }
}
