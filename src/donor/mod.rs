//! Who gives (and who receives): countries and institutions.

use crate::error::ErrorKind;
mod countries;
mod names;

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// A country, by ISO 3166-1 code.
///
/// Constructed from an alpha-2 or alpha-3 code (validated against the
/// complete table of the 249 assigned codes), or from the constant for its
/// alpha-2 code. Displays its English short name; [`Country::alpha2`] is the
/// canonical identifier.
///
/// ```
/// use alliance_commitments::Country;
/// let se: Country = "SWE".parse()?;
/// assert_eq!(se, Country::SE);
/// assert_eq!(se.alpha2(), "SE");
/// assert_eq!(se.to_string(), "Sweden");
/// assert!("XX".parse::<Country>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Country {
    // Index into the table (249 rows): always valid.
    index: u8,
}

impl Country {
    fn row(self) -> countries::Row {
        countries::TABLE[usize::from(self.index)]
    }

    fn at(index: usize) -> Country {
        // The table has 249 rows (a unit test checks it stays below 256).
        Country {
            index: u8::try_from(index).unwrap_or(u8::MAX),
        }
    }

    /// Looks up an uppercase alpha-2 code, e.g. `"DE"`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCountry`] for a code that is not an uppercase ISO 3166-1
    /// code.
    pub fn from_alpha2(code: &str) -> Result<Country, Error> {
        lookup(code.as_bytes(), false).ok_or_else(|| {
            ErrorKind::UnknownCountry {
                code: code.to_owned(),
            }
            .into()
        })
    }

    /// Looks up an uppercase alpha-3 code, e.g. `"DEU"`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCountry`] for a code that is not an uppercase ISO 3166-1
    /// code.
    pub fn from_alpha3(code: &str) -> Result<Country, Error> {
        lookup(code.as_bytes(), false).ok_or_else(|| {
            ErrorKind::UnknownCountry {
                code: code.to_owned(),
            }
            .into()
        })
    }

    /// The ISO 3166-1 alpha-2 code, e.g. `"DE"`.
    pub fn alpha2(self) -> &'static str {
        self.row().0
    }

    /// The ISO 3166-1 alpha-3 code, e.g. `"DEU"`.
    pub fn alpha3(self) -> &'static str {
        self.row().1
    }

    /// The English short name, e.g. `"Germany"`.
    pub fn name(self) -> &'static str {
        self.row().2
    }

    /// Every country in the table, in alpha-2 order.
    pub fn all() -> impl Iterator<Item = Country> {
        (0..countries::TABLE.len()).map(Country::at)
    }
}

/// Two or three ASCII letters as a number: below 26² for alpha-2, from 26²
/// on for alpha-3 (case folded when `fold`).
fn slot(code: &[u8], fold: bool) -> Option<usize> {
    if !matches!(code.len(), 2 | 3) {
        return None;
    }
    let mut n = 0usize;
    for &x in code {
        let x = if fold { x.to_ascii_uppercase() } else { x };
        if !x.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + usize::from(x - b'A');
    }
    Some(if code.len() == 3 { 26 * 26 + n } else { n })
}

/// A capital letter's place in the alphabet.
const fn letter_index(b: u8) -> usize {
    (b - b'A') as usize
}

/// Table row of each code's [`slot`], built when the crate is compiled.
static INDEX: [u8; 26 * 26 + 26 * 26 * 26] = {
    let mut v = [u8::MAX; 26 * 26 + 26 * 26 * 26];
    let mut i = 0;
    while i < countries::TABLE.len() {
        let (a2, a3, _) = countries::TABLE[i];
        let (a2, a3) = (a2.as_bytes(), a3.as_bytes());
        v[letter_index(a2[0]) * 26 + letter_index(a2[1])] = i as u8;
        v[26 * 26 + (letter_index(a3[0]) * 26 + letter_index(a3[1])) * 26 + letter_index(a3[2])] =
            i as u8;
        i += 1;
    }
    v
};

