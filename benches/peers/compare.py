#!/usr/bin/env python3
"""Compares a totals CSV with the exact reference: groups that differ by a
cent or more. usage: compare.py REFERENCE OTHER -> prints 'exact' or 'N of M groups off (max X)'"""
import csv
import sys
from decimal import Decimal


def load(path):
    with open(path, newline="") as f:
        return {(r["donor"], r["year"]): Decimal(r["total"]) for r in csv.DictReader(f)}


ref, other = load(sys.argv[1]), load(sys.argv[2])
off = [abs(ref[k] - other.get(k, Decimal(0))) for k in ref if ref[k] != other.get(k)]
extra = set(other) - set(ref)
if not off and not extra:
    print("exact")
else:
    print(f"{len(off) + len(extra)} of {len(ref)} groups off (max {max(off, default=0)})")
