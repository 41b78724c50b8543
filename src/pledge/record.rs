//! The one flat shape of a pledge that files, JSON and the totals engine
//! share: every field a pledge has but its sources, borrowed. A row of a
//! file becomes a `Record` without allocating; a [`Pledge`] lends one; and
//! [`Record::build`] is the one place a record becomes a pledge, checked
//! as [`PledgeBuilder::build`](super::PledgeBuilder::build) checks one.

use chrono::NaiveDate;

use super::{Category, Instrument, Pledge, Stage};
use crate::{Donor, Error, Figure, Period, Source};

#[derive(Debug, Clone, Copy)]
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
        }
    }
}

impl Record<'_> {
    /// The pledge this record and `sources` describe.
    ///
    /// # Errors
    ///
    /// As [`PledgeBuilder::build`](super::PledgeBuilder::build).
    pub(crate) fn build(&self, sources: Vec<Source>) -> Result<Pledge, Error> {
        let mut b = Pledge::builder(self.donor, self.recipient, self.figure)
            .category(self.category)
            .instrument(self.instrument)
            .stage(self.stage);
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
            };
            record.build(r.sources).map_err(de::Error::custom)
        }
    }
}
