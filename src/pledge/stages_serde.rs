//! The JSON form of stage amounts and conditions.
//!
//! A pledge's later stages are a list beside its `amount`, in its
//! `currency`: `"stages": [{"stage": "allocated", "amount": "600000000",
//! "on": "2024-06-01"}]` (`on` may be `null` or left out). A condition is
//! `"condition": {"wording": "...", "status": "pending"}` with the status
//! as files write it (`pending`, `met 2025-03-01`, `lapsed`).

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use super::Stage;
use super::stages::{Condition, ConditionStatus, LATER, Later};
use crate::{Currency, Error, Figure};

/// One later stage in a pledge's JSON object.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StageAmountRepr {
    stage: Stage,
    amount: String,
    #[serde(default)]
    on: Option<NaiveDate>,
}

impl StageAmountRepr {
    /// The list of a pledge's later stages.
    pub(crate) fn of(later: &Later) -> Vec<StageAmountRepr> {
        later
            .iter()
            .map(|a| StageAmountRepr {
                stage: a.stage(),
                amount: a.figure().plain().to_string(),
                on: a.date(),
            })
            .collect()
    }

    /// The later stages of a list (checked when the pledge is built).
    pub(crate) fn later(list: &[StageAmountRepr], currency: Currency) -> Result<Later, Error> {
        let mut later = Later::default();
        for r in list {
            later.set(r.stage, Figure::parse_plain(&r.amount, currency)?, r.on);
        }
        debug_assert!(LATER.len() == later.amounts.len());
        Ok(later)
    }
}

impl Serialize for ConditionStatus {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ConditionStatus {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(de::Error::custom)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionRepr {
    wording: String,
    status: ConditionStatus,
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ConditionRepr {
            wording: self.wording().to_owned(),
            status: self.status(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let r = ConditionRepr::deserialize(d)?;
        Condition::new(r.wording, r.status).map_err(de::Error::custom)
    }
}

impl Serialize for super::StageAmount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Repr<'a> {
            stage: Stage,
            figure: &'a Figure,
            on: Option<NaiveDate>,
        }
        Repr {
            stage: self.stage(),
            figure: self.figure(),
            on: self.date(),
        }
        .serialize(s)
    }
}