/// The country of an alpha-2 or alpha-3 code by direct indexing: reading a
/// large file looks a donor up on every row.
#[inline]
fn lookup(code: &[u8], fold: bool) -> Option<Country> {
    let i = match *code {
        // Alpha-2 in capitals, as files write it: no folding to do.
        [a, b] if a.is_ascii_uppercase() && b.is_ascii_uppercase() => {
            INDEX[letter_index(a) * 26 + letter_index(b)]
        }
        _ => *INDEX.get(slot(code, fold)?)?,
    };
    (i != u8::MAX).then_some(Country { index: i })
}

/// The alpha-2 code, not the table index: `Country(DE)`.
///
/// ```
/// use alliance_commitments::{Country, Donor, Institution};
/// assert_eq!(format!("{:?}", Country::DE), "Country(DE)");
/// assert_eq!(format!("{:?}", Donor::from(Country::UA)), "Country(Country(UA))");
/// assert_eq!(format!("{:?}", Donor::from(Institution::EuropeanPeaceFacility)), "Institution(EuropeanPeaceFacility)");
/// ```
impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Country")
            .field(&format_args!("{}", self.alpha2()))
            .finish()
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Country {
    type Err = Error;

    /// An alpha-2 or alpha-3 code, ignoring ASCII case and surrounding
    /// spaces; or an English name, ignoring case (as [`Donor`]'s `FromStr`
    /// reads one).
    ///
    /// ```
    /// use alliance_commitments::Country;
    /// assert_eq!("Türkiye".parse::<Country>()?, Country::TR);
    /// assert_eq!("turkey".parse::<Country>()?, Country::TR);
    /// assert_eq!("CZECHIA".parse::<Country>()?.alpha2(), "CZ");
    /// assert!("Korea".parse::<Country>().is_err()); // North or South?
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let code = s.trim().as_bytes();
        match Country::read(code) {
            Ok(c) => Ok(c),
            Err(e) => match names::lookup(s) {
                Some(names::Meaning::One(Donor::Country(c))) => Ok(*c),
                Some(names::Meaning::Several(donors)) => Err(ambiguous(s, donors)),
                _ => Err(e),
            },
        }
    }
}

impl Country {
    /// The one reader of country codes, for `FromStr` and files alike.
    pub(crate) fn read(code: &[u8]) -> Result<Country, Error> {
        lookup(code, true).ok_or_else(|| {
            ErrorKind::UnknownCountry {
                code: String::from_utf8_lossy(code).into_owned(),
            }
            .into()
        })
    }
}

/// An institution that gives on its own account, with its documented
/// identifier.
///
/// | identifier | institution |
/// |---|---|
/// | `EU` | EU institutions (Commission and Council budgets, the Ukraine Facility, macro-financial assistance) |
/// | `EPF` | European Peace Facility |
/// | `EIB` | European Investment Bank |
/// | `NATO` | NATO common funds (civil and military budgets, NSIP) |
/// | `NATO-CAP` | NATO Comprehensive Assistance Package (CAP) trust fund for Ukraine |
///
/// `EU` is exceptionally reserved in ISO 3166-1 for the European Union and
/// is not a country code; the others cannot be mistaken for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Institution {
    /// EU institutions (Commission and Council).
    EuInstitutions,
    /// The European Peace Facility.
    EuropeanPeaceFacility,
    /// The European Investment Bank.
    EuropeanInvestmentBank,
    /// NATO common funding.
    NatoCommonFunds,
    /// The NATO Comprehensive Assistance Package trust fund for Ukraine.
    NatoCapTrustFund,
}

const INSTITUTIONS: &[Institution] = &[
    Institution::EuInstitutions,
    Institution::EuropeanPeaceFacility,
    Institution::EuropeanInvestmentBank,
    Institution::NatoCommonFunds,
    Institution::NatoCapTrustFund,
];

