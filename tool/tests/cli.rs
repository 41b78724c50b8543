//! Runs the built `alliance` binary and checks what it prints, on standard
//! output and standard error, and its exit code. Expected values are
//! worked out by hand from the sample files in examples/data/.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const PLEDGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/pledges.csv");
const RATES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/eurofxref-hist.csv"
);
const HAND: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/data/totals-donor-year.csv"
);

struct Run {
    code: i32,
    out: Vec<u8>,
    err: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.out.clone()).expect("UTF-8")
    }
}

fn alliance(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_alliance"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("alliance runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        // A command that stops before reading (a usage error) closes the
        // pipe first: that is not the test's failure.
        if let Err(e) = input.write_all(bytes) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    }
    drop(input);
    let output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().expect("exit code"),
        out: output.stdout,
        err: String::from_utf8(output.stderr).expect("UTF-8"),
    }
}

/// A scratch directory for this test, made anew and removed when dropped
/// (whether the test passes or fails).
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("alliance-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn join(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const SAMPLE: [&str; 9] = [
    "totals",
    "--pledges",
    PLEDGES,
    "--rates",
    RATES,
    "--in",
    "EUR",
    "--by",
    "donor,year",
];

#[test]
fn help_and_version_print_on_stdout_and_exit_0() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["totals", "--help"],
        &["check", "--help"],
    ] {
        let run = alliance(args, None);
        assert_eq!(run.code, 0, "{args:?}: {}", run.err);
        assert!(run.stdout().starts_with("alliance"), "{}", run.stdout());
        assert!(run.stdout().contains("usage:"));
        assert!(run.err.is_empty());
    }
    let run = alliance(&["--version"], None);
    assert_eq!(
        (run.code, run.stdout().as_str()),
        (0, concat!("alliance ", env!("CARGO_PKG_VERSION"), "\n"))
    );
}

#[test]
fn usage_errors_go_to_stderr_with_exit_2_and_nothing_on_stdout() {
    for (args, says) in [
        (&[][..], "a command is needed"),
        (&["sum"], "unknown command \"sum\""),
        (
            &["totals", "--in", "EUR", "--by", "donor"],
            "--pledges is required",
        ),
        (
            &["totals", "--pledges", PLEDGES, "--by", "donor"],
            "--in is required",
        ),
        (
            &[
                "totals",
                "--pledges",
                PLEDGES,
                "--in",
                "EUR",
                "--by",
                "colour",
            ],
            "unknown key \"colour\"",
        ),
        (
            &[
                "totals",
                "--pledges",
                PLEDGES,
                "--in",
                "EUX",
                "--by",
                "donor",
            ],
            "--in: unknown currency code \"EUX\"",
        ),
        (
            &[
                "totals",
                "--pledges",
                PLEDGES,
                "--in",
                "EUR",
                "--by",
                "donor",
                "--format",
                "xls",
            ],
            "\"xls\" is not csv, json or parquet",
        ),
        (
            &[
                "totals",
                "--pledges",
                PLEDGES,
                "--in",
                "EUR",
                "--by",
                "donor",
                "--date",
                "spent",
            ],
            "is not \"announced\", \"funded\" or \"delivered\"",
        ),
        (
            &[
                "totals",
                "--pledges",
                "-",
                "--rates",
                "-",
                "--in",
                "EUR",
                "--by",
                "donor",
            ],
            "cannot both be standard input",
        ),
        (
            &[
                "totals",
                "--pledges",
                "-",
                "--institutions",
                "-",
                "--in",
                "EUR",
                "--by",
                "donor",
            ],
            "--pledges and --institutions cannot both be standard input",
        ),
        (&["totals", "--bogus"], "invalid option '--bogus'"),
        (&["check"], "--pledges is required"),
        (
            &["check", "--pledges", PLEDGES, "--limit", "many"],
            "--limit",
        ),
    ] {
        let run = alliance(args, None);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.out.is_empty(), "{args:?}: {}", run.stdout());
        assert!(run.err.contains(says), "{args:?}: {}", run.err);
    }
}

