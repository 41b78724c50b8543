//! Spreading an amount over parts of a period: all at the start, evenly by
//! days, or by an explicit schedule; exact to the minor unit.

mod plan;

use crate::error::{ErrorKind, Operation};
use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::figure::{FigureSum, SplitBuffers};
use crate::{Error, Figure, Period, PeriodUnit, exact};
use plan::Plans;

/// Splits `amount` in proportion to `weights`, so that the parts add up
/// exactly to `amount`.
///
/// Parts are whole minor units (10^-`minor`), found by the largest-remainder
/// method: each part gets the floor of its exact share, and the units left
/// over go one each to the parts with the largest remainders (ties to the
/// earlier part). If `amount` itself has digits below the minor unit
/// (`23417159.978473667`), those go whole to the first part with a nonzero
/// weight, so nothing is lost. Negative amounts (corrections) split the
/// same way with the sign kept. All weights zero is an error.
///
/// Weights may be as wide as `u128` (GDP in minor units, say). The sum of
/// the weights, and each weight times the amount in minor units, must fit
/// in a `u128`, else [`ErrorKind::Overflow`].
pub(crate) fn allocate<W: Copy + Into<u128>>(
    amount: Decimal,
    weights: &[W],
    minor: u32,
) -> Result<Vec<Decimal>, Error> {
    let mut out = Vec::with_capacity(weights.len());
    Allocation::default().split(amount, weights, minor, &mut out)?;
    Ok(out)
}

/// The working space of [`allocate`], kept from one split to the next
/// so that splitting many amounts allocates nothing once it has grown.
#[derive(Debug, Default)]
pub(crate) struct Allocation {
    /// Each part in units of the grid.
    parts: Vec<u128>,
    /// Each part's remainder, with its place.
    remainders: Vec<(u128, usize)>,
}

impl Allocation {
    /// [`allocate`] into `out`, which is cleared first.
    pub(crate) fn split<W: Copy + Into<u128>>(
        &mut self,
        amount: Decimal,
        weights: &[W],
        minor: u32,
        out: &mut Vec<Decimal>,
    ) -> Result<(), Error> {
        out.clear();
        let total_weight = total_weight(weights)?;
        // Some weight is not zero: the total is not.
        let first = weights
            .iter()
            .position(|w| (*w).into() > 0)
            .unwrap_or_default();
        let overflow = || ErrorKind::Overflow {
            operation: Operation::Spreading,
        };
        // The grid is the minor unit, or for amounts too large to count in
        // minor units within a `Decimal` (above about 7.9e26 in euros) the
        // finest power of ten that can count them: still whole minor units.
        // Every step is exact integer arithmetic; nothing is rescaled.
        let (grid_scale, units) = (0..=minor)
            .rev()
            .find_map(|g| {
                exact::units(amount.trunc_with_scale(g), g)
                    .filter(|u| *u < 1u128 << 96)
                    .map(|u| (g, u))
            })
            .ok_or_else(overflow)?;
        let grid = amount.trunc_with_scale(grid_scale);
        let residual = exact::checked_sub(amount, grid, Operation::Spreading)?;
        let total = total_weight;
        let Allocation { parts, remainders } = self;
        parts.clear();
        remainders.clear();
        let mut given: u128 = 0;
        for (i, w) in weights.iter().enumerate() {
            let exact = units.checked_mul((*w).into()).ok_or_else(overflow)?;
            parts.push(exact / total);
            remainders.push((exact % total, i));
            given += exact / total;
        }
        let left = usize::try_from(units - given).map_err(|_| overflow())?; // fewer than weights.len()
        // Only which parts get a unit matters, not their order among
        // themselves: the `left` first in (remainder down, place up) order,
        // found without sorting the rest.
        let largest = |a: &(u128, usize), b: &(u128, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if left > 0 && left < remainders.len() {
            remainders.select_nth_unstable_by(left - 1, largest);
        }
        for (_, i) in remainders.iter().take(left) {
            parts[*i] += 1;
        }
        let negative = amount.is_sign_negative();
        for (i, units) in parts.iter().enumerate() {
            let mantissa = i128::try_from(*units).map_err(|_| overflow())?;
            let mut part = Decimal::try_from_i128_with_scale(
                if negative { -mantissa } else { mantissa },
                grid_scale,
            )
            .map_err(|_| overflow())?;
            if grid_scale < minor {
                // Whole minor units, written as such where they fit.
                let mut written = part;
                written.rescale(minor);
                if written == part && written.scale() == minor {
                    part = written;
                }
            }
            // Adding a zero no finer than the part leaves it as it is.
            if i == first && !(residual.is_zero() && residual.scale() <= part.scale()) {
                part = exact::checked_add(part, residual, Operation::Spreading)?;
            }
            out.push(part);
        }
        Ok(())
    }
}

/// An explicit schedule for one pledge: parts of its span with weights
/// (amounts, percentages or any other proportions).
///
/// ```
/// use alliance_commitments::spread::Schedule;
/// use rust_decimal::dec;
/// // A quarter in 2024, three quarters spread over 2025-2027.
/// let s = Schedule::new(vec![
///     ("2024".parse()?, dec!(25)),
///     ("2025-01-01..2027-12-31".parse()?, dec!(75)),
/// ])?;
/// assert_eq!(s.parts().len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Schedule {
    parts: Vec<(Period, Decimal)>,
}

