#!/usr/bin/env python3
"""Polars: the same query with a join_asof (floats: Polars has no exact
decimal division). usage: polars_totals.py PLEDGES RATES"""
import sys

import warnings

import polars as pl

warnings.filterwarnings("ignore", message="Sortedness")

pledges, rates = sys.argv[1], sys.argv[2]
wide = pl.read_csv(rates, infer_schema_length=0)
wide = wide.select([c for c in wide.columns if c.strip()])
r = (wide.unpivot(index="Date", variable_name="currency", value_name="rate")
     .filter(pl.col("rate") != "N/A")
     .with_columns(pl.col("Date").str.to_date().alias("day"), pl.col("rate").cast(pl.Float64))
     .select("day", "currency", "rate").sort("day"))
p = pl.read_csv(pledges, columns=["donor", "announced", "amount", "currency"],
                schema_overrides={"amount": pl.Float64, "announced": pl.Date})
dated = p.filter(pl.col("announced").is_not_null()).sort("announced")
joined = dated.join_asof(  # both sides sorted by date above
    r, left_on="announced", right_on="day", by="currency", strategy="backward")
joined = joined.with_columns(pl.when(pl.col("currency") == "EUR").then(1.0).otherwise(pl.col("rate")).alias("rate"))
undated = p.filter(pl.col("announced").is_null()).with_columns(pl.lit(1.0).alias("rate"))
allp = pl.concat([joined.select("donor", "announced", "amount", "rate"), undated.select("donor", "announced", "amount", "rate")])
out = (allp.with_columns((pl.col("amount") / pl.col("rate")).alias("eur"),
                         pl.col("announced").dt.year().cast(pl.Utf8).fill_null("unknown").alias("year"))
       .group_by("donor", "year").agg(pl.col("eur").sum().round(2)).sort("donor", "year"))
print("donor,year,total,currency")
for donor, year, total in out.iter_rows():
    print(f"{donor},{year},{total:.2f},EUR")
