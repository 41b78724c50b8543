//! Totals of a pledge CSV, by any keys, in one currency: the crate's main
//! job from the command line.
//!
//! ```sh
//! cargo run --release --example totals -- --pledges examples/data/pledges.csv \
//!     --rates examples/data/eurofxref-hist.csv --in EUR --by donor,year \
//!     [--stage allocated,delivered] [--date announced|funded] [--rate-date 2025-03-20]
//! ```
//!
//! - `--by`: any of `donor`, `recipient`, `category`, `instrument`, `stage`,
//!   `year`, `half`, `quarter`, `month`, comma-separated, in output order.
//! - `--date`: which date the period keys use: `announced` (default) or
//!   `funded` (the funded period, spread evenly by days).
//! - Each pledge is converted at the ECB rate of its announcement date (or
//!   the latest earlier rate within 7 days), without intermediate rounding;
//!   each group's total is rounded once, half to even. An undated pledge in
//!   another currency needs `--rate-date`, the date whose rate it takes.
//!
//! Output: CSV on stdout, the keys then `total,currency`, one row per group
//! in key order; `total` has exactly the currency's minor-unit digits, or is
//! in the CSV figure syntax (`over 123.45`) when not exact. Bad input: a
//! message on stderr naming file, line, column and value; exit code 1;
//! nothing on stdout.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::process::ExitCode;

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{
    Currency, DateBasis, Filter, Key, PeriodUnit, Query, RateRule, RateTable, Spread, Stage,
};
use chrono::NaiveDate;

struct Args {
    pledges: String,
    rates: Option<String>,
    target: Currency,
    by: Vec<String>,
    stages: Vec<Stage>,
    basis: DateBasis,
    rate_date: Option<NaiveDate>,
}

fn usage() -> String {
    "usage: totals --pledges FILE.csv [--rates eurofxref-hist.csv] --in CUR --by KEYS \
     [--stage S1,S2] [--date announced|funded] [--rate-date YYYY-MM-DD]"
        .to_owned()
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let (mut pledges, mut rates, mut target, mut by) = (None, None, None, None);
    let (mut stages, mut basis, mut rate_date) = (Vec::new(), DateBasis::Announced, None);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{}", usage()))
        };
        match flag.as_str() {
            "--pledges" => pledges = Some(value()?),
            "--rates" => rates = Some(value()?),
            "--in" => {
                target = Some(
                    value()?
                        .parse::<Currency>()
                        .map_err(|e| format!("--in: {e}"))?,
                )
            }
            "--by" => {
                by = Some(
                    value()?
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .collect::<Vec<_>>(),
                )
            }
            "--stage" => {
                for s in value()?.split(',') {
                    stages.push(s.parse::<Stage>().map_err(|e| format!("--stage: {e}"))?);
                }
            }
            "--date" => {
                basis = match value()?.as_str() {
                    "announced" => DateBasis::Announced,
                    "funded" => DateBasis::Funded,
                    other => {
                        return Err(format!(
                            "--date: {other:?} is neither \"announced\" nor \"funded\""
                        ));
                    }
                }
            }
            "--rate-date" => {
                let text = value()?;
                let p: alliance_commitments::Period =
                    text.parse().map_err(|e| format!("--rate-date: {e}"))?;
                if p.days() != 1 {
                    return Err(format!(
                        "--rate-date: {text:?} is not one date (YYYY-MM-DD)"
                    ));
                }
                rate_date = Some(p.start());
            }
            "--help" | "-h" => return Err(usage()),
            other => return Err(format!("unknown argument {other:?}\n{}", usage())),
        }
    }
    Ok(Args {
        pledges: pledges.ok_or_else(|| format!("--pledges is required\n{}", usage()))?,
        rates,
        target: target.ok_or_else(|| format!("--in is required\n{}", usage()))?,
        by: by.ok_or_else(|| format!("--by is required\n{}", usage()))?,
        stages,
        basis,
        rate_date,
    })
}

fn key(name: &str, basis: DateBasis) -> Result<Key, String> {
    Ok(match name {
        "donor" => Key::Donor,
        "recipient" => Key::Recipient,
        "category" => Key::Category,
        "instrument" => Key::Instrument,
        "stage" => Key::Stage,
        "year" => Key::Period(PeriodUnit::Year, basis),
        "half" => Key::Period(PeriodUnit::Half, basis),
        "quarter" => Key::Period(PeriodUnit::Quarter, basis),
        "month" => Key::Period(PeriodUnit::Month, basis),
        other => {
            return Err(format!(
                "--by: unknown key {other:?} (donor, recipient, category, instrument, stage, year, half, quarter, month)"
            ));
        }
    })
}

fn run(args: &Args) -> Result<String, String> {
    let mut rates = RateTable::new();
    if let Some(path) = &args.rates {
        let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
        rates
            .read_ecb_history(BufReader::new(file))
            .map_err(|e| format!("{path}: {e}"))?;
    }
    let mut query = Query::new().spread(Spread::evenly_by_days());
    for name in &args.by {
        query = query.by(key(name, args.basis)?);
    }
    if !args.stages.is_empty() {
        let mut filter = Filter::new();
        for s in &args.stages {
            filter = filter.stage(*s);
        }
        query = query.filter(filter);
    }
    let rule = match args.rate_date {
        Some(d) => RateRule::AnnouncementDateOr(d),
        None => RateRule::AnnouncementDate,
    };
    query = query.convert_to(args.target, rule, &rates);

    let path = &args.pledges;
    let file = File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let progress = size > 10_000_000 && io::stderr().is_terminal();
    let input = Progress {
        inner: file,
        read: 0,
        size,
        shown: 0,
        on: progress,
    };
    // The rows are totalled as they are read (the file is never held in
    // memory), without building a `Pledge` for each.
    let reader = PledgeReader::new(input, CsvOptions::new()).map_err(|e| format!("{path}: {e}"))?;
    let totals = reader.totals(&query).map_err(|e| format!("{path}: {e}"))?;
    if progress {
        eprintln!();
    }
    let mut out = String::new();
    for name in &args.by {
        out.push_str(name);
        out.push(',');
    }
    out.push_str("total,currency\n");
    for (k, group) in totals.groups() {
        for v in k.values() {
            out.push_str(&v.to_string());
            out.push(',');
        }
        let converted = group.converted().ok_or("no conversion")?;
        let rounded = converted.rounded();
        let plain = rounded.plain().to_string();
        if plain.contains(',') || plain.contains('"') {
            out.push('"');
            out.push_str(&plain.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&plain);
        }
        out.push(',');
        out.push_str(args.target.code());
        out.push('\n');
    }
    Ok(out)
}

/// The input file, counting what has been read to show progress on a
/// terminal.
struct Progress {
    inner: File,
    read: u64,
    size: u64,
    shown: u64,
    on: bool,
}

impl Read for Progress {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        let percent = self.read * 100 / self.size.max(1);
        if self.on && percent > self.shown {
            self.shown = percent;
            eprint!("\r{percent}% read");
        }
        Ok(n)
    }
}

fn main() -> ExitCode {
    let result = parse_args().and_then(|args| run(&args));
    match result {
        Ok(text) => {
            let mut stdout = BufWriter::new(io::stdout().lock());
            if stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .is_err()
            {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("totals: {message}");
            ExitCode::FAILURE
        }
    }
}
