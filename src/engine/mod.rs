//! The engine: reading rows fast and storing every score read, in one place, behind a plain
//! interface — [`store::Sheet::insert`] while reading, [`store::Sheet::seal`] when reading ends,
//! then [`store::Sheet::groups`] and each interview's scores ([`store::Sheet::cell`],
//! [`store::Sheet::scores`]).
//!
//! - [`records`]: CSV records, split by an own reader (eight bytes at a time where no quotes);
//! - [`rows`]: the records read on a second thread and handed over in batches, each row looked
//!   at ahead (blank? ragged? placed as the row before? a long file's dimension and score);
//! - [`store`]: the [`store::Sheet`]: every score in one flat array in read order, found by one
//!   hash of the raw key cells per row and grouped by interview once, when reading ends.
//!
//! What it is for: a speed that is a property of the design, not of the order of the input.
//! Measured on 2026-12-03 at 10^6 rows against the per-interview store it replaced, run for run
//! on the same (busy) machine: rows in random order 25% less CPU time and 37% less wall time;
//! the sorted shapes 2–3% more instructions (up to 12% more CPU time); peak memory 40–58 MiB
//! for every shape but the one with 61 000 warnings. docs/performance.md has the tables.

pub mod records;
pub mod rows;
pub mod store;
