//! A collection of pledges, and filters over it.

use crate::error::ErrorKind;
use std::collections::HashMap;

use crate::pledge::Record;
use crate::{Alliance, Category, Donor, Error, Instrument, Period, Pledge, Stage};

/// A collection of pledges that users fill and query.
///
/// Pledge ids, when given, are unique within a collection. Adding many at
/// once is all or nothing: a failed [`Pledges::extend`] leaves the
/// collection as it was. Order of insertion is kept for iteration, but no
/// total depends on it.
///
/// ```
/// use alliance_commitments::{Country, Pledge, Pledges};
///
/// let mut pledges = Pledges::new();
/// let de = Pledge::builder(Country::DE, Country::UA, "€1bn".parse()?).id("de-1").build()?;
/// pledges.add(de.clone())?;
/// assert_eq!(pledges.get("de-1"), Some(&de));
/// assert!(pledges.add(de).is_err()); // duplicate id
/// assert_eq!(pledges.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pledges {
    items: Vec<Pledge>,
    by_id: HashMap<String, usize>,
}

impl Pledges {
    /// An empty collection.
    pub fn new() -> Pledges {
        Pledges::default()
    }

    /// Adds a pledge; an error (and no change) if its id is already used.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateId`] if the pledge's id is already in the collection.
    pub fn add(&mut self, pledge: Pledge) -> Result<(), Error> {
        if let Some(id) = pledge.id() {
            if self.by_id.contains_key(id) {
                return Err(ErrorKind::DuplicateId { id: id.to_owned() }.into());
            }
            self.by_id.insert(id.to_owned(), self.items.len());
        }
        self.items.push(pledge);
        Ok(())
    }

    /// Adds every pledge, or none: on the first error the collection is
    /// restored to what it was.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateId`] if an id is already in the collection or comes
    /// twice in `pledges`.
    pub fn extend<I: IntoIterator<Item = Pledge>>(&mut self, pledges: I) -> Result<(), Error> {
        let len = self.items.len();
        for pledge in pledges {
            if let Err(e) = self.add(pledge) {
                self.truncate(len);
                return Err(e);
            }
        }
        Ok(())
    }

    /// Drops the pledges from index `len` on (used to undo a failed extend).
    fn truncate(&mut self, len: usize) {
        for pledge in self.items.drain(len..) {
            if let Some(id) = pledge.id() {
                self.by_id.remove(id);
            }
        }
    }

    /// The pledge with an id.
    pub fn get(&self, id: &str) -> Option<&Pledge> {
        self.by_id.get(id).map(|i| &self.items[*i])
    }

    /// The pledges in the order added.
    pub fn iter(&self) -> std::slice::Iter<'_, Pledge> {
        self.items.iter()
    }

    /// The pledges a filter lets through, in the order added.
    pub fn filter<'a>(&'a self, filter: &'a Filter) -> impl Iterator<Item = &'a Pledge> + 'a {
        self.items.iter().filter(move |p| filter.matches(p))
    }

    /// The number of pledges.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the collection is empty.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<'a> IntoIterator for &'a Pledges {
    type Item = &'a Pledge;
    type IntoIter = std::slice::Iter<'a, Pledge>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// Which stages a filter lets through.
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Stages {
    #[default]
    Any,
    OneOf(Vec<Stage>),
    AtLeast(Stage),
}

