//! Sources in one CSV cell: one source per line, its fields separated by
//! `|` in the order publisher, title, URL, published, speaker, quote;
//! `\|`, `\\` and `\n` stand for a bar, a backslash and a line break within
//! a field. Trailing empty fields are left out: `NATO` is a source with a
//! publisher only.

use crate::error::{ErrorKind, Grammar};
use crate::fmt::parse_date;
use crate::{Error, Source};

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

/// Splits one line into fields on unescaped bars, unescaping as it goes.
fn fields(line: &str) -> Result<Vec<String>, Error> {
    let bad = |reason| {
        ErrorKind::Syntax {
            grammar: Grammar::Source,
            input: line.to_owned(),
            offset: 0,
            reason,
        }
        .into()
    };
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => match chars.next() {
                Some('\\') => out.last_mut().map(|f| f.push('\\')).unwrap_or_default(),
                Some('|') => out.last_mut().map(|f| f.push('|')).unwrap_or_default(),
                Some('n') => out.last_mut().map(|f| f.push('\n')).unwrap_or_default(),
                Some('r') => out.last_mut().map(|f| f.push('\r')).unwrap_or_default(),
                _ => return Err(bad("a backslash must be followed by \\, |, n or r")),
            },
            '|' => out.push(String::new()),
            c => out.last_mut().map(|f| f.push(c)).unwrap_or_default(),
        }
    }
    if out.len() > 6 {
        return Err(bad(
            "more than six fields (publisher|title|url|published|speaker|quote)",
        ));
    }
    Ok(out)
}

/// The sources of a cell.
pub(crate) fn decode(cell: &str) -> Result<Vec<Source>, Error> {
    let mut out = Vec::new();
    for line in cell.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let f = fields(line)?;
        let get = |i: usize| f.get(i).cloned().unwrap_or_default();
        let mut source = Source::new(get(0))?
            .with_title(get(1))
            .with_url(get(2))
            .with_speaker(get(4))
            .with_quote(get(5));
        let date = get(3);
        if !date.trim().is_empty() {
            source = source.with_published(parse_date(&date)?);
        }
        out.push(source);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

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
