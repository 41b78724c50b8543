//! One engine behind every way to a total, one record reader behind every
//! CSV. The three paths — `Pledges::totals` (a loaded collection),
//! `Query::totals_of` over a stream of pledges, and `PledgeReader::totals`
//! (the CSV row reader) — give the same totals, or the same error: the same
//! `kind()`, and the same pledge, by `position().record()` (its 1-based
//! place among the data rows) and `position().pledge()` (its id). And a
//! pledge file and an ECB file name the same line for the same defect,
//! whatever the line ends.
//!
//! Every expected value here is worked out by hand from the input.

use alliance_commitments::error::{ErrorKind, Grammar, Operation};
use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{
    Country, Currency, Error, Key, Pledge, Pledges, Query, RateRule, RateTable, Totals,
};
use chrono::NaiveDate;
use rust_decimal::{Decimal, dec};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const HEADER: &str = "id,donor,recipient,announced,amount,currency";

/// Loaded into a collection, then totalled. A file the collection refuses
/// gives the load's error: that is this path's answer for the file.
fn loaded(csv: &str, query: &Query<'_>) -> Result<Totals, Error> {
    let mut pledges = Pledges::new();
    pledges.read_csv(csv.as_bytes())?;
    pledges.totals(query)
}

/// Streamed: the reader's pledges, one at a time, into `Query::totals_of`.
fn streamed(csv: &str, query: &Query<'_>) -> Result<Totals, Error> {
    let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
    query.totals_of(reader)
}

/// The CSV row reader's own totals, without building pledges.
fn by_rows(csv: &str, query: &Query<'_>) -> Result<Totals, Error> {
    PledgeReader::new(csv.as_bytes(), CsvOptions::new())?.totals(query)
}

/// The same, the rows read on three threads.
fn by_rows_threaded(csv: &str, query: &Query<'_>) -> Result<Totals, Error> {
    PledgeReader::new(csv.as_bytes(), CsvOptions::new())?
        .threads(3)
        .totals(query)
}

/// The three paths' errors for `csv`, named (the row reader's on one
/// thread and on three).
fn errors(csv: &str, query: &Query<'_>) -> [(&'static str, Error); 4] {
    [
        ("Pledges::totals", loaded(csv, query).unwrap_err()),
        ("Query::totals_of", streamed(csv, query).unwrap_err()),
        ("PledgeReader::totals", by_rows(csv, query).unwrap_err()),
        (
            "PledgeReader::totals, 3 threads",
            by_rows_threaded(csv, query).unwrap_err(),
        ),
    ]
}

/// Each error is `kind` and names pledge number `record` with id `pledge`.
fn all_name(errors: &[(&str, Error)], kind: &ErrorKind, record: u64, pledge: Option<&str>) {
    for (path, err) in errors {
        assert_eq!(err.kind(), kind, "{path}: {err}");
        assert_eq!(err.position().record(), Some(record), "{path}: {err:?}");
        assert_eq!(err.position().pledge(), pledge, "{path}: {err:?}");
    }
}

fn rates() -> RateTable {
    let mut rates = RateTable::new();
    rates
        .insert(d(2025, 1, 2), Currency::USD, dec!(1.04))
        .unwrap();
    rates
}

fn in_eur(rates: &RateTable) -> Query<'_> {
    Query::new()
        .by(Key::Donor)
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, rates)
}

/// The groups as `key total` lines, each total in its one currency.
fn rows(totals: &Totals) -> Vec<String> {
    totals
        .groups()
        .map(|(k, t)| format!("{k} {}", t.single().unwrap()))
        .collect()
}

#[test]
fn the_three_paths_agree_on_a_good_file() {
    let csv = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,FR,UA,2025-01-02,7,EUR\nc,DE,UA,,1.50,EUR\n"
    );
    let query = Query::new().by(Key::Donor);
    let totals = [
        loaded(&csv, &query).unwrap(),
        streamed(&csv, &query).unwrap(),
        by_rows(&csv, &query).unwrap(),
        by_rows_threaded(&csv, &query).unwrap(),
    ];
    // DE: 5 + 1.50 = 6.50; FR: 7.
    assert_eq!(rows(&totals[0]), ["DE €6.5", "FR €7"]);
    assert_eq!(totals[0], totals[1]);
    assert_eq!(totals[0], totals[2]);
    assert_eq!(totals[0], totals[3]);
}

