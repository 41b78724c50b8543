#!/usr/bin/env python3
"""DuckDB: totals by donor × quarter of the funded period in EUR, in SQL,
both cores. The funded cell (2025, 2025-Q1, 2025-H1, 2025-03 or a range
2025-01-15..2027-06-30) becomes its first and last day; each pledge is
spread over the quarters it touches (generate_series) in proportion to
the days of its period in each, as DECIMAL: amount × days ÷ days of the
period, floored to 10^-9 by integer division (DuckDB divides DECIMALs in
DOUBLE). Pledges with no funded period go to "unknown". Each share is
converted at the rate of the announcement date (ASOF join; DOUBLE, as in
duckdb_totals.py) and the group's sum rounded to cents.

Unlike the crate, the shares are not rounded to the currency's minor unit
level by level (years, halves, quarters, months) by largest remainder, and
alike pledges are not summed before spreading (which only matters with the
rounding): each pledge's quarter shares differ from the crate's by less
than a few minor units of its currency (a yen, a won, a cent), and over
many pledges a group's total drifts from the crate's by cents to euros.
compare.py reports how many groups differ and by how much at most.

usage: duckdb_funded.py PLEDGES RATES"""
import sys

import duckdb

from common import duckdb_pledges, duckdb_rates

pledges, rates = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET threads TO 2")
rows = con.execute(f"""
WITH {duckdb_rates(rates)},
p AS (
    SELECT donor, announced, nullif(trim(funded), '') AS funded,
           CAST(amount AS DECIMAL(38, 9)) AS amount, currency
    FROM {duckdb_pledges(pledges)}
),
-- The first day of the funded period, and its length in months (NULL for a range).
f1 AS (
    SELECT *,
        CASE WHEN funded IS NULL THEN NULL
             WHEN contains(funded, '..') THEN CAST(split_part(funded, '..', 1) AS DATE)
             WHEN length(funded) = 4 THEN make_date(CAST(funded AS INTEGER), 1, 1)
             WHEN funded[6] = 'Q' THEN make_date(CAST(funded[1:4] AS INTEGER), 3 * CAST(funded[7] AS INTEGER) - 2, 1)
             WHEN funded[6] = 'H' THEN make_date(CAST(funded[1:4] AS INTEGER), 6 * CAST(funded[7] AS INTEGER) - 5, 1)
             ELSE make_date(CAST(funded[1:4] AS INTEGER), CAST(funded[6:7] AS INTEGER), 1)
        END AS first,
        CASE WHEN funded IS NULL OR contains(funded, '..') THEN NULL
             WHEN length(funded) = 4 THEN 12
             WHEN funded[6] = 'Q' THEN 3
             WHEN funded[6] = 'H' THEN 6
             ELSE 1
        END AS months
    FROM p
),
f AS (
    SELECT donor, announced, amount, currency, first,
        CASE WHEN months IS NULL THEN CAST(split_part(funded, '..', 2) AS DATE)
             ELSE CAST(first + to_months(months) - INTERVAL 1 DAY AS DATE)
        END AS last
    FROM f1
),
-- With the rate of the announcement date.
fr AS (
    SELECT f.*, CASE WHEN f.currency = 'EUR' THEN NULL ELSE r.rate END AS rate
    FROM f ASOF LEFT JOIN r ON f.currency = r.currency AND f.announced >= r.day
),
-- One row per (pledge, quarter touched).
q AS (
    SELECT *, CAST(unnest(generate_series(CAST(date_trunc('quarter', first) AS DATE),
                                          CAST(date_trunc('quarter', last) AS DATE),
                                          INTERVAL 3 MONTH)) AS DATE) AS quarter
    FROM fr WHERE first IS NOT NULL
),
shares AS (
    SELECT donor, quarter, rate,
        CAST(CAST(amount * 1000000000 AS HUGEINT)
             * (least(last, CAST(quarter + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE))
                - greatest(first, quarter) + 1)
             // (last - first + 1) AS DECIMAL(38, 0)) * 0.000000001 AS share
    FROM q
    UNION ALL
    SELECT donor, NULL, rate, amount FROM fr WHERE first IS NULL
)
SELECT donor,
       coalesce(CAST(year(quarter) AS VARCHAR) || '-Q' || CAST(quarter(quarter) AS VARCHAR), 'unknown')
           AS quarter,
       round(sum(CASE WHEN rate IS NULL THEN share ELSE share / rate END), 2) AS total
FROM shares
GROUP BY ALL ORDER BY 1, 2
""").fetchall()
print("donor,quarter,total,currency")
for donor, quarter, total in rows:
    print(f"{donor},{quarter},{total:.2f},EUR")
