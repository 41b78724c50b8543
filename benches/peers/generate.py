#!/usr/bin/env python3
"""Generates a pledge CSV of N rows shaped like a tracker's export, and an
ECB-format rate history, deterministically (fixed seeds), for
benches/peers/run.sh.

The pledges look like real exports, not like a friendly file:
- a free-text `source` cell, quoted in about 40% of rows: publishers and
  titles with commas, quotes doubled (quoted: ""over 1 billion""), and
  a few cells holding two sources on two lines;
- twelve currencies, among them JPY and KRW, which have no minor digits;
- funded periods of years, quarters, halves, months and multi-year ranges,
  or none;
- undated rows (in EUR, which needs no rate), corrections (negative).

The rates file has every column of the ECB's full history (1999 on),
`N/A` where a currency was not quoted, no rows on weekends or TARGET
holidays, newest first.

usage: generate.py N OUT_DIR
"""
import datetime
import random
import sys

DONORS = ["DE", "FR", "GB", "US", "PL", "SE", "FI", "NO", "CA", "NL", "DK", "IT", "ES", "BE",
          "CZ", "EE", "LV", "LT", "RO", "PT", "EU", "EPF", "EIB", "JP", "AU", "KR", "CH",
          "AT", "IE", "SK", "SI", "HR", "BG", "GR", "LU", "IS", "NZ", "TR", "HU", "MT", "CY"]
# Weighted: most rows in EUR, as in the trackers.
CURRENCIES = (["EUR"] * 8 + ["USD"] * 3 + ["GBP"] * 2 + ["PLN", "SEK", "NOK", "DKK", "CZK",
              "JPY", "KRW", "CAD", "CHF"])
NO_MINOR = {"JPY", "KRW"}
CATEGORIES = ["military", "financial", "humanitarian"]
INSTRUMENTS = ["grant", "loan", "guarantee", "in-kind", "other"]
STAGES = ["announced", "committed", "allocated", "delivered"]
START = datetime.date(2022, 1, 1)
DAYS = 365 * 4

# The columns of the ECB's full history file, in its order.
ECB = ["USD", "JPY", "BGN", "CYP", "CZK", "DKK", "EEK", "GBP", "HUF", "LTL", "LVL", "MTL",
       "PLN", "ROL", "RON", "SEK", "SIT", "SKK", "CHF", "ISK", "NOK", "HRK", "RUB", "TRL",
       "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR",
       "NZD", "PHP", "SGD", "THB", "ZAR"]
# Roughly where each stood, and when quoting ended for those that ended.
LEVEL = {"USD": 1.1, "JPY": 150.0, "BGN": 1.9558, "CYP": 0.585, "CZK": 25.0, "DKK": 7.46,
         "EEK": 15.6466, "GBP": 0.85, "HUF": 390.0, "LTL": 3.4528, "LVL": 0.7, "MTL": 0.4293,
         "PLN": 4.3, "ROL": 36000.0, "RON": 4.97, "SEK": 11.2, "SIT": 239.6, "SKK": 30.126,
         "CHF": 0.95, "ISK": 150.0, "NOK": 11.5, "HRK": 7.5345, "RUB": 100.0, "TRL": 1900000.0,
         "TRY": 35.0, "AUD": 1.65, "BRL": 6.0, "CAD": 1.5, "CNY": 7.8, "HKD": 8.5,
         "IDR": 17000.0, "ILS": 4.0, "INR": 92.0, "KRW": 1500.0, "MXN": 21.0, "MYR": 4.8,
         "NZD": 1.85, "PHP": 62.0, "SGD": 1.45, "THB": 36.0, "ZAR": 19.8}
ENDED = {"CYP": 2007, "EEK": 2010, "LTL": 2014, "LVL": 2013, "MTL": 2007, "ROL": 2005,
         "SIT": 2006, "SKK": 2008, "HRK": 2022, "RUB": 2022, "TRL": 2004}
BEGAN = {"RON": 2005, "TRY": 2005, "BRL": 2008, "CNY": 2008, "IDR": 2008, "ILS": 2008,
         "INR": 2008, "MXN": 2008, "MYR": 2008, "PHP": 2008, "THB": 2008, "ZAR": 2008}

PUBLISHERS = ["Federal Ministry of Defence, Germany", "Ministry of Defence", "Kiel Institute",
              "Government of Canada", "Prime Minister's Office", "Reuters", "The White House",
              "European Commission", "Ministry of Foreign Affairs, Republic of Poland",
              "Regeringskansliet", "NATO"]
