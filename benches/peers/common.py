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


def duckdb_rates(path):
    """DuckDB SQL for a table `r(day, currency, rate)` of the ECB file in
    long form (N/A skipped, EUR at 1 on every quoted day), for a WITH."""
    return f"""
wide AS (
    SELECT * EXCLUDE (Date), Date AS day FROM read_csv('{path}', header = true, all_varchar = true)
),
r AS (
    SELECT CAST(day AS DATE) AS day, currency, CAST(rate AS DECIMAL(18, 6)) AS rate
    FROM (UNPIVOT (SELECT * FROM wide) ON COLUMNS(* EXCLUDE (day)) INTO NAME currency VALUE rate)
    WHERE rate IS NOT NULL AND trim(rate) NOT IN ('', 'N/A')
    UNION ALL SELECT DISTINCT CAST(day AS DATE), 'EUR', CAST(1 AS DECIMAL(18, 6)) FROM wide
)"""


def duckdb_pledges(path):
    """DuckDB SQL reading the pledge CSV with every column typed (`source`,
    free text, may be quoted with commas, doubled quotes and line breaks)."""
    return f"""read_csv('{path}', header = true,
        columns = {{'id': 'VARCHAR', 'donor': 'VARCHAR', 'recipient': 'VARCHAR', 'announced': 'DATE',
                    'funded': 'VARCHAR', 'category': 'VARCHAR', 'instrument': 'VARCHAR',
                    'stage': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR',
                    'source': 'VARCHAR'}})"""
