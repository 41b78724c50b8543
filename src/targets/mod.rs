//! Collective commitments: a floor over a period shared by GDP, and
//! share-of-GDP guidelines.

use crate::error::{ErrorKind, Operation};
mod guideline;

pub use guideline::{GdpGuideline, GuidelineAssessment, PartAssessment, PartRule};

use std::ops::Bound;

use rust_decimal::Decimal;

use crate::interval::Interval;
use crate::spread::allocate;
use crate::tables::GdpTable;
use crate::totals::GroupTotal;
use crate::{
    Alliance, Donor, Error, Figure, Key, Money, Period, Pledges, Query, RateRule, RateTable,
};

/// Whether a floor is met: only what the intervals prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Fulfilment {
    /// Every value the figures allow reaches the floor.
    Met,
    /// Every value falls short; by this much (an interval).
    Short(Interval),
    /// Some values reach the floor, some do not.
    CannotTell,
}

/// Whether `total` reaches `floor`: met if its lower bound does, short if
/// its upper bound does not.
///
/// # Errors
///
/// [`ErrorKind::CurrencyMismatch`] for a total and a floor in two currencies;
/// [`ErrorKind::Overflow`] if the shortfall is beyond what a `Decimal` holds.
pub fn fulfilment(total: &Figure, floor: Money) -> Result<Fulfilment, Error> {
    if total.currency() != floor.currency() {
        return Err(ErrorKind::CurrencyMismatch {
            left: total.currency(),
            right: floor.currency(),
        }
        .into());
    }
    let f = floor.amount();
    let met = match total.lower() {
        Bound::Included(l) | Bound::Excluded(l) => l >= f,
        Bound::Unbounded => false,
    };
    if met {
        return Ok(Fulfilment::Met);
    }
    let short = match total.upper() {
        Bound::Included(u) => u < f,
        Bound::Excluded(u) => u <= f,
        Bound::Unbounded => false,
    };
    if !short {
        return Ok(Fulfilment::CannotTell);
    }
    let overflow = || ErrorKind::Overflow {
        operation: Operation::Subtraction,
    };
    // floor − total: the largest gap is floor − lower, the smallest floor − upper.
    let upper = match total.lower() {
        Bound::Included(l) => Bound::Included(f.checked_sub(l).ok_or_else(overflow)?),
        Bound::Excluded(l) => Bound::Excluded(f.checked_sub(l).ok_or_else(overflow)?),
        Bound::Unbounded => Bound::Unbounded,
    };
    let lower = match total.upper() {
        Bound::Included(u) => Bound::Included(f.checked_sub(u).ok_or_else(overflow)?),
        Bound::Excluded(u) => Bound::Excluded(f.checked_sub(u).ok_or_else(overflow)?),
        Bound::Unbounded => Bound::Unbounded,
    };
    Ok(Fulfilment::Short(Interval::new(
        lower,
        upper,
        Some(floor.currency()),
    )?))
}

/// One participant's fair share of a floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FairShare {
    donor: Donor,
    gdp: Money,
    share: Money,
}

impl FairShare {
    /// The participant.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// Its GDP in the key year, in the floor's currency, rounded to the
    /// minor unit (the weight of the key).
    pub fn gdp(&self) -> Money {
        self.gdp
    }

    /// Its share of the floor, in whole minor units.
    pub fn share(&self) -> Money {
        self.share
    }
}

/// A participant's part in meeting a floor.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberAssessment {
    fair: FairShare,
    actual: Figure,
    counted: usize,
    status: Fulfilment,
    of_fair_share: Option<Interval>,
}

impl MemberAssessment {
    /// The participant.
    pub fn donor(&self) -> Donor {
        self.fair.donor
    }

    /// Its fair share.
    pub fn fair_share(&self) -> Money {
        self.fair.share
    }

    /// What its counted pledges add up to.
    pub fn actual(&self) -> &Figure {
        &self.actual
    }

    /// How many of its pledges [`MemberAssessment::actual`] counts (firm
    /// ones the query admits; pending conditional pledges are in
    /// [`Assessment::pending`]).
    pub fn counted(&self) -> usize {
        self.counted
    }

    /// Whether it met its fair share.
    pub fn status(&self) -> Fulfilment {
        self.status
    }

    /// actual ÷ fair share, when the share is positive.
    pub fn of_fair_share(&self) -> Option<Interval> {
        self.of_fair_share
    }
}

