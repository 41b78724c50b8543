"""Writes a pledge CSV of N pledges in G groups of donor × month, for
measuring what a group costs (groups.sh).

    python3 groups.py N G BASIS > pledges.csv

BASIS is `announced` (each pledge dated on the 15th of its month) or
`funded` (each pledge funded over its month, undated). The pledges of one
group differ only in amount and id; every fourth has a quoted free-text
source with a comma and doubled quotes, as tracker exports do.
"""
import random
import sys

DONORS = (
    "AL AT AU BE BG CA CH CZ DE DK EE ES FI FR GB GR HR HU IE IS "
    "IT JP KR LT LU LV ME MK MT NL NO NZ PL PT RO SE SI SK TR US"
).split()


def main():
    n, g, basis = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    months = max(1, g // len(DONORS))
    rng = random.Random(1)
    out = sys.stdout
    out.write("id,donor,recipient,announced,funded,category,instrument,stage,amount,currency,source\n")
    for i in range(n):
        k = i % (len(DONORS) * months)
        donor, m = DONORS[k % len(DONORS)], k // len(DONORS)
        month = f"{1800 + m // 12}-{m % 12 + 1:02d}"
        announced, funded = (f"{month}-15", "") if basis == "announced" else ("", month)
        source = '"Ministry, press release: ""over 1 billion"""' if i % 4 == 0 else "gov"
        amount = f"{rng.randint(1, 10**9)}.{rng.randint(0, 99):02d}"
        out.write(f"p{i},{donor},UA,{announced},{funded},financial,grant,announced,{amount},EUR,{source}\n")


if __name__ == "__main__":
    main()
