//! Published statements about totals, checked against pledge-level data.

use crate::error::ErrorKind;
use std::fmt;

use crate::interval::Interval;
use crate::totals::GroupTotal;
use crate::{
    Currency, DateBasis, Error, Figure, Filter, Period, Pledges, Query, RateRule, RateTable,
    Source, Spread,
};

/// The outcome of checking a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Verdict {
    /// Every value the data allow lies in the claimed interval.
    Supported,
    /// No value the data allow lies in the claimed interval.
    Contradicted,
    /// Some do, some do not.
    CannotTell,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Verdict::Supported => "supported",
            Verdict::Contradicted => "contradicted",
            Verdict::CannotTell => "cannot tell",
        })
    }
}

/// A published statement about a total: a figure for a scope (who, to
/// whom, what, how far along), a period, and which date it refers to.
///
/// "In the first three months of 2025, NATO allies pledged more than €20bn
/// for 2025" is the figure "over €20bn", the scope "NATO allies, announced
/// in 2025-Q1", the period 2025 and the basis [`DateBasis::Funded`].
///
/// ```
/// use alliance_commitments::{Alliance, Country, DateBasis, Filter, Pledge, Pledges};
/// use alliance_commitments::claims::{Claim, Verdict};
/// use chrono::NaiveDate;
///
/// let claim = Claim::new("over €20bn".parse()?, "2025".parse()?, DateBasis::Funded)
///     .scope(Filter::new().alliance(Alliance::nato()).announced_within("2025-Q1".parse()?));
/// let mut pledges = Pledges::new();
/// pledges.add(
///     Pledge::builder(Country::DE, Country::UA, "€21bn".parse()?) // illustrative
///         .announced(NaiveDate::from_ymd_opt(2025, 2, 1).unwrap())
///         .funded("2025".parse()?)
///         .build()?,
/// )?;
/// let check = claim.check(&pledges, None)?;
/// assert_eq!(check.verdict(), Verdict::Supported);
/// assert_eq!(check.counted(), 1);
/// assert_eq!(check.to_string(), "claimed over €20bn = (€20bn, ∞); data give €21,000,000,000.00 (1 pledge counted): supported");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// In JSON (feature `serde`) a claim is
/// `{"figure": {"amount": "over 20000000000", "currency": "EUR"}, "period": "2025", "basis": "funded"}`
/// with, optionally, its `scope` (a [`Filter`]), `source` and `spread`;
/// each part is checked as it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct Claim {
    figure: Figure,
    period: Period,
    basis: DateBasis,
    #[cfg_attr(feature = "serde", serde(default))]
    scope: Filter,
    #[cfg_attr(feature = "serde", serde(default))]
    source: Option<Source>,
    #[cfg_attr(feature = "serde", serde(default))]
    spread: Spread,
}

/// A claim checked: the verdict, the interval reasoning behind it, and
/// which pledges the data's total counted.
///
/// Pending conditional pledges ([`Condition`](crate::pledge::Condition))
/// are not in the computed total: the check reports them apart
/// ([`ClaimCheck::pending`]), as [`Totals::pending`](crate::Totals::pending) does.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ClaimCheck {
    verdict: Verdict,
    claimed: Figure,
    computed: Figure,
    rounded: Figure,
    counted: usize,
    pending: GroupTotal,
}

impl ClaimCheck {
    /// The verdict.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// The claimed figure.
    pub fn claimed(&self) -> &Figure {
        &self.claimed
    }

    /// The total the data give (unrounded, in the claim's currency).
    pub fn computed(&self) -> &Figure {
        &self.computed
    }

    /// The computed total rounded once to the minor unit, what the check
    /// shows: a converted total of exact amounts as its exact value rounds
    /// ([`ConvertedTotal::rounded`](crate::totals::ConvertedTotal::rounded)),
    /// any other as [`Figure::round`] rounds it.
    pub fn rounded(&self) -> &Figure {
        &self.rounded
    }

    /// How many pledges the computed total counts: those in the claim's
    /// scope and period, firm (not pending a condition), with an amount the
    /// scope's stage condition admits.
    pub fn counted(&self) -> usize {
        self.counted
    }

    /// The pledges in the claim's scope and period left out of the computed
    /// total because their condition is pending: how many
    /// ([`GroupTotal::count`]) and their amounts in full, converted to the
    /// claim's currency when the check converted ([`GroupTotal::figure`]).
    ///
    /// ```
    /// use alliance_commitments::{Country, DateBasis, Pledge, Pledges};
    /// use alliance_commitments::claims::{Claim, Verdict};
    /// use alliance_commitments::pledge::{Condition, ConditionStatus};
    ///
    /// let mut pledges = Pledges::new();
    /// for (donor, figure, condition) in [
    ///     (Country::DE, "€12bn", None),
    ///     (Country::FR, "€9bn", None),
    ///     (Country::GB, "€5bn", Some(Condition::new("should a ceasefire hold", ConditionStatus::Pending)?)),
    /// ] { // illustrative
    ///     let mut pledge = Pledge::builder(donor, Country::UA, figure.parse()?).funded("2025".parse()?);
    ///     if let Some(c) = condition {
    ///         pledge = pledge.condition(c);
    ///     }
    ///     pledges.add(pledge.build()?)?;
    /// }
    /// let check = Claim::new("over €20bn".parse()?, "2025".parse()?, DateBasis::Funded).check(&pledges, None)?;
    /// // €12bn + €9bn from two pledges; the pending €5bn is left out.
    /// assert_eq!((check.verdict(), check.counted()), (Verdict::Supported, 2));
    /// assert_eq!((check.pending().count(), check.pending().figure()?.to_string()), (1, "€5bn".to_owned()));
    /// assert_eq!(
    ///     check.to_string(),
    ///     "claimed over €20bn = (€20bn, ∞); data give €21,000,000,000.00 \
    ///      (2 pledges counted; 1 pending conditional pledge of €5,000,000,000.00 left out): supported"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pending(&self) -> &GroupTotal {
        &self.pending
    }
}