#[test]
fn a_duplicated_id() {
    // The third data row (line 4) repeats the first's id.
    let csv = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,FR,UA,2025-01-02,7,EUR\na,PL,UA,2025-01-02,3,EUR\n"
    );
    let query = Query::new().by(Key::Donor);
    let errs = errors(&csv, &query);
    // A collection cannot hold the duplicate, so `Pledges::totals` never
    // sees it: that path's error is `read_csv`'s, which refuses the file at
    // the same row with the same kind, record and id. What is compared is
    // what every path knows; a stream of pledges knows no lines.
    all_name(
        &errs,
        &ErrorKind::DuplicateId { id: "a".into() },
        3,
        Some("a"),
    );
    let [(_, load), (_, stream), (_, rows), (_, threaded)] = &errs;
    for err in [load, rows, threaded] {
        // Both CSV paths place it at the id column of line 4.
        let p = err.position();
        assert_eq!(
            (p.line(), p.column(), p.field()),
            (Some(4), Some(1), Some("id")),
            "{err:?}"
        );
    }
    assert_eq!(stream.position().line(), None, "{stream:?}");
}

#[test]
fn a_duplicated_id_in_a_stream_of_built_pledges() {
    let pledge = |id: &str, donor: Country| {
        Pledge::builder(donor, Country::UA, "€5".parse().unwrap())
            .id(id)
            .build()
            .unwrap()
    };
    let stream = vec![
        Ok(pledge("x", Country::DE)),
        Ok(pledge("y", Country::FR)),
        Ok(pledge("x", Country::PL)),
    ];
    let err = Query::new().by(Key::Donor).totals_of(stream).unwrap_err();
    all_name(
        &[("Query::totals_of", err)],
        &ErrorKind::DuplicateId { id: "x".into() },
        3,
        Some("x"),
    );
    // The collection refuses the same pledges when they are added.
    let mut pledges = Pledges::new();
    pledges.add(pledge("x", Country::DE)).unwrap();
    pledges.add(pledge("y", Country::FR)).unwrap();
    let err = pledges.add(pledge("x", Country::PL)).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::DuplicateId { id: "x".into() });
}

#[test]
fn a_duplicated_id_is_refused_even_when_the_filter_leaves_it_out() {
    // Ids are the input's, not the selection's.
    let csv = format!("{HEADER}\na,DE,UA,,5,EUR\na,FR,UA,,7,EUR\n");
    let query = Query::new()
        .filter(alliance_commitments::Filter::new().donor(Country::DE))
        .by(Key::Donor);
    all_name(
        &errors(&csv, &query),
        &ErrorKind::DuplicateId { id: "a".into() },
        2,
        Some("a"),
    );
}

#[test]
fn an_undated_pledge_in_another_currency() {
    // The second data row (line 3) is undated and in US dollars: the
    // announcement-date rule has no date to take a rate on.
    let csv = format!("{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,US,UA,,7,USD\n");
    let rates = rates();
    let query = in_eur(&rates);
    undated_dollars_on_line_3(&errors(&csv, &query));
    // Without an id the pledge is named by its place alone.
    let csv = "donor,recipient,announced,amount,currency\nDE,UA,2025-01-02,5,EUR\nUS,UA,,7,USD\n";
    all_name(
        &errors(csv, &query),
        &ErrorKind::UndatedConversion {
            currency: Currency::USD,
        },
        2,
        None,
    );
}

/// A file with an error of each class: totalling (an undated pledge in
/// another currency, row 2) and reading (a currency code that does not
/// exist, row 4; or an id given again, row 4). A collection is read whole
/// before it is totalled, so the reading error is its answer; the
/// streaming paths read on after the totalling error and give the same.
#[test]
fn a_reading_error_after_a_totalling_error_comes_first_on_every_path() {
    use alliance_commitments::DateBasis;
    let rates = rates();
    let query = in_eur(&rates);
    let bad_row = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,US,UA,,7,USD\nc,PL,UA,,3,EUR\nd,FR,UA,,2,EUX\n"
    );
    let errs = errors(&bad_row, &query);
    for (path, err) in &errs {
        assert_eq!(
            err.kind(),
            &ErrorKind::UnknownCurrency { code: "EUX".into() },
            "{path}: {err}"
        );
        assert_eq!(err.position().record(), Some(4), "{path}: {err:?}");
        assert_eq!(err.position().line(), Some(5), "{path}: {err:?}");
    }
    let again = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,US,UA,,7,USD\nc,PL,UA,,3,EUR\na,FR,UA,,2,EUR\n"
    );
    let errs = errors(&again, &query);
    all_name(
        &errs,
        &ErrorKind::DuplicateId { id: "a".into() },
        4,
        Some("a"),
    );
    // Pledges alike for a spreading query whose sum overflows are a
    // totalling error too, found when they are added: a later bad row or
    // id given again still comes first.
    let spreading = Query::new().by(Key::quarter(DateBasis::Funded));
    let max = Decimal::MAX;
    let alike = format!(
        "id,donor,recipient,announced,funded,amount,currency\n\
         a,DE,UA,2025-01-02,2025,over {max},EUR\n\
         b,DE,UA,2025-01-02,2025,over {max},EUR\n"
    );
    let errs = errors(
        &format!("{alike}c,DE,UA,2025-01-02,2025,12x,EUR\n"),
        &spreading,
    );
    for (path, err) in &errs {
        assert!(
            matches!(err.kind(), ErrorKind::Syntax { .. }),
            "{path}: {err:?}"
        );
        assert_eq!(err.position().record(), Some(3), "{path}: {err:?}");
    }
    let errs = errors(
        &format!("{alike}a,DE,UA,2025-01-02,2025,1,EUR\n"),
        &spreading,
    );
    all_name(
        &errs,
        &ErrorKind::DuplicateId { id: "a".into() },
        3,
        Some("a"),
    );
    // With neither, the totalling error is the answer, named at its row.
    let neither = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,US,UA,,7,USD\nc,PL,UA,,3,EUR\nd,FR,UA,,2,EUR\n"
    );
    undated_dollars_on_line_3(&errors(&neither, &query));
}

