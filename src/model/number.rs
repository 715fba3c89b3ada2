//! Exact decimal arithmetic for scores.
//!
//! The stage is the overall mean rounded *down*; computing it in floating point can turn a mean
//! that is exactly 5 into 4.999… and so stage 4. Every score is therefore parsed from its decimal
//! text into an exact rational, all means are taken on rationals, and `f64` appears only when a
//! value is rendered.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::{BigRational, Ratio};
use num_traits::{One, Signed, ToPrimitive, Zero};
use serde::{Serialize, Serializer};
use std::fmt;

/// A decimal text split into sign, integer digits and fraction digits; `None` if it is not a
/// plain decimal number.
fn split_decimal(text: &str) -> Option<(bool, &str, &str)> {
    let (negative, int_part, frac_part) = split_decimal_bytes(text.trim().as_bytes())?;
    // Both parts are ASCII digits, so they are whole `str`s.
    let int_part = std::str::from_utf8(int_part).ok()?;
    let frac_part = std::str::from_utf8(frac_part).ok()?;
    Some((negative, int_part, frac_part))
}

/// [`split_decimal`] on bytes (already trimmed): the sign, the digits before the decimal mark
/// and those after.
fn split_decimal_bytes(text: &[u8]) -> Option<(bool, &[u8], &[u8])> {
    let (negative, rest) = if let Some(r) = text.strip_prefix(b"-") {
        (true, r)
    } else if let Some(r) = text.strip_prefix("\u{2212}".as_bytes()) {
        (true, r)
    } else {
        (false, text.strip_prefix(b"+").unwrap_or(text))
    };
    let (int_part, frac_part) = match rest.iter().position(|b| matches!(b, b'.' | b',')) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let all_digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (all_digits(int_part) && all_digits(frac_part)).then_some((negative, int_part, frac_part))
}

/// One score as stored per row: an exact small rational (`3.5` is 7/2), 16 bytes, no heap.
///
/// Scores are validated against the rubric's scale and step, so their numerators and
/// denominators are small; [`Exact`] takes over for sums and means of many of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Score(pub Ratio<i64>);

