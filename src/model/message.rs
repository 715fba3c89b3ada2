//! A reader's warning or note kept as data until it is shown: a catalogue key and its
//! arguments, said in the language of the person who reads it (`text(lang)`). `Display` is the
//! English text, which JSON carries (a string per warning, as before), so scripts that read
//! `warnings` and `notes` see the same words whatever `--lang` is.

use crate::lang::Lang;
use crate::model::key::GroupKey;
use crate::model::loc::Places;
use serde::{Serialize, Serializer};
use std::fmt;

/// One warning or note: the text of `key` in the catalogue (`key` + `_many` when `count` is not
/// one), with each `{name}` filled by its argument in the same language.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    key: &'static str,
    count: Option<usize>,
    args: Vec<(&'static str, Arg)>,
}

/// An argument of a [`Message`], said in the message's language.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text as given: a file name, a code, a name from the data.
    Text(String),
    /// A plain decimal (`4.5`): a decimal comma in Swedish.
    Number(String),
    /// A word of the catalogue (`input.field.municipality`).
    Word(&'static str),
    /// Places in files (`s.csv lines 8, 9`).
    Places(Places),
    /// A group (municipality, round, issue), named as messages in the language name it.
    Group(GroupKey),
    /// Another message, in the same language.
    Message(Box<Message>),
    /// Messages joined by a separator (the same in every language).
    List(Vec<Message>, &'static str),
}

impl Message {
    /// The message of `key`.
    pub fn new(key: &'static str) -> Message {
        Message {
            key,
            count: None,
            args: Vec::new(),
        }
    }

    /// The message of `key` for `n` things: `key` when `n` is one, else `key_many`; `{n}` is `n`.
    pub fn counted(key: &'static str, n: usize) -> Message {
        Message {
            count: Some(n),
            ..Message::new(key)
        }
    }

    /// With `{name}` filled by `value`.
    pub fn with(mut self, name: &'static str, value: Arg) -> Message {
        self.args.push((name, value));
        self
    }

    /// With `{name}` filled by text as given.
    pub fn text_arg(self, name: &'static str, value: impl fmt::Display) -> Message {
        self.with(name, Arg::Text(value.to_string()))
    }

    /// This message after its group's name (`Ödeshög, omgång 2: …`).
    pub fn of_group(self, key: GroupKey) -> Message {
        Message::new("read.labelled")
            .with("group", Arg::Group(key))
            .with("message", Arg::Message(Box::new(self)))
    }

    /// The message as a person reads it in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.text(lang)))
            .collect();
        let args: Vec<(&str, &dyn fmt::Display)> = values
            .iter()
            .map(|(name, value)| (*name, value as &dyn fmt::Display))
            .collect();
        match self.count {
            Some(n) => lang.count(self.key, n, &args),
            None => lang.fill(self.key, &args),
        }
    }
}

/// Each message as `lang` says it.
pub fn said(messages: &[Message], lang: Lang) -> Vec<String> {
    messages.iter().map(|m| m.text(lang)).collect()
}

impl Arg {
    fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Number(plain) => lang.number(plain),
            Arg::Word(key) => lang.text(key).to_string(),
            Arg::Places(places) => places.text(lang),
            Arg::Message(m) => m.text(lang),
            Arg::Group(key) => key.label(lang),
            Arg::List(items, sep) => {
                let each: Vec<String> = items.iter().map(|m| m.text(lang)).collect();
                each.join(sep)
            }
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_english_for_display_and_json_and_swedish_when_asked() {
        let m = Message::new("read.no_rows")
            .text_arg("file", "tom.csv")
            .with("what", Arg::Word("input.no_rows"));
        assert_eq!(m.to_string(), "tom.csv: no data rows, only the header");
        assert_eq!(
            m.text(Lang::Sv),
            "tom.csv: inga datarader, bara rubrikraden"
        );
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            "\"tom.csv: no data rows, only the header\""
        );
    }

    #[test]
    fn a_counted_message_takes_the_form_of_its_count() {
        let one = Message::counted("read.uncoded", 1).text_arg("at", "c.csv:3");
        let two = Message::counted("read.uncoded", 2).text_arg("at", "c.csv:3");
        assert!(
            one.to_string().starts_with("1 coded-segment row has"),
            "{one}"
        );
        assert!(
            two.to_string().starts_with("2 coded-segment rows have"),
            "{two}"
        );
    }

    #[test]
    fn arguments_are_said_in_the_language_of_their_message() {
        assert_eq!(Arg::Number("4.5".into()).text(Lang::Sv), "4,5");
        assert_eq!(Arg::Number("4.5".into()).text(Lang::En), "4.5");
        let item = |code: &str| {
            Message::new("read.other_code")
                .text_arg("code", code)
                .text_arg("n", 2)
        };
        let list = Arg::List(vec![item("Citat"), item("Följ upp")], ", ");
        assert_eq!(list.text(Lang::Sv), "Citat ×2, Följ upp ×2");
        let nested = Message::new("read.no_score_on")
            .with(
                "cell",
                Arg::Message(Box::new(
                    Message::new("read.coded_cell")
                        .text_arg("interview", "I1")
                        .text_arg("coder", "Åsa"),
                )),
            )
            .text_arg("list", "A");
        assert_eq!(
            nested.text(Lang::Sv),
            "intervju `I1`, kodare `Åsa`: ingen poäng på dimension A"
        );
    }
}
