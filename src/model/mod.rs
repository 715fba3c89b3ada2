//! The tool's shared words, below every other module: a group's key and its one order
//! ([`key`]), and the warnings a result carries, as data whose `Display` is the text a person
//! reads ([`warning`]).

pub mod accounting;
pub mod anchor;
pub mod column;
pub mod date;
pub mod key;
pub mod loc;
pub mod message;
pub mod number;
pub mod stage;
pub mod warning;

pub use key::GroupKey;
pub use message::Message;
pub use warning::Warning;