impl Institution {
    /// The documented identifier: `EU`, `EPF`, `EIB`, `NATO`, `NATO-CAP`.
    pub fn id(self) -> &'static str {
        match self {
            Institution::EuInstitutions => "EU",
            Institution::EuropeanPeaceFacility => "EPF",
            Institution::EuropeanInvestmentBank => "EIB",
            Institution::NatoCommonFunds => "NATO",
            Institution::NatoCapTrustFund => "NATO-CAP",
        }
    }

    /// The display name.
    pub fn name(self) -> &'static str {
        match self {
            Institution::EuInstitutions => "EU institutions",
            Institution::EuropeanPeaceFacility => "European Peace Facility",
            Institution::EuropeanInvestmentBank => "European Investment Bank",
            Institution::NatoCommonFunds => "NATO common funds",
            Institution::NatoCapTrustFund => "NATO CAP trust fund",
        }
    }

    /// Every institution, in identifier-table order.
    pub fn all() -> impl Iterator<Item = Institution> {
        INSTITUTIONS.iter().copied()
    }
}

impl fmt::Display for Institution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Who gives: a country or an institution. Also used for who receives.
///
/// [`Donor::id`] is the stable identifier (ISO alpha-2 for countries, the
/// documented identifier for an [`Institution`]); `Display` gives the name.
/// `FromStr` accepts alpha-2, alpha-3 and institution identifiers, in any
/// ASCII case, and English names in any case: a country's short name
/// ([`Country::name`]) or a common other name ("Turkey", "Czech Republic",
/// "Great Britain", "Republic of Korea", "Russian Federation", "Vietnam"),
/// or an institution's name ([`Institution::name`]). A name that could
/// mean two donors ("Korea", "Virgin Islands") is an
/// [`ErrorKind::AmbiguousName`] listing them, never a guess; a donor is
/// always written back by its code ([`Donor::id`]).
///
/// ```
/// use alliance_commitments::{Country, Donor, Institution};
/// use alliance_commitments::error::ErrorKind;
/// for (name, code) in [("Germany", "DE"), ("united kingdom", "GB"), ("Türkiye", "TR"), ("Turkey", "TR"),
///                      ("South Korea", "KR"), ("Czechia", "CZ"), ("UNITED STATES", "US")] {
///     assert_eq!(name.parse::<Donor>()?.id(), code);
/// }
/// assert_eq!("European Peace Facility".parse::<Donor>()?, Institution::EuropeanPeaceFacility.into());
/// let korea = "Korea".parse::<Donor>().unwrap_err();
/// assert_eq!(korea.kind(), &ErrorKind::AmbiguousName {
///     name: "Korea".into(),
///     candidates: vec![Country::KP.into(), Country::KR.into()],
/// });
/// assert_eq!(korea.to_string(), r#"the name "Korea" could mean KP (North Korea) or KR (South Korea): write the code"#);
/// assert!(matches!("Germania".parse::<Donor>().unwrap_err().kind(), ErrorKind::UnknownDonor { .. }));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// ```
/// use alliance_commitments::{Country, Donor, Institution};
/// let de: Donor = "DEU".parse()?;
/// assert_eq!(de, Donor::Country(Country::DE));
/// assert_eq!(de.id(), "DE");
/// let epf: Donor = "EPF".parse()?;
/// assert_eq!(epf, Donor::Institution(Institution::EuropeanPeaceFacility));
/// assert_eq!(epf.to_string(), "European Peace Facility");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Donor {
    /// A country.
    Country(Country),
    /// An institution.
    Institution(Institution),
}