/// Every path names pledge "b", the second, as undated dollars; the row
/// reader knows its line too, line 3.
fn undated_dollars_on_line_3(errs: &[(&str, Error)]) {
    all_name(
        errs,
        &ErrorKind::UndatedConversion {
            currency: Currency::USD,
        },
        2,
        Some("b"),
    );
    assert_eq!(errs[2].1.position().line(), Some(3), "{:?}", errs[2].1);
    assert_eq!(errs[3].1.position().line(), Some(3), "{:?}", errs[3].1);
}

#[test]
fn an_undated_pledge_in_the_target_currency_needs_no_rate() {
    // c is undated but in EUR; b is dated: US$10.40 ÷ 1.04 = €10.
    let csv = format!(
        "{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,US,UA,2025-01-02,10.40,USD\nc,DE,UA,,1,EUR\n"
    );
    let rates = rates();
    let query = in_eur(&rates);
    let totals = [
        loaded(&csv, &query).unwrap(),
        streamed(&csv, &query).unwrap(),
        by_rows(&csv, &query).unwrap(),
        by_rows_threaded(&csv, &query).unwrap(),
    ];
    let eur: Vec<Decimal> = totals[0]
        .groups()
        .map(|(_, t)| t.converted().unwrap().rounded().stated().amount())
        .collect();
    assert_eq!(eur, [dec!(6.00), dec!(10.00)]);
    assert_eq!(totals[0], totals[1]);
    assert_eq!(totals[0], totals[2]);
    assert_eq!(totals[0], totals[3]);
}

/// A file where DE's two pledges add up beyond a decimal: `Decimal::MAX`
/// as rows 1 and 3 (ids a and c), then `fillers` rows of €1 from FR.
fn overflowing(fillers: usize) -> String {
    let max = "79228162514264337593543950335";
    assert_eq!(max, Decimal::MAX.to_string());
    let mut csv = format!("{HEADER}\na,DE,UA,,{max},EUR\nb,FR,UA,,1,EUR\nc,DE,UA,,{max},EUR\n");
    for i in 0..fillers {
        csv.push_str(&format!("f{i},FR,UA,,1,EUR\n"));
    }
    csv
}

const OVERFLOW: ErrorKind = ErrorKind::Overflow {
    operation: Operation::Addition,
};

/// The same kind and the same place on every path, whatever place that is.
fn agree(errs: &[(&str, Error)]) {
    let (first, e) = &errs[0];
    for (path, err) in errs {
        assert_eq!(err.kind(), e.kind(), "{path} vs {first}");
        let (p, q) = (err.position(), e.position());
        assert_eq!(
            (p.record(), p.pledge(), p.group()),
            (q.record(), q.pledge(), q.group()),
            "{path}: {err:?} vs {first}: {e:?}"
        );
    }
}

#[test]
fn an_overflow_is_the_same_error_on_every_path() {
    let query = Query::new().by(Key::Donor);
    for fillers in [0, 1100] {
        let errs = errors(&overflowing(fillers), &query);
        assert_eq!(errs[0].1.kind(), &OVERFLOW);
        agree(&errs);
    }
}

// Exact amounts wait in a batch of 1,024 before they are added, so an
// overflow is found when the batch is added: at the end of the input
// (then the error names no pledge and no group) or at the row that fills
// the batch (then it names that row, which need not be the one that
// overflowed: here the 1,024th, f1020, not c).
/// Sums keep every digit while they are made (no row overflows on its
/// own), so an overflow is the group's: its total is beyond what a decimal
/// holds, and the error names the group, on every path, however many rows
/// come after.
#[test]
fn an_overflow_names_the_group_whose_total_overflows() {
    let query = Query::new().by(Key::Donor);
    for fillers in [1100, 0] {
        for (path, err) in &errors(&overflowing(fillers), &query) {
            assert_eq!(err.kind(), &OVERFLOW, "{path}: {err}");
            assert_eq!(err.position().group(), Some("DE"), "{path}: {err:?}");
            assert_eq!(err.position().record(), None, "{path}: {err:?}");
        }
    }
}

