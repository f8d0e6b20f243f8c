"""Writing an Open Referral UK feed into the directory.

Organisations, services, locations and taxonomy terms keep the feed's ids:
a record's ``uuid`` is its source id when that is a UUID, otherwise a uuid5
of the feed and the id. So a second run finds what the first one wrote and
updates it. Contacts become the service's phone (and email, where the feed
gives one). Everything runs in one transaction, each organisation and each
service in a savepoint of its own: a record that cannot be written is skipped
with its reason and the rest go in; a crash leaves nothing half-written.

Imported organisations are published and unclaimed (nobody is a member).
Once members claim one, its listing and services are theirs: later imports
leave them alone.
"""

import math
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils.dateparse import parse_date

from organisations.models import Area, Location, ModerationStatus, Organisation, unique_slug
from partnerships.models import Category, Service

from . import ids
from .records import ATTENDING_TYPE
from .records import languages as language_list
from .sources import Feed

AVAILABILITY = {
    "active": Service.Availability.ACTIVE,
    "temporarily closed": Service.Availability.TEMPORARILY_CLOSED,
    "inactive": Service.Availability.ENDED,
    "defunct": Service.Availability.ENDED,
}
ACCESS = {kind: access for access, kind in ATTENDING_TYPE.items()}
CHARITY_SCHEMES = {"GB-CHC", "GB-SC", "GB-NIC"}
GSS_CODE = re.compile(r"\b([ENSWK]\d{8})\b")
# Categories a feed brings in are listed after the directory's own.
IMPORTED_CATEGORY_POSITION = 100
MAX_AGE = 32767


class Skip(Exception):
    """This record cannot go in; the message says why."""


@dataclass
class Report:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, kind: str, record: dict, reason: str) -> None:
        self.skipped.append(f"{kind} {describe(record)}: {reason}")

    def note(self, kind: str, record: dict, message: str) -> None:
        self.notes.append(f"{kind} {describe(record)}: {message}")

    def count(self, kind: str, created: bool) -> None:
        (self.created if created else self.updated)[kind] += 1


def describe(record: dict) -> str:
    name = text(record.get("name"))
    if len(name) > 60:
        name = name[:59].rstrip() + "…"
    return f"{text(record.get('id')) or '(no id)'}" + (f" ({name})" if name else "")


def text(value) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def number(value) -> Decimal | None:
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    try:
        result = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return result if result.is_finite() else None


def day(value) -> date | None:
    try:
        return parse_date(text(value)[:10])
    except ValueError:  # shaped like a date, but not one (2024-02-30)
        return None


