//! One group of a total: its key values and its sums, kept small. A query
//! can make hundreds of thousands of groups, nearly all of them in one
//! currency with an exact sum: those hold their decimals and nothing else
//! (no allocation of their own), and the rest hold every figure in full.

use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use super::GroupValue;
use crate::error::ErrorKind;
use crate::figure::Form;
use crate::rates::{Converted, Rate};
use crate::{Currency, Error, Figure, RateRule};

/// The key values of one group, in the order of the query's keys: a view
/// of the values kept by what it came from ([`Totals`](super::Totals), a
/// [`Ranked`](crate::compare::Ranked) group). Keys compare, hash and sort
/// as their values do, in order.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupKey<'a>(&'a [GroupValue]);

impl<'a> GroupKey<'a> {
    /// The key of these values.
    pub(crate) fn new(values: &'a [GroupValue]) -> GroupKey<'a> {
        GroupKey(values)
    }

    /// The values.
    pub fn values(&self) -> &'a [GroupValue] {
        self.0
    }
}

impl fmt::Debug for GroupKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("GroupKey").field(&self.values()).finish()
    }
}

impl fmt::Display for GroupKey<'_> {
    /// The values joined by `, `; `all` for the single group of a query
    /// with no keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.values().is_empty() {
            return f.write_str("all");
        }
        for (i, v) in self.values().iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

/// What every converted total of one query shares: the target, the rule,
/// and the (from, to) rates its parts took.
#[derive(Debug)]
pub(crate) struct Conversion {
    target: Currency,
    rule: RateRule,
    rates: Box<[(Rate, Rate)]>,
}

impl Conversion {
    pub(crate) fn new(target: Currency, rule: RateRule, rates: Box<[(Rate, Rate)]>) -> Conversion {
        Conversion {
            target,
            rule,
            rates,
        }
    }

    fn converted(&self, (original, figure, rates): Part) -> Converted {
        let rates = rates.and_then(|i| self.rates.get(i as usize).copied());
        Converted::from_parts(original, figure, self.rule, rates)
    }
}

/// One part of a conversion: as stated, converted, and the index of its
/// rates (`None` when already in the target currency).
pub(crate) type Part = (Figure, Figure, Option<u32>);

/// The sums as stated: one currency's exact sum kept in place, or all of
/// them in full.
type Stated<'a> = (Option<(Currency, Decimal)>, &'a [(Currency, Figure)]);

/// Marks a part already in the target currency, which took no rates.
const NO_RATES: u32 = u32::MAX;

/// A converted total with its audit trail.
///
/// The trail is kept compactly — each part as stated and converted, and
/// which of the query's rates it took, the rates themselves shared by all
/// groups — since a million pledges can make hundreds of thousands of
/// parts. Two converted totals are equal when their totals and trails
/// are.
#[derive(Clone)]
pub struct ConvertedTotal {
    conversion: Arc<Conversion>,
    trail: Trail,
}

#[derive(Clone)]
enum Trail {
    /// One exact sum in one currency at one rate, whose conversion is the
    /// total: the common case, kept as its two decimals.
    One {
        currency: Currency,
        original: Decimal,
        /// The conversion, as [`compact`] keeps it (apart, so that the
        /// flag takes no room of its own).
        converted: Decimal,
        between: bool,
        /// The index of the rates, or [`NO_RATES`].
        rates: u32,
    },
    Full(Box<FullTrail>),
}

#[derive(Clone)]
struct FullTrail {
    /// The sums as stated, in currency order.
    stated: Box<[(Currency, Figure)]>,
    total: Figure,
    parts: Box<[Kept]>,
}

/// A part as the trail keeps it: an exact part (nearly all of them) in 32
/// bytes, its original as a 64-bit number of units of its scale (a sum as
/// stated: cents, mostly) and its conversion as a decimal (the quotient,
/// or the lower of its two neighbours at 28 digits) and a flag; any other
/// in full. Spreading makes a part per group, currency and rate day, as
/// many as the pledges or more.
#[derive(Clone)]
enum Kept {
    Exact {
        currency: Currency,
        /// The original's scale, at most [`Decimal::MAX_SCALE`].
        scale: u8,
        /// The index of the rates, or [`NO_RATES`].
        rates: u32,
        /// Whether `converted` is the lower of two neighbours ([`compact`]).
        between: bool,
        original: i64,
        converted: Decimal,
    },
    Full(Box<Part>),
}

