//! The report's two charts, as geometry: the county's ladder (nine steps, each municipality at
//! its overall score with its interval as a bar) and a municipality's dimensions (each score
//! with its interval over the stage bands). This module only places things — every coordinate,
//! line of text and colour is computed and tested here — and the templates
//! (`templates/charts.html`) write them as SVG elements with auto-escaping, so no markup is built
//! in Rust. Text is set in the generic `sans-serif` family: no font file is named or fetched.
//!
//! Both charts share one horizontal scale: a score `s` of a rubric with `levels` levels sits at
//! `left + (s − 1) / levels × width`, clamped to the scale, so stage `k` is the band from `k` to
//! `k + 1` and a 4.9 is drawn just below the line of stage 5.

use serde::Serialize;

/// The chart's width in SVG units (its `viewBox`); the page scales it to fit.
pub const WIDTH: f64 = 800.0;

/// The fills of the nine steps, light to dark (ColorBrewer "Blues", a sequential scheme that
/// reads the same to the colour-blind and in grey); each band is also labelled with its number
/// and name, so colour is never the only carrier.
const STEP_FILLS: [&str; 9] = [
    "#f7fbff", "#eaf3fb", "#deebf7", "#d2e4f3", "#c6dbef", "#b4d3e9", "#9ecae1", "#8cbfdd",
    "#78b3d8",
];

/// Rounded to a tenth of a unit: stable output, no noise digits.
fn r(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The fill of step `level` (1-based; a rubric with more levels repeats the darkest).
fn fill(level: u32) -> &'static str {
    STEP_FILLS[(level.max(1) as usize - 1).min(STEP_FILLS.len() - 1)]
}

/// The horizontal scale of scores `1 ..= levels + 1` over `left ..= right`.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub left: f64,
    pub right: f64,
    pub levels: u32,
}

impl Scale {
    /// Where score `s` is drawn, clamped to the scale.
    pub fn x(&self, s: f64) -> f64 {
        let top = f64::from(self.levels) + 1.0;
        let s = s.clamp(1.0, top);
        r(self.left + (s - 1.0) / f64::from(self.levels) * (self.right - self.left))
    }

    fn band_width(&self) -> f64 {
        (self.right - self.left) / f64::from(self.levels)
    }
}

/// A line of text at a place, with its size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub text: String,
}

/// A rectangle with its fill.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub fill: &'static str,
}

/// One stage: its band (or step) and its number and name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub level: u32,
    pub rect: Rect,
    pub number: Text,
    pub name: Vec<Text>,
}

/// A score on a row: the dot, the interval's bar and the earlier round's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The row's middle.
    pub y: f64,
    pub label: Vec<Text>,
    pub dot: Option<f64>,
    pub bar: Option<[f64; 2]>,
    /// The earlier round's score, drawn hollow with a line to the dot.
    pub earlier: Option<f64>,
    pub value: Text,
    /// A row to work on first: a stripe behind its label, a ▶ before it and the label bold.
    pub focus: bool,
    /// The row's text alternative (its SVG `<title>`).
    pub title: String,
}

/// What a chart is given for one row, in words already in the report's language.
#[derive(Debug, Clone, Default)]
pub struct Point {
    pub label: String,
    pub score: Option<f64>,
    pub ci: Option<[f64; 2]>,
    pub earlier: Option<f64>,
    /// The score as shown beside the row (`4,48`).
    pub value: String,
    pub focus: bool,
    pub title: String,
}

/// A vertical line across the rows with its label (the overall score on the dimension chart).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Marker {
    pub x: f64,
    pub y1: f64,
    pub y2: f64,
    pub label: Text,
}

/// A chart: bands (or steps) behind, rows on them, an axis below.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub width: f64,
    pub height: f64,
    /// The staircase above the rows (the ladder), or none (the dimension chart labels its bands
    /// at the top instead).
    pub steps: Vec<Band>,
    /// The stage bands behind the rows.
    pub bands: Vec<Band>,
    pub rows: Vec<Row>,
    /// Left edge and width of the stripe behind a focus row's label.
    pub stripe: [f64; 2],
    pub row_height: f64,
    pub marker: Option<Marker>,
    pub ticks: Vec<Text>,
    pub title: String,
    pub desc: String,
}

/// Breaks `text` into lines of at most `max` characters, at spaces and after a `/` (a longer
/// word stays whole on its own line).
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        // A lone `/` stays with the word before it: `Denial /`, never a line starting `/`.
        if word == "/"
            && let Some(last) = words.last_mut()
        {
            last.push_str(" /");
            continue;
        }
        let mut rest = word;
        while let Some(at) = rest.find('/').filter(|&at| at + 1 < rest.len()) {
            words.push(rest[..=at].to_string());
            rest = &rest[at + 1..];
        }
        words.push(rest.to_string());
    }
    let mut lines: Vec<String> = Vec::new();
    for word in words {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                if !line.ends_with('/') {
                    line.push(' ');
                }
                line.push_str(&word);
            }
            _ => lines.push(word),
        }
    }
    lines
}