#[test]
fn totals_on_the_sample_matches_the_hand_computation() {
    // At announcement-date rates from the sample rates file:
    // £3,000,000,000.00 ÷ 0.8420 = 3,562,945,368.171… → .17;
    // PLN 100m and 150m ÷ 4.2980 = 23,266,635.644… and 34,899,953.466… → .64, .47;
    // SEK 7bn ÷ 11.2300 = 623,330,365.093… → .09; over US$3bn ÷ 1.0380 = 2,890,173,410.404… → .40;
    // the undated Norwegian pledge is in EUR, so it needs no rate: 23,417,159.978… → .98.
    let expected = std::fs::read_to_string(HAND).unwrap();
    let run = alliance(&SAMPLE, None);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.stdout(), expected);
    assert!(
        run.err.is_empty(),
        "no progress when stderr is not a terminal"
    );
    // The same from standard input.
    let mut args = SAMPLE;
    args[2] = "-";
    let run = alliance(&args, Some(&std::fs::read(PLEDGES).unwrap()));
    assert_eq!(
        (run.code, run.stdout()),
        (0, expected.clone()),
        "{}",
        run.err
    );
    // And the rates from standard input.
    let mut args = SAMPLE;
    args[4] = "-";
    let run = alliance(&args, Some(&std::fs::read(RATES).unwrap()));
    assert_eq!((run.code, run.stdout()), (0, expected), "{}", run.err);
}

#[test]
fn threads_change_nothing_but_a_bad_count_is_a_usage_error() {
    let expected = std::fs::read_to_string(HAND).unwrap();
    for n in ["1", "2", "3"] {
        let mut args = SAMPLE.to_vec();
        args.extend(["--threads", n]);
        let run = alliance(&args, None);
        assert_eq!(
            (run.code, run.stdout()),
            (0, expected.clone()),
            "{n}: {}",
            run.err
        );
    }
    let mut args = SAMPLE.to_vec();
    args.extend(["--threads", "two"]);
    let run = alliance(&args, None);
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.out.is_empty());
    assert!(run.err.contains("--threads"), "{}", run.err);
}

#[test]
fn bounds_add_four_columns() {
    let mut args = SAMPLE.to_vec();
    args.push("--bounds");
    let run = alliance(&args, None);
    assert_eq!(run.code, 0, "{}", run.err);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "donor,year,total,currency,lower,upper,lower_open,upper_open"
    );
    for line in [
        "DE,2025,7000000000.00,EUR,7000000000.00,7000000000.00,false,false",
        // about €4bn ± 5%: 4bn × 0.95 and × 1.05.
        "DK,2025,about 4000000000.00 ± 5%,EUR,3800000000.00,4200000000.00,false,false",
        "NL,2024,-62000000.00,EUR,-62000000.00,-62000000.00,false,false",
        "PL,2024,between 23266635.64 and 34899953.47,EUR,23266635.64,34899953.47,false,false",
        // over: the lower bound excluded, no upper bound.
        "US,2025,over 2890173410.40,EUR,2890173410.40,,true,true",
        // up to: [0, 5bn].
        "EPF,2024,up to 5000000000.00,EUR,0.00,5000000000.00,false,false",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{out}");
    }
    assert_eq!(lines.len(), 11);
}

#[test]
fn json_writes_decimals_as_strings() {
    let mut args = SAMPLE.to_vec();
    args[8] = "donor";
    args.extend(["--format", "json"]);
    let run = alliance(&args, None);
    assert_eq!(run.code, 0, "{}", run.err);
    let out = run.stdout();
    assert!(out.starts_with("[\n  {\"donor\": \"DE\", "), "{out}");
    // NL: 3,500,000,000.00 − 62,000,000.00 = 3,438,000,000.00.
    assert!(out.contains(
        r#"{"donor": "NL", "total": "3438000000.00", "currency": "EUR", "lower": "3438000000.00", "upper": "3438000000.00", "lower_open": false, "upper_open": false}"#
    ), "{out}");
    assert!(out.contains(
        r#"{"donor": "US", "total": "over 2890173410.40", "currency": "EUR", "lower": "2890173410.40", "upper": null, "lower_open": true, "upper_open": true}"#
    ), "{out}");
    assert!(out.ends_with("}\n]\n"));
}