impl Kept {
    /// `part` of a conversion into `target`, kept exactly as it is.
    fn of(target: Currency, part: Part) -> Kept {
        let (original, converted, rates) = &part;
        let exact = (|| match (original.exactly_stated(), *rates) {
            (_, Some(NO_RATES)) => None,
            (Some(o), rates) if converted.currency() == target => {
                let (c, between) = compact(converted)?;
                units_of(o).map(|(units, scale)| Kept::Exact {
                    currency: original.currency(),
                    scale,
                    between,
                    rates: rates.unwrap_or(NO_RATES),
                    original: units,
                    converted: c,
                })
            }
            _ => None,
        })();
        exact.unwrap_or_else(|| Kept::Full(Box::new(part)))
    }

    /// The part again, into `target`.
    fn part(&self, target: Currency) -> Part {
        match self {
            Kept::Exact {
                currency,
                scale,
                between,
                rates,
                original,
                converted,
            } => (
                Figure::exactly_in(*currency, of_units(*original, *scale)),
                expand(target, (*converted, *between)),
                (*rates != NO_RATES).then_some(*rates),
            ),
            Kept::Full(part) => **part,
        }
    }
}

/// A converted figure as a decimal and a flag, when that gives it back
/// digit for digit ([`expand`]): an exact amount, `(x, false)`; the two
/// neighbours of a quotient that does not end, one unit of their last
/// digit apart, by the lower, `(low, true)`.
fn compact(figure: &Figure) -> Option<(Decimal, bool)> {
    match figure.form() {
        Form::Exactly(x) => Some((x, false)),
        Form::Between(low, high) => {
            let up = neighbour_above(low)?;
            same(up, high).then_some((low, true))
        }
        _ => None,
    }
}

/// The figure [`compact`] kept.
fn expand(target: Currency, (x, between): (Decimal, bool)) -> Figure {
    match between.then(|| neighbour_above(x)).flatten() {
        Some(high) => Figure::from_form(target, Form::Between(x, high)),
        None => Figure::exactly_in(target, x),
    }
}

/// The decimal one unit of its last digit above `x`, at its scale.
fn neighbour_above(x: Decimal) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(x.mantissa().checked_add(1)?, x.scale()).ok()
}

/// `x` as a 64-bit number of units of its scale, and the scale, when that
/// gives `x` back digit for digit.
fn units_of(x: Decimal) -> Option<(i64, u8)> {
    let units = i64::try_from(x.mantissa()).ok()?;
    let scale = u8::try_from(x.scale()).ok()?;
    same(of_units(units, scale), x).then_some((units, scale))
}

/// The decimal of `units` at `scale` (made by [`units_of`], at most
/// [`Decimal::MAX_SCALE`]).
fn of_units(units: i64, scale: u8) -> Decimal {
    Decimal::from_i128_with_scale(i128::from(units), u32::from(scale).min(Decimal::MAX_SCALE))
}

/// The parts of a conversion as a trail keeps them, added as they are
/// made: one group's parts can be hundreds of thousands, so they are
/// kept small from the first.
#[derive(Default)]
pub(crate) struct KeptParts(Vec<Kept>);

impl KeptParts {
    /// Adds `part` of a conversion into `target`.
    pub(crate) fn push(&mut self, target: Currency, part: Part) {
        self.0.push(Kept::of(target, part));
    }
}

/// The same decimal, digit for digit and scale for scale (`Decimal`'s own
/// equality takes 1.0 and 1.00 as equal).
fn same(a: Decimal, b: Decimal) -> bool {
    a.serialize() == b.serialize()
}

impl Trail {
    /// The trail of sums as stated (in currency order), their total in
    /// `target`, and the parts: in place when the parts' figures can be
    /// given back exactly from two decimals, else in full.
    fn new(
        target: Currency,
        stated: Vec<(Currency, Figure)>,
        total: Figure,
        parts: KeptParts,
    ) -> Trail {
        if let ([(currency, sum)], [part]) = (stated.as_slice(), parts.0.as_slice()) {
            if let Some(one) = Trail::one(target, (*currency, sum), &part.part(target), &total) {
                return one;
            }
        }
        Trail::Full(Box::new(FullTrail {
            stated: stated.into_boxed_slice(),
            total,
            parts: parts.0.into_boxed_slice(),
        }))
    }

