//! Sources in one CSV cell: one source per line, its fields separated by
//! `|` in the order publisher, title, URL, published, speaker, quote;
//! `\|`, `\\` and `\n` stand for a bar, a backslash and a line break within
//! a field. Trailing empty fields are left out: `NATO` is a source with a
//! publisher only.

use crate::error::{ErrorKind, Grammar};
use crate::fmt::parse_date;
use crate::{Error, Source};
use chrono::NaiveDate;
use std::borrow::Cow;

fn escape(text: &str, out: &mut String) {
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '|' => out.push_str("\\|"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// The cell for a list of sources (empty for none).
pub(crate) fn encode(sources: &[Source]) -> String {
    let mut out = String::new();
    for (i, s) in sources.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let date = s.published().map(|d| d.to_string());
        let fields = [
            Some(s.publisher()),
            s.title(),
            s.url(),
            date.as_deref(),
            s.speaker(),
            s.quote(),
        ];
        let last = fields.iter().rposition(Option::is_some).unwrap_or(0);
        for (j, f) in fields.iter().take(last + 1).enumerate() {
            if j > 0 {
                out.push('|');
            }
            escape(f.unwrap_or_default(), &mut out);
        }
    }
    out
}

/// Whether a text is blank as `str::trim` sees it (Unicode white space).
fn blank(text: &str) -> bool {
    for b in text.bytes() {
        match b {
            b'\t'..=b'\r' | b' ' => {}
            // Unicode white space may follow.
            0x80.. => return text.trim().is_empty(),
            _ => return false,
        }
    }
    true
}

/// A field of `line` from `from` to `to`, unescaped if it holds escapes.
fn field(line: &str, from: usize, to: usize, escaped: bool) -> Cow<'_, str> {
    let text = &line[from..to];
    if !escaped {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch != '\\' {
            out.push(ch);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            // `\\` or `\|`: checked by the caller.
            Some(c) => out.push(c),
            None => {}
        }
    }
    Cow::Owned(out)
}

/// One line of a cell split into its six fields: where each lies in the
/// cell, and which hold escapes. A field is unescaped only when asked for,
/// so checking a cell allocates nothing in the common case.
struct Fields<'c> {
    cell: &'c str,
    /// Each field's start and end in `cell`; fields left out are empty.
    at: [(usize, usize); 6],
    /// Bit `i`: field `i` holds an escape.
    escaped: u8,
}

impl<'c> Fields<'c> {
    /// Field `i` (of six), unescaped if it holds escapes.
    fn get(&self, i: usize) -> Cow<'c, str> {
        let (from, to) = self.at[i];
        field(self.cell, from, to, self.escaped >> i & 1 == 1)
    }

    /// The six fields, unescaped.
    fn all(&self) -> [Cow<'c, str>; 6] {
        std::array::from_fn(|i| self.get(i))
    }
}

/// A syntax error at byte `at` of `cell`, in the line that starts at
/// `start`: the error quotes the line and places it there.
#[cold]
fn bad_line(cell: &str, start: usize, at: usize, reason: &'static str) -> Error {
    let rest = &cell[start..];
    let line = rest.split('\n').next().unwrap_or_default();
    let line = line.strip_suffix('\r').unwrap_or(line);
    ErrorKind::Syntax {
        grammar: Grammar::Source,
        input: line.to_owned(),
        offset: at - start,
        reason,
    }
    .into()
}

/// Each source of a cell as its fields, checked as [`Source`] checks them
/// (a publisher that is not blank, a date that reads): the one reading of
/// the grammar, whether the sources are built or only checked.
///
/// Lines are split on line breaks and their fields on unescaped bars in
/// one pass over the cell's bytes.
fn each<'c>(
    cell: &'c str,
    mut f: impl FnMut(&Fields<'c>, Option<NaiveDate>) -> Result<(), Error>,
) -> Result<(), Error> {
    let bytes = cell.as_bytes();
    let mut line = Fields {
        cell,
        at: [(0, 0); 6],
        escaped: 0,
    };
    // Where the line starts, where its field starts, its fields so far,
    // and the first byte not yet looked at (past an escape's second byte).
    let (mut start, mut from, mut n, mut next) = (0, 0, 0, 0);
    let mut hits = memchr::memchr3_iter(b'|', b'\\', b'\n', bytes);
    loop {
        let hit = hits.next();
        if hit.is_some_and(|i| i < next) {
            continue;
        }
        match hit.map(|i| (i, bytes[i])) {
            Some((i, b'\\')) => match bytes.get(i + 1) {
                Some(b'\\' | b'|' | b'n' | b'r') => {
                    line.escaped |= 1 << n.min(7);
                    next = i + 2;
                }
                _ => {
                    return Err(bad_line(
                        cell,
                        start,
                        i,
                        "a backslash must be followed by \\, |, n or r",
                    ));
                }
            },
            end => {
                let at_end = end.is_none_or(|(_, b)| b == b'\n');
                let mut to = end.map_or(bytes.len(), |(i, _)| i);
                if at_end && to > from && bytes[to - 1] == b'\r' {
                    to -= 1;
                }
                if at_end && n == 0 && line.escaped == 0 && blank(&cell[from..to]) {
                    // A blank line: no source.
                } else {
                    let Some(slot) = line.at.get_mut(n) else {
                        return Err(bad_line(
                            cell,
                            start,
                            from,
                            "more than six fields (publisher|title|url|published|speaker|quote)",
                        ));
                    };
                    *slot = (from, to);
                    n += 1;
                    if at_end {
                        if blank(&line.get(0)) {
                            return Err(ErrorKind::EmptyField { field: "publisher" }.into());
                        }
                        let published = line.get(3);
                        let published = match blank(&published) {
                            true => None,
                            false => Some(parse_date(&published)?),
                        };
                        f(&line, published)?;
                    }
                }
                let Some((i, _)) = end else {
                    return Ok(());
                };
                from = i + 1;
                next = from;
                if at_end {
                    start = from;
                    n = 0;
                    line.at = [(0, 0); 6];
                    line.escaped = 0;
                }
            }
        }
    }
}

