//! scratch
use alliance_commitments::*;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let mode = std::env::args().nth(2).unwrap();
    let data = std::fs::read(&path).unwrap();
    let mut rates = RateTable::new();
    rates
        .read_ecb_history(std::fs::File::open("target/peers/eurofxref-hist.csv").unwrap())
        .unwrap();
    let d = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        let r = PledgeReader::new(&data[..], CsvOptions::new()).unwrap();
        let q = match mode.as_str() {
            "none" => Query::new(),
            "dy" => Query::new()
                .by(Key::Donor)
                .by(Key::year(DateBasis::Announced)),
            "fixed" => Query::new()
                .by(Key::Donor)
                .by(Key::year(DateBasis::Announced))
                .convert_to(Currency::EUR, RateRule::OnDate(d), &rates),
            _ => Query::new()
                .by(Key::Donor)
                .by(Key::year(DateBasis::Announced))
                .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates),
        };
        let tot = r.totals(&q).unwrap();
        println!("{mode}: {:?} {}", t.elapsed(), tot.len());
    }
}
