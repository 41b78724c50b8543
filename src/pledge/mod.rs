//! One donor's promise or transfer.

mod record;
mod stages;
#[cfg(feature = "serde")]
mod stages_serde;
pub(crate) use record::{Detached, LaterRef, NO_LATER, Record};
pub use stages::{Condition, ConditionStatus, StageAmount};
pub(crate) use stages::{LATER, Later};
#[cfg(feature = "serde")]
pub(crate) use stages_serde::StageAmountRepr;

use crate::error::{ErrorKind, Grammar};
use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::{Donor, Error, Figure, Period, Source};

macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident, $what:path { $($(#[$vdoc:meta])* $variant:ident = $word:literal $(| $alias:literal)*,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];


            /// The lowercase word used in text and files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = Error;

            /// The lowercase word (any ASCII case, surrounding spaces ignored).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::read(s.trim().as_bytes())
            }
        }

        impl $name {
            /// The one reader of the word, for `FromStr` and files alike.
            pub(crate) fn read(b: &[u8]) -> Result<Self, Error> {
                // The word as files write it, then any case and the aliases.
                $(
                    if b == $word.as_bytes() {
                        return Ok($name::$variant);
                    }
                )*
                $(
                    if b.eq_ignore_ascii_case($word.as_bytes()) $(|| b.eq_ignore_ascii_case($alias.as_bytes()))* {
                        return Ok($name::$variant);
                    }
                )*
                Err(ErrorKind::Syntax {
                    grammar: $what,
                    input: String::from_utf8_lossy(b).into_owned(),
                    offset: 0,
                    reason: concat!("expected one of:" $(, " ", $word)*),
                }
                .into())
            }
        }
    };
}

word_enum! {
    /// What the money is for. Security assistance counts as military
    /// unless stated otherwise.
    Category, Grammar::Category {
        /// Weapons, equipment, training, security assistance.
        Military = "military" | "security",
        /// Budget support, loans, guarantees to the state.
        Financial = "financial",
        /// Humanitarian aid.
        Humanitarian = "humanitarian",
    }
}

word_enum! {
    /// The form the money takes.
    Instrument, Grammar::Instrument {
        /// A grant.
        Grant = "grant",
        /// A loan.
        Loan = "loan",
        /// A guarantee.
        Guarantee = "guarantee",
        /// Goods or services delivered in kind (equipment from stocks).
        InKind = "in-kind" | "in kind" | "in_kind" | "inkind",
        /// Any other form.
        Other = "other",
    }
}

word_enum! {
    /// How far a pledge has got: announced → committed → allocated →
    /// delivered, or cancelled.
    ///
    /// The stages are not `Ord`: cancelled is off the line. Use
    /// [`Stage::reaches`] for "allocated or later".
    ///
    /// ```
    /// use alliance_commitments::Stage;
    /// assert!(Stage::Delivered.reaches(Stage::Allocated));
    /// assert!(!Stage::Committed.reaches(Stage::Allocated));
    /// assert!(!Stage::Cancelled.reaches(Stage::Announced));
    /// ```
    Stage, Grammar::Stage {
        /// Announced in public.
        Announced = "announced",
        /// Formally committed (a signed agreement, a budget line).
        Committed = "committed",
        /// Earmarked for a specific package.
        Allocated = "allocated",
        /// Delivered.
        Delivered = "delivered",
        /// Cancelled.
        Cancelled = "cancelled" | "canceled",
    }
}

impl Stage {
    /// The position on the line announced (0) → delivered (3); `None` for
    /// cancelled.
    pub fn progress(self) -> Option<u8> {
        match self {
            Stage::Announced => Some(0),
            Stage::Committed => Some(1),
            Stage::Allocated => Some(2),
            Stage::Delivered => Some(3),
            Stage::Cancelled => None,
        }
    }

    /// Whether this stage is `other` or later on the line. Cancelled
    /// reaches only cancelled.
    pub fn reaches(self, other: Stage) -> bool {
        match (self.progress(), other.progress()) {
            (Some(a), Some(b)) => a >= b,
            (None, None) => true,
            _ => false,
        }
    }
}

