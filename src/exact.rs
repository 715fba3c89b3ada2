//! Exact decimal arithmetic for scores.
//!
//! The stage is the overall mean rounded *down*; computing it in floating point can turn a mean
//! that is exactly 5 into 4.999… and so stage 4. Every score is therefore parsed from its decimal
//! text into an exact rational, all means are taken on rationals, and `f64` appears only when a
//! value is rendered.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::{BigRational, Ratio};
use num_traits::{CheckedAdd, CheckedMul, One, Signed, ToPrimitive, Zero};
use serde::{Serialize, Serializer};
use std::fmt;

/// A decimal text split into sign, integer digits and fraction digits; `None` if it is not a
/// plain decimal number.
fn split_decimal(text: &str) -> Option<(bool, &str, &str)> {
    let text = text.trim();
    let (negative, rest) = if let Some(r) = text.strip_prefix('-') {
        (true, r)
    } else if let Some(r) = text.strip_prefix('\u{2212}') {
        (true, r)
    } else {
        (false, text.strip_prefix('+').unwrap_or(text))
    };
    let (int_part, frac_part) = match rest.find(['.', ',']) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (all_digits(int_part) && all_digits(frac_part)).then_some((negative, int_part, frac_part))
}

/// One score as stored per row: an exact small rational (`3.5` is 7/2), 16 bytes, no heap.
///
/// Scores are validated against the rubric's scale and step, so their numerators and
/// denominators are small; [`Exact`] takes over for sums and means of many of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(pub Ratio<i64>);

impl Score {
    /// Parses a plain decimal (`4`, `4.5`, `4,5`) without allocating. `None` if it is not a
    /// number or has more digits than fit 18 (no score needs that many).
    pub fn parse(text: &str) -> Option<Score> {
        let (negative, int_part, frac_part) = split_decimal(text)?;
        if int_part.len() + frac_part.len() > 18 {
            return None;
        }
        let mut numer: i64 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            numer = numer * 10 + i64::from(b - b'0');
        }
        let denom = 10_i64.pow(u32::try_from(frac_part.len()).ok()?);
        Some(Score(Ratio::new(
            if negative { -numer } else { numer },
            denom,
        )))
    }

    pub fn int(n: i64) -> Score {
        Score(Ratio::from_integer(n))
    }

    pub fn to_exact(self) -> Exact {
        Exact::from(self.0)
    }

    pub fn to_f64(self) -> f64 {
        *self.0.numer() as f64 / *self.0.denom() as f64
    }

    /// Whether this score is a whole multiple of `step` (computed without overflow).
    pub fn is_multiple_of(self, step: Score) -> bool {
        let (n, d) = (i128::from(*self.0.numer()), i128::from(*self.0.denom()));
        let (sn, sd) = (i128::from(*step.0.numer()), i128::from(*step.0.denom()));
        sn != 0 && (n * sd) % (d * sn) == 0
    }

    /// The score as a short decimal (`4.5`, `5`).
    pub fn to_plain(self) -> String {
        let mut text = String::new();
        if short_decimal(*self.0.numer(), *self.0.denom(), &mut text) {
            return text;
        }
        self.to_exact().to_plain()
    }

    /// The same score as an exact value, if it is small enough to be one.
    pub fn from_exact(x: &Exact) -> Option<Score> {
        Some(Score(Ratio::new(
            x.0.numer().to_i64()?,
            x.0.denom().to_i64()?,
        )))
    }
}

/// Exact sums of scores: an unreduced fraction of 64-bit, then 128-bit integers while it fits
/// (adding values of one denominator is then a single integer addition, no gcd), big rationals
/// after that. Whatever the representation, the parts are the same integers: each step computes
/// `num·xd + xn·den` over `den·xd` (or `num + xn` for one denominator), and a step that would
/// overflow is redone wider. Means of thousands of small scores stay fast, and nothing can
/// overflow.
#[derive(Debug, Clone)]
pub enum Sum {
    Tiny { num: i64, den: i64 },
    Small { num: i128, den: i128 },
    Big(BigRational),
}

