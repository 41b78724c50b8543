//! The one flat shape of a pledge that files, JSON and the totals engine
//! share: every field a pledge has but its sources, borrowed. A row of a
//! file becomes a `Record` without allocating; a [`Pledge`] lends one; and
//! [`Record::build`] is the one place a record becomes a pledge, checked
//! as [`PledgeBuilder::build`](super::PledgeBuilder::build) checks one.

use chrono::NaiveDate;

use super::{Category, Condition, ConditionStatus, Instrument, Later, Pledge, Stage};
use crate::{Donor, Error, Figure, Period, Source};

#[derive(Debug, Clone)]
pub(crate) struct Record<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) donor: Donor,
    pub(crate) recipient: Donor,
    pub(crate) figure: Figure,
    pub(crate) announced: Option<NaiveDate>,
    pub(crate) funded: Option<Period>,
    pub(crate) delivered: Option<Period>,
    pub(crate) category: Category,
    pub(crate) instrument: Instrument,
    pub(crate) stage: Stage,
    /// Borrowed (most records have none, and a pledge lends its own): a
    /// record is moved once per row of a file, and the stages are large.
    pub(crate) later: LaterRef<'a>,
    /// The condition's wording and status.
    pub(crate) condition: Option<(&'a str, ConditionStatus)>,
}

/// A record's later stages: borrowed, or (for a row of a file that has
/// some) boxed.
#[derive(Debug, Clone)]
pub(crate) enum LaterRef<'a> {
    Borrowed(&'a Later),
    Owned(Box<Later>),
}

/// No later stages.
pub(crate) static NO_LATER: Later = Later::none();

impl LaterRef<'_> {
    /// `later`, boxed only if it holds something.
    pub(crate) fn of(later: Later) -> LaterRef<'static> {
        if later == NO_LATER {
            LaterRef::Borrowed(&NO_LATER)
        } else {
            LaterRef::Owned(Box::new(later))
        }
    }
}

impl std::ops::Deref for LaterRef<'_> {
    type Target = Later;
    fn deref(&self) -> &Later {
        match self {
            LaterRef::Borrowed(l) => l,
            LaterRef::Owned(l) => l,
        }
    }
}

/// A record apart from the bytes its texts lie in, so that it can be sent
/// from the thread that read a row to the one that counts it: its id and
/// condition wording as places in those bytes.
#[derive(Debug)]
pub(crate) struct Detached {
    record: Record<'static>,
    id: Option<Text>,
    condition: Option<(Text, ConditionStatus)>,
}

/// A text of a detached record: where it lies in the row's bytes (or, were
/// it to lie elsewhere, a copy).
#[derive(Debug)]
enum Text {
    At(std::ops::Range<usize>),
    Copy(Box<str>),
}

impl Text {
    fn of(text: &str, bytes: &[u8]) -> Text {
        let start = (text.as_ptr() as usize).wrapping_sub(bytes.as_ptr() as usize);
        match start.checked_add(text.len()) {
            Some(end) if end <= bytes.len() => Text::At(start..end),
            _ => Text::Copy(text.into()),
        }
    }

    fn get<'b>(&'b self, bytes: &'b [u8]) -> &'b str {
        match self {
            // The bytes were a `str` when detached: they still are.
            Text::At(r) => bytes
                .get(r.clone())
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Text::Copy(t) => t,
        }
    }
}

impl<'a> Record<'a> {
    /// The record apart from `bytes`, in which its texts lie.
    pub(crate) fn detach(self, bytes: &'a [u8]) -> Detached {
        Detached {
            id: self.id.map(|t| Text::of(t, bytes)),
            condition: self.condition.map(|(t, s)| (Text::of(t, bytes), s)),
            record: Record {
                id: None,
                condition: None,
                later: match self.later {
                    LaterRef::Borrowed(later) => LaterRef::of(*later),
                    LaterRef::Owned(later) => LaterRef::Owned(later),
                },
                ..self
            },
        }
    }
}

impl Detached {
    /// The record again, its texts in `bytes`: the bytes it was detached
    /// from.
    pub(crate) fn attach<'b>(&'b self, bytes: &'b [u8]) -> Record<'b> {
        let r = &self.record;
        Record {
            id: self.id.as_ref().map(|t| t.get(bytes)),
            condition: self.condition.as_ref().map(|(t, s)| (t.get(bytes), *s)),
            later: LaterRef::Borrowed(&r.later),
            donor: r.donor,
            recipient: r.recipient,
            figure: r.figure,
            announced: r.announced,
            funded: r.funded,
            delivered: r.delivered,
            category: r.category,
            instrument: r.instrument,
            stage: r.stage,
        }
    }
}

impl<'a> From<&'a Pledge> for Record<'a> {
    fn from(p: &'a Pledge) -> Record<'a> {
        Record {
            id: p.id(),
            donor: p.donor(),
            recipient: p.recipient(),
            figure: *p.figure(),
            announced: p.announced(),
            funded: p.funded(),
            delivered: p.delivered(),
            category: p.category(),
            instrument: p.instrument(),
            stage: p.stage(),
            later: LaterRef::Borrowed(p.later()),
            condition: p.condition().map(|c| (c.wording(), c.status())),
        }
    }
}