impl Schedule {
    /// A schedule from parts and weights. Weights must not be negative, at
    /// least one must be positive, each has at most 6 decimals, and the
    /// parts must not overlap. Parts are kept in time order.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidSchedule`] for a negative weight, no positive weight, a
    /// weight with more than 6 decimals, or overlapping parts.
    pub fn new(mut parts: Vec<(Period, Decimal)>) -> Result<Schedule, Error> {
        if parts
            .iter()
            .any(|(_, w)| w.is_sign_negative() && !w.is_zero())
        {
            return Err(ErrorKind::InvalidSchedule {
                reason: "a weight is negative",
            }
            .into());
        }
        if parts.iter().all(|(_, w)| w.is_zero()) {
            return Err(ErrorKind::InvalidSchedule {
                reason: "no part has a positive weight",
            }
            .into());
        }
        if parts.iter().any(|(_, w)| w.normalize().scale() > 6) {
            return Err(ErrorKind::InvalidSchedule {
                reason: "a weight has more than 6 decimals",
            }
            .into());
        }
        parts.sort_by_key(|(p, _)| *p);
        if parts.windows(2).any(|w| w[0].0.overlaps(&w[1].0)) {
            return Err(ErrorKind::InvalidSchedule {
                reason: "two parts overlap",
            }
            .into());
        }
        Ok(Schedule { parts })
    }

    /// The parts and their weights, in time order.
    pub fn parts(&self) -> &[(Period, Decimal)] {
        &self.parts
    }

    /// From the first part's start to the last part's end.
    fn cover(&self) -> Result<Period, Error> {
        match (self.parts.first(), self.parts.last()) {
            (Some(first), Some(last)) => Period::range(first.0.start(), last.0.end()),
            _ => Err(ErrorKind::InvalidSchedule { reason: "no parts" }.into()),
        }
    }

    /// Integer weights: each weight × 10^6.
    fn integer_weights(&self) -> Result<Vec<u64>, Error> {
        self.parts
            .iter()
            .map(|(_, w)| {
                let mut scaled =
                    w.checked_mul(Decimal::from(1_000_000))
                        .ok_or(ErrorKind::Overflow {
                            operation: Operation::Spreading,
                        })?;
                scaled.rescale(0);
                u64::try_from(scaled.mantissa()).map_err(|_| {
                    ErrorKind::InvalidSchedule {
                        reason: "a weight is too large",
                    }
                    .into()
                })
            })
            .collect()
    }
}

/// The base rule for counting a pledge over a span in shorter periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum SpreadRule {
    /// The whole amount in the period where the span starts.
    AtStart,
    /// In proportion to the days of the span in each period.
    #[default]
    EvenlyByDays,
}

/// How pledges for a multi-period span are counted in shorter periods: a
/// base [`SpreadRule`], and explicit [`Schedule`]s for pledges that have
/// one (by pledge id).
///
/// Spreading never loses or creates money: the parts of an exact amount
/// add up exactly to the whole (see [`Spread::split`]). A qualified
/// figure's parts are its bounds' shares rounded outward to the minor
/// unit, so each part holds its share and the parts hold the whole:
///
/// ```
/// use alliance_commitments::{Figure, Period, PeriodUnit, Spread};
///
/// let q1: Period = "2025-Q1".parse()?;
/// let figure: Figure = "between €1.00 and €1.01".parse()?;
/// let months = Spread::evenly_by_days().split(&figure, &q1, PeriodUnit::Month, None)?;
/// // March has 31 of the quarter's 90 days: €0.344… to €0.348….
/// assert_eq!(months[2].1.to_string(), "between €0.34 and €0.35");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use alliance_commitments::{Figure, Period, PeriodUnit, Spread};
///
/// let span: Period = "2024-01-01..2027-12-31".parse()?;
/// let figure: Figure = "€1bn".parse()?;
/// let years = Spread::evenly_by_days().split(&figure, &span, PeriodUnit::Year, None)?;
/// let shown: Vec<String> = years.iter().map(|(p, f)| format!("{p}: {}", f.stated())).collect();
/// // 2024 has 366 of the span's 1,461 days.
/// assert_eq!(shown, [
///     "2024: €250,513,347.02",
///     "2025: €249,828,884.33",
///     "2026: €249,828,884.33",
///     "2027: €249,828,884.32",
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spread {
    rule: SpreadRule,
    schedules: HashMap<String, Schedule>,
}

impl Spread {
    /// Everything at the start of the span.
    pub fn at_start() -> Spread {
        Spread {
            rule: SpreadRule::AtStart,
            schedules: HashMap::new(),
        }
    }

    /// Evenly by days (the default).
    pub fn evenly_by_days() -> Spread {
        Spread {
            rule: SpreadRule::EvenlyByDays,
            schedules: HashMap::new(),
        }
    }

    /// The base rule.
    pub fn rule(&self) -> SpreadRule {
        self.rule
    }

    /// Uses `schedule` for the pledge with id `pledge_id`; its parts are
    /// spread evenly by days within themselves.
    #[must_use]
    pub fn with_schedule(mut self, pledge_id: impl Into<String>, schedule: Schedule) -> Spread {
        self.schedules.insert(pledge_id.into(), schedule);
        self
    }

