//! ISO 4217 currencies with their minor-unit exponents.

use crate::error::ErrorKind;
mod table;

use std::fmt;
use std::str::FromStr;

use crate::Error;

/// An ISO 4217 currency: a three-letter code and the number of digits of its
/// minor unit (EUR 2, JPY 0, KWD 3).
///
/// Only codes in the crate's table can be constructed: every active code of
/// ISO 4217 List One that has a minor unit, plus the withdrawn codes that
/// still appear in historical data (the ECB's `CYP`, `EEK`, `HRK`, ... and
/// `BGN`); [`Currency::is_active`] tells them apart. Metals, the SDR and the
/// test codes have no minor unit and are not accepted.
///
/// `Ord` orders by code, so currencies can key a `BTreeMap`; it says nothing
/// about value.
///
/// ```
/// use alliance_commitments::Currency;
///
/// let eur: Currency = "EUR".parse()?;
/// assert_eq!(eur, Currency::EUR);
/// assert_eq!(eur.minor_units(), 2);
/// assert_eq!(Currency::JPY.minor_units(), 0);
/// assert_eq!("KWD".parse::<Currency>()?.minor_units(), 3);
/// assert!("EUX".parse::<Currency>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    // Index into the table: keeps the type one word and every value valid.
    index: u16,
}

macro_rules! constants {
    ($($(#[$doc:meta])* $name:ident = $index:expr;)*) => {
        impl Currency {
            $($(#[$doc])* pub const $name: Currency = Currency { index: $index };)*
        }
        /// The code, not the table index: `Currency(EUR)`.
///
/// ```
/// use alliance_commitments::Currency;
/// assert_eq!(format!("{:?}", Currency::EUR), "Currency(EUR)");
/// assert_eq!(format!("{:?}", Some(Currency::JPY)), "Some(Currency(JPY))");
/// ```
impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Currency")
            .field(&format_args!("{}", self.code()))
            .finish()
    }
}

#[cfg(test)]
        const CONSTANTS: &[(Currency, &str)] = &[$((Currency::$name, stringify!($name))),*];
    };
}

// Indices into `table::TABLE`; a unit test checks each against its code.
constants! {
    /// Australian dollar.
    AUD = 7;
    /// Canadian dollar.
    CAD = 26;
    /// Swiss franc.
    CHF = 29;
    /// Chinese yuan renminbi.
    CNY = 33;
    /// Czech koruna.
    CZK = 41;
    /// Danish krone.
    DKK = 43;
    /// Euro.
    EUR = 50;
    /// Pound sterling.
    GBP = 53;
    /// Hungarian forint.
    HUF = 65;
    /// Japanese yen (no minor unit).
    JPY = 74;
    /// South Korean won (no minor unit).
    KRW = 80;
    /// Kuwaiti dinar (three decimals).
    KWD = 81;
    /// Norwegian krone.
    NOK = 111;
    /// New Zealand dollar.
    NZD = 113;
    /// Polish złoty.
    PLN = 120;
    /// Romanian leu.
    RON = 124;
    /// Swedish krona.
    SEK = 132;
    /// Turkish lira.
    TRY = 152;
    /// Ukrainian hryvnia.
    UAH = 156;
    /// US dollar.
    USD = 158;
}

impl Currency {
    /// Looks a code up in the table; the code must be three uppercase letters.
    ///
    /// ```
    /// use alliance_commitments::Currency;
    /// assert_eq!(Currency::from_code("GBP")?, Currency::GBP);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownCurrency`] for a code that is not in the table (not
    /// uppercase, not ISO 4217, or with no minor unit).
    pub fn from_code(code: &str) -> Result<Currency, Error> {
        lookup(code.as_bytes(), false).ok_or_else(|| {
            ErrorKind::UnknownCurrency {
                code: code.to_owned(),
            }
            .into()
        })
    }

    /// The position in the table (for compact keys inside the crate).
    pub(crate) fn index(self) -> u16 {
        self.index
    }

    /// The currency at a position in the table, if there is one.
    pub(crate) fn from_index(index: u16) -> Option<Currency> {
        (usize::from(index) < table::TABLE.len()).then_some(Currency { index })
    }

    fn row(self) -> table::Row {
        table::TABLE[usize::from(self.index)]
    }

    /// The three-letter code, e.g. `"EUR"`.
    pub fn code(self) -> &'static str {
        self.row().0
    }

    /// The number of digits of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD.
    pub fn minor_units(self) -> u32 {
        u32::from(self.row().1)
    }

    /// Whether the code is in current use; `false` for withdrawn codes kept
    /// for historical data (e.g. `HRK`, `BGN`).
    pub fn is_active(self) -> bool {
        self.row().2
    }

    /// The symbol used in compact display, where there is a well-known
    /// unambiguous one: `€`, `US$`, `£`, `¥` (yen). Other currencies are
    /// shown by their code.
    pub fn symbol(self) -> Option<&'static str> {
        match self.code() {
            "EUR" => Some("€"),
            "USD" => Some("US$"),
            "GBP" => Some("£"),
            "JPY" => Some("¥"),
            _ => None,
        }
    }

    /// Every currency in the table, in code order.
    ///
    /// ```
    /// use alliance_commitments::Currency;
    /// assert!(Currency::all().any(|c| c == Currency::EUR));
    /// ```
    pub fn all() -> impl Iterator<Item = Currency> {
        (0..table::TABLE.len()).map(|i| Currency {
            index: u16::try_from(i).unwrap_or(u16::MAX),
        })
    }
}

