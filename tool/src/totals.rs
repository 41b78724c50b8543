//! `alliance totals`: totals of a pledge CSV by any keys, in one currency.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::reattribution::Reattribution;
use alliance_commitments::tables::{PriceArea, PriceIndex};
use alliance_commitments::totals::GroupKey;
use alliance_commitments::{
    Alliance, Category, Currency, DateBasis, Donor, Figure, Filter, Instrument, Key, Period,
    PeriodUnit, Query, RateRule, RateTable, Spread, Stage,
};
use chrono::NaiveDate;

use crate::cli::{self, Failure};
use crate::output::{self, Format, Row};

const HELP: &str = "\
alliance totals — totals of a pledge CSV by any keys, in one currency, exact to the cent

usage: alliance totals --pledges FILE --in CUR --by KEYS [options]

  --pledges FILE        the pledge CSV (- for standard input)
  --rates FILE          ECB rates as eurofxref-hist.csv (- for standard input)
  --in CUR              the currency of the totals (ISO 4217: EUR, USD, ...)
  --by KEYS             comma-separated, in output order: donor, recipient,
                        category, instrument, stage, year, half, quarter, month
  --date BASIS          what period keys use: announced (default), funded
                        (the funded period, spread evenly by days) or
                        delivered (the delivery date)
  --as-of DATE          what had been announced, and reached each stage, by
                        that day (each stage amount counts from its own date)
  --prices FILE         a price index (CSV: area,year,index) to give the
                        totals in constant prices of --base (needs one period
                        key of a year or less)
  --base YEAR           the base year of --prices
  --institutions FILE   re-attribution keys (CSV: institution,member,share,source)
                        to give totals by donor including each member's
                        share of the institutions' aid (needs --by donor)
  --price-area AREA     the index's area: a currency (default: --in) or a
                        donor code
  --rate-date DATE      the date whose rate converts an undated pledge
  --stage LIST          only these stages (announced, committed, allocated,
                        delivered, cancelled)
  --donor LIST          only these donors (codes or English names)
  --recipient LIST      only these recipients
  --category LIST       only these categories (military, financial, humanitarian)
  --instrument LIST     only these instruments (grant, loan, guarantee, in-kind, other)
  --alliance NAME       only donors that were members on the announcement
                        date: nato or eu
  --announced-within P  only pledges announced within period P (2025, 2025-Q1, ...)
  --funded-within P     count only what of each funded period falls within P
  --format FORMAT       csv (default), json or parquet
  --output FILE         write there instead of standard output
  --bounds              CSV: add the columns lower, upper, lower_open, upper_open
  --threads N           read the pledge CSV on N threads (default: the
                        processors there are); the totals are the same
  -h, --help            this help

Pending conditional pledges are left out of the totals; their total is
reported on standard error. Each pledge is converted at the ECB rate of its announcement date (or the
latest earlier one within 7 days) without intermediate rounding; each
group's total is rounded once, half to even, to the currency's minor unit.

Output: the keys, then total and currency, one row per group in key order
(periods in time order, unknown last). total is exact with the currency's
minor digits, or in the figure syntax of the pledge CSV (over 2890173410.40,
about 4000000000.00 ± 5%) when not exact. lower and upper are the bounds of
the total's interval (empty, or null, where there is none: the upper bound of
an 'over' total); lower_open and upper_open say whether a bound is excluded
(true for 'over', and for an absent bound). JSON: an array of objects with
every column, decimals as strings. Parquet: every column, lower and upper as
DECIMAL(38, minor digits of the currency).
";

/// The command line of `alliance totals`.
#[derive(Debug)]
struct Args {
    pledges: String,
    rates: Option<String>,
    target: Currency,
    by: Vec<String>,
    basis: DateBasis,
    rate_date: Option<NaiveDate>,
    filter: Filter,
    funded_within: Option<Period>,
    format: Format,
    output: Option<String>,
    bounds: bool,
    as_of: Option<NaiveDate>,
    prices: Option<(String, i32, Option<String>)>,
    institutions: Option<String>,
    threads: Option<usize>,
}

