#!/usr/bin/env bash
# Side by side: `alliance totals` (the crate's command, tool/), DuckDB, Polars
# and pandas on generated files shaped like a tracker's export
# (generate.py), in two jobs:
#
#   year     totals by donor × year of the announcement date in EUR, each
#            pledge at the ECB rate of its announcement date: `alliance
#            totals` (on the machine's threads, and as `totals-1t` on one),
#            DuckDB, Polars, pandas, and a Rust floor that only splits the
#            records and sums integer cents (cents.rs);
#   quarter  totals by donor × quarter of the funded period in EUR, each
#            pledge spread over its funded period by days (`--date
#            funded`): `alliance totals` and DuckDB (duckdb_funded.py).
#
# Checks every result against the exact reference in Python's decimal
# (reference.py, both jobs, to the crate's rules) and prints wall time and
# peak memory (medians of RUNS runs), and the ratios: totals ÷ DuckDB for
# each job (and totals on one thread ÷ DuckDB on all), and the funded job
# ÷ the announced job for `alliance totals`.
#
#   bash benches/peers/run.sh [SIZES] [RUNS]
#
#   SIZES  numbers of pledges, one or several separated by commas (or by
#          spaces within one argument; default 1000000), e.g. 1000000,10000000
#   RUNS   runs of each tool (default 5)
#
# Environment:
#   VENV   a virtual environment with duckdb, polars and pandas (default
#          target/peers/venv, made on first use: needs PyPI)
#   CHECK  0 skips the exact references (at 10,000,000 pledges they take
#          tens of minutes and a few GB the first time) and compares with
#          `alliance totals` instead
#
# Files go under target/peers/N/ (pledges.csv, eurofxref-hist.csv, each
# tool's output, the references, results.txt); the data and references are
# made again only when generate.py or reference.py is newer.
set -euo pipefail
if [ -n "${VENV:-}" ]; then VENV="$(realpath "$VENV")"; fi
cd "$(dirname "$0")/../.."
SIZES="${1:-1000000}"
RUNS="${2:-5}"
CHECK="${CHECK:-1}"
ROOT="target/peers"
PEERS="benches/peers"
VENV="${VENV:-$ROOT/venv}"
mkdir -p "$ROOT"

if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q duckdb polars pandas
fi
PY="$VENV/bin/python"

cargo build --quiet --release -p alliance-tool
ALLIANCE="target/release/alliance"
rustc --edition 2021 -O -o "$ROOT/cents" "$PEERS/cents.rs"

# The median of the arguments (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
# a ÷ b to two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
# A file's size in MiB, the unit of the peaks (time's %M is in KiB).
mib() { awk -v s="$(stat -c %s "$1")" 'BEGIN { printf "%.0f MiB", s / 1048576 }'; }
# True when $1 is missing or older than any of the rest.
stale() {
    local out="$1"; shift
    [ -f "$out" ] || return 0
    for dep in "$@"; do [ "$dep" -nt "$out" ] && return 0; done
    return 1
}

# measure DIR JOB NAME COMMAND...: runs COMMAND RUNS times (output to
# DIR/JOB-NAME.csv) and prints "JOB NAME seconds peak-KB".
measure() {
    local dir="$1" job="$2" name="$3"; shift 3
    local times=() mems=() t m
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$@" > "$dir/$job-$name.csv"
        read -r t m < "$dir/time.txt"
        times+=("$t"); mems+=("$m")
    done
    echo "$job $name $(median "${times[@]}") $(median "${mems[@]}")"
}