/// The order of the values: `a/b < c/d` exactly when `a·d < c·b` (denominators are positive;
/// the products of 64-bit parts fit 128 bits), the order `Ratio` gives without its divisions.
impl Ord for Score {
    fn cmp(&self, other: &Score) -> std::cmp::Ordering {
        let cross = |x: &Score, y: &Score| i128::from(*x.0.numer()) * i128::from(*y.0.denom());
        cross(self, other).cmp(&cross(other, self))
    }
}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Score) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Score {
    /// Parses a plain decimal (`4`, `4.5`, `4,5`) without allocating. `None` if it is not a
    /// number or has more digits than fit 18 (no score needs that many).
    pub fn parse(text: &str) -> Option<Score> {
        Score::parse_bytes(text.trim().as_bytes())
    }

    /// [`Score::parse`] of a cell's bytes, spaces already trimmed.
    pub fn parse_bytes(text: &[u8]) -> Option<Score> {
        let (negative, int_part, mut frac_part) = split_decimal_bytes(text)?;
        // `5.0` and `5.50` are `5` and `5.5`: a whole number needs no gcd.
        while let [rest @ .., b'0'] = frac_part {
            frac_part = rest;
        }
        if int_part.len() + frac_part.len() > 18 {
            return None;
        }
        let mut numer: i64 = 0;
        for b in int_part.iter().chain(frac_part) {
            numer = numer * 10 + i64::from(b - b'0');
        }
        let numer = if negative { -numer } else { numer };
        if frac_part.is_empty() {
            return Some(Score::int(numer));
        }
        // `numer / 10^k` in lowest terms: the only common factors can be 2s and 5s, so they are
        // taken out by shifts and a few divisions by 5 instead of a gcd.
        let k = u32::try_from(frac_part.len()).ok()?;
        let twos = numer.trailing_zeros().min(k);
        let mut numer = numer >> twos;
        let mut fives = 0;
        while fives < k && numer % 5 == 0 {
            numer /= 5;
            fives += 1;
        }
        let denom = 2_i64.pow(k - twos) * 5_i64.pow(k - fives);
        Some(Score(Ratio::new_raw(numer, denom)))
    }

    /// `self − other`, exactly.
    pub fn minus(self, other: Score) -> Exact {
        &self.to_exact() - &other.to_exact()
    }

    /// Whether `self − other` is more than `gap`: on integers, no fraction reduced (`None` only
    /// if `gap` has no exact value in 64-bit parts, when the caller compares exactly).
    pub fn apart_more_than(self, other: Score, gap: Score) -> bool {
        // (a/b − c/d) > g/h  ⇔  (a·d − c·b)·h > g·b·d, all denominators positive; the parts of
        // validated scores and a rubric's gap are small enough for 128 bits.
        let (a, b) = (i128::from(*self.0.numer()), i128::from(*self.0.denom()));
        let (c, d) = (i128::from(*other.0.numer()), i128::from(*other.0.denom()));
        let (g, h) = (i128::from(*gap.0.numer()), i128::from(*gap.0.denom()));
        match (
            (a * d - c * b).checked_mul(h),
            g.checked_mul(b).and_then(|x| x.checked_mul(d)),
        ) {
            (Some(left), Some(right)) => left > right,
            _ => self.minus(other) > gap.to_exact(),
        }
    }

    /// Whether this score is in `1..=max` (a whole number): on integers, no fraction compared.
    pub fn in_range(self, max: i64) -> bool {
        let (n, d) = (*self.0.numer(), *self.0.denom());
        n >= d && d.checked_mul(max).is_some_and(|top| n <= top)
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
        let (n, d, sn, sd) = (
            *self.0.numer(),
            *self.0.denom(),
            *step.0.numer(),
            *step.0.denom(),
        );
        if sn == 0 {
            return false;
        }
        // On 64 bits when the products fit (a 128-bit remainder is a library call).
        match (n.checked_mul(sd), d.checked_mul(sn)) {
            (Some(a), Some(b)) => a % b == 0,
            _ => (i128::from(n) * i128::from(sd)) % (i128::from(d) * i128::from(sn)) == 0,
        }
    }

    /// The score as a short decimal (`4.5`, `5`).
    pub fn to_plain(self) -> String {
        let mut text = String::new();
        let _ = self.write_plain(&mut text);
        text
    }

    /// [`Score::to_plain`] written to `out`.
    pub fn write_plain(self, out: &mut (impl fmt::Write + ?Sized)) -> fmt::Result {
        let mut digits = [0; 24];
        match short_decimal_in(*self.0.numer(), *self.0.denom(), &mut digits) {
            Some(text) => out.write_str(text),
            None => out.write_str(&self.to_exact().to_plain()),
        }
    }

    /// The same score as an exact value, if it is small enough to be one.
    pub fn from_exact(x: &Exact) -> Option<Score> {
        let (n, d) = x.parts_i64()?;
        Some(Score(Ratio::new(n, d)))
    }
}

/// A value kept in little room: a fraction of 64-bit integers inline (the size of a
/// [`Score`]), anything larger boxed. For values held many times over, such as the gap and mean
/// of each "needs consensus" warning (a round before its meeting has tens of thousands).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compact {
    Small(Score),
    Large(Box<Exact>),
}

impl From<&Exact> for Compact {
    fn from(x: &Exact) -> Compact {
        Score::from_exact(x).map_or_else(|| Compact::Large(Box::new(x.clone())), Compact::Small)
    }
}

impl Compact {
    /// The value as [`Exact::to_plain`] writes it.
    pub fn to_plain(&self) -> String {
        let mut text = String::new();
        let _ = self.write_plain(&mut text);
        text
    }