/// One donor's promise or transfer.
///
/// A pledge keeps three dates apart: the day it was **announced** (real data
/// sometimes lacks it), the **period the money is for**, and when it was
/// **delivered**. "In the first three months of 2025, allies pledged more
/// than €20bn for 2025" is announced in 2025-Q1, for 2025; it says nothing
/// about what was spent in Q1.
///
/// The figure is kept as stated; an exact negative figure is a correction
/// that reverses part of an earlier record.
///
/// ```
/// use alliance_commitments::{Category, Country, Donor, Pledge, Stage};
/// use chrono::NaiveDate;
///
/// let pledge = Pledge::builder(Country::DE, Country::UA, "over €1bn".parse()?)
///     .id("de-2025-001")
///     .announced(NaiveDate::from_ymd_opt(2025, 2, 12).unwrap())
///     .funded("2025".parse()?)
///     .stage(Stage::Committed)
///     .build()?;
/// assert_eq!(pledge.category(), Category::Military);
/// assert_eq!(pledge.funded().map(|p| p.to_string()), Some("2025".into()));
/// assert_eq!(pledge.to_string(), "Germany → Ukraine: over €1bn for 2025, announced 2025-02-12 (military, grant, committed)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pledge {
    id: Option<String>,
    donor: Donor,
    recipient: Donor,
    figure: Figure,
    announced: Option<NaiveDate>,
    funded: Option<Period>,
    delivered: Option<Period>,
    category: Category,
    instrument: Instrument,
    stage: Stage,
    later: Later,
    condition: Option<Condition>,
    sources: Vec<Source>,
}

impl Pledge {
    /// Starts a pledge from what every pledge has: who gives, who receives,
    /// and the figure as stated. Defaults: no id, undated, no funded period,
    /// not delivered, [`Category::Military`], [`Instrument::Grant`],
    /// [`Stage::Announced`], no sources.
    pub fn builder(
        donor: impl Into<Donor>,
        recipient: impl Into<Donor>,
        figure: Figure,
    ) -> PledgeBuilder {
        PledgeBuilder {
            pledge: Pledge {
                id: None,
                donor: donor.into(),
                recipient: recipient.into(),
                figure,
                announced: None,
                funded: None,
                delivered: None,
                category: Category::Military,
                instrument: Instrument::Grant,
                stage: Stage::Announced,
                later: Later::default(),
                condition: None,
                sources: Vec::new(),
            },
        }
    }

    /// The identifier, if one was given.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// Who gives.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// Who receives.
    pub fn recipient(&self) -> Donor {
        self.recipient
    }

    /// The figure as stated.
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The day it was announced; `None` for an undated record.
    pub fn announced(&self) -> Option<NaiveDate> {
        self.announced
    }

    /// The period the money is for; `None` when unknown.
    pub fn funded(&self) -> Option<Period> {
        self.funded
    }

    /// When it was delivered (a day or a period), if it was.
    pub fn delivered(&self) -> Option<Period> {
        self.delivered
    }

    /// What the money is for.
    pub fn category(&self) -> Category {
        self.category
    }

    /// The form the money takes.
    pub fn instrument(&self) -> Instrument {
        self.instrument
    }

    /// The pledge's first stage: the stage of [`Pledge::figure`]. For a
    /// pledge with later stage amounts, [`Pledge::last_stage`] is how far
    /// it has got.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// How far the pledge has got: the latest stage with an amount.
    pub fn last_stage(&self) -> Stage {
        self.later.iter().last().map_or(self.stage, |a| a.stage())
    }

    /// Every stage amount in line order: first the figure at the first
    /// stage, dated by the announcement, then each later stage's (see
    /// [`PledgeBuilder::at_stage`]).
    pub fn stages(&self) -> impl Iterator<Item = StageAmount> + '_ {
        std::iter::once(StageAmount::new(self.stage, self.figure, self.announced))
            .chain(self.later.iter())
    }

    /// The amount recorded at `stage`, if any.
    pub fn amount_at(&self, stage: Stage) -> Option<StageAmount> {
        self.stages().find(|a| a.stage() == stage)
    }

    /// The condition the pledge holds under, if it is conditional.
    pub fn condition(&self) -> Option<&Condition> {
        self.condition.as_ref()
    }

    /// The later stages, as records carry them.
    pub(crate) fn later(&self) -> &Later {
        &self.later
    }

    /// Where the figure comes from.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Whether the figure is a correction (an exact negative amount).
    pub fn is_correction(&self) -> bool {
        self.figure.is_exact() && self.figure.stated().is_negative()
    }
}