impl Default for Sum {
    fn default() -> Self {
        Sum::Tiny { num: 0, den: 1 }
    }
}

impl Sum {
    pub fn add(&mut self, x: Ratio<i64>) {
        self.add_parts(i128::from(*x.numer()), i128::from(*x.denom()));
    }

    /// Adds `xn / xd` (`xd` positive).
    #[inline]
    pub(crate) fn add_parts(&mut self, xn: i128, xd: i128) {
        if let (Sum::Tiny { num, den }, Ok(xn), Ok(xd)) =
            (&mut *self, i64::try_from(xn), i64::try_from(xd))
            && let Some((n, d)) = add_fractions(*num, *den, xn, xd)
        {
            (*num, *den) = (n, d);
            return;
        }
        self.add_wide(xn, xd);
    }

    /// [`Sum::add_parts`] beyond 64 bits: on 128-bit integers while they fit, else on big
    /// rationals from then on.
    #[cold]
    #[inline(never)]
    fn add_wide(&mut self, xn: i128, xd: i128) {
        let (num, den) = match self {
            Sum::Tiny { num, den } => (i128::from(*num), i128::from(*den)),
            Sum::Small { num, den } => (*num, *den),
            Sum::Big(b) => {
                *b += BigRational::new(BigInt::from(xn), BigInt::from(xd));
                return;
            }
        };
        *self = match add_fractions(num, den, xn, xd) {
            Some((num, den)) => Sum::Small { num, den },
            None => Sum::Big(
                BigRational::new(BigInt::from(num), BigInt::from(den))
                    + BigRational::new(BigInt::from(xn), BigInt::from(xd)),
            ),
        };
    }

    /// Adds any exact value: on machine integers when its parts fit 64 bits.
    pub fn add_exact(&mut self, x: &BigRational) {
        match (x.numer().to_i64(), x.denom().to_i64()) {
            (Some(n), Some(d)) => self.add_parts(n.into(), d.into()),
            _ => self.add_big(x),
        }
    }

    /// Adds the square of any exact value: on machine integers when its parts fit 64 bits (their
    /// squares then fit 128).
    pub fn add_square(&mut self, x: &BigRational) {
        match (x.numer().to_i64(), x.denom().to_i64()) {
            (Some(n), Some(d)) => {
                let (n, d) = (i128::from(n), i128::from(d));
                self.add_parts(n * n, d * d);
            }
            _ => self.add_big(&(x * x)),
        }
    }

    #[cold]
    fn add_big(&mut self, x: &BigRational) {
        let sum = std::mem::take(self).into_big() + x;
        *self = Sum::Big(sum);
    }

    /// The sum as a big rational, in lowest terms.
    pub fn into_big(self) -> BigRational {
        match self {
            Sum::Tiny { num, den } => BigRational::new(BigInt::from(num), BigInt::from(den)),
            Sum::Small { num, den } => BigRational::new(BigInt::from(num), BigInt::from(den)),
            Sum::Big(b) => b,
        }
    }

    /// The sum as an unreduced 128-bit fraction (numerator, positive denominator), while it
    /// fits.
    pub fn parts(&self) -> Option<(i128, i128)> {
        match self {
            Sum::Tiny { num, den } => Some(((*num).into(), (*den).into())),
            Sum::Small { num, den } => Some((*num, *den)),
            Sum::Big(_) => None,
        }
    }

    /// The sum divided by `n` (at least 1) in lowest terms, while that is a 128-bit fraction.
    pub fn small_mean(&self, n: usize) -> Option<Ratio<i128>> {
        let (num, den) = self.parts()?;
        let n = i128::try_from(n).ok().filter(|n| *n > 0)?;
        Some(lowest(num, den.checked_mul(n)?))
    }

