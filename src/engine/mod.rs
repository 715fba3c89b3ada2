//! The engine: reading rows fast and storing every score read, in one place, behind a plain
//! interface — [`store::Sheet::insert`] while reading, [`store::Sheet::seal`] when reading ends,
//! then [`store::Sheet::groups`] and each interview's scores ([`store::Sheet::cell`],
//! [`store::Sheet::scores`]).
//!
//! - [`records`]: CSV records, split by an own reader (eight bytes at a time where no quotes);
//! - [`rows`]: the records read on a second thread and handed over in batches, each row looked
//!   at ahead (blank? ragged? the number of its key cells; a long file's dimension and
//!   score);
//! - [`keys`]: rows' key cells as bytes, found again by one hash ([`keys::KeyTable`]): numbered
//!   on the parsing thread, and in the store for rows from other sources;
//! - [`store`]: the [`store::Sheet`]: every score in one flat array in read order, its
//!   interview found by the number of its key cells in an array, and grouped by interview
//!   once, when reading ends.
//!
//! What it is for: a speed that is a property of the design, not of the order of the input.
//! Measured on 2026-12-03 at 10^6 rows against the per-interview store it replaced, run for run
//! on the same (busy) machine: rows in random order 25% less CPU time and 37% less wall time;
//! the sorted shapes 2–3% more instructions (up to 12% more CPU time); peak memory 40–58 MiB
//! for every shape but the one with 61 000 warnings. Numbering the key cells on the parsing
//! thread, a batch at a time, and reading what a batch's numbers name before its rows come
//! (2026-12-03, third session) took rows in random order from 11× the bare CSV parse to 6×
//! and left the sorted shapes as they were. docs/performance.md has the tables.

pub mod keys;
pub mod records;
pub mod rows;
pub mod store;
