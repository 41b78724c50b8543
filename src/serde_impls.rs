//! serde support (feature `serde`): every public data type, in a readable
//! form — decimals as strings (no float round trip), dates as ISO dates,
//! currencies, donors and periods as they are written, figures in the
//! plain syntax of the pledge CSV. The layout is documented in the README.

use crate::error::ErrorKind;
use std::collections::BTreeMap;
use std::fmt::Display;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

use crate::alliance::Membership;
use crate::spread::Schedule;
use crate::spread::SpreadRule;
use crate::{
    Alliance, Balance, Category, Country, Currency, Donor, Figure, Institution, Instrument, Money,
    Period, Pledge, Pledges, RateTable, Source, Spread, Stage,
};

/// `Serialize`/`Deserialize` through `Display` and `FromStr`.
macro_rules! via_string {
    ($($ty:ty),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(de::Error::custom)
            }
        }
    )*};
}

via_string!(Currency, Period, Category, Instrument, Stage);

/// Donors, countries and institutions by identifier (their `Display` is a name).
macro_rules! via_id {
    ($($ty:ty => $id:expr),*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($id(self))
            }
        }
    )*};
}

via_id!(Donor => |d: &Donor| d.id(), Country => |c: &Country| c.alpha2(), Institution => |i: &Institution| i.id());

fn parse<'de, D: Deserializer<'de>, T: FromStr>(d: D) -> Result<T, D::Error>
where
    T::Err: Display,
{
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    text.parse().map_err(de::Error::custom)
}

impl<'de> Deserialize<'de> for Donor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse(d)
    }
}

impl<'de> Deserialize<'de> for Country {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse(d)
    }
}

impl<'de> Deserialize<'de> for Institution {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match parse::<D, Donor>(d)? {
            Donor::Institution(i) => Ok(i),
            Donor::Country(c) => Err(de::Error::custom(format!(
                "{} is a country, not an institution",
                c.alpha2()
            ))),
        }
    }
}