    /// The sum divided by `n`, exactly.
    pub fn mean(self, n: usize) -> Exact {
        if let Some(q) = self.small_mean(n) {
            return Exact::from_lowest(q);
        }
        Exact(self.into_big() / BigInt::from(n))
    }
}

/// `num / den` (`den` positive) in lowest terms, with a 64-bit gcd when they fit.
/// `num/den + xn/xd` as an unreduced fraction (over `den` alone when the denominators are the
/// same), if it fits in `T`.
#[inline]
fn add_fractions<T: CheckedAdd + CheckedMul + PartialEq + Copy>(
    num: T,
    den: T,
    xn: T,
    xd: T,
) -> Option<(T, T)> {
    if den == xd {
        return num.checked_add(&xn).map(|n| (n, xd));
    }
    let n = num.checked_mul(&xd)?.checked_add(&xn.checked_mul(&den)?)?;
    Some((n, den.checked_mul(&xd)?))
}

fn lowest(num: i128, den: i128) -> Ratio<i128> {
    match (i64::try_from(num), i64::try_from(den)) {
        (Ok(n), Ok(d)) => {
            let q = Ratio::new(n, d);
            Ratio::new_raw(i128::from(*q.numer()), i128::from(*q.denom()))
        }
        _ => Ratio::new(num, den),
    }
}

/// The mean of small fractions (scores, means of scores) in lowest terms on 128-bit integers:
/// exact, and cheap to add up again, round down or convert. `None` when there are none or it
/// does not fit.
pub fn small_mean<T: Copy + Into<i128>>(values: &[Ratio<T>]) -> Option<Ratio<i128>> {
    let mut sum = Sum::default();
    for v in values {
        sum.add_parts((*v.numer()).into(), (*v.denom()).into());
    }
    sum.small_mean(values.len())
}

/// The mean of exact values (dimension scores), on 128-bit integers while they fit.
pub fn mean_of_exact(values: &[Exact]) -> Option<Exact> {
    if values.is_empty() {
        return None;
    }
    let small: Option<Vec<Ratio<i128>>> = values
        .iter()
        .map(|v| {
            Some(Ratio::new_raw(
                v.0.numer().to_i128()?,
                v.0.denom().to_i128()?,
            ))
        })
        .collect();
    small
        .and_then(|s| small_mean(&s))
        .map(Exact::from_lowest)
        .or_else(|| Exact::mean(values))
}

/// The mean of small rationals as an exact value, or `None` when there are none.
pub fn mean_of(values: &[Ratio<i64>]) -> Option<Exact> {
    if values.is_empty() {
        return None;
    }
    let mut sum = Sum::default();
    for v in values {
        sum.add(*v);
    }
    Some(sum.mean(values.len()))
}

/// An exact score or mean of scores.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Exact(pub BigRational);

impl Exact {
    /// The whole number `n`.
    pub fn int(n: i64) -> Self {
        Exact(BigRational::from_integer(BigInt::from(n)))
    }

    /// The nearest `f64` to a 128-bit fraction, the same as [`Exact::to_f64`] of its value:
    /// when both parts are exactly `f64`s, one correctly rounded division, as `num-rational`
    /// does it too.
    pub fn f64_of(q: Ratio<i128>) -> f64 {
        const EXACT: i128 = 1 << f64::MANTISSA_DIGITS;
        let (n, d) = (*q.numer(), *q.denom());
        if (-EXACT..=EXACT).contains(&n) && (-EXACT..=EXACT).contains(&d) {
            // Exact conversions: the parts fit 54 bits.
            (n as i64) as f64 / (d as i64) as f64
        } else {
            q.to_f64().unwrap_or(f64::NAN)
        }
    }

    /// A 128-bit fraction that is in lowest terms (with a positive denominator), as from
    /// [`small_mean`]: taken as it is, no big gcd.
    pub fn from_lowest(q: Ratio<i128>) -> Self {
        debug_assert!(*q.denom() > 0 && num_integer::gcd(*q.numer(), *q.denom()) == 1);
        Exact(BigRational::new_raw(
            BigInt::from(*q.numer()),
            BigInt::from(*q.denom()),
        ))
    }