    /// [`Compact::to_plain`] written to `out`.
    pub fn write_plain(&self, out: &mut (impl fmt::Write + ?Sized)) -> fmt::Result {
        match self {
            Compact::Small(s) => s.write_plain(out),
            Compact::Large(x) => out.write_str(&x.to_plain()),
        }
    }
}

/// An exact score, mean of scores, or any value computed from them: a rational number.
///
/// Arithmetic is exact and cannot overflow. The representation is hidden: a fraction of 128-bit
/// integers in lowest terms — every score, mean and sum that real data gives — and a big
/// rational only for a value that does not fit. The form is canonical (a value that fits is
/// always small), so equality and hashing are those of the value. Measured: summing scores on
/// big rationals alone made scoring a 10^6-row file about 0.2 s slower (docs/performance.md).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Exact(Repr);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Repr {
    Small(Ratio<i128>),
    Big(BigRational),
}

impl Exact {
    /// The whole number `n`.
    pub fn int(n: i64) -> Self {
        Exact(Repr::Small(Ratio::from_integer(i128::from(n))))
    }

    /// `numer / denom` (`denom` not zero).
    pub fn ratio(numer: i64, denom: i64) -> Self {
        Exact::from(Ratio::new(numer, denom))
    }

    fn small(q: Ratio<i128>) -> Self {
        Exact(Repr::Small(q))
    }

    /// A big rational, small when it fits.
    pub fn from_big(q: BigRational) -> Self {
        match (q.numer().to_i128(), q.denom().to_i128()) {
            (Some(n), Some(d)) => Exact::small(Ratio::new_raw(n, d)),
            _ => Exact(Repr::Big(q)),
        }
    }

    /// The value as a big rational (for statistics on big sums).
    pub fn to_big(&self) -> BigRational {
        match &self.0 {
            Repr::Small(q) => {
                BigRational::new_raw(BigInt::from(*q.numer()), BigInt::from(*q.denom()))
            }
            Repr::Big(b) => b.clone(),
        }
    }

    /// Numerator and (positive) denominator, in lowest terms, when both fit 64 bits.
    pub fn parts_i64(&self) -> Option<(i64, i64)> {
        match &self.0 {
            Repr::Small(q) => Some((
                i64::try_from(*q.numer()).ok()?,
                i64::try_from(*q.denom()).ok()?,
            )),
            Repr::Big(_) => None,
        }
    }

    /// Parses a decimal number such as `4`, `4.5`, `4,5` (decimal comma), `+4.5`, `-1` or `−1`
    /// (U+2212). Surrounding whitespace is allowed; anything else (exponents, thousands
    /// separators, `NaN`, empty text) is not a number and gives `None`.
    pub fn parse(text: &str) -> Option<Self> {
        // A score's digits fit in 64 bits; only longer decimals need the big numbers.
        if let Some(score) = Score::parse(text) {
            return Some(score.to_exact());
        }
        let (negative, int_part, frac_part) = split_decimal(text)?;
        let digits = format!("{int_part}{frac_part}");
        let mut numer: BigInt = digits.parse().ok()?;
        if negative {
            numer = -numer;
        }
        let denom = num_traits::pow(BigInt::from(10), frac_part.len());
        Some(Exact::from_big(BigRational::new(numer, denom)))
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
        let mut total = Total::default();
        for v in values {
            total.add(v);
        }
        total.mean()
    }