/// Three ASCII letters as a number below 26³ (case folded when `fold`).
fn slot(code: &[u8], fold: bool) -> Option<usize> {
    let [a, b, c] = code else { return None };
    let mut n = 0usize;
    for &x in [a, b, c] {
        let x = if fold { x.to_ascii_uppercase() } else { x };
        if !x.is_ascii_uppercase() {
            return None;
        }
        n = n * 26 + usize::from(x - b'A');
    }
    Some(n)
}

/// A capital letter's place in the alphabet.
const fn letter_index(b: u8) -> usize {
    (b - b'A') as usize
}

/// Table row of each code's [`slot`], built when the crate is compiled.
static INDEX: [u16; 26 * 26 * 26] = {
    let mut v = [u16::MAX; 26 * 26 * 26];
    let mut i = 0;
    while i < table::TABLE.len() {
        let c = table::TABLE[i].0.as_bytes();
        v[(letter_index(c[0]) * 26 + letter_index(c[1])) * 26 + letter_index(c[2])] = i as u16;
        i += 1;
    }
    v
};

/// The currency of a code by direct indexing: reading a large file looks a
/// code up on every row, and a binary search over strings showed in
/// profiles.
#[inline]
fn lookup(code: &[u8], fold: bool) -> Option<Currency> {
    let i = match *code {
        // Capitals, as files write codes: no folding to do.
        [a, b, c] if a.is_ascii_uppercase() && b.is_ascii_uppercase() && c.is_ascii_uppercase() => {
            INDEX[(letter_index(a) * 26 + letter_index(b)) * 26 + letter_index(c)]
        }
        _ => *INDEX.get(slot(code, fold)?)?,
    };
    (i != u16::MAX).then_some(Currency { index: i })
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.code())
    }
}

impl FromStr for Currency {
    type Err = Error;

    /// Parses a three-letter code, ignoring surrounding spaces and ASCII
    /// case (`"eur"` is EUR). [`Currency::from_code`] is the strict form.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::read(s.trim().as_bytes())
    }
}

impl Currency {
    /// The one reader of currency codes (any ASCII case), for `FromStr`
    /// and files alike.
    pub(crate) fn read(code: &[u8]) -> Result<Currency, Error> {
        lookup(code, true).ok_or_else(|| {
            ErrorKind::UnknownCurrency {
                code: String::from_utf8_lossy(code).into_owned(),
            }
            .into()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_small() {
        assert!(table::TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(table::TABLE.len() < usize::from(u16::MAX));
        for (code, minor, _) in table::TABLE {
            assert_eq!(code.len(), 3);
            assert!(code.bytes().all(|b| b.is_ascii_uppercase()), "{code}");
            assert!(*minor <= 4, "{code}");
        }
    }

    #[test]
    fn constants_match_their_codes() {
        for (currency, name) in CONSTANTS {
            assert_eq!(currency.code(), *name);
        }
    }

    // Checked by hand against ISO 4217 List One (minor unit column).
    #[test]
    fn exponents_match_iso_4217() {
        let expected = [
            ("EUR", 2),
            ("USD", 2),
            ("GBP", 2),
            ("JPY", 0),
            ("KRW", 0),
            ("KWD", 3),
            ("BHD", 3),
            ("TND", 3),
            ("CLF", 4),
            ("ISK", 0),
            ("VND", 0),
            ("XOF", 0),
            ("UAH", 2),
            ("PLN", 2),
            ("HUF", 2),
            ("IDR", 2),
            ("UYW", 4),
            ("CLP", 0),
        ];
        for (code, minor) in expected {
            assert_eq!(
                Currency::from_code(code).map(Currency::minor_units),
                Ok(minor),
                "{code}"
            );
        }
    }

    #[test]
    fn unknown_and_malformed_codes_are_errors() {
        for bad in ["EUX", "XAU", "XXX", "", "EURO", "€", " eux "] {
            assert_eq!(
                bad.parse::<Currency>(),
                Err(ErrorKind::UnknownCurrency {
                    code: bad.trim().to_owned()
                }
                .into())
            );
        }
    }

    #[test]
    fn parsing_ignores_case_and_spaces_but_from_code_is_strict() {
        assert_eq!(" eur ".parse::<Currency>(), Ok(Currency::EUR));
        assert!(Currency::from_code("eur").is_err());
    }

    #[test]
    fn withdrawn_codes_are_known_but_inactive() {
        let hrk = Currency::from_code("HRK").unwrap();
        assert!(!hrk.is_active());
        assert!(Currency::EUR.is_active());
    }
}

#[cfg(feature = "serde")]
crate::serde_impls::via_string!(Currency);
