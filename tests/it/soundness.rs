//! Invariant 11 and "never more than we know": division, scaling, shares,
//! run rates, conversion and rounding checked against an independent oracle — exact
//! integer arithmetic on the mantissas, written here (a small unsigned big
//! integer), never the crate's own functions — and a regression test for
//! each example of the "sound numbers" issue.

use std::cmp::Ordering;
use std::ops::Bound;

use alliance_commitments::compare::{run_rate, share};
use alliance_commitments::{
    Comparison, Country, Currency, Figure, Key, Money, Period, PeriodUnit, Pledge, Pledges, Query,
    RateRule, RateTable, Spread, Tolerance,
};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rust_decimal::Decimal;
use rust_decimal::dec;

// ---------------------------------------------------------------- oracle

/// An unsigned integer as little-endian 32-bit limbs.
#[derive(Clone, Debug)]
struct Big(Vec<u32>);

impl Big {
    fn from_u128(mut x: u128) -> Big {
        let mut v = Vec::new();
        while x > 0 {
            v.push(x as u32);
            x >>= 32;
        }
        Big(v)
    }

    fn mul(&self, other: &Big) -> Big {
        let mut out = vec![0u64; self.0.len() + other.0.len() + 1];
        for (i, a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, b) in other.0.iter().enumerate() {
                let t = out[i + j] + u64::from(*a) * u64::from(*b) + carry;
                out[i + j] = t & 0xffff_ffff;
                carry = t >> 32;
            }
            let mut k = i + other.0.len();
            while carry > 0 {
                let t = out[k] + carry;
                out[k] = t & 0xffff_ffff;
                carry = t >> 32;
                k += 1;
            }
        }
        let mut v: Vec<u32> = out.into_iter().map(|x| x as u32).collect();
        while v.last() == Some(&0) {
            v.pop();
        }
        Big(v)
    }

    fn pow10(p: u32) -> Big {
        (0..p).fold(Big::from_u128(1), |acc, _| acc.mul(&Big::from_u128(10)))
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

/// A non-negative rational as a product of decimals and whole factors
/// over another such product: `Π num / Π den`.
#[derive(Clone, Debug)]
struct Ratio {
    num: Vec<(u128, u32)>,
    den: Vec<(u128, u32)>,
}

fn dec_parts(x: Decimal) -> (u128, u32) {
    assert!(
        !x.is_sign_negative() || x.is_zero(),
        "oracle is for non-negative values"
    );
    (x.mantissa().unsigned_abs(), x.scale())
}

impl Ratio {
    fn of(x: Decimal) -> Ratio {
        Ratio {
            num: vec![dec_parts(x)],
            den: vec![],
        }
    }

    fn times(mut self, x: Decimal) -> Ratio {
        self.num.push(dec_parts(x));
        self
    }

    fn over(mut self, x: Decimal) -> Ratio {
        self.den.push(dec_parts(x));
        self
    }

    fn times_int(self, n: u64) -> Ratio {
        self.times(Decimal::from(n))
    }

    fn over_int(self, d: u64) -> Ratio {
        self.over(Decimal::from(d))
    }

    /// (integer numerator, integer denominator) of the rational.
    fn integers(&self) -> (Big, Big) {
        let mut n = Big::from_u128(1);
        let mut d = Big::from_u128(1);
        for (m, s) in &self.num {
            n = n.mul(&Big::from_u128(*m));
            d = d.mul(&Big::pow10(*s));
        }
        for (m, s) in &self.den {
            d = d.mul(&Big::from_u128(*m));
            n = n.mul(&Big::pow10(*s));
        }
        (n, d)
    }

    /// The rational compared with a decimal `x` (any sign).
    fn cmp_decimal(&self, x: Decimal) -> Ordering {
        if x.is_sign_negative() && !x.is_zero() {
            return Ordering::Greater;
        }
        let (n, d) = self.integers();
        let (xm, xs) = dec_parts(x);
        // n/d vs xm/10^xs  <=>  n·10^xs vs xm·d
        n.mul(&Big::pow10(xs)).cmp(&Big::from_u128(xm).mul(&d))
    }
}

/// Whether the true value lies at or above a lower bound.
fn above(lower: Bound<Decimal>, truth: &Ratio, truth_open: bool) -> bool {
    match lower {
        Bound::Unbounded => true,
        Bound::Included(l) => truth.cmp_decimal(l) != Ordering::Less,
        // (l, ..) contains (t, ..) or [t, ..] when l < t, or l = t for (t, ..)
        Bound::Excluded(l) => match truth.cmp_decimal(l) {
            Ordering::Greater => true,
            Ordering::Equal => truth_open,
            Ordering::Less => false,
        },
    }
}

fn below(upper: Bound<Decimal>, truth: &Ratio) -> bool {
    match upper {
        Bound::Unbounded => true,
        Bound::Included(u) => truth.cmp_decimal(u) != Ordering::Greater,
        Bound::Excluded(u) => truth.cmp_decimal(u) == Ordering::Less,
    }
}

fn value(b: Bound<Decimal>) -> Option<(Decimal, bool)> {
    match b {
        Bound::Included(x) => Some((x, false)),
        Bound::Excluded(x) => Some((x, true)),
        Bound::Unbounded => None,
    }
}

// ------------------------------------------------------------ strategies

/// Non-negative amounts across the whole range: small ones, ones with 28
/// decimals, and ones at the very top of `Decimal`'s range.
fn amount() -> impl Strategy<Value = Decimal> + Clone {
    prop_oneof![
        (0i64..=1_000_000_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)),
        (any::<u32>(), any::<u32>(), any::<u32>(), 0u32..=28)
            .prop_map(|(a, b, c, s)| Decimal::from_parts(a, b, c, false, s)),
        (any::<u64>(), 0u32..=28).prop_map(|(m, s)| Decimal::from_parts(
            m as u32,
            (m >> 32) as u32,
            0,
            false,
            s
        )),
        (0u64..1_000_000).prop_map(|k| Decimal::MAX - Decimal::from(k)),
    ]
}

