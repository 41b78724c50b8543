#!/usr/bin/env python3
"""pandas: the same query with merge_asof (floats). usage: pandas_totals.py PLEDGES RATES"""
import sys

import pandas as pd

pledges, rates = sys.argv[1], sys.argv[2]
wide = pd.read_csv(rates, dtype=str)
wide = wide[[c for c in wide.columns if not c.startswith("Unnamed")]]
r = wide.melt(id_vars="Date", var_name="currency", value_name="rate")
r = r[r["rate"] != "N/A"].dropna()
r["day"] = pd.to_datetime(r["Date"])
r["rate"] = r["rate"].astype(float)
r = r[["day", "currency", "rate"]].sort_values("day")
p = pd.read_csv(pledges, usecols=["donor", "announced", "amount", "currency"], parse_dates=["announced"])
dated = p[p["announced"].notna()].sort_values("announced")
joined = pd.merge_asof(dated, r, left_on="announced", right_on="day", by="currency", direction="backward")
joined.loc[joined["currency"] == "EUR", "rate"] = 1.0
undated = p[p["announced"].isna()].assign(rate=1.0)
allp = pd.concat([joined, undated])
allp["eur"] = allp["amount"] / allp["rate"]
allp["year"] = allp["announced"].dt.year.astype("Int64").astype("string").fillna("unknown")
out = allp.groupby(["donor", "year"])["eur"].sum().round(2).reset_index().sort_values(["donor", "year"])
print("donor,year,total,currency")
for row in out.itertuples(index=False):
    print(f"{row.donor},{row.year},{row.eur:.2f},EUR")