    /// Parses a decimal number such as `4`, `4.5`, `4,5` (decimal comma), `+4.5`, `-1` or `−1`
    /// (U+2212). Surrounding whitespace is allowed; anything else (exponents, thousands
    /// separators, `NaN`, empty text) is not a number and gives `None`.
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, int_part, frac_part) = split_decimal(text)?;
        let digits = format!("{int_part}{frac_part}");
        let mut numer: BigInt = digits.parse().ok()?;
        if negative {
            numer = -numer;
        }
        let denom = num_traits::pow(BigInt::from(10), frac_part.len());
        Some(Exact(BigRational::new(numer, denom)))
    }

    /// The exact value of a TOML float such as `0.5`: its shortest round-trip decimal text.
    pub fn from_f64(x: f64) -> Option<Self> {
        if !x.is_finite() {
            return None;
        }
        Self::parse(&format!("{x}"))
    }

    /// The mean of `values`, or `None` when there are none.
    pub fn mean<'a>(values: impl IntoIterator<Item = &'a Exact>) -> Option<Exact> {
        let mut sum = BigRational::zero();
        let mut n: i64 = 0;
        for v in values {
            sum += &v.0;
            n += 1;
        }
        (n > 0).then(|| Exact(sum / BigInt::from(n)))
    }

    /// Rounded down to a whole number: the stage rule.
    pub fn floor(&self) -> i64 {
        self.0.floor().to_integer().to_i64().unwrap_or(i64::MAX)
    }

    /// Whether this value is a whole multiple of `step`.
    pub fn is_multiple_of(&self, step: &Exact) -> bool {
        !step.0.is_zero() && (&self.0 / &step.0).is_integer()
    }

    /// The nearest `f64`, for JSON and statistics.
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(f64::NAN)
    }

    pub fn abs_diff(&self, other: &Exact) -> Exact {
        Exact((&self.0 - &other.0).abs())
    }

    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }

    /// Appends the value as `f64`'s `Display` writes the nearest `f64`, when that is known
    /// without computing the `f64`: for a terminating decimal of at most 15 significant digits
    /// (`4.5`, `0.05`, `5`). Such a decimal is the only one of its length that rounds to that
    /// `f64` (15 digits always survive the round trip through `f64`), so it is the shortest
    /// round-trip text `Display` writes. Returns false, writing nothing, for any other value.
    pub fn write_short_decimal(&self, out: &mut String) -> bool {
        match (self.0.numer().to_i64(), self.0.denom().to_i64()) {
            (Some(numer), Some(denom)) => short_decimal(numer, denom, out),
            _ => false,
        }
    }

    /// The value as a short decimal text without trailing zeros when it is a terminating
    /// decimal (`4.5`, `5`), else rounded down to two decimals.
    pub fn to_plain(&self) -> String {
        let mut text = String::new();
        if self.write_short_decimal(&mut text) {
            return text;
        }
        let denom = self.0.denom();
        let mut d = denom.clone();
        for p in [2, 5] {
            let p = BigInt::from(p);
            while d.is_multiple_of(&p) {
                d /= &p;
            }
        }
        if d.is_one() {
            // Terminating decimal: print it in full.
            let mut scale = 0usize;
            let mut scaled = self.0.clone();
            while !scaled.is_integer() {
                scaled *= BigInt::from(10);
                scale += 1;
            }
            fixed(&scaled.to_integer(), scale)
        } else {
            self.floor_to(2)
        }
    }

    /// Rounded *down* to `decimals` places, so that a shown 4.99 never hides a 5 and a shown 5.00
    /// is never really 4.999 — the shown number and the stage always agree.
    pub fn floor_to(&self, decimals: usize) -> String {
        let scale = num_traits::pow(BigInt::from(10), decimals);
        let scaled = (&self.0 * BigRational::from_integer(scale))
            .floor()
            .to_integer();
        fixed(&scaled, decimals)
    }
}