/// A decimal as a string, exactly (scale kept).
pub(crate) mod decimal {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(x: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(x)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Decimal::from_str_exact(text.trim())
            .map_err(|_| de::Error::custom(format!("invalid decimal {text:?}")))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MoneyRepr {
    #[serde(with = "decimal")]
    amount: Decimal,
    currency: Currency,
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MoneyRepr {
            amount: self.amount(),
            currency: self.currency(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = MoneyRepr::deserialize(d)?;
        Ok(Money::new(r.amount, r.currency))
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureRepr {
    amount: String,
    currency: Currency,
}

impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FigureRepr {
            amount: self.plain().to_string(),
            currency: self.currency(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = FigureRepr::deserialize(d)?;
        Figure::parse_plain(&r.amount, r.currency).map_err(de::Error::custom)
    }
}

impl Serialize for Balance {
    /// A list of amounts, one per currency.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Balance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Balance::try_from_iter(Vec::<Money>::deserialize(d)?).map_err(de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRepr {
    publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    published: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quote: Option<String>,
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SourceRepr {
            publisher: self.publisher().to_owned(),
            title: self.title().map(str::to_owned),
            url: self.url().map(str::to_owned),
            published: self.published(),
            speaker: self.speaker().map(str::to_owned),
            quote: self.quote().map(str::to_owned),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Source {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = SourceRepr::deserialize(d)?;
        let mut source = Source::new(r.publisher).map_err(de::Error::custom)?;
        if let Some(t) = r.title {
            source = source.with_title(t);
        }
        if let Some(u) = r.url {
            source = source.with_url(u);
        }
        if let Some(p) = r.published {
            source = source.with_published(p);
        }
        if let Some(sp) = r.speaker {
            source = source.with_speaker(sp);
        }
        if let Some(q) = r.quote {
            source = source.with_quote(q);
        }
        Ok(source)
    }
}

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

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MembershipRepr {
    donor: Donor,
    joined: NaiveDate,
    #[serde(default)]
    last_day: Option<NaiveDate>,
}

impl Serialize for Membership {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        MembershipRepr {
            donor: self.donor(),
            joined: self.joined(),
            last_day: self.last_day(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Membership {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = MembershipRepr::deserialize(d)?;
        Membership::new(r.donor, r.joined, r.last_day).map_err(de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AllianceRepr {
    name: String,
    members: Vec<Membership>,
}

impl Serialize for Alliance {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        AllianceRepr {
            name: self.name().to_owned(),
            members: self.memberships().to_vec(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Alliance {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = AllianceRepr::deserialize(d)?;
        let mut a = Alliance::new(r.name).map_err(de::Error::custom)?;
        for m in r.members {
            a.add_membership(m).map_err(de::Error::custom)?;
        }
        Ok(a)
    }
}

struct DecimalStr(Decimal);

impl Serialize for DecimalStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        decimal::serialize(&self.0, s)
    }
}

impl<'de> Deserialize<'de> for DecimalStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        decimal::deserialize(d).map(DecimalStr)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateTableRepr {
    window: u32,
    quotes: UniqueMap<Currency, UniqueMap<NaiveDate, DecimalStr>>,
}

/// A JSON object read as its entries in order, refusing a key given twice
/// (a map would keep the last and drop the first without a word).
struct UniqueMap<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for UniqueMap<K, V> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

impl<'de, K, V> Deserialize<'de> for UniqueMap<K, V>
where
    K: Deserialize<'de> + Ord + std::fmt::Display,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K, V> de::Visitor<'de> for Entries<K, V>
        where
            K: Deserialize<'de> + Ord + std::fmt::Display,
            V: Deserialize<'de>,
        {
            type Value = UniqueMap<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with each key once")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut seen = std::collections::BTreeSet::new();
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<K, V>()? {
                    if !seen.insert(k.to_string()) {
                        return Err(de::Error::custom(format!("key {k} given twice")));
                    }
                    out.push((k, v));
                }
                Ok(UniqueMap(out))
            }
        }
        d.deserialize_map(Entries(std::marker::PhantomData))
    }
}

impl Serialize for RateTable {
    /// `{"window": 7, "quotes": {"USD": {"2025-01-02": "1.0321"}}}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let quotes = self
            .quotes_by_currency()
            .map(|(c, q)| {
                let days = q.iter().map(|(d, r)| (*d, DecimalStr(*r))).collect();
                (c, UniqueMap(days))
            })
            .collect();
        RateTableRepr {
            window: self.window(),
            quotes: UniqueMap(quotes),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for RateTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = RateTableRepr::deserialize(d)?;
        let mut t = RateTable::new().with_window(r.window);
        let quotes = r
            .quotes
            .0
            .into_iter()
            .flat_map(|(c, q)| q.0.into_iter().map(move |(day, rate)| (day, c, rate.0)));
        t.extend(quotes).map_err(de::Error::custom)?;
        Ok(t)
    }
}

impl Serialize for crate::interval::Interval {
    /// `{"lower": {"included": "45"}, "upper": null, "currency": "EUR"}`:
    /// each end `{"included": x}`, `{"excluded": x}` or `null` (absent).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        fn end(b: std::ops::Bound<Decimal>) -> Option<BTreeMap<&'static str, DecimalStr>> {
            match b {
                std::ops::Bound::Included(x) => Some(BTreeMap::from([("included", DecimalStr(x))])),
                std::ops::Bound::Excluded(x) => Some(BTreeMap::from([("excluded", DecimalStr(x))])),
                std::ops::Bound::Unbounded => None,
            }
        }
        let mut st = s.serialize_struct("Interval", 3)?;
        st.serialize_field("lower", &end(self.lower()))?;
        st.serialize_field("upper", &end(self.upper()))?;
        st.serialize_field("currency", &self.currency())?;
        st.end()
    }
}

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

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SpreadRepr {
    rule: SpreadRule,
    #[serde(default)]
    schedules: BTreeMap<String, Schedule>,
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
        let r = SpreadRepr::deserialize(d)?;
        let mut spread = match r.rule {
            SpreadRule::AtStart => Spread::at_start(),
            _ => Spread::evenly_by_days(),
        };
        for (id, schedule) in r.schedules {
            spread = spread.with_schedule(id, schedule);
        }
        Ok(spread)
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
    pub fn read_json<R: std::io::Read>(&mut self, reader: R) -> Result<usize, crate::Error> {
        let read: Pledges = serde_json::from_reader(reader).map_err(json_error)?;
        let n = read.len();
        self.extend(read.iter().cloned())?;
        Ok(n)
    }

    /// Writes the collection as a pretty-printed JSON list.
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

/// A JSON reading error, its line and column in the position.
fn json_error(e: serde_json::Error) -> crate::Error {
    let mut message = e.to_string();
    // serde_json ends its message with the place, which the position holds.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    let line = e.line() as u64;
    let column = e.column();
    match e.io_error_kind() {
        Some(_) => crate::Error::io(e.into()).at_line(line),
        None => crate::Error::from(ErrorKind::Json { message }).at_column(line, column),
    }
}

/// The audit trail of a converted total, as a sequence of [`Converted`](crate::rates::Converted).
struct PartsOf<'a>(&'a crate::totals::ConvertedTotal);

impl Serialize for PartsOf<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.parts())
    }
}

impl Serialize for crate::totals::ConvertedTotal {
    /// `{"total": figure, "parts": [converted, ...]}`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("ConvertedTotal", 2)?;
        st.serialize_field("total", self.figure())?;
        st.serialize_field("parts", &PartsOf(self))?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_table_with_a_key_given_twice_is_refused() {
        let twice_currency = r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03"}, "USD": {"2025-01-03": "1.04"}}}"#;
        let twice_day =
            r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03", "2025-01-02": "1.04"}}}"#;
        for json in [twice_currency, twice_day] {
            let err = serde_json::from_str::<RateTable>(json).unwrap_err();
            assert!(err.to_string().contains("given twice"), "{err}");
        }
        let once = r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03"}, "GBP": {"2025-01-02": "0.83"}}}"#;
        let table: RateTable = serde_json::from_str(once).unwrap();
        assert_eq!(table.len(), 2);
        assert_eq!(
            serde_json::to_string(&table).unwrap(),
            r#"{"window":7,"quotes":{"GBP":{"2025-01-02":"0.83"},"USD":{"2025-01-02":"1.03"}}}"#
        );
    }
}
