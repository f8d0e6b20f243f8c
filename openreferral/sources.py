"""Reading an Open Referral UK feed: an API, a JSON file, or a CSV datapackage folder.

Whatever the source, the result is a ``Feed``: services in the profile's
fully nested JSON shape, and the organisations they point at. A source that
cannot be read (bad JSON, a broken CSV line, a record that is not an object)
raises ``SourceError`` naming the file and line or record, before anything is
written. Links inside a CSV folder that point at nothing are noted as
problems and left out.
"""

import csv
import json
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import datapackage

USER_AGENT = "community-partnership-directory import_oruk"
TIMEOUT = 30
PAGE_SIZE = 50
MAX_PAGES = 10_000


class SourceError(Exception):
    pass


@dataclass
class Feed:
    name: str
    services: list[dict] = field(default_factory=list)
    organizations: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def read(source: str, progress=None) -> Feed:
    """The feed at ``source``: an http(s) base URL, a JSON file, or a CSV folder."""
    if source.startswith(("http://", "https://")):
        return read_api(source, progress)
    path = Path(source)
    if path.is_dir():
        return read_csv_folder(path)
    if path.is_file():
        return read_json_file(path)
    raise SourceError(f"{source} is not a URL, a file or a folder.")


# JSON: one service, organisation or service at location, a list of them, or a page.


def read_json_file(path: Path) -> Feed:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise SourceError(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}.") from None
    feed = Feed(name=str(path.resolve()))
    add_records(feed, data, str(path))
    return feed


def add_records(feed: Feed, data, where: str) -> None:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    records = data if isinstance(data, list) else [data]
    by_id = {service["id"]: service for service in feed.services if "id" in service}
    for number, record in enumerate(records, start=1):
        label = f"{where}: record {number}" if isinstance(data, list) else where
        if not isinstance(record, dict):
            raise SourceError(f"{label} is not a JSON object.")
        if isinstance(record.get("services"), list) and record.get("id"):
            organization = {key: value for key, value in record.items() if key != "services"}
            feed.organizations.setdefault(str(record["id"]), organization)
        for service in services_in(record, label):
            known = by_id.get(service.get("id"))
            if known is not None and known is not service:
                # The same service at another location: gather its locations.
                known.setdefault("service_at_locations", []).extend(
                    service.get("service_at_locations") or []
                )
                continue
            feed.services.append(service)
            if "id" in service:
                by_id[service["id"]] = service
            organization = service.get("organization")
            if isinstance(organization, dict) and organization.get("id"):
                feed.organizations.setdefault(str(organization["id"]), organization)


def services_in(record: dict, label: str) -> list[dict]:
    """The services a record holds, each carrying its organisation."""
    if isinstance(record.get("services"), list):  # an organisation with its services
        organization = {key: value for key, value in record.items() if key != "services"}
        services = []
        for number, service in enumerate(record["services"], start=1):
            if not isinstance(service, dict):
                raise SourceError(f"{label}: service {number} is not a JSON object.")
            services.append({"organization": organization, **service})
        return services
    if isinstance(record.get("service"), dict):  # a service at a location
        service = dict(record["service"])
        if isinstance(record.get("location"), dict):
            link = {"id": record.get("id"), "location": record["location"]}
            service["service_at_locations"] = [link]
        return [service]
    return [record]


# An API: every page of /services, then each service in full.


def fetch_json(url: str):
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": USER_AGENT}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise SourceError(f"{url}: the server answered {exc.code} {exc.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SourceError(f"{url}: could not be fetched ({reason}).") from None
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{url}: the answer is not JSON ({exc}).") from None


def read_api(base_url: str, progress=None) -> Feed:
    base = base_url.rstrip("/")
    feed = Feed(name=base)
    listed = []
    for page in range(1, MAX_PAGES + 1):
        url = f"{base}/services?{urllib.parse.urlencode({'page': page, 'per_page': PAGE_SIZE})}"
        body = fetch_json(url)
        if not isinstance(body, dict) or not isinstance(body.get("contents"), list):
            raise SourceError(f"{url}: expected a page of services with a 'contents' list.")
        for number, item in enumerate(body["contents"], start=1):
            if not isinstance(item, dict) or not item.get("id"):
                raise SourceError(f"{url}: record {number} is not a service with an id.")
            listed.append(str(item["id"]))
        total_pages = body.get("total_pages")
        if (
            not body["contents"]
            or body.get("last_page") is True
            or (isinstance(total_pages, int) and page >= total_pages)
        ):
            break
    ids = list(dict.fromkeys(listed))
    for service_id in progress(ids, desc="Fetching services") if progress else ids:
        url = f"{base}/services/{urllib.parse.quote(service_id, safe='')}"
        record = fetch_json(url)
        add_records(feed, record, url)
    return feed


# A CSV datapackage folder.


def table_path(folder: Path, resource: str, paths: dict[str, str]) -> Path | None:
    names = [
        paths.get(resource),
        datapackage.FILES[resource],
        *datapackage.OTHER_FILES.get(resource, []),
    ]
    for name in names:
        if name and (folder / name).is_file():
            return folder / name
    return None


def read_table(path: Path) -> list[dict]:
    rows = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            if not reader.fieldnames or "id" not in reader.fieldnames:
                raise SourceError(f"{path}: line 1: the header has no 'id' column.")
            for row in reader:
                if None in row:
                    raise SourceError(
                        f"{path}: line {reader.line_num}: more values than the header has columns."
                    )
                # A table is the whole truth about its rows: an empty cell
                # clears the field, unlike a key missing from a JSON record.
                rows.append({key: (value or "").strip() for key, value in row.items()})
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}).") from None
    except csv.Error as exc:
        raise SourceError(f"{path}: line {reader.line_num}: {exc}.") from None
    for number, row in enumerate(rows, start=2):
        if not row.get("id"):
            raise SourceError(f"{path}: a row near line {number} has no id.")
    return rows


