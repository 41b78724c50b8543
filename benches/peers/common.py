"""Shared by the peer scripts: reading the ECB file into long form."""
import csv
import datetime
from decimal import Decimal


def ecb_long(path):
    """(date, currency, rate) rows from an ECB history file, N/A skipped."""
    out = []
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = [h.strip() for h in next(rows)]
        for row in rows:
            day = datetime.date.fromisoformat(row[0].strip())
            for cur, val in zip(header[1:], row[1:]):
                val = val.strip()
                if cur and val and val != "N/A":
                    out.append((day, cur, Decimal(val)))
    return out
