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
//! let pledge = Pledge::builder(Country::SE, Country::UA, "SEK 13bn".parse()?)
//!     .announced(NaiveDate::from_ymd_opt(2025, 1, 29).unwrap())
//!     .funded("2025".parse()?)
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
//!     pledges.add(Pledge::builder(donor, Country::UA, figure.parse()?).announced(day).build()?)?;
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
//! The pledge CSV ([`io::COLUMNS`]) and the ECB's reference-rate files are
//! read and written with errors that name line, column and field; loading
//! is all or nothing, and [`io::PledgeReader`] streams files too large to
//! load ([`io::PledgeReader::totals`] totals one without building its
//! pledges, with the same checks and the same answer, on as many threads
//! as [`io::PledgeReader::threads`] gives it). With the `serde`
//! feature every data type serialises, decimals as strings. Every syntax
//! the crate reads and writes is listed in [`fmt`].
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
//! [`targets::FloorTarget`] shares a collective floor (NATO's €40bn
//! baseline) by GDP and says whether it is met; [`targets::GdpGuideline`]
//! checks 2% or 3.5% + 1.5%; a [`claims::Claim`] ("allies pledged more than
//! €20bn for 2025") is checked against pledge-level data: supported,
//! contradicted, or cannot tell. Both say how many pledges they counted
//! and report the pending conditional pledges they left out apart.
//!
//! # Where things are
//!
//! The root holds the names met first. The rest live in modules named
//! after the domain:
//!
//! | module | holds |
//! |---|---|
//! | [`figure`] | [`Figure`], its [`Interval`](figure::Interval), qualifiers, tolerances, comparisons |
//! | [`period`] | [`Period`] and its kinds, units, quarters and halves |
//! | [`alliance`] | [`Alliance`] and its memberships |
//! | [`pledge`] | [`Pledge`], amounts at several stages, conditions |
//! | [`rates`] | [`RateTable`], conversion rules, converted amounts and their audit trail |
//! | [`spread`] | how a pledge for a long period is counted in shorter ones |
//! | [`totals`] | [`Query`], [`Totals`], group keys and values, donor groups the caller defines ([`totals::DonorGroups`]: "EU + EIB" as one row), converted totals |
//! | [`compare`] | change, growth, run rates, shares, rankings, the gap between stages |
//! | [`tables`] | GDP, spending, population and price indices by donor and year; share of GDP, per capita, constant prices |
//! | [`reattribution`] | institutions' aid shared out to their members by a key |
//! | [`targets`] | floors shared by GDP, GDP guidelines, fulfilment |
//! | [`claims`] | published statements checked against the data |
//! | [`io`] | the pledge CSV reader and writer, the ECB files |
//! | [`fmt`] | every syntax read and written; display forms ([`fmt::Full`], [`fmt::Compact`], [`fmt::Plain`], [`fmt::Percent`]) |
//! | [`error`] | [`Error`], its kind and its position |
//!
//! # Errors
//!
//! Every fallible operation returns [`Error`], one pointer wide: its
//! [`kind`](Error::kind) says what went wrong (the unknown code, the date
//! that does not exist, the text and byte offset where parsing stopped),
//! its [`position`](Error::position) where (line, column and field of a
//! file; the pledge by its place and id; the group of a total). Nothing in
//! this crate panics on bad input.

// docs.rs builds with `--cfg docsrs`: items that need a feature say so.
#![cfg_attr(docsrs, feature(doc_cfg))]
// Every public function returning `Result` says which errors it returns.
#![warn(clippy::missing_errors_doc)]

// The README's examples run as doctests, so it stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

pub mod alliance;
mod balance;
pub mod claims;
mod collection;
pub mod compare;
mod currency;
mod donor;
pub mod error;
mod exact;
pub mod figure;
pub mod fmt;
mod hash;
mod interval;
pub mod io;
mod money;
pub mod period;
mod pipeline;
pub mod pledge;
pub mod rates;
pub mod reattribution;
#[cfg(feature = "serde")]
mod serde_impls;
mod source;
pub mod spread;
pub mod tables;
pub mod targets;
pub mod totals;

// The names a user meets first; the rest live in the modules above.
pub use alliance::Alliance;
pub use balance::Balance;
pub use collection::{Filter, Pledges};
pub use currency::Currency;
pub use donor::{Country, Donor, Institution};
pub use error::{Error, Result};
pub use figure::{Comparison, Figure, Qualifier, Tolerance};
pub use money::Money;
pub use period::{Half, Period, PeriodUnit, Quarter};
pub use pledge::{Category, Instrument, Pledge, PledgeBuilder, Stage};
pub use rates::{RateRule, RateTable};
pub use source::Source;
pub use spread::Spread;
pub use totals::{DateBasis, Key, Query, Totals};

/// Re-exported so users name months without adding `chrono` themselves.
pub use chrono::Month;