    /// The sum of `values`.
    pub fn sum<'a>(values: impl IntoIterator<Item = &'a Exact>) -> Exact {
        let mut total = Total::default();
        for v in values {
            total.add(v);
        }
        total.value()
    }

    /// Rounded down to a whole number: the stage rule.
    pub fn floor(&self) -> i64 {
        match &self.0 {
            Repr::Small(q) => i64::try_from(q.floor().to_integer()).unwrap_or(i64::MAX),
            Repr::Big(b) => b.floor().to_integer().to_i64().unwrap_or(i64::MAX),
        }
    }

    /// Whether this value is a whole multiple of `step`.
    pub fn is_multiple_of(&self, step: &Exact) -> bool {
        !step.is_zero() && (self / step).is_integer()
    }

    fn is_zero(&self) -> bool {
        matches!(&self.0, Repr::Small(q) if q.is_zero())
    }

    /// The nearest `f64`, for JSON and statistics: one correctly rounded division when both
    /// parts are exactly `f64`s, as `num-rational` does it for any size.
    pub fn to_f64(&self) -> f64 {
        const EXACT: i128 = 1 << f64::MANTISSA_DIGITS;
        match &self.0 {
            Repr::Small(q) => {
                let (n, d) = (*q.numer(), *q.denom());
                if (-EXACT..=EXACT).contains(&n) && (-EXACT..=EXACT).contains(&d) {
                    // Exact conversions: the parts fit 54 bits.
                    (n as i64) as f64 / (d as i64) as f64
                } else {
                    self.to_big().to_f64().unwrap_or(f64::NAN)
                }
            }
            Repr::Big(b) => b.to_f64().unwrap_or(f64::NAN),
        }
    }

    /// `self²`; the square of a fraction in lowest terms is in lowest terms, so no gcd.
    pub fn square(&self) -> Exact {
        if let Repr::Small(q) = &self.0
            && let (Some(n), Some(d)) = (
                q.numer().checked_mul(*q.numer()),
                q.denom().checked_mul(*q.denom()),
            )
        {
            return Exact::small(Ratio::new_raw(n, d));
        }
        self * self
    }

    pub fn abs_diff(&self, other: &Exact) -> Exact {
        let d = self - other;
        if d < Exact::int(0) {
            &Exact::int(0) - &d
        } else {
            d
        }
    }

    pub fn is_integer(&self) -> bool {
        match &self.0 {
            Repr::Small(q) => q.is_integer(),
            Repr::Big(b) => b.is_integer(),
        }
    }

    /// Appends the value as `f64`'s `Display` writes the nearest `f64`, when that is known
    /// without computing the `f64`: for a terminating decimal of at most 15 significant digits
    /// (`4.5`, `0.05`, `5`). Such a decimal is the only one of its length that rounds to that
    /// `f64` (15 digits always survive the round trip through `f64`), so it is the shortest
    /// round-trip text `Display` writes. Returns false, writing nothing, for any other value.
    pub fn write_short_decimal(&self, out: &mut String) -> bool {
        match self.parts_i64() {
            Some((numer, denom)) => short_decimal(numer, denom, out),
            None => false,
        }
    }

    /// The value as a short decimal text without trailing zeros when it is a terminating
    /// decimal (`4.5`, `5`), else rounded down to two decimals.
    pub fn to_plain(&self) -> String {
        let mut text = String::new();
        if self.write_short_decimal(&mut text) {
            return text;
        }
        let big = self.to_big();
        let mut d = big.denom().clone();
        for p in [2, 5] {
            let p = BigInt::from(p);
            while d.is_multiple_of(&p) {
                d /= &p;
            }
        }
        if d.is_one() {
            // Terminating decimal: print it in full.
            let mut scale = 0usize;
            let mut scaled = big;
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
        let scaled = (self.to_big() * BigRational::from_integer(scale))
            .floor()
            .to_integer();
        fixed(&scaled, decimals)
    }
}

/// A running sum: values are added as numerators over a common denominator (the least common
/// multiple of those seen: the halves and quarters of a scale, the sixths of a mean over six
/// dimensions) and reduced once at the end; a value that would overflow that is added exactly.
/// The same value as adding one by one, at a fraction of the cost (no gcd per value).
#[derive(Debug, Default)]
pub struct Total {
    num: i128,
    den: i128,
    rest: Option<Exact>,
    /// How many values were added.
    pub n: i64,
}

impl Total {
    pub fn add(&mut self, x: &Exact) {
        self.n += 1;
        if let Repr::Small(q) = &x.0
            && self.add_parts(*q.numer(), *q.denom())
        {
            return;
        }
        self.add_rest(x.clone());
    }

