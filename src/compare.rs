//! Comparisons that analysts publish: change and growth between periods,
//! run rates, shares, rankings, and the gap between stages. Every answer is
//! an interval or one of the four [`Comparison`] outcomes: never a guess.

use crate::error::{ErrorKind, Operation};
use std::ops::Bound;

use rust_decimal::Decimal;

use crate::exact;
use crate::interval::Interval;
use crate::interval::div_outward;
use crate::pledge::{LaterRef, NO_LATER, Record};
use crate::totals::{Engine, GroupKey, GroupValue};
use crate::{Comparison, Donor, Error, Figure, Filter, Key, Period, Pledges, Query, Stage, Totals};

fn same_currency(a: &Figure, b: &Figure) -> Result<(), Error> {
    if a.currency() == b.currency() {
        Ok(())
    } else {
        Err(ErrorKind::CurrencyMismatch {
            left: a.currency(),
            right: b.currency(),
        }
        .into())
    }
}

fn end(b: Bound<Decimal>) -> Option<(Decimal, bool)> {
    match b {
        Bound::Included(x) => Some((x, false)),
        Bound::Excluded(x) => Some((x, true)),
        Bound::Unbounded => None,
    }
}

fn bound(x: Decimal, open: bool) -> Bound<Decimal> {
    if open {
        Bound::Excluded(x)
    } else {
        Bound::Included(x)
    }
}

/// How a total changed from one period to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change {
    direction: Comparison,
    absolute: Interval,
    relative: Option<Interval>,
}

impl Change {
    /// The later figure compared with the earlier: [`Comparison::Greater`]
    /// is a certain rise.
    pub fn direction(&self) -> Comparison {
        self.direction
    }

    /// later − earlier, as an interval in the figures' currency.
    pub fn absolute(&self) -> Interval {
        self.absolute
    }

    /// later ÷ earlier − 1 (growth), when the earlier figure is certainly
    /// positive and the later one not negative; `None` otherwise.
    pub fn relative(&self) -> Option<Interval> {
        self.relative
    }
}

/// The change from `earlier` to `later` (same currency).
///
/// ```
/// use alliance_commitments::compare::change;
/// use alliance_commitments::Comparison;
///
/// let c = change(&"about €50bn".parse()?, &"over €60bn".parse()?)?;
/// assert_eq!(c.direction(), Comparison::Greater);
/// assert_eq!(c.absolute().to_string(), "(€5bn, ∞)");
/// assert_eq!(c.relative().unwrap().percent(1).to_string(), "[9%, ∞)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::CurrencyMismatch`] for figures in two currencies;
/// [`ErrorKind::Overflow`] when a difference or ratio goes beyond what a `Decimal`
/// holds.
pub fn change(earlier: &Figure, later: &Figure) -> Result<Change, Error> {
    same_currency(earlier, later)?;
    let lower = match (end(later.lower()), end(earlier.upper())) {
        (Some((l, lo)), Some((u, uo))) => {
            bound(exact::checked_sub(l, u, Operation::Subtraction)?, lo || uo)
        }
        _ => Bound::Unbounded,
    };
    let upper = match (end(later.upper()), end(earlier.lower())) {
        (Some((u, uo)), Some((l, lo))) => {
            bound(exact::checked_sub(u, l, Operation::Subtraction)?, uo || lo)
        }
        _ => Bound::Unbounded,
    };
    let absolute = Interval::new(lower, upper, Some(later.currency()))?;
    let relative = match ratio(later, earlier)? {
        Some(r) => Some(shift(r, Decimal::NEGATIVE_ONE)?),
        None => None,
    };
    Ok(Change {
        direction: later.compare(earlier)?,
        absolute,
        relative,
    })
}

