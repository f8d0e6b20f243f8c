"""Reading grants published in the 360Giving Data Standard into the directory.

A file is a JSON package (``{"grants": [...]}``) or the flat CSV the standard's
spreadsheet template produces ("Recipient Org:Identifier",
"Beneficiary Location:0:Geographic Code", ...). Both are turned into the
standard's JSON shape first, so there is one path through the importer.

Each grant becomes (or updates) a ``Funding`` keyed by the grant's
``Identifier``. Recipients are matched to listings by charity number, then
company number (given or read from a GB-CHC / GB-SC / GB-NIC / GB-COH org
identifier), then by listings an earlier import created for the same org
identifier; others are created as published, unclaimed listings, as the Open
Referral import does: a funder's published record of a registered body is a
trustworthy start, and the body can claim the listing to correct it.
"""

import csv
import io
import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from organisations.models import Area, ModerationStatus, Organisation, unique_slug

from .insights import figures_changed
from .models import Funding

# uuid5 namespace for listings created from a 360Giving org identifier, so a
# second import finds the listing the first one created (e.g. for "360G-..." ids).
ORG_NAMESPACE = uuid.UUID("6f1d1a36-3d1c-4a51-9a44-9b8e1d1e3600")
MAX_AMOUNT = Decimal("999999999999.99")
# An award date this far ahead is a typing error, not a plan.
MAX_DAYS_AHEAD = 366

# The spreadsheet template's column titles and the JSON names they stand for.
TOP_LEVEL = {
    "Identifier": "id",
    "Title": "title",
    "Description": "description",
    "Currency": "currency",
    "Amount Awarded": "amountAwarded",
    "Award Date": "awardDate",
}
GROUPS = {
    "Recipient Org": "recipientOrganization",
    "Recipient Ind": "recipientIndividual",
    "Funding Org": "fundingOrganization",
    "Beneficiary Location": "beneficiaryLocation",
    "Grant Programme": "grantProgramme",
    "Classifications": "classifications",
}
SUBFIELDS = {
    "Identifier": "id",
    "Name": "name",
    "Charity Number": "charityNumber",
    "Company Number": "companyNumber",
    "Postal Code": "postalCode",
    "Geographic Code": "geoCode",
    "Geographic Code Type": "geoCodeType",
    "Country Code": "countryCode",
    "Title": "title",
    "Code": "code",
    "Vocabulary": "vocabulary",
    "URL": "url",
}
REQUIRED_COLUMNS = ["Identifier", "Amount Awarded", "Award Date"]

CHARITY_ID = re.compile(r"^GB-(?:CHC|NIC)-(\d+)$", re.I)
SCOTTISH_CHARITY_ID = re.compile(r"^GB-SC-(SC\d{6})$", re.I)
COMPANY_ID = re.compile(r"^GB-COH-([A-Z0-9]{1,10})$", re.I)
COUNCIL_ID = re.compile(r"^GB-(?:LAE|LAS|LAN|PLA)-([A-Z0-9]{2,4})$", re.I)


class BadFile(Exception):
    """The file cannot be read as 360Giving data at all: nothing is imported."""


class Reject(Exception):
    """This grant cannot go in; the message says why."""


def text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def first(value) -> dict:
    """The first item of a 360Giving list (or the object itself, for older files)."""
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else {}
    return value if isinstance(value, dict) else {}


