//! Exact, typed figures for what allies pledge and deliver.
//!
//! Analysts, newsrooms and researchers keep figures like "NATO allies
//! pledged more than €20bn for 2025 in the first quarter" and "about €50bn
//! in 2024" in spreadsheets, where currencies get mixed silently, "over
//! 20 billion" becomes 20, and a country is counted as an ally before it
//! joined. This crate makes those mistakes hard to make:
//!
//! - [`Money`] is an exact [`Decimal`](rust_decimal::Decimal) in one
//!   [`Currency`]; arithmetic is checked and never mixes currencies
//!   (a [`Balance`] keeps several apart).
//! - [`Figure`] is an amount *as stated* — exactly, over, at least, up to,
//!   about, between — with the interval it stands for. Comparisons answer
//!   only what the intervals prove ([`Comparison`]).
//! - [`Period`] is a span of days: a year, half, quarter, month, fiscal
//!   year or date range, which can be split and intersected.
//! - [`Donor`] is a [`Country`] (ISO 3166-1) or an [`Institution`];
//!   [`Alliance`] records membership over time (NATO built in).
//! - [`Pledge`] keeps the three dates apart: announced, the period the
//!   money is for, and delivered; [`Source`] says where a figure comes from.
//!
//! # Figures as stated
//!
//! ```
//! use alliance_commitments::{Comparison, Figure};
//!
//! let so_far_2025: Figure = "more than 20 billion euros".parse()?;
//! assert_eq!(so_far_2025.to_string(), "over €20bn");
//!
//! let year_2024: Figure = "about €50bn".parse()?;
//! // (20bn, ∞) and [45bn, 55bn] overlap: 2025 may end above or below 2024.
//! assert_eq!(so_far_2025.compare(&year_2024)?, Comparison::CannotTell);
//!
//! // Against half the €40bn baseline, the answer is certain.
//! let baseline: Figure = "at least €40bn".parse()?;
//! let half: Figure = "€20bn".parse()?;
//! assert_eq!(so_far_2025.compare(&half)?, Comparison::Greater);
//! # let _ = baseline;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Exact money, one currency at a time
//!
//! ```
//! use alliance_commitments::{Balance, Currency, Error, Money};
//! use alliance_commitments::error::ErrorKind;
//! use rust_decimal::dec;
//!
//! let a: Money = "€1.25bn".parse()?;
//! let b = Money::new(dec!(23417159.978473667), Currency::EUR);
//! let sum = a.checked_add(&b)?;
//! assert_eq!(sum.to_string(), "€1,273,417,159.978473667"); // nothing lost
//! assert_eq!(sum.round().to_string(), "€1,273,417,159.98"); // rounded when shown
//!
//! let usd: Money = "US$500m".parse()?;
//! assert!(matches!(a.checked_add(&usd).as_ref().map_err(Error::kind), Err(ErrorKind::CurrencyMismatch { .. })));
//!
//! let mut total = Balance::new();
//! total.add(a)?;
//! total.add(usd)?;
//! assert_eq!(total.len(), 2); // kept apart until converted
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Periods
//!
//! ```
//! use alliance_commitments::{Period, PeriodUnit};
//!
//! let q1: Period = "2025-Q1".parse()?;
//! let year: Period = "2025".parse()?;
//! assert_eq!((q1.days(), year.days()), (90, 365));
//! assert!(year.encloses(&q1));
//!
//! let span: Period = "2024-01-01..2027-12-31".parse()?;
//! assert_eq!(span.split(PeriodUnit::Quarter).len(), 16);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Donors, alliances and pledges
//!
//! ```
//! use alliance_commitments::{Alliance, Country, Pledge, Stage};
//! use chrono::NaiveDate;
//!
//! let nato = Alliance::nato();
//! let day = NaiveDate::from_ymd_opt(2024, 3, 6).unwrap();
//! assert!(!nato.is_member(&Country::SE.into(), day)); // Sweden joined the next day
//!
//! let pledge = Pledge::builder(Country::SE.into(), Country::UA.into(), "SEK 13bn".parse()?)
//!     .announced(NaiveDate::from_ymd_opt(2025, 1, 29).unwrap())
//!     .period("2025".parse()?)
//!     .stage(Stage::Committed)
//!     .build()?;
//! assert!(nato.is_member(&pledge.donor(), pledge.announced().unwrap()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//! (The Swedish pledge above is illustrative.)
//!
//! # Totals, in one currency, exact to the cent
//!
//! ```
//! use alliance_commitments::{Country, Currency, DateBasis, Key, Pledge, Pledges, Query, RateRule, RateTable};
//! use chrono::NaiveDate;
//! use rust_decimal::dec;
//!
//! let day = NaiveDate::from_ymd_opt(2025, 2, 14).unwrap();
//! let mut rates = RateTable::new();
//! rates.insert(day, Currency::USD, dec!(1.04))?; // illustrative
//! let mut pledges = Pledges::new();
//! for (donor, figure) in [(Country::DE, "€2bn"), (Country::US, "US$1.04bn"), (Country::DE, "over €500m")] {
//!     pledges.add(Pledge::builder(donor.into(), Country::UA.into(), figure.parse()?).announced(day).build()?)?;
//! }
//! let query = Query::new()
//!     .by(Key::Donor)
//!     .by(Key::year(DateBasis::Announced))
//!     .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
//! let totals = pledges.totals(&query)?;
//! let rows: Vec<String> = totals
//!     .groups()
//!     .map(|(key, t)| format!("{key}: {}", t.converted().unwrap().rounded()))
//!     .collect();
//! assert_eq!(rows, ["DE, 2025: over €2.5bn", "US, 2025: €1bn"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Pledges for several years are spread over shorter periods by a
//! [`Spread`] rule; [`compare`] has change, growth, run rates, shares,
//! rankings and the gap between stages.
//!
//! # Files
//!
//! The pledge CSV ([`COLUMNS`]) and the ECB's reference-rate files are read
//! and written with errors that name line, column and value; loading is all
//! or nothing, and [`PledgeReader`] streams files too large to load
//! ([`PledgeReader::totals`] totals one without building its pledges). With
//! the `serde` feature every data type serialises, decimals as strings.
//!
//! ```
//! use alliance_commitments::Pledges;
//! use alliance_commitments::error::{ErrorKind, Grammar};
//! let csv = "donor,recipient,announced,amount,currency\n\
//!            DE,UA,2025-02-12,over 1500000000,EUR\n\
//!            PL,UA,31/12/2024,5,EUR\n";
//! let mut pledges = Pledges::new();
//! let err = pledges.read_csv(csv.as_bytes()).unwrap_err();
//! assert!(matches!(err.kind(), ErrorKind::Syntax { grammar: Grammar::Date, .. }));
//! assert_eq!((err.position().line(), err.position().column()), (Some(3), Some(3)));
//! assert_eq!(err.position().field(), Some("announced"));
//! assert!(pledges.is_empty()); // nothing half-loaded
//! ```
//!
//! # Targets and claims
//!
//! [`FloorTarget`] shares a collective floor (NATO's €40bn baseline) by GDP
//! and says whether it is met; [`GdpGuideline`] checks 2% or 3.5% + 1.5%;
//! a [`Claim`] ("allies pledged more than €20bn for 2025") is checked
//! against pledge-level data: supported, contradicted, or cannot tell.
//!
//! # Errors
//!
//! Every fallible operation returns [`Error`]: its [`kind`](Error::kind), one
//! `#[non_exhaustive]` enum, says what went wrong (the unknown code, the date
//! that does not exist, the text and byte offset where parsing stopped), its
//! [`position`](Error::position) where (line, column and field of a file, the
//! pledge by its place and id).
//! Nothing in this crate panics on bad input.

