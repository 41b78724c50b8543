//! What the commands share: failures, inputs (a file or `-`), progress.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

/// Why a command did not finish.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong: exit 2.
    Usage(String),
    /// The input is wrong or could not be read or written: exit 1.
    Input(String),
}

impl From<lexopt::Error> for Failure {
    fn from(e: lexopt::Error) -> Failure {
        Failure::Usage(e.to_string())
    }
}

/// Prints `text` on standard output (`--help`, `--version`): exit 0.
pub fn print(text: &str) -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::Input(format!("standard output: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// A flag's value as text.
pub fn text(parser: &mut lexopt::Parser, flag: &str) -> Result<String, Failure> {
    let value: OsString = parser.value()?;
    value
        .into_string()
        .map_err(|v| Failure::Usage(format!("{flag}: {v:?} is not UTF-8")))
}

/// A flag's value read by `FromStr`, the library's error saying why not.
pub fn parsed<T>(parser: &mut lexopt::Parser, flag: &str) -> Result<T, Failure>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    let value = text(parser, flag)?;
    value
        .parse()
        .map_err(|e| Failure::Usage(format!("{flag}: {e}")))
}

/// A comma-separated list, each item read by `FromStr`.
pub fn list<T>(parser: &mut lexopt::Parser, flag: &str) -> Result<Vec<T>, Failure>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    text(parser, flag)?
        .split(',')
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|e| Failure::Usage(format!("{flag}: {e}")))
        })
        .collect()
}

/// A required flag that was not given.
pub fn required<T>(value: Option<T>, flag: &str, usage: &str) -> Result<T, Failure> {
    value.ok_or_else(|| Failure::Usage(format!("{flag} is required\n{usage}")))
}

/// At most one of the input files (flag, path) may be standard input.
pub fn one_stdin(inputs: &[(&str, Option<&str>)]) -> Result<(), Failure> {
    let dashes: Vec<&str> = inputs
        .iter()
        .filter(|(_, path)| *path == Some("-"))
        .map(|(flag, _)| *flag)
        .collect();
    match dashes.as_slice() {
        [] | [_] => Ok(()),
        [a, b] => Err(Failure::Usage(format!(
            "{a} and {b} cannot both be standard input"
        ))),
        more => Err(Failure::Usage(format!(
            "{} cannot all be standard input: one at most",
            more.join(", ")
        ))),
    }
}

/// An input: a file, or standard input for `-`.
pub struct Input {
    /// The name errors give it: the path, or `<stdin>`.
    pub name: String,
    /// The bytes, counted for progress on a terminal.
    pub reader: Progress,
}

/// Opens `path` (`-` is standard input).
pub fn open(path: &str) -> Result<Input, Failure> {
    if path == "-" {
        return Ok(Input {
            name: "<stdin>".into(),
            reader: Progress::new(Box::new(io::stdin().lock()), 0),
        });
    }
    let file = File::open(path).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok(Input {
        name: path.to_owned(),
        reader: Progress::new(Box::new(file), size),
    })
}

/// An input that shows how much of it has been read, on standard error,
/// when standard error is a terminal and the file is large (over 10 MB).
pub struct Progress {
    inner: Box<dyn Read>,
    read: u64,
    size: u64,
    shown: u64,
    on: bool,
}

impl Progress {
    fn new(inner: Box<dyn Read>, size: u64) -> Progress {
        Progress {
            inner,
            read: 0,
            size,
            shown: 0,
            on: size > 10_000_000 && io::stderr().is_terminal(),
        }
    }
}

impl Read for Progress {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.on && n == 0 && self.shown > 0 {
            // The end: close the progress line, once.
            self.on = false;
            eprintln!();
        } else if self.on {
            let percent = self.read * 100 / self.size.max(1);
            if percent > self.shown {
                self.shown = percent;
                eprint!("\r{percent}% read");
            }
        }
        Ok(n)
    }
}