/// Two built pledges of `Decimal::MAX` (m1, m2) by DE, on the three paths.
fn built_overflow() -> [(&'static str, Error); 4] {
    let max = |id: &str| {
        Pledge::builder(
            Country::DE,
            Country::UA,
            alliance_commitments::Figure::exactly(alliance_commitments::Money::new(
                Decimal::MAX,
                Currency::EUR,
            )),
        )
        .id(id)
        .build()
        .unwrap()
    };
    let mut pledges = Pledges::new();
    pledges.add(max("m1")).unwrap();
    pledges.add(max("m2")).unwrap();
    let query = Query::new().by(Key::Donor);
    let stream: Vec<Result<Pledge, Error>> = pledges.iter().cloned().map(Ok).collect();
    let mut csv = Vec::new();
    pledges.write_csv(&mut csv).unwrap();
    [
        ("Pledges::totals", pledges.totals(&query).unwrap_err()),
        ("Query::totals_of", query.totals_of(stream).unwrap_err()),
        (
            "PledgeReader::totals",
            by_rows(std::str::from_utf8(&csv).unwrap(), &query).unwrap_err(),
        ),
        (
            "PledgeReader::totals, 3 threads",
            by_rows_threaded(std::str::from_utf8(&csv).unwrap(), &query).unwrap_err(),
        ),
    ]
}

#[test]
fn an_overflow_over_built_pledges_is_the_same_error_on_every_path() {
    let errs = built_overflow();
    assert_eq!(errs[0].1.kind(), &OVERFLOW);
    agree(&errs);
}

#[test]
fn an_overflow_over_built_pledges_names_the_group() {
    for (path, err) in &built_overflow() {
        assert_eq!(err.kind(), &OVERFLOW, "{path}: {err}");
        assert_eq!(err.position().group(), Some("DE"), "{path}: {err:?}");
    }
}

#[test]
fn a_bad_row() {
    // Line 3, the second data row, has a currency code that does not exist.
    let csv = format!("{HEADER}\na,DE,UA,,5,EUR\nb,FR,UA,,7,EUX\nc,PL,UA,,3,EUR\n");
    let query = Query::new().by(Key::Donor);
    let errs = errors(&csv, &query);
    let kind = ErrorKind::UnknownCurrency { code: "EUX".into() };
    for (path, err) in &errs {
        assert_eq!(err.kind(), &kind, "{path}: {err}");
        assert_eq!(err.position().record(), Some(2), "{path}: {err:?}");
        // A row refused while it is read is the file's error on every path:
        // line 3, column 6, the currency.
        let p = err.position();
        assert_eq!(
            (p.line(), p.column(), p.field()),
            (Some(3), Some(6), Some("currency")),
            "{path}: {err:?}"
        );
    }
    // And the pledge it names (if any) is the same on every path. (The
    // reader reads a row's id after its currency, so a row refused for its
    // currency is named by its place alone.)
    let pledge = errs[0].1.position().pledge();
    for (path, err) in &errs {
        assert_eq!(err.position().pledge(), pledge, "{path}: {err:?}");
    }
}

#[test]
fn a_row_with_a_field_too_many() {
    // The third data row (line 4) has seven fields under a header of six.
    let csv = format!("{HEADER}\na,DE,UA,,5,EUR\nb,FR,UA,,7,EUR\nc,PL,UA,,3,EUR,x\n");
    let query = Query::new().by(Key::Donor);
    for (path, err) in errors(&csv, &query) {
        assert_eq!(
            err.kind(),
            &ErrorKind::FieldCount {
                expected: 6,
                found: 7
            },
            "{path}: {err}"
        );
        assert_eq!(err.position().record(), Some(3), "{path}: {err:?}");
        assert_eq!(err.position().line(), Some(4), "{path}: {err:?}");
    }
}

#[test]
fn text_after_a_closing_quote_is_the_same_error_on_every_path() {
    // `csv` would read the source as `Kiel 2025` (quotes dropped).
    let csv = format!(
        "{HEADER},source\na,DE,UA,,5,EUR,\"Kiel, \"\"release\"\"\"\n\
         b,FR,UA,,7,EUR,\"Kiel\" 2025\nc,PL,UA,,3,EUR,x\n"
    );
    let query = Query::new().by(Key::Donor);
    for (path, err) in errors(&csv, &query) {
        assert_eq!(err.kind(), &ErrorKind::TextAfterQuote, "{path}: {err}");
        let p = err.position();
        assert_eq!(
            (p.line(), p.column(), p.field(), p.record()),
            (Some(3), Some(7), Some("source"), Some(2)),
            "{path}: {err:?}"
        );
    }
}

#[test]
fn a_quote_left_open_is_an_error_not_the_rest_of_the_file() {
    // Line 3's `source` opens a quote never closed: `csv` would read lines
    // 3 to 5 as one record whose source is the rest of the file, and the
    // pledges on lines 4 and 5 would be lost without a word.
    let csv = format!(
        "{HEADER},source\na,DE,UA,,5,EUR,\"Kiel, \"\"release\"\"\"\n\
         b,FR,UA,,7,EUR,\"Elysée, 3 March\nc,PL,UA,,3,EUR,x\nd,IT,UA,,1,EUR,y\n"
    );
    let query = Query::new().by(Key::Donor);
    for (path, err) in errors(&csv, &query) {
        assert_eq!(err.kind(), &ErrorKind::UnclosedQuote, "{path}: {err}");
        let p = err.position();
        assert_eq!(
            (p.line(), p.column(), p.field(), p.record()),
            (Some(3), Some(7), Some("source"), Some(2)),
            "{path}: {err:?}"
        );
    }
}

#[test]
fn an_error_is_at_most_two_words() {
    assert!(std::mem::size_of::<Error>() <= 16);
    assert!(std::mem::size_of::<Result<(), Error>>() <= 16);
}

// ---- One line-numbering rule: the line an editor shows, for pledge files
// ---- and ECB files alike.

/// A file whose fourth physical line is `bad`, three ways: LF line ends,
/// CRLF line ends, and LF with the third line left blank (`third` unused).
fn layouts(header: &str, second: &str, third: &str, bad: &str) -> [(&'static str, String); 3] {
    [
        ("LF", format!("{header}\n{second}\n{third}\n{bad}\n")),
        (
            "CRLF",
            format!("{header}\r\n{second}\r\n{third}\r\n{bad}\r\n"),
        ),
        ("blank line", format!("{header}\n{second}\n\n{bad}\n")),
    ]
}

/// (line, column, field) of an error.
fn place(err: &Error) -> (Option<u64>, Option<u64>, Option<&str>) {
    let p = err.position();
    (p.line(), p.column(), p.field())
}

#[test]
fn a_bad_value_on_the_fourth_line_is_line_4_in_every_file() {
    let pledges = layouts(
        "donor,recipient,amount,currency",
        "DE,UA,1,EUR",
        "FR,UA,2,EUR",
        "PL,UA,x,EUR",
    );
    let history = layouts(
        "Date,USD,",
        "2025-01-06,1.03,",
        "2025-01-03,1.04,",
        "2025-01-02,x,",
    );
    for ((ends, pledge_csv), (_, ecb_csv)) in pledges.iter().zip(&history) {
        let pledge_err = Pledges::new().read_csv(pledge_csv.as_bytes()).unwrap_err();
        assert!(
            matches!(pledge_err.kind(), ErrorKind::Syntax { input, .. } if input == "x"),
            "{ends}: {pledge_err:?}"
        );
        assert_eq!(
            place(&pledge_err),
            (Some(4), Some(3), Some("amount")),
            "{ends}: {pledge_err:?}"
        );
        let stream_err = by_rows(pledge_csv, &Query::new()).unwrap_err();
        assert_eq!(place(&stream_err), place(&pledge_err), "{ends}");
        let threaded_err = by_rows_threaded(pledge_csv, &Query::new()).unwrap_err();
        assert_eq!(place(&threaded_err), place(&pledge_err), "{ends}");

        let ecb_err = RateTable::new()
            .read_ecb_history(ecb_csv.as_bytes())
            .unwrap_err();
        assert!(
            matches!(
                ecb_err.kind(),
                ErrorKind::Syntax { grammar: Grammar::Number, input, .. } if input == "x"
            ),
            "{ends}: {ecb_err:?}"
        );
        assert_eq!(
            place(&ecb_err),
            (Some(4), Some(2), Some("USD")),
            "{ends}: {ecb_err:?}"
        );
    }
}

#[test]
fn a_bad_date_on_the_fourth_line_is_line_4_in_every_file() {
    let pledges = layouts(
        "donor,recipient,announced,amount,currency",
        "DE,UA,2025-01-06,1,EUR",
        "FR,UA,2025-01-03,2,EUR",
        "PL,UA,2025-02-30,3,EUR",
    );
    let history = layouts(
        "Date,USD,",
        "2025-03-04,1.03,",
        "2025-03-03,1.04,",
        "2025-02-30,1.05,",
    );
    let daily = layouts("Date, USD, ", "", "", "30 February 2025, 1.05, ");
    let feb_30 = ErrorKind::InvalidDate {
        year: 2025,
        month: 2,
        day: 30,
    };
    for (((ends, pledge_csv), (_, ecb_csv)), (_, daily_csv)) in
        pledges.iter().zip(&history).zip(&daily)
    {
        let pledge_err = Pledges::new().read_csv(pledge_csv.as_bytes()).unwrap_err();
        assert_eq!(pledge_err.kind(), &feb_30, "{ends}");
        assert_eq!(
            place(&pledge_err),
            (Some(4), Some(3), Some("announced")),
            "{ends}"
        );
        let ecb_err = RateTable::new()
            .read_ecb_history(ecb_csv.as_bytes())
            .unwrap_err();
        assert_eq!(ecb_err.kind(), &feb_30, "{ends}");
        assert_eq!(place(&ecb_err), (Some(4), Some(1), Some("Date")), "{ends}");
        // The daily file: header, two blank lines, the row on line 4.
        let daily_err = RateTable::new()
            .read_ecb_daily(daily_csv.as_bytes())
            .unwrap_err();
        assert_eq!(daily_err.kind(), &feb_30, "{ends}: {daily_csv:?}");
        assert_eq!(place(&daily_err).0, Some(4), "{ends}: {daily_csv:?}");
        assert_eq!(place(&daily_err).1, Some(1), "{ends}: {daily_csv:?}");
    }
}

#[test]
fn a_value_under_an_unnamed_ecb_column_is_an_unknown_column() {
    // The history file ends each line with a comma: an empty last column,
    // which must stay empty. Line 3 has a value there (column 3).
    let csv = "Date,USD,\n2025-01-03,1.03,\n2025-01-02,1.04,7\n";
    let err = RateTable::new()
        .read_ecb_history(csv.as_bytes())
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::UnknownColumn { name: "".into() });
    assert_eq!(
        (err.position().line(), err.position().column()),
        (Some(3), Some(3))
    );
}

#[test]
fn ecb_rates_are_plain_numbers() {
    // Only -?d+(.d+)?: no digit separators, no sign on a positive number,
    // no bare leading or trailing point, no exponent.
    for bad in ["1_03", "+1.03", ".5", "5.", "1e3", "abc"] {
        let csv = format!("Date,USD,\n2025-01-03,{bad},\n");
        let err = RateTable::new()
            .read_ecb_history(csv.as_bytes())
            .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Syntax { grammar: Grammar::Number, input, .. } if input == bad),
            "{bad:?}: {err:?}"
        );
        assert_eq!(place(&err), (Some(2), Some(2), Some("USD")), "{bad:?}");
    }
    let mut rates = RateTable::new();
    let good = "Date,USD,\n2025-01-03,1.0300,\n";
    assert_eq!(rates.read_ecb_history(good.as_bytes()), Ok(1));
    assert_eq!(
        rates
            .rate_on(Currency::USD, d(2025, 1, 3))
            .unwrap()
            .units_per_eur(),
        Some(dec!(1.0300))
    );
}

