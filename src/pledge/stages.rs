//! A pledge's amounts at several stages, and its condition.
//!
//! # Stage amounts
//!
//! A pledge records its figure at its **first stage** (the one given to
//! [`Pledge::builder`](super::Pledge::builder) and
//! [`PledgeBuilder::stage`](super::PledgeBuilder::stage), dated by the
//! announcement), and may record an amount at each **later stage** on the
//! line committed → allocated → delivered, each with its own figure (in the
//! same currency) and date: committed €1bn on 2024-02-01, allocated €600m
//! on 2024-06-01, delivered €400m on 2024-09-01. A later stage is one the
//! first stage does not reach; announced and cancelled are never later
//! stages (a cancelled pledge is cancelled as a whole, with one amount).
//!
//! # What totals count
//!
//! Every total counts **one amount of each pledge**, so nothing is counted
//! twice and invariants 1–5 hold whatever is asked:
//!
//! - with no stage condition in the filter, the **first stage's amount**
//!   (for Kiel's rows, the activity value: the commitment) — unless the
//!   pledge is cancelled, which counts in no total that does not ask for
//!   cancelled pledges;
//! - with a stage condition ([`Filter::stage`](crate::Filter::stage),
//!   [`Filter::stage_at_least`](crate::Filter::stage_at_least)), the
//!   amount of the **earliest recorded stage the condition admits**: a
//!   filter on allocated takes the allocated amount, "committed or later"
//!   takes what was committed (or, for a pledge whose first stage is
//!   delivered, that amount). A pledge with no amount at an admitted stage
//!   counts nothing;
//! - [`Key::Stage`](crate::Key::Stage) groups each pledge under the stage
//!   of the amount counted. "Committed, allocated, delivered" as three
//!   rows is three totals, one per stage filter, or
//!   [`compare::stage_gap`](crate::compare::stage_gap).
//!
//! As of a date ([`Query::as_of`](crate::Query::as_of)), a pledge counts
//! only if it was announced by then, and a stage amount only if its date is
//! known and not later.

use chrono::NaiveDate;

use super::Stage;
use crate::error::ErrorKind;
use crate::{Currency, Error, Figure};

/// One stage's amount of a pledge: the stage, the figure at that stage, and
/// the day the pledge reached it (`None` when not known).
///
/// ```
/// use alliance_commitments::{Country, Pledge, Stage};
/// use chrono::NaiveDate;
/// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
///
/// let p = Pledge::builder(Country::DE, Country::UA, "€1bn".parse()?)
///     .stage(Stage::Committed)
///     .announced(day(2, 1))
///     .at_stage(Stage::Allocated, "€600m".parse()?, day(6, 1))
///     .at_stage(Stage::Delivered, "€400m".parse()?, day(9, 1))
///     .build()?;
/// let shown: Vec<String> = p
///     .stages()
///     .map(|s| format!("{} {} {}", s.stage(), s.figure(), s.date().unwrap()))
///     .collect();
/// assert_eq!(shown, ["committed €1bn 2024-02-01", "allocated €600m 2024-06-01", "delivered €400m 2024-09-01"]);
/// assert_eq!(p.amount_at(Stage::Allocated).map(|s| s.figure().to_string()), Some("€600m".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StageAmount {
    stage: Stage,
    figure: Figure,
    date: Option<NaiveDate>,
}

impl StageAmount {
    pub(crate) fn new(stage: Stage, figure: Figure, date: Option<NaiveDate>) -> StageAmount {
        StageAmount {
            stage,
            figure,
            date,
        }
    }

    /// The stage.
    pub fn stage(&self) -> Stage {
        self.stage
    }

    /// The figure at that stage, as stated.
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The day the stage was reached; for the first stage, the
    /// announcement date.
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
    }
}

/// The stages that can be later stages, in line order.
pub(crate) const LATER: [Stage; 3] = [Stage::Committed, Stage::Allocated, Stage::Delivered];

/// The amounts at later stages, one place per stage of [`LATER`]: a fixed
/// array, so a row of a file holds them without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct Later {
    pub(crate) amounts: [Option<(Figure, Option<NaiveDate>)>; 3],
    /// A stage given twice, or one that can never be a later stage,
    /// reported by `check`.
    pub(crate) invalid: Option<(Stage, &'static str)>,
}

impl Later {
    /// No later stages.
    pub(crate) const fn none() -> Later {
        Later {
            amounts: [None, None, None],
            invalid: None,
        }
    }

    fn place(stage: Stage) -> Option<usize> {
        LATER.iter().position(|s| *s == stage)
    }

    /// Records an amount (checked later, by `check`).
    pub(crate) fn set(&mut self, stage: Stage, figure: Figure, date: Option<NaiveDate>) {
        match Later::place(stage) {
            Some(i) if self.amounts[i].is_some() => {
                self.invalid.get_or_insert((stage, "given twice"));
            }
            Some(i) => self.amounts[i] = Some((figure, date)),
            None => {
                self.invalid.get_or_insert((
                    stage,
                    "only committed, allocated and delivered can be later stages",
                ));
            }
        }
    }

    /// The amount at `stage`, if recorded.
    pub(crate) fn get(&self, stage: Stage) -> Option<(Figure, Option<NaiveDate>)> {
        Later::place(stage).and_then(|i| self.amounts[i])
    }

