#!/usr/bin/env bash
# Side-by-side: `alliance totals` (the crate's command, tool/), DuckDB, Polars and pandas on
# the same query (totals by donor × year in EUR, each pledge at the ECB rate
# of its announcement date), on a generated file of N pledges (default
# 1,000,000). Checks the exact results against Python's decimal and prints
# wall time and peak memory (medians of RUNS runs, default 5).
#
#   bash benches/peers/run.sh [N] [RUNS]
#
# Installs duckdb, polars and pandas in a virtual environment under
# target/peers/ on first use (needs PyPI).
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-1000000}"
RUNS="${2:-5}"
DIR="target/peers"
mkdir -p "$DIR"
PEERS="benches/peers"

if [ ! -x "$DIR/venv/bin/python" ]; then
    python3 -m venv "$DIR/venv"
    "$DIR/venv/bin/pip" install -q duckdb polars pandas
fi
PY="$DIR/venv/bin/python"

if [ ! -f "$DIR/pledges-$N.csv" ]; then
    python3 "$PEERS/generate.py" "$N" "$DIR"
    mv "$DIR/pledges.csv" "$DIR/pledges-$N.csv"
fi
PLEDGES="$DIR/pledges-$N.csv"
RATES="$DIR/eurofxref-hist.csv"
echo "input: $PLEDGES ($(du -h "$PLEDGES" | cut -f1)), $RATES"

cargo build --quiet --release -p alliance-tool
rustc -O -o "$DIR/cents" "$PEERS/cents.rs"

"$PY" "$PEERS/reference.py" "$PLEDGES" "$RATES" > "$DIR/reference.csv"

measure() { # name, command...
    local name="$1"; shift
    local times=() mems=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$DIR/time.txt" "$@" > "$DIR/$name.csv"
        read -r t m < "$DIR/time.txt"
        times+=("$t"); mems+=("$m")
    done
    local tm mm
    tm=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    mm=$(printf '%s\n' "${mems[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
    echo "$name $tm $mm"
}

{
    measure totals target/release/alliance totals --pledges "$PLEDGES" --rates "$RATES" --in EUR --by donor,year
    measure duckdb "$PY" "$PEERS/duckdb_totals.py" "$PLEDGES" "$RATES"
    measure polars "$PY" "$PEERS/polars_totals.py" "$PLEDGES" "$RATES"
    measure pandas "$PY" "$PEERS/pandas_totals.py" "$PLEDGES" "$RATES"
    measure cents "$DIR/cents" "$PLEDGES"
} > "$DIR/results.txt"

base=$(awk '$1 == "totals" {print $2}' "$DIR/results.txt")
printf '%-8s %10s %12s %10s  %s\n' tool "wall (s)" "peak (MB)" "÷ totals" "vs exact reference"
while read -r name t m; do
    if [ "$name" = cents ]; then
        check="(sums cents only; no conversion)"
    else
        check=$("$PY" "$PEERS/compare.py" "$DIR/reference.csv" "$DIR/$name.csv")
    fi
    printf '%-8s %10s %12s %10s  %s\n' "$name" "$t" "$(( m / 1024 ))" "$(awk -v a="$t" -v b="$base" 'BEGIN {printf "%.2f", a / b}')" "$check"
done < "$DIR/results.txt"