/// Which pledges count: conditions on donor, alliance, recipient,
/// category, instrument, stage and dates.
///
/// **Cancelled pledges pass only a filter that asks for them**
/// ([`Filter::stage`] or [`Filter::stage_at_least`] with
/// [`Stage::Cancelled`]): `Filter::new()` lets every other pledge through.
/// For a pledge with amounts at several stages, a stage condition also
/// says which amount totals count: the earliest recorded stage it admits
/// (see [`StageAmount`](crate::pledge::StageAmount)'s module doc); a pledge passes
/// when it has an amount at an admitted stage.
///
/// Conditions on different fields must all hold; several values for one
/// field (two donors, say) mean any of them. Conditions on a date a pledge
/// lacks exclude it: an undated pledge is in no alliance (membership is
/// judged on the announcement date) and was announced in no period; a
/// pledge with no funded period overlaps none.
///
/// ```
/// use alliance_commitments::{Alliance, Country, Filter, Pledge, Stage};
/// use chrono::NaiveDate;
///
/// let filter = Filter::new()
///     .alliance(Alliance::nato())
///     .stage_at_least(Stage::Allocated)
///     .announced_within("2025".parse()?);
/// let p = Pledge::builder(Country::SE, Country::UA, "SEK 1bn".parse()?)
///     .announced(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
///     .stage(Stage::Delivered)
///     .build()?;
/// assert!(filter.matches(&p));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(default, deny_unknown_fields)
)]
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    donors: Vec<Donor>,
    alliance: Option<Alliance>,
    recipients: Vec<Donor>,
    categories: Vec<Category>,
    instruments: Vec<Instrument>,
    stages: Stages,
    announced_within: Option<Period>,
    funded_overlapping: Option<Period>,
    dated: Option<bool>,
    delivered_within: Option<Period>,
}

impl Filter {
    /// A filter that lets everything through.
    pub fn new() -> Filter {
        Filter::default()
    }

    /// Only this donor (call again to allow several).
    #[must_use]
    pub fn donor(mut self, donor: impl Into<Donor>) -> Filter {
        self.donors.push(donor.into());
        self
    }

    /// Only donors that were members of `alliance` on the announcement date.
    #[must_use]
    pub fn alliance(mut self, alliance: Alliance) -> Filter {
        self.alliance = Some(alliance);
        self
    }

    /// Only this recipient (call again to allow several).
    #[must_use]
    pub fn recipient(mut self, recipient: impl Into<Donor>) -> Filter {
        self.recipients.push(recipient.into());
        self
    }

    /// Only this category (call again to allow several).
    #[must_use]
    pub fn category(mut self, category: Category) -> Filter {
        self.categories.push(category);
        self
    }

    /// Only this instrument (call again to allow several).
    #[must_use]
    pub fn instrument(mut self, instrument: Instrument) -> Filter {
        self.instruments.push(instrument);
        self
    }

    /// Only exactly this stage (call again to allow several). Replaces a
    /// [`Filter::stage_at_least`]. Totals count the amount at this stage
    /// (with several, the earliest recorded of them).
    #[must_use]
    pub fn stage(mut self, stage: Stage) -> Filter {
        match &mut self.stages {
            Stages::OneOf(stages) => stages.push(stage),
            other => *other = Stages::OneOf(vec![stage]),
        }
        self
    }

    /// Only this stage or a later one ("allocated or later"); cancelled
    /// pledges never pass unless `stage` is cancelled. Totals count the
    /// amount of the earliest recorded stage that reaches `stage`.
    #[must_use]
    pub fn stage_at_least(mut self, stage: Stage) -> Filter {
        self.stages = Stages::AtLeast(stage);
        self
    }

    /// Only these stages, replacing any stage condition.
    pub(crate) fn only_stages(mut self, stages: Vec<Stage>) -> Filter {
        self.stages = Stages::OneOf(stages);
        self
    }

    /// Only pledges announced within `period`.
    #[must_use]
    pub fn announced_within(mut self, period: Period) -> Filter {
        self.announced_within = Some(period);
        self
    }

    /// Only pledges whose funded period overlaps `period`.
    #[must_use]
    pub fn funded_overlapping(mut self, period: Period) -> Filter {
        self.funded_overlapping = Some(period);
        self
    }

    /// Only pledges delivered within `period`, by the day of delivery as
    /// [`DateBasis::Delivered`](crate::DateBasis::Delivered) takes it.
    #[must_use]
    pub fn delivered_within(mut self, period: Period) -> Filter {
        self.delivered_within = Some(period);
        self
    }

    /// Only dated pledges (`true`: with an announcement date) or only
    /// undated ones (`false`).
    #[must_use]
    pub fn dated(mut self, dated: bool) -> Filter {
        self.dated = Some(dated);
        self
    }

    /// Whether a pledge passes.
    pub fn matches(&self, p: &Pledge) -> bool {
        self.matches_row(&Record::from(p))
    }

    /// [`Filter::matches`] on the attributes totals read.
    pub(crate) fn matches_row(&self, p: &Record<'_>) -> bool {
        self.counted(p, None).is_some()
    }

