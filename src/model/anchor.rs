//! What a coded segment says about an anchored statement: met, partly met or not met. The rule
//! that turns such codes into a score is [`crate::domain::coding`]'s.

/// What a code says about its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `A4`: the statement is met.
    Met,
    /// `A4~`: the statement is partly met.
    Partly,
    /// `-A4`: evidence that the statement is not met.
    NotMet,
}

impl Kind {
    /// The code as an analyst writes it for `anchor`.
    pub fn code(self, anchor: &str) -> String {
        match self {
            Kind::Met => anchor.to_string(),
            Kind::Partly => format!("{anchor}~"),
            Kind::NotMet => format!("-{anchor}"),
        }
    }
}