def items(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    return [item for item in value or [] if isinstance(item, dict)]


# Reading files ---------------------------------------------------------------


def read(path) -> list[tuple[str, dict]]:
    """``(where, grant)`` pairs from a JSON package or a flat CSV file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadFile(f"Cannot read {path}: {exc.strerror}.") from None
    if raw[:4] == b"PK\x03\x04":
        raise BadFile(f"{path.name} is a spreadsheet (xlsx). Save it as CSV (UTF-8) and try again.")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile(f"{path.name} is not UTF-8 text. Save it as CSV (UTF-8).") from None
    if path.suffix.lower() == ".json" or content.lstrip().startswith(("{", "[")):
        return read_json(content, path.name)
    return read_csv(content, path.name)


def read_json(content, name):
    try:
        package = json.loads(content)
    except json.JSONDecodeError as exc:
        raise BadFile(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from None
    if not isinstance(package, dict) or not isinstance(package.get("grants"), list):
        raise BadFile(
            f'{name} is not a 360Giving package: expected an object with a "grants" list.'
        )
    return [(f"grant {n}", grant) for n, grant in enumerate(package["grants"], start=1)]


def read_csv(content, name):
    reader = csv.DictReader(io.StringIO(content, newline=""))
    headers = [text(h) for h in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in headers]
    if not any(h.startswith("Recipient Org:") or h.startswith("Recipient Ind:") for h in headers):
        missing.append("Recipient Org:Identifier")
    if not any(h.startswith("Funding Org:") for h in headers):
        missing.append("Funding Org:Identifier")
    if missing:
        raise BadFile(
            f"{name} does not have the 360Giving columns {', '.join(missing)}. Check the header "
            "row uses the standard's column titles (e.g. “Amount Awarded”)."
        )
    grants = []
    for row in reader:
        if None in row:
            raise BadFile(f"{name}, line {reader.line_num}: more values than column titles.")
        grants.append((f"line {reader.line_num}", unflatten(row)))
    return grants


def unflatten(row: dict) -> dict:
    """A CSV row keyed by column titles -> a grant in the standard's JSON shape."""
    grant: dict = {}
    for header, value in row.items():
        value = text(value)
        if not value:
            continue
        parts = [part.strip() for part in text(header).split(":")]
        if len(parts) == 1:
            if parts[0] in TOP_LEVEL:
                grant[TOP_LEVEL[parts[0]]] = value
            continue
        group, rest = GROUPS.get(parts[0]), parts[1:]
        index = 0
        if rest and rest[0].isdigit():
            index, rest = int(rest[0]), rest[1:]
        subfield = SUBFIELDS.get(":".join(rest))
        if group is None or subfield is None:
            continue  # a column the directory has no use for
        listed = grant.setdefault(group, [])
        while len(listed) <= index:
            listed.append({})
        listed[index][subfield] = value
    return grant


# Writing ---------------------------------------------------------------------


@dataclass
class Report:
    grants: Counter = field(default_factory=Counter)  # created, updated, unchanged
    organisations_created: int = 0
    organisations_matched: set = field(default_factory=set)
    funders_matched: set = field(default_factory=set)
    funders_by_name: set = field(default_factory=set)
    unknown_places: Counter = field(default_factory=Counter)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def legal_numbers(org: dict) -> tuple[str, str]:
    """(charity number, company number) given, or read from the org identifier."""
    identifier = text(org.get("id"))
    charity = text(org.get("charityNumber")).upper().replace(" ", "")
    company = text(org.get("companyNumber")).upper().replace(" ", "")
    # Publishers sometimes put the whole identifier in the number column ("GB-CHC-1110522").
    if found := CHARITY_ID.match(charity) or SCOTTISH_CHARITY_ID.match(charity):
        charity = found.group(1).upper()
    if found := COMPANY_ID.match(company):
        company = found.group(1).upper()
    if not charity and (
        found := CHARITY_ID.match(identifier) or SCOTTISH_CHARITY_ID.match(identifier)
    ):
        charity = found.group(1).upper()
    if not company and (found := COMPANY_ID.match(identifier)):
        company = found.group(1).upper()
    if company.isdigit():
        company = company.zfill(8)
    return charity[:12], company[:10]


def org_key(identifier: str) -> uuid.UUID:
    return uuid.uuid5(ORG_NAMESPACE, identifier.upper())


class Importer:
    def __init__(self, grants, *, economic_development=False, programme=None, progress=None):
        self.grants = grants
        self.economic_development = economic_development
        self.programme = re.compile(programme, re.I) if programme else None
        self.progress = progress or (lambda rows, **kwargs: rows)
        self.report = Report()
        self.max_date = timezone.localdate() + timedelta(days=MAX_DAYS_AHEAD)

    def run(self) -> Report:
        with transaction.atomic():
            self.preload()
            seen: dict[str, str] = {}
            for where, grant in self.progress(self.grants, desc="Grants", unit="grant"):
                label = where
                try:
                    if not isinstance(grant, dict):
                        raise Reject("it is not a JSON object")
                    identifier = text(grant.get("id"))
                    if identifier:
                        label = f"{where} ({identifier})"
                        if identifier in seen:
                            raise Reject(
                                f"its Identifier is used again, first at {seen[identifier]}"
                            )
                        seen[identifier] = where
                    self.grant(grant)
                except Reject as exc:
                    self.report.rejected.append((label, str(exc)))
            # Beneficiary areas went in in bulk, without signals.
            figures_changed()
        return self.report

    # What the directory already holds, read once rather than once per grant.
    def preload(self):
        charities, companies, keys, ids = set(), set(), set(), set()
        for _, grant in self.grants:
            if not isinstance(grant, dict):
                continue
            ids.add(text(grant.get("id")))
            for org in items(grant.get("recipientOrganization")) + items(
                grant.get("fundingOrganization")
            ):
                charity, company = legal_numbers(org)
                charities.add(charity)
                companies.add(company)
                if text(org.get("id")):
                    keys.add(org_key(text(org.get("id"))))
        charities.discard("")
        companies.discard("")
        columns = ["pk", "name", "charity_number", "company_number", "uuid"]
        self.by_charity = {}
        self.by_company = {}
        self.by_key = {}
        found = Organisation.objects.filter(
            charity_number__in=charities
        ) | Organisation.objects.filter(company_number__in=companies)
        found |= Organisation.objects.filter(uuid__in=keys)
        for organisation in found.exclude(status=ModerationStatus.ARCHIVED).only(*columns):
            self.remember(organisation)
        self.areas = {area.gss_code.upper(): area.pk for area in Area.objects.only("gss_code")}
        self.councils = dict(
            Organisation.objects.councils()
            .exclude(governs__local_authority_code="")
            .filter(governs__isnull=False)
            .values_list("governs__local_authority_code", "pk")
        )
        self.councils = {code.upper(): pk for code, pk in self.councils.items()}
        self.existing = {
            funding.identifier: funding
            for funding in Funding.objects.filter(identifier__in=ids - {""})
        }
        self.existing_areas: dict[int, set[int]] = {}
        through = Funding.areas.through.objects.filter(
            funding_id__in=[f.pk for f in self.existing.values()]
        )
        for funding_id, area_id in through.values_list("funding_id", "area_id"):
            self.existing_areas.setdefault(funding_id, set()).add(area_id)
        self.funders: dict[tuple[str, str], tuple[int | None, str]] = {}

    def remember(self, organisation):
        if organisation.charity_number:
            self.by_charity.setdefault(organisation.charity_number.upper(), organisation)
        if organisation.company_number:
            self.by_company.setdefault(organisation.company_number.upper(), organisation)
        self.by_key[organisation.uuid] = organisation

    def match(self, org) -> Organisation | None:
        charity, company = legal_numbers(org)
        identifier = text(org.get("id"))
        return (
            (charity and self.by_charity.get(charity))
            or (company and self.by_company.get(company))
            or (identifier and self.by_key.get(org_key(identifier)))
            or None
        )

    # One grant -----------------------------------------------------------------

    def grant(self, grant: dict):
        identifier = text(grant.get("id"))
        if not identifier:
            raise Reject("it has no Identifier")
        if len(identifier) > 120:
            raise Reject("its Identifier is longer than 120 characters")
        title = text(grant.get("title"))
        if not title:
            raise Reject("it has no Title")
        amount = self.amount(grant)
        awarded_on = self.award_date(grant)
        if grant.get("recipientIndividual") and not grant.get("recipientOrganization"):
            raise Reject("it is a grant to an individual; the directory lists organisations only")
        recipient_org = first(grant.get("recipientOrganization"))
        if not text(recipient_org.get("id")):
            raise Reject("it has no Recipient Org:Identifier")
        funder_id, funder_name = self.funder(first(grant.get("fundingOrganization")))
        area_ids = self.beneficiary_areas(grant)
        recipient = self.recipient(recipient_org, area_ids)
        values = {
            "title": title[:250],
            "kind": Funding.Kind.GRANT,
            "amount": amount,
            "currency": "GBP",
            "funder_id": funder_id,
            "funder_name": "" if funder_id else funder_name[:200],
            "recipient_id": recipient.pk,
            "awarded_on": awarded_on,
            "economic_development": self.is_economic_development(grant),
            "has_areas": bool(area_ids),
        }
        funding = self.existing.get(identifier)
        if funding is None:
            funding = Funding.objects.create(identifier=identifier, **values)
            Funding.areas.through.objects.bulk_create(
                Funding.areas.through(funding_id=funding.pk, area_id=a) for a in area_ids
            )
            self.existing[identifier] = funding
            self.existing_areas[funding.pk] = set(area_ids)
            self.report.grants["created"] += 1
            return
        changed = [name for name, value in values.items() if getattr(funding, name) != value]
        areas_changed = self.existing_areas.get(funding.pk, set()) != set(area_ids)
        if changed:
            for name in changed:
                setattr(funding, name, values[name])
            funding.save(update_fields=[*changed, "updated"])
        if areas_changed:
            funding.areas.set(area_ids)
            self.existing_areas[funding.pk] = set(area_ids)
        self.report.grants["updated" if changed or areas_changed else "unchanged"] += 1

    def amount(self, grant) -> Decimal:
        raw = text(grant.get("amountAwarded")).replace(",", "").lstrip("£")
        if not raw:
            raise Reject("it has no Amount Awarded")
        try:
            amount = Decimal(raw).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise Reject(f"its Amount Awarded {raw!r} is not a number") from None
        if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
            raise Reject(f"its Amount Awarded {raw} is not a plausible amount")
        currency = text(grant.get("currency")).upper() or "GBP"
        if currency != "GBP":
            raise Reject(f"it is in {currency}; the directory's figures are in pounds (GBP)")
        return amount

    def award_date(self, grant) -> date:
        raw = text(grant.get("awardDate"))
        if not raw:
            raise Reject("it has no Award Date")
        try:
            parsed = parse_date(raw) or parse_datetime(raw)
            if parsed is None:
                parsed = datetime.strptime(raw, "%d/%m/%Y")
        except ValueError:
            raise Reject(f"its Award Date {raw!r} is not a date (use YYYY-MM-DD)") from None
        day = parsed.date() if isinstance(parsed, datetime) else parsed
        if day > self.max_date:
            raise Reject(f"its Award Date {day:%Y-%m-%d} is more than a year ahead")
        return day

    def beneficiary_areas(self, grant) -> list[int]:
        found = []
        for location in items(grant.get("beneficiaryLocation")):
            code = text(location.get("geoCode")).upper()
            if not code:
                continue
            if code in self.areas:
                if self.areas[code] not in found:
                    found.append(self.areas[code])
            else:
                self.report.unknown_places[code] += 1
        return found

    def funder(self, org) -> tuple[int | None, str]:
        """The funder's listing (a council by its GB-LAE-style code, or by legal number),
        or its name to keep as text."""
        identifier, name = text(org.get("id")), text(org.get("name"))
        if not identifier and not name:
            raise Reject("it has no Funding Org")
        key = (identifier.upper(), name)
        if key not in self.funders:
            listing_id = None
            if found := COUNCIL_ID.match(identifier):
                listing_id = self.councils.get(found.group(1).upper())
            if listing_id is None and (listing := self.match(org)) is not None:
                listing_id = listing.pk
            if listing_id is None and name:
                listing_id = (
                    Organisation.objects.filter(
                        name__iexact=name,
                        kind__in=[Organisation.Kind.COUNCIL, Organisation.Kind.FUNDER],
                    )
                    .exclude(status=ModerationStatus.ARCHIVED)
                    .values_list("pk", flat=True)
                    .first()
                )
            self.funders[key] = (listing_id, name or identifier)
            if listing_id:
                self.report.funders_matched.add(listing_id)
            else:
                self.report.funders_by_name.add(name or identifier)
        return self.funders[key]

    def recipient(self, org, area_ids) -> Organisation:
        found = self.match(org)
        if found is not None:
            self.report.organisations_matched.add(found.pk)
            return found
        name = text(org.get("name"))
        if not name:
            raise Reject("its recipient is not in the directory and has no Recipient Org:Name")
        charity, company = legal_numbers(org)
        if charity:
            kind = Organisation.Kind.CHARITY
        elif re.search(r"\bC\.?I\.?C\.?\b|community interest company", name, re.I):
            kind = Organisation.Kind.SOCIAL_ENTERPRISE
        elif company:
            kind = Organisation.Kind.OTHER
        else:
            # No legal number: in 360Giving data, almost always a small unregistered group.
            kind = Organisation.Kind.COMMUNITY_GROUP
        organisation = Organisation(
            uuid=org_key(text(org["id"])),
            name=name[:200],
            slug=unique_slug(Organisation, name),
            kind=kind,
            charity_number=charity,
            company_number=company,
            postcode=text(org.get("postalCode")).upper()[:10],
            status=ModerationStatus.PUBLISHED,
        )
        organisation.fill_coordinates_from_postcode()
        organisation.save()
        if area_ids:
            organisation.areas.add(*area_ids)
        self.remember(organisation)
        self.report.organisations_created += 1
        return organisation

    def is_economic_development(self, grant) -> bool:
        if self.economic_development:
            return True
        if self.programme is None:
            return False
        titles = [
            text(item.get("title"))
            for key in ("grantProgramme", "classifications")
            for item in items(grant.get(key))
        ]
        return any(self.programme.search(title) for title in titles if title)