impl Record<'_> {
    /// Checks what [`Record::build`] checks beyond each field on its own:
    /// the later stages and the condition's wording. Allocates nothing.
    ///
    /// # Errors
    ///
    /// As [`PledgeBuilder::build`](super::PledgeBuilder::build).
    pub(crate) fn check(&self) -> Result<(), Error> {
        self.later.check(self.stage, self.figure.currency())?;
        if let Some((wording, _)) = self.condition {
            Condition::check_wording(wording)?;
        }
        Ok(())
    }

    /// The day of delivery: the delivered stage's date, else the first day
    /// of the delivered period.
    pub(crate) fn delivery_day(&self) -> Option<NaiveDate> {
        self.later
            .get(Stage::Delivered)
            .and_then(|(_, day)| day)
            .or(self.delivered.map(|p| p.start()))
    }

    /// The amount a total counts of this pledge, with its stage: the first
    /// stage's unless `stages` asks otherwise, only stages reached by
    /// `as_of` (see the stages module). `None` when it counts nothing.
    pub(crate) fn counted(
        &self,
        admits: impl Fn(Stage) -> Option<bool>,
        as_of: Option<NaiveDate>,
    ) -> Option<(Stage, Figure)> {
        if let Some(day) = as_of {
            if self.announced.is_none_or(|a| a > day) {
                return None;
            }
        }
        // `admits` is `None` when the filter has no stage condition: the
        // first stage counts, unless the pledge is cancelled.
        if admits(self.stage).is_none() {
            return (self.stage != Stage::Cancelled).then_some((self.stage, self.figure));
        }
        if admits(self.stage) == Some(true) {
            return Some((self.stage, self.figure));
        }
        self.later
            .iter()
            .find(|a| {
                admits(a.stage()) == Some(true)
                    && as_of.is_none_or(|day| a.date().is_some_and(|d| d <= day))
            })
            .map(|a| (a.stage(), *a.figure()))
    }

    /// The pledge this record and `sources` describe.
    ///
    /// # Errors
    ///
    /// As [`PledgeBuilder::build`](super::PledgeBuilder::build).
    pub(crate) fn build(&self, sources: Vec<Source>) -> Result<Pledge, Error> {
        let mut b = Pledge::builder(self.donor, self.recipient, self.figure)
            .category(self.category)
            .instrument(self.instrument)
            .stage(self.stage)
            .later(*self.later);
        if let Some((wording, status)) = self.condition {
            b = b.condition(Condition::new(wording, status)?);
        }
        if let Some(id) = self.id {
            b = b.id(id);
        }
        if let Some(d) = self.announced {
            b = b.announced(d);
        }
        if let Some(p) = self.funded {
            b = b.funded(p);
        }
        if let Some(p) = self.delivered {
            b = b.delivered(p);
        }
        for source in sources {
            b = b.source(source);
        }
        b.build()
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use chrono::NaiveDate;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::{Category, Currency, Donor, Figure, Instrument, Period, Pledge, Source, Stage};

    /// The pledge's JSON object: the CSV's columns, sources as a list.
    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct PledgeRepr {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        donor: Donor,
        recipient: Donor,
        announced: Option<NaiveDate>,
        funded: Option<Period>,
        #[serde(default)]
        delivered: Option<Period>,
        category: Category,
        instrument: Instrument,
        stage: Stage,
        amount: String,
        currency: Currency,
        /// Later stage amounts (see `super::super::stages_serde`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        stages: Vec<crate::pledge::StageAmountRepr>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        condition: Option<crate::pledge::Condition>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sources: Vec<Source>,
    }

    impl Serialize for Pledge {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            PledgeRepr {
                id: self.id().map(str::to_owned),
                donor: self.donor(),
                recipient: self.recipient(),
                announced: self.announced(),
                funded: self.funded(),
                delivered: self.delivered(),
                category: self.category(),
                instrument: self.instrument(),
                stage: self.stage(),
                amount: self.figure().plain().to_string(),
                currency: self.figure().currency(),
                stages: crate::pledge::StageAmountRepr::of(self.later()),
                condition: self.condition().cloned(),
                sources: self.sources().to_vec(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Pledge {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = PledgeRepr::deserialize(d)?;
            let figure = Figure::parse_plain(&r.amount, r.currency).map_err(de::Error::custom)?;
            let record = crate::pledge::Record {
                id: r.id.as_deref(),
                donor: r.donor,
                recipient: r.recipient,
                figure,
                announced: r.announced,
                funded: r.funded,
                delivered: r.delivered,
                category: r.category,
                instrument: r.instrument,
                stage: r.stage,
                later: super::LaterRef::of(
                    crate::pledge::StageAmountRepr::later(&r.stages, r.currency)
                        .map_err(de::Error::custom)?,
                ),
                condition: r.condition.as_ref().map(|c| (c.wording(), c.status())),
            };
            record.build(r.sources).map_err(de::Error::custom)
        }
    }
}
