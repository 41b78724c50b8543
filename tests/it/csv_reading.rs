//! The pledge CSV read through its fast paths gives what the field parsers
//! give: rows made of hand-labelled field texts (plain, padded, other
//! case, wrong) read to the pledge or the error worked out from the
//! labels; and `PledgeReader::totals` equals the totals of the same
//! pledges loaded into a collection.

use crate::common::{collect, day, pledge_set, rates};
use alliance_commitments::error::ErrorKind;
use alliance_commitments::io::{CsvOptions, PledgeReader, PledgeWriter};
use alliance_commitments::{
    Category, Country, Currency, DateBasis, Donor, Figure, Institution, Instrument, Key, Period,
    PeriodUnit, Pledge, Query, RateRule, Stage,
};
use proptest::prelude::*;

/// What a field's text should read as.
#[derive(Debug, Clone)]
enum Label<T> {
    Ok(T),
    /// Empty after trimming: the column's default, or an error if required.
    Empty,
    Bad,
}

use Label::{Bad, Empty};

fn ok<T>(x: T) -> Label<T> {
    Label::Ok(x)
}

fn donors() -> Vec<(&'static str, Label<Donor>)> {
    let de = Donor::Country(Country::DE);
    vec![
        ("DE", ok(de)),
        (" DE ", ok(de)),
        ("de", ok(de)),
        ("DEU", ok(de)),
        ("PL", ok(Donor::Country(Country::PL))),
        ("EU", ok(Donor::Institution(Institution::EuInstitutions))),
        ("eu", ok(Donor::Institution(Institution::EuInstitutions))),
        (
            "EPF",
            ok(Donor::Institution(Institution::EuropeanPeaceFacility)),
        ),
        ("XX", Bad),
        ("Germany", ok(de)),
        (" germany ", ok(de)),
        ("Germania", Bad),
        ("Korea", Bad),
        ("DÉ", Bad),
        ("", Empty),
        ("  ", Empty),
    ]
}

fn currencies() -> Vec<(&'static str, Label<Currency>)> {
    vec![
        ("EUR", ok(Currency::EUR)),
        ("eur", ok(Currency::EUR)),
        (" USD", ok(Currency::USD)),
        ("JPY", ok(Currency::JPY)),
        ("EURO", Bad),
        ("ZZZ", Bad),
        ("", Empty),
    ]
}

/// Amounts, labelled by the plain syntax as the crate's docs define it.
fn amounts() -> Vec<(&'static str, Label<&'static str>)> {
    vec![
        ("1500000000", ok("1500000000")),
        ("-62000000", ok("-62000000")),
        ("0012.50", ok("12.50")),
        (" 7 ", ok("7")),
        ("23417159.978473667", ok("23417159.978473667")),
        ("1234567890123456789012", ok("1234567890123456789012")),
        ("over 5", ok("over 5")),
        ("about 50 ± 5%", ok("about 50 ± 5%")),
        ("1,500", Bad),
        ("5.", Bad),
        ("+5", Bad),
        ("€5", Bad),
        ("over -5", Bad),
        ("", Empty),
    ]
}

fn dates() -> Vec<(&'static str, Label<chrono::NaiveDate>)> {
    vec![
        ("2024-02-29", ok(day(2024, 2, 29))),
        (" 2024-01-05", ok(day(2024, 1, 5))),
        ("2025-12-31", ok(day(2025, 12, 31))),
        ("2023-02-29", Bad),
        ("2024-1-05", Bad),
        ("0000-01-01", Bad),
        ("2024", Bad),
        ("", Empty),
    ]
}

fn periods() -> Vec<(&'static str, Label<&'static str>)> {
    vec![
        ("2025", ok("2025")),
        (" 2024 ", ok("2024")),
        ("2025-Q1", ok("2025-Q1")),
        ("FY2024-10", ok("FY2024-10")),
        ("2024-01-01..2027-12-31", ok("2024-01-01..2027-12-31")),
        ("0000", Bad),
        ("20245", Bad),
        ("", Empty),
    ]
}

fn categories() -> Vec<(&'static str, Label<Category>)> {
    vec![
        ("military", ok(Category::Military)),
        ("Security", ok(Category::Military)),
        (" humanitarian", ok(Category::Humanitarian)),
        ("financial", ok(Category::Financial)),
        ("cash", Bad),
        ("", Empty),
    ]
}

