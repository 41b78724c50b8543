//! The floor: split the lines and sum the amounts as integer cents by
//! (donor, year), with no conversion, no validation, no exactness beyond
//! two decimals. How fast reading the file can be. usage: cents PLEDGES
use std::collections::HashMap;
use std::io::{BufRead, BufReader};

fn main() {
    let path = std::env::args().nth(1).expect("usage: cents PLEDGES");
    let file = std::fs::File::open(path).expect("open");
    let mut sums: HashMap<(String, String), i128> = HashMap::new();
    let mut lines = BufReader::with_capacity(1 << 16, file).lines();
    lines.next();
    for line in lines {
        let line = line.expect("read");
        let f: Vec<&str> = line.split(',').collect();
        let (donor, announced, amount) = (f[1], f[3], f[8]);
        let (neg, digits) = amount.strip_prefix('-').map_or((false, amount), |d| (true, d));
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let cents = int.parse::<i128>().unwrap_or(0) * 100 + format!("{frac:0<2}")[..2].parse::<i128>().unwrap_or(0);
        let year = if announced.len() >= 4 { &announced[..4] } else { "unknown" };
        *sums.entry((donor.to_owned(), year.to_owned())).or_default() += if neg { -cents } else { cents };
    }
    let mut keys: Vec<_> = sums.into_iter().collect();
    keys.sort();
    println!("donor,year,total_cents");
    for ((d, y), c) in keys {
        println!("{d},{y},{c}");
    }
}
