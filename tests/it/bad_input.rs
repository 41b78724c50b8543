//! One test per class of bad input the foundation types meet: each is a
//! clear error that says what and where, and none panics.

use alliance_commitments::alliance::Membership;
use alliance_commitments::error::{ErrorKind, Grammar, Operation};
use alliance_commitments::{
    Alliance, Country, Currency, Donor, Error, Figure, Money, Period, Qualifier,
};
use chrono::NaiveDate;
use rust_decimal::{Decimal, dec};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn unknown_currency_code() {
    let err = "EUX".parse::<Currency>().unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UnknownCurrency { code: "EUX".into() }
    );
    assert!(err.to_string().contains("\"EUX\""));
    // Inside a figure or an amount, too.
    assert_eq!(
        "over 20bn EUX".parse::<Figure>(),
        Err(ErrorKind::UnknownCurrency { code: "EUX".into() }.into())
    );
    assert_eq!(
        "EUX 5".parse::<Money>(),
        Err(ErrorKind::UnknownCurrency { code: "EUX".into() }.into())
    );
}

#[test]
fn unknown_country_code() {
    assert_eq!(
        "XX".parse::<Country>(),
        Err(ErrorKind::UnknownCountry { code: "XX".into() }.into())
    );
    assert_eq!(
        "XX".parse::<Donor>(),
        Err(ErrorKind::UnknownCountry { code: "XX".into() }.into())
    );
    assert_eq!(
        "XXX".parse::<Country>(),
        Err(ErrorKind::UnknownCountry { code: "XXX".into() }.into())
    );
    assert_eq!(
        "European Union".parse::<Donor>(),
        Err(ErrorKind::UnknownDonor {
            id: "European Union".into()
        }
        .into())
    );
}

#[test]
fn quarter_five() {
    let err = "2025-Q5".parse::<Period>().unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::Syntax {
            grammar: Grammar::Period,
            offset: 6,
            reason: "quarter must be Q1 to Q4",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "invalid period \"2025-Q5\" at byte 6: quarter must be Q1 to Q4"
    );
}

#[test]
fn month_thirteen() {
    assert!(matches!(
        "2025-13".parse::<Period>().as_ref().map_err(Error::kind),
        Err(ErrorKind::Syntax {
            offset: 5,
            reason: "month must be 01 to 12",
            ..
        })
    ));
}

#[test]
fn a_date_that_does_not_exist() {
    let err = "2025-02-30".parse::<Period>().unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::InvalidDate {
            year: 2025,
            month: 2,
            day: 30
        }
    );
    assert_eq!(err.to_string(), "date 2025-02-30 does not exist");
    assert_eq!(
        "2024-01-01..2025-02-29".parse::<Period>(),
        Err(ErrorKind::InvalidDate {
            year: 2025,
            month: 2,
            day: 29
        }
        .into())
    );
}

#[test]
fn a_range_that_ends_before_it_starts() {
    let err = Period::range(d(2025, 3, 1), d(2025, 2, 28)).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::PeriodEndsBeforeStart {
            start: d(2025, 3, 1),
            end: d(2025, 2, 28)
        }
    );
    assert_eq!(
        err.to_string(),
        "period ends on 2025-02-28 before it starts on 2025-03-01"
    );
    assert_eq!("2025-03-01..2025-02-28".parse::<Period>(), Err(err));
    assert!(Membership::new(Country::PL.into(), d(2025, 3, 1), Some(d(2025, 2, 28))).is_err());
}

#[test]
fn a_negative_bound_in_a_qualified_figure() {
    let err = "over -€5bn".parse::<Figure>().unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::NegativeBound {
            qualifier: Qualifier::Over,
            value: dec!(-5000000000)
        }
    );
    assert_eq!(
        err.to_string(),
        "a figure stated as \"over\" cannot have a negative bound (-5000000000)"
    );
    let minus_five = Money::new(dec!(-5), Currency::EUR);
    assert!(Figure::at_least(minus_five).is_err());
    assert!(Figure::up_to(minus_five).is_err());
    assert!(Figure::about(minus_five).is_err());
    assert!(Figure::between(minus_five, Money::new(dec!(1), Currency::EUR)).is_err());
}