/// A row of a generated file: good mostly; now and then an id given again,
/// a field that does not read, a field too few, or an undated pledge in
/// dollars (which the announcement-date rule cannot convert).
fn generated_row(i: usize, kind: u8, cents: u64, quoted: bool) -> String {
    let (donor, currency) = match cents % 3 {
        0 => ("DE", "EUR"),
        1 => ("FR", "USD"),
        _ => ("PL", "EUR"),
    };
    let amount = format!("{}.{:02}", cents / 100, cents % 100);
    let source = if quoted {
        format!("\"Ministry, \"\"quoted\"\" {i}\nsecond line\"")
    } else {
        String::new()
    };
    match kind {
        0 => format!(
            "p{},{donor},UA,2025-01-02,{amount},{currency},{source}",
            i / 2
        ),
        1 => format!("p{i},{donor},UA,2025-01-02,x{amount},{currency},{source}"),
        2 => format!("p{i},{donor},UA,2025-01-02,{amount}"),
        3 => format!("p{i},FR,UA,,{amount},USD,{source}"),
        _ => format!("p{i},{donor},UA,2025-01-02,{amount},{currency},{source}"),
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Files of thousands of rows — many batches of rows, with quoted
    /// sources over several lines — total alike on one thread and on
    /// several, and against the stream of built pledges: the same totals,
    /// or the same first error, named the same way.
    #[test]
    fn threads_change_nothing(
        rows in proptest::collection::vec((0u64..10_000_000, proptest::bool::ANY), 0..2600),
        defect in proptest::option::of((0usize..2600, 0u8..4)),
        crlf in proptest::bool::ANY,
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut csv = format!("{HEADER},source{end}");
        for (i, (cents, quoted)) in rows.iter().enumerate() {
            let kind = match defect {
                Some((at, kind)) if at == i => kind,
                _ => 9,
            };
            csv.push_str(&generated_row(i, kind, *cents, *quoted));
            csv.push_str(end);
        }
        let rates = rates();
        let query = in_eur(&rates);
        let one = by_rows(&csv, &query);
        for threads in [2, 3] {
            let many = PledgeReader::new(csv.as_bytes(), CsvOptions::new())
                .and_then(|r| r.threads(threads).totals(&query));
            match (&one, &many) {
                (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a, b),
                (Err(a), Err(b)) => {
                    proptest::prop_assert_eq!(a.kind(), b.kind());
                    proptest::prop_assert_eq!(a.position(), b.position());
                }
                _ => proptest::prop_assert!(false, "{threads} threads: {many:?} vs {one:?}"),
            }
        }
        match (&one, streamed(&csv, &query)) {
            (Ok(a), Ok(b)) => proptest::prop_assert_eq!(a, &b),
            (Err(a), Err(b)) => {
                proptest::prop_assert_eq!(a.kind(), b.kind());
                proptest::prop_assert_eq!(a.position().record(), b.position().record());
                proptest::prop_assert_eq!(a.position().pledge(), b.position().pledge());
            }
            (a, b) => proptest::prop_assert!(false, "{a:?} vs {b:?}"),
        }
    }
}

/// A file of `n` pledges over distinct funded spans (so each is its own
/// sum of alike pledges), some in dollars, plus `extra` rows.
fn spread_file(n: usize, extra: &str) -> String {
    let first = d(2020, 1, 1);
    let mut csv = format!("{HEADER},funded{}", "\n");
    for i in 0..n {
        let start = first + chrono::Days::new((i % 2000) as u64);
        let end = start + chrono::Days::new(30 + (i % 7) as u64 * 150 + (i / 2000) as u64);
        let donor = ["DE", "FR", "PL", "NL"][i % 4];
        let (announced, currency) = if i % 5 == 0 {
            ("2025-01-02", "USD")
        } else {
            ("", "EUR")
        };
        let amount = format!("{}.{:02}", 1000 + i * 7919 % 100_000, i % 100);
        csv.push_str(&format!(
            "s{i},{donor},UA,{announced},{amount},{currency},{start}..{end}\n"
        ));
    }
    csv.push_str(extra);
    csv
}

/// Spread by the funded period, the sums of many alike pledges are
/// spread on two threads when the reader has them: the same totals, or
/// the same error, as on one and from a collection.
#[test]
fn spreading_on_two_threads_changes_nothing() {
    let rates = rates();
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::quarter(alliance_commitments::DateBasis::Funded))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    // Two pledges of `Decimal::MAX` alike: their sum is beyond a decimal.
    let max = Decimal::MAX;
    let overflow = format!(
        "m1,DE,UA,,{max},EUR,2021-01-01..2021-12-31\nm2,DE,UA,,{max},EUR,2021-01-01..2021-12-31\n"
    );
    for extra in ["", overflow.as_str()] {
        let csv = spread_file(12_000, extra);
        let one = by_rows(&csv, &query);
        let two = PledgeReader::new(csv.as_bytes(), CsvOptions::new())
            .and_then(|r| r.threads(2).totals(&query));
        let loaded = loaded(&csv, &query);
        match (&one, &two, &loaded) {
            (Ok(a), Ok(b), Ok(c)) => {
                assert_eq!(a, b);
                assert_eq!(a, c);
                // Pieces: each pledge in one or more quarters.
                assert!(a.grand_total().count() > 12_000);
            }
            (Err(a), Err(b), Err(c)) => {
                assert_eq!(a.kind(), &OVERFLOW, "{a:?}");
                assert_eq!(
                    a.position().group(),
                    Some("(pledges alike, funded 2021-01-01..2021-12-31)")
                );
                for e in [b, c] {
                    assert_eq!(
                        (e.kind(), e.position().group()),
                        (a.kind(), a.position().group())
                    );
                }
                assert!(!extra.is_empty());
            }
            other => panic!("{other:?}"),
        }
    }
}