SUMMARY="$ROOT/summary.txt"
: > "$SUMMARY"
for N in ${SIZES//,/ }; do
    DIR="$ROOT/$N"
    mkdir -p "$DIR"
    PLEDGES="$DIR/pledges.csv"
    RATES="$DIR/eurofxref-hist.csv"
    if stale "$PLEDGES" "$PEERS/generate.py" || [ ! -f "$RATES" ]; then
        echo "generating $N pledges…" >&2
        python3 "$PEERS/generate.py" "$N" "$DIR"
    fi
    if [ "$CHECK" != 0 ]; then
        for job in year funded-quarter; do
            if stale "$DIR/reference-$job.csv" "$PLEDGES" "$PEERS/reference.py" "$PEERS/common.py"; then
                echo "exact reference, $job, $N pledges…" >&2
                "$PY" "$PEERS/reference.py" "$PLEDGES" "$RATES" "$job" > "$DIR/reference-$job.tmp"
                mv "$DIR/reference-$job.tmp" "$DIR/reference-$job.csv"
            fi
        done
    fi

    {
        measure "$DIR" year totals "$ALLIANCE" totals --pledges "$PLEDGES" --rates "$RATES" --in EUR --by donor,year
        measure "$DIR" year totals-1t "$ALLIANCE" totals --pledges "$PLEDGES" --rates "$RATES" --in EUR --by donor,year --threads 1
        measure "$DIR" year duckdb "$PY" "$PEERS/duckdb_totals.py" "$PLEDGES" "$RATES"
        measure "$DIR" year polars "$PY" "$PEERS/polars_totals.py" "$PLEDGES" "$RATES"
        measure "$DIR" year pandas "$PY" "$PEERS/pandas_totals.py" "$PLEDGES" "$RATES"
        measure "$DIR" year cents "$ROOT/cents" "$PLEDGES"
        measure "$DIR" quarter totals "$ALLIANCE" totals --pledges "$PLEDGES" --rates "$RATES" --in EUR --by donor,quarter --date funded
        measure "$DIR" quarter duckdb "$PY" "$PEERS/duckdb_funded.py" "$PLEDGES" "$RATES"
    } > "$DIR/results.txt"

    echo
    echo "$N pledges: $PLEDGES ($(mib "$PLEDGES")), $RATES ($(mib "$RATES")); medians of $RUNS"
    if [ "$CHECK" != 0 ]; then against="vs exact reference"; else against="vs alliance totals"; fi
    printf '%-8s %-9s %9s %10s %9s  %s\n' job tool "wall (s)" "peak (MiB)" "/ totals" "$against"
    while read -r job name t m; do
        base=$(awk -v j="$job" '$1 == j && $2 == "totals" { print $3 }' "$DIR/results.txt")
        if [ "$name" = cents ]; then
            check="(sums cents only; no conversion)"
        else
            ref="$DIR/reference-$([ "$job" = year ] && echo year || echo funded-quarter).csv"
            if [ "$CHECK" != 0 ]; then
                check=$("$PY" "$PEERS/compare.py" "$ref" "$DIR/$job-$name.csv")
            elif [ "$name" = totals ]; then
                check="(compared with)"
            else
                check=$("$PY" "$PEERS/compare.py" "$DIR/$job-totals.csv" "$DIR/$job-$name.csv" | sed 's/^exact/the same/')
            fi
        fi
        printf '%-8s %-9s %9s %10s %9s  %s\n' "$job" "$name" "$t" "$(( m / 1024 ))" "$(ratio "$t" "$base")" "$check"
    done < "$DIR/results.txt"

    get() { awk -v j="$1" -v n="$2" -v c="$3" '$1 == j && $2 == n { print $c }' "$DIR/results.txt"; }
    yt=$(get year totals 3) yd=$(get year duckdb 3) qt=$(get quarter totals 3) qd=$(get quarter duckdb 3)
    ym=$(get year totals 4) ydm=$(get year duckdb 4) qm=$(get quarter totals 4) qdm=$(get quarter duckdb 4)
    y1=$(get year totals-1t 3) y1m=$(get year totals-1t 4)
    printf '%s %s %s %s %s %s %s %s %s %s\n' "$N" "$(mib "$PLEDGES" | tr -d ' ')" \
        "$(ratio "$yt" "$yd")" "$(ratio "$y1" "$yd")" "$(ratio "$qt" "$qd")" "$(ratio "$qt" "$yt")" \
        "$(ratio "$ym" "$ydm")" "$(ratio "$y1m" "$ydm")" "$(ratio "$qm" "$qdm")" "$(ratio "$qm" "$ym")" >> "$SUMMARY"
done

echo
echo "ratios: alliance totals (t) / DuckDB in each job (t-1t: on one thread); t's funded quarter job / its year job"
row() { printf '%-10s %7s  %-9s %15s %18s %18s %15s\n' "$@"; }
row pledges file measure "year: t/DuckDB" "year: t-1t/DuckDB" "quarter: t/DuckDB" "t: funded/year"
while read -r n size a a1 b c d d1 e f; do
    row "$n" "$size" "wall" "$a" "$a1" "$b" "$c"
    row "" "" "peak mem" "$d" "$d1" "$e" "$f"
done < "$SUMMARY"
