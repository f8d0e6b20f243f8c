"""The directory's published records as the profile's CSV datapackage.

Rows come from the same ``records`` functions the API serves, flattened into
one file per table, so a council that exchanges files gets what the API
gives. Rows are streamed: memory does not grow with the directory.
"""

import csv
import json
from contextlib import ExitStack
from pathlib import Path

from . import datapackage, queries, records
from .records import Links

CHUNK = 500


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def export(folder: Path, links: Links, progress=None) -> dict[str, int]:
    """Write every table and ``datapackage.json`` into ``folder``; rows written per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = dict.fromkeys(datapackage.COLUMNS, 0)
    seen_locations = set()
    with ExitStack() as stack:
        writers = {}
        for resource, path, columns in datapackage.TABLES:
            file = stack.enter_context((folder / path).open("w", newline="", encoding="utf-8"))
            writers[resource] = csv.writer(file)
            writers[resource].writerow(columns)

        def write(resource, record):
            writers[resource].writerow(
                [cell(record.get(column)) for column in datapackage.COLUMNS[resource]]
            )
            counts[resource] += 1

        organisations = queries.organisations().order_by("name", "pk").iterator(chunk_size=CHUNK)
        for organisation in organisations:
            record = records.organization(organisation, links)
            write("organization", record)
            for identifier in record["organization_identifiers"]:
                write("organization_identifier", identifier)

        services = queries.services_in_full().order_by("name", "pk")
        iterator = services.iterator(chunk_size=CHUNK)
        if progress:
            iterator = progress(iterator, total=services.count(), desc="Services")
        for service in iterator:
            record = records.service(service, links, with_organization=False)
            write("service", record)
            for link in record["service_at_locations"]:
                write("service_at_location", link)
                place = link["location"]
                if place["id"] not in seen_locations:
                    seen_locations.add(place["id"])
                    write("location", place)
                    for address in place["addresses"]:
                        write("address", address)
                    for item in place["accessibility"]:
                        write("accessibility", item)
            for contact in record["contacts"]:
                write("contact", contact)
                for phone in contact["phones"]:
                    write("phone", phone)
            for resource, nested in [
                ("schedule", "schedules"),
                ("funding", "funding"),
                ("service_area", "service_areas"),
                ("language", "languages"),
                ("cost_option", "cost_options"),
                ("attribute", "attributes"),
            ]:
                for item in record[nested]:
                    write(resource, item)

        write("taxonomy", records.taxonomy(links))
        for category in queries.categories():
            write("taxonomy_term", records.taxonomy_term(category, links))

    descriptor = datapackage.descriptor("Community partnership directory: Open Referral UK")
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2) + "\n")
    return counts