    /// Adds a score (no conversion to [`Exact`] on the way).
    pub fn add_score(&mut self, x: Score) {
        self.n += 1;
        let (n, d) = (i128::from(*x.0.numer()), i128::from(*x.0.denom()));
        if !self.add_parts(n, d) {
            self.add_rest(x.to_exact());
        }
    }

    fn add_rest(&mut self, x: Exact) {
        self.rest = Some(match self.rest.take() {
            Some(r) => &r + &x,
            None => x,
        });
    }

    /// Adds `n / d` (`d` positive) to the numerators, over the least common multiple of the
    /// denominators; `false` when that would overflow.
    fn add_parts(&mut self, n: i128, d: i128) -> bool {
        if d == self.den {
            return self.num.checked_add(n).map(|sum| self.num = sum).is_some();
        }
        if self.den == 0 {
            (self.num, self.den) = (n, d);
            return true;
        }
        let step = || -> Option<(i128, i128)> {
            // The denominators of scores and their means fit 64 bits, where a division is an
            // instruction rather than a library call.
            let (den, d64) = (u64::try_from(self.den).ok()?, u64::try_from(d).ok()?);
            if den % d64 == 0 {
                let times = i128::from(den / d64);
                return Some((self.num.checked_add(n.checked_mul(times)?)?, self.den));
            }
            let g = num_integer::Integer::gcd(&den, &d64);
            let (mine, theirs) = (i128::from(d64 / g), i128::from(den / g));
            let num = self
                .num
                .checked_mul(mine)?
                .checked_add(n.checked_mul(theirs)?)?;
            Some((num, self.den.checked_mul(mine)?))
        };
        match step() {
            Some((num, den)) => {
                (self.num, self.den) = (num, den);
                true
            }
            None => false,
        }
    }

    /// The sum of the values added.
    pub fn value(&self) -> Exact {
        let same = match checked::reduce(self.num, self.den.max(1)) {
            Some(q) => Exact::small(q),
            None => Exact::from_big(BigRational::new(self.num.into(), self.den.max(1).into())),
        };
        match &self.rest {
            Some(r) => &same + r,
            None => same,
        }
    }

    /// The mean of the values added, `None` when there are none: the sum divided by their
    /// number, reduced once.
    pub fn mean(&self) -> Option<Exact> {
        if self.n == 0 {
            return None;
        }
        if self.rest.is_none()
            && let Some(q) = self
                .den
                .max(1)
                .checked_mul(i128::from(self.n))
                .and_then(|d| checked::reduce(self.num, d))
        {
            return Some(Exact::small(q));
        }
        Some(&self.value() / &Exact::int(self.n))
    }
}

/// Exact arithmetic: on 128-bit fractions while the result fits, else on big rationals.
macro_rules! exact_op {
    ($trait:ident, $method:ident, $checked:ident) => {
        impl std::ops::$trait<&Exact> for &Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &other.0)
                    && let Some(q) = checked::$checked(a, b)
                {
                    return Exact::small(q);
                }
                Exact::from_big(std::ops::$trait::$method(self.to_big(), other.to_big()))
            }
        }
    };
}
exact_op!(Add, add, add);
exact_op!(Sub, sub, sub);
exact_op!(Mul, mul, mul);
exact_op!(Div, div, div);

/// Fractions of 128-bit integers in lowest terms, `None` where a step would overflow (or a
/// division by zero). Scores and their means have small parts, so the gcd and the divisions
/// are done on 64 bits when the values fit (a 128-bit division is a slow library call: the
/// difference was a third of the scoring time at 10^6 rows).
mod checked {
    use num_rational::Ratio;

    /// The gcd (num-integer's binary algorithm: no divisions), on 64 bits when both fit.
    fn gcd(a: u128, b: u128) -> u128 {
        use num_integer::Integer;
        match (u64::try_from(a), u64::try_from(b)) {
            (Ok(a), Ok(b)) => u128::from(a.gcd(&b)),
            _ => a.gcd(&b),
        }
    }