impl fmt::Display for ClaimCheck {
    /// `claimed over €20bn = (€20bn, ∞); data give €21,000,000,000.00 (1
    /// pledge counted): supported` (the computed total rounded to the minor
    /// unit for display); pending conditional pledges, if any, after the
    /// count: `(2 pledges counted; 1 pending conditional pledge of
    /// €5,000,000,000.00 left out)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "claimed {} = {}; data give {} ({} counted",
            self.claimed,
            self.claimed.interval(),
            self.rounded.full(),
            PledgeCount(self.counted),
        )?;
        let pending = self.pending.count();
        if pending > 0 {
            write!(f, "; {pending} pending conditional ")?;
            f.write_str(if pending == 1 { "pledge" } else { "pledges" })?;
            f.write_str(" of ")?;
            write_amounts(f, &self.pending)?;
            f.write_str(" left out")?;
        }
        write!(f, "): {}", self.verdict)
    }
}

/// `1 pledge`, `2 pledges`.
struct PledgeCount(usize);

impl fmt::Display for PledgeCount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            1 => f.write_str("1 pledge"),
            n => write!(f, "{n} pledges"),
        }
    }
}

/// A group total as shown: converted and rounded when it was converted,
/// else each currency's total rounded, joined by ` + `.
pub(crate) fn write_amounts(f: &mut fmt::Formatter<'_>, total: &GroupTotal) -> fmt::Result {
    if let Some(rounded) = total.rounded() {
        return write!(f, "{}", rounded.full());
    }
    for (i, figure) in total.by_currency().enumerate() {
        if i > 0 {
            f.write_str(" + ")?;
        }
        write!(f, "{}", figure.round().full())?;
    }
    Ok(())
}

impl Claim {
    /// A claim about the total of every pledge, for `period` on `basis`
    /// (announced in it, or for it — by the spreading rule, evenly by days
    /// unless [`Claim::spread`] says otherwise).
    pub fn new(figure: Figure, period: Period, basis: DateBasis) -> Claim {
        Claim {
            figure,
            period,
            basis,
            scope: Filter::new(),
            source: None,
            spread: Spread::evenly_by_days(),
        }
    }

    /// Restricts the claim to the pledges a filter lets through (alliance,
    /// recipient, category, stage, announcement dates).
    #[must_use]
    pub fn scope(mut self, filter: Filter) -> Claim {
        self.scope = filter;
        self
    }

    /// Where the claim was made.
    #[must_use]
    pub fn source(mut self, source: Source) -> Claim {
        self.source = Some(source);
        self
    }

    /// How pledges for longer spans count in the claim's period.
    #[must_use]
    pub fn spread(mut self, spread: Spread) -> Claim {
        self.spread = spread;
        self
    }

    /// The claimed figure.
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// Where it was made, if recorded.
    pub fn where_made(&self) -> Option<&Source> {
        self.source.as_ref()
    }

    /// Checks the claim against pledges: their total over the scope and
    /// period (converted to the claim's currency at announcement-date
    /// rates, if `rates` are given and needed) against the claimed interval.
    ///
    /// # Errors
    ///
    /// As [`Pledges::totals`]. Also [`ErrorKind::MixedCurrencies`] when the pledges
    /// are in several currencies and not converted, and
    /// [`ErrorKind::CurrencyMismatch`] when they are in a currency other than the
    /// claim's.
    pub fn check(&self, pledges: &Pledges, rates: Option<&RateTable>) -> Result<ClaimCheck, Error> {
        let currency: Currency = self.figure.currency();
        let mut filter = self.scope.clone();
        let mut query = Query::new().spread(self.spread.clone());
        match self.basis {
            DateBasis::Announced => filter = filter.announced_within(self.period),
            DateBasis::Funded => query = query.within_funded(self.period),
            DateBasis::Delivered => filter = filter.delivered_within(self.period),
        }
        query = query.filter(filter);
        if let Some(r) = rates {
            query = query.convert_to(currency, RateRule::AnnouncementDate, r);
        }
        let totals = pledges.totals(&query)?;
        let grand = totals.grand_total();
        let (computed, rounded) = match grand.converted() {
            Some(c) => (c.figure(), c.rounded()),
            None => {
                let f = match grand.by_currency().count() {
                    0 => Figure::zero(currency),
                    _ => grand.single()?,
                };
                (f, f.round())
            }
        };
        if computed.currency() != currency {
            return Err(ErrorKind::CurrencyMismatch {
                left: computed.currency(),
                right: currency,
            }
            .into());
        }
        let (claimed, found): (Interval, Interval) = (self.figure.interval(), computed.interval());
        let verdict = if claimed.encloses(&found) {
            Verdict::Supported
        } else if !claimed.overlaps(&found) {
            Verdict::Contradicted
        } else {
            Verdict::CannotTell
        };
        Ok(ClaimCheck {
            verdict,
            claimed: self.figure,
            computed,
            rounded,
            counted: grand.count(),
            pending: totals.pending().clone(),
        })
    }
}