/// A floor target assessed against pledges, with which pledges it
/// counted: the participants' firm pledges the query admits, and apart
/// from them their pending conditional pledges, which count toward
/// nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Assessment {
    total: Figure,
    status: Fulfilment,
    members: Vec<MemberAssessment>,
    counted: usize,
    pending: GroupTotal,
}

impl Assessment {
    /// The participants' counted pledges added up.
    pub fn total(&self) -> &Figure {
        &self.total
    }

    /// Whether the floor is met.
    pub fn status(&self) -> Fulfilment {
        self.status
    }

    /// Each participant, ranked by share of its fair share (highest lower
    /// bound first; a participant with no pledges counts as zero).
    pub fn members(&self) -> &[MemberAssessment] {
        &self.members
    }

    /// How many pledges [`Assessment::total`] counts: the participants'
    /// firm pledges the query admits (the members' counts added up).
    pub fn counted(&self) -> usize {
        self.counted
    }

    /// The participants' pledges the query admits but whose condition is
    /// pending (as of the query's date, if any): left out of every total
    /// of the assessment and reported here, how many
    /// ([`GroupTotal::count`]) and their amounts in full, converted when
    /// the query converts. Non-participants' pledges are in neither.
    ///
    /// ```
    /// use alliance_commitments::{Alliance, Country, Pledge, Pledges, Query};
    /// use alliance_commitments::pledge::{Condition, ConditionStatus};
    /// use alliance_commitments::tables::GdpTable;
    /// use alliance_commitments::targets::FloorTarget;
    /// use chrono::NaiveDate;
    ///
    /// let mut a = Alliance::new("Two")?;
    /// for c in [Country::DE, Country::FR] { a.add_member(c, NaiveDate::from_ymd_opt(2000, 1, 1).unwrap())?; }
    /// let target = FloorTarget::new("Floor", a, "2025".parse()?, "€10bn".parse()?)?;
    /// let pending = || Condition::new("should parliament approve", ConditionStatus::Pending);
    /// let mut pledges = Pledges::new();
    /// for (donor, figure, conditional) in [
    ///     (Country::DE, "€6bn", false),
    ///     (Country::FR, "€3bn", false),
    ///     (Country::FR, "€2bn", true),
    ///     (Country::PL, "€1bn", true), // not a participant
    /// ] { // illustrative
    ///     let mut p = Pledge::builder(donor, Country::UA, figure.parse()?);
    ///     if conditional { p = p.condition(pending()?); }
    ///     pledges.add(p.build()?)?;
    /// }
    /// let assessed = target.assess(&pledges, &Query::new(), &GdpTable::new(), None)?;
    /// // €6bn + €3bn from two pledges: short of €10bn; FR's €2bn waits on its condition.
    /// assert_eq!((assessed.total().to_string(), assessed.counted()), ("€9bn".to_owned(), 2));
    /// assert_eq!((assessed.pending().count(), assessed.pending().figure()?.to_string()), (1, "€2bn".to_owned()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pending(&self) -> &GroupTotal {
        &self.pending
    }
}

/// A floor over a period for an alliance ("a minimum baseline of €40bn
/// within the next year"), optionally shared by each participant's share of
/// the participants' GDP in a stated year, with exempt members.
///
/// Participants are the alliance's members on the first day of the period,
/// less the exempt ones.
///
/// ```
/// use alliance_commitments::{Alliance, Country, Money};
/// use alliance_commitments::tables::GdpTable;
/// use alliance_commitments::targets::FloorTarget;
/// use chrono::NaiveDate;
///
/// let mut a = Alliance::new("Three")?;
/// let d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
/// for c in [Country::DE, Country::FR, Country::PL] { a.add_member(c, d)?; }
/// let mut gdp = GdpTable::new();
/// gdp.insert(Country::DE.into(), 2023, "€4,000bn".parse()?)?;
/// gdp.insert(Country::FR.into(), 2023, "€3,000bn".parse()?)?;
/// gdp.insert(Country::PL.into(), 2023, "€1,000bn".parse()?)?;
/// let target = FloorTarget::new("Baseline", a, "2025".parse()?, "€40bn".parse()?)?.shared_by_gdp(2023);
/// let shares: Vec<String> = target.fair_shares(&gdp, None)?.iter().map(|s| s.share().compact().to_string()).collect();
/// assert_eq!(shares, ["€20bn", "€15bn", "€5bn"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// In JSON (feature `serde`) a target is `{"name": ..., "alliance": ...,
/// "period": "2025", "floor": {"amount": "40000000000", "currency": "EUR"},
/// "gdp_year": 2023, "exempt": ["HU"]}` (`gdp_year` and `exempt` may be
/// left out), read through [`FloorTarget::new`]: a floor that is not
/// positive is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FloorTarget {
    name: String,
    alliance: Alliance,
    period: Period,
    floor: Money,
    gdp_year: Option<i32>,
    exempt: Vec<Donor>,
}