fn parse(args: Vec<OsString>) -> Result<Option<Args>, Failure> {
    use lexopt::prelude::*;
    let usage = "usage: alliance totals --pledges FILE --in CUR --by KEYS [options]";
    let mut parser = lexopt::Parser::from_args(args);
    let (mut pledges, mut rates, mut target, mut by) = (None, None, None, None);
    let (mut basis, mut rate_date, mut funded_within) = (DateBasis::Announced, None, None);
    let (mut format, mut output, mut bounds) = (Format::Csv, None, false);
    let mut filter = Filter::new();
    let (mut as_of, mut prices_file, mut base, mut price_area) = (None, None, None, None);
    let (mut institutions, mut threads) = (None, None);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("pledges") => pledges = Some(cli::text(&mut parser, "--pledges")?),
            Long("rates") => rates = Some(cli::text(&mut parser, "--rates")?),
            Long("in") => target = Some(cli::parsed::<Currency>(&mut parser, "--in")?),
            Long("by") => {
                let keys = cli::text(&mut parser, "--by")?;
                by = Some(keys.split(',').map(|s| s.trim().to_owned()).collect());
            }
            Long("date") => {
                basis = match cli::text(&mut parser, "--date")?.as_str() {
                    "announced" => DateBasis::Announced,
                    "funded" => DateBasis::Funded,
                    "delivered" => DateBasis::Delivered,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--date: {other:?} is not \"announced\", \"funded\" or \"delivered\""
                        )));
                    }
                }
            }
            Long("as-of") => {
                let text = cli::text(&mut parser, "--as-of")?;
                as_of = Some(one_date(&text, "--as-of")?);
            }
            Long("prices") => prices_file = Some(cli::text(&mut parser, "--prices")?),
            Long("institutions") => institutions = Some(cli::text(&mut parser, "--institutions")?),
            Long("threads") => threads = Some(cli::parsed::<usize>(&mut parser, "--threads")?),
            Long("base") => base = Some(cli::parsed::<i32>(&mut parser, "--base")?),
            Long("price-area") => price_area = Some(cli::text(&mut parser, "--price-area")?),
            Long("rate-date") => {
                let text = cli::text(&mut parser, "--rate-date")?;
                rate_date = Some(one_date(&text, "--rate-date")?);
            }
            Long("stage") => {
                for s in cli::list::<Stage>(&mut parser, "--stage")? {
                    filter = filter.stage(s);
                }
            }
            Long("donor") => {
                for d in cli::list::<Donor>(&mut parser, "--donor")? {
                    filter = filter.donor(d);
                }
            }
            Long("recipient") => {
                for d in cli::list::<Donor>(&mut parser, "--recipient")? {
                    filter = filter.recipient(d);
                }
            }
            Long("category") => {
                for c in cli::list::<Category>(&mut parser, "--category")? {
                    filter = filter.category(c);
                }
            }
            Long("instrument") => {
                for i in cli::list::<Instrument>(&mut parser, "--instrument")? {
                    filter = filter.instrument(i);
                }
            }
            Long("alliance") => {
                let alliance = match cli::text(&mut parser, "--alliance")?
                    .to_ascii_lowercase()
                    .as_str()
                {
                    "nato" => Alliance::nato(),
                    "eu" => Alliance::eu(),
                    other => {
                        return Err(Failure::Usage(format!(
                            "--alliance: {other:?} is neither \"nato\" nor \"eu\""
                        )));
                    }
                };
                filter = filter.alliance(alliance);
            }
            Long("announced-within") => {
                filter = filter.announced_within(cli::parsed(&mut parser, "--announced-within")?);
            }
            Long("funded-within") => {
                funded_within = Some(cli::parsed(&mut parser, "--funded-within")?);
            }
            Long("format") => {
                format = match cli::text(&mut parser, "--format")?.as_str() {
                    "csv" => Format::Csv,
                    "json" => Format::Json,
                    "parquet" => Format::Parquet,
                    other => {
                        return Err(Failure::Usage(format!(
                            "--format: {other:?} is not csv, json or parquet"
                        )));
                    }
                }
            }
            Long("output") | Short('o') => output = Some(cli::text(&mut parser, "--output")?),
            Long("bounds") => bounds = true,
            Long("help") | Short('h') => return Ok(None),
            _ => return Err(Failure::Usage(format!("{}\n{usage}", arg.unexpected()))),
        }
    }
    let pledges = cli::required(pledges, "--pledges", usage)?;
    cli::one_stdin(&[
        ("--pledges", Some(&pledges)),
        ("--rates", rates.as_deref()),
        ("--institutions", institutions.as_deref()),
        ("--prices", prices_file.as_deref()),
    ])?;
    let by: Vec<String> = cli::required(by, "--by", usage)?;
    for name in &by {
        key(name, basis)?;
    }
    let target = cli::required(target, "--in", usage)?;
    if institutions.is_some() && by != ["donor"] {
        return Err(Failure::Usage("--institutions needs --by donor".into()));
    }
    let prices = match (prices_file, base) {
        (Some(file), Some(base)) => Some((file, base, price_area)),
        (None, None) if price_area.is_none() => None,
        _ => {
            return Err(Failure::Usage(
                "--prices and --base go together (--price-area with them)".into(),
            ));
        }
    };
    if format == Format::Parquet && output.is_none() && io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "--format parquet writes binary: give --output FILE or redirect standard output".into(),
        ));
    }
    Ok(Some(Args {
        pledges,
        rates,
        target,
        by,
        basis,
        rate_date,
        filter,
        funded_within,
        format,
        output,
        bounds,
        as_of,
        prices,
        institutions,
        threads,
    }))
}