def records(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


class Importer:
    def __init__(self, feed: Feed, progress=None):
        self.feed = feed
        self.report = Report()
        self.progress = progress or (lambda items, **kwargs: items)
        self.organisations = {}  # source id -> Organisation, or the reason it was skipped
        self.area_index = None

    def run(self, dry_run: bool = False) -> Report:
        for problem in self.feed.problems:
            self.report.skipped.append(problem)
        with transaction.atomic():
            for source_id, record in self.progress(
                list(self.feed.organizations.items()), desc="Organisations"
            ):
                self.organisations[source_id] = self.savepoint(
                    "organization", record, self.organisation
                )
            for record in self.progress(self.feed.services, desc="Services"):
                self.savepoint("service", record, self.service)
            if dry_run:
                transaction.set_rollback(True)
        return self.report

    def savepoint(self, kind, record, write):
        try:
            with transaction.atomic():
                return write(record)
        except Skip as exc:
            self.report.skip(kind, record, str(exc))
            return exc
        except (IntegrityError, DataError, ValidationError) as exc:
            self.report.skip(kind, record, f"the database refused it ({exc})")
            return Skip(str(exc))

    def key(self, kind: str, source_id: str) -> uuid.UUID:
        """The directory uuid of the feed's record ``source_id``."""
        try:
            return uuid.UUID(source_id)
        except ValueError:
            return uuid.uuid5(ids.NAMESPACE, f"{self.feed.name}/{kind}/{source_id}")

    # Checked fields: a bad value is left out with a note, not the whole record.

    def email(self, kind, record, value) -> str:
        value = text(value)
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.report.note(kind, record, f"email {value!r} is not an email address; left out")
            return ""
        return value

    def url(self, kind, record, value) -> str:
        value = text(value)
        if not value:
            return ""
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            self.report.note(kind, record, f"web address {value!r} is not valid; left out")
            return ""
        if len(value) > 200:
            self.report.note(kind, record, "web address is over 200 characters; left out")
            return ""
        return value

    def clipped(self, kind, record, name, value, limit) -> str:
        value = text(value)
        if len(value) > limit:
            self.report.note(kind, record, f"{name} cut to {limit} characters")
            return value[:limit].rstrip()
        return value

    # Organisations

    def organisation(self, record: dict) -> Organisation:
        source_id, name = text(record.get("id")), text(record.get("name"))
        if not source_id:
            raise Skip("it has no id")
        if not name:
            raise Skip("it has no name")
        charity, company = self.identifiers(record)
        organisation = Organisation.objects.filter(uuid=self.key("organization", source_id)).first()
        if organisation is None:
            match = Q(pk__in=[])
            if charity:
                match |= Q(charity_number__iexact=charity)
            if company:
                match |= Q(company_number__iexact=company)
            existing = Organisation.objects.filter(match).first()
            if existing is not None:
                self.report.note(
                    "organization",
                    record,
                    f"the directory already lists it as {existing.name!r} (same charity or "
                    "company number); that listing is kept and its services added to it",
                )
                return existing
        if organisation is not None and organisation.memberships.exists():
            raise Skip(f"{organisation.name!r} has been claimed; its members keep it up to date")
        # As for services: what the record leaves out is left as it is.
        fields = {"name": self.clipped("organization", record, "name", name, 200)}
        if "description" in record:
            fields["description"] = text(record.get("description"))
        if "email" in record:
            fields["email"] = self.email("organization", record, record.get("email"))
        if "website" in record:
            fields["website"] = self.url("organization", record, record.get("website"))
        if "organization_identifiers" in record:
            fields["charity_number"], fields["company_number"] = charity, company
        created = organisation is None
        if created:
            organisation = Organisation(
                uuid=self.key("organization", source_id),
                slug=unique_slug(Organisation, name),
                kind=Organisation.Kind.CHARITY if charity else Organisation.Kind.OTHER,
                status=ModerationStatus.PUBLISHED,
            )
        for attribute, value in fields.items():
            setattr(organisation, attribute, value)
        organisation.save()
        self.report.count("organisations", created)
        return organisation

    def identifiers(self, record) -> tuple[str, str]:
        charity = company = ""
        for item in records(record.get("organization_identifiers")):
            scheme, identifier = (
                text(item.get("identifier_scheme")).upper(),
                text(item.get("identifier")),
            )
            kind = text(item.get("identifier_type")).lower()
            if scheme in CHARITY_SCHEMES or "charity" in kind:
                charity = charity or identifier[:12]
            elif scheme == "GB-COH" or "company" in kind:
                company = company or identifier[:10]
        return charity, company

    def organisation_of(self, record: dict) -> Organisation:
        nested = record.get("organization")
        source_id = text(nested.get("id")) if isinstance(nested, dict) else ""
        source_id = source_id or text(record.get("organization_id"))
        if not source_id:
            raise Skip("it names no organization")
        found = self.organisations.get(source_id)
        if found is None:
            raise Skip(f"its organization {source_id!r} is not in the feed")
        if isinstance(found, Skip):
            raise Skip(f"its organization {source_id!r} was skipped ({found})")
        return found

    # Services

    def service(self, record: dict) -> Service:
        source_id, name = text(record.get("id")), text(record.get("name"))
        if not source_id:
            raise Skip("it has no id")
        if not name:
            raise Skip("it has no name")
        organisation = self.organisation_of(record)
        key = self.key("service", source_id)
        service = Service.objects.filter(uuid=key).first()
        if service is not None and service.organisation.memberships.exists():
            raise Skip(
                f"{service.organisation.name!r} has been claimed; its members keep it up to date"
            )
        if organisation.memberships.exists():
            raise Skip(f"{organisation.name!r} has been claimed; its members keep it up to date")
        status = text(record.get("status")).lower()
        if status not in AVAILABILITY:
            self.report.note(
                "service", record, f"status {status!r} is not one of the profile's; taken as active"
            )
        # A list item carries only the service's own fields: what a record
        # leaves out is left as it is, what it says (even "none") is written.
        fields = {
            "name": self.clipped("service", record, "name", name, 200),
            "organisation": organisation,
            "availability": AVAILABILITY.get(status, Service.Availability.ACTIVE),
        }
        if "description" in record:
            fields["description"] = text(record.get("description"))
        if "url" in record:
            fields["website"] = self.url("service", record, record.get("url"))
        if {"minimum_age", "maximum_age"} & record.keys():
            fields["minimum_age"], fields["maximum_age"] = self.ages(record)
        # Fees alone (a list item) only set the cost of a new service: a
        # full record's cost options say more.
        if "cost_options" in record or (service is None and "fees" in record):
            fields["cost"], fields["cost_details"] = self.cost(record)
        schedules = records(record.get("schedules"))
        if schedules:
            fields["started"], fields["ended"] = self.dates(record, schedules)
        attending = [text(item.get("attending_type")).lower() for item in schedules]
        access = next((ACCESS[kind] for kind in attending if kind in ACCESS), None)
        if access:
            fields["access"] = access
        if "languages" in record:
            fields["languages"] = self.languages(record)
        contact_email = ""
        if {"contacts", "phones"} & record.keys():
            fields["phone"], contact_email = self.contact(record)
        if "email" in record or contact_email:
            fields["email"] = self.email("service", record, record.get("email") or contact_email)
        created = service is None
        if created:
            service = Service(
                uuid=key, slug=unique_slug(Service, name), status=ModerationStatus.PUBLISHED
            )
        for attribute, value in fields.items():
            setattr(service, attribute, value)
        service.save()
        if "service_at_locations" in record:
            service.locations.set(self.locations(record, organisation))
        if "attributes" in record:
            service.categories.set(self.categories(record))
        if "service_areas" in record:
            service.areas.set(self.areas(record))
        self.report.count("services", created)
        return service

    def ages(self, record) -> tuple[int | None, int | None]:
        ages = []
        for name in ("minimum_age", "maximum_age"):
            value = number(record.get(name))
            if value is not None and not 0 <= value <= MAX_AGE:
                self.report.note("service", record, f"{name} {value} is not an age; left out")
                value = None
            ages.append(None if value is None else math.floor(value))
        minimum, maximum = ages
        if minimum is not None and maximum is not None and maximum < minimum:
            self.report.note("service", record, "maximum_age is below minimum_age; both left out")
            return None, None
        return minimum, maximum

    def dates(self, record, schedules) -> tuple[date | None, date | None]:
        """When the service runs: from the earliest schedule start to the latest end."""
        starts = [day(item.get("valid_from")) for item in schedules]
        ends = [day(item.get("valid_to")) for item in schedules]
        started = min(starts) if None not in starts else None
        ended = max(ends) if None not in ends else None
        if started and ended and ended < started:
            self.report.note(
                "service", record, "its schedules end before they start; dates left out"
            )
            return None, None
        return started, ended

    def cost(self, record) -> tuple[str, str]:
        options = records(record.get("cost_options"))
        descriptions, amounts = [], []
        labels = {label.lower(): value for value, label in Service.Cost.choices}
        for option in options:
            amount = number(option.get("amount"))
            if amount is not None:
                amounts.append(amount)
            label = text(option.get("option"))
            if label.lower() in labels:  # one of ours: the option says the cost, not the details
                return labels[label.lower()], self.clipped(
                    "service", record, "cost details", text(option.get("amount_description")), 200
                )
            words = [label]
            if amount is not None:
                words.append(f"£{amount:g}")
            words.append(text(option.get("amount_description")))
            descriptions.append(" ".join(word for word in words if word))
        details = "; ".join(d for d in descriptions if d) or text(record.get("fees"))
        said = " ".join([details, *(text(o.get("option")) for o in options)]).lower()
        if (amounts and all(amount == 0 for amount in amounts)) or "free" in said:
            cost = Service.Cost.FREE
        elif "low cost" in said:
            cost = Service.Cost.LOW_COST
        elif amounts or details:
            cost = Service.Cost.PAID
        else:
            cost = Service.Cost.FREE
        return cost, self.clipped("service", record, "cost details", details, 200)

    def contact(self, record) -> tuple[str, str]:
        """The first phone number and contact email the service's record gives."""
        contacts = records(record.get("contacts"))
        phones = records(record.get("phones"))
        for contact in contacts:
            phones += records(contact.get("phones"))
        numbers = [text(phone.get("number")).strip("\"' ") for phone in phones]
        numbers = [n for n in numbers if n]
        phone = ""
        if numbers:
            if len(numbers[0]) > 30:
                self.report.note("service", record, f"phone {numbers[0]!r} is too long; left out")
            else:
                phone = numbers[0]
        emails = [text(contact.get("email")) for contact in contacts if text(contact.get("email"))]
        return phone, (emails[0] if emails else "")

    def languages(self, record) -> str:
        names = []
        for language in records(record.get("languages")):
            name = text(language.get("name")) or text(language.get("code"))
            if name:
                names.append(name)
            else:
                self.report.skip("language", language, "it has no name or code")
        return self.clipped(
            "service", record, "languages", ", ".join(language_list(", ".join(names))), 200
        )

    def locations(self, record, organisation) -> list[Location]:
        places = []
        for link in records(record.get("service_at_locations")):
            place = link.get("location")
            if not isinstance(place, dict):
                self.report.skip("service_at_location", link, "it has no location")
                continue
            location = self.location(place, organisation)
            if location is not None:
                places.append(location)
        return places

    def location(self, record, organisation) -> Location | None:
        source_id = text(record.get("id"))
        if not source_id:
            self.report.skip("location", record, "it has no id")
            return None
        if text(record.get("location_type")).lower() == "virtual":
            self.report.skip("location", record, "it is virtual: the directory lists only places")
            return None
        address = next(iter(records(record.get("addresses"))), {})
        lines = [
            text(address.get(part)) for part in ("address_1", "address_2", "city", "state_province")
        ]
        postcode = text(address.get("postal_code"))
        if len(postcode) > 10:
            self.report.note("location", record, f"postcode {postcode!r} is too long; left out")
            postcode = ""
        latitude, longitude = number(record.get("latitude")), number(record.get("longitude"))
        if latitude is not None and longitude is not None:
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                self.report.note(
                    "location", record, "latitude and longitude are off the map; left out"
                )
                latitude = longitude = None
        else:
            latitude = longitude = None
        access = [
            text(item.get("description"))
            or text(item.get("accessibility"))
            or text(item.get("details"))
            for item in records(record.get("accessibility"))
        ]
        name = text(record.get("name")) or text(address.get("address_1"))
        fields = {
            "name": self.clipped("location", record, "name", name or "Unnamed place", 200),
            "address": "\n".join(line for line in lines if line),
            "postcode": postcode,
            "latitude": None if latitude is None else round(latitude, 6),
            "longitude": None if longitude is None else round(longitude, 6),
            "accessibility": self.clipped(
                "location", record, "accessibility", "; ".join(a for a in access if a), 250
            ),
        }
        key = self.key("location", source_id)
        location = Location.objects.filter(uuid=key).first()
        created = location is None
        if created:
            location = Location(uuid=key, organisation=organisation)
        for attribute, value in fields.items():
            setattr(location, attribute, value)
        location.save()
        self.report.count("locations", created)
        return location

    def categories(self, record) -> list[Category]:
        found = []
        for attribute in records(record.get("attributes")):
            term = attribute.get("taxonomy_term")
            if not isinstance(term, dict):
                self.report.skip("attribute", attribute, "it has no taxonomy term")
                continue
            category = self.category(term)
            if category is not None:
                found.append(category)
        return found

    def category(self, term: dict) -> Category | None:
        """The directory category for a feed's term: the same id, else the same name, else new."""
        source_id, name = text(term.get("id")), text(term.get("name")) or text(term.get("term"))
        if not source_id or not name:
            self.report.skip("taxonomy term", term, "it needs an id and a name")
            return None
        key = self.key("taxonomy_term", source_id)
        category = Category.objects.filter(uuid=key).first()
        if category is None:
            category = Category.objects.filter(
                Q(name__iexact=name) | Q(oruk_term__iexact=name)
            ).first()
        if category is not None:
            self.report.count("taxonomy terms", False)
            return category
        parent_id = text(term.get("parent_id"))
        parent = (
            Category.objects.filter(uuid=self.key("taxonomy_term", parent_id)).first()
            if parent_id
            else None
        )
        category = Category.objects.create(
            uuid=key,
            name=name[:120],
            slug=unique_slug(Category, name, max_length=60),
            description=text(term.get("description")),
            parent=parent,
            position=IMPORTED_CATEGORY_POSITION,
        )
        self.report.count("taxonomy terms", True)
        return category

    def areas(self, record) -> list[Area]:
        if self.area_index is None:
            self.area_index = {}
            for area in Area.objects.only("name", "official_name", "gss_code"):
                for label in (area.gss_code, area.name, area.official_name):
                    if label:
                        self.area_index.setdefault(label.casefold(), area)
        found = []
        for item in records(record.get("service_areas")):
            labels = GSS_CODE.findall(text(item.get("uri")) + " " + text(item.get("extent")))
            labels += [text(item.get("name")), text(item.get("service_area"))]
            area = next(
                (
                    self.area_index[label.casefold()]
                    for label in labels
                    if label.casefold() in self.area_index
                ),
                None,
            )
            if area is None:
                self.report.note(
                    "service",
                    record,
                    f"service area {describe(item)} matches no area in the directory; left out",
                )
            else:
                found.append(area)
        return found