    /// `n / g` for a divisor `g` of `n`, on 64 bits when both fit.
    fn exact_div(n: i128, g: i128) -> i128 {
        match (i64::try_from(n), i64::try_from(g)) {
            (Ok(n), Ok(g)) => i128::from(n / g),
            _ => n / g,
        }
    }

    /// `n / d` in lowest terms (`d` not zero).
    pub fn reduce(n: i128, d: i128) -> Option<Ratio<i128>> {
        reduced(n, d)
    }

    fn reduced(n: i128, d: i128) -> Option<Ratio<i128>> {
        if d == 0 {
            return None;
        }
        let g = i128::try_from(gcd(n.unsigned_abs(), d.unsigned_abs())).ok()?;
        let (n, d) = if g > 1 {
            (exact_div(n, g), exact_div(d, g))
        } else {
            (n, d)
        };
        // A positive denominator; -i128::MIN would overflow.
        if d < 0 {
            Some(Ratio::new_raw(n.checked_neg()?, d.checked_neg()?))
        } else {
            Some(Ratio::new_raw(n, d))
        }
    }

    pub fn add(a: &Ratio<i128>, b: &Ratio<i128>) -> Option<Ratio<i128>> {
        let (an, ad, bn, bd) = (*a.numer(), *a.denom(), *b.numer(), *b.denom());
        if ad == bd {
            return reduced(an.checked_add(bn)?, ad);
        }
        let g = i128::try_from(gcd(ad.unsigned_abs(), bd.unsigned_abs())).ok()?;
        let (x, y) = (exact_div(ad, g), exact_div(bd, g));
        reduced(
            an.checked_mul(y)?.checked_add(bn.checked_mul(x)?)?,
            ad.checked_mul(y)?,
        )
    }

    pub fn sub(a: &Ratio<i128>, b: &Ratio<i128>) -> Option<Ratio<i128>> {
        add(a, &Ratio::new_raw(b.numer().checked_neg()?, *b.denom()))
    }

    pub fn mul(a: &Ratio<i128>, b: &Ratio<i128>) -> Option<Ratio<i128>> {
        let (an, ad, bn, bd) = (*a.numer(), *a.denom(), *b.numer(), *b.denom());
        let g1 = i128::try_from(gcd(an.unsigned_abs(), bd.unsigned_abs()).max(1)).ok()?;
        let g2 = i128::try_from(gcd(bn.unsigned_abs(), ad.unsigned_abs()).max(1)).ok()?;
        let n = exact_div(an, g1).checked_mul(exact_div(bn, g2))?;
        let d = exact_div(ad, g2).checked_mul(exact_div(bd, g1))?;
        reduced(n, d)
    }

    pub fn div(a: &Ratio<i128>, b: &Ratio<i128>) -> Option<Ratio<i128>> {
        if *b.numer() == 0 {
            return None;
        }
        mul(a, &Ratio::new_raw(*b.denom(), *b.numer()))
    }

    #[cfg(test)]
    #[test]
    fn gcds() {
        assert_eq!(gcd(12, 18), 6);
        assert_eq!(gcd(0, 7), 7);
        assert_eq!(gcd(1 << 100, 3 << 90), 1 << 90);
        assert_eq!(gcd(u128::MAX, 3), 3);
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if let (Repr::Small(a), Repr::Small(b)) = (&self.0, &other.0)
            && let (Some(x), Some(y)) = (
                a.numer().checked_mul(*b.denom()),
                b.numer().checked_mul(*a.denom()),
            )
        {
            return x.cmp(&y);
        }
        self.to_big().cmp(&other.to_big())
    }
}

/// `numer / denom` in plain decimal notation without trailing zeros,
/// appended to `out`, if it is a terminating decimal of at most 15 significant digits; else false,
/// writing nothing. See [`Exact::write_short_decimal`].
pub(crate) fn short_decimal(numer: i64, denom: i64, out: &mut String) -> bool {
    let mut digits = [0; 24];
    short_decimal_in(numer, denom, &mut digits)
        .map(|text| out.push_str(text))
        .is_some()
}

