#!/usr/bin/env python3
"""Generates a pledge CSV of N rows and an ECB-format rate history,
deterministically (a fixed seed), for benches/peers/run.sh.

usage: generate.py N OUT_DIR
"""
import datetime
import random
import sys

DONORS = ["DE", "FR", "GB", "US", "PL", "SE", "FI", "NO", "CA", "NL", "DK", "IT", "ES", "BE",
          "CZ", "EE", "LV", "LT", "RO", "PT", "EU", "EPF", "EIB", "JP", "AU"]
CURRENCIES = ["EUR", "EUR", "EUR", "USD", "GBP", "PLN", "SEK", "NOK", "JPY"]
CATEGORIES = ["military", "financial", "humanitarian"]
INSTRUMENTS = ["grant", "loan", "in-kind"]
STAGES = ["announced", "committed", "allocated", "delivered"]
START = datetime.date(2022, 1, 1)
DAYS = 365 * 4


def rates(path):
    rng = random.Random(7)
    base = {"USD": 1.08, "JPY": 155.0, "GBP": 0.85, "PLN": 4.3, "SEK": 11.2, "NOK": 11.5}
    cols = ["USD", "JPY", "GBP", "PLN", "SEK", "NOK"]
    rows = []
    d = START - datetime.timedelta(days=10)
    end = START + datetime.timedelta(days=DAYS + 10)
    while d <= end:
        if d.weekday() < 5:
            vals = []
            for c in cols:
                v = base[c] * (1 + rng.uniform(-0.05, 0.05))
                vals.append(f"{v:.2f}" if c == "JPY" else f"{v:.4f}")
            rows.append(f"{d.isoformat()}," + ",".join(vals) + ",")
        d += datetime.timedelta(days=1)
    with open(path, "w") as f:
        f.write("Date," + ",".join(cols) + ",\n")
        for r in reversed(rows):  # newest first, as the ECB publishes
            f.write(r + "\n")


def pledges(n, path):
    rng = random.Random(42)
    with open(path, "w") as f:
        f.write("id,donor,recipient,announced,funded,category,instrument,stage,amount,currency\n")
        for i in range(n):
            d = START + datetime.timedelta(days=rng.randrange(DAYS))
            cur = rng.choice(CURRENCIES)
            cents = rng.randrange(100_000, 300_000_000_000)
            if cur == "JPY":
                amount = str(cents)
            else:
                amount = f"{cents // 100}.{cents % 100:02d}"
            r = rng.random()
            if r < 0.03:
                amount = "-" + amount  # corrections
            announced = "" if (r > 0.97 and cur == "EUR") else d.isoformat()
            period = str(d.year) if rng.random() < 0.8 else ""
            f.write(f"p{i},{rng.choice(DONORS)},UA,{announced},{period},{rng.choice(CATEGORIES)},"
                    f"{rng.choice(INSTRUMENTS)},{rng.choice(STAGES)},{amount},{cur}\n")


if __name__ == "__main__":
    n = int(sys.argv[1])
    out = sys.argv[2]
    pledges(n, f"{out}/pledges.csv")
    rates(f"{out}/eurofxref-hist.csv")
