//! Donors by English name: "Germany", "United Kingdom", "Türkiye" or
//! "Turkey", "South Korea", "European Peace Facility". Read only where a
//! code does not match, so reading codes costs nothing more.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{Country, Donor, Institution, countries};

/// Other names people write for a country, beside the table's short name.
/// Each was checked by hand to name one country only.
const ALIASES: &[(&str, &str)] = &[
    ("Turkey", "TR"),
    ("Turkiye", "TR"),
    ("Republic of Türkiye", "TR"),
    ("Czech Republic", "CZ"),
    ("Great Britain", "GB"),
    ("Britain", "GB"),
    ("United Kingdom of Great Britain and Northern Ireland", "GB"),
    ("United States of America", "US"),
    ("Republic of Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("The Netherlands", "NL"),
    ("Holland", "NL"),
    ("Russian Federation", "RU"),
    ("Vietnam", "VN"),
    ("Ivory Coast", "CI"),
    ("Cote d'Ivoire", "CI"),
    ("Republic of Moldova", "MD"),
    ("Macedonia", "MK"),
    ("Republic of North Macedonia", "MK"),
    ("Slovak Republic", "SK"),
    ("Aland Islands", "AX"),
];

/// Names that could mean more than one donor: an error that lists them,
/// never a guess.
const AMBIGUOUS: &[(&str, &[&str])] =
    &[("Korea", &["KP", "KR"]), ("Virgin Islands", &["VG", "VI"])];

/// A name as compared: surrounding white space removed, inner runs of
/// white space as one space, lowercase (Unicode).
pub(super) fn normal(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// What a name means: one donor, or several it could be.
#[derive(Debug, Clone)]
pub(super) enum Meaning {
    One(Donor),
    Several(Vec<Donor>),
}

fn table() -> &'static HashMap<String, Meaning> {
    static TABLE: OnceLock<HashMap<String, Meaning>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let country =
            |code: &str| Donor::Country(Country::from_alpha2(code).unwrap_or(Country::at(0)));
        let mut map = HashMap::new();
        for (i, row) in countries::TABLE.iter().enumerate() {
            map.insert(normal(row.2), Meaning::One(Donor::Country(Country::at(i))));
        }
        for (name, code) in ALIASES {
            map.insert(normal(name), Meaning::One(country(code)));
        }
        for i in Institution::all() {
            map.insert(normal(i.name()), Meaning::One(Donor::Institution(i)));
        }
        for (name, codes) in AMBIGUOUS {
            let donors = codes.iter().map(|c| country(c)).collect();
            map.insert(normal(name), Meaning::Several(donors));
        }
        map
    })
}

/// The donor a name means, if any.
pub(super) fn lookup(name: &str) -> Option<&'static Meaning> {
    table().get(&normal(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_and_ambiguous_code_is_a_country() {
        for (name, code) in ALIASES {
            assert!(Country::from_alpha2(code).is_ok(), "{name}");
            // An alias is not also a name in the table.
            assert!(
                !countries::TABLE.iter().any(|r| normal(r.2) == normal(name)),
                "{name}"
            );
        }
        for (_, codes) in AMBIGUOUS {
            for code in *codes {
                assert!(Country::from_alpha2(code).is_ok(), "{code}");
            }
        }
    }

    #[test]
    fn names_are_unique_in_the_table() {
        let mut names: Vec<String> = countries::TABLE.iter().map(|r| normal(r.2)).collect();
        names.extend(Institution::all().map(|i| normal(i.name())));
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n);
    }

    #[test]
    fn names_compare_without_case_or_extra_spaces() {
        assert_eq!(normal("  United   KINGDOM "), "united kingdom");
        assert_eq!(normal("TÜRKIYE"), "türkiye");
    }
}