/// The sources of a cell.
pub(crate) fn decode(cell: &str) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    each(cell, |fields, published| {
        let [publisher, title, url, _, speaker, quote] = fields.all();
        let mut source = Source::new(publisher)?
            .with_title(title)
            .with_url(url)
            .with_speaker(speaker)
            .with_quote(quote);
        if let Some(date) = published {
            source = source.with_published(date);
        }
        out.push(source);
        Ok(())
    })?;
    Ok(out)
}

/// Whether a cell reads as sources, as [`decode`] reads it, without
/// building them: the totals of a file check every cell.
pub(crate) fn check(cell: &str) -> Result<(), Error> {
    each(cell, |_, _| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A syntax error is placed at its byte in the line it quotes.
    #[test]
    fn syntax_errors_name_their_byte() {
        let at = |cell: &str| match check(cell).unwrap_err().kind() {
            ErrorKind::Syntax { input, offset, .. } => (input.clone(), *offset),
            other => panic!("{other:?}"),
        };
        // The seventh field starts at byte 12.
        assert_eq!(at("a|b|c|d|e|f|g"), ("a|b|c|d|e|f|g".to_owned(), 12));
        // The backslash before `x`, byte 5 of the second line.
        assert_eq!(at("NATO\nGov|a\\x|b\\q"), ("Gov|a\\x|b\\q".to_owned(), 5));
    }

    /// The grammar read char by char, as simply as it can be written: the
    /// oracle for the one-pass reader.
    fn oracle(cell: &str) -> Option<Vec<[String; 6]>> {
        let mut out = Vec::new();
        for line in cell.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = vec![String::new()];
            let mut chars = line.chars();
            while let Some(ch) = chars.next() {
                let last = fields.last_mut()?;
                match ch {
                    '\\' => match chars.next()? {
                        '\\' => last.push('\\'),
                        '|' => last.push('|'),
                        'n' => last.push('\n'),
                        'r' => last.push('\r'),
                        _ => return None,
                    },
                    '|' => fields.push(String::new()),
                    c => last.push(c),
                }
            }
            if fields.len() > 6 {
                return None;
            }
            fields.resize(6, String::new());
            // The alphabet below makes no date: a published field must be blank.
            if fields[0].trim().is_empty() || !fields[3].trim().is_empty() {
                return None;
            }
            out.push(fields.try_into().ok()?);
        }
        Some(out)
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_reader_agrees_with_the_oracle(
            cell in proptest::collection::vec(
                proptest::sample::select(vec!["a", " ", "|", "\\", "n", "r", "\n", "\r", "\u{a0}", "é", "x"]),
                0..24,
            )
        ) {
            let cell: String = cell.concat();
            let mut read = Vec::new();
            let result = each(&cell, |fields, _| {
                read.push(fields.all().map(Cow::into_owned));
                Ok(())
            });
            proptest::prop_assert_eq!(result.ok().map(|()| read), oracle(&cell));
        }
    }

    #[test]
    fn sources_round_trip_with_escapes() {
        let a = Source::new("NATO").unwrap();
        let b = Source::new("Kiel | Institute")
            .unwrap()
            .with_url("https://example.org/a\\b")
            .with_published(NaiveDate::from_ymd_opt(2025, 4, 2).unwrap())
            .with_quote("line one\nline two");
        let cell = encode(&[a.clone(), b.clone()]);
        assert_eq!(
            cell,
            "NATO\nKiel \\| Institute||https://example.org/a\\\\b|2025-04-02||line one\\nline two"
        );
        assert_eq!(decode(&cell).unwrap(), vec![a, b]);
        assert!(decode("").unwrap().is_empty());
        assert!(decode("a\\x").is_err());
        assert!(decode("a|b|c|d|e|f|g").is_err());
        assert!(decode("|title").is_err()); // no publisher
        assert!(decode("NATO|||2025-02-30").is_err());
    }
}