fn currency() -> impl Strategy<Value = Currency> + Clone {
    prop::sample::select(vec![Currency::JPY, Currency::EUR, Currency::KWD])
}

/// A figure of any qualifier (`None` when the drawn values build none).
fn figure() -> impl Strategy<Value = Option<Figure>> {
    (0u8..6, amount(), amount(), currency(), 0u32..=100).prop_map(|(q, a, b, c, pct)| {
        let m = |x| Money::new(x, c);
        match q {
            0 => Some(Figure::exactly(m(a))),
            1 => Figure::over(m(a)).ok(),
            2 => Figure::at_least(m(a)).ok(),
            3 => Figure::up_to(m(a)).ok(),
            4 => {
                let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
                Figure::between(m(lo), m(hi)).ok()
            }
            _ => {
                let tolerance = if pct % 2 == 0 {
                    Tolerance::Relative(Decimal::new(i64::from(pct), 2).min(dec!(0.99)))
                } else {
                    Tolerance::Absolute(b.min(a))
                };
                Figure::about_within(m(a), tolerance).ok()
            }
        }
    })
}

/// Checks that `result` encloses the image of `f` under the increasing map
/// `image`, and is exact only when `f` is exact and its image exact.
fn encloses_image(
    f: &Figure,
    result: &Figure,
    image: impl Fn(Decimal) -> Ratio,
) -> Result<(), TestCaseError> {
    if let Some((l, open)) = value(f.lower()) {
        prop_assert!(
            above(result.lower(), &image(l), open),
            "{f} ↦ {result}: lower end above the image of {l}"
        );
    }
    if let Some((u, _)) = value(f.upper()) {
        prop_assert!(
            below(result.upper(), &image(u)),
            "{f} ↦ {result}: upper end below the image of {u}"
        );
    } else {
        prop_assert_eq!(result.upper(), Bound::Unbounded);
    }
    if result.interval().is_point() {
        let Bound::Included(p) = result.lower() else {
            unreachable!()
        };
        let Bound::Included(x) = f.lower() else {
            return Err(TestCaseError::fail(format!("{f} ↦ point {result}")));
        };
        prop_assert!(f.interval().is_point(), "{f} ↦ point {result}");
        prop_assert_eq!(
            image(x).cmp_decimal(p),
            Ordering::Equal,
            "{} ↦ point {} but the image is not that point",
            f,
            result
        );
    }
    Ok(())
}