def read_csv_folder(folder: Path) -> Feed:
    paths = {}
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        try:
            resources = json.loads(descriptor.read_text(encoding="utf-8-sig"))["resources"]
            paths = {item["name"]: item["path"] for item in resources}
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SourceError(f"{descriptor}: not a datapackage descriptor ({exc}).") from None
    tables = {}
    for resource in datapackage.COLUMNS:
        path = table_path(folder, resource, paths)
        tables[resource] = read_table(path) if path else []
    if table_path(folder, "service", paths) is None:
        raise SourceError(f"{folder} has no services.csv.")
    return assemble(Feed(name=str(folder.resolve())), tables)


def assemble(feed: Feed, tables: dict[str, list[dict]]) -> Feed:
    """Nest the flat tables into services as the JSON API would serve them."""

    def by(resource, column):
        grouped = defaultdict(list)
        for row in tables[resource]:
            grouped[row.get(column)].append(row)
        return grouped

    def index(resource):
        return {row["id"]: row for row in tables[resource]}

    identifiers = by("organization_identifier", "organization_id")
    for row in tables["organization"]:
        feed.organizations[row["id"]] = row | {"organization_identifiers": identifiers[row["id"]]}
    addresses = by("address", "location_id")
    accessibility = by("accessibility", "location_id")
    locations = {
        key: row | {"addresses": addresses[key], "accessibility": accessibility[key]}
        for key, row in index("location").items()
    }
    terms = index("taxonomy_term")
    services = {}
    for row in tables["service"]:
        service = dict(row)
        organization = feed.organizations.get(row.get("organization_id", ""))
        if organization is not None:
            service["organization"] = organization
        for nested in [
            "service_at_locations",
            "contacts",
            "languages",
            "service_areas",
            "schedules",
        ]:
            service[nested] = []
        service["cost_options"], service["attributes"] = [], []
        services[row["id"]] = service
        feed.services.append(service)

    def attach(resource, column, nested, rows, make=lambda row: row):
        for row in rows:
            parent = services.get(row.get(column, ""))
            if parent is None:
                feed.problems.append(
                    f"{resource} {row['id']}: its {column} {row.get(column)!r} is not in "
                    f"{datapackage.FILES['service']}"
                )
                continue
            record = make(row)
            if record is not None:
                parent[nested].append(record)

    def located(row):
        place = locations.get(row.get("location_id", ""))
        if place is None:
            feed.problems.append(
                f"service_at_location {row['id']}: its location_id "
                f"{row.get('location_id')!r} is not in {datapackage.FILES['location']}"
            )
            return None
        return {"id": row["id"], "location": place}

    contacts = index("contact")
    for phone in tables["phone"]:
        contact = contacts.get(phone.get("contact_id", ""))
        if contact is None:
            feed.problems.append(
                f"phone {phone['id']}: its contact_id {phone.get('contact_id')!r} is not in "
                f"{datapackage.FILES['contact']}"
            )
            continue
        contact.setdefault("phones", []).append(phone)

    def tagged(row):
        term = terms.get(row.get("taxonomy_term_id", ""))
        if term is None:
            feed.problems.append(
                f"attribute {row['id']}: its taxonomy_term_id {row.get('taxonomy_term_id')!r} "
                f"is not in {datapackage.FILES['taxonomy_term']}"
            )
            return None
        return {"id": row["id"], "taxonomy_term": term}

    attach(
        "service_at_location",
        "service_id",
        "service_at_locations",
        tables["service_at_location"],
        located,
    )
    attach("contact", "service_id", "contacts", tables["contact"])
    attach("schedule", "service_id", "schedules", tables["schedule"])
    attach("language", "service_id", "languages", tables["language"])
    attach("service_area", "service_id", "service_areas", tables["service_area"])
    attach("cost_option", "service_id", "cost_options", tables["cost_option"])
    attach("attribute", "link_id", "attributes", tables["attribute"], tagged)
    return feed
