//! The model's rules, each in one place: how scores combine into a stage ([`score`]), how coded
//! segments become scores ([`coding`]), how well scorers agree ([`agreement`]), what the
//! consensus meeting works through ([`consensus`]), and what a change of rubric does to known
//! data ([`rubric_effect`]), and which dimensions a plan works on first ([`plan`]).
//!
//! Domain code reads the score store and the rubric and returns typed results; it never
//! imports the command line, a command or a renderer.

pub mod agreement;
pub mod coding;
pub mod consensus;
pub mod plan;
pub mod report;
pub mod rounds;
pub mod rubric_effect;
pub mod score;