/// `numer / denom` in plain decimal notation without trailing zeros,
/// appended to `out`, if it is a terminating decimal of at most 15 significant digits; else false,
/// writing nothing. See [`Exact::write_short_decimal`].
pub(crate) fn short_decimal(numer: i64, denom: i64, out: &mut String) -> bool {
    if denom <= 0 {
        return false;
    }
    // denom = 2^twos · 5^fives, or the decimal does not terminate.
    let twos = denom.trailing_zeros();
    let mut rest = denom >> twos;
    let mut fives = 0;
    while rest % 5 == 0 {
        rest /= 5;
        fives += 1;
    }
    let scale = twos.max(fives);
    if rest != 1 || scale > 15 {
        return false;
    }
    // The value times 10^scale, an integer; more than 15 digits if it overflows 64 bits.
    const FIVES: [i64; 16] = {
        let mut powers = [1; 16];
        let mut i = 1;
        while i < 16 {
            powers[i] = powers[i - 1] * 5;
            i += 1;
        }
        powers
    };
    let factor = FIVES[(scale - fives) as usize] << (scale - twos);
    let Some(scaled) = numer.checked_mul(factor) else {
        return false;
    };
    let mut abs = scaled.unsigned_abs();
    let mut scale = scale;
    // No trailing zeros, should the fraction not be in lowest terms.
    while scale > 0 && abs % 10 == 0 {
        abs /= 10;
        scale -= 1;
    }
    if abs >= 1_000_000_000_000_000 {
        return false;
    }
    // From the last digit back: the fraction's digits, the point, the whole part's (at least one
    // digit, `0` for a value below 1).
    let mut text = [0u8; 24];
    let mut at = text.len();
    let (mut rest, mut written) = (abs, 0);
    loop {
        if written == scale && scale > 0 {
            at -= 1;
            text[at] = b'.';
        }
        at -= 1;
        text[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        written += 1;
        if rest == 0 && written > scale {
            break;
        }
    }
    if scaled < 0 {
        at -= 1;
        text[at] = b'-';
    }
    out.extend(text[at..].iter().map(|b| char::from(*b)));
    true
}

/// `scaled / 10^decimals` written with exactly `decimals` places.
fn fixed(scaled: &BigInt, decimals: usize) -> String {
    let negative = scaled.is_negative();
    let digits = scaled.abs().to_string();
    let digits = format!("{digits:0>width$}", width = decimals + 1);
    let (int, frac) = digits.split_at(digits.len() - decimals);
    let sign = if negative { "-" } else { "" };
    if decimals == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

impl From<Ratio<i64>> for Exact {
    fn from(r: Ratio<i64>) -> Self {
        Exact(BigRational::new(
            BigInt::from(*r.numer()),
            BigInt::from(*r.denom()),
        ))
    }
}

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.floor_to(2))
    }
}