fn shift(i: Interval, by: Decimal) -> Result<Interval, Error> {
    let add = |b: Bound<Decimal>| -> Result<Bound<Decimal>, Error> {
        Ok(match b {
            Bound::Included(x) => Bound::Included(exact::checked_add(x, by, Operation::Addition)?),
            Bound::Excluded(x) => Bound::Excluded(exact::checked_add(x, by, Operation::Addition)?),
            Bound::Unbounded => Bound::Unbounded,
        })
    };
    Interval::new(add(i.lower())?, add(i.upper())?, i.currency())
}

/// `num ÷ den` as an interval, when `den` is certainly positive and `num`
/// certainly not negative; `None` otherwise. Ends are closed and rounded
/// outward, so the interval contains every possible ratio.
fn ratio(num: &Figure, den: &Figure) -> Result<Option<Interval>, Error> {
    let Some((den_lo, den_lo_open)) = end(den.lower()) else {
        return Ok(None);
    };
    let Some((num_lo, _)) = end(num.lower()) else {
        return Ok(None);
    };
    let den_positive = den_lo > Decimal::ZERO || (den_lo.is_zero() && den_lo_open);
    if !den_positive || num_lo.is_sign_negative() && !num_lo.is_zero() {
        return Ok(None);
    }
    let lower = match end(den.upper()) {
        Some((den_hi, _)) => Bound::Included(div_outward(num_lo, den_hi)?.0),
        None => Bound::Included(Decimal::ZERO),
    };
    let upper = match end(num.upper()) {
        Some((num_hi, _)) if den_lo > Decimal::ZERO => {
            Bound::Included(div_outward(num_hi, den_lo)?.1)
        }
        _ => Bound::Unbounded,
    };
    Ok(Some(Interval::new(lower, upper, None)?))
}

/// What share of `whole` `part` is, as an interval of fractions (0.25 =
/// 25%). `None` unless `whole` is certainly positive and `part` not
/// negative.
///
/// ```
/// use alliance_commitments::compare::share;
/// let s = share(&"over €20bn".parse()?, &"at least €40bn".parse()?)?.unwrap();
/// assert_eq!(s.percent(0).to_string(), "[0%, ∞)"); // nothing bounds either
/// let t = share(&"€10bn".parse()?, &"between €40bn and €50bn".parse()?)?.unwrap();
/// assert_eq!(t.percent(0).to_string(), "[20%, 25%]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::CurrencyMismatch`] for figures in two currencies;
/// [`ErrorKind::Overflow`] when a quotient goes beyond what a `Decimal` holds.
pub fn share(part: &Figure, whole: &Figure) -> Result<Option<Interval>, Error> {
    same_currency(part, whole)?;
    ratio(part, whole)
}

/// A total for part of a year scaled to a year by the ratio of days:
/// `total × days(year) ÷ days(part)`, rounded outward (see
/// [`Figure::checked_scale_ratio`]). "Over €20bn in 2025-Q1" becomes "over
/// €81,111,111,111.11 a year" — which is right only if the €20bn was spent
/// *in* Q1; money pledged in Q1 *for* the year must not be annualised.
///
/// ```
/// use alliance_commitments::compare::run_rate;
/// let r = run_rate(&"over €20bn".parse()?, &"2025-Q1".parse()?, &"2025".parse()?)?;
/// assert_eq!(r.to_string(), "over €81.11111111111bn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`Figure::checked_scale_ratio`].
pub fn run_rate(total: &Figure, part: &Period, year: &Period) -> Result<Figure, Error> {
    total.checked_scale_ratio(year.days().unsigned_abs(), part.days().unsigned_abs())
}

/// One group's place in a ranking: its figure and the best and worst rank
/// it could hold given the other groups' intervals (1 is the largest).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Ranked {
    key: Box<[GroupValue]>,
    figure: Figure,
    best: usize,
    worst: usize,
}

impl Ranked {
    /// The group.
    pub fn key(&self) -> GroupKey<'_> {
        GroupKey::new(&self.key)
    }

    /// Its total (converted and unrounded, when the query converted).
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The best rank it could hold: 1 + the groups certainly larger.
    pub fn best(&self) -> usize {
        self.best
    }

    /// The worst rank it could hold: the number of groups − those certainly
    /// smaller.
    pub fn worst(&self) -> usize {
        self.worst
    }
}