    /// One exact sum, stated as its part's original, whose conversion is
    /// the total.
    fn one(
        target: Currency,
        (currency, sum): (Currency, &Figure),
        (original, converted, rates): &Part,
        total: &Figure,
    ) -> Option<Trail> {
        let rates = match *rates {
            // The engine numbers rates from zero, one per currency and
            // date: an index never reaches the mark, but if it did, the
            // part would be kept in full.
            Some(NO_RATES) => return None,
            Some(i) => i,
            None => NO_RATES,
        };
        let in_place = original.currency() == currency
            && converted.currency() == target
            && total.currency() == target;
        let (sum, original) = (sum.exactly_stated()?, original.exactly_stated()?);
        let (converted, whole) = (compact(converted)?, compact(total)?);
        let same_total = converted.1 == whole.1 && same(converted.0, whole.0);
        (in_place && same(sum, original) && same_total).then_some(Trail::One {
            currency,
            original,
            converted: converted.0,
            between: converted.1,
            rates,
        })
    }
}

impl PartialEq for ConvertedTotal {
    fn eq(&self, other: &Self) -> bool {
        // The shared rates are numbered in the order groups were first
        // seen: compare what the parts say, not their numbers.
        self.figure() == other.figure() && self.parts().eq(other.parts())
    }
}

impl Eq for ConvertedTotal {}

impl fmt::Debug for ConvertedTotal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConvertedTotal")
            .field("total", &self.figure())
            .field("parts", &self.parts().collect::<Vec<_>>())
            .finish()
    }
}

impl ConvertedTotal {
    /// The total in the target currency, unrounded: exact where every
    /// part's conversion ended, else "between" bounds that hold the exact
    /// total (the sum of the parts' lower neighbours, and that sum plus
    /// their widths; see [`Converted::figure`]).
    pub fn figure(&self) -> Figure {
        match &self.trail {
            Trail::One {
                converted, between, ..
            } => expand(self.conversion.target, (*converted, *between)),
            Trail::Full(full) => full.total,
        }
    }

    /// The total rounded once, half to even, to the target's minor unit.
    /// Of exact amounts, it is their exact total rounded: one number,
    /// unless a rounding tie lies within the bounds the unrounded total
    /// gives it ([`ConvertedTotal::figure`]), when it is the interval of
    /// the two roundings. A total with a qualified figure among its sums
    /// rounds as [`Figure::round`] rounds it, outward.
    pub fn rounded(&self) -> Figure {
        self.figure().round_within(self.holds_one_value())
    }

    /// Whether the total is one exact value (every sum as stated exact), so
    /// that a "between" it is holds that value strictly within its bounds.
    pub(crate) fn holds_one_value(&self) -> bool {
        match &self.trail {
            Trail::One { .. } => true,
            Trail::Full(full) => full.stated.iter().all(|(_, f)| f.is_exact()),
        }
    }

    /// Each part converted, in currency and date order: one per currency
    /// and rate date, with the rates and rule that produced it.
    pub fn parts(&self) -> impl ExactSizeIterator<Item = Converted> + '_ {
        let (one, rest): (Option<Part>, &[Kept]) = match &self.trail {
            Trail::One {
                currency,
                original,
                converted,
                between,
                rates,
            } => (
                Some((
                    Figure::exactly_in(*currency, *original),
                    expand(self.conversion.target, (*converted, *between)),
                    (*rates != NO_RATES).then_some(*rates),
                )),
                &[],
            ),
            Trail::Full(full) => (None, &full.parts),
        };
        Parts {
            one,
            rest: rest.iter(),
            conversion: &self.conversion,
        }
    }

    /// The sums as stated: one currency's in place, or all of them.
    fn stated(&self) -> Stated<'_> {
        match &self.trail {
            Trail::One {
                currency, original, ..
            } => (Some((*currency, *original)), &[]),
            Trail::Full(full) => (None, &full.stated),
        }
    }
}

/// The parts of a converted total, one kept in place or all in a list.
struct Parts<'a> {
    one: Option<Part>,
    rest: std::slice::Iter<'a, Kept>,
    conversion: &'a Conversion,
}

impl Iterator for Parts<'_> {
    type Item = Converted;

    fn next(&mut self) -> Option<Converted> {
        let target = self.conversion.target;
        let part = self
            .one
            .take()
            .or_else(|| Some(self.rest.next()?.part(target)))?;
        Some(self.conversion.converted(part))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.one.is_some()) + self.rest.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Parts<'_> {}