TITLES = ["Press release", "Statement on support for Ukraine, 2024", "Aid package, part 2",
          "Joint declaration", "Budget, annex III, line 12", "Speech at the Ramstein meeting",
          "Q&A: military assistance"]
QUOTES = ["over 1 billion", "about 500 million", "up to 2 billion euros, over three years",
          "a further 300 million", "the largest package yet"]


def holidays(year):
    """TARGET closing days: New Year, Good Friday, Easter Monday, 1 May, Christmas."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = ((h + l - 7 * m + 114) % 31) + 1
    easter = datetime.date(year, month, day)
    return {datetime.date(year, 1, 1), easter - datetime.timedelta(days=2),
            easter + datetime.timedelta(days=1), datetime.date(year, 5, 1),
            datetime.date(year, 12, 25), datetime.date(year, 12, 26)}


def rates(path):
    rng = random.Random(7)
    rows = []
    d = datetime.date(1999, 1, 4)
    end = START + datetime.timedelta(days=DAYS + 10)
    closed = set()
    for y in range(1999, end.year + 1):
        closed |= holidays(y)
    while d <= end:
        if d.weekday() < 5 and d not in closed:
            vals = []
            for c in ECB:
                if d.year > ENDED.get(c, 9999) or d.year < BEGAN.get(c, 0):
                    vals.append("N/A")
                    continue
                v = LEVEL[c] * (1 + rng.uniform(-0.05, 0.05))
                if v >= 1000:
                    vals.append(f"{v:.2f}")
                elif v >= 100:
                    vals.append(f"{v:.3f}")
                else:
                    vals.append(f"{v:.4f}")
            rows.append(f"{d.isoformat()}," + ",".join(vals) + ",")
        d += datetime.timedelta(days=1)
    with open(path, "w") as f:
        f.write("Date," + ",".join(ECB) + ",\n")
        for r in reversed(rows):  # newest first, as the ECB publishes
            f.write(r + "\n")


def funded(rng, d):
    r = rng.random()
    if r < 0.35:
        return str(d.year)
    if r < 0.55:
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if r < 0.60:
        return f"{d.year}-H{(d.month - 1) // 6 + 1}"
    if r < 0.65:
        return f"{d.year}-{d.month:02d}"
    if r < 0.80:  # multi-year: one to four years from a day
        start = d
        end = d + datetime.timedelta(days=rng.randrange(365, 4 * 365))
        return f"{start.isoformat()}..{end.isoformat()}"
    return ""


def source(rng):
    """A sources cell as CSV: `publisher|title|url|published|speaker|quote`."""
    r = rng.random()
    if r < 0.25:
        return ""
    pub = rng.choice(PUBLISHERS)
    title = rng.choice(TITLES)
    url = f"https://example.org/news/{rng.randrange(10**6)}"
    if r < 0.60:  # plain: no comma, no quote
        return f"{pub.split(',')[0]}|{title.split(',')[0]}|{url}"
    cell = f"{pub}|{title}|{url}|2024-0{rng.randrange(1, 10)}-1{rng.randrange(10)}"
    if rng.random() < 0.5:
        cell += f'|Minister|quoted: "{rng.choice(QUOTES)}"'
    if rng.random() < 0.08:  # a second source, on its own line
        cell += f"\n{rng.choice(PUBLISHERS)}|{rng.choice(TITLES)}"
    return '"' + cell.replace('"', '""') + '"'


def pledges(n, path):
    rng = random.Random(42)
    with open(path, "w") as f:
        f.write("id,donor,recipient,announced,funded,category,instrument,stage,amount,currency,"
                "source\n")
        for i in range(n):
            d = START + datetime.timedelta(days=rng.randrange(DAYS))
            cur = rng.choice(CURRENCIES)
            cents = rng.randrange(100_000, 300_000_000_000)
            if cur in NO_MINOR:
                amount = str(cents * 10)
            elif rng.random() < 0.3:
                amount = str(cents // 100)  # whole units, as often written
            else:
                amount = f"{cents // 100}.{cents % 100:02d}"
            r = rng.random()
            if r < 0.03:
                amount = "-" + amount  # corrections
            announced = "" if (r > 0.95 and cur == "EUR") else d.isoformat()
            f.write(f"p{i},{rng.choice(DONORS)},UA,{announced},{funded(rng, d)},"
                    f"{rng.choice(CATEGORIES)},{rng.choice(INSTRUMENTS)},{rng.choice(STAGES)},"
                    f"{amount},{cur},{source(rng)}\n")


if __name__ == "__main__":
    n = int(sys.argv[1])
    out = sys.argv[2]
    pledges(n, f"{out}/pledges.csv")
    rates(f"{out}/eurofxref-hist.csv")