// The README's examples run as doctests, so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod alliance;
mod balance;
mod claims;
mod collection;
pub mod compare;
mod currency;
mod donor;
pub mod error;
mod figure;
pub mod fmt;
mod gdp;
mod interval;
mod io;
mod money;
mod period;
mod pledge;
mod rates;
#[cfg(feature = "serde")]
mod serde_impls;
mod source;
mod spread;
mod targets;

mod totals;

pub use alliance::{Alliance, Membership};
pub use balance::Balance;
pub use claims::{Claim, ClaimCheck, Verdict};
pub use collection::{Filter, Pledges};
pub use currency::Currency;
pub use donor::{Country, Donor, Institution};
pub use error::{Error, Result};
pub use figure::{Comparison, Figure, Full, Qualifier, Tolerance};
pub use fmt::Plain;
pub use gdp::{GdpTable, SpendingTable};
pub use interval::{Interval, Percent};
pub use io::{COLUMNS, CsvOptions, PledgeReader, PledgeWriter, REQUIRED};
pub use money::{Compact, Money};
pub use period::{Half, Period, PeriodKind, PeriodUnit, Quarter};
pub use pledge::{Category, Instrument, Pledge, PledgeBuilder, Stage};
pub use rates::{Converted, Quote, Rate, RateRule, RateTable};
pub use source::Source;
pub use spread::{Schedule, Spread, SpreadRule};
pub use targets::{
    Assessment, FairShare, FloorTarget, Fulfilment, GdpGuideline, GuidelineAssessment,
    MemberAssessment, PartAssessment, PartRule, fulfilment,
};
pub use totals::{ConvertedTotal, DateBasis, GroupKey, GroupTotal, GroupValue, Key, Query, Totals};

/// Re-exported so users name months without adding `chrono` themselves.
pub use chrono::Month;
