#!/usr/bin/env bash
# What one group costs `alliance totals`: peak memory of the whole process
# for the same number of pledges in few groups and in many (donor × month,
# groups.py), by the announcement date and by the funded period; the
# difference divided by the difference in groups is the bytes per group.
#
#   bash benches/peers/groups.sh [PLEDGES] [FEW] [MANY] [RUNS]
#
# Defaults: 280,000 pledges; 35,000 and 280,000 groups; medians of 3 runs,
# on one thread. Files go under target/peers/groups/.
set -euo pipefail
cd "$(dirname "$0")/../.."
N="${1:-280000}"
FEW="${2:-35000}"
MANY="${3:-280000}"
RUNS="${4:-3}"
DIR="target/peers/groups"
mkdir -p "$DIR"
cargo build --quiet --release -p alliance-tool
ALLIANCE="target/release/alliance"

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
# peak BASIS G: the median peak (KB) of totals by donor × month.
peak() {
    local file="$DIR/$1-$N-$2.csv" mems=() m
    [ -f "$file" ] || python3 benches/peers/groups.py "$N" "$2" "$1" > "$file"
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%M" -o "$DIR/time.txt" "$ALLIANCE" totals --pledges "$file" \
            --in EUR --by donor,month --date "$1" --threads 1 > "$DIR/out.csv"
        read -r m < "$DIR/time.txt"
        mems+=("$m")
    done
    [ "$(($(wc -l < "$DIR/out.csv") - 1))" = "$2" ] || { echo "expected $2 groups" >&2; exit 1; }
    median "${mems[@]}"
}
echo "basis      groups   peak (KiB)   ($N pledges, one thread)"
for basis in announced funded; do
    few=$(peak "$basis" "$FEW")
    many=$(peak "$basis" "$MANY")
    printf '%-10s %8s %10s\n%-10s %8s %10s\n' "$basis" "$FEW" "$few" "$basis" "$MANY" "$many"
    awk -v a="$few" -v b="$many" -v f="$FEW" -v m="$MANY" -v basis="$basis" \
        'BEGIN { printf "%s: %.0f bytes per group\n", basis, (b - a) * 1024 / (m - f) }'
done