/// [`short_decimal`] written into `text`, the part written returned; `None` for any other value.
fn short_decimal_in(numer: i64, denom: i64, text: &mut [u8; 24]) -> Option<&str> {
    if denom <= 0 {
        return None;
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
        return None;
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
    let scaled = numer.checked_mul(factor)?;
    let mut abs = scaled.unsigned_abs();
    let mut scale = scale;
    // No trailing zeros, should the fraction not be in lowest terms.
    while scale > 0 && abs % 10 == 0 {
        abs /= 10;
        scale -= 1;
    }
    if abs >= 1_000_000_000_000_000 {
        return None;
    }
    // From the last digit back: the fraction's digits, the point, the whole part's (at least one
    // digit, `0` for a value below 1).
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
    // ASCII digits, a point and a sign.
    std::str::from_utf8(&text[at..]).ok()
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
    /// A `Ratio` keeps itself in lowest terms with a positive denominator: taken as it is.
    fn from(r: Ratio<i64>) -> Self {
        Exact::small(Ratio::new_raw(
            i128::from(*r.numer()),
            i128::from(*r.denom()),
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
    use proptest::prelude::*;

    fn x(s: &str) -> Exact {
        Exact::parse(s).unwrap()
    }

    proptest! {
        /// A total over any mix of denominators (halves, sixths, sevenths, huge ones that do not
        /// fit a common denominator, big rationals) is the sum and mean of big rationals.
        #[test]
        fn a_total_is_the_exact_sum_and_mean(
            parts in proptest::collection::vec((-1_000_000i64..1_000_000, 1i64..50, any::<bool>()), 0..40),
        ) {
            let values: Vec<Exact> = parts
                .iter()
                .map(|&(n, d, huge)| {
                    let v = Exact::ratio(n, d);
                    if huge { &v / &Exact::ratio(1, i64::MAX - d) } else { v }
                })
                .collect();
            let mut total = Total::default();
            let mut scores = Total::default();
            let mut big = BigRational::from_integer(0.into());
            for (v, &(n, d, huge)) in values.iter().zip(&parts) {
                total.add(v);
                big += v.to_big();
                if !huge {
                    scores.add_score(Score(Ratio::new(n, d)));
                }
            }
            prop_assert_eq!(total.value().to_big(), big.clone());
            let n = values.len() as i64;
            prop_assert_eq!(
                total.mean().map(|m| m.to_big()),
                (n > 0).then(|| big / BigRational::from_integer(n.into()))
            );
            let small: Vec<Exact> = values.iter().zip(&parts).filter(|(_, p)| !p.2).map(|(v, _)| v.clone()).collect();
            prop_assert_eq!(scores.mean(), Exact::mean_by_adding(&small));
        }
    }

    proptest! {
        /// Scores order as their values, and "further apart than" is the exact comparison.
        #[test]
        fn scores_order_and_gaps_are_those_of_their_values(
            a in -1000i64..1000, b in 1i64..100, c in -1000i64..1000, d in 1i64..100,
            g in 0i64..50, h in 1i64..10,
        ) {
            let (x, y, gap) = (Score(Ratio::new(a, b)), Score(Ratio::new(c, d)), Score(Ratio::new(g, h)));
            prop_assert_eq!(x.cmp(&y), x.0.cmp(&y.0));
            prop_assert_eq!(x.apart_more_than(y, gap), x.minus(y) > gap.to_exact());
            prop_assert_eq!(x.minus(y).to_big(), x.to_exact().to_big() - y.to_exact().to_big());
        }

        /// A decimal's score is its value in lowest terms, however it is written.
        #[test]
        fn a_decimal_parses_to_its_value_in_lowest_terms(
            int in 0i64..100_000, frac in "[0-9]{0,6}", negative: bool, comma: bool,
        ) {
            let mark = if comma { "," } else { "." };
            let text = format!("{}{int}{mark}{frac}", if negative { "-" } else { "" });
            let digits = format!("{int}{frac}");
            let n: i64 = digits.parse().unwrap();
            let d = 10_i64.pow(frac.len() as u32);
            let expected = Ratio::new(if negative { -n } else { n }, d);
            prop_assert_eq!(Score::parse(&text), Some(Score(expected)));
        }
    }

    impl Exact {
        /// The mean by adding one value at a time, the reference for [`Total::mean`].
        fn mean_by_adding(values: &[Exact]) -> Option<Exact> {
            let first = values.first()?;
            let sum = values[1..].iter().fold(first.clone(), |acc, v| &acc + v);
            Some(&sum / &Exact::int(values.len() as i64))
        }
    }

    #[test]
    fn parses_decimal_point_and_comma_exactly() {
        assert_eq!(x("3,5"), x("3.5"));
        assert_eq!(x("3.5").to_big(), BigRational::new(7.into(), 2.into()));
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
        let two_thirds = Exact::ratio(14, 3);
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
    fn arithmetic_goes_on_big_rationals_instead_of_overflowing() {
        let huge = Exact::ratio(i64::MAX, 3);
        let tiny = Exact::ratio(1, i64::MAX - 1);
        let mut sum = Exact::int(0);
        let mut big = BigRational::zero();
        for _ in 0..4 {
            for v in [&huge, &tiny] {
                sum = &(&sum + v) * &huge;
                big = (big + v.to_big()) * huge.to_big();
            }
        }
        assert_eq!(sum.to_big(), big, "past 128 bits, exactly");
        assert!(sum.parts_i64().is_none());
        // Back within 128 bits, a value is small again: equality is the value's.
        let back = &(&sum / &sum) * &Exact::int(4);
        assert_eq!(back, Exact::int(4));
        assert_eq!(
            Exact::mean(&[Exact::ratio(7, 2), Exact::ratio(9, 2)]),
            Some(Exact::int(4))
        );
        assert_eq!(Exact::mean(&[]), None);
        assert!(Exact::ratio(-1, 3) < Exact::ratio(1, i64::MAX));
        assert!(sum > huge);
        assert_eq!(
            Exact::ratio(7, 2).abs_diff(&Exact::int(5)),
            Exact::ratio(3, 2)
        );
    }

    #[test]
    fn small_and_big_values_agree_with_big_rationals() {
        let mut state = 0x2545_F491_4F6C_DD1D;
        for _ in 0..5_000 {
            let mut draw = || {
                let r = next(&mut state);
                let n = (r % 2_000_000) as i64 - 1_000_000;
                let d = [1, 2, 3, 7, 10, 1 << 40, i64::MAX][(r >> 32) as usize % 7];
                Exact::ratio(n, d)
            };
            let (a, b) = (draw(), draw());
            let (x, y) = (a.to_big(), b.to_big());
            assert_eq!((&a + &b).to_big(), &x + &y);
            assert_eq!((&a - &b).to_big(), &x - &y);
            assert_eq!((&a * &b).to_big(), &x * &y);
            if !y.is_zero() {
                assert_eq!((&a / &b).to_big(), &x / &y);
            }
            assert_eq!(a.cmp(&b), x.cmp(&y));
            assert_eq!(a.floor(), x.floor().to_integer().to_i64().unwrap());
            assert_eq!(a.to_f64().to_bits(), x.to_f64().unwrap().to_bits(), "{a:?}");
        }
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
            let x = Exact::from_big(BigRational::new(BigInt::from(numer), denom));
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
        assert!(!Exact::ratio(1, 3).write_short_decimal(&mut text));
        assert!(!x("1234567890.123456").write_short_decimal(&mut text));
        assert!(text.is_empty());
        assert_eq!(Score(Ratio::new_raw(10, 20)).to_plain(), "0.5");
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
