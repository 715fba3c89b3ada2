//! The floor for benchmarks: a bare loop that only parses a CSV file with the `csv` crate
//! (byte records, no decoding, no scoring) and counts the records, on one thread. The benchmark
//! reports how far above it `readiness` is, which also checks, decodes and scores every row.
//!
//! ```sh
//! cargo run --release --example csv_floor -- /tmp/scores-1e6.csv
//! ```

use std::fs::File;
use std::io::BufReader;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: csv_floor FILE")?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(BufReader::with_capacity(64 * 1024, File::open(path)?));
    let mut record = csv::ByteRecord::new();
    let mut rows = 0u64;
    let mut bytes = 0usize;
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        bytes += record.as_slice().len();
    }
    println!("{rows} rows, {bytes} field bytes");
    Ok(())
}