/// JSON carries the nearest `f64`; the stage is given beside it, computed exactly.
impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn x(s: &str) -> Exact {
        Exact::parse(s).unwrap()
    }

    #[test]
    fn parses_decimal_point_and_comma_exactly() {
        assert_eq!(x("3,5"), x("3.5"));
        assert_eq!(x("3.5").0, BigRational::new(7.into(), 2.into()));
        assert_eq!(x(" 4 "), Exact::int(4));
        assert_eq!(x("\u{2212}1"), Exact::int(-1));
        assert_eq!(x(".5"), x("0.5"));
    }

    #[test]
    fn rejects_what_is_not_a_plain_decimal() {
        for bad in [
            "", " ", "abc", "1e3", "NaN", "inf", "4.5.1", "1 000", "3,5,0", "-", ".",
        ] {
            assert_eq!(Exact::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn floating_point_trap_mean_of_decimals_that_is_exactly_five() {
        // In f64, (4.1 + 5.3 + 5.6) / 3 = 4.999999999999999 and floor gives 4.
        let floats = (4.1_f64 + 5.3 + 5.6) / 3.0;
        assert!(floats < 5.0, "the trap this test guards against: {floats}");
        let mean = Exact::mean(&[x("4.1"), x("5.3"), x("5.6")]).unwrap();
        assert_eq!(mean, Exact::int(5));
        assert_eq!(mean.floor(), 5);
    }

    #[test]
    fn floor_never_rounds_up() {
        assert_eq!(x("4.999").floor(), 4);
        assert_eq!(x("4.999").floor_to(2), "4.99");
        assert_eq!(x("5").floor_to(2), "5.00");
        let two_thirds = Exact(BigRational::new(14.into(), 3.into()));
        assert_eq!(two_thirds.floor_to(2), "4.66");
        assert_eq!(two_thirds.to_plain(), "4.66");
        assert_eq!(x("4.50").to_plain(), "4.5");
        assert_eq!(x("0.05").to_plain(), "0.05");
    }

    #[test]
    fn small_scores_parse_like_exact_ones() {
        for text in ["4", "4.5", "4,5", " 3,25 ", "0.1", "-2", "9"] {
            assert_eq!(Score::parse(text).unwrap().to_exact(), x(text), "{text}");
        }
        for bad in ["", "x", "1e3", "4.5.1", "1234567890123456789"] {
            assert_eq!(Score::parse(bad), None, "{bad}");
        }
        assert!(
            Score::parse("4.5")
                .unwrap()
                .is_multiple_of(Score::parse("0.5").unwrap())
        );
        assert!(
            !Score::parse("4.25")
                .unwrap()
                .is_multiple_of(Score::parse("0.5").unwrap())
        );
        assert_eq!(Score::from_exact(&x("3.5")), Score::parse("3.5"));
    }

    /// A score's numerator and denominator as stored: in lowest terms.
    fn parts(score: Option<Score>) -> Option<(i64, i64)> {
        score.map(|s| (*s.0.numer(), *s.0.denom()))
    }

    #[test]
    fn scores_parse_as_exact_values_do() {
        let alphabet = [
            "0", "1", "5", "9", ".", ",", "-", "+", "\u{2212}", " ", "\t", "e", "\u{a0}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50_000 {
            let r = next(&mut state);
            let len = (r % 9) as usize;
            let text: String = (0..len)
                .map(|i| alphabet[((r >> (4 + 6 * i)) % 13) as usize])
                .collect();
            let expected = Exact::parse(&text).and_then(|x| Score::from_exact(&x));
            assert_eq!(parts(Score::parse(&text)), parts(expected), "{text:?}");
        }
        for text in [
            "0", "-0", "0.000", "10.50", "-12,25", "+7", ".5", "5.", "100", "-0.0010",
        ] {
            let expected = Exact::parse(text).and_then(|x| Score::from_exact(&x));
            assert_eq!(parts(Score::parse(text)), parts(expected), "{text:?}");
        }
        assert_eq!(
            Score::parse("123456789012345678"),
            Score::parse(" 123456789012345678")
        );
        assert_eq!(Score::parse("1234567890123456789"), None);
        assert_eq!(Score::parse("12345678901234567.89"), None);
    }

    #[test]
    fn sums_switch_to_big_rationals_instead_of_overflowing() {
        let mut sum = Sum::default();
        let huge = Ratio::new(i64::MAX, 3);
        for _ in 0..4 {
            sum.add(huge);
            sum.add(Ratio::new(1, i64::MAX - 1));
        }
        let expected =
            (Exact::from(huge).0 + Exact::from(Ratio::new(1, i64::MAX - 1)).0) * BigInt::from(4);
        assert_eq!(sum.mean(4), Exact(expected / BigInt::from(4)));
        assert_eq!(
            mean_of(&[Ratio::new(7, 2), Ratio::new(9, 2)]),
            Some(Exact::int(4))
        );
        assert_eq!(mean_of(&[]), None);
        let thirds = [x("4.5"), Exact::from(Ratio::new(14, 3)), Exact::int(5)];
        assert_eq!(mean_of_exact(&thirds), Exact::mean(&thirds));
        assert_eq!(mean_of_exact(&[]), None);
    }

    /// xorshift64: reproducible test values without a dependency.
    fn next(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    #[test]
    fn short_decimals_are_what_f64_display_writes() {
        let mut state = 0x9E37_79B9_7F4A_7C15;
        let mut written = 0;
        for i in 0..40_000 {
            let r = next(&mut state);
            let digits = 1 + (r % 17) as u32;
            let numer = ((r >> 8) % 10_u64.pow(digits)) as i64;
            let numer = if r & 1 == 0 { numer } else { -numer };
            let shift = ((r >> 48) % 20) as usize;
            let denom = if i % 2 == 0 {
                num_traits::pow(BigInt::from(10), shift)
            } else {
                num_traits::pow(BigInt::from(2), shift)
            };
            let x = Exact(BigRational::new(BigInt::from(numer), denom));
            let mut text = String::new();
            if x.write_short_decimal(&mut text) {
                assert_eq!(text, x.to_f64().to_string(), "{x:?}");
                assert_eq!(text, x.to_plain(), "{x:?}");
                written += 1;
            } else {
                assert!(text.is_empty());
            }
        }
        assert!(written > 20_000, "{written}");
        let mut text = String::new();
        assert!(!Exact(BigRational::new(1.into(), 3.into())).write_short_decimal(&mut text));
        assert!(!x("1234567890.123456").write_short_decimal(&mut text));
        assert!(text.is_empty());
        assert_eq!(Score(Ratio::new_raw(10, 20)).to_plain(), "0.5");
    }

    #[test]
    fn small_means_are_exact_means() {
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2_000 {
            let len = (next(&mut state) % 7) as usize;
            let values: Vec<Ratio<i64>> = (0..len)
                .map(|_| {
                    let r = next(&mut state);
                    Ratio::new((r % 19) as i64 - 4, [1, 2, 3, 4, 10][(r >> 8) as usize % 5])
                })
                .collect();
            let exact: Vec<Exact> = values.iter().map(|v| Exact::from(*v)).collect();
            let small = small_mean(&values);
            assert_eq!(small.map(Exact::from_lowest), Exact::mean(&exact));
            assert_eq!(mean_of(&values), Exact::mean(&exact));
            if let Some(q) = small {
                assert_eq!(small_mean(&[q, q]), Some(q));
                let f = Exact::f64_of(q);
                assert_eq!(f.to_bits(), Exact::from_lowest(q).to_f64().to_bits(), "{q}");
            }
        }
        for q in [
            Ratio::new(1 << 53, 3),
            Ratio::new((1 << 53) + 1, 3),
            Ratio::new(-(1 << 60) - 1, (1 << 55) + 1),
            Ratio::new(1, i128::MAX),
        ] {
            let f = Exact::f64_of(q);
            assert_eq!(f.to_bits(), Exact::from_lowest(q).to_f64().to_bits(), "{q}");
        }
        let huge = [Ratio::new(i64::MAX, 3), Ratio::new(i64::MAX - 2, 7)];
        assert_eq!(
            small_mean(&huge).map(Exact::from_lowest),
            Exact::mean(&huge.map(Exact::from))
        );
    }

    #[test]
    fn step_multiples() {
        let half = x("0.5");
        assert!(x("4.5").is_multiple_of(&half));
        assert!(!x("4.25").is_multiple_of(&half));
        assert!(!x("4").is_multiple_of(&Exact::int(0)));
        assert_eq!(Exact::from_f64(0.1), Some(x("0.1")));
    }
}