/// `text` as one date (`YYYY-MM-DD`).
fn one_date(text: &str, flag: &str) -> Result<NaiveDate, Failure> {
    let p: Period = text
        .parse()
        .map_err(|e| Failure::Usage(format!("{flag}: {e}")))?;
    if p.days() != 1 {
        return Err(Failure::Usage(format!(
            "{flag}: {text:?} is not one date (YYYY-MM-DD)"
        )));
    }
    Ok(p.start())
}

fn key(name: &str, basis: DateBasis) -> Result<Key, Failure> {
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
            return Err(Failure::Usage(format!(
                "--by: unknown key {other:?} (donor, recipient, category, instrument, stage, year, half, quarter, month)"
            )));
        }
    })
}

/// Runs `alliance totals` with the arguments after the command's name.
pub fn main(args: Vec<OsString>) -> Result<ExitCode, Failure> {
    let Some(args) = parse(args)? else {
        return cli::print(HELP);
    };
    let mut rates = RateTable::new();
    if let Some(path) = &args.rates {
        let input = cli::open(path)?;
        let name = input.name.clone();
        rates
            .read_ecb_history(BufReader::new(input.reader))
            .map_err(|e| Failure::Input(format!("{name}: {e}")))?;
    }
    let mut query = Query::new()
        .spread(Spread::evenly_by_days())
        .filter(args.filter.clone());
    for name in &args.by {
        query = query.by(key(name, args.basis)?);
    }
    if let Some(p) = args.funded_within {
        query = query.within_funded(p);
    }
    let rule = match args.rate_date {
        Some(d) => RateRule::AnnouncementDateOr(d),
        None => RateRule::AnnouncementDate,
    };
    query = query.convert_to(args.target, rule, &rates);
    if let Some(day) = args.as_of {
        query = query.as_of(day);
    }
    let index = match &args.prices {
        Some((path, _, _)) => {
            let input = cli::open(path)?;
            let name = input.name.clone();
            Some(
                PriceIndex::read_csv(BufReader::new(input.reader))
                    .map_err(|e| Failure::Input(format!("{name}: {e}")))?,
            )
        }
        None => None,
    };

    let input = cli::open(&args.pledges)?;
    let name = input.name;
    let bad = |e: alliance_commitments::Error| Failure::Input(format!("{name}: {e}"));
    // The rows are totalled as they are read (the file is never held in
    // memory), without building a `Pledge` for each.
    let threads = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let reader = PledgeReader::new(input.reader, CsvOptions::new())
        .map_err(bad)?
        .threads(threads);
    let totals = reader.totals(&query).map_err(bad)?;

    if let Some(pending) = totals.pending().rounded() {
        if totals.pending().count() > 0 {
            eprintln!(
                "alliance: {} pending conditional pledges, not in the totals: {pending}",
                totals.pending().count()
            );
        }
    }
    // Every failure of the input comes before the first byte is written,
    // so bad input leaves standard output (or the output file) untouched;
    // the rows are then made one at a time as they are written.
    let shared = match &args.institutions {
        Some(path) => Some(
            read_keys(path)?
                .apply(&totals)
                .map_err(|e| Failure::Input(format!("{path}: {e}")))?,
        ),
        None => None,
    };
    let constant = match (&shared, &index, &args.prices) {
        (None, Some(index), Some((path, base, area))) => {
            let area: PriceArea = match area {
                Some(a) => a
                    .parse()
                    .map_err(|e| Failure::Usage(format!("--price-area: {e}")))?,
                None => PriceArea::Currency(args.target),
            };
            Some(
                index
                    .constant_totals(&totals, &area, *base)
                    .map_err(|e| Failure::Input(format!("{path}: {e}")))?,
            )
        }
        _ => None,
    };
    if totals.groups().any(|(_, g)| g.converted().is_none()) {
        return Err(Failure::Input("a group was not converted".into()));
    }
    let row = |key: GroupKey<'_>, figure: Figure| {
        Row::new(
            key.values().iter().map(ToString::to_string).collect(),
            figure,
        )
    };
    let rows: Box<dyn Iterator<Item = Row> + '_> = match (&shared, &constant) {
        (Some(shared), _) => Box::new(
            shared
                .rows()
                .iter()
                .map(|r| Row::new(vec![r.donor().id().to_owned()], r.rounded())),
        ),
        (None, Some(constant)) => {
            Box::new(constant.groups().map(|(k, _, real)| row(k, real.round())))
        }
        (None, None) => Box::new(
            totals
                .groups()
                .filter_map(|(k, group)| group.rounded().map(|r| row(k, r))),
        ),
    };
    let header = output::Header {
        keys: args.by.clone(),
        currency: args.target,
    };
    let out = args.output.as_deref();
    match args.format {
        Format::Csv => write(out, |w| output::csv(w, &header, rows, args.bounds))?,
        Format::Json => write(out, |w| output::json(w, &header, rows))?,
        Format::Parquet => {
            let bytes =
                output::parquet(&header, &rows.collect::<Vec<_>>()).map_err(Failure::Input)?;
            write(out, |w| w.write_all(&bytes))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Re-attribution keys from a CSV `institution,member,share,source`
/// ([`Reattribution::read_csv`]).
fn read_keys(path: &str) -> Result<Reattribution, Failure> {
    let input = cli::open(path)?;
    let name = input.name.clone();
    Reattribution::read_csv(input.reader).map_err(|e| Failure::Input(format!("{name}: {e}")))
}

/// Writes the result to `path`, or to standard output, through `put`.
fn write(
    path: Option<&str>,
    put: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Failure> {
    // Through a buffer (standard output would flush at every line); after
    // an error, what the buffer holds is dropped, not written.
    fn through<W: Write>(
        out: W,
        put: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut w = BufWriter::new(out);
        match put(&mut w).and_then(|()| w.flush()) {
            Ok(()) => Ok(()),
            Err(e) => {
                drop(w.into_parts());
                Err(e)
            }
        }
    }
    let result = match path {
        Some(path) if path != "-" => File::create(path)
            .and_then(|f| through(f, put))
            .map_err(|e| format!("{path}: {e}")),
        _ => match through(io::stdout().lock(), put) {
            // A reader that stops early (`| head`) wants no more: not a
            // failure of the command.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map_err(|e| format!("standard output: {e}")),
        },
    };
    result.map_err(Failure::Input)
}