impl FloorTarget {
    /// A floor; it must be positive.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for a floor that is not positive.
    pub fn new(
        name: impl Into<String>,
        alliance: Alliance,
        period: Period,
        floor: Money,
    ) -> Result<FloorTarget, Error> {
        if floor.amount() <= Decimal::ZERO {
            return Err(ErrorKind::InvalidAmount {
                what: "a floor",
                rule: "positive",
                amount: floor.amount(),
            }
            .into());
        }
        Ok(FloorTarget {
            name: name.into(),
            alliance,
            period,
            floor,
            gdp_year: None,
            exempt: Vec::new(),
        })
    }

    /// Shares the floor by GDP in `year`.
    #[must_use]
    pub fn shared_by_gdp(mut self, year: i32) -> FloorTarget {
        self.gdp_year = Some(year);
        self
    }

    /// Exempts a member (it has no share and its pledges do not count).
    #[must_use]
    pub fn exempt(mut self, donor: Donor) -> FloorTarget {
        self.exempt.push(donor);
        self
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The floor.
    pub fn floor(&self) -> Money {
        self.floor
    }

    /// The period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The participants: members on the period's first day, less the
    /// exempt, in identifier order.
    pub fn participants(&self) -> Vec<Donor> {
        self.alliance
            .members_on(self.period.start())
            .into_iter()
            .filter(|d| !self.exempt.contains(d))
            .collect()
    }

    /// One donor's fair share ([`FloorTarget::fair_shares`] of it); `None`
    /// if it does not take part (not a member on the period's first day, or
    /// exempt).
    ///
    /// ```
    /// use alliance_commitments::{Alliance, Country, Money};
    /// use alliance_commitments::tables::GdpTable;
    /// use alliance_commitments::targets::FloorTarget;
    /// use chrono::NaiveDate;
    ///
    /// let mut a = Alliance::new("Two")?;
    /// let d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    /// for c in [Country::DE, Country::FR] { a.add_member(c, d)?; }
    /// let mut gdp = GdpTable::new();
    /// gdp.insert(Country::DE.into(), 2023, "€2,000bn".parse()?)?;
    /// gdp.insert(Country::FR.into(), 2023, "€1,000bn".parse()?)?;
    /// let target = FloorTarget::new("Baseline", a, "2025".parse()?, "€10".parse()?)?.shared_by_gdp(2023);
    /// // €10 by 2:1 — €6.67 and €3.33 to the cent, adding up to €10.
    /// let de = target.fair_share(Country::DE, &gdp, None)?.unwrap();
    /// assert_eq!(de.share().to_string(), "€6.67");
    /// assert!(target.fair_share(Country::PL, &gdp, None)?.is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`FloorTarget::fair_shares`].
    pub fn fair_share(
        &self,
        donor: impl Into<Donor>,
        gdp: &GdpTable,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Option<FairShare>, Error> {
        let donor = donor.into();
        if !self.participants().contains(&donor) {
            return Ok(None);
        }
        Ok(self
            .fair_shares(gdp, rates)?
            .into_iter()
            .find(|s| s.donor() == donor))
    }

    /// Each participant's fair share: the floor × its GDP ÷ the
    /// participants' GDP, in whole minor units, the remainder handed out by
    /// largest remainder (ties to the earlier identifier) so that the
    /// shares add up exactly to the floor. GDP in other currencies is
    /// converted with `rates` and rounded to the minor unit first, as its
    /// exact value rounds ([`GdpTable::rounded_in`]). Without a GDP year,
    /// the floor is shared equally.
    ///
    /// # Errors
    ///
    /// As [`GdpTable::rounded_in`] for a participant's GDP; [`ErrorKind::Overflow`] for
    /// a negative GDP or shares beyond what a `Decimal` holds.
    pub fn fair_shares(
        &self,
        gdp: &GdpTable,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Vec<FairShare>, Error> {
        let participants = self.participants();
        let currency = self.floor.currency();
        let minor = currency.minor_units();
        let mut gdps = Vec::with_capacity(participants.len());
        let mut weights = Vec::with_capacity(participants.len());
        for donor in &participants {
            let value = match self.gdp_year {
                Some(year) => gdp.rounded_in(donor, year, currency, rates)?,
                None => Money::from_minor(1, currency),
            };
            // Rounded to the minor unit above: exactly whole minor units.
            weights.push(
                crate::exact::units(value.amount(), minor)
                    .filter(|_| !value.is_negative())
                    .ok_or(ErrorKind::Overflow {
                        operation: Operation::Sharing,
                    })?,
            );
            gdps.push(value);
        }
        let shares = allocate(self.floor.amount(), &weights, minor)?;
        Ok(participants
            .into_iter()
            .zip(gdps)
            .zip(shares)
            .map(|((donor, gdp), share)| FairShare {
                donor,
                gdp,
                share: Money::new(share, currency),
            })
            .collect())
    }

    /// The floor assessed against the pledges that count: `query` states
    /// the rules (its filter — stage, dates —, `within_funded`, spreading,
    /// and a conversion to the floor's currency when pledges are in
    /// others); only participants' pledges count.
    ///
    /// # Errors
    ///
    /// As [`FloorTarget::fair_shares`] and [`Pledges::totals`]. Also
    /// [`ErrorKind::MixedCurrencies`] for a donor's pledges in several currencies
    /// when the query did not convert, [`ErrorKind::CurrencyMismatch`] for pledges
    /// in a currency other than the floor's, and [`ErrorKind::Overflow`] if the
    /// total overflows.
    pub fn assess(
        &self,
        pledges: &Pledges,
        query: &Query<'_>,
        gdp: &GdpTable,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Assessment, Error> {
        let shares = self.fair_shares(gdp, rates)?;
        let totals = pledges.totals(&query.clone().with_keys(vec![Key::Donor]))?;
        let currency = self.floor.currency();
        let mut total = Figure::zero(currency);
        let mut counted = 0;
        let mut members = Vec::with_capacity(shares.len());
        for fair in shares {
            let group = totals.get(&[crate::totals::GroupValue::Donor(fair.donor)]);
            let actual = match group {
                None => Figure::zero(currency),
                Some(g) => match g.converted() {
                    Some(c) => c.figure(),
                    None => g.single()?,
                },
            };
            let n = group.map_or(0, GroupTotal::count);
            counted += n;
            if actual.currency() != currency {
                return Err(ErrorKind::CurrencyMismatch {
                    left: actual.currency(),
                    right: currency,
                }
                .into());
            }
            total = total.checked_add(&actual)?;
            let status = fulfilment(&actual, fair.share)?;
            let of_fair_share = crate::compare::share(&actual, &Figure::exactly(fair.share))?;
            members.push(MemberAssessment {
                fair,
                actual,
                counted: n,
                status,
                of_fair_share,
            });
        }
        members.sort_by(|a, b| {
            let key = |m: &MemberAssessment| match m.of_fair_share.map(|i| i.lower()) {
                Some(Bound::Included(x) | Bound::Excluded(x)) => x,
                _ => Decimal::MIN,
            };
            key(b).cmp(&key(a)).then(a.fair.donor.cmp(&b.fair.donor))
        });
        // Pending pledges are not grouped: when there are any, the
        // participants' are found by totalling their pledges alone.
        let pending = if totals.pending().count() == 0 {
            totals.pending().clone()
        } else {
            let participants = self.participants();
            query
                .clone()
                .with_keys(Vec::new())
                .totals_of(
                    pledges
                        .iter()
                        .filter(|p| participants.contains(&p.donor()))
                        .map(Ok::<_, Error>),
                )?
                .pending()
                .clone()
        };
        Ok(Assessment {
            status: fulfilment(&total, self.floor)?,
            total,
            members,
            counted,
            pending,
        })
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::Deserialize;
    use serde::de::{self, Deserializer};

    use super::FloorTarget;
    use crate::{Alliance, Donor, Money, Period};

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FloorTargetRepr {
        name: String,
        alliance: Alliance,
        period: Period,
        floor: Money,
        #[serde(default)]
        gdp_year: Option<i32>,
        #[serde(default)]
        exempt: Vec<Donor>,
    }

    impl<'de> Deserialize<'de> for FloorTarget {
        /// Checked as [`FloorTarget::new`] checks it.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = FloorTargetRepr::deserialize(d)?;
            let mut target = FloorTarget::new(r.name, r.alliance, r.period, r.floor)
                .map_err(de::Error::custom)?;
            if let Some(year) = r.gdp_year {
                target = target.shared_by_gdp(year);
            }
            for donor in r.exempt {
                target = target.exempt(donor);
            }
            Ok(target)
        }
    }
}