#[test]
fn an_exact_negative_amount_is_a_correction_and_is_accepted() {
    let correction: Figure = "-€62m".parse().unwrap();
    assert!(correction.is_exact());
    assert_eq!(correction.stated().amount(), dec!(-62000000));
}

#[test]
fn between_with_the_bounds_reversed() {
    assert_eq!(
        "between €5bn and €3bn".parse::<Figure>(),
        Err(ErrorKind::InvertedBounds {
            lower: dec!(5000000000),
            upper: dec!(3000000000)
        }
        .into())
    );
}

#[test]
fn a_figure_with_two_currencies() {
    assert_eq!(
        "between €1bn and US$2bn".parse::<Figure>(),
        Err(ErrorKind::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::USD
        }
        .into())
    );
    assert_eq!(
        "€20bn GBP".parse::<Figure>(),
        Err(ErrorKind::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::GBP
        }
        .into())
    );
}

#[test]
fn an_amount_beyond_decimal_range() {
    let err = "€80000000000000000000000000000"
        .parse::<Money>()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::AmountOutOfRange {
            text: "80000000000000000000000000000".into()
        }
    );
    assert!(matches!(
        "€79228162514264337593543950335bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::AmountOutOfRange { .. })
    ));
    // Too many digits after the point is the same error, and says so.
    let err = "€0.12345678901234567890123456789012345"
        .parse::<Money>()
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::AmountOutOfRange { .. }));
    assert!(
        err.to_string()
            .contains("at most 28 digits after the point"),
        "{err}"
    );
    let max = Money::new(Decimal::MAX, Currency::EUR);
    assert_eq!(
        max.checked_add(&max),
        Err(ErrorKind::Overflow {
            operation: Operation::Addition
        }
        .into())
    );
}

#[test]
fn a_mixed_currency_sum() {
    let eur: Money = "€1bn".parse().unwrap();
    let usd: Money = "US$1bn".parse().unwrap();
    assert_eq!(
        eur.checked_add(&usd),
        Err(ErrorKind::CurrencyMismatch {
            left: Currency::EUR,
            right: Currency::USD
        }
        .into())
    );
}