/// Spreading comes before conversion: a sum of alike pledges too large to
/// spread is the error, whether or not another sum of its currency and day
/// comes first in the file, though a pledge in a currency with no rate
/// (JPY into GBP) was read before both. (Found by a review: closing each
/// run of sums as the next began once let the JPY pledge's missing rate
/// come first when a good USD pledge came before the bad ones.)
#[test]
fn a_sum_too_large_to_spread_is_the_error_wherever_it_lies() {
    let mut rates = RateTable::new();
    rates
        .insert(d(2025, 1, 2), Currency::USD, dec!(1.04))
        .unwrap();
    rates
        .insert(d(2025, 1, 2), Currency::GBP, dec!(0.84))
        .unwrap();
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::year(alliance_commitments::DateBasis::Funded))
        .convert_to(Currency::GBP, RateRule::AnnouncementDate, &rates);
    let big = "50000000000000000000000000000";
    for before in ["", "z,PL,UA,2025-01-02,2025,1,USD\n"] {
        let csv = format!(
            "id,donor,recipient,announced,funded,amount,currency\n\
             j,FR,UA,2025-01-02,2025,7,JPY\n{before}\
             a,DE,UA,2025-01-02,2025,{big},USD\n\
             b,DE,UA,2025-01-02,2025,{big},USD\n"
        );
        let errs = errors(&csv, &query);
        agree(&errs);
        assert_eq!(errs[0].1.kind(), &OVERFLOW, "{before:?}: {}", errs[0].1);
    }
}