/// Ranks the groups of `totals` from largest to smallest. Overlapping
/// intervals give ranges of ranks (best..=worst); the list is ordered by
/// best rank, then worst, then key. Groups must be in one currency, or the
/// query must have converted.
///
/// ```
/// use alliance_commitments::compare::ranking;
/// use alliance_commitments::{Country, Key, Pledge, Pledges, Query};
///
/// let mut pledges = Pledges::new();
/// for (c, f) in [(Country::DE, "€7bn"), (Country::GB, "about €4bn"), (Country::PL, "€4.2bn")] {
///     pledges.add(Pledge::builder(c, Country::UA, f.parse()?).build()?)?;
/// }
/// let ranks = ranking(&pledges.totals(&Query::new().by(Key::Donor))?)?;
/// let shown: Vec<String> = ranks.iter().map(|r| format!("{} {}-{}", r.key(), r.best(), r.worst())).collect();
/// assert_eq!(shown, ["DE 1-1", "GB 2-3", "PL 2-3"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::MixedCurrencies`] for a group in several currencies when the query
/// did not convert (see [`GroupTotal::figure`](crate::totals::GroupTotal::figure));
/// [`ErrorKind::CurrencyMismatch`] for groups in different currencies.
pub fn ranking(totals: &Totals) -> Result<Vec<Ranked>, Error> {
    let groups: Vec<(GroupKey<'_>, Figure)> = totals
        .groups()
        .map(|(k, t)| t.figure().map(|f| (k, f)))
        .collect::<Result<_, _>>()?;
    // Groups in two currencies cannot be ranked. The error is the one a
    // comparison of every pair, in order, meets first: the first group in
    // another currency compared with the first group.
    if let Some((first, rest)) = groups.split_first() {
        if let Some((_, other)) = rest
            .iter()
            .find(|(_, f)| f.currency() != first.1.currency())
        {
            other.compare(&first.1)?;
        }
    }
    // A group is certainly larger than another when its interval lies
    // entirely above the other's: counted for all groups at once by
    // binary search among the ends, sorted.
    let mut lowers: Vec<Place> = groups.iter().map(|(_, f)| Place::lower(f)).collect();
    let mut uppers: Vec<Place> = groups.iter().map(|(_, f)| Place::upper(f)).collect();
    lowers.sort_unstable();
    uppers.sort_unstable();
    let n = groups.len();
    let mut out = Vec::with_capacity(n);
    for (key, figure) in groups {
        let (lower, upper) = (Place::lower(&figure), Place::upper(&figure));
        // A figure's interval is never empty, so it lies above or below
        // itself only if something went wrong: then it is not counted.
        let itself = usize::from(upper < lower);
        let larger = n - lowers.partition_point(|l| *l <= upper) - itself;
        let smaller = uppers.partition_point(|u| *u < lower) - itself;
        out.push(Ranked {
            key: key.values().into(),
            figure,
            best: 1 + larger,
            worst: n - smaller,
        });
    }
    out.sort_by(|a, b| (a.best, a.worst, &a.key).cmp(&(b.best, b.worst, &b.key)));
    Ok(out)
}

/// An end of an interval as a place on the line, an open end just inside
/// its value, so that an upper end lies entirely below a lower end, as
/// [`Figure::compare`] decides it, exactly when its place is smaller:
/// `u < l` for closed ends, `u <= l` if either is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Place {
    /// No lower bound: nothing lies below it.
    Below,
    /// A value, and −1 for an open upper end, 1 for an open lower end, 0
    /// for a closed end.
    At(Decimal, i8),
    /// No upper bound: it lies below nothing.
    Above,
}

