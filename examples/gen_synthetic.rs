//! Generates synthetic (random, invented) inputs for benchmarks: a long scores file or a
//! coded-segments file of a given number of data rows, written to standard output.
//!
//! ```sh
//! cargo run --release --example gen_synthetic -- scores 1000000 > /tmp/scores-1e6.csv
//! cargo run --release --example gen_synthetic -- coded 10000000 > /tmp/coded-1e7.csv
//! ```
//!
//! Scores: per interview, two scorers and a consensus row for each of six dimensions (18 rows),
//! five interviews per municipality and round, two rounds. Coded: per interview and coder 200
//! coded segments (a long transcript coded sentence by sentence): anchor codes clustered around a
//! level per dimension, partly/not-met markers, other codes, ~60 characters of text; two coders,
//! five interviews per municipality. Groups grow with rows, as in real data.
//!
//! County (`county`, `shuffled`, `blocks`, `before`): the same number of rows in another,
//! equally plausible shape — a county's 290 municipalities over 10 rounds — sorted, shuffled,
//! in two scorer blocks, or before the consensus meeting (no consensus rows); see [`county`].

use std::io::{self, BufWriter, Write};

/// A small, fast, deterministic generator (xorshift64*), so runs are reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DIMS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

fn scores(rows: u64, out: &mut impl Write, rng: &mut Rng) -> io::Result<()> {
    writeln!(out, "municipality,round,interview,scorer,dimension,score")?;
    let mut written = 0;
    let mut interview = 0u64;
    while written < rows {
        let m = interview / 10;
        let round = 2025 + (interview / 5) % 2;
        let base: Vec<u64> = (0..6).map(|_| 4 + rng.below(8)).collect(); // half-levels 2..5.5
        'interview: for (d, dim) in DIMS.iter().enumerate() {
            for scorer in ["Anna", "Erik", "consensus"] {
                if written == rows {
                    break 'interview;
                }
                let halves = (base[d] + rng.below(3)).clamp(2, 18);
                let score = if halves.is_multiple_of(2) {
                    format!("{}", halves / 2)
                } else {
                    format!("{}.5", halves / 2)
                };
                writeln!(
                    out,
                    "Kommun {m},{round},K{interview},{scorer},{dim},{score}"
                )?;
                written += 1;
            }
        }
        interview += 1;
    }
    Ok(())
}

fn coded(rows: u64, out: &mut impl Write, rng: &mut Rng) -> io::Result<()> {
    writeln!(out, "municipality,interview,coder,question,code,segment")?;
    let mut written = 0;
    let mut interview = 0u64;
    while written < rows {
        let m = interview / 5;
        for coder in ["Maria", "Johan"] {
            // What this coder reads in this interview: a level per dimension; codes cluster
            // around it, as when a transcript is coded sentence by sentence.
            let levels: Vec<u64> = (0..6).map(|_| 2 + rng.below(5)).collect();
            for _ in 0..SEGMENTS {
                if written == rows {
                    return Ok(());
                }
                let d = rng.below(6) as usize;
                let (dim, level) = (DIMS[d], levels[d]);
                let code = match rng.below(20) {
                    0..=5 => format!("Readiness\\{dim}{level}"),
                    6..=10 => format!("Readiness\\{dim}{}", level - 1),
                    11..=13 => format!("{dim}{}~", level + 1),
                    14..=15 => format!("-{dim}{}", level + 2),
                    16 => "Följ upp".to_string(),
                    _ => "Citat".to_string(),
                };
                let q = 1 + rng.below(30);
                writeln!(
                    out,
                    "Kommun {m},K{interview},{coder},{q},{code},\"Påhittat segment nummer {written} om insatser för barn och unga\""
                )?;
                written += 1;
            }
        }
        interview += 1;
    }
    Ok(())
}

/// Coded segments per interview and coder.
const SEGMENTS: u64 = 200;

/// How the rows of a [`county`] file are ordered.
#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// By municipality, round and interview; each scorer's six rows together.
    Sorted,
    /// The same rows in a random order.
    Shuffled,
    /// All of the first scorer's rows, then all of the second's (two exports pasted together).
    Blocks,
}

/// A long scores file shaped like a county's real rounds, not like the benchmark's first file:
/// 290 municipalities × 10 rounds, interviews `I0`, `I1`, … in every group, scores written `5.0`
/// and `5.5`, a consensus row only where the scorers are more than one level apart (none at all
/// `before` the consensus meeting), in the given order.
fn county(
    rows: u64,
    order: Order,
    before: bool,
    out: &mut impl Write,
    rng: &mut Rng,
) -> io::Result<()> {
    const GROUPS: u64 = 290 * 10;
    // About 12.3 rows per interview: two scorers × six dimensions, and a few consensus rows.
    let per_group = (rows / GROUPS / 12).max(1);
    let mut lines: Vec<(u8, String)> = Vec::new();
    let mut written = 0;
    'all: for m in 0..290 {
        for round in 0..10 {
            for i in 0..per_group {
                let base: Vec<u64> = (0..6).map(|_| 4 + rng.below(10)).collect();
                let mut given = [[0u64; 6]; 2];
                for (s, scorer) in ["Anna", "Erik"].iter().enumerate() {
                    for (d, dim) in DIMS.iter().enumerate() {
                        if written == rows {
                            break 'all;
                        }
                        let halves = (base[d] + rng.below(4)).clamp(2, 18);
                        given[s][d] = halves;
                        let line = format!(
                            "Kommun {m},omgång {round},I{i},{scorer},{dim},{}.{}",
                            halves / 2,
                            if halves.is_multiple_of(2) { 0 } else { 5 }
                        );
                        lines.push((s as u8, line));
                        written += 1;
                    }
                }
                for (d, dim) in DIMS.iter().enumerate() {
                    if before || given[0][d].abs_diff(given[1][d]) <= 2 || written == rows {
                        continue;
                    }
                    let halves = given[0][d].min(given[1][d]) + 1;
                    let line = format!(
                        "Kommun {m},omgång {round},I{i},consensus,{dim},{}.{}",
                        halves / 2,
                        if halves.is_multiple_of(2) { 0 } else { 5 }
                    );
                    lines.push((2, line));
                    written += 1;
                }
            }
        }
    }
    match order {
        Order::Sorted => {}
        Order::Shuffled => {
            for i in (1..lines.len()).rev() {
                lines.swap(i, rng.below(i as u64 + 1) as usize);
            }
        }
        // A stable sort: each scorer's rows keep their order.
        Order::Blocks => lines.sort_by_key(|(s, _)| *s),
    }
    writeln!(out, "municipality,round,interview,scorer,dimension,score")?;
    for (_, line) in &lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: gen_synthetic scores|coded|county|shuffled|blocks|before ROWS";
    let kind = args.get(1).map(String::as_str).unwrap_or_default();
    let rows: u64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or_else(|| {
        eprintln!("{usage}");
        std::process::exit(2)
    });
    let mut out = BufWriter::new(io::stdout().lock());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    match kind {
        "scores" => scores(rows, &mut out, &mut rng)?,
        "coded" => coded(rows, &mut out, &mut rng)?,
        "county" => county(rows, Order::Sorted, false, &mut out, &mut rng)?,
        "shuffled" => county(rows, Order::Shuffled, false, &mut out, &mut rng)?,
        "blocks" => county(rows, Order::Blocks, false, &mut out, &mut rng)?,
        "before" => county(rows, Order::Sorted, true, &mut out, &mut rng)?,
        _ => {
            eprintln!("{usage}");
            std::process::exit(2)
        }
    }
    out.flush()
}