/// One group's total: a figure per currency as stated, and the converted
/// total when the query asked for one.
#[derive(Clone)]
pub struct GroupTotal {
    pieces: usize,
    sums: Sums,
}

#[derive(Clone)]
enum Sums {
    /// Not converted: one currency, an exact sum.
    Exact(Currency, Decimal),
    /// Not converted: any other sums, in currency order.
    Stated(Box<[(Currency, Figure)]>),
    /// Converted: the sums as stated are part of the trail.
    Converted(ConvertedTotal),
}

impl GroupTotal {
    /// A total of `pieces` pledges with these sums per currency (in
    /// currency order) and, when the query converts, the converted total
    /// and its parts; `conversion` is shared by the query's totals.
    pub(crate) fn new(
        pieces: usize,
        stated: Vec<(Currency, Figure)>,
        converted: Option<(Arc<Conversion>, Figure, KeptParts)>,
    ) -> GroupTotal {
        let sums = match converted {
            Some((conversion, total, parts)) => Sums::Converted(ConvertedTotal {
                trail: Trail::new(conversion.target, stated, total, parts),
                conversion,
            }),
            None => match stated.as_slice() {
                [(currency, sum)] => match sum.exactly_stated() {
                    Some(x) => Sums::Exact(*currency, x),
                    None => Sums::Stated(stated.into_boxed_slice()),
                },
                _ => Sums::Stated(stated.into_boxed_slice()),
            },
        };
        GroupTotal { pieces, sums }
    }

    /// Shares `conversion` (the query's rates, once all are known).
    pub(crate) fn share(&mut self, conversion: &Arc<Conversion>) {
        if let Sums::Converted(c) = &mut self.sums {
            c.conversion = Arc::clone(conversion);
        }
    }

    /// The sums as stated: one currency's in place, or all of them.
    fn stated(&self) -> Stated<'_> {
        match &self.sums {
            Sums::Exact(currency, x) => (Some((*currency, *x)), &[]),
            Sums::Stated(all) => (None, all),
            Sums::Converted(c) => c.stated(),
        }
    }

    /// Each currency with its sum, in code order.
    fn currencies(&self) -> impl Iterator<Item = (Currency, Figure)> + '_ {
        let (one, all) = self.stated();
        one.map(|(c, x)| (c, Figure::exactly_in(c, x)))
            .into_iter()
            .chain(all.iter().copied())
    }

    /// The exact total in each currency, in code order.
    pub fn by_currency(&self) -> impl Iterator<Item = Figure> + '_ {
        self.currencies().map(|(_, f)| f)
    }

    /// The exact total in one currency, if any pledge in it counted.
    pub fn in_currency(&self, currency: Currency) -> Option<Figure> {
        self.currencies()
            .find(|(c, _)| *c == currency)
            .map(|(_, f)| f)
    }

    /// The total when all pledges were in one currency; an error naming
    /// the currencies otherwise.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MixedCurrencies`] unless exactly one currency is present.
    pub fn single(&self) -> Result<Figure, Error> {
        let mut it = self.by_currency();
        match (it.next(), it.next()) {
            (Some(f), None) => Ok(f),
            _ => Err(ErrorKind::MixedCurrencies {
                currencies: self.currencies().map(|(c, _)| c).collect(),
            }
            .into()),
        }
    }

    /// The figure to compare: the converted total (unrounded) when the
    /// query converted, else the total in its one currency (an error for
    /// several currencies).
    ///
    /// # Errors
    ///
    /// As [`GroupTotal::single`], when the query did not convert.
    pub fn figure(&self) -> Result<Figure, Error> {
        match self.converted() {
            Some(c) => Ok(c.figure()),
            None => self.single(),
        }
    }

    /// The converted total, when the query converted.
    pub fn converted(&self) -> Option<&ConvertedTotal> {
        match &self.sums {
            Sums::Converted(c) => Some(c),
            Sums::Exact(..) | Sums::Stated(_) => None,
        }
    }

    /// The converted total rounded once to the target's minor unit, when
    /// the query converted: what to show ([`ConvertedTotal::rounded`]).
    pub fn rounded(&self) -> Option<Figure> {
        self.converted().map(ConvertedTotal::rounded)
    }

    /// How many pledges counted (a pledge spread over several groups counts
    /// in each).
    pub fn count(&self) -> usize {
        self.pieces
    }
}

