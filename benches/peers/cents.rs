//! The floor: split the records and sum the amounts as integer cents by
//! (donor, year), with no conversion, no validation, no exactness beyond
//! two decimals — written to be fast (bytes, no allocation per record), so
//! that it says how fast reading the file can be. Records are split as CSV
//! is written: a quoted field may hold commas, doubled quotes and line
//! breaks. usage: cents PLEDGES
use std::collections::HashMap;
use std::io::Read;

/// The most fields of a record that are kept; later ones are skipped.
const MAX_FIELDS: usize = 32;

/// One CSV record at a time from `data`, its fields borrowed from it:
/// a quoted field is given without its outer quotes (doubled quotes inside
/// are left doubled: no field used here holds one).
struct Records<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    /// Reads the next record into `fields`; the number of fields, or `None`
    /// at the end of the data.
    fn next_into(&mut self, fields: &mut [&'a [u8]; MAX_FIELDS]) -> Option<usize> {
        let data = self.data;
        if self.pos >= data.len() {
            return None;
        }
        // The next comma or line break at or after `from`, or the end.
        let delimiter = |from: usize| {
            data[from..]
                .iter()
                .position(|&b| b == b',' || b == b'\n')
                .map_or(data.len(), |i| from + i)
        };
        let mut n = 0;
        loop {
            let (field, end) = if data[self.pos] == b'"' {
                // Quoted: up to the quote that is not doubled; anything
                // between it and the delimiter (a CR) is dropped.
                let start = self.pos + 1;
                let mut i = start;
                let close = loop {
                    match data[i..].iter().position(|&b| b == b'"') {
                        Some(q) if data.get(i + q + 1) == Some(&b'"') => i += q + 2,
                        Some(q) => break i + q,
                        None => break data.len(),
                    }
                };
                let end = delimiter((close + 1).min(data.len()));
                (&data[start..close], end)
            } else {
                let end = delimiter(self.pos);
                let field = &data[self.pos..end];
                (field.strip_suffix(b"\r").unwrap_or(field), end)
            };
            if n < MAX_FIELDS {
                fields[n] = field;
            }
            n += 1;
            self.pos = end + 1;
            if end >= data.len() || data[end] == b'\n' {
                return Some(n);
            }
            if self.pos >= data.len() {
                // A comma last: one more, empty field.
                if n < MAX_FIELDS {
                    fields[n] = &[];
                }
                return Some(n + 1);
            }
        }
    }
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: cents PLEDGES");
    let mut data = Vec::new();
    std::fs::File::open(path)
        .expect("open")
        .read_to_end(&mut data)
        .expect("read");
    let mut records = Records {
        data: &data,
        pos: 0,
    };
    let mut fields: [&[u8]; MAX_FIELDS] = [&[]; MAX_FIELDS];
    let n = records.next_into(&mut fields).expect("a header");
    let column = |name: &str| {
        fields[..n.min(MAX_FIELDS)]
            .iter()
            .position(|f| *f == name.as_bytes())
            .unwrap_or_else(|| panic!("no {} column", name))
    };
    let (donor_at, announced_at, amount_at) =
        (column("donor"), column("announced"), column("amount"));
    let last = donor_at.max(announced_at).max(amount_at);
    let mut sums: HashMap<([u8; 4], [u8; 4]), i128> = HashMap::new();
    while let Some(n) = records.next_into(&mut fields) {
        if n <= last {
            continue; // a blank line, or one too short to hold the fields
        }
        let donor = fields[donor_at];
        let announced = fields[announced_at];
        let amount = fields[amount_at];
        let (neg, digits) = match amount.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, amount),
        };
        let mut cents: i128 = 0;
        let mut frac = None;
        for &d in digits {
            if d == b'.' {
                frac = Some(0);
            } else {
                cents = cents * 10 + i128::from(d.wrapping_sub(b'0'));
                frac = frac.map(|n| n + 1);
            }
        }
        for _ in frac.unwrap_or(0)..2 {
            cents *= 10;
        }
        let mut key = ([b' '; 4], *b"unkn");
        key.0[..donor.len().min(4)].copy_from_slice(&donor[..donor.len().min(4)]);
        if announced.len() >= 4 {
            key.1.copy_from_slice(&announced[..4]);
        }
        *sums.entry(key).or_default() += if neg { -cents } else { cents };
    }
    let mut keys: Vec<_> = sums.into_iter().collect();
    keys.sort();
    println!("donor,year,total_cents");
    for ((d, y), c) in keys {
        let d = String::from_utf8_lossy(&d);
        let y = String::from_utf8_lossy(&y);
        println!(
            "{},{},{c}",
            d.trim(),
            if y == "unkn" { "unknown" } else { &y }
        );
    }
}
