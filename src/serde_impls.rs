//! What the serde impls beside each type share (feature `serde`): the
//! JSON layout's conventions — decimals as strings in the crate's one
//! plain-number grammar (no float round trip), dates as ISO dates,
//! currencies, donors and periods as they are written, objects that
//! refuse a key given twice. The layout is documented in the README.

use crate::error::ErrorKind;
use std::fmt::Display;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};

/// `Serialize`/`Deserialize` through `Display` and `FromStr`.
macro_rules! via_string {
    ($($ty:ty),*) => {$(
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                text.parse().map_err(<D::Error as ::serde::de::Error>::custom)
            }
        }
    )*};
}

pub(crate) use via_string;

/// Donors, countries and institutions by identifier (their `Display` is a name).
macro_rules! via_id {
    ($($ty:ty => $id:expr),*) => {$(
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($id(self))
            }
        }
    )*};
}

pub(crate) use via_id;

/// Deserialises through `FromStr`.
pub(crate) fn parse<'de, D: Deserializer<'de>, T: FromStr>(d: D) -> Result<T, D::Error>
where
    T::Err: Display,
{
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    text.parse().map_err(de::Error::custom)
}

/// A decimal as a string, exactly (scale kept).
pub(crate) mod decimal {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(x: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(x)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        // The crate's one plain-number grammar: no `_`, `+`, `.5` or `5.`.
        crate::fmt::number::parse(text.trim()).map_err(|_| {
            let shown: String = text.chars().take(40).collect();
            de::Error::custom(format!(
                "invalid decimal {shown:?}: expected a plain number like 1234.56"
            ))
        })
    }
}

/// A decimal as a string (see [`decimal`]).
pub(crate) struct DecimalStr(pub(crate) Decimal);

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

/// A JSON object read as its entries in order, refusing a key given twice
/// (a map would keep the last and drop the first without a word).
pub(crate) struct UniqueMap<K, V>(pub(crate) Vec<(K, V)>);

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

/// A JSON reading error, its line and column in the position.
pub(crate) fn json_error(e: serde_json::Error) -> crate::Error {
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