impl Place {
    fn lower(f: &Figure) -> Place {
        match f.lower() {
            Bound::Included(x) => Place::At(x, 0),
            Bound::Excluded(x) => Place::At(x, 1),
            Bound::Unbounded => Place::Below,
        }
    }

    fn upper(f: &Figure) -> Place {
        match f.upper() {
            Bound::Included(x) => Place::At(x, 0),
            Bound::Excluded(x) => Place::At(x, -1),
            Bound::Unbounded => Place::Above,
        }
    }
}

/// One donor's progress from one stage to a later one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StageGap {
    donor: Donor,
    from: Stage,
    to: Stage,
    reached_from: Figure,
    reached_to: Figure,
    gap: Figure,
}

impl StageGap {
    /// The donor.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// The total of the donor's pledges at the first stage or later
    /// ("committed": of each pledge, its amount at the earliest recorded
    /// stage that reaches committed).
    pub fn reached_from(&self) -> &Figure {
        &self.reached_from
    }

    /// The total at the second stage or later ("delivered"), likewise.
    pub fn reached_to(&self) -> &Figure {
        &self.reached_to
    }

    /// What reached the first stage but not the second ("outstanding"),
    /// pledge by pledge: a pledge whose one amount reached both adds
    /// nothing; one that reached only the first adds its amount; one with
    /// an amount at each adds the first less the second (exact for exact
    /// amounts; for qualified ones, a sound interval, closed at its ends).
    pub fn gap(&self) -> &Figure {
        &self.gap
    }

    /// What share of the first total reached the second, when known.
    ///
    /// # Errors
    ///
    /// As [`share`].
    pub fn share(&self) -> Result<Option<Interval>, Error> {
        share(&self.reached_to, &self.reached_from)
    }
}

impl std::fmt::Display for StageGap {
    /// `DE: of €1bn committed, €400m delivered, €600m outstanding`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: of {} {}, {} {}, {} outstanding",
            self.donor.id(),
            self.reached_from,
            self.from,
            self.reached_to,
            self.to,
            self.gap
        )
    }
}

/// `a − b` for one pledge's two stage amounts: exact when both are, else
/// the interval of every difference, its ends closed and rounded outward.
fn difference(a: &Figure, b: &Figure, from: Stage, to: Stage) -> Result<Figure, Error> {
    use crate::figure::Form;
    let op = Operation::Subtraction;
    if let (Some(x), Some(y)) = (a.exactly_stated(), b.exactly_stated()) {
        let form = match exact::add_outward(x, -y, op)? {
            (lo, hi) if lo == hi => Form::Exactly(lo),
            (lo, hi) => Form::Between(lo, hi),
        };
        return Ok(Figure::from_form(a.currency(), form));
    }
    let value = |b: Bound<Decimal>| end(b).map(|(x, _)| x);
    let (Some(a_lo), Some(b_lo)) = (value(a.lower()), value(b.lower())) else {
        return Err(ErrorKind::UnboundedGap { from, to }.into());
    };
    let Some(b_hi) = value(b.upper()) else {
        return Err(ErrorKind::UnboundedGap { from, to }.into());
    };
    let lo = exact::add_outward(a_lo, -b_hi, op)?.0;
    let form = match value(a.upper()) {
        Some(a_hi) => Form::Between(lo, exact::add_outward(a_hi, -b_lo, op)?.1),
        None => Form::AtLeast(lo),
    };
    Ok(Figure::from_form(a.currency(), form))
}