#[test]
fn malformed_text_names_the_offset() {
    for (text, offset) in [
        ("over", 4),
        ("about € bn", 10),
        ("€1,00", 4),
        ("€20bn and more", 8),
    ] {
        match text.parse::<Figure>().as_ref().map_err(Error::kind) {
            Err(ErrorKind::Syntax {
                offset: o, input, ..
            }) => {
                assert_eq!((*o, input.as_str()), (offset, text));
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn overlapping_membership() {
    let mut a = Alliance::new("Coalition").unwrap();
    a.add_member(Country::PL, d(2024, 1, 1)).unwrap();
    let err = a.add_member(Country::PL, d(2025, 1, 1)).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::InvalidMembership { joined, .. } if *joined == d(2025, 1, 1))
    );
}

// ---- Files: the pledge CSV and the ECB rates. Each test checks the kind
// ---- of error and where it is, and that nothing was loaded.

mod files {
    use alliance_commitments::error::{ErrorKind, Grammar};
    use alliance_commitments::{Currency, Error, Pledges, RateTable};
    use chrono::NaiveDate;

    const HEADER: &str = "id,donor,recipient,announced,amount,currency";

    fn read(text: &[u8]) -> (Result<usize, Error>, Pledges) {
        let mut pledges = Pledges::new();
        let result = pledges.read_csv(text);
        (result, pledges)
    }

    /// The error in a field: its line, column and column name, and what
    /// went wrong.
    fn field(e: &Error) -> (u64, u64, &str, &ErrorKind) {
        let p = e.position();
        match (p.line(), p.column(), p.field()) {
            (Some(line), Some(column), Some(name)) => (line, column, name, e.kind()),
            _ => panic!("not a field error: {e:?}"),
        }
    }

    /// The text a syntax error quotes: the field's value as written.
    fn input(kind: &ErrorKind) -> &str {
        match kind {
            ErrorKind::Syntax { input, .. } => input,
            other => panic!("not a syntax error: {other:?}"),
        }
    }

    #[test]
    fn a_missing_required_column() {
        let (r, p) = read(b"donor,recipient,currency\nDE,UA,EUR\n");
        let err = r.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::MissingColumn { name: "amount" });
        assert_eq!(err.position().line(), Some(1));
        assert!(p.is_empty());
    }

    #[test]
    fn a_duplicated_column() {
        let (r, _) = read(b"donor,recipient,amount,currency,donor\n");
        let err = r.unwrap_err();
        assert_eq!(
            field(&err),
            (
                1,
                5,
                "donor",
                &ErrorKind::DuplicateColumn {
                    name: "donor".into()
                }
            )
        );
    }

    #[test]
    fn an_unknown_column() {
        let (r, _) = read(b"donor,recipient,amount,currency,notes\n");
        let err = r.unwrap_err();
        assert_eq!(
            field(&err),
            (
                1,
                5,
                "notes",
                &ErrorKind::UnknownColumn {
                    name: "notes".into()
                }
            )
        );
    }

    #[test]
    fn a_row_with_too_few_fields() {
        let text = format!("{HEADER}\na,DE,UA,2025-01-02,5,EUR\nb,DE,UA,5,EUR\n");
        let (r, p) = read(text.as_bytes());
        let err = r.unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::FieldCount {
                expected: 6,
                found: 5
            }
        );
        assert_eq!(err.position().line(), Some(3));
        assert!(p.is_empty(), "the good first row must not be kept");
    }

    #[test]
    fn a_bom_at_the_start_is_accepted() {
        let text = format!("\u{feff}{HEADER}\na,DE,UA,2025-01-02,5,EUR\n");
        let (r, p) = read(text.as_bytes());
        assert_eq!(r, Ok(1));
        assert_eq!(p.get("a").map(|x| x.donor().id()), Some("DE"));
    }

    #[test]
    fn crlf_line_ends_are_accepted() {
        let text = format!("{HEADER}\r\na,DE,UA,2025-01-02,5.50,EUR\r\nb,FR,UA,,6,EUR\r\n");
        let (r, p) = read(text.as_bytes());
        assert_eq!(r, Ok(2));
        assert_eq!(
            p.get("a").unwrap().figure().stated().amount().to_string(),
            "5.50"
        );
        assert_eq!(p.get("b").unwrap().figure().currency(), Currency::EUR);
    }

    #[test]
    fn an_empty_file() {
        assert_eq!(read(b"").0, Err(ErrorKind::EmptyInput.into()));
        // A header alone is a valid file with no pledges.
        assert_eq!(read(format!("{HEADER}\n").as_bytes()).0, Ok(0));
    }

    #[test]
    fn text_after_a_closing_quote() {
        // `csv` reads `"Kiel"s data` as `Kiels data`: the quotes go and
        // what the cell said is a guess. Here it is an error at the cell.
        for (cell, what) in [("\"Kiel\"s data", "text"), ("\"Kiel\" ", "a space")] {
            let text =
                format!("{HEADER},source\na,DE,UA,2025-01-02,5,EUR,x\nb,FR,UA,,6,EUR,{cell}\n");
            let (r, p) = read(text.as_bytes());
            let err = r.unwrap_err();
            assert_eq!(
                field(&err),
                (3, 7, "source", &ErrorKind::TextAfterQuote),
                "{what}: {err}"
            );
            assert!(p.is_empty(), "{what}");
        }
        // A quote inside an unquoted cell is text, as it is in `csv`.
        let text = format!("{HEADER},source\na,DE,UA,2025-01-02,5,EUR,a 12\" screen\n");
        assert_eq!(read(text.as_bytes()).0, Ok(1));
    }

    #[test]
    fn a_non_utf8_byte() {
        let mut bytes = format!("{HEADER}\na,DE,UA,2025-01-02,5,").into_bytes();
        bytes.extend_from_slice(b"EU\xffR\n");
        let (r, p) = read(&bytes);
        let err = r.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidUtf8);
        assert_eq!(
            (err.position().line(), err.position().column()),
            (Some(2), Some(6))
        );
        assert!(p.is_empty());
    }

    #[test]
    fn an_amount_with_a_thousands_separator() {
        let text = format!("{HEADER}\na,DE,UA,2025-01-02,\"1,500\",EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (line, column, name, kind) = field(&err);
        assert_eq!((line, column, name, input(kind)), (2, 5, "amount", "1,500"));
        assert!(
            matches!(kind, ErrorKind::Syntax { offset: 1, .. }),
            "{kind:?}"
        );
    }

    #[test]
    fn a_currency_sign_in_the_amount_column() {
        let text = format!("{HEADER}\na,DE,UA,2025-01-02,€5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (line, column, _, kind) = field(&err);
        assert_eq!((line, column, input(kind)), (2, 5, "€5"));
        assert!(matches!(kind, ErrorKind::Syntax { offset: 0, .. }));
    }

    #[test]
    fn a_date_written_day_first() {
        let text = format!("{HEADER}\na,DE,UA,31/12/2024,5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (line, column, name, kind) = field(&err);
        assert_eq!(
            (line, column, name, input(kind)),
            (2, 4, "announced", "31/12/2024")
        );
        assert!(matches!(
            kind,
            ErrorKind::Syntax {
                grammar: Grammar::Date,
                offset: 0,
                reason: "expected a four-digit year",
                ..
            }
        ));
    }

    #[test]
    fn a_date_that_does_not_exist_in_a_file() {
        let text = format!("{HEADER}\na,DE,UA,2025-02-30,5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (line, column, _, kind) = field(&err);
        assert_eq!((line, column), (2, 4));
        assert_eq!(
            kind,
            &ErrorKind::InvalidDate {
                year: 2025,
                month: 2,
                day: 30
            }
        );
    }

    #[test]
    fn an_unknown_country_or_currency_in_a_file() {
        let text = format!("{HEADER}\na,XX,UA,,5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        assert_eq!(
            field(&err),
            (
                2,
                2,
                "donor",
                &ErrorKind::UnknownCountry { code: "XX".into() }
            )
        );
        let text = format!("{HEADER}\na,DE,UA,,5,EUX\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        assert_eq!(
            field(&err),
            (
                2,
                6,
                "currency",
                &ErrorKind::UnknownCurrency { code: "EUX".into() }
            )
        );
    }

    #[test]
    fn a_negative_bound_in_a_file_but_a_correction_is_fine() {
        let text = format!("{HEADER}\na,DE,UA,,over -5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (line, column, _, kind) = field(&err);
        assert_eq!((line, column), (2, 5));
        assert!(matches!(kind, ErrorKind::NegativeBound { .. }));
        let text = format!("{HEADER}\nfix,DE,UA,,-62000000,EUR\n");
        assert_eq!(read(text.as_bytes()).0, Ok(1));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn a_negative_bound_in_json() {
        let json = r#"[{"donor": "DE", "recipient": "UA", "announced": null, "funded": null,
            "category": "military", "instrument": "grant", "stage": "announced",
            "amount": "over -5", "currency": "EUR"}]"#;
        let mut pledges = Pledges::new();
        let err = pledges.read_json(json.as_bytes()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Json { .. }), "{err:?}");
        assert_eq!(err.position().line(), Some(3), "{err:?}");
        assert!(err.to_string().contains("negative bound"), "{err}");
        assert!(pledges.is_empty());
    }

    #[test]
    fn an_amount_beyond_decimal_range_in_a_file() {
        let text = format!("{HEADER}\na,DE,UA,,99999999999999999999999999999999,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        let (_, column, _, kind) = field(&err);
        assert_eq!(column, 5);
        assert!(matches!(kind, ErrorKind::AmountOutOfRange { .. }));
    }

    #[test]
    fn a_duplicated_id_names_the_second_line() {
        let text = format!("{HEADER}\na,DE,UA,,5,EUR\nb,DE,UA,,5,EUR\na,FR,UA,,5,EUR\n");
        let err = read(text.as_bytes()).0.unwrap_err();
        assert_eq!(
            field(&err),
            (4, 1, "id", &ErrorKind::DuplicateId { id: "a".into() })
        );
        // The third data row, whose id is "a".
        assert_eq!(
            (err.position().record(), err.position().pledge()),
            (Some(3), Some("a"))
        );
    }

    #[test]
    fn a_failed_load_leaves_what_was_loaded_before() {
        let mut pledges = Pledges::new();
        pledges
            .read_csv(format!("{HEADER}\nfirst,DE,UA,,5,EUR\n").as_bytes())
            .unwrap();
        let before = pledges.clone();
        let bad = format!("{HEADER}\nsecond,DE,UA,,5,EUR\nthird,DE,UA,,5,XXX\n");
        assert!(pledges.read_csv(bad.as_bytes()).is_err());
        assert_eq!(pledges, before);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_na_rate_is_no_quote() {
        let mut rates = RateTable::new();
        let file = "Date,USD,RUB,\n2022-03-02,1.1139,N/A,\n2022-03-01,1.1162,117.2,\n";
        assert_eq!(rates.read_ecb_history(file.as_bytes()), Ok(3));
        // RUB falls back to the day before, within the window.
        let rub = Currency::from_code("RUB").unwrap();
        assert_eq!(
            rates
                .rate_on(rub, d(2022, 3, 2))
                .unwrap()
                .units_per_eur()
                .map(|r| r.to_string()),
            Some("117.2".to_owned())
        );
    }

    #[test]
    fn a_header_after_a_bom_and_blank_lines_is_placed_on_its_own_line() {
        // The mark is on line 1, the header on line 3 (after CRLF and a lone
        // CR): errors about the header name line 3.
        let (r, _) = read(b"\xef\xbb\xbf\r\n\rid,donor,recipient,amount\n");
        let err = r.unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::MissingColumn { name: "currency" });
        assert_eq!(err.position().line(), Some(3));
        let (r, _) = read(b"\xef\xbb\xbf\n\"id\"x,donor,recipient,amount,currency\n");
        assert_eq!(r.unwrap_err().position().line(), Some(2));
        let mut rates = RateTable::new();
        let err = rates
            .read_ecb_history(&b"\xef\xbb\xbf\r\nDate,XQQ,\n2025-01-03,1,\n"[..])
            .unwrap_err();
        assert_eq!(
            field(&err),
            (
                2,
                2,
                "XQQ",
                &ErrorKind::UnknownCurrency { code: "XQQ".into() }
            )
        );
        // A pledge after such a header is numbered from it.
        let (r, _) = read(b"\xef\xbb\xbf\nid,donor,recipient,amount,currency\na,DE,UA,5,EUX\n");
        assert_eq!(r.unwrap_err().position().line(), Some(3));
    }

    #[test]
    fn tables_read_their_csv_as_pledge_files_do() {
        use alliance_commitments::tables::{PopulationTable, PriceIndex};
        // Text after a closing quote, a quote never closed, a row of the
        // wrong length: refused at their line (and field), as in pledge
        // files; lines counted past blank lines, CRLF and a lone CR.
        let stray = "donor,year,population\r\n\r\nDE,2024,1\r\"EE\"x,2024,2\n";
        let err = PopulationTable::read_csv(stray.as_bytes()).unwrap_err();
        assert_eq!(field(&err), (4, 1, "donor", &ErrorKind::TextAfterQuote));
        let open = "donor,year,population\nDE,2024,1\nEE,2024,\"2\nLV,2024,3\n";
        let err = PopulationTable::read_csv(open.as_bytes()).unwrap_err();
        assert_eq!(field(&err), (3, 3, "population", &ErrorKind::UnclosedQuote));
        let short = "\n\narea,year,index\nEUR,2024,100\nEUR,2025\n";
        let err = PriceIndex::read_csv(short.as_bytes()).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::FieldCount {
                expected: 3,
                found: 2
            }
        );
        assert_eq!(err.position().line(), Some(5));
        // The header's own errors name its line.
        let missing = "\n\ndonor,year\nDE,2024\n";
        let err = PopulationTable::read_csv(missing.as_bytes()).unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::MissingColumn { name: "population" });
        assert_eq!(err.position().line(), Some(3));
        let bad = b"donor,year,population\nDE,2024,\xff\n";
        let err = PopulationTable::read_csv(&bad[..]).unwrap_err();
        assert_eq!(field(&err), (2, 3, "population", &ErrorKind::InvalidUtf8));
    }

    #[test]
    fn header_errors_read_on_one_line_with_the_name_as_written() {
        use alliance_commitments::tables::PopulationTable;
        // A column name with a line break and an escape is shown escaped.
        let text = "donor,year,\"popu\nlation\u{1b}[31m\"\nDE,2024,1\n";
        let e = PopulationTable::read_csv(text.as_bytes()).unwrap_err();
        let shown = e.to_string();
        assert!(
            !shown.contains('\n') && !shown.contains('\u{1b}'),
            "{shown}"
        );
        assert!(
            shown.starts_with(r#"line 1, column 3 ("popu\nlation\u{1b}[31m"): "#),
            "{shown}"
        );
        // A name that is not text has no name to show.
        let e = PopulationTable::read_csv(&b"donor,\xffyear,population\n"[..]).unwrap_err();
        assert_eq!(e.kind(), &ErrorKind::InvalidUtf8);
        assert!(e.to_string().starts_with("line 1, column 2: "), "{e}");
        // A byte-order mark is taken off only where it opens the file.
        let e =
            PopulationTable::read_csv("donor,\u{feff}year,population\n".as_bytes()).unwrap_err();
        assert_eq!(
            e.kind(),
            &ErrorKind::UnknownColumn {
                name: "\u{feff}year".into()
            }
        );
        assert!(PopulationTable::read_csv("\u{feff}donor,year,population\n".as_bytes()).is_ok());
        // A long name is kept, and shown, as a short prefix.
        let long = "x".repeat(100_000);
        let e = PopulationTable::read_csv(format!("donor,year,{long}\n").as_bytes()).unwrap_err();
        assert_eq!(e.position().field().map(str::len), Some(49));
        assert!(e.to_string().len() < 200, "{e}");
    }

    #[test]
    fn text_after_a_closing_quote_in_a_rates_file() {
        let mut rates = RateTable::new();
        let file = "Date,USD,\n2025-01-03,\"1.03\"5,\n";
        let err = rates.read_ecb_history(file.as_bytes()).unwrap_err();
        assert_eq!(field(&err), (2, 2, "USD", &ErrorKind::TextAfterQuote));
        assert!(rates.is_empty());
    }

    #[test]
    fn a_rates_file_whose_dates_are_out_of_order() {
        let mut rates = RateTable::new();
        let file = "Date,USD,\n2025-01-03,1.03,\n2025-01-02,1.04,\n2025-01-06,1.05,\n";
        let err = rates.read_ecb_history(file.as_bytes()).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::DatesOutOfOrder {
                date: d(2025, 1, 6),
                previous: d(2025, 1, 2)
            }
        );
        assert_eq!(err.position().line(), Some(4));
        assert!(rates.is_empty());
        let repeated = "Date,USD,\n2025-01-03,1.03,\n2025-01-03,1.04,\n";
        let err = rates.read_ecb_history(repeated.as_bytes()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::DatesOutOfOrder { .. }));
        assert_eq!(err.position().line(), Some(3));
        // Oldest first is fine.
        let ascending = "Date,USD,\n2025-01-02,1.04,\n2025-01-03,1.03,\n";
        assert_eq!(rates.read_ecb_history(ascending.as_bytes()), Ok(2));
    }

    #[test]
    fn bad_values_in_a_rates_file() {
        let mut rates = RateTable::new();
        let unknown = "Date,USD,XYZ,\n2025-01-03,1.03,2,\n";
        let err = rates.read_ecb_history(unknown.as_bytes()).unwrap_err();
        assert_eq!(
            field(&err),
            (
                1,
                3,
                "XYZ",
                &ErrorKind::UnknownCurrency { code: "XYZ".into() }
            )
        );
        let text = "Date,USD,\n2025-01-03,1.03,\n2025-01-02,abc,\n";
        let err = rates.read_ecb_history(text.as_bytes()).unwrap_err();
        let (line, column, name, kind) = field(&err);
        assert_eq!((line, column, name, input(kind)), (3, 2, "USD", "abc"));
        assert!(matches!(
            kind,
            ErrorKind::Syntax {
                grammar: Grammar::Number,
                ..
            }
        ));
        let zero = "Date,USD,\n2025-01-03,0,\n";
        let err = rates.read_ecb_history(zero.as_bytes()).unwrap_err();
        let (_, _, _, kind) = field(&err);
        assert!(matches!(kind, ErrorKind::NonPositiveRate { .. }));
        let daily = "Date, USD, \n31 February 2025, 1.03, \n";
        let err = rates.read_ecb_daily(daily.as_bytes()).unwrap_err();
        let (line, column, _, kind) = field(&err);
        assert_eq!((line, column), (2, 1));
        assert!(matches!(kind, ErrorKind::InvalidDate { .. }));
        assert!(rates.is_empty());
    }
}
