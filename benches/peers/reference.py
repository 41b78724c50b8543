#!/usr/bin/env python3
"""The exact reference: Python's decimal at 60 digits, the same rules as
the crate (rate of the announcement date or the latest earlier within 7
days; round once per group, half to even).

usage: reference.py PLEDGES RATES [year|funded-quarter]

year (the default): totals by donor × year of the announcement date.

funded-quarter: totals by donor × quarter of the funded period, by the
crate's rule for spreading: pledges alike in what the query reads
(donor, currency, the day of the rate, funded period) are summed first;
each sum is allocated level by level (years, then halves within each
year, then quarters within each half), each level split by days to whole
minor units of its currency by largest remainder (ties to the earlier
part; digits below the minor unit go whole to the first part); pledges
with no funded period go to the "unknown" quarter. Months, the crate's
last level, add up to their quarter exactly, so they are not needed
here."""
import bisect
import csv
import datetime
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_DOWN, ROUND_HALF_EVEN, getcontext

from common import ecb_long

getcontext().prec = 60

# ISO 4217 minor units of the currencies in the generated files.
MINOR = {"EUR": 2, "USD": 2, "GBP": 2, "PLN": 2, "SEK": 2, "NOK": 2, "DKK": 2, "CZK": 2,
         "CAD": 2, "CHF": 2, "JPY": 0, "KRW": 0}
CENT = Decimal("0.01")


class Rates:
    def __init__(self, path):
        by_cur = defaultdict(list)
        for day, cur, rate in ecb_long(path):
            by_cur[cur].append((day, rate))
        for v in by_cur.values():
            v.sort()
        self.by_cur = by_cur
        self.dates = {c: [d for d, _ in v] for c, v in by_cur.items()}

    def quote(self, cur, announced):
        """The day and rate of the quote for `announced` (an ISO date)."""
        day = datetime.date.fromisoformat(announced)
        i = bisect.bisect_right(self.dates[cur], day) - 1
        if i < 0 or (day - self.dates[cur][i]).days > 7:
            raise SystemExit(f"no {cur} rate on {day}")
        return self.by_cur[cur][i]

    def quote_day(self, cur, announced):
        """The day whose rate converts `cur` on `announced`; '' for EUR."""
        return "" if cur == "EUR" else self.quote(cur, announced)[0].isoformat()

    def to_eur(self, amount, cur, announced):
        """`amount` in EUR at the rate of `announced` (an ISO date, or the
        day of a quote)."""
        if cur == "EUR":
            return amount
        return amount / self.quote(cur, announced)[1]


def by_year(pledges, rates):
    totals = defaultdict(Decimal)
    with open(pledges, newline="") as f:
        for row in csv.DictReader(f):
            ann = row["announced"]
            amount = rates.to_eur(Decimal(row["amount"]), row["currency"], ann)
            totals[(row["donor"], ann[:4] if ann else "unknown")] += amount
    return "year", totals


def span(funded):
    """The first and last day (as ordinals) of a funded cell."""
    if ".." in funded:
        a, b = funded.split("..")
        return (datetime.date.fromisoformat(a).toordinal(),
                datetime.date.fromisoformat(b).toordinal())
    year = int(funded[:4])
    if len(funded) == 4:
        first, months = 1, 12
    elif funded[5] == "Q":
        first, months = 3 * int(funded[6]) - 2, 3
    elif funded[5] == "H":
        first, months = 6 * int(funded[6]) - 5, 6
    else:
        first, months = int(funded[5:7]), 1
    return (datetime.date(year, first, 1).toordinal(),
            month_start(year, first - 1 + months).toordinal() - 1)