    /// The recorded amounts in line order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = StageAmount> + '_ {
        LATER
            .iter()
            .zip(&self.amounts)
            .filter_map(|(s, a)| a.map(|(f, d)| StageAmount::new(*s, f, d)))
    }

    /// Checks the later stages of a pledge whose first stage is `first`
    /// and whose figure is in `currency`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidStageAmount`], or an error of a figure or date
    /// as the first stage's would be.
    pub(crate) fn check(&self, first: Stage, currency: Currency) -> Result<(), Error> {
        if let Some((stage, reason)) = self.invalid {
            return Err(ErrorKind::InvalidStageAmount { stage, reason }.into());
        }
        for a in self.iter() {
            let invalid = |reason| ErrorKind::InvalidStageAmount {
                stage: a.stage,
                reason,
            };
            if first == Stage::Cancelled {
                return Err(invalid("a cancelled pledge has no later stages").into());
            }
            if first.reaches(a.stage) {
                return Err(invalid("not later than the pledge's first stage").into());
            }
            if a.figure.currency() != currency {
                return Err(invalid("in another currency than the pledge's figure").into());
            }
            a.figure.check_stated()?;
            if let Some(date) = a.date {
                let year = chrono::Datelike::year(&date);
                if !(1..=9999).contains(&year) {
                    return Err(ErrorKind::YearOutOfRange { year }.into());
                }
            }
        }
        Ok(())
    }
}

/// Where a conditional pledge's condition stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ConditionStatus {
    /// Not yet met: the pledge is left out of firm totals and reported
    /// apart ([`Totals::pending`](crate::Totals::pending)).
    Pending,
    /// Met on this day: the pledge is firm from then on (pending as of an
    /// earlier date).
    Met(NaiveDate),
    /// Lapsed: the pledge counts in no total, firm or pending.
    Lapsed,
}

impl ConditionStatus {
    /// Whether the pledge is firm as of `as_of` (or now, for `None`).
    pub fn is_firm(&self, as_of: Option<NaiveDate>) -> bool {
        match self {
            ConditionStatus::Met(day) => as_of.is_none_or(|d| *day <= d),
            _ => false,
        }
    }

    /// Whether the pledge is pending as of `as_of` (or now, for `None`).
    pub fn is_pending(&self, as_of: Option<NaiveDate>) -> bool {
        match self {
            ConditionStatus::Pending => true,
            ConditionStatus::Met(_) => !self.is_firm(as_of),
            ConditionStatus::Lapsed => false,
        }
    }
}

impl std::fmt::Display for ConditionStatus {
    /// `pending`, `met 2025-03-01`, `lapsed`: the form files use.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConditionStatus::Pending => f.pad("pending"),
            ConditionStatus::Met(day) => f.pad(&format!("met {day}")),
            ConditionStatus::Lapsed => f.pad("lapsed"),
        }
    }
}

impl std::str::FromStr for ConditionStatus {
    type Err = Error;

    /// `pending`, `met YYYY-MM-DD`, `lapsed` (any ASCII case, surrounding
    /// spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ConditionStatus::read(s.trim().as_bytes())
    }
}

impl ConditionStatus {
    /// The one reader, for `FromStr` and files alike.
    pub(crate) fn read(b: &[u8]) -> Result<ConditionStatus, Error> {
        if b.eq_ignore_ascii_case(b"pending") {
            return Ok(ConditionStatus::Pending);
        }
        if b.eq_ignore_ascii_case(b"lapsed") {
            return Ok(ConditionStatus::Lapsed);
        }
        if b.len() > 4 && b[..4].eq_ignore_ascii_case(b"met ") {
            return crate::fmt::read_date(&b[4..]).map(ConditionStatus::Met);
        }
        Err(ErrorKind::Syntax {
            grammar: crate::error::Grammar::Condition,
            input: String::from_utf8_lossy(b).chars().take(40).collect(),
            offset: 0,
            reason: "expected one of: pending, met YYYY-MM-DD, lapsed",
        }
        .into())
    }
}

/// What a conditional pledge waits for: the condition's wording, as
/// stated, and its status.
///
/// ```
/// use alliance_commitments::pledge::{Condition, ConditionStatus};
/// let c = Condition::new("should Kyiv agree to a ceasefire", ConditionStatus::Pending)?;
/// assert_eq!(c.wording(), "should Kyiv agree to a ceasefire");
/// assert!(c.status().is_pending(None));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Condition {
    wording: String,
    status: ConditionStatus,
}

impl Condition {
    /// A condition.
    ///
    /// # Errors
    ///
    /// A blank wording ([`ErrorKind::EmptyField`]), or one that begins or
    /// ends with white space ([`ErrorKind::Syntax`]).
    pub fn new(wording: impl Into<String>, status: ConditionStatus) -> Result<Condition, Error> {
        let wording = wording.into();
        Condition::check_wording(&wording)?;
        Ok(Condition { wording, status })
    }

    /// Checks a wording as [`Condition::new`] does, without keeping it.
    pub(crate) fn check_wording(wording: &str) -> Result<(), Error> {
        if wording.trim().is_empty() {
            return Err(ErrorKind::EmptyField { field: "condition" }.into());
        }
        if wording.trim() != wording {
            // Files trim their cells: such a wording could not be read back.
            return Err(ErrorKind::Syntax {
                grammar: crate::error::Grammar::Condition,
                input: wording.chars().take(40).collect(),
                offset: 0,
                reason: "a condition must not begin or end with white space",
            }
            .into());
        }
        Ok(())
    }

    /// The wording, as stated.
    pub fn wording(&self) -> &str {
        &self.wording
    }

    /// Where it stands.
    pub fn status(&self) -> ConditionStatus {
        self.status
    }
}