impl fmt::Display for Pledge {
    /// `Germany → Ukraine: over €1bn for 2025, announced 2025-02-12
    /// (military, grant, committed)`, then each later stage
    /// (`; delivered €400m on 2025-09-01`) and the condition
    /// (`; if "should Kyiv agree to a ceasefire" (pending)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}: {}", self.donor, self.recipient, self.figure)?;
        if let Some(period) = self.funded {
            write!(f, " for {period}")?;
        }
        match self.announced {
            Some(date) => write!(f, ", announced {date}")?,
            None => f.write_str(", undated")?,
        }
        if let Some(delivered) = self.delivered {
            write!(f, ", delivered {delivered}")?;
        }
        write!(
            f,
            " ({}, {}, {})",
            self.category, self.instrument, self.stage
        )?;
        for a in self.later.iter() {
            write!(f, "; {} {}", a.stage(), a.figure())?;
            if let Some(day) = a.date() {
                write!(f, " on {day}")?;
            }
        }
        if let Some(c) = &self.condition {
            write!(f, "; if \"{}\" ({})", c.wording(), c.status())?;
        }
        Ok(())
    }
}

/// Builds a [`Pledge`]; from [`Pledge::builder`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct PledgeBuilder {
    pledge: Pledge,
}

impl PledgeBuilder {
    /// An identifier, unique within a collection (checked by `build`: not blank).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.pledge.id = Some(id.into());
        self
    }

    /// The day of the announcement.
    pub fn announced(mut self, date: NaiveDate) -> Self {
        self.pledge.announced = Some(date);
        self
    }

    /// The period the money is for.
    pub fn funded(mut self, period: Period) -> Self {
        self.pledge.funded = Some(period);
        self
    }

    /// When it was delivered: [`Period::day`] for one day.
    pub fn delivered(mut self, period: Period) -> Self {
        self.pledge.delivered = Some(period);
        self
    }

    /// What the money is for.
    pub fn category(mut self, category: Category) -> Self {
        self.pledge.category = category;
        self
    }

    /// The form the money takes.
    pub fn instrument(mut self, instrument: Instrument) -> Self {
        self.pledge.instrument = instrument;
        self
    }

    /// The stage of the figure given to [`Pledge::builder`]: the pledge's
    /// first stage.
    pub fn stage(mut self, stage: Stage) -> Self {
        self.pledge.stage = stage;
        self
    }

    /// Records the amount at a later stage (committed, allocated or
    /// delivered, later than the first stage), in the figure's currency,
    /// reached on `date` (a [`NaiveDate`], or `None` when not known). See
    /// the semantics in [`StageAmount`]'s module: totals count one amount
    /// of each pledge.
    ///
    /// ```
    /// use alliance_commitments::{Country, Pledge, Stage};
    /// use chrono::NaiveDate;
    /// let p = Pledge::builder(Country::FR, Country::UA, "€1bn".parse()?)
    ///     .stage(Stage::Committed)
    ///     .at_stage(Stage::Delivered, "€250m".parse()?, None)
    ///     .build()?;
    /// assert_eq!(p.last_stage(), Stage::Delivered);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn at_stage(
        mut self,
        stage: Stage,
        figure: Figure,
        date: impl Into<Option<NaiveDate>>,
    ) -> Self {
        self.pledge.later.set(stage, figure, date.into());
        self
    }

    /// Every later stage at once, as records carry them.
    pub(crate) fn later(mut self, later: Later) -> Self {
        self.pledge.later = later;
        self
    }

    /// Makes the pledge conditional: see [`Condition`].
    pub fn condition(mut self, condition: Condition) -> Self {
        self.pledge.condition = Some(condition);
        self
    }

    /// Adds a source.
    pub fn source(mut self, source: Source) -> Self {
        self.pledge.sources.push(source);
        self
    }

    /// The pledge, or an error: a blank id ([`ErrorKind::EmptyField`]), an id
    /// that begins or ends with white space ([`ErrorKind::Syntax`]: ids are
    /// kept exactly as written, and files trim their cells, so such an id
    /// could not be read back), an announcement date outside the years 1
    /// to 9999 ([`ErrorKind::YearOutOfRange`], the years every file format and
    /// period can hold), or a qualified figure with a negative bound
    /// ([`ErrorKind::NegativeBound`]: only an exact figure may be negative, as
    /// a correction), and for a later stage amount
    /// ([`PledgeBuilder::at_stage`]) a stage given twice, one that is not
    /// committed, allocated or delivered, one the first stage already
    /// reaches, one on a cancelled pledge, or one in another currency
    /// ([`ErrorKind::InvalidStageAmount`]), and a negative bound or a
    /// year out of range there as for the first stage.
    ///
    /// # Errors
    ///
    /// As listed above.
    pub fn build(self) -> Result<Pledge, Error> {
        self.pledge.figure.check_stated()?;
        self.pledge
            .later
            .check(self.pledge.stage, self.pledge.figure.currency())?;
        if let Some(id) = self.pledge.id.as_deref() {
            if !id.trim().is_empty() && id.trim() != id {
                return Err(ErrorKind::Syntax {
                    grammar: Grammar::Id,
                    input: id.chars().take(40).collect(),
                    offset: 0,
                    reason: "an id must not begin or end with white space",
                }
                .into());
            }
        }
        if let Some(date) = self.pledge.announced {
            let year = chrono::Datelike::year(&date);
            if !(1..=9999).contains(&year) {
                return Err(ErrorKind::YearOutOfRange { year }.into());
            }
        }
        if self
            .pledge
            .id
            .as_deref()
            .is_some_and(|id| id.trim().is_empty())
        {
            return Err(ErrorKind::EmptyField { field: "pledge id" }.into());
        }
        Ok(self.pledge)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Country, Money};
    use rust_decimal::dec;

    #[test]
    fn words_round_trip_and_unknown_words_are_errors() {
        for s in Stage::ALL {
            assert_eq!(s.as_str().parse::<Stage>(), Ok(*s));
        }
        for i in Instrument::ALL {
            assert_eq!(i.to_string().parse::<Instrument>(), Ok(*i));
        }
        for c in Category::ALL {
            assert_eq!(c.to_string().to_uppercase().parse::<Category>(), Ok(*c));
        }
        assert_eq!("in kind".parse::<Instrument>(), Ok(Instrument::InKind));
        assert!(matches!(
            "spent".parse::<Stage>().as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax {
                grammar: Grammar::Stage,
                ..
            })
        ));
    }

    #[test]
    fn stages_reach_later_ones_only() {
        assert!(Stage::Allocated.reaches(Stage::Allocated));
        assert!(Stage::Delivered.reaches(Stage::Announced));
        assert!(!Stage::Announced.reaches(Stage::Committed));
        assert!(!Stage::Delivered.reaches(Stage::Cancelled));
        assert!(Stage::Cancelled.reaches(Stage::Cancelled));
    }

    #[test]
    fn corrections_and_undated_records_are_representable() {
        let minus = Figure::exactly(Money::new(dec!(-62000000), crate::Currency::EUR));
        let p = Pledge::builder(Country::NL, Country::UA, minus)
            .build()
            .unwrap();
        assert!(p.is_correction());
        assert_eq!(p.announced(), None);
        assert!(p.to_string().contains("-€62m"));
        assert!(p.to_string().contains("undated"));
    }

    #[test]
    fn qualified_figures_with_negative_bounds_are_rejected() {
        // A sum with a correction can be "over -€1m"; a pledge cannot.
        let computed = Figure::over(Money::new(dec!(5), crate::Currency::EUR))
            .unwrap()
            .checked_add(&Figure::exactly(Money::new(dec!(-6), crate::Currency::EUR)))
            .unwrap();
        let b = Pledge::builder(Country::NL, Country::UA, computed);
        assert!(matches!(
            b.build().as_ref().map_err(Error::kind),
            Err(ErrorKind::NegativeBound { .. })
        ));
    }

    #[test]
    fn blank_ids_are_rejected() {
        let f: Figure = "€1m".parse().unwrap();
        let b = Pledge::builder(Country::NL, Country::UA, f).id(" ");
        assert_eq!(
            b.build(),
            Err(ErrorKind::EmptyField { field: "pledge id" }.into())
        );
    }
}

#[cfg(feature = "serde")]
crate::serde_impls::via_string!(Category, Instrument, Stage);