impl Donor {
    /// The stable identifier: `"DE"`, `"EPF"`.
    pub fn id(&self) -> &'static str {
        match self {
            Donor::Country(c) => c.alpha2(),
            Donor::Institution(i) => i.id(),
        }
    }

    /// The display name: `"Germany"`, `"European Peace Facility"`.
    pub fn name(&self) -> &'static str {
        match self {
            Donor::Country(c) => c.name(),
            Donor::Institution(i) => i.name(),
        }
    }

    /// A small number that tells donors apart (for the totals' group keys).
    pub(crate) fn code(self) -> u32 {
        match self {
            Donor::Country(c) => u32::from(c.index),
            Donor::Institution(i) => 256 + i as u32,
        }
    }

    /// The donor of a [`Donor::code`]; `None` for a number no donor has.
    pub(crate) fn of_code(code: u32) -> Option<Donor> {
        match code.checked_sub(256) {
            None => usize::try_from(code)
                .ok()
                .filter(|i| *i < countries::TABLE.len())
                .map(|i| Donor::Country(Country::at(i))),
            Some(i) => INSTITUTIONS
                .iter()
                .copied()
                .find(|x| *x as u32 == i)
                .map(Donor::Institution),
        }
    }

    /// The country, if the donor is one.
    pub fn country(&self) -> Option<Country> {
        match self {
            Donor::Country(c) => Some(*c),
            Donor::Institution(_) => None,
        }
    }
}

impl From<Country> for Donor {
    fn from(c: Country) -> Donor {
        Donor::Country(c)
    }
}

impl From<Institution> for Donor {
    fn from(i: Institution) -> Donor {
        Donor::Institution(i)
    }
}

impl fmt::Display for Donor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Donor {
    type Err = Error;

    /// An institution identifier or a country's alpha-2 or alpha-3 code,
    /// ignoring ASCII case and surrounding spaces, or an English name
    /// (see [`Donor`]). An unknown two- or three-letter code is an
    /// [`ErrorKind::UnknownCountry`]; a name that could mean several donors
    /// an [`ErrorKind::AmbiguousName`]; anything else unknown an
    /// [`ErrorKind::UnknownDonor`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Donor::read(s.trim().as_bytes())
    }
}

impl Donor {
    /// The one reader of donor identifiers, for `FromStr` and files alike.
    pub(crate) fn read(id: &[u8]) -> Result<Donor, Error> {
        // EU is the one two-letter institution id.
        if id.len() == 2 && !id.eq_ignore_ascii_case(b"EU") {
            return Country::read(id).map(Donor::Country);
        }
        if let Some(i) = Institution::all().find(|i| i.id().as_bytes().eq_ignore_ascii_case(id)) {
            return Ok(Donor::Institution(i));
        }
        if matches!(id.len(), 2 | 3) && id.iter().all(u8::is_ascii_alphabetic) {
            return Country::read(id).map(Donor::Country);
        }
        // Names are looked up only when no code matches.
        let name = std::str::from_utf8(id).ok();
        match name.and_then(names::lookup) {
            Some(names::Meaning::One(donor)) => Ok(*donor),
            Some(names::Meaning::Several(donors)) => Err(ambiguous(name.unwrap_or(""), donors)),
            None => Err(ErrorKind::UnknownDonor {
                id: String::from_utf8_lossy(id).into_owned(),
            }
            .into()),
        }
    }
}

