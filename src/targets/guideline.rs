//! Share-of-GDP guidelines: 2% of GDP, or 3.5% core + up to 1.5% related.

use crate::error::{ErrorKind, Operation};
use rust_decimal::Decimal;
use std::ops::Bound;

use crate::exact;
use crate::interval::Interval;

use crate::tables::GdpTable;
use crate::tables::{SpendingPart, SpendingTable};
use crate::{Donor, Error, Money};

/// How one part of a guideline counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum PartRule {
    /// At least this fraction of GDP (0.035 = 3.5%).
    AtLeast(#[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::decimal"))] Decimal),
    /// Up to this fraction of GDP counts; more is allowed but not counted.
    UpTo(#[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::decimal"))] Decimal),
}

/// A share-of-GDP guideline for each member, possibly in parts, with a
/// target year: NATO's 2% (the 2006 guideline, the 2014 Wales pledge), or
/// The Hague's 5% by 2035 (at least 3.5% core defence, up to 1.5% for
/// resilience, infrastructure and industry).
///
/// ```
/// use alliance_commitments::{Country};
/// use alliance_commitments::tables::{GdpTable, SpendingPart, SpendingTable};
/// use alliance_commitments::targets::GdpGuideline;
/// let mut gdp = GdpTable::new();
/// let mut spending = SpendingTable::new();
/// gdp.insert(Country::PL.into(), 2024, "PLN 3,600bn".parse()?)?; // illustrative
/// spending.insert(Country::PL.into(), 2024, SpendingPart::Defence, "PLN 150bn".parse()?)?;
/// let a = GdpGuideline::two_percent().assess(&Country::PL.into(), 2024, &gdp, &spending)?;
/// assert!(a.met());
/// // 150 ÷ 3,600 = 0.041666…: a sound interval, rounded outward when shown.
/// assert_eq!(a.ratio().percent(2).to_string(), "[4.16%, 4.17%]");
/// assert!(!a.ratio().is_point());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(deny_unknown_fields)
)]
pub struct GdpGuideline {
    name: String,
    parts: Vec<(SpendingPart, PartRule)>,
    target_year: Option<i32>,
}

/// One part of a guideline assessed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PartAssessment {
    label: SpendingPart,
    rule: PartRule,
    spending: Money,
    counted: Money,
    required: Money,
}

impl PartAssessment {
    /// The part.
    pub fn label(&self) -> SpendingPart {
        self.label
    }

    /// Its rule.
    pub fn rule(&self) -> PartRule {
        self.rule
    }

    /// What was spent on it.
    pub fn spending(&self) -> Money {
        self.spending
    }

    /// What counts toward the guideline: all of it for "at least", up to
    /// the cap for "up to".
    pub fn counted(&self) -> Money {
        self.counted
    }

    /// The part's fraction of GDP, in money (the floor or the cap).
    pub fn required(&self) -> Money {
        self.required
    }
}

/// A member's year against a guideline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GuidelineAssessment {
    donor: Donor,
    year: i32,
    gdp: Money,
    parts: Vec<PartAssessment>,
    ratio: Interval,
    met: bool,
    gap: Money,
}

impl GuidelineAssessment {
    /// The member.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// GDP that year.
    pub fn gdp(&self) -> Money {
        self.gdp
    }

    /// Each part.
    pub fn parts(&self) -> &[PartAssessment] {
        &self.parts
    }

    /// Counted spending ÷ GDP, at full precision: an interval certain to
    /// hold the exact quotient, a single point only when it is exact (round
    /// it only to show it, e.g. with [`Interval::percent`]).
    pub fn ratio(&self) -> Interval {
        self.ratio
    }

    /// Whether every "at least" part is met and the counted total reaches
    /// the sum of the parts (compared exactly, not through the ratio).
    pub fn met(&self) -> bool {
        self.met
    }

    /// What is missing to the full guideline (zero when met).
    pub fn gap(&self) -> Money {
        self.gap
    }
}

impl GdpGuideline {
    /// A guideline with no parts yet.
    pub fn new(name: impl Into<String>) -> GdpGuideline {
        GdpGuideline {
            name: name.into(),
            parts: Vec::new(),
            target_year: None,
        }
    }