#[test]
fn parquet_reads_back_to_the_cent() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    let dir = Scratch::new("parquet");
    let path = dir.join("totals.parquet");
    let mut args = SAMPLE.to_vec();
    args.extend(["--format", "parquet", "--output", path.to_str().unwrap()]);
    let run = alliance(&args, None);
    assert_eq!(run.code, 0, "{}", run.err);
    assert!(run.out.is_empty());

    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let schema = reader.metadata().file_metadata().schema_descr();
    let columns: Vec<String> = schema
        .columns()
        .iter()
        .map(|c| c.name().to_owned())
        .collect();
    assert_eq!(
        columns,
        [
            "donor",
            "year",
            "total",
            "currency",
            "lower",
            "upper",
            "lower_open",
            "upper_open"
        ]
    );
    for i in [4, 5] {
        let c = schema.column(i);
        assert_eq!((c.type_precision(), c.type_scale()), (38, 2));
    }
    // Each row as text, a decimal as its unscaled integer (cents) and scale.
    let cents = |f: &Field| match f {
        Field::Decimal(d) => {
            let bytes: [u8; 16] = d.data().try_into().expect("16 bytes");
            format!("{}/{}", i128::from_be_bytes(bytes), d.scale())
        }
        Field::Null => "null".into(),
        other => other.to_string(),
    };
    let rows: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            let row = row.unwrap();
            let fields: Vec<String> = row.get_column_iter().map(|(_, f)| cents(f)).collect();
            fields.join(" ")
        })
        .collect();
    assert_eq!(
        rows,
        [
            r#""DE" "2025" "7000000000.00" "EUR" 700000000000/2 700000000000/2 false false"#,
            r#""DK" "2025" "about 4000000000.00 ± 5%" "EUR" 380000000000/2 420000000000/2 false false"#,
            // £3bn ÷ 0.8420 = 3,562,945,368.171… → .17
            r#""GB" "2025" "3562945368.17" "EUR" 356294536817/2 356294536817/2 false false"#,
            r#""NL" "2024" "-62000000.00" "EUR" -6200000000/2 -6200000000/2 false false"#,
            r#""NL" "2025" "3500000000.00" "EUR" 350000000000/2 350000000000/2 false false"#,
            r#""NO" "unknown" "23417159.98" "EUR" 2341715998/2 2341715998/2 false false"#,
            // PLN 100m and 150m ÷ 4.2980 = 23,266,635.644… (down) and 34,899,953.466… (up)
            r#""PL" "2024" "between 23266635.64 and 34899953.47" "EUR" 2326663564/2 3489995347/2 false false"#,
            // SEK 7bn ÷ 11.2300 = 623,330,365.093… → .09
            r#""SE" "2024" "623330365.09" "EUR" 62333036509/2 62333036509/2 false false"#,
            // over US$3bn ÷ 1.0380 = 2,890,173,410.404… → .40, no upper bound
            r#""US" "2025" "over 2890173410.40" "EUR" 289017341040/2 null true true"#,
            r#""EPF" "2024" "up to 5000000000.00" "EUR" 0/2 500000000000/2 false false"#,
        ]
    );
}

#[test]
fn totals_reports_bad_input_on_stderr_and_nothing_on_stdout() {
    let dir = Scratch::new("bad");
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "donor,recipient,amount,currency\nDE,UA,5,EUR\nDE,UA,\"1,500\",EUR\n",
    )
    .unwrap();
    let args = [
        "totals",
        "--pledges",
        bad.to_str().unwrap(),
        "--in",
        "EUR",
        "--by",
        "donor",
    ];
    let run = alliance(&args, None);
    assert_eq!(run.code, 1);
    assert!(run.out.is_empty());
    assert!(
        run.err
            .contains("bad.csv: line 3, column 3 (amount): invalid amount \"1,500\""),
        "{}",
        run.err
    );
    // From standard input, the file is named so.
    let mut args = args;
    args[2] = "-";
    let run = alliance(&args, Some(&std::fs::read(&bad).unwrap()));
    assert_eq!(run.code, 1);
    assert!(run.out.is_empty());
    assert!(
        run.err.contains("<stdin>: line 3, column 3 (amount)"),
        "{}",
        run.err
    );
    // An undated pledge in another currency names its line, unless a rate date is given.
    let undated = dir.join("undated.csv");
    std::fs::write(
        &undated,
        "donor,recipient,amount,currency\nDE,UA,5,EUR\nUS,UA,7,USD\n",
    )
    .unwrap();
    let args = [
        "totals",
        "--pledges",
        undated.to_str().unwrap(),
        "--in",
        "EUR",
        "--by",
        "donor",
    ];
    let run = alliance(&args, None);
    assert!(run.code == 1 && run.out.is_empty());
    assert!(
        run.err
            .contains("undated.csv: line 3: the pledge is undated: its USD amount"),
        "{}",
        run.err
    );
    let mut args = args.to_vec();
    args.extend(["--rate-date", "2025-01-02"]);
    let run = alliance(&args, None);
    assert!(run.code == 1 && run.out.is_empty());
    assert!(run.err.contains("no USD rate on 2025-01-02"), "{}", run.err);
    // A missing file is named.
    let run = alliance(
        &[
            "totals",
            "--pledges",
            "/nonexistent/p.csv",
            "--in",
            "EUR",
            "--by",
            "donor",
        ],
        None,
    );
    assert!(run.code == 1 && run.out.is_empty());
    assert!(run.err.contains("/nonexistent/p.csv: "), "{}", run.err);
}