/// 4,800 groups (8 donors × 600 months), one slot each, with a total that
/// overflows in one group and a conversion that overflows in another, far
/// apart: whichever group comes first is the error, on every path and on
/// three threads, wherever the groups' totals are made.
#[test]
fn the_first_group_that_fails_is_the_error_however_many_groups_follow() {
    let month = |m: usize| format!("{}-{:02}", 1900 + m / 12, m % 12 + 1);
    let day = |m: usize| d(1900 + m as i32 / 12, m as u32 % 12 + 1, 15);
    // Ten thousand yen to the euro turn a large amount into too many euros.
    let mut rates = RateTable::new();
    for m in [3, 590] {
        rates.insert(day(m), Currency::JPY, dec!(0.0001)).unwrap();
    }
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::month(alliance_commitments::DateBasis::Announced))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let max = Decimal::MAX.to_string();
    let file = |overflow_at: usize, converted_at: usize| {
        let mut csv = format!("{HEADER}\n");
        for m in 0..600 {
            let date = day(m);
            for donor in ["DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"] {
                csv.push_str(&format!("{donor}{m},{donor},UA,{date},1,EUR\n"));
                if donor == "DE" && m == overflow_at {
                    for i in 0..2 {
                        csv.push_str(&format!("x{i},DE,UA,{date},{max},EUR\n"));
                    }
                }
                if donor == "FR" && m == converted_at {
                    csv.push_str(&format!("y,FR,UA,{date},{max},JPY\n"));
                }
            }
        }
        csv
    };
    let conversion = ErrorKind::Overflow {
        operation: Operation::Conversion,
    };
    for (overflow_at, converted_at) in [(3, 590), (590, 3)] {
        let errs = errors(&file(overflow_at, converted_at), &query);
        agree(&errs);
        let err = &errs[0].1;
        let (kind, group) = if overflow_at < converted_at {
            (OVERFLOW, format!("DE, {}", month(overflow_at)))
        } else {
            (conversion.clone(), format!("FR, {}", month(converted_at)))
        };
        assert_eq!(err.kind(), &kind, "{overflow_at}, {converted_at}: {err}");
        assert_eq!(err.position().group(), Some(group.as_str()), "{err:?}");
    }
}

