//! `alliance check`: every problem in a pledge CSV (and a rates file).

use std::collections::HashMap;
use std::ffi::OsString;
use std::io::{self, BufReader, Write};
use std::process::ExitCode;

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{Currency, RateTable};

use crate::cli::{self, Failure};

/// How many problems are listed unless `--limit` says otherwise.
const LIMIT: usize = 100;

const HELP: &str = "\
alliance check — list every problem in a pledge CSV (and a rates file)

usage: alliance check --pledges FILE [--rates FILE] [--limit N]

  --pledges FILE   the pledge CSV (- for standard input)
  --rates FILE     ECB rates as eurofxref-hist.csv (- for standard input):
                   checked itself, and each dated pledge in another currency
                   than EUR must find its rate there
  --limit N        list at most N problems (default 100); the rest are counted
  -h, --help       this help

Each problem is one line on standard output: the file, then line, column
and field, then why (quoting the value). A bad header, or a rates file that
does not read, is one problem and ends the check of that file (the rates
reader stops at its first problem). A pledge id given twice names both
lines. Then one summary line. Exit codes: 0 no problem, 1 problems, 2 a
usage error.
";

struct Args {
    pledges: String,
    rates: Option<String>,
    limit: usize,
}

fn parse(args: Vec<OsString>) -> Result<Option<Args>, Failure> {
    use lexopt::prelude::*;
    let usage = "usage: alliance check --pledges FILE [--rates FILE] [--limit N]";
    let mut parser = lexopt::Parser::from_args(args);
    let (mut pledges, mut rates, mut limit) = (None, None, LIMIT);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("pledges") => pledges = Some(cli::text(&mut parser, "--pledges")?),
            Long("rates") => rates = Some(cli::text(&mut parser, "--rates")?),
            Long("limit") => limit = cli::parsed(&mut parser, "--limit")?,
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(Failure::Usage(format!("{}\n{usage}", arg.unexpected()))),
        }
    }
    let pledges = cli::required(pledges, "--pledges", usage)?;
    cli::one_stdin(&[("--pledges", Some(&pledges)), ("--rates", rates.as_deref())])?;
    Ok(Some(Args {
        pledges,
        rates,
        limit,
    }))
}

/// The problems found, listed up to a limit and counted beyond it.
struct Report {
    lines: Vec<String>,
    count: usize,
    limit: usize,
}

impl Report {
    fn add(&mut self, line: String) {
        self.count += 1;
        if self.lines.len() < self.limit {
            self.lines.push(line);
        }
    }
}

/// Runs `alliance check` with the arguments after the command's name.
pub fn main(args: Vec<OsString>) -> Result<ExitCode, Failure> {
    let Some(args) = parse(args)? else {
        return cli::print(HELP);
    };
    let mut report = Report {
        lines: Vec::new(),
        count: 0,
        limit: args.limit,
    };
    let mut rates = None;
    if let Some(path) = &args.rates {
        let input = cli::open(path)?;
        let mut table = RateTable::new();
        match table.read_ecb_history(BufReader::new(input.reader)) {
            Ok(_) => rates = Some(table),
            Err(e) => report.add(format!("{}: {e}", input.name)),
        }
    }

    let input = cli::open(&args.pledges)?;
    let name = input.name;
    let mut rows = 0u64;
    match PledgeReader::new(input.reader, CsvOptions::new()) {
        Err(e) => report.add(format!("{name}: {e}")),
        Ok(reader) => {
            let id_column = reader.columns().iter().position(|c| c == "id");
            let mut reader = reader.skip_bad_rows(true);
            // Each id and the line it was first seen on.
            let mut ids: HashMap<String, u64> = HashMap::new();
            while let Some(row) = reader.next() {
                rows += 1;
                let pledge = match row {
                    Ok(p) => p,
                    Err(e) => {
                        report.add(format!("{name}: {e}"));
                        continue;
                    }
                };
                let line = reader.line();
                if let Some(id) = pledge.id() {
                    if let Some(first) = ids.get(id) {
                        let column = id_column
                            .map_or(String::new(), |c| format!(", column {} (\"id\")", c + 1));
                        report.add(format!(
                            "{name}: line {line}{column}: duplicate pledge id {id:?} (first on line {first})"
                        ));
                    } else {
                        ids.insert(id.to_owned(), line);
                    }
                }
                let currency = pledge.figure().currency();
                if let (Some(table), Some(date)) = (&rates, pledge.announced()) {
                    if currency != Currency::EUR {
                        if let Err(e) = table.rate_on(currency, date) {
                            report.add(format!("{name}: line {line}: {e}"));
                        }
                    }
                }
            }
        }
    }

    let mut out = io::stdout().lock();
    let mut text = String::new();
    for line in &report.lines {
        text.push_str(line);
        text.push('\n');
    }
    let rows_read = format!("{rows} row{}", if rows == 1 { "" } else { "s" });
    let summary = match report.count {
        0 => format!("{name}: {rows_read}, no problems\n"),
        n if n > report.lines.len() => format!(
            "{name}: {rows_read}, {n} problems ({} listed, {} not)\n",
            report.lines.len(),
            n - report.lines.len()
        ),
        1 => format!("{name}: {rows_read}, 1 problem\n"),
        n => format!("{name}: {rows_read}, {n} problems\n"),
    };
    text.push_str(&summary);
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Input(format!("standard output: {e}")))?;
    Ok(if report.count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
