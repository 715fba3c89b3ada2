//! The engine: reading rows fast and storing every score read, behind a plain interface.
//!
//! - [`records`] and [`rows`]: CSV records split on a second thread, handed over in batches;
//! - [`store`]: the [`store::Sheet`] — insert a score, then read back groups and their scores.

pub mod records;
pub mod rows;
pub mod store;