// ------------------------------------------------------------ properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Scaling by a ratio of whole numbers (and so run rates): the true
    /// image lies inside; a point only when the quotient is exact.
    #[test]
    fn scaling_by_a_ratio_is_sound(f in figure(), n in 1u64..=1_000_000, d in 1u64..=1_000_000) {
        let Some(f) = f else { return Ok(()) };
        if let Ok(r) = f.checked_scale_ratio(n, d) {
            encloses_image(&f, &r, |x| Ratio::of(x).times_int(n).over_int(d))?;
        }
    }

    /// Scaling by a decimal factor: products of 28-digit numbers are
    /// points only when exact.
    #[test]
    fn scaling_by_a_factor_is_sound(f in figure(), factor in amount()) {
        let Some(f) = f else { return Ok(()) };
        prop_assume!(!factor.is_zero());
        if let Ok(r) = f.checked_scale(factor) {
            encloses_image(&f, &r, |x| Ratio::of(x).times(factor))?;
        }
    }

    /// A run rate: × days(year) ÷ days(part).
    #[test]
    fn run_rates_are_sound(f in figure(), quarter in 1u32..=4, month in 1u32..=12, year in 2000i32..2100) {
        let Some(f) = f else { return Ok(()) };
        let y = Period::year(year).unwrap();
        let q: Period = format!("{year}-Q{quarter}").parse().unwrap();
        let m: Period = format!("{year}-{month:02}").parse().unwrap();
        for part in [q, m] {
            let (dy, dp) = (y.days().unsigned_abs(), part.days().unsigned_abs());
            if let Ok(r) = run_rate(&f, &part, &y) {
                encloses_image(&f, &r, |x| Ratio::of(x).times_int(dy).over_int(dp))?;
            }
        }
    }

    /// Shares (division of two figures): the true ratio of every pair of
    /// ends lies inside; a point only when both are exact and the quotient
    /// is exact.
    #[test]
    fn shares_are_sound(a in amount(), b in amount(), c in currency()) {
        prop_assume!(!b.is_zero());
        let (part, whole) = (Figure::exactly(Money::new(a, c)), Figure::exactly(Money::new(b, c)));
        if let Ok(Some(s)) = share(&part, &whole) {
            let truth = Ratio::of(a).over(b);
            prop_assert!(above(s.lower(), &truth, false), "{a}/{b}: {s}");
            prop_assert!(below(s.upper(), &truth), "{a}/{b}: {s}");
            if s.is_point() {
                let Bound::Included(p) = s.lower() else { unreachable!() };
                prop_assert_eq!(truth.cmp_decimal(p), Ordering::Equal, "{}/{} claimed {}", a, b, p);
            }
        }
    }

    /// Rounding for display: an exact value rounds once, half to even (the
    /// oracle rounds the mantissa in i128); a qualified figure's rounded
    /// interval contains the original one.
    #[test]
    fn rounding_is_sound(f in figure()) {
        let Some(f) = f else { return Ok(()) };
        let r = f.round();
        let dp = f.currency().minor_units();
        if let (Bound::Included(x), true) = (f.lower(), f.qualifier() == alliance_commitments::Qualifier::Exactly) {
            let expected = half_even(x, dp);
            prop_assert_eq!(r.lower(), Bound::Included(expected), "{} rounded {}", f, r);
            prop_assert_eq!(r.upper(), Bound::Included(expected));
        } else {
            // The rounded interval encloses the original: the identity map.
            encloses_image(&f, &r, Ratio::of)?;
        }
        // Reading the interval never panics, and every end is on the grid.
        for b in [r.lower(), r.upper()] {
            if let Some((x, _)) = value(b) {
                prop_assert!(x.normalize().scale() <= dp, "{} rounded {}", f, r);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Spreading a qualified figure by days: each part holds its exact
    /// share (the figure × the part's days ÷ the span's) of every amount
    /// the figure allows — never a bound on the wrong side of its share.
    #[test]
    fn spread_parts_hold_their_shares(
        f in figure(),
        start in 0u64..4000,
        length in 0u64..1500,
        unit in prop::sample::select(vec![PeriodUnit::Year, PeriodUnit::Half, PeriodUnit::Quarter, PeriodUnit::Month]),
    ) {
        let Some(f) = f else { return Ok(()) };
        prop_assume!(!f.interval().is_point());
        let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(start);
        let span = Period::range(first, first + chrono::Days::new(length)).unwrap();
        let Ok(parts) = Spread::evenly_by_days().split(&f, &span, unit, None) else {
            // Beyond what a `Decimal` holds: an error, not a wrong part.
            return Ok(());
        };
        let total = span.days().unsigned_abs();
        for (period, part) in &parts {
            let days = period.days().unsigned_abs();
            encloses_image(&f, part, |x| Ratio::of(x).times_int(days).over_int(total))?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Conversion at the average of several days' quotes: the converted
    /// figure holds the image under the exact means, (Σ to ÷ n) ÷ (Σ from
    /// ÷ m); a point only when that image is exact.
    #[test]
    fn conversion_at_an_average_rate_is_sound(
        f in figure(),
        from_quotes in prop::collection::vec(rate(), 1..6),
        to_quotes in prop::collection::vec(rate(), 1..6),
        to in currency(),
    ) {
        let Some(f) = f else { return Ok(()) };
        let from = f.currency();
        if from == to {
            return Ok(());
        }
        let first = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
        let mut rates = RateTable::new();
        // Each currency's quotes on consecutive days: their sum and count.
        let mut quoted = |c: Currency, quotes: &[Decimal]| -> Option<(Decimal, u64)> {
            if c == Currency::EUR {
                return Some((Decimal::ONE, 1));
            }
            let mut sum = Decimal::ZERO;
            for (i, q) in quotes.iter().enumerate() {
                rates.insert(first + chrono::Days::new(i as u64), c, *q).unwrap();
                sum = sum.checked_add(*q)?;
            }
            Some((sum, quotes.len() as u64))
        };
        let (Some((sf, nf)), Some((st, nt))) = (quoted(from, &from_quotes), quoted(to, &to_quotes)) else {
            return Ok(());
        };
        let period = Period::range(first, first + chrono::Days::new(9)).unwrap();
        let Some(converted) = converted(&rates, &f, to, RateRule::Average(period))? else {
            return Ok(());
        };
        let image = |x: Decimal| Ratio::of(x).times(st).over_int(nt).times_int(nf).over(sf);
        converts_soundly(&f, &converted, to, image)?;
    }
}

/// Rates across their range: everyday quotes, and wide ones with many
/// digits (whose quotients do not fit in a `Decimal`).
fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (1i64..=10_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
        (1u64..=u64::MAX, 0u32..=28)
            .prop_map(|(m, s)| Decimal::from_i128_with_scale(i128::from(m), s)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    /// Conversion by two rates (x ÷ rate(from) × rate(to)): a qualified
    /// figure's interval, unrounded and rounded, contains the exact image
    /// of the original's; an exact amount, rounded to the minor unit, is
    /// the exact quotient rounded half to even (or, near the end of the
    /// range, an interval that contains it).
    #[test]
    fn conversion_is_sound(f in figure(), from_rate in rate(), to_rate in rate(), to in currency()) {
        let Some(f) = f else { return Ok(()) };
        let from = f.currency();
        if from == to {
            return Ok(());
        }
        let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
        let mut rates = RateTable::new();
        let mut rate_of = |c: Currency, r: Decimal| {
            if c == Currency::EUR {
                return Decimal::ONE;
            }
            rates.insert(day, c, r).unwrap();
            r
        };
        let (r_from, r_to) = (rate_of(from, from_rate), rate_of(to, to_rate));
        let Some(converted) = converted(&rates, &f, to, RateRule::OnDate(day))? else {
            return Ok(());
        };
        let image = |x: Decimal| Ratio::of(x).times(r_to).over(r_from);
        converts_soundly(&f, &converted, to, image)?;
    }
}

/// `f` converted into `to` by `rule`; `None` for a result beyond what a
/// `Decimal` holds, the one error a conversion with rates may give.
fn converted(
    rates: &RateTable,
    f: &Figure,
    to: Currency,
    rule: RateRule,
) -> Result<Option<alliance_commitments::rates::Converted>, TestCaseError> {
    match rates.convert(f, to, rule, None) {
        Ok(c) => Ok(Some(c)),
        Err(e) => {
            prop_assert!(
                matches!(
                    e.kind(),
                    alliance_commitments::error::ErrorKind::Overflow { .. }
                ),
                "{f}: {e}"
            );
            Ok(None)
        }
    }
}

/// A conversion holds the image of a qualified figure, unrounded and
/// rounded; an exact amount, rounded to the minor unit, is the exact image
/// rounded half to even (or, near the end of the range, an interval that
/// holds it).
fn converts_soundly(
    f: &Figure,
    converted: &alliance_commitments::rates::Converted,
    to: Currency,
    image: impl Fn(Decimal) -> Ratio,
) -> Result<(), TestCaseError> {
    let rounded = converted.rounded();
    let point = match (f.lower(), f.qualifier(), rounded.interval().is_point()) {
        (Bound::Included(x), alliance_commitments::Qualifier::Exactly, true) => Some(x),
        _ => None,
    };
    let Some(x) = point else {
        encloses_image(f, converted.figure(), &image)?;
        return encloses_image(f, &rounded, &image);
    };
    // Half to even: p − u/2 ≤ x·to/from ≤ p + u/2 for the minor unit
    // u, and at either end p's last digit even.
    let Bound::Included(p) = rounded.lower() else {
        unreachable!()
    };
    let dp = to.minor_units();
    let half = Decimal::new(5, dp + 1);
    let truth = image(x);
    // Near the end of the range p may have fewer decimals than the
    // minor unit: its digit there is then 0, even.
    let even = p.scale() < dp || (p.mantissa() / 10i128.pow(p.scale() - dp)) % 2 == 0;
    if let Some(lo) = p.checked_sub(half) {
        let c = truth.cmp_decimal(lo);
        prop_assert!(
            c == Ordering::Greater || (c == Ordering::Equal && even),
            "{f} → {rounded}: below"
        );
    }
    if let Some(hi) = p.checked_add(half) {
        let c = truth.cmp_decimal(hi);
        prop_assert!(
            c == Ordering::Less || (c == Ordering::Equal && even),
            "{f} → {rounded}: above"
        );
    }
    Ok(())
}

/// `x` rounded half to even to `dp` decimals, by integer arithmetic on the
/// mantissa (non-negative `x`).
fn half_even(x: Decimal, dp: u32) -> Decimal {
    let (m, s) = (x.mantissa(), x.scale());
    if s <= dp {
        return x;
    }
    let k = 10i128.pow(s - dp);
    let (q, r) = (m / k, m % k);
    let q = match (2 * r).cmp(&k) {
        Ordering::Greater => q + 1,
        Ordering::Equal if q % 2 == 1 => q + 1,
        _ => q,
    };
    Decimal::from_i128_with_scale(q, dp)
}

// ---------------------------------------------------- issue's examples

fn fig(s: &str) -> Figure {
    s.parse().unwrap()
}

#[test]
fn ten_times_two_thirds_is_not_exact() {
    let r = fig("€10").checked_scale_ratio(2, 3).unwrap();
    assert_eq!(r.to_string(), "between €6.66 and €6.67");
    assert!(!r.is_exact());
}

#[test]
fn a_quarter_run_rate_is_not_exact_and_does_not_equal_itself() {
    let q1: Period = "2025-Q1".parse().unwrap();
    let y: Period = "2025".parse().unwrap();
    let r = run_rate(&fig("€10bn"), &q1, &y).unwrap();
    assert!(!r.is_exact(), "{r}");
    assert_eq!(r.compare(&r).unwrap(), Comparison::CannotTell);
}

#[test]
fn ten_thirds_as_a_share_is_not_a_point() {
    let s = share(&fig("€10"), &fig("€3")).unwrap().unwrap();
    assert!(!s.is_point(), "{s}");
    let truth = Ratio::of(dec!(10)).over(dec!(3));
    assert!(
        above(s.lower(), &truth, false) && below(s.upper(), &truth),
        "{s}"
    );
}

#[test]
fn bounds_round_outward() {
    let r = |s: &str| {
        let f = fig(s).round();
        (f.qualifier(), f.lower(), f.upper())
    };
    use Bound::{Excluded, Included, Unbounded};
    use alliance_commitments::Qualifier::*;
    assert_eq!(r("over €1.006"), (Over, Excluded(dec!(1.00)), Unbounded));
    assert_eq!(
        r("at least €1.006"),
        (AtLeast, Included(dec!(1.00)), Unbounded)
    );
    assert_eq!(
        r("up to €1.004"),
        (UpTo, Included(dec!(0)), Included(dec!(1.01)))
    );
    assert_eq!(
        r("between €1.006 and €1.0149"),
        (Between, Included(dec!(1.00)), Included(dec!(1.02)))
    );
    assert_eq!(fig("over €1.006").round().to_string(), "over €1");
    // An exact value rounds once, half to even.
    assert_eq!(
        r("€1.005"),
        (Exactly, Included(dec!(1.00)), Included(dec!(1.00)))
    );
    assert_eq!(
        r("€1.015"),
        (Exactly, Included(dec!(1.02)), Included(dec!(1.02)))
    );
    // "about" keeps its value and widens its spread to both rounded ends.
    let about = fig("about €1.006 ± €0.001").round();
    assert!(
        about
            .interval()
            .encloses(&fig("about €1.006 ± €0.001").interval())
    );
}

fn totals_of(amounts: &[Decimal]) -> Figure {
    let mut pledges = Pledges::new();
    for x in amounts {
        let f = Figure::exactly(Money::new(*x, Currency::EUR));
        pledges
            .add(
                Pledge::builder(Country::DE, Country::UA, f)
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let t = pledges.totals(&Query::new().by(Key::Donor)).unwrap();
    let figure = t.grand_total().in_currency(Currency::EUR).unwrap();
    let (_, group) = t.groups().next().unwrap();
    assert_eq!(group.in_currency(Currency::EUR), Some(figure));
    figure
}

#[test]
fn sums_do_not_depend_on_the_order_of_rows() {
    let big = dec!(100000000000000000000000000);
    let small = dec!(0.001);
    let mut forward = vec![big];
    forward.extend([small; 10]);
    let mut backward = vec![small; 10];
    backward.push(big);
    let a = totals_of(&forward);
    assert_eq!(a, totals_of(&backward));
    assert_eq!(a.stated().amount(), dec!(100000000000000000000000000.01));
    let one = Decimal::ONE;
    let b = totals_of(&[Decimal::MAX, one, -one]);
    assert_eq!(b, totals_of(&[Decimal::MAX, -one, one]));
    assert_eq!(b.stated().amount(), Decimal::MAX);
    // Figures added one by one: the same.
    let mut s = Figure::zero(Currency::EUR);
    for x in &backward {
        s = s
            .checked_add(&Figure::exactly(Money::new(*x, Currency::EUR)))
            .unwrap();
    }
    assert!(s.interval().contains(dec!(100000000000000000000000000.01)));
}

#[test]
fn spreading_very_large_amounts_keeps_the_parts() {
    let span: Period = "2024-01-01..2027-12-31".parse().unwrap();
    for (text, currency) in [
        ("790000000000000000000000000", Currency::EUR),
        ("792000000000000000000000000.5", Currency::EUR),
        ("79000000000000000000000000", Currency::KWD),
        ("79228162514264337593543950335", Currency::EUR),
    ] {
        let whole: Decimal = text.parse().unwrap();
        let f = Figure::exactly(Money::new(whole, currency));
        let parts = Spread::evenly_by_days()
            .split(&f, &span, PeriodUnit::Year, None)
            .unwrap();
        let mut sum = Decimal::ZERO;
        for (_, p) in &parts {
            assert!(p.is_exact(), "{text}: {p:?}");
            let x = p.stated().amount();
            // 2024 has 366 of 1,461 days: each part is about a quarter.
            assert!(
                x > whole / dec!(5) && x < whole / dec!(3),
                "{text}: part {x}"
            );
            sum = sum.checked_add(x).unwrap();
        }
        assert_eq!(sum, whole, "{text}");
    }
}

#[test]
fn rounding_an_about_near_the_top_of_the_range_does_not_panic() {
    let x = Decimal::MAX - dec!(10);
    for t in [dec!(1.495), dec!(1), dec!(5)] {
        match Figure::about_within(Money::new(x, Currency::EUR), Tolerance::Absolute(t)) {
            // Bounds with more digits than a Decimal holds are refused.
            Err(_) => assert_eq!(t, dec!(1.495)),
            Ok(f) => {
                let r = f.round();
                let _ = (r.lower(), r.upper(), r.interval(), r.to_string());
                assert!(r.interval().encloses(&f.interval()));
            }
        }
    }
    let f = Figure::about_within(
        Money::new(dec!(7922816251426433759354390.0335), Currency::EUR),
        Tolerance::Absolute(dec!(1.495)),
    )
    .unwrap();
    let r = f.round();
    let _ = (r.lower(), r.upper(), r.to_string());
    assert!(r.interval().encloses(&f.interval()));
}

// ------------------------------------------- malformed numbers, round trips

#[test]
fn numbers_in_files_follow_one_strict_grammar() {
    use alliance_commitments::RateTable;
    for bad in ["1_25", "+1.25", ".5", "5.", "1e3", " 1 2"] {
        let mut rates = RateTable::new();
        let file = format!("Date,USD,\n2025-01-02,{bad},\n");
        assert!(
            rates.read_ecb_history(file.as_bytes()).is_err(),
            "ECB rate {bad:?}"
        );
        #[cfg(feature = "serde")]
        {
            let json =
                format!(r#"{{"window": 7, "quotes": {{"USD": {{"2025-01-02": "{bad}"}}}}}}"#);
            assert!(
                serde_json::from_str::<RateTable>(&json).is_err(),
                "JSON quote {bad:?}"
            );
            let money = format!(r#"{{"amount": "{bad}", "currency": "EUR"}}"#);
            assert!(
                serde_json::from_str::<Money>(&money).is_err(),
                "JSON amount {bad:?}"
            );
        }
    }
    let mut rates = RateTable::new();
    assert!(
        rates
            .read_ecb_history("Date,USD,\n2025-01-02,1.25,\n".as_bytes())
            .is_ok()
    );
    #[cfg(feature = "serde")]
    {
        let ok = r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.25"}}}"#;
        assert!(serde_json::from_str::<RateTable>(ok).is_ok());
    }
}

#[test]
fn ids_with_surrounding_white_space_and_years_past_9999_are_refused() {
    let f = fig("€1");
    let b = || Pledge::builder(Country::DE, Country::UA, f);
    assert!(b().id("  x  ").build().is_err());
    assert!(b().id("x ").build().is_err());
    assert!(b().id("x y").build().is_ok());
    for y in [0, -5, 10000, 12345] {
        let d = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        assert!(b().announced(d).build().is_err(), "{y}");
    }
    let d = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    assert!(b().announced(d).build().is_ok());
    #[cfg(feature = "serde")]
    {
        let json = |id: &str, date: &str| {
            format!(
                r#"[{{"id":"{id}","donor":"DE","recipient":"UA","announced":"{date}","funded":null,"delivered":null,"category":"military","instrument":"grant","stage":"committed","amount":"1","currency":"EUR","sources":[]}}]"#
            )
        };
        let read = |s: String| Pledges::new().read_json(s.as_bytes());
        assert!(read(json("x", "2025-01-01")).is_ok());
        assert!(read(json("  x  ", "2025-01-01")).is_err());
        assert!(read(json("x", "+10000-01-01")).is_err());
        assert!(read(json("x", "0000-01-01")).is_err());
    }
}

#[test]
fn spending_parts_are_a_type() {
    use alliance_commitments::tables::{GdpTable, SpendingPart, SpendingTable};
    use alliance_commitments::targets::GdpGuideline;
    assert!("core defence".parse::<SpendingPart>().is_err());
    let pl = Country::PL.into();
    let mut gdp = GdpTable::new();
    gdp.insert(pl, 2035, "PLN 1000bn".parse().unwrap()).unwrap();
    let mut s = SpendingTable::new();
    s.insert(
        pl,
        2035,
        "core".parse().unwrap(),
        "PLN 35bn".parse().unwrap(),
    )
    .unwrap();
    s.insert(pl, 2035, SpendingPart::Related, "PLN 15bn".parse().unwrap())
        .unwrap();
    let a = GdpGuideline::hague_2035()
        .assess(&pl, 2035, &gdp, &s)
        .unwrap();
    assert!(a.met());
}

#[test]
fn a_relative_tolerance_of_100_percent_is_refused() {
    let m = Money::new(dec!(10), Currency::EUR);
    assert!(Figure::about_within(m, Tolerance::Relative(dec!(1))).is_err());
    assert!(Figure::about_within(m, Tolerance::Relative(dec!(0.99))).is_ok());
    assert!("about €10 ± 100%".parse::<Figure>().is_err());
}

/// Conversions whose exact quotient lies a hair past 28 digits from a
/// cent's rounding tie, worked by hand. With 1 EUR = 1.0000000000000000000000000001
/// USD:
/// - US$0.015 is €0.0149999999999999999999999999|985…: below the tie, so
///   €0.01 (rounding to 28 digits first would give 0.015 and then €0.02);
/// - US$0.0050000000000000000000000001 is €0.0050000000000000000000000000|995…:
///   above the tie, so €0.01 (cutting at 28 digits would give 0.005 and
///   then €0.00).
///
/// And qualified bounds round outward: "over US$1" at 3 USD per EUR is
/// over €0.333…3, "up to US$1" up to €0.333…4.
#[test]
fn a_converted_amount_rounds_once_from_the_exact_quotient() {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    let eur = |usd: &str, rate: Decimal| {
        let mut rates = RateTable::new();
        rates.insert(day, Currency::USD, rate).unwrap();
        let f: Figure = usd.parse().unwrap();
        let c = rates
            .convert(&f, Currency::EUR, RateRule::OnDate(day), None)
            .unwrap();
        (c.figure().to_string(), c.rounded().to_string())
    };
    let hair = dec!(1.0000000000000000000000000001);
    assert_eq!(eur("US$0.015", hair).1, "€0.01");
    assert_eq!(eur("US$0.0050000000000000000000000001", hair).1, "€0.01");
    assert_eq!(
        eur("over US$1", dec!(3)).0,
        "over €0.3333333333333333333333333333"
    );
    assert_eq!(
        eur("up to US$1", dec!(3)).0,
        "up to €0.3333333333333333333333333334"
    );
    assert_eq!(
        eur("between US$1 and US$2", dec!(3)).0,
        "between €0.3333333333333333333333333333 and €0.6666666666666666666666666667"
    );
}

// ------------------------------------------------- converted totals near ties

/// US-dollar amounts in cents, each announced on its own day at its rate
/// (US$ per €, in hundredths), totalled in euros.
fn eur_total_of(parts: &[(i64, i64)]) -> alliance_commitments::totals::GroupTotal {
    let mut rates = RateTable::new();
    let mut pledges = Pledges::new();
    for (i, (cents, rate)) in parts.iter().enumerate() {
        let on = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(i as u64);
        rates
            .insert(on, Currency::USD, Decimal::new(*rate, 2))
            .unwrap();
        let f = Figure::exactly(Money::new(Decimal::new(*cents, 2), Currency::USD));
        pledges
            .add(
                Pledge::builder(Country::US, Country::UA, f)
                    .announced(on)
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let query = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    pledges.totals(&query).unwrap().grand_total().clone()
}

/// The exact euro total in cents of [`eur_total_of`]'s parts, as a
/// fraction `n / d`: each part is `cents ÷ rate` euros, so `100 × cents ÷
/// rate` cents with the rate in hundredths.
fn exact_cents(parts: &[(i64, i64)]) -> (i128, i128) {
    fn gcd(a: i128, b: i128) -> i128 {
        if b == 0 {
            a.abs().max(1)
        } else {
            gcd(b, a % b)
        }
    }
    parts.iter().fold((0i128, 1i128), |(n, d), (cents, rate)| {
        let (c, r) = (i128::from(*cents) * 100, i128::from(*rate));
        let (n, d) = (n * r + c * d, d * r);
        let g = gcd(n, d);
        (n / g, d / g)
    })
}

/// `n / d` (d > 0) rounded half to even, and whether it is a tie.
fn fraction_half_even((n, d): (i128, i128)) -> (i128, bool) {
    let (q, r) = (n.div_euclid(d), n.rem_euclid(d));
    match (2 * r).cmp(&d) {
        Ordering::Less => (q, false),
        Ordering::Greater => (q + 1, false),
        Ordering::Equal => (q + (q & 1), true),
    }
}

/// Three quotients that do not end, each a little above its 28-digit
/// stand-in, whose exact total is a rounding tie: US$0.01 at 3 + US$0.01
/// at 3 + US$0.025 at 3 is exactly €0.015, which rounds (half to even) to
/// €0.02. A total of stand-ins is €0.0149…9 and rounds to €0.01, a cent
/// off; the total is instead the interval that holds the exact one.
#[test]
fn a_converted_total_at_a_tie_is_never_a_cent_off() {
    let t = eur_total_of(&[(1, 300), (1, 300), (25, 3000)]);
    let figure = t.converted().unwrap().figure();
    assert!(!figure.is_exact(), "{figure}");
    assert!(figure.contains(&Money::new(dec!(0.015), Currency::EUR)));
    assert_eq!(t.rounded().unwrap().to_string(), "between €0.01 and €0.02");
    // Away from a tie, the total is one number: US$1 at 3 + US$1 at 7
    // is €0.476190…, €0.48.
    let t = eur_total_of(&[(100, 300), (100, 700)]);
    assert!(!t.converted().unwrap().figure().is_exact());
    assert_eq!(t.rounded().unwrap().to_string(), "€0.48");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A converted total rounds as its exact value does, to the cent, the
    /// exact value found with integer fractions; only where that value is
    /// itself a tie may it be the interval of the two cents, which holds
    /// the answer. Rates of 3 and 6 make ties of parts that do not end.
    #[test]
    fn a_converted_total_rounds_as_its_exact_value(
        parts in prop::collection::vec(
            (-30i64..30, prop::sample::select(vec![300i64, 600, 300, 600, 700, 104, 1200])),
            1..6,
        )
    ) {
        let t = eur_total_of(&parts);
        let rounded = t.rounded().unwrap();
        let (cents, tie) = fraction_half_even(exact_cents(&parts));
        let want = Money::new(Decimal::new(cents as i64, 2), Currency::EUR);
        prop_assert!(rounded.contains(&want), "{rounded} holds not {want}");
        if !tie {
            prop_assert!(rounded.is_exact(), "{rounded} for {want}");
        }
        // The unrounded total holds the exact one: the lower end at most,
        // the upper at least, in whole cents times the denominator.
        let (n, d) = exact_cents(&parts);
        let figure = t.converted().unwrap().figure();
        // x against n / d cents: x·100·d against n·10^scale (these
        // amounts and rates keep both within 128 bits).
        let against = |x: Decimal| {
            let lhs = x.mantissa().checked_mul(100 * d).unwrap();
            let rhs = n.checked_mul(10i128.pow(x.scale())).unwrap();
            lhs.cmp(&rhs)
        };
        match (figure.lower(), figure.upper()) {
            (Bound::Included(lo), Bound::Included(hi)) if lo == hi => {
                prop_assert_eq!(against(lo), Ordering::Equal, "{}", figure);
            }
            (Bound::Included(lo), Bound::Included(hi)) => {
                prop_assert_eq!(against(lo), Ordering::Less, "{}", figure);
                prop_assert_eq!(against(hi), Ordering::Greater, "{}", figure);
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }
}

/// A few pledges announced on 2025-06-02, and a rate of 3 US$ per € that day.
fn at_three(items: &[(&str, Country)]) -> (Pledges, RateTable) {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    let mut rates = RateTable::new();
    rates.insert(day, Currency::USD, dec!(3)).unwrap();
    let mut pledges = Pledges::new();
    for (f, c) in items {
        let p = Pledge::builder(*c, Country::UA, f.parse().unwrap()).announced(day);
        pledges.add(p.build().unwrap()).unwrap();
    }
    (pledges, rates)
}

/// A GDP converted at a rate that does not divide it is not a point: US$3
/// trillion, 1.5 cents and 10⁻¹⁶ at 3 is €1 trillion and 0.5000…0333…
/// cents, which rounds (half to even) up to €1,000,000,000,000.01; its lower
/// neighbour, €1,000,000,000,000.005 exactly, alone would round down.
#[test]
fn a_converted_gdp_rounds_as_its_exact_value() {
    use alliance_commitments::tables::GdpTable;
    let mut rates = RateTable::new();
    let year_end = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
    rates.insert(year_end, Currency::USD, dec!(3)).unwrap();
    let mut gdp = GdpTable::new();
    let us = Country::US.into();
    let usd = Money::new(dec!(3000000000000.0150000000000001), Currency::USD);
    gdp.insert(us, 2024, usd).unwrap();
    let rule = Some((&rates, RateRule::AnnouncementDate));
    let f = gdp.get_in(&us, 2024, Currency::EUR, rule).unwrap();
    assert!(!f.is_exact(), "{f}");
    let exact = Money::new(dec!(1000000000000.005), Currency::EUR);
    assert!(f.contains(&exact), "{f}");
    let eur = gdp.rounded_in(&us, 2024, Currency::EUR, rule).unwrap();
    assert_eq!(eur.amount(), dec!(1000000000000.01));
    // Fair shares weigh participants by that rounded GDP.
    use alliance_commitments::Alliance;
    use alliance_commitments::targets::FloorTarget;
    let mut two = Alliance::new("Two").unwrap();
    let joined = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    for c in [Country::DE, Country::US] {
        two.add_member(c, joined).unwrap();
    }
    gdp.insert(Country::DE.into(), 2024, "€4,000bn".parse().unwrap())
        .unwrap();
    let floor = FloorTarget::new(
        "Floor",
        two,
        "2025".parse().unwrap(),
        "€40bn".parse().unwrap(),
    )
    .unwrap()
    .shared_by_gdp(2024);
    let share = floor.fair_share(Country::US, &gdp, rule).unwrap().unwrap();
    assert_eq!(share.gdp().amount(), dec!(1000000000000.01));
}

/// The quotes of an average add exactly or not at all: 1.000…0001 + 7 has
/// 29 digits, which `Decimal` would round to 8.
#[test]
fn an_average_whose_quotes_do_not_add_up_in_28_digits_is_an_error() {
    let (d2, d3) = (
        chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 6, 3).unwrap(),
    );
    let mut rates = RateTable::new();
    rates
        .insert(d2, Currency::USD, dec!(1.0000000000000000000000000001))
        .unwrap();
    rates.insert(d3, Currency::USD, dec!(7)).unwrap();
    let period = Period::range(d2, d3).unwrap();
    let e = rates.average(Currency::USD, &period).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            alliance_commitments::error::ErrorKind::Overflow { .. }
        ),
        "{e}"
    );
}

/// "about" stays "about" when an exact amount whose conversion does not end
/// joins it: about €50m (± €5m) and US$1,000,000.01 at 3 (€333,333.33666…)
/// total about €50.33m, the spread covering both ends.
#[test]
fn about_stays_about_beside_a_conversion_that_does_not_end() {
    let (pledges, rates) = at_three(&[
        ("about €50m", Country::DE),
        ("US$1,000,000.01", Country::US),
    ]);
    let q = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let t = pledges.totals(&q).unwrap();
    let f = t.grand_total().converted().unwrap().figure();
    assert_eq!(f.qualifier(), alliance_commitments::Qualifier::About, "{f}");
    // The ends, €45m + US$1,000,000.01 ÷ 3 = €136,000,000.01 ÷ 3 and
    // €166,000,000.01 ÷ 3, compared in integers: 3·x against the cents.
    let (Bound::Included(lo), Bound::Included(hi)) = (f.lower(), f.upper()) else {
        panic!("{f}");
    };
    let thrice = |x: Decimal| (3 * x.mantissa(), x.scale());
    let cents = |c: i128, s: u32| c * 10i128.pow(s - 2);
    let ((l, ls), (h, hs)) = (thrice(lo), thrice(hi));
    assert!(l <= cents(13_600_000_001, ls), "{f}");
    assert!(h >= cents(16_600_000_001, hs), "{f}");
}

/// A claim shows the cent its exact total rounds to: US$1 at 3 is
/// €0.333…, shown as €0.33, not as the interval of its neighbours rounded
/// outward.
#[test]
fn a_claim_check_shows_the_cent_of_a_converted_total() {
    use alliance_commitments::DateBasis;
    use alliance_commitments::claims::Claim;
    let (pledges, rates) = at_three(&[("US$1", Country::US)]);
    let claim = Claim::new(
        "about €0.33".parse().unwrap(),
        "2025".parse().unwrap(),
        DateBasis::Announced,
    );
    let check = claim.check(&pledges, Some(&rates)).unwrap();
    assert_eq!(check.rounded().to_string(), "€0.33");
    assert!(check.to_string().contains("data give €0.33 "), "{check}");
}