def month_start(year, month0):
    """The first day of month `month0` (0-based, may run past December)."""
    return datetime.date(year + month0 // 12, month0 % 12 + 1, 1)


def cut(start, end, months):
    """[start, end] cut at calendar periods of `months` months (12, 6, 3)."""
    out = []
    s = start
    while s <= end:
        d = datetime.date.fromordinal(s)
        first0 = (d.month - 1) // months * months
        e = min(end, month_start(d.year, first0 + months).toordinal() - 1)
        out.append((s, e))
        s = e + 1
    return out


def allocate(units, weights):
    """`units` (whole minor units, signed) split by `weights` by largest
    remainder (ties to the earlier part), the sign kept."""
    n = abs(units)
    total = sum(weights)
    parts = [n * w // total for w in weights]
    left = n - sum(parts)
    if left:
        order = sorted(range(len(weights)), key=lambda i: (-(n * weights[i] % total), i))
        for i in order[:left]:
            parts[i] += 1
    return [-p for p in parts] if units < 0 else parts


def quarters(units, start, end):
    """(first day of the quarter, units) for the quarters [start, end] touches."""
    out = []

    def descend(a, s, e, level):
        if level == 3:
            out.append((s, a))
            return
        pieces = cut(s, e, (12, 6, 3)[level])
        if len(pieces) == 1:
            descend(a, s, e, level + 1)
            return
        for (ps, pe), part in zip(pieces, allocate(a, [pe - ps + 1 for ps, pe in pieces])):
            descend(part, ps, pe, level + 1)

    descend(units, start, end, 0)
    return out


class Codes:
    """Small numbers for the values of a column, and back."""

    def __init__(self):
        self.codes, self.values = {}, []

    def __call__(self, value):
        code = self.codes.get(value)
        if code is None:
            code = self.codes[value] = len(self.values)
            self.values.append(value)
        return code


def by_funded_quarter(pledges, rates):
    # Pledges alike in what the query reads (donor, currency, the day of
    # the rate, funded period), summed: in whole minor units of their
    # currency, and apart the digits below it (none in generated files).
    # The attributes are packed in one number, to keep a dict of ten
    # million sums small.
    columns = ("donor", "", "", "", "", "rateday", "currency", "funded")
    bits = (16, 16, 8, 8, 8, 24, 8, 40)
    codes = [Codes() for _ in columns]
    alike = defaultdict(int)
    finer = defaultdict(Decimal)
    days = {}
    with open(pledges, newline="") as f:
        for row in csv.DictReader(f):
            cur, ann = row["currency"], row["announced"]
            day = days.get((cur, ann))
            if day is None:
                day = days[(cur, ann)] = rates.quote_day(cur, ann)
            row[""], row["rateday"] = "", day
            key = 0
            for c, name, b in zip(codes, columns, bits):
                key = (key << b) | c(row[name])
            amount = Decimal(row["amount"])
            minor = MINOR[row["currency"]]
            grid = amount.quantize(Decimal(1).scaleb(-minor), rounding=ROUND_DOWN)
            alike[key] += int(grid.scaleb(minor))
            if grid != amount:
                finer[key] += amount - grid
    for c, b in zip(codes, bits):
        assert len(c.values) < 1 << b
    # Each sum spread, each part converted as it comes: exact arithmetic
    # gives the same as converting the sums per (group, currency, rate
    # day), which the crate does, and 60 digits are as good as exact here.
    # The digits below the minor unit go whole to the first part, as the
    # crate's allocation gives them at every level.
    factors = {}  # (currency, day) -> EUR per minor unit

    def factor(cur, announced):
        f = factors.get((cur, announced))
        if f is None:
            c = codes[6].values[cur]
            f = factors[(cur, announced)] = rates.to_eur(
                Decimal(1).scaleb(-MINOR[c]), c, codes[5].values[announced])
        return f

    totals = defaultdict(Decimal)
    unknown = "unknown"
    for key, units in alike.items():
        residual = finer.get(key)
        fields = []
        packed = key
        for b in reversed(bits):
            fields.append(packed & ((1 << b) - 1))
            packed >>= b
        funded, cur, announced = fields[0], fields[1], fields[2]
        donor = codes[0].values[fields[7]]
        to_eur = factor(cur, announced)
        text = codes[7].values[funded]
        if not text:
            pieces = [(None, units)]
        else:
            pieces = quarters(units, *span(text))
        first = True
        for day, part in pieces:
            if day is None:
                label = unknown
            else:
                d = datetime.date.fromordinal(day)
                label = f"{d.year}-Q{(d.month - 1) // 3 + 1}"
            eur = part * to_eur
            if first and residual:
                eur += residual * to_eur * Decimal(1).scaleb(MINOR[codes[6].values[cur]])
            first = False
            totals[(donor, label)] += eur
    return "quarter", totals


def main(pledges, rates_path, job="year"):
    rates = Rates(rates_path)
    jobs = {"year": by_year, "funded-quarter": by_funded_quarter}
    if job not in jobs:
        raise SystemExit(f"unknown job {job}: year or funded-quarter")
    column, totals = jobs[job](pledges, rates)
    print(f"donor,{column},total,currency")
    for (donor, key), t in sorted(totals.items()):
        print(f"{donor},{key},{t.quantize(CENT, rounding=ROUND_HALF_EVEN)},EUR")


if __name__ == "__main__":
    main(*sys.argv[1:])
