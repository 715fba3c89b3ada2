//! A step of the change ladder (förändringstrappan) as the rubric describes it: its level, name,
//! what it means and the goal of the work at that stage. A result carries the stage its overall
//! score reached ([`crate::domain::score`]'s rule 4: the score rounded down).

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;

/// One stage of the ladder, from the rubric's `[[stages]]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stage {
    pub level: u32,
    pub name: String,
    pub meaning: String,
    pub goal: String,
    /// Short, concrete actions that fit this stage (at least one in a valid rubric).
    pub strategies: Vec<String>,
    /// By dimension id: actions for a municipality whose lowest dimension is that one, at this
    /// stage.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub dimension_strategies: BTreeMap<String, Vec<String>>,
}

impl Stage {
    /// The level as the stage arithmetic has it (a floor of an exact score).
    pub fn number(&self) -> i64 {
        i64::from(self.level)
    }
}

/// A reached stage in a result's JSON, as the stable API has it since the first release:
/// `"stage": level, "stage_name": name` (both `null` without a stage); meaning and goal are the
/// rubric's, in `readiness rubric show`.
pub fn as_level_and_name<S: Serializer>(
    stage: &Option<std::sync::Arc<Stage>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(2))?;
    map.serialize_entry("stage", &stage.as_ref().map(|st| st.level))?;
    map.serialize_entry("stage_name", &stage.as_ref().map(|st| &st.name))?;
    map.end()
}