/// The error for a name that could mean several donors.
fn ambiguous(name: &str, donors: &[Donor]) -> Error {
    ErrorKind::AmbiguousName {
        name: name.trim().to_owned(),
        candidates: donors.to_vec(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_sorted_and_consistent() {
        let t = countries::TABLE;
        assert_eq!(t.len(), 249);
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
        let mut a3: Vec<&str> = t.iter().map(|r| r.1).collect();
        a3.sort_unstable();
        a3.dedup();
        assert_eq!(a3.len(), 249);
        for c in Country::all() {
            assert_eq!(Country::from_alpha2(c.alpha2()), Ok(c));
            assert_eq!(Country::from_alpha3(c.alpha3()), Ok(c));
            assert_eq!(c.alpha2().len(), 2);
            assert_eq!(c.alpha3().len(), 3);
        }
    }

    // Checked by hand against ISO 3166-1.
    #[test]
    fn codes_match_iso_3166() {
        for (a2, a3, name) in [
            ("UA", "UKR", "Ukraine"),
            ("DE", "DEU", "Germany"),
            ("GB", "GBR", "United Kingdom"),
            ("US", "USA", "United States"),
            ("MK", "MKD", "North Macedonia"),
            ("ME", "MNE", "Montenegro"),
            ("SK", "SVK", "Slovakia"),
            ("SI", "SVN", "Slovenia"),
            ("CZ", "CZE", "Czechia"),
            ("TR", "TUR", "Türkiye"),
        ] {
            let c = Country::from_alpha2(a2).unwrap();
            assert_eq!((c.alpha3(), c.name()), (a3, name));
        }
        assert_eq!(Country::UA.alpha2(), "UA");
        assert_eq!(Country::ZW.alpha3(), "ZWE");
        assert_eq!(Country::AD.alpha3(), "AND");
    }

    #[test]
    fn unknown_codes_are_errors() {
        assert_eq!(
            "XX".parse::<Country>(),
            Err(ErrorKind::UnknownCountry { code: "XX".into() }.into())
        );
        assert_eq!(
            "XXX".parse::<Donor>(),
            Err(ErrorKind::UnknownCountry { code: "XXX".into() }.into())
        );
        assert_eq!(
            " xk ".parse::<Donor>(),
            Err(ErrorKind::UnknownCountry { code: "xk".into() }.into())
        );
        assert_eq!(
            "Germania".parse::<Donor>(),
            Err(ErrorKind::UnknownDonor {
                id: "Germania".into()
            }
            .into())
        );
        assert_eq!(
            "".parse::<Donor>(),
            Err(ErrorKind::UnknownDonor { id: String::new() }.into())
        );
    }

    #[test]
    fn every_name_reads_back_to_its_donor() {
        for c in Country::all() {
            assert_eq!(
                c.name().parse::<Donor>(),
                Ok(Donor::Country(c)),
                "{}",
                c.name()
            );
            assert_eq!(c.name().to_uppercase().parse::<Country>(), Ok(c));
        }
        for i in Institution::all() {
            assert_eq!(i.name().parse::<Donor>(), Ok(Donor::Institution(i)));
        }
    }

    // Checked by hand.
    #[test]
    fn other_names_people_write() {
        for (name, code) in [
            ("Germany", "DE"),
            ("United Kingdom", "GB"),
            ("Türkiye", "TR"),
            ("TÜRKIYE", "TR"),
            ("Turkey", "TR"),
            ("South Korea", "KR"),
            ("Czechia", "CZ"),
            ("czech republic", "CZ"),
            ("United States", "US"),
            (" united  states ", "US"),
            ("The Netherlands", "NL"),
            ("Ivory Coast", "CI"),
        ] {
            assert_eq!(name.parse::<Donor>().map(|d| d.id()), Ok(code), "{name}");
        }
        assert_eq!(
            "Virgin Islands".parse::<Donor>(),
            Err(ErrorKind::AmbiguousName {
                name: "Virgin Islands".into(),
                candidates: vec![Country::VG.into(), Country::VI.into()],
            }
            .into())
        );
        // An institution's name is not a country.
        assert!("European Peace Facility".parse::<Country>().is_err());
    }

    #[test]
    fn institutions_round_trip_and_do_not_collide_with_countries() {
        for i in Institution::all() {
            assert_eq!(i.id().parse::<Donor>(), Ok(Donor::Institution(i)));
            assert!(i.id().parse::<Country>().is_err(), "{}", i.id());
        }
        assert_eq!(
            "nato-cap".parse::<Donor>(),
            Ok(Institution::NatoCapTrustFund.into())
        );
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::serde_impls::{parse, via_id};

    use serde::Deserialize;
    use serde::de::{self, Deserializer};

    use crate::{Country, Donor, Institution};

    via_id!(Donor => |d: &Donor| d.id(), Country => |c: &Country| c.alpha2(), Institution => |i: &Institution| i.id());

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
}
