//! `alliance`: the `alliance-commitments` library from the command line.
//!
//! - `alliance totals`: totals of a pledge CSV by any keys, converted to one
//!   currency at ECB rates, exact to the cent, as CSV, JSON or Parquet.
//! - `alliance check`: validates a pledge CSV (and a rates file) and lists
//!   every problem, one per line.
//!
//! Conventions: `--help` and `--version` print on standard output and exit
//! 0; a usage error prints on standard error and exits 2 with nothing on
//! standard output; bad input exits 1, its message naming file, line,
//! column and value; `-` reads standard input.

#![forbid(unsafe_code)]

mod check;
mod cli;
mod output;
mod totals;

use std::io::{self, Write};
use std::process::ExitCode;

use cli::Failure;

const HELP: &str = "\
alliance — exact figures of what allies pledge and deliver

usage:
  alliance totals --pledges FILE --in CUR --by KEYS [options]
  alliance check --pledges FILE [--rates FILE]
  alliance --help | --version
  alliance COMMAND --help

commands:
  totals   totals of a pledge CSV by any keys, in one currency, exact to the cent
  check    list every problem in a pledge CSV (and a rates file)

FILE may be - for standard input. Exit codes: 0 done, 1 bad input (the
message names file, line, column and value), 2 a usage error.
";

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let first = args.next();
    let rest: Vec<_> = args.collect();
    let result = match first.as_ref().and_then(|a| a.to_str()) {
        Some("totals") => totals::main(rest),
        Some("check") => check::main(rest),
        Some("--help" | "-h" | "help") => cli::print(HELP),
        Some("--version" | "-V") => {
            cli::print(&format!("alliance {}\n", env!("CARGO_PKG_VERSION")))
        }
        Some(other) => Err(Failure::Usage(format!(
            "unknown command {other:?}: expected totals or check"
        ))),
        None if first.is_some() => Err(Failure::Usage("the command is not UTF-8".into())),
        None => Err(Failure::Usage(
            "a command is needed: totals or check".into(),
        )),
    };
    match result {
        Ok(code) => code,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(
                io::stderr(),
                "alliance: {message}\nTry 'alliance --help' or 'alliance COMMAND --help'."
            );
            ExitCode::from(2)
        }
        Err(Failure::Input(message)) => {
            let _ = writeln!(io::stderr(), "alliance: {message}");
            ExitCode::FAILURE
        }
    }
}
