#!/usr/bin/env python3
"""DuckDB: the same query in SQL, DECIMAL types, an ASOF join on the rates,
both cores. (DuckDB divides DECIMALs in DOUBLE: the conversion is not
exact.) usage: duckdb_totals.py PLEDGES RATES"""
import sys

import duckdb

from common import duckdb_pledges, duckdb_rates

pledges, rates = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET threads TO 2")
rows = con.execute(f"""
WITH {duckdb_rates(rates)},
p AS (
    SELECT donor, announced, CAST(amount AS DECIMAL(38, 9)) AS amount, currency
    FROM {duckdb_pledges(pledges)}
)
SELECT p.donor, coalesce(CAST(year(p.announced) AS VARCHAR), 'unknown') AS year,
       round(sum(CASE WHEN p.currency = 'EUR' THEN p.amount ELSE p.amount / r.rate END), 2) AS total
FROM p ASOF LEFT JOIN r ON p.currency = r.currency AND p.announced >= r.day
GROUP BY ALL ORDER BY 1, 2
""").fetchall()
print("donor,year,total,currency")
for donor, year, total in rows:
    print(f"{donor},{year},{total:.2f},EUR")