/// A font size for `text` to fit `width` units: `size`, or smaller for a long word (a character
/// of sans-serif is about 0.55 of the size wide).
fn fitted(text: &str, width: f64, size: f64) -> f64 {
    let chars = text.chars().count().max(1) as f64;
    r(size.min(width * 0.95 / (chars * 0.55)))
}

/// The stage bands of `scale` from `top` to `bottom`, numbered at `number_y` and named from
/// `name_y` down (lines of `names`, wrapped to the band).
fn bands(
    scale: &Scale,
    names: &[String],
    top: f64,
    bottom: f64,
    number_y: f64,
    name_y: f64,
) -> Vec<Band> {
    let w = scale.band_width();
    let per_line = ((w / (9.0 * 0.55)).floor() as usize).max(4);
    (1..=scale.levels)
        .map(|level| {
            let x = scale.x(f64::from(level));
            let centre = r(x + w / 2.0);
            let name = names.get(level as usize - 1).map_or("", String::as_str);
            Band {
                level,
                rect: Rect {
                    x,
                    y: r(top),
                    w: r(w),
                    h: r(bottom - top),
                    fill: fill(level),
                },
                number: Text {
                    x: centre,
                    y: r(number_y),
                    size: 12.0,
                    text: level.to_string(),
                },
                name: wrap(name, per_line)
                    .into_iter()
                    .take(3)
                    .enumerate()
                    .map(|(i, line)| Text {
                        x: centre,
                        y: r(name_y + 10.0 * i as f64),
                        size: fitted(&line, w, 9.0),
                        text: line,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The rows of `points` from `top`, each `height` high, labels right-aligned at `label_x`.
fn rows(
    scale: &Scale,
    points: &[Point],
    top: f64,
    height: f64,
    label_x: f64,
    (label_chars, size): (usize, f64),
) -> Vec<Row> {
    points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let y = r(top + height * (i as f64 + 0.5));
            let label = if p.focus {
                format!("▶ {}", p.label)
            } else {
                p.label.clone()
            };
            let lines = wrap(&label, label_chars);
            let n = lines.len().min(2) as f64;
            Row {
                y,
                label: lines
                    .into_iter()
                    .take(2)
                    .enumerate()
                    .map(|(j, text)| Text {
                        x: label_x,
                        y: r(y + 4.0 + (size + 1.0) * (j as f64 - (n - 1.0) / 2.0)),
                        size,
                        text,
                    })
                    .collect(),
                dot: p.score.map(|s| scale.x(s)),
                bar: p.ci.map(|[lo, hi]| [scale.x(lo), scale.x(hi)]),
                earlier: p.earlier.map(|s| scale.x(s)),
                value: Text {
                    x: WIDTH - 6.0,
                    y: r(y + 4.0),
                    size,
                    text: p.value.clone(),
                },
                focus: p.focus,
                title: p.title.clone(),
            }
        })
        .collect()
}

/// The axis: each stage boundary's score, under the rows.
fn ticks(scale: &Scale, y: f64) -> Vec<Text> {
    (1..=scale.levels + 1)
        .map(|s| Text {
            x: scale.x(f64::from(s)),
            y: r(y),
            size: 10.0,
            text: s.to_string(),
        })
        .collect()
}

/// The county's ladder: the nine steps rising left to right with the stage `names`, and a row
/// per municipality at its overall score with its interval.
pub fn ladder(levels: u32, names: &[String], points: &[Point], title: &str, desc: &str) -> Chart {
    let scale = Scale {
        left: 170.0,
        right: 735.0,
        levels,
    };
    let base = 92.0;
    let row_height = 20.0;
    let top = base + 46.0;
    let bottom = top + row_height * points.len() as f64;
    let rise = (base - 18.0) / f64::from(levels);
    let steps = bands(&scale, names, 0.0, base, 0.0, base + 14.0)
        .into_iter()
        .map(|mut b| {
            let h = r(10.0 + rise * f64::from(b.level));
            b.rect.y = r(base - h);
            b.rect.h = h;
            b.number.y = r(base - h + 15.0);
            b
        })
        .collect();
    let bands = bands(&scale, names, top - 4.0, bottom + 2.0, 0.0, 0.0)
        .into_iter()
        .map(|mut b| {
            b.name.clear();
            b.number.text.clear();
            b
        })
        .collect();
    Chart {
        width: WIDTH,
        height: r(bottom + 24.0),
        steps,
        bands,
        rows: rows(
            &scale,
            points,
            top,
            row_height,
            scale.left - 8.0,
            (40, 12.5),
        ),
        stripe: [0.0, scale.left - 2.0],
        row_height,
        marker: None,
        ticks: ticks(&scale, bottom + 16.0),
        title: title.to_string(),
        desc: desc.to_string(),
    }
}

/// A municipality's dimensions: the stage bands, numbered and named at the top, a row per
/// dimension with its score and interval (and the earlier round's score), the dimensions to
/// work on first marked, and the overall score as a dashed line labelled `overall`.
pub fn dimensions(
    levels: u32,
    names: &[String],
    points: &[Point],
    overall: Option<(f64, String)>,
    title: &str,
    desc: &str,
) -> Chart {
    let scale = Scale {
        left: 210.0,
        right: 745.0,
        levels,
    };
    let row_height = 30.0;
    let top = 52.0;
    let bottom = top + row_height * points.len() as f64;
    Chart {
        width: WIDTH,
        height: r(bottom + 40.0),
        steps: Vec::new(),
        bands: bands(&scale, names, 0.0, bottom + 2.0, 14.0, 27.0),
        rows: rows(
            &scale,
            points,
            top,
            row_height,
            scale.left - 8.0,
            (28, 12.0),
        ),
        stripe: [0.0, scale.left - 2.0],
        row_height,
        marker: overall.map(|(score, label)| Marker {
            x: scale.x(score),
            y1: top - 4.0,
            y2: r(bottom + 4.0),
            label: Text {
                x: scale.x(score),
                y: r(bottom + 16.0),
                size: 10.0,
                text: label,
            },
        }),
        ticks: ticks(&scale, bottom + 32.0),
        title: title.to_string(),
        desc: desc.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        (1..=9).map(|i| format!("Stage name {i}")).collect()
    }

    #[test]
    fn the_scale_puts_each_stage_in_its_band_and_clamps() {
        let s = Scale {
            left: 100.0,
            right: 190.0,
            levels: 9,
        };
        assert_eq!(s.x(1.0), 100.0);
        assert_eq!(s.x(10.0), 190.0);
        assert_eq!(s.x(5.0), 140.0);
        // 4.9 is inside stage 4's band, just left of stage 5's line.
        assert!(s.x(4.9) < s.x(5.0) && s.x(4.9) > s.x(4.0));
        assert_eq!(s.x(0.0), 100.0);
        assert_eq!(s.x(12.0), 190.0);
    }

    #[test]
    fn names_wrap_at_spaces_and_slashes() {
        assert_eq!(
            wrap("High level of community ownership", 12),
            ["High level", "of community", "ownership"]
        );
        assert_eq!(
            wrap("Bekräftelse/utvidgning", 12),
            ["Bekräftelse/", "utvidgning"]
        );
        assert_eq!(wrap("Denial / resistance", 12), ["Denial /", "resistance"]);
        assert_eq!(
            wrap("Confirmation / expansion", 12),
            ["Confirmation /", "expansion"]
        );
        assert_eq!(wrap("Preplanning", 5), ["Preplanning"]);
        assert!(wrap("", 5).is_empty());
    }

    #[test]
    fn a_long_word_gets_a_smaller_font() {
        assert_eq!(fitted("Stage", 60.0, 9.0), 9.0);
        assert!(fitted("Stabilisering", 50.0, 9.0) < 9.0);
    }

    #[test]
    fn the_ladder_rises_and_places_every_municipality() {
        let points: Vec<Point> = [(4.9, [4.2, 5.3]), (2.0, [1.5, 2.5])]
            .iter()
            .map(|(s, ci)| Point {
                label: "Kinda".into(),
                score: Some(*s),
                ci: Some(*ci),
                value: s.to_string(),
                ..Point::default()
            })
            .collect();
        let chart = ladder(9, &names(), &points, "t", "d");
        assert_eq!(chart.steps.len(), 9);
        let heights: Vec<f64> = chart.steps.iter().map(|s| s.rect.h).collect();
        assert!(heights.windows(2).all(|w| w[0] < w[1]), "{heights:?}");
        assert_eq!(chart.rows.len(), 2);
        let first = &chart.rows[0];
        let [lo, hi] = first.bar.unwrap();
        let band5 = chart.bands[4].rect.x;
        // The interval crosses into stage 5, the dot stays below it.
        assert!(lo < first.dot.unwrap() && first.dot.unwrap() < band5 && band5 < hi);
        assert!(chart.rows[1].y > first.y);
        assert_eq!(chart.ticks.len(), 10);
        assert!(chart.height > chart.rows[1].y);
    }

    #[test]
    fn the_dimension_chart_marks_focus_and_overall() {
        let points = vec![
            Point {
                label: "A Community efforts".into(),
                score: Some(2.5),
                focus: true,
                ..Point::default()
            },
            Point {
                label: "B Knowledge".into(),
                score: None,
                ..Point::default()
            },
        ];
        let chart = dimensions(
            9,
            &names(),
            &points,
            Some((3.0, "overall 3.00".into())),
            "t",
            "d",
        );
        assert_eq!(chart.rows[0].label[0].text, "▶ A Community efforts");
        assert!(chart.rows[0].focus && !chart.rows[1].focus);
        assert_eq!(chart.rows[1].dot, None);
        let m = chart.marker.as_ref().unwrap();
        assert_eq!(m.x, chart.bands[2].rect.x);
        assert_eq!(chart.bands[0].name[0].text, "Stage name 1");
    }
}