    /// The stage and amount totals count of a pledge that passes, as of a
    /// date or not; `None` if it does not pass.
    pub(crate) fn counted(
        &self,
        p: &Record<'_>,
        as_of: Option<chrono::NaiveDate>,
    ) -> Option<(Stage, crate::Figure)> {
        if !self.matches_attributes(p) {
            return None;
        }
        p.counted(
            |s| match &self.stages {
                Stages::Any => None,
                Stages::OneOf(stages) => Some(stages.contains(&s)),
                Stages::AtLeast(stage) => Some(s.reaches(*stage)),
            },
            as_of,
        )
    }

    /// The conditions on everything but the stage.
    fn matches_attributes(&self, p: &Record<'_>) -> bool {
        let any = |list: &[_], x| list.is_empty() || list.contains(&x);
        self.dated
            .is_none_or(|dated| p.announced.is_some() == dated)
            && any(&self.donors, p.donor)
            && any(&self.recipients, p.recipient)
            && (self.categories.is_empty() || self.categories.contains(&p.category))
            && (self.instruments.is_empty() || self.instruments.contains(&p.instrument))
            && self
                .alliance
                .as_ref()
                .is_none_or(|a| p.announced.is_some_and(|date| a.is_member(&p.donor, date)))
            && self
                .announced_within
                .is_none_or(|period| p.announced.is_some_and(|d| period.contains(d)))
            && self
                .funded_overlapping
                .is_none_or(|period| p.funded.is_some_and(|f| f.overlaps(&period)))
            && self
                .delivered_within
                .is_none_or(|period| p.delivery_day().is_some_and(|d| period.contains(d)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;
    use chrono::NaiveDate;

    fn pledge(
        id: &str,
        donor: Country,
        announced: Option<(i32, u32, u32)>,
        stage: Stage,
    ) -> Pledge {
        let mut b = Pledge::builder(donor, Country::UA, "€1m".parse().unwrap())
            .id(id)
            .stage(stage);
        if let Some((y, m, d)) = announced {
            b = b.announced(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        }
        b.build().unwrap()
    }

    #[test]
    fn a_failed_extend_leaves_the_collection_as_it_was() {
        let mut c = Pledges::new();
        c.add(pledge("a", Country::DE, None, Stage::Announced))
            .unwrap();
        let before = c.clone();
        let batch = vec![
            pledge("b", Country::DE, None, Stage::Announced),
            pledge("c", Country::DE, None, Stage::Announced),
            pledge("a", Country::FR, None, Stage::Announced),
        ];
        assert_eq!(
            c.extend(batch),
            Err(ErrorKind::DuplicateId { id: "a".into() }.into())
        );
        assert_eq!(c, before);
        assert!(c.get("b").is_none());
        c.extend(vec![pledge("b", Country::DE, None, Stage::Announced)])
            .unwrap();
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn filters_combine_and_undated_pledges_fail_date_conditions() {
        let mut c = Pledges::new();
        c.extend(vec![
            pledge(
                "se-early",
                Country::SE,
                Some((2024, 3, 6)),
                Stage::Delivered,
            ),
            pledge("se-late", Country::SE, Some((2024, 3, 7)), Stage::Allocated),
            pledge("de", Country::DE, Some((2024, 5, 1)), Stage::Committed),
            pledge("fr-undated", Country::FR, None, Stage::Delivered),
            pledge(
                "pl-cancelled",
                Country::PL,
                Some((2024, 5, 1)),
                Stage::Cancelled,
            ),
        ])
        .unwrap();
        let ids = |f: &Filter| {
            c.filter(f)
                .map(|p| p.id().unwrap().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&Filter::new().alliance(Alliance::nato())),
            ["se-late", "de"]
        );
        assert_eq!(
            ids(&Filter::new().stage_at_least(Stage::Allocated)),
            ["se-early", "se-late", "fr-undated"]
        );
        assert_eq!(
            ids(&Filter::new()
                .stage(Stage::Committed)
                .stage(Stage::Cancelled)),
            ["de", "pl-cancelled"]
        );
        assert_eq!(
            ids(&Filter::new()
                .donor(Country::SE)
                .announced_within("2024-Q1".parse().unwrap())),
            ["se-early", "se-late"]
        );
        assert!(ids(&Filter::new().funded_overlapping("2024".parse().unwrap())).is_empty());
        // Cancelled pledges pass only a filter that asks for them.
        assert_eq!(
            ids(&Filter::new()),
            ["se-early", "se-late", "de", "fr-undated"]
        );
        assert_eq!(ids(&Filter::new().dated(false)), ["fr-undated"]);
        assert_eq!(
            ids(&Filter::new().dated(true)),
            ["se-early", "se-late", "de"]
        );
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::error::ErrorKind;
    use crate::serde_impls::json_error;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::collection::Stages;
    use crate::{Pledge, Pledges, Stage};

    /// [`Stages`] as written, before it is checked.
    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum StagesRepr {
        Any,
        OneOf(Vec<Stage>),
        AtLeast(Stage),
    }

    impl<'de> Deserialize<'de> for Stages {
        /// `"any"`, `{"one_of": ["committed", ...]}` (at least one stage, as
        /// [`Filter::stage`](crate::Filter::stage) gives) or `{"at_least": "allocated"}`.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Ok(match StagesRepr::deserialize(d)? {
                StagesRepr::Any => Stages::Any,
                StagesRepr::OneOf(stages) if stages.is_empty() => {
                    return Err(de::Error::custom(
                        "a filter's \"one_of\" stages name at least one stage",
                    ));
                }
                StagesRepr::OneOf(stages) => Stages::OneOf(stages),
                StagesRepr::AtLeast(stage) => Stages::AtLeast(stage),
            })
        }
    }

    impl Serialize for Pledges {
        /// A list of pledges, in the order added.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.iter())
        }
    }

    impl<'de> Deserialize<'de> for Pledges {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut pledges = Pledges::new();
            pledges
                .extend(Vec::<Pledge>::deserialize(d)?)
                .map_err(de::Error::custom)?;
            Ok(pledges)
        }
    }

    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    impl Pledges {
        /// Reads a JSON list of pledges (the layout in the README) into the
        /// collection; all or nothing. Errors give the line and column of the
        /// JSON ([`ErrorKind::Json`](ErrorKind::Json)), or name the duplicated id.
        ///
        /// ```
        /// use alliance_commitments::Pledges;
        /// use alliance_commitments::error::ErrorKind;
        /// let json = r#"[{"donor": "DE", "recipient": "UA", "announced": null, "funded": "2025",
        ///                 "category": "military", "instrument": "grant", "stage": "committed",
        ///                 "amount": "over 1500000000", "currency": "EUR"}]"#;
        /// let mut pledges = Pledges::new();
        /// assert_eq!(pledges.read_json(json.as_bytes())?, 1);
        /// let bad = r#"[{"donor": "XX"}]"#;
        /// let err = pledges.read_json(bad.as_bytes()).unwrap_err();
        /// assert!(matches!(err.kind(), ErrorKind::Json { .. }));
        /// assert_eq!(err.position().line(), Some(1));
        /// assert_eq!(pledges.len(), 1);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Json`] for input that is not a JSON list of valid pledges,
        /// [`ErrorKind::Io`] if reading fails, and [`ErrorKind::DuplicateId`] for
        /// an id already in the collection.
        pub fn read_json<R: std::io::Read>(&mut self, reader: R) -> Result<usize, crate::Error> {
            let read: Pledges = serde_json::from_reader(reader).map_err(json_error)?;
            let n = read.len();
            self.extend(read.iter().cloned())?;
            Ok(n)
        }

        /// Writes the collection as a pretty-printed JSON list.
        ///
        /// # Errors
        ///
        /// [`ErrorKind::Io`] if writing fails; [`ErrorKind::Json`] if the
        /// collection cannot be written as JSON.
        pub fn write_json<W: std::io::Write>(&self, writer: W) -> Result<(), crate::Error> {
            serde_json::to_writer_pretty(writer, self).map_err(|e| match e.io_error_kind() {
                Some(_) => crate::Error::io(e.into()),
                None => ErrorKind::Json {
                    message: e.to_string(),
                }
                .into(),
            })
        }
    }
}
