#!/usr/bin/env python3
"""The exact reference: Python's decimal at 60 digits, the same rules as
the crate (rate of the announcement date or the latest earlier within 7
days; round once per group, half to even). usage: reference.py PLEDGES RATES"""
import bisect
import csv
import datetime
import sys
from collections import defaultdict
from decimal import Decimal, ROUND_HALF_EVEN, getcontext

from common import ecb_long

getcontext().prec = 60


def main(pledges, rates_path):
    by_cur = defaultdict(list)
    for day, cur, rate in ecb_long(rates_path):
        by_cur[cur].append((day, rate))
    for v in by_cur.values():
        v.sort()
    dates = {c: [d for d, _ in v] for c, v in by_cur.items()}
    totals = defaultdict(Decimal)
    with open(pledges, newline="") as f:
        for row in csv.DictReader(f):
            amount = Decimal(row["amount"])
            cur = row["currency"]
            ann = row["announced"]
            year = ann[:4] if ann else "unknown"
            if cur != "EUR":
                day = datetime.date.fromisoformat(ann)
                i = bisect.bisect_right(dates[cur], day) - 1
                qd, rate = by_cur[cur][i]
                if (day - qd).days > 7:
                    raise SystemExit(f"no {cur} rate on {day}")
                amount = amount / rate
            totals[(row["donor"], year)] += amount
    print("donor,year,total,currency")
    for (donor, year), t in sorted(totals.items()):
        print(f"{donor},{year},{t.quantize(Decimal('0.01'), rounding=ROUND_HALF_EVEN)},EUR")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