#[test]
fn totals_filters_as_asked() {
    // Only NATO allies' delivered pledges, by donor: NL 3.5bn − 62m (both
    // delivered) and PL; SE's delivered pledge was announced on 2024-02-20,
    // before Sweden joined on 2024-03-07, and EPF is no ally.
    let run = alliance(
        &[
            "totals",
            "--pledges",
            PLEDGES,
            "--rates",
            RATES,
            "--in",
            "EUR",
            "--by",
            "donor",
            "--stage",
            "delivered",
            "--alliance",
            "nato",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(
        run.stdout(),
        "donor,total,currency\n\
         NL,3438000000.00,EUR\n\
         PL,between 23266635.64 and 34899953.47,EUR\n"
    );
}

#[test]
fn check_passes_a_clean_file_with_one_line() {
    let run = alliance(&["check", "--pledges", PLEDGES, "--rates", RATES], None);
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.stdout(), format!("{PLEDGES}: 10 rows, no problems\n"));
}

#[test]
fn check_lists_every_problem() {
    let dir = Scratch::new("check");
    let bad = dir.join("bad.csv");
    std::fs::write(
        &bad,
        "id,donor,recipient,announced,amount,currency\n\
         a,DE,UA,2025-01-02,5,EUX\n\
         b,DE,UA\n\
         c,PL,UA,2025-01-02,7,EUR\n\
         d,XX,UA,2025-01-02,1,EUR\n\
         c,US,UA,2025-01-02,\"1,500\",USD\n\
         e,US,UA,2030-01-01,15,USD\n\
         c,NL,UA,,15,EUR\n\
         g,\"FR\" ,UA,,5,EUR\n",
    )
    .unwrap();
    let name = bad.to_str().unwrap();
    let run = alliance(&["check", "--pledges", name, "--rates", RATES], None);
    assert_eq!(run.code, 1, "{}", run.err);
    let expected = [
        format!(
            "{name}: line 2, column 6 (currency): unknown currency code \"EUX\": not an ISO 4217 code with a minor unit"
        ),
        format!("{name}: line 3: 3 fields where the header has 6"),
        format!(
            "{name}: line 5, column 2 (donor): unknown country code \"XX\": not an ISO 3166-1 alpha-2 or alpha-3 code"
        ),
        format!(
            "{name}: line 6, column 5 (amount): invalid amount \"1,500\" at byte 1: unexpected text"
        ),
        // The sample's last USD quote is for 2025-03-20, far more than 7 days before.
        format!("{name}: line 7: no USD rate on 2030-01-01 or in the 7 days before it"),
        format!("{name}: line 8, column 1 (\"id\"): duplicate pledge id \"c\" (first on line 4)"),
        format!("{name}: line 9, column 2 (donor): text after the closing quote of a quoted field"),
        format!("{name}: 8 rows, 7 problems"),
    ];
    assert_eq!(run.stdout().lines().collect::<Vec<_>>(), expected);
    // At most --limit listed; the rest counted.
    let run = alliance(&["check", "--pledges", name, "--limit", "2"], None);
    assert_eq!(run.code, 1);
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    // Without --rates, the rate problem is not one: 5 problems.
    assert_eq!(
        lines[2],
        format!("{name}: 8 rows, 6 problems (2 listed, 4 not)")
    );
    // A bad header is one problem.
    let header = dir.join("header.csv");
    std::fs::write(&header, "donor,recipient,amount\nDE,UA,5\n").unwrap();
    let run = alliance(
        &["check", "--pledges", "-"],
        Some(&std::fs::read(&header).unwrap()),
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout(),
        "<stdin>: line 1: missing required column \"currency\"\n<stdin>: 0 rows, 1 problem\n"
    );
}

/// Two pledges a year apart and a price index: worked out by hand.
const TWO_YEARS: &str = "id,donor,recipient,announced,funded,stage,amount,currency\n\
a,DE,UA,2024-03-01,2024,committed,100.00,EUR\n\
b,DE,UA,2025-02-01,2025,committed,206.00,EUR\n";

#[test]
fn as_of_counts_only_what_was_announced_by_then() {
    let run = alliance(
        &[
            "totals",
            "--pledges",
            "-",
            "--in",
            "EUR",
            "--by",
            "year",
            "--as-of",
            "2024-12-31",
        ],
        Some(TWO_YEARS.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.err);
    assert_eq!(run.stdout(), "year,total,currency\n2024,100.00,EUR\n");
}

#[test]
fn prices_give_totals_in_constant_prices_of_the_base_year() {
    let prices_dir = Scratch::new("prices");
    let prices = prices_dir.join("prices.csv");
    std::fs::write(&prices, "area,year,index\nEUR,2024,100\nEUR,2025,103\n").unwrap();
    let prices = prices.to_str().unwrap();
    let run = alliance(
        &[
            "totals",
            "--pledges",
            "-",
            "--in",
            "EUR",
            "--by",
            "year",
            "--prices",
            prices,
            "--base",
            "2024",
        ],
        Some(TWO_YEARS.as_bytes()),
    );
    assert_eq!(run.code, 0, "{}", run.err);
    // 2025: €206 × 100 ÷ 103 = €200 in 2024 prices, exactly.
    assert_eq!(
        run.stdout(),
        "year,total,currency\n2024,100.00,EUR\n2025,200.00,EUR\n"
    );
    // --base without --prices is a usage error.
    let run = alliance(
        &[
            "totals",
            "--pledges",
            "-",
            "--in",
            "EUR",
            "--by",
            "year",
            "--base",
            "2024",
        ],
        Some(TWO_YEARS.as_bytes()),
    );
    assert_eq!((run.code, run.out.is_empty()), (2, true));
}

#[test]
fn institutions_share_their_aid_out_to_members_by_a_key() {
    let keys_dir = Scratch::new("keys");
    let keys = keys_dir.join("keys.csv");
    std::fs::write(
        &keys,
        "institution,member,share,source\nEU,DE,0.6,EU budget 2024\nEU,FR,0.4,EU budget 2024\n",
    )
    .unwrap();
    let pledges = "donor,recipient,announced,amount,currency\n\
                   EU,UA,2025-01-10,100.00,EUR\nDE,UA,2025-01-11,10.00,EUR\n";
    let keys = keys.to_str().unwrap();
    // The pledges above, by `by`, with the keys in `file`.
    let shared = |by: &str, file: &str| {
        let args = ["totals", "--pledges", "-", "--in", "EUR", "--by", by];
        alliance(
            &[&args[..], &["--institutions", file]].concat(),
            Some(pledges.as_bytes()),
        )
    };
    let run = shared("donor", keys);
    assert_eq!(run.code, 0, "{}", run.err);
    // DE: €10 bilateral + 0.6 × €100; FR: 0.4 × €100; the EU has no row.
    assert_eq!(
        run.stdout(),
        "donor,total,currency\nDE,70.00,EUR\nFR,40.00,EUR\n"
    );
    // Other keys than donor alone are a usage error.
    let run = shared("donor,year", keys);
    assert_eq!((run.code, run.out.is_empty()), (2, true));
    // A bad key file is bad input, its error placed as a pledge file's.
    let bad = keys_dir.join("bad.csv");
    std::fs::write(
        &bad,
        "institution,member,share,source\nEU,DE,0.6,k\nEU,XX,0.4,k\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    let run = shared("donor", bad);
    assert_eq!((run.code, run.out.is_empty()), (1, true));
    assert!(
        run.err
            .starts_with(&format!("alliance: {bad}: line 3, column 2 (member): ")),
        "{}",
        run.err
    );
}

/// A reader that stops early (`alliance totals … | head -1`) is not a
/// failure: the command stops writing and exits 0, saying nothing. The
/// output (4,800 groups) is far more than a pipe holds, so the command is
/// still writing when the reader goes.
#[test]
fn a_reader_that_stops_early_is_not_a_failure() {
    use std::io::{BufRead, BufReader};
    let mut pledges = String::from("donor,recipient,announced,amount,currency\n");
    for m in 0..600 {
        for donor in ["DE", "ES", "FI", "FR", "IT", "NL", "PL", "SE"] {
            let (y, mo) = (1900 + m / 12, m % 12 + 1);
            pledges.push_str(&format!("{donor},UA,{y}-{mo:02}-15,1000000.00,EUR\n"));
        }
    }
    let scratch = Scratch::new("pipe");
    let file = scratch.join("pledges.csv");
    std::fs::write(&file, pledges).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_alliance"))
        .args(["totals", "--pledges", file.to_str().unwrap()])
        .args(["--in", "EUR", "--by", "donor,month"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("alliance runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert_eq!(first, "donor,month,total,currency\n");
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8(output.stderr).unwrap();
    assert_eq!((output.status.code(), err.as_str()), (Some(0), ""));
}
