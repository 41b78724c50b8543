//! The floor: split the lines and sum the amounts as integer cents by
//! (donor, year), with no conversion, no validation, no exactness beyond
//! two decimals — written to be fast (bytes, no allocation per line), so
//! that it says how fast reading the file can be. usage: cents PLEDGES
use std::collections::HashMap;
use std::io::Read;

fn main() {
    let path = std::env::args().nth(1).expect("usage: cents PLEDGES");
    let mut data = Vec::new();
    std::fs::File::open(path)
        .expect("open")
        .read_to_end(&mut data)
        .expect("read");
    let mut sums: HashMap<([u8; 4], [u8; 4]), i128> = HashMap::new();
    for line in data.split(|&b| b == b'\n').skip(1) {
        if line.is_empty() {
            continue;
        }
        // id,donor,recipient,announced,funded,category,instrument,stage,amount,currency
        let mut f = line.split(|&b| b == b',');
        let _id = f.next();
        let donor = f.next().unwrap_or_default();
        let announced = f.nth(1).unwrap_or_default();
        let amount = f.nth(4).unwrap_or_default();
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
                cents = cents * 10 + i128::from(d - b'0');
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
        println!("{},{},{c}", d.trim(), if y == "unkn" { "unknown" } else { &y });
    }
}