/// Per donor, how much of what reached `from` (say committed) has reached
/// `to` (say delivered), pledge by pledge, over the pledges `filter` lets
/// through (its stage condition is replaced). Of a pledge with amounts at
/// several stages, "reached committed" takes its amount at the earliest
/// recorded stage that reaches committed, "reached delivered" likewise
/// (see [`StageGap::gap`] for what is outstanding). `query_conversion`
/// converts when pledges are in several currencies: pass a query with
/// [`Query::convert_to`]; it may also be taken [`Query::as_of`] a date;
/// its keys and filter are ignored. Pending conditional pledges are left
/// out, as from every firm total.
///
/// ```
/// use alliance_commitments::compare::stage_gap;
/// use alliance_commitments::{Country, Filter, Pledge, Pledges, Query, Stage};
///
/// let mut pledges = Pledges::new();
/// for (f, stage) in [("€3bn", Stage::Delivered), ("€1bn", Stage::Committed), ("€2bn", Stage::Announced)] {
///     pledges.add(Pledge::builder(Country::DK, Country::UA, f.parse()?).stage(stage).build()?)?;
/// }
/// // One pledge, two stages: committed €1bn, €250m of it delivered.
/// pledges.add(
///     Pledge::builder(Country::DK, Country::UA, "€1bn".parse()?)
///         .stage(Stage::Committed)
///         .at_stage(Stage::Delivered, "€250m".parse()?, None)
///         .build()?,
/// )?;
/// let gaps = stage_gap(&pledges, &Filter::new(), Stage::Committed, Stage::Delivered, &Query::new())?;
/// assert_eq!(gaps[0].to_string(), "DK: of €5bn committed, €3.25bn delivered, €1.75bn outstanding");
/// assert_eq!(gaps[0].share()?.unwrap().percent(0).to_string(), "65%");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`Pledges::totals`]; [`ErrorKind::UnboundedGap`] when a pledge's
/// amount at `to` has no upper bound while it differs from its amount at
/// `from`.
pub fn stage_gap(
    pledges: &Pledges,
    filter: &Filter,
    from: Stage,
    to: Stage,
    query_conversion: &Query<'_>,
) -> Result<Vec<StageGap>, Error> {
    let reached = |s: Stage| {
        filter.clone().only_stages(
            Stage::ALL
                .iter()
                .copied()
                .filter(|x| x.reaches(s))
                .collect(),
        )
    };
    let (reached_from, reached_to) = (reached(from), reached(to));
    let run = |f: Filter| {
        pledges.totals(
            &query_conversion
                .clone()
                .with_keys(vec![Key::Donor])
                .filter(f),
        )
    };
    let (a, b) = (run(reached_from.clone())?, run(reached_to.clone())?);
    // The gap, pledge by pledge: one record per pledge standing for what
    // is outstanding of it, totalled as any pledge is (so converted and
    // dated alike).
    let as_of = query_conversion.as_of_date();
    let gap_query = query_conversion
        .clone()
        .with_keys(vec![Key::Donor])
        .filter(Filter::new().only_stages(Stage::ALL.to_vec()));
    let mut engine = Engine::new(&gap_query, false);
    for p in pledges {
        let record = Record::from(p);
        let Some((first, amount)) = reached_from.counted(&record, as_of) else {
            continue;
        };
        let outstanding = match reached_to.counted(&record, as_of) {
            Some((stage, _)) if stage == first => continue,
            // Gap pledges still waiting in the engine come first.
            Some((_, done)) => difference(&amount, &done, from, to).map_err(|e| engine.fail(e))?,
            None => amount,
        };
        let gap = Record {
            figure: outstanding,
            stage: first,
            later: LaterRef::Borrowed(&NO_LATER),
            ..record
        };
        engine.add(&gap, None)?;
    }
    let g = engine.finish()?;
    let mut out = Vec::new();
    for (key, total) in a.groups() {
        let reached_from = total.figure()?;
        let zero = Figure::zero(reached_from.currency());
        let pick = |t: &Totals| -> Result<Figure, Error> {
            t.get(key.values()).map_or(Ok(zero), |g| g.figure())
        };
        let donor = match key.values().first() {
            Some(crate::totals::GroupValue::Donor(d)) => *d,
            _ => continue,
        };
        out.push(StageGap {
            donor,
            from,
            to,
            reached_from,
            reached_to: pick(&b)?,
            gap: pick(&g)?,
        });
    }
    Ok(out)
}