/// Pledges spread by their funded periods wait in small batches before
/// they are added to their sums of alike pledges. An error met adding one
/// (b's "over" bound added to a's, beyond what a decimal holds) is still
/// the first error, named by its pledge and line, when a later pledge
/// fails on its own before the batch is added (c: undated dollars, which
/// the announcement-date rule cannot convert), and when nothing follows.
#[test]
fn an_alike_sum_that_overflows_comes_before_a_later_error() {
    use alliance_commitments::{DateBasis, PeriodUnit};
    let rates = rates();
    let query = in_eur(&rates).by(Key::Period(PeriodUnit::Quarter, DateBasis::Funded));
    let max = Decimal::MAX;
    let alike = format!(
        "id,donor,recipient,announced,funded,amount,currency\n\
         a,DE,UA,2025-01-02,2025,over {max},EUR\n\
         b,DE,UA,2025-01-02,2025,over {max},EUR\n"
    );
    for later in ["", "c,FR,UA,,2025,1,USD\n"] {
        let errs = errors(&format!("{alike}{later}"), &query);
        agree(&errs);
        for (path, err) in &errs {
            assert!(
                matches!(err.kind(), ErrorKind::Overflow { .. }),
                "{path}: {err:?}"
            );
            assert_eq!(err.position().record(), Some(2), "{path}: {err:?}");
            assert_eq!(err.position().pledge(), Some("b"), "{path}: {err:?}");
        }
        for (path, err) in &errs[2..] {
            assert_eq!(err.position().line(), Some(3), "{path}: {err:?}");
        }
    }
}

/// A reader that has given some pledges already totals the rest: an
/// error about one of them names its line in the file, whatever the
/// error (here undated dollars, which the announcement-date rule cannot
/// convert).
#[test]
fn a_reader_partly_read_names_the_line_of_an_error() {
    let rates = rates();
    let csv =
        format!("{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,FR,UA,2025-01-02,7,EUR\nc,FR,UA,,1,USD\n");
    let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new()).unwrap();
    assert_eq!(reader.next().unwrap().unwrap().id(), Some("a"));
    let err = reader.totals(&in_eur(&rates)).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UndatedConversion {
            currency: Currency::USD
        }
    );
    assert_eq!(err.position().pledge(), Some("c"), "{err:?}");
    assert_eq!(err.position().line(), Some(4), "{err:?}");
}