    /// Adds a part of at least `fraction` of GDP.
    #[must_use]
    pub fn at_least(mut self, part: SpendingPart, fraction: Decimal) -> GdpGuideline {
        self.parts.push((part, PartRule::AtLeast(fraction)));
        self
    }

    /// Adds a part of which up to `fraction` of GDP counts.
    #[must_use]
    pub fn up_to(mut self, part: SpendingPart, fraction: Decimal) -> GdpGuideline {
        self.parts.push((part, PartRule::UpTo(fraction)));
        self
    }

    /// The year by which it is to be met.
    #[must_use]
    pub fn by(mut self, year: i32) -> GdpGuideline {
        self.target_year = Some(year);
        self
    }

    /// NATO's guideline of 2% of GDP on defence ([`SpendingPart::Defence`]).
    pub fn two_percent() -> GdpGuideline {
        GdpGuideline::new("2% of GDP on defence")
            .at_least(SpendingPart::Defence, Decimal::new(2, 2))
    }

    /// The Hague summit's 5% of GDP by 2035: at least 3.5% on core defence
    /// ([`SpendingPart::Core`]) and up to 1.5% on resilience,
    /// infrastructure and industry ([`SpendingPart::Related`]).
    pub fn hague_2035() -> GdpGuideline {
        GdpGuideline::new("5% of GDP by 2035")
            .at_least(SpendingPart::Core, Decimal::new(35, 3))
            .up_to(SpendingPart::Related, Decimal::new(15, 3))
            .by(2035)
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The target year, if any.
    pub fn target_year(&self) -> Option<i32> {
        self.target_year
    }

    /// A member's year: spending per part (missing parts count as zero)
    /// against GDP, which must be in the same currency as the spending.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingData`] with no GDP for the donor and year;
    /// [`ErrorKind::CurrencyMismatch`] for spending in a currency other than the
    /// GDP's; [`ErrorKind::Overflow`] if a sum, product or share is beyond what a
    /// `Decimal` holds.
    pub fn assess(
        &self,
        donor: &Donor,
        year: i32,
        gdp: &GdpTable,
        spending: &SpendingTable,
    ) -> Result<GuidelineAssessment, Error> {
        let g = gdp.get(donor, year).ok_or(ErrorKind::MissingData {
            what: "GDP",
            donor: *donor,
            year,
        })?;
        let mut parts = Vec::with_capacity(self.parts.len());
        let mut counted_total = Money::zero(g.currency());
        let mut required_total = Money::zero(g.currency());
        let mut floors_met = true;
        for (label, rule) in &self.parts {
            let spent = spending
                .get(donor, year, *label)
                .unwrap_or(Money::zero(g.currency()));
            if spent.currency() != g.currency() {
                return Err(ErrorKind::CurrencyMismatch {
                    left: spent.currency(),
                    right: g.currency(),
                }
                .into());
            }
            let (fraction, cap) = match rule {
                PartRule::AtLeast(f) => (*f, false),
                PartRule::UpTo(f) => (*f, true),
            };
            let required = g.checked_mul(fraction)?;
            let counted = if cap && spent.amount() > required.amount() {
                required
            } else {
                spent
            };
            if !cap && spent.amount() < required.amount() {
                floors_met = false;
            }
            counted_total = counted_total.checked_add(&counted)?;
            required_total = required_total.checked_add(&required)?;
            parts.push(PartAssessment {
                label: *label,
                rule: *rule,
                spending: spent,
                counted,
                required,
            });
        }
        let (lo, hi) = exact::div(counted_total.amount(), g.amount(), Operation::Division)?;
        let ratio = Interval::new(Bound::Included(lo), Bound::Included(hi), None)?;
        let met = floors_met && counted_total.amount() >= required_total.amount();
        let gap = if counted_total.amount() >= required_total.amount() {
            Money::zero(g.currency())
        } else {
            required_total.checked_sub(&counted_total)?
        };
        Ok(GuidelineAssessment {
            donor: *donor,
            year,
            gdp: g,
            parts,
            ratio,
            met,
            gap,
        })
    }
}
