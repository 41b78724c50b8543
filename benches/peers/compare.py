#!/usr/bin/env python3
"""Compares a totals CSV with a reference: groups that differ by a cent or
more. The group is every column but `total` and `currency` (donor,year or
donor,quarter). usage: compare.py REFERENCE OTHER
-> prints 'exact (...)' or 'N of M groups off (max X)'"""
import csv
import sys
from decimal import Decimal


def load(path):
    with open(path, newline="") as f:
        rows = csv.DictReader(f)
        keys = [c for c in rows.fieldnames if c not in ("total", "currency")]
        return {tuple(r[k] for k in keys): Decimal(r["total"]) for r in rows}


ref, other = load(sys.argv[1]), load(sys.argv[2])
off = [abs(ref[k] - other.get(k, Decimal(0))) for k in ref if ref[k] != other.get(k)]
extra = [abs(other[k]) for k in set(other) - set(ref)]
if not off and not extra:
    print(f"exact (all {len(ref)} groups to the cent)")
else:
    print(f"{len(off) + len(extra)} of {len(ref)} groups off (max {max(off + extra, default=0)})")
