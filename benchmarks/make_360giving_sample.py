"""Write a 360Giving flat CSV of N grants for trying the import at scale.

    DATABASE_URL=... .venv/bin/python benchmarks/make_360giving_sample.py OUT.csv [--grants 5000]

The file follows the 360Giving Data Standard's spreadsheet column titles. It is
generated, not real data (no published 360Giving file is reachable from here),
but shaped like one: a council's grants programme with GB-LAE funder ids,
recipients with GB-CHC / GB-SC / GB-COH / 360G- org ids, beneficiary locations
by GSS code. It reads the database it will be imported into, so about a third
of the recipients are listings already there (by charity number) and the
beneficiary codes are the directory's council areas. About 1% of rows are
deliberately bad (no amount, a date that is not a date, a grant to an
individual, a repeated Identifier), so the rejection report has work to do.
"""

import argparse
import csv
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Recipient Org:Postal Code",
    "Recipient Ind:Identifier",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Beneficiary Location:0:Name",
    "Beneficiary Location:0:Country Code",
    "Beneficiary Location:0:Geographic Code",
    "Beneficiary Location:0:Geographic Code Type",
    "Last Modified",
    "Data Source",
]
PROGRAMMES = [
    ("LEG", "Local Economic Growth Fund"),
    ("CRF", "Community Recovery Fund"),
    ("HAF", "Holiday Activities and Food"),
    ("WSF", "Warm Spaces Fund"),
]
WORDS = ["Food", "Warm", "Youth", "Digital", "Befriending", "Advice", "Wellbeing", "Skills"]
PLACES = ["Ancoats", "Hulme", "Moss Side", "Gorton", "Levenshulme", "Withington", "Chorlton"]
KINDS = ["Pantry", "Hub", "Network", "Trust", "Collective", "Project", "Centre"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--grants", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=360)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from organisations.models import Area, Organisation

    rng = random.Random(args.seed)
    councils = list(
        Area.objects.councils()
        .exclude(local_authority_code="")
        .values_list("gss_code", "name", "local_authority_code", "official_name")
    ) or [("E08000003", "Manchester", "MAN", "Manchester City Council")]
    listed = list(
        Organisation.objects.exclude(charity_number="")
        .order_by("pk")
        .values_list("charity_number", "name")[:5000]
    )
    new_orgs = []
    for n in range(args.grants // 3):
        name = f"{rng.choice(PLACES)} {rng.choice(WORDS)} {rng.choice(KINDS)}"
        scheme = rng.random()
        if scheme < 0.5:
            number = str(1_150_000 + n)
            new_orgs.append((f"GB-CHC-{number}", f"{name} {n}", number, ""))
        elif scheme < 0.6:
            number = f"SC{50_000 + n:06d}"
            new_orgs.append((f"GB-SC-{number}", f"{name} {n}", number, ""))
        elif scheme < 0.8:
            number = f"{11_000_000 + n:08d}"
            new_orgs.append((f"GB-COH-{number}", f"{name} CIC {n}", "", number))
        else:
            new_orgs.append((f"360G-SAMPLE-ORG-{n}", f"{name} Mutual Aid {n}", "", ""))

    start = date(2019, 4, 1)
    previous_id = ""
    with args.out.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for n in range(1, args.grants + 1):
            gss, place, code, council = rng.choice(councils)
            programme_code, programme = rng.choice(PROGRAMMES)
            if listed and rng.random() < 0.35:
                charity, name = rng.choice(listed)
                org = (f"GB-CHC-{charity}", name, charity, "")
            else:
                org = rng.choice(new_orgs)
            row = {
                "Identifier": f"360G-{code}-{programme_code}-{n:06d}",
                "Title": f"{programme}: {org[1]}",
                "Description": f"A grant from the {programme} for work in {place}.",
                "Currency": "GBP",
                "Amount Awarded": str(rng.choice([500, 1000, 2500, 5000, 10000, 25000, 50000])),
                "Award Date": (start + timedelta(days=rng.randrange(5 * 365))).isoformat(),
                "Recipient Org:Identifier": org[0],
                "Recipient Org:Name": org[1],
                "Recipient Org:Charity Number": org[2],
                "Recipient Org:Company Number": org[3],
                "Recipient Org:Postal Code": "",
                "Funding Org:Identifier": f"GB-LAE-{code}",
                "Funding Org:Name": council or f"{place} Council",
                "Grant Programme:Code": programme_code,
                "Grant Programme:Title": programme,
                "Beneficiary Location:0:Name": place,
                "Beneficiary Location:0:Country Code": "GB",
                "Beneficiary Location:0:Geographic Code": gss,
                "Beneficiary Location:0:Geographic Code Type": "LAD",
                "Last Modified": "2024-06-30T09:00:00+00:00",
                "Data Source": "https://example.org/360giving/grants.csv",
            }
            if n % 100 == 17:  # about 1% deliberately bad, each kind in turn
                match (n // 100) % 4:
                    case 0:
                        row["Amount Awarded"] = ""
                    case 1:
                        row["Award Date"] = "sometime in spring"
                    case 2:
                        row["Recipient Org:Identifier"] = ""
                        row["Recipient Org:Name"] = ""
                        row["Recipient Ind:Identifier"] = f"360G-{code}-IND-{n}"
                    case 3:
                        row["Identifier"] = previous_id
            previous_id = row["Identifier"]
            writer.writerow(row)
    print(f"Wrote {args.grants:,} grants to {args.out}")


if __name__ == "__main__":
    main()