    /// The schedules by pledge id, in id order.
    pub fn schedules(&self) -> impl Iterator<Item = (&str, &Schedule)> + '_ {
        let mut all: Vec<(&str, &Schedule)> = self
            .schedules
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        all.sort_by_key(|(k, _)| *k);
        all.into_iter()
    }

    /// The schedule for a pledge id, if one was given.
    pub fn schedule(&self, pledge_id: &str) -> Option<&Schedule> {
        self.schedules.get(pledge_id)
    }

    /// The id under which `pledge_id`'s schedule is kept, if it has one:
    /// borrowed from the spread, not from the pledge.
    pub(crate) fn schedule_id(&self, pledge_id: &str) -> Option<&str> {
        self.schedules
            .get_key_value(pledge_id)
            .map(|(id, _)| id.as_str())
    }

    /// Splits `figure`, for `span`, into one piece per calendar month (cut
    /// to the span), by the base rule or — if `pledge_id` has a schedule —
    /// by the schedule, whose parts then replace the span: the figure is
    /// divided among the parts by weight, and each part's share spread
    /// evenly by days within it. Every coarser split adds these month pieces
    /// up, so four quarters always make the year, to the last digit.
    pub(crate) fn month_pieces(
        &self,
        figure: &Figure,
        span: &Period,
        pledge_id: Option<&str>,
    ) -> Result<Vec<(Period, Figure)>, Error> {
        self.pieces(figure, span, pledge_id, PeriodUnit::Month)
    }

    /// The pieces [`Spread::each_piece_to`] gives, collected.
    fn pieces(
        &self,
        figure: &Figure,
        span: &Period,
        pledge_id: Option<&str>,
        unit: PeriodUnit,
    ) -> Result<Vec<(Period, Figure)>, Error> {
        let mut out = Vec::new();
        self.each_piece_to(
            figure,
            span,
            pledge_id,
            unit,
            &mut Cutter::default(),
            &mut |piece, f| {
                out.push((piece, f));
                Ok(())
            },
        )?;
        Ok(out)
    }

    /// The pieces of [`Spread::month_pieces`], allocated no further than
    /// periods of `unit` (each is what the month pieces within it add up
    /// to, since every level adds up exactly to the one above), handed to
    /// `sink` one at a time, in time order, none of them kept.
    pub(crate) fn each_piece_to(
        &self,
        figure: &Figure,
        span: &Period,
        pledge_id: Option<&str>,
        unit: PeriodUnit,
        cutter: &mut Cutter,
        sink: &mut Sink<'_>,
    ) -> Result<(), Error> {
        if let Some((value, bounds)) = figure.about_parts() {
            // The value's pieces as an exact amount's, which add up to it
            // level by level; the bounds' pieces, their shares; both
            // cutting the same periods in the same order.
            let mut values = Vec::new();
            self.each_piece_to(&value, span, pledge_id, unit, cutter, &mut |_, f| {
                values.push(f.exactly_stated().unwrap_or_default());
                Ok(())
            })?;
            let minor = figure.currency().minor_units();
            let mut values = values.into_iter();
            return self.each_piece_to(&bounds, span, pledge_id, unit, cutter, &mut |p, b| {
                let v = values.next().ok_or(ErrorKind::Overflow {
                    operation: Operation::Spreading,
                })?;
                sink(p, figure.about_around(v, &b, minor))
            });
        }
        let depth = LEVELS
            .iter()
            .position(|l| *l == unit)
            .map_or(LEVELS.len(), |i| i + 1);
        if let Some(schedule) = pledge_id.and_then(|id| self.schedules.get(id)) {
            let minor = figure.currency().minor_units();
            let weights = schedule.integer_weights()?;
            if figure.exactly_stated().is_none() {
                // A qualified figure's pieces are its shares in one step:
                // the part's weight, then its days.
                let total = total_weight(&weights)?;
                for ((part, _), weight) in schedule.parts.iter().zip(&weights) {
                    let root = cutter.plans.of(SpreadRule::EvenlyByDays, *part, depth)?;
                    let depth = depth.min(LEVELS.len());
                    let share = (u128::from(*weight), total);
                    descend_shares(&cutter.plans, root, figure, share, depth, sink)?;
                }
                return Ok(());
            }
            let shares = figure.split_by(&weights, minor)?;
            // Parts are in time order and do not overlap.
            for ((part, _), share) in schedule.parts.iter().zip(shares) {
                descend(SpreadRule::EvenlyByDays, &share, part, depth, cutter, sink)?;
            }
            return Ok(());
        }
        descend(self.rule, figure, span, depth, cutter, sink)
    }

    /// Splits `figure`, for `span`, into the periods of `unit` it touches,
    /// each cut to the span. The base rule puts everything in the first
    /// period, or spreads by days; a schedule for `pledge_id` replaces the
    /// span with its parts, dividing the figure among them by weight and
    /// spreading each share by days within its part. Amounts are allocated
    /// level by level — years, halves, quarters, months — to whole minor
    /// units by largest remainders, so every coarser split adds up from the
    /// finer ones. Periods that get nothing are left out; the figures add up
    /// exactly to an exact `figure`, and hold a qualified one (each bound's
    /// share rounded outward to the minor unit, once).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidSchedule`] for a schedule whose parts or weights cannot
    /// be used (e.g. a weight too large); [`ErrorKind::Overflow`] when an
    /// allocation goes beyond what a `Decimal` holds.
    pub fn split(
        &self,
        figure: &Figure,
        span: &Period,
        unit: PeriodUnit,
        pledge_id: Option<&str>,
    ) -> Result<Vec<(Period, Figure)>, Error> {
        self.split_for(figure, span, unit, pledge_id)
    }

    /// [`Spread::split`] of a figure that no schedule concerns.
    ///
    /// ```
    /// use alliance_commitments::{Figure, PeriodUnit, Spread};
    /// let figure: Figure = "€1bn".parse()?;
    /// let span = "2024-01-01..2025-12-31".parse()?; // 366 + 365 days
    /// let parts = Spread::evenly_by_days().split_span(&figure, &span, PeriodUnit::Year)?;
    /// let shown: Vec<String> = parts.iter().map(|(p, f)| format!("{p}: {}", f.stated().amount())).collect();
    /// // €1bn × 366/731 and × 365/731, to the cent, adding up to €1bn.
    /// assert_eq!(shown, ["2024: 500683994.53", "2025: 499316005.47"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Spread::split`].
    pub fn split_span(
        &self,
        figure: &Figure,
        span: &Period,
        unit: PeriodUnit,
    ) -> Result<Vec<(Period, Figure)>, Error> {
        self.split_for(figure, span, unit, None)
    }

    fn split_for(
        &self,
        figure: &Figure,
        span: &Period,
        unit: PeriodUnit,
        pledge_id: Option<&str>,
    ) -> Result<Vec<(Period, Figure)>, Error> {
        let cover = self.reach(span, pledge_id)?;
        // Cut as totals cut it, so a split and a total agree.
        let finest = if cut_at_periods_of(figure) {
            unit
        } else {
            PeriodUnit::Month
        };
        let merged = merge(self.pieces(figure, span, pledge_id, finest)?, unit)?;
        Ok(merged
            .into_iter()
            .map(|(bucket, f)| {
                (
                    Period::containing(bucket.start(), unit)
                        .ok()
                        .and_then(|b| b.intersection(&cover))
                        .unwrap_or(bucket),
                    f,
                )
            })
            .collect())
    }

    /// The days the pieces of a figure for `span` fall on: the span, or
    /// for a pledge with a schedule, from its first part to its last.
    pub(crate) fn reach(&self, span: &Period, pledge_id: Option<&str>) -> Result<Period, Error> {
        match pledge_id.and_then(|id| self.schedules.get(id)) {
            Some(schedule) => schedule.cover(),
            None => Ok(*span),
        }
    }

    /// The part of `figure`, for `span`, that falls within `within`: the
    /// month pieces inside it, and of a month piece that `within` cuts, a
    /// share by days. `None` if nothing falls within.
    ///
    /// ```
    /// use alliance_commitments::Spread;
    /// let spread = Spread::evenly_by_days();
    /// let f = "€731".parse()?;
    /// let span = "2024-01-01..2025-12-31".parse()?;
    /// let y2024 = spread.portion(&f, &span, &"2024".parse()?, None)?.unwrap();
    /// assert_eq!(y2024.to_string(), "€366"); // 366 of 731 days
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Spread::split`].
    pub fn portion(
        &self,
        figure: &Figure,
        span: &Period,
        within: &Period,
        pledge_id: Option<&str>,
    ) -> Result<Option<Figure>, Error> {
        // Held whole, a qualified figure counts whole, not rounded by
        // cutting it and adding the pieces back up (an exact amount's
        // pieces add up to it, written in minor units).
        if figure.exactly_stated().is_none() && within.encloses(&self.reach(span, pledge_id)?) {
            return Ok(Some(*figure));
        }
        sum_pieces(restrict(
            self.month_pieces(figure, span, pledge_id)?,
            within,
        )?)
    }
}

/// Whether `figure` can be cut at the periods asked for rather than at
/// months and added up. An exact amount can when it is small enough to
/// count in its currency's minor units within a `Decimal`: its pieces at
/// every level are then whole minor units written at the same scale, so
/// pieces no finer than the periods asked for are, digit for digit, what
/// their month pieces add up to. (A larger amount is counted in coarser
/// units, and its finer pieces may be written with more zeros.) A
/// qualified figure always can: each piece's bounds are its shares rounded
/// outward, so a coarser cut rounds fewer times and is the tighter of the
/// two, both sound.
pub(crate) fn cut_at_periods_of(figure: &Figure) -> bool {
    let minor = figure.currency().minor_units();
    let limit = 28u32
        .checked_sub(minor)
        .map(|e| Decimal::from_i128_with_scale(10i128.pow(e), 0));
    match (figure.exactly_stated(), limit) {
        (Some(x), Some(limit)) => x.abs() < limit,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// The pieces' figures added up; `None` for no pieces.
pub(crate) fn sum_pieces(pieces: Vec<(Period, Figure)>) -> Result<Option<Figure>, Error> {
    let mut total: Option<FigureSum> = None;
    for (_, f) in pieces {
        total
            .get_or_insert_with(|| FigureSum::new(f.currency()))
            .add(&f)?;
    }
    total.map(|t| t.figure()).transpose()
}

/// Where pieces go, one at a time.
pub(crate) type Sink<'a> = dyn FnMut(Period, Figure) -> Result<(), Error> + 'a;

const LEVELS: [PeriodUnit; 4] = [
    PeriodUnit::Year,
    PeriodUnit::Half,
    PeriodUnit::Quarter,
    PeriodUnit::Month,
];

/// The working space of cutting amounts into pieces, kept from one amount
/// to the next so that cutting many allocates nothing once it has grown:
/// the plans of the spans cut, and one set of buffers per level of the
/// descent.
#[derive(Debug, Default)]
pub(crate) struct Cutter {
    plans: Plans,
    levels: [Level; LEVELS.len()],
}

/// One level of the descent: the parts of the amount its periods get.
#[derive(Debug, Default)]
struct Level {
    parts: Vec<Figure>,
    buffers: SplitBuffers,
}

/// The pieces of `span` weighted by `rule`, in time order, down through
/// the first `depth` units of [`LEVELS`]: allocated level by level —
/// years, then halves within each year, quarters within each half, months
/// within each quarter — so that each level is the closest split of the
/// level above it and every level adds up exactly to the one above.
fn descend(
    rule: SpreadRule,
    figure: &Figure,
    span: &Period,
    depth: usize,
    cutter: &mut Cutter,
    out: &mut Sink<'_>,
) -> Result<(), Error> {
    let Cutter { plans, levels } = cutter;
    let root = plans.of(rule, *span, depth)?;
    if figure.exactly_stated().is_none() {
        return descend_shares(plans, root, figure, (1, 1), depth, out);
    }
    descend_plan(plans, root, figure, &mut levels[..depth], out)
}

/// [`descend`] for a qualified figure: each piece is the figure's share
/// ([`Figure::share`]) by the product of its weights down the levels, in
/// one step, so that a bound is rounded once, not once a level. `share`
/// is what `node` gets of the figure.
fn descend_shares(
    plans: &Plans,
    node: usize,
    figure: &Figure,
    share: (u128, u128),
    depth: usize,
    out: &mut Sink<'_>,
) -> Result<(), Error> {
    if depth == 0 {
        let minor = figure.currency().minor_units();
        return out(plans.period(node), figure.share(share.0, share.1, minor)?);
    }
    let (first, weights) = plans.children(node);
    let total = total_weight(weights)?;
    for (child, weight) in (first..).zip(weights) {
        if *weight > 0 {
            let of = times(share, (u128::from(*weight), total))?;
            descend_shares(plans, child, figure, of, depth - 1, out)?;
        }
    }
    Ok(())
}

/// The sum of `weights`, which must not all be zero.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] if the sum is beyond a `u128`;
/// [`ErrorKind::InvalidSchedule`] if every weight is zero.
pub(crate) fn total_weight<W: Copy + Into<u128>>(weights: &[W]) -> Result<u128, Error> {
    let total = weights
        .iter()
        .try_fold(0u128, |acc, w| acc.checked_add((*w).into()))
        .ok_or(ErrorKind::Overflow {
            operation: Operation::Spreading,
        })?;
    if total == 0 {
        return Err(ErrorKind::InvalidSchedule {
            reason: "all weights are zero",
        }
        .into());
    }
    Ok(total)
}

/// The product of two fractions, in lowest terms.
fn times((a, b): (u128, u128), (c, d): (u128, u128)) -> Result<(u128, u128), Error> {
    let overflow = || ErrorKind::Overflow {
        operation: Operation::Spreading,
    };
    let (g1, g2) = (gcd(a, d), gcd(c, b));
    let num = (a / g1).checked_mul(c / g2).ok_or_else(overflow)?;
    let den = (b / g2).checked_mul(d / g1).ok_or_else(overflow)?;
    Ok((num, den))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// [`descend`] from `node` of its plan, `figure` being what the node gets.
fn descend_plan(
    plans: &Plans,
    node: usize,
    figure: &Figure,
    levels: &mut [Level],
    out: &mut Sink<'_>,
) -> Result<(), Error> {
    let Some((level, below)) = levels.split_first_mut() else {
        return out(plans.period(node), *figure);
    };
    let (first, weights) = plans.children(node);
    let minor = figure.currency().minor_units();
    if weights.len() == 1 {
        // One part takes the whole; an exact amount already in whole
        // minor units is what the split would give back, digit for digit.
        if figure.exactly_stated().is_some_and(|x| x.scale() == minor) {
            return descend_plan(plans, first, figure, below, out);
        }
    }
    let Level { parts, buffers } = level;
    figure.split_into(weights, minor, buffers, parts)?;
    for (child, (weight, part)) in (first..).zip(weights.iter().zip(parts.iter())) {
        if *weight > 0 {
            descend_plan(plans, child, part, below, out)?;
        }
    }
    Ok(())
}

/// Keeps what of each piece lies within `within` (see [`restrict_piece`]).
pub(crate) fn restrict(
    pieces: Vec<(Period, Figure)>,
    within: &Period,
) -> Result<Vec<(Period, Figure)>, Error> {
    let mut out = Vec::with_capacity(pieces.len());
    for (piece, figure) in pieces {
        out.extend(restrict_piece(piece, figure, within)?);
    }
    Ok(out)
}

/// What of a piece lies within `within`. The split does not depend on
/// `within`, so complementary periods always add up to the whole: of an
/// exact amount over n days, days 1..k get the amount × k ÷ n rounded to
/// the minor unit (half up; digits below it go with the first day), and a
/// cut gets the difference of its ends', within a minor unit of its share
/// (half a unit when it starts or ends with the piece), besides the digits
/// below the minor unit, which only a cut that holds the first day gets.
/// A qualified figure's cut is its bounds' shares by days, rounded outward.
pub(crate) fn restrict_piece(
    piece: Period,
    figure: Figure,
    within: &Period,
) -> Result<Option<(Period, Figure)>, Error> {
    let Some(inside) = piece.intersection(within) else {
        return Ok(None);
    };
    if inside.same_days(&piece) {
        return Ok(Some((piece, figure)));
    }
    let days = piece.days().unsigned_abs();
    let before = (inside.start() - piece.start()).num_days().unsigned_abs();
    let count = inside.days().unsigned_abs();
    let after = days - before - count;
    let minor = figure.currency().minor_units();
    let kept = match figure.exactly_stated() {
        Some(x) => {
            // Days 1..k of n: the first part of a split by k and n − k,
            // which is the share rounded half up (the larger remainder,
            // ties to the first part), with the digits below the minor
            // unit when k > 0.
            let upto = |k: u64| -> Result<Decimal, Error> {
                Ok(allocate(x, &[k, days - k], minor)?
                    .first()
                    .copied()
                    .unwrap_or_default())
            };
            let cut =
                exact::checked_sub(upto(before + count)?, upto(before)?, Operation::Spreading)?;
            Figure::exactly(crate::Money::new(cut, figure.currency()))
        }
        None => {
            let parts = figure.split_by(&[before, count, after], minor)?;
            parts.get(1).copied().ok_or(ErrorKind::Overflow {
                operation: Operation::Spreading,
            })?
        }
    };
    Ok(Some((inside, kept)))
}

/// Adds month pieces up into the periods of `unit`, each cut to the days
/// its pieces cover, in time order.
pub(crate) fn merge(
    mut pieces: Vec<(Period, Figure)>,
    unit: PeriodUnit,
) -> Result<Vec<(Period, Figure)>, Error> {
    // The pieces are disjoint, so sorting by start puts them in the time
    // order a merger needs, whatever produced them.
    if !pieces.is_sorted_by_key(|(p, _)| p.start()) {
        pieces.sort_by_key(|(p, _)| p.start());
    }
    let mut out = Vec::new();
    let mut merger = Merger::new(unit);
    for (piece, figure) in pieces {
        out.extend(merger.push(piece, &figure)?);
    }
    out.extend(merger.finish()?);
    Ok(out)
}

/// Adds pieces, given in time order, up into the periods of a unit, each
/// cut to the days its pieces cover: a bucket's pieces are neighbours, so
/// each piece either joins the open bucket or closes it and opens the
/// next, and only the open bucket is kept.
pub(crate) struct Merger {
    unit: PeriodUnit,
    /// The open bucket, the days its pieces cover, and what they add up to.
    open: Option<(Period, Period, Bucket)>,
}

/// What the pieces of an open bucket add up to: most buckets get one
/// piece (pieces cut at the bucket's own unit), which is kept as it is
/// until a second one comes.
enum Bucket {
    One(Figure),
    // Sums in a `FigureSum`: exact to the end, whatever scales the pieces
    // have (a part of a very large amount may count finer units than the
    // whole), so the pieces add back up to the whole exactly.
    Many(FigureSum),
}

impl Merger {
    pub(crate) fn new(unit: PeriodUnit) -> Merger {
        Merger { unit, open: None }
    }

    /// Adds a piece; the bucket before it, complete, if the piece is the
    /// first of the next.
    pub(crate) fn push(
        &mut self,
        piece: Period,
        figure: &Figure,
    ) -> Result<Option<(Period, Figure)>, Error> {
        // A piece that is a whole unit is its own bucket: no dates to
        // work out.
        let bucket = match piece.unit() {
            Some(unit) if unit == self.unit => piece,
            _ => Period::containing(piece.start(), self.unit)?,
        };
        if let Some((b, covered, sum)) = &mut self.open {
            if *b == bucket {
                match sum {
                    Bucket::One(first) => {
                        let mut many = FigureSum::new(first.currency());
                        many.add(first)?;
                        many.add(figure)?;
                        *sum = Bucket::Many(many);
                    }
                    Bucket::Many(many) => many.add(figure)?,
                }
                *covered = Period::range(covered.start(), piece.end())?;
                return Ok(None);
            }
        }
        self.open
            .replace((bucket, piece, Bucket::One(*figure)))
            .map(close)
            .transpose()
    }

    /// The last bucket, if any piece came.
    pub(crate) fn finish(self) -> Result<Option<(Period, Figure)>, Error> {
        self.open.map(close).transpose()
    }
}

/// A merged bucket, cut to the days its pieces cover.
fn close((bucket, covered, sum): (Period, Period, Bucket)) -> Result<(Period, Figure), Error> {
    let period = if covered == bucket {
        bucket
    } else {
        bucket.intersection(&covered).unwrap_or(covered)
    };
    let figure = match sum {
        Bucket::One(figure) => FigureSum::of_one(&figure),
        Bucket::Many(sum) => sum.figure()?,
    };
    Ok((period, figure))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    /// A qualified bound is its share rounded once, not once a level:
    /// 2028-Q1 has 91 of the span's 637 days, and €121,780,428 × 91 ÷ 637
    /// = €17,397,204 exactly (cut year, half, quarter, each rounding down,
    /// it would be €17,397,203.99…).
    #[test]
    fn a_qualified_bound_is_rounded_once() {
        let f: Figure = "at least €121780428".parse().unwrap();
        let span: Period = "2027-01-30..2028-10-27".parse().unwrap();
        let parts = Spread::evenly_by_days()
            .split(&f, &span, PeriodUnit::Quarter, None)
            .unwrap();
        let q1 = parts
            .iter()
            .find(|(p, _)| p.to_string() == "2028-Q1")
            .unwrap();
        assert_eq!(q1.1.lower(), std::ops::Bound::Included(dec!(17397204)));
        assert_eq!(q1.1.qualifier(), crate::Qualifier::AtLeast);
    }

    /// Hand-worked: a window that cuts a month gets the amount × its days
    /// ÷ the month's by cumulative shares, not the first days' leftovers.
    #[test]
    fn a_cut_month_gives_each_window_its_share() {
        let january: Period = "2025-01".parse().unwrap();
        let cut = |f: &str, w: &str| {
            restrict_piece(january, f.parse().unwrap(), &w.parse().unwrap())
                .unwrap()
                .map(|(p, f)| format!("{p}: {f}"))
        };
        // €1.00 × 15/31 = €0.4838…; × 16/31 = €0.5161…
        let first = "2025-01-01..2025-01-15";
        let rest = "2025-01-16..2025-01-31";
        assert_eq!(
            cut("€1.00", first).unwrap(),
            "2025-01-01..2025-01-15: €0.48"
        );
        assert_eq!(cut("€1.00", rest).unwrap(), "2025-01-16..2025-01-31: €0.52");
        // Days 11-20: round(1.00 × 20/31) − round(1.00 × 10/31) = 0.65 − 0.32.
        let middle = "2025-01-11..2025-01-20";
        assert_eq!(
            cut("€1.00", middle).unwrap(),
            "2025-01-11..2025-01-20: €0.33"
        );
        // Digits below the minor unit go with the first day.
        assert_eq!(
            cut("€1.005", first).unwrap(),
            "2025-01-01..2025-01-15: €0.485"
        );
        assert_eq!(
            cut("€1.005", rest).unwrap(),
            "2025-01-16..2025-01-31: €0.52"
        );
        // A qualified figure's bounds: shares rounded outward.
        assert_eq!(
            cut("over €1.00", first).unwrap(),
            "2025-01-01..2025-01-15: over €0.48"
        );
        assert_eq!(
            cut("between €1.00 and €1.01", rest).unwrap(),
            "2025-01-16..2025-01-31: between €0.51 and €0.53"
        );
        assert_eq!(cut("€1.00", "2025-02"), None);
    }

    #[test]
    fn parts_add_up_and_remainders_go_to_the_largest() {
        // 100.00 in three equal parts: 33.34, 33.33, 33.33.
        assert_eq!(
            allocate(dec!(100), &[1u64, 1, 1], 2).unwrap(),
            [dec!(33.34), dec!(33.33), dec!(33.33)]
        );
        // 10 yen over 3: 4, 3, 3.
        assert_eq!(
            allocate(dec!(10), &[1u64, 1, 1], 0).unwrap(),
            [dec!(4), dec!(3), dec!(3)]
        );
        // Weights 1:2 of 1.00: 0.33 (rem 1), 0.66 (rem 2) → 0.33, 0.67.
        assert_eq!(
            allocate(dec!(1), &[1u64, 2], 2).unwrap(),
            [dec!(0.33), dec!(0.67)]
        );
        // Corrections keep their sign.
        assert_eq!(
            allocate(dec!(-100), &[1u64, 1, 1], 2).unwrap(),
            [dec!(-33.34), dec!(-33.33), dec!(-33.33)]
        );
        // Digits below the minor unit go to the first part.
        assert_eq!(
            allocate(dec!(23417159.978473667), &[1u64, 1], 2).unwrap(),
            [dec!(11708579.998473667), dec!(11708579.98)]
        );
        // Zero weights get nothing, and the residual skips them.
        assert_eq!(
            allocate(dec!(1.005), &[0u64, 1], 2).unwrap(),
            [dec!(0), dec!(1.005)]
        );
        assert!(allocate(dec!(1), &[0u64, 0], 2).is_err());
    }

    #[test]
    fn the_units_left_go_to_the_largest_remainders_ties_to_the_earlier() {
        // 7 cents by 3:1:2:1:3 are 2.1, 0.7, 1.4, 0.7 and 2.1 cents: floors
        // 2, 0, 1, 0, 2 leave 2 cents, for the two remainders of 0.7.
        assert_eq!(
            allocate(dec!(0.07), &[3u64, 1, 2, 1, 3], 2).unwrap(),
            [dec!(0.02), dec!(0.01), dec!(0.01), dec!(0.01), dec!(0.02)]
        );
        // 5 cents over 7 equal parts: the first five get one each.
        let mut five = vec![dec!(0.01); 5];
        five.extend([dec!(0), dec!(0)]);
        assert_eq!(allocate(dec!(0.05), &[1u64; 7], 2).unwrap(), five);
    }

    #[test]
    fn merging_adds_up_each_bucket_in_time_order() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        let f = |s: &str| s.parse::<Figure>().unwrap();
        let pieces = vec![
            (p("2024-11-15..2024-11-30"), f("€1")),
            (p("2024-12"), f("€2")),
            (p("2025-01"), f("€4")),
            (p("2025-02-01..2025-02-10"), f("€8")),
        ];
        let shown = |merged: Vec<(Period, Figure)>| -> Vec<String> {
            merged
                .iter()
                .map(|(p, f)| format!("{p} {}", f.stated()))
                .collect()
        };
        let expected = [
            "2024-11-15..2024-12-31 €3.00",
            "2025-01-01..2025-02-10 €12.00",
        ];
        assert_eq!(
            shown(merge(pieces.clone(), PeriodUnit::Quarter).unwrap()),
            expected
        );
        // Out of order, the same buckets.
        let mut reversed = pieces.clone();
        reversed.reverse();
        assert_eq!(
            shown(merge(reversed, PeriodUnit::Quarter).unwrap()),
            expected
        );
        // A bucket of one piece keeps it as it is written.
        assert_eq!(
            shown(merge(pieces, PeriodUnit::Month).unwrap()),
            [
                "2024-11-15..2024-11-30 €1.00",
                "2024-12 €2.00",
                "2025-01 €4.00",
                "2025-02-01..2025-02-10 €8.00"
            ]
        );
    }

    #[test]
    fn at_start_puts_everything_in_the_first_month_of_any_span() {
        let span: Period = "0001-01-15..9999-12-31".parse().unwrap();
        let figure: Figure = "€5".parse().unwrap();
        let pieces = Spread::at_start()
            .month_pieces(&figure, &span, None)
            .unwrap();
        assert_eq!(pieces.len(), 1);
        assert_eq!(pieces[0].0.to_string(), "0001-01-15..0001-01-31");
        assert_eq!(pieces[0].1.stated().amount(), dec!(5));
    }

    proptest::proptest! {
        // One cutter over many spans — most of them seen again, some too
        // long to keep, more nodes than it keeps in all — cuts each as a new
        // cutter does: keeping plans changes nothing.
        #[test]
        fn kept_plans_cut_as_new_ones_do(
            spans in proptest::collection::vec(
                (0u32..10, 0usize..10, 0usize..4, proptest::bool::ANY, 1i64..1_000_000_000_000),
                1..120,
            ),
        ) {
            let day = |n: u32| chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(u64::from(n));
            let mut kept = Cutter::default();
            for (start, len, unit, at_start, cents) in spans {
                // Few starts and lengths, so that spans recur; the longest
                // are too long to keep.
                let len = [0, 30, 89, 180, 364, 365, 730, 1461, 4000, 5999][len];
                let span = Period::range(day(start * 97), day(start * 97 + len)).unwrap();
                let unit = LEVELS[unit];
                let spread = if at_start { Spread::at_start() } else { Spread::evenly_by_days() };
                let figure = Figure::exactly_in(crate::Currency::EUR, Decimal::new(cents, 2));
                let cut = |cutter: &mut Cutter| {
                    let mut pieces = Vec::new();
                    spread.each_piece_to(&figure, &span, None, unit, cutter, &mut |p, f| {
                        pieces.push((p, f));
                        Ok(())
                    }).unwrap();
                    pieces
                };
                let expected = cut(&mut Cutter::default());
                proptest::prop_assert_eq!(cut(&mut kept), expected);
            }
        }
    }

    proptest::proptest! {
        // Largest remainders as the rule states them, by sorting every
        // remainder: the allocation gives the same parts.
        #[test]
        fn allocation_agrees_with_a_full_sort(
            cents in -1_000_000_000i64..1_000_000_000,
            weights in proptest::collection::vec(0u64..1000, 1..40),
        ) {
            proptest::prop_assume!(weights.iter().any(|w| *w > 0));
            let total: u128 = weights.iter().map(|w| u128::from(*w)).sum();
            let units = u128::from(cents.unsigned_abs());
            let mut parts: Vec<u128> = weights.iter().map(|w| units * u128::from(*w) / total).collect();
            let mut order: Vec<(u128, usize)> = weights
                .iter()
                .enumerate()
                .map(|(i, w)| (units * u128::from(*w) % total, i))
                .collect();
            order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let left = units - parts.iter().sum::<u128>();
            for (_, i) in order.iter().take(usize::try_from(left).unwrap()) {
                parts[*i] += 1;
            }
            let sign = if cents < 0 { -1 } else { 1 };
            let expected: Vec<Decimal> = parts
                .iter()
                .map(|u| Decimal::new(sign * i64::try_from(*u).unwrap(), 2))
                .collect();
            proptest::prop_assert_eq!(allocate(Decimal::new(cents, 2), &weights, 2).unwrap(), expected);
        }
    }

    #[test]
    fn schedules_are_validated() {
        let y = |s: &str| s.parse::<Period>().unwrap();
        assert!(Schedule::new(vec![(y("2024"), dec!(-1))]).is_err());
        assert!(Schedule::new(vec![(y("2024"), dec!(0))]).is_err());
        assert!(Schedule::new(vec![(y("2024"), dec!(1)), (y("2024-Q4"), dec!(1))]).is_err());
        assert!(Schedule::new(vec![(y("2024"), dec!(0.0000001))]).is_err());
        assert!(Schedule::new(vec![(y("2025"), dec!(3)), (y("2024"), dec!(1))]).is_ok());
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::serde_impls::{UniqueMap, decimal};

    use crate::{Period, Spread};
    use rust_decimal::Decimal;
    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    use crate::spread::{Schedule, SpreadRule};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct PartRepr {
        period: Period,
        #[serde(with = "decimal")]
        weight: Decimal,
    }

    impl Serialize for Schedule {
        /// `[{"funded": "2024", "weight": "40"}, ...]`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.parts().iter().map(|(period, weight)| PartRepr {
                period: *period,
                weight: *weight,
            }))
        }
    }

    impl<'de> Deserialize<'de> for Schedule {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let parts = Vec::<PartRepr>::deserialize(d)?;
            Schedule::new(parts.into_iter().map(|p| (p.period, p.weight)).collect())
                .map_err(de::Error::custom)
        }
    }

    #[derive(Serialize)]
    struct SpreadRepr {
        rule: SpreadRule,
        schedules: BTreeMap<String, Schedule>,
    }

    /// [`SpreadRepr`] as read: a pledge id given twice is refused, not
    /// silently replaced by its second schedule.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SpreadRead {
        rule: SpreadRule,
        #[serde(default = "no_schedules")]
        schedules: UniqueMap<String, Schedule>,
    }

    fn no_schedules() -> UniqueMap<String, Schedule> {
        UniqueMap(Vec::new())
    }

    impl Serialize for Spread {
        /// `{"rule": "evenly_by_days", "schedules": {"dk-1": [...]}}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let schedules = self
                .schedules()
                .map(|(k, v)| (k.to_owned(), v.clone()))
                .collect();
            SpreadRepr {
                rule: self.rule(),
                schedules,
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Spread {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = SpreadRead::deserialize(d)?;
            let mut spread = match r.rule {
                SpreadRule::AtStart => Spread::at_start(),
                _ => Spread::evenly_by_days(),
            };
            for (id, schedule) in r.schedules.0 {
                spread = spread.with_schedule(id, schedule);
            }
            Ok(spread)
        }
    }
}