impl PartialEq for GroupTotal {
    fn eq(&self, other: &Self) -> bool {
        self.pieces == other.pieces
            && self.currencies().eq(other.currencies())
            && self.converted() == other.converted()
    }
}

impl Eq for GroupTotal {}

impl fmt::Debug for GroupTotal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupTotal")
            .field("by_currency", &self.currencies().collect::<Vec<_>>())
            .field("converted", &self.converted())
            .field("pieces", &self.pieces)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RateTable;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    /// A figure as written, scale and all.
    fn shown(f: &Figure) -> String {
        format!("{f:?}")
    }

    fn figure(currency: Currency) -> impl Strategy<Value = Figure> {
        let amount = (-1_000_000i64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s));
        // Any decimal: most have more units than 64 bits hold.
        let any =
            (any::<u64>(), any::<u32>(), any::<bool>(), 0u32..=28).prop_map(|(low, hi, neg, s)| {
                Decimal::from_parts(low as u32, (low >> 32) as u32, hi, neg, s)
            });
        prop_oneof![
            3 => amount.clone().prop_map(move |x| Figure::exactly_in(currency, x)),
            1 => any.prop_map(move |x| Figure::exactly_in(currency, x)),
            1 => amount.prop_map(move |x| {
                Figure::over(crate::Money::new(x.abs(), currency)).unwrap_or(Figure::zero(currency))
            }),
        ]
    }

    proptest! {
        // Whatever form a total is kept in, it gives back the figures it
        // was made of, digit for digit.
        #[test]
        fn totals_give_back_what_they_were_made_of(
            eur in prop::option::of(figure(Currency::EUR)),
            usd in prop::option::of(figure(Currency::USD)),
            converted in prop::collection::vec((figure(Currency::EUR), any::<bool>()), 0..3),
            total in figure(Currency::EUR),
            pieces in 0usize..10,
            convert in any::<bool>(),
        ) {
            let stated: Vec<(Currency, Figure)> = [eur.map(|f| (Currency::EUR, f)), usd.map(|f| (Currency::USD, f))]
                .into_iter()
                .flatten()
                .collect();
            let mut rates = RateTable::new();
            let day = NaiveDate::from_ymd_opt(2025, 1, 30).unwrap_or_default();
            rates.insert(day, Currency::USD, Decimal::TWO).unwrap();
            let rate = rates.rate_on(Currency::USD, day).unwrap();
            let eur_rate = rates.rate_on(Currency::EUR, day).unwrap();
            let conversion = Arc::new(Conversion::new(
                Currency::EUR,
                RateRule::AnnouncementDate,
                Box::new([(rate, eur_rate)]),
            ));
            // Each part as stated: one of the sums, or the first.
            let parts: Vec<Part> = converted
                .iter()
                .zip(stated.iter().cycle())
                .map(|((figure, took), (_, original))| (*original, *figure, took.then_some(0)))
                .collect();
            let mut kept = KeptParts::default();
            for part in &parts {
                kept.push(Currency::EUR, *part);
            }
            let t = GroupTotal::new(
                pieces,
                stated.clone(),
                convert.then(|| (Arc::clone(&conversion), total, kept)),
            );
            prop_assert_eq!(t.count(), pieces);
            let by: Vec<String> = t.by_currency().map(|f| shown(&f)).collect();
            prop_assert_eq!(by, stated.iter().map(|(_, f)| shown(f)).collect::<Vec<_>>());
            for (c, f) in &stated {
                prop_assert_eq!(t.in_currency(*c).map(|f| shown(&f)), Some(shown(f)));
            }
            match t.converted() {
                None => prop_assert!(!convert),
                Some(c) => {
                    prop_assert!(convert);
                    prop_assert_eq!(shown(&c.figure()), shown(&total));
                    prop_assert_eq!(c.parts().len(), parts.len());
                    for (got, (original, figure, took)) in c.parts().zip(&parts) {
                        prop_assert_eq!(shown(got.original()), shown(original));
                        prop_assert_eq!(shown(got.figure()), shown(figure));
                        prop_assert_eq!(got.rates(), took.map(|_| (rate, eur_rate)));
                        prop_assert_eq!(got.rule(), RateRule::AnnouncementDate);
                    }
                }
            }
            prop_assert_eq!(&t.clone(), &t);
        }
    }

    fn one_part(part: Part) -> KeptParts {
        let mut kept = KeptParts::default();
        kept.push(Currency::EUR, part);
        kept
    }

    #[test]
    fn a_group_total_takes_56_bytes() {
        // A query can make hundreds of thousands of groups.
        assert_eq!(std::mem::size_of::<GroupTotal>(), 56);
    }

    #[test]
    fn an_exact_part_takes_32_bytes() {
        // Spreading keeps a part per group, currency and rate day.
        assert_eq!(std::mem::size_of::<Kept>(), 32);
        let usd = Figure::exactly_in(Currency::USD, Decimal::new(-123_456_789, 3));
        let eur = Figure::exactly_in(Currency::EUR, Decimal::new(1, 28));
        assert!(matches!(
            Kept::of(Currency::EUR, (usd, eur, Some(0))),
            Kept::Exact { .. }
        ));
        // Past 64 bits of units, or not exact: in full.
        let big = Figure::exactly_in(Currency::USD, Decimal::from(u64::MAX));
        assert!(matches!(
            Kept::of(Currency::EUR, (big, eur, Some(0))),
            Kept::Full(_)
        ));
        let over = Figure::over(crate::Money::new(Decimal::TEN, Currency::USD)).unwrap();
        assert!(matches!(
            Kept::of(Currency::EUR, (over, eur, Some(0))),
            Kept::Full(_)
        ));
    }

    #[test]
    fn a_total_in_one_currency_at_one_rate_is_kept_in_place() {
        let eur = |x: i64| Figure::exactly_in(Currency::EUR, Decimal::new(x, 2));
        let conversion = Arc::new(Conversion::new(
            Currency::EUR,
            RateRule::AnnouncementDate,
            Box::new([]),
        ));
        let t = GroupTotal::new(
            1,
            vec![(Currency::EUR, eur(500))],
            Some((conversion, eur(500), one_part((eur(500), eur(500), None)))),
        );
        assert!(matches!(
            t.sums,
            Sums::Converted(ConvertedTotal {
                trail: Trail::One { .. },
                ..
            })
        ));
        assert!(matches!(
            GroupTotal::new(1, vec![(Currency::EUR, eur(500))], None).sums,
            Sums::Exact(..)
        ));
        // 5.00 and 5 are equal decimals, but not the same digits.
        let five = Figure::exactly_in(Currency::EUR, Decimal::from(5));
        let conversion = Arc::new(Conversion::new(
            Currency::EUR,
            RateRule::AnnouncementDate,
            Box::new([]),
        ));
        let t = GroupTotal::new(
            1,
            vec![(Currency::EUR, eur(500))],
            Some((conversion, five, one_part((eur(500), eur(500), None)))),
        );
        assert!(matches!(
            t.sums,
            Sums::Converted(ConvertedTotal {
                trail: Trail::Full(_),
                ..
            })
        ));
        assert_eq!(
            t.converted().map(|c| c.figure().to_string()),
            Some("€5".into())
        );
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::Serialize;
    use serde::ser::{SerializeStruct, Serializer};

    use super::{ConvertedTotal, GroupKey, GroupTotal};

    impl Serialize for GroupKey<'_> {
        /// The values in order: `["DE", "2025"]`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_newtype_struct("GroupKey", self.values())
        }
    }

    /// The audit trail of a converted total, as a sequence of [`Converted`](crate::rates::Converted).
    struct PartsOf<'a>(&'a ConvertedTotal);

    impl Serialize for PartsOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.parts())
        }
    }

    impl Serialize for ConvertedTotal {
        /// `{"total": figure, "parts": [converted, ...]}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("ConvertedTotal", 2)?;
            st.serialize_field("total", &self.figure())?;
            st.serialize_field("parts", &PartsOf(self))?;
            st.end()
        }
    }

    /// The sums as stated, by currency code.
    struct StatedOf<'a>(&'a GroupTotal);

    impl Serialize for StatedOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.currencies())
        }
    }

    impl Serialize for GroupTotal {
        /// `{"by_currency": {"EUR": figure, ...}, "converted": ..., "pieces": n}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("GroupTotal", 3)?;
            st.serialize_field("by_currency", &StatedOf(self))?;
            st.serialize_field("converted", &self.converted())?;
            st.serialize_field("pieces", &self.count())?;
            st.end()
        }
    }
}