fn instruments() -> Vec<(&'static str, Label<Instrument>)> {
    vec![
        ("in-kind", ok(Instrument::InKind)),
        ("In Kind", ok(Instrument::InKind)),
        ("loan", ok(Instrument::Loan)),
        ("gift", Bad),
        ("", Empty),
    ]
}

fn stages() -> Vec<(&'static str, Label<Stage>)> {
    vec![
        ("delivered", ok(Stage::Delivered)),
        ("COMMITTED", ok(Stage::Committed)),
        ("done", Bad),
        ("", Empty),
    ]
}

fn ids() -> Vec<(&'static str, Label<&'static str>)> {
    vec![
        ("p1", ok("p1")),
        (" p2 ", ok("p2")),
        ("é-1", ok("é-1")),
        ("", Empty),
    ]
}

/// One row: an index into each pool above, in the order of `HEADER`.
type Row = [usize; 10];

const HEADER: &str =
    "id,donor,recipient,announced,funded,category,instrument,stage,amount,currency";

/// The columns in the order the reader checks them (the documented order
/// of errors), as positions in `HEADER`.
const CHECK_ORDER: [usize; 10] = [1, 2, 9, 8, 0, 3, 4, 5, 6, 7];

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The row as CSV (every field quoted, and quoted only where needed) and,
/// worked out from the labels, the pledge or the 1-based column of the
/// first field in error.
fn expected(row: &Row) -> (String, String, Result<Pledge, usize>) {
    let texts = [
        ids()[row[0]].0,
        donors()[row[1]].0,
        donors()[row[2]].0,
        dates()[row[3]].0,
        periods()[row[4]].0,
        categories()[row[5]].0,
        instruments()[row[6]].0,
        stages()[row[7]].0,
        amounts()[row[8]].0,
        currencies()[row[9]].0,
    ];
    let line = texts.iter().map(|t| quote(t)).collect::<Vec<_>>().join(",");
    let plain = texts
        .iter()
        .map(|t| {
            if t.contains(',') {
                quote(t)
            } else {
                (*t).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    // Which fields are wrong: bad text, or empty where required.
    let bad = [
        matches!(ids()[row[0]].1, Bad),
        !matches!(donors()[row[1]].1, Label::Ok(_)),
        !matches!(donors()[row[2]].1, Label::Ok(_)),
        matches!(dates()[row[3]].1, Bad),
        matches!(periods()[row[4]].1, Bad),
        matches!(categories()[row[5]].1, Bad),
        matches!(instruments()[row[6]].1, Bad),
        matches!(stages()[row[7]].1, Bad),
        !matches!(amounts()[row[8]].1, Label::Ok(_)),
        !matches!(currencies()[row[9]].1, Label::Ok(_)),
    ];
    // The amount cannot be read without a currency: a bad currency is
    // reported first (it comes first in the order anyway).
    if let Some(&col) = CHECK_ORDER.iter().find(|&&c| bad[c]) {
        return (line, plain, Err(col + 1));
    }
    let get = |l: &Label<Donor>| match l {
        Label::Ok(d) => *d,
        _ => unreachable!(),
    };
    let currency = match currencies()[row[9]].1 {
        Label::Ok(c) => c,
        _ => unreachable!(),
    };
    let Label::Ok(amount) = amounts()[row[8]].1 else {
        unreachable!()
    };
    let figure = Figure::parse_plain(amount, currency).unwrap();
    let mut b = Pledge::builder(get(&donors()[row[1]].1), get(&donors()[row[2]].1), figure);
    if let Label::Ok(id) = ids()[row[0]].1 {
        b = b.id(id);
    }
    if let Label::Ok(d) = dates()[row[3]].1 {
        b = b.announced(d);
    }
    if let Label::Ok(p) = periods()[row[4]].1 {
        b = b.funded(p.parse::<Period>().unwrap());
    }
    if let Label::Ok(c) = categories()[row[5]].1 {
        b = b.category(c);
    }
    if let Label::Ok(i) = instruments()[row[6]].1 {
        b = b.instrument(i);
    }
    if let Label::Ok(s) = stages()[row[7]].1 {
        b = b.stage(s);
    }
    (line, plain, Ok(b.build().unwrap()))
}

/// An index into a pool, mostly of an entry that reads (so that most rows
/// read through and defaults are checked), sometimes of any.
fn pick<T>(pool: &[(&'static str, Label<T>)]) -> BoxedStrategy<usize> {
    let good: Vec<usize> = (0..pool.len())
        .filter(|&i| !matches!(pool[i].1, Bad))
        .collect();
    prop_oneof![12 => prop::sample::select(good), 1 => 0..pool.len()].boxed()
}

fn row() -> impl Strategy<Value = Row> {
    (
        (pick(&ids()), pick(&donors()), pick(&donors())),
        (pick(&dates()), pick(&periods()), pick(&categories())),
        (pick(&instruments()), pick(&stages()), pick(&amounts())),
        pick(&currencies()),
    )
        .prop_map(|((a, b, c), (d, e, f), (g, h, i), j)| [a, b, c, d, e, f, g, h, i, j])
}

/// Reads `csv` and compares each row with what its labels say; stops at
/// the first error, as the reader does.
fn check(rows: &[Row], crlf: bool, plain: bool) -> Result<(), TestCaseError> {
    let end = if crlf { "\r\n" } else { "\n" };
    let mut csv = format!("{HEADER}{end}");
    let mut expect = Vec::new();
    for r in rows {
        let (quoted, unquoted, e) = expected(r);
        // Unquoted where the texts allow, so the plain-line path is taken.
        let line = if plain { unquoted } else { quoted };
        csv.push_str(&line);
        csv.push_str(end);
        expect.push(e);
    }
    let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    for (i, e) in expect.into_iter().enumerate() {
        let got = reader.next().expect("a row");
        match (got, e) {
            (Ok(p), Ok(q)) => {
                // Decimals compare by value: compare the scale as written too.
                prop_assert_eq!(
                    p.figure().plain().to_string(),
                    q.figure().plain().to_string()
                );
                prop_assert_eq!(p, q);
            }
            (Err(e), _) if e.kind() == &ErrorKind::InvalidUtf8 => {
                prop_assert!(false, "no invalid bytes here")
            }
            (Err(e), Err(col)) if e.position().column().is_some() => {
                prop_assert_eq!(e.position().line(), Some(i as u64 + 2));
                prop_assert_eq!(e.position().column(), Some(col as u64));
                return Ok(());
            }
            (got, e) => prop_assert!(false, "row {}: got {:?}, expected {:?}", i + 2, got, e),
        }
    }
    prop_assert!(reader.next().is_none());
    Ok(())
}

proptest! {
    // Quoted fields (the general path) and unquoted ones (the plain-line
    // path, where no text needs quoting), LF and CRLF.
    #[test]
    fn rows_read_as_their_labels_say(rows in prop::collection::vec(row(), 1..8), crlf in any::<bool>()) {
        check(&rows, crlf, false)?;
        check(&rows, crlf, true)?;
    }

    // The fast path equals the collection's totals, for keys with and
    // without spreading and with conversion.
    #[test]
    fn reader_totals_equal_collection_totals(pledges in pledge_set(), which in 0usize..4) {
        let collection = collect(&pledges);
        let mut csv = Vec::new();
        let mut w = PledgeWriter::new(&mut csv).unwrap();
        for p in &pledges {
            w.write(p).unwrap();
        }
        w.finish().unwrap();
        let rates = rates();
        let query = match which {
            0 => Query::new().by(Key::Donor),
            1 => Query::new().by(Key::Donor).by(Key::year(DateBasis::Announced)),
            2 => Query::new().by(Key::Period(PeriodUnit::Quarter, DateBasis::Funded)).by(Key::Stage),
            _ => Query::new()
                .by(Key::Donor)
                .by(Key::year(DateBasis::Announced))
                .convert_to(Currency::EUR, RateRule::AnnouncementDateOr(day(2025, 3, 3)), &rates),
        };
        let reader = PledgeReader::new(csv.as_slice(), CsvOptions::new()).unwrap();
        let fast = reader.totals(&query);
        let slow = collection.totals(&query);
        match (fast, slow) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            // The same error, naming the same pledge (the file path adds its line).
            (Err(a), Err(b)) => {
                prop_assert_eq!(a.kind(), b.kind());
                prop_assert_eq!(a.position().record(), b.position().record());
                prop_assert_eq!(a.position().pledge(), b.position().pledge());
            }
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
    }
}

#[test]
fn line_numbers_are_where_records_start() {
    // CRLF line ends, a blank line, a quoted id over two lines: the bad
    // currency is on line 6 as an editor counts.
    let csv = "id,donor,recipient,amount,currency\r\na,DE,UA,1,EUR\r\n\r\n\"b\r\nc\",FR,UA,2,EUR\r\nd,PL,UA,3,ZZZ\r\n";
    let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    assert!(reader.next().unwrap().is_ok());
    assert_eq!(reader.next().unwrap().unwrap().id(), Some("b\r\nc"));
    match reader.next().unwrap() {
        Err(e) => assert_eq!(
            (e.position().line(), e.position().column()),
            (Some(6), Some(5))
        ),
        other => panic!("{other:?}"),
    }
    // Old Mac line ends (a lone CR) count as line breaks too.
    let csv = "donor,recipient,amount,currency\rDE,UA,1,EUR\rPL,UA,3,ZZZ\r";
    let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    assert!(reader.next().unwrap().is_ok());
    match reader.next().unwrap() {
        Err(e) => assert_eq!(
            (e.position().line(), e.position().column()),
            (Some(3), Some(4))
        ),
        other => panic!("{other:?}"),
    }
    let csv = "donor,recipient,amount,currency\r\nDE,UA,1,EUR\r\n\r\nPL,UA,3,ZZZ\r\n";
    let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    assert!(reader.next().unwrap().is_ok());
    match reader.next().unwrap() {
        Err(e) => assert_eq!(
            (e.position().line(), e.position().column()),
            (Some(4), Some(4))
        ),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_reader_that_skips_bad_rows_reports_each_and_goes_on() {
    // Line 3: a quoted field spanning two lines, then a row with too many
    // fields, a bad amount, a pledge that does not build (a negative "over"),
    // text after a closing quote, and good rows between them.
    let csv = "donor,recipient,amount,currency\n\
               DE,UA,5,EUR\n\
               \"D\nE\",UA,5,EUR\n\
               PL,UA,7,PLN,extra\n\
               SE,UA,5bn,SEK\n\
               NL,UA,over -5,EUR\n\
               \"NO\"x,UA,5,NOK\n\
               FI,UA,6,EUR\n";
    let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())
        .unwrap()
        .skip_bad_rows(true);
    let got: Vec<String> = reader
        .map(|row| match row {
            Ok(p) => format!("ok {}", p.donor().id()),
            Err(e) => format!(
                "line {:?} record {:?} column {:?}",
                e.position().line(),
                e.position().record(),
                e.position().column()
            ),
        })
        .collect();
    assert_eq!(
        got,
        [
            "ok DE",
            "line Some(3) record Some(2) column Some(1)",
            "line Some(5) record Some(3) column None",
            "line Some(6) record Some(4) column Some(3)",
            "line Some(7) record Some(5) column Some(3)",
            "line Some(8) record Some(6) column Some(1)",
            "ok FI",
        ]
    );
    // By default the first error ends the reading.
    let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    assert_eq!(reader.count(), 2);
}

#[test]
fn donors_by_name_read_and_are_written_back_as_codes() {
    let csv = "donor,recipient,amount,currency\n\
               Germany,Ukraine,5,EUR\n\
               \"united kingdom\",UA,6,GBP\n\
               Türkiye,UA,7,TRY\n\
               European Peace Facility,UA,8,EUR\n";
    let mut pledges = alliance_commitments::Pledges::new();
    pledges.read_csv(csv.as_bytes()).unwrap();
    let mut out = Vec::new();
    pledges.write_csv(&mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let donors: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(donors, ["DE", "GB", "TR", "EPF"]);
    // Unknown and ambiguous names name their line and column.
    for (row, kind) in [
        ("Germania,UA,5,EUR", "unknown donor \"Germania\""),
        (
            "UA,Korea,5,EUR",
            "the name \"Korea\" could mean KP (North Korea) or KR (South Korea)",
        ),
    ] {
        let csv = format!("donor,recipient,amount,currency\n{row}\n");
        let err = alliance_commitments::Pledges::new()
            .read_csv(csv.as_bytes())
            .unwrap_err();
        assert_eq!(err.position().line(), Some(2));
        assert!(err.to_string().contains(kind), "{err}");
    }
}
