//! In-process benchmarks of reading, scoring and scorer agreement (divan): `cargo bench`.
//! End-to-end timings of the release binary against the csv-parsing floor are in
//! `scripts/bench.py`; the figures are in `docs/performance.md`.

use readiness::domain::score::{ScoreOptions, score};
use readiness::engine::store::Sheet;
use readiness::input::{ReadOptions, read_all};
use readiness::rubric::Rubric;
use std::fmt::Write;

fn main() {
    divan::main();
}

/// A long scores file of `rows` rows: two scorers and consensus per interview and dimension.
fn scores_csv(rows: usize) -> String {
    let mut out = String::from("municipality,interview,scorer,dimension,score\n");
    for n in 0..rows {
        let (cell, scorer) = (n / 3, ["Anna", "Erik", "consensus"][n % 3]);
        let (interview, dim) = (cell / 6, ["A", "B", "C", "D", "E", "F"][cell % 6]);
        let score = 2.0 + ((n * 7) % 9) as f64 / 2.0;
        let _ = writeln!(
            out,
            "Kommun {},K{interview},{scorer},{dim},{score}",
            interview / 5
        );
    }
    out
}

/// A coded-segments file of `rows` rows: 100 segments per interview and coder.
fn coded_csv(rows: usize) -> String {
    let mut out = String::from("municipality,interview,coder,code\n");
    for n in 0..rows {
        let (cell, coder) = (n / 100, ["Maria", "Johan"][(n / 100) % 2]);
        let interview = cell / 2;
        let dim = ["A", "B", "C", "D", "E", "F"][n % 6];
        let code = match n % 10 {
            0 => format!("-{dim}{}", 3 + n % 5),
            1 => format!("{dim}{}~", 2 + n % 5),
            2 => "Citat".to_string(),
            _ => format!("Readiness\\{dim}{}", 1 + n % 4),
        };
        let _ = writeln!(out, "Kommun {},K{interview},{coder},{code}", interview / 5);
    }
    out
}

fn run(path: &str, rubric: &Rubric) -> usize {
    let mut sheet = Sheet::new(rubric.dimensions.len());
    read_all(
        &[path.to_string()],
        rubric,
        &ReadOptions::default(),
        &mut sheet,
    )
    .expect("valid input");
    score(&sheet, rubric, ScoreOptions::default()).len()
}

/// Reads and scores `contents` (written to a temporary file) `rows` rows at a time.
fn bench_file(bencher: divan::Bencher, rows: usize, contents: String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.csv");
    std::fs::write(&path, contents).unwrap();
    let path = path.to_string_lossy().into_owned();
    let rubric = Rubric::load("crm6").unwrap();
    bencher
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| run(&path, &rubric));
}

#[divan::bench(args = [10_000, 100_000])]
fn scores(bencher: divan::Bencher, rows: usize) {
    bench_file(bencher, rows, scores_csv(rows));
}

#[divan::bench(args = [10_000, 100_000])]
fn coded(bencher: divan::Bencher, rows: usize) {
    bench_file(bencher, rows, coded_csv(rows));
}

/// `readiness agreement` on a read sheet: every statistic per dimension and pooled, exact sums.
#[divan::bench(args = [10_000, 100_000])]
fn agreement(bencher: divan::Bencher, rows: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.csv");
    std::fs::write(&path, scores_csv(rows)).unwrap();
    let rubric = Rubric::load("crm6").unwrap();
    let mut sheet = Sheet::new(rubric.dimensions.len());
    read_all(
        &[path.to_string_lossy().into_owned()],
        &rubric,
        &ReadOptions::default(),
        &mut sheet,
    )
    .expect("valid input");
    bencher
        .counter(divan::counter::ItemsCount::new(rows))
        .bench(|| {
            readiness::domain::agreement::agreement(&sheet, &rubric, false)
                .pooled
                .items
        });
}
