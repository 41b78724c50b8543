#!/usr/bin/env python3
"""DuckDB: the same query in SQL, DECIMAL types, an ASOF join on the rates,
both cores. usage: duckdb_totals.py PLEDGES RATES"""
import sys

import duckdb

pledges, rates = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET threads TO 2")
rows = con.execute(f"""
WITH wide AS (
    SELECT * EXCLUDE (Date), Date AS day FROM read_csv('{rates}', header = true, all_varchar = true)
),
r AS (
    SELECT CAST(day AS DATE) AS day, currency, CAST(rate AS DECIMAL(18, 6)) AS rate
    FROM (UNPIVOT (SELECT * FROM wide) ON COLUMNS(* EXCLUDE (day)) INTO NAME currency VALUE rate)
    WHERE rate IS NOT NULL AND trim(rate) NOT IN ('', 'N/A')
    UNION ALL SELECT DISTINCT CAST(day AS DATE), 'EUR', CAST(1 AS DECIMAL(18, 6)) FROM wide
),
p AS (
    SELECT donor, announced, CAST(amount AS DECIMAL(38, 9)) AS amount, currency
    FROM read_csv('{pledges}', header = true,
        columns = {{'id': 'VARCHAR', 'donor': 'VARCHAR', 'recipient': 'VARCHAR', 'announced': 'DATE',
                    'funded': 'VARCHAR', 'category': 'VARCHAR', 'instrument': 'VARCHAR',
                    'stage': 'VARCHAR', 'amount': 'VARCHAR', 'currency': 'VARCHAR',
                    'source': 'VARCHAR'}})
)
SELECT p.donor, coalesce(CAST(year(p.announced) AS VARCHAR), 'unknown') AS year,
       round(sum(CASE WHEN p.currency = 'EUR' THEN p.amount ELSE p.amount / r.rate END), 2) AS total
FROM p ASOF LEFT JOIN r ON p.currency = r.currency AND p.announced >= r.day
GROUP BY ALL ORDER BY 1, 2
""").fetchall()
print("donor,year,total,currency")
for donor, year, total in rows:
    print(f"{donor},{year},{total:.2f},EUR")
