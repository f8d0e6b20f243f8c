"""Directory records as Open Referral UK 3.0 objects.

One function per ORUK object. The API and the CSV export both build from
these, so a council's download holds what the API serves. Optional fields
the directory has no value for are left out: the profile's types do not
allow null. Two HSDS 3.0 fields the UK profile leaves out are kept because
without them the records say nothing: a language's ``name`` and a contact's
``phones``.
"""

import re

from django.urls import reverse
from django.utils.encoding import iri_to_uri

from organisations.models import ModerationStatus
from partnerships.models import Service

from . import ids

HSDS_VERSION = "3.0"
PROFILE_URL = "https://open-referral-uk-profile.readthedocs.io/en/latest/"
TAXONOMY_NAME = "Directory service categories"
TAXONOMY_DESCRIPTION = (
    "The categories the community partnership directory files services under: "
    "broad themes such as food and essentials, each with narrower categories below it."
)
COUNTRY = "GB"
AREA_URI = "http://statistics.data.gov.uk/id/statistical-geography/{}"

STATUS = {
    Service.Availability.ACTIVE: "active",
    Service.Availability.TEMPORARILY_CLOSED: "temporarily closed",
    Service.Availability.ENDED: "inactive",
}

# How a service is reached, where that is a way of attending it.
ATTENDING_TYPE = {
    Service.Access.DROP_IN: "in person",
    Service.Access.PHONE: "phone",
    Service.Access.ONLINE: "online",
}


class Links:
    """Absolute URLs for ``uri`` fields; none when there is no site address to build on."""

    def __init__(self, base_url: str | None):
        self.base = base_url.rstrip("/") if base_url else None

    @classmethod
    def for_request(cls, request):
        return cls(request.build_absolute_uri("/"))

    def absolute(self, path: str) -> str | None:
        return iri_to_uri(self.base + path) if self.base else None


def _pruned(record: dict, *required: str) -> dict:
    """``record`` without empty values, except in the ``required`` fields."""
    return {
        key: value for key, value in record.items() if key in required or value not in (None, "")
    }


def _uri(value: str) -> str | None:
    return iri_to_uri(value) if value else None


def _number(value):
    return None if value is None else float(value)


# Organisations


def charity_scheme(number: str) -> str:
    """The org-id.guide list a charity number belongs to."""
    number = number.upper()
    if number.startswith("SC"):
        return "GB-SC"
    if number.startswith("NIC"):
        return "GB-NIC"
    return "GB-CHC"


def organization_identifiers(organisation) -> list[dict]:
    found = []
    if organisation.charity_number:
        found.append(
            (
                "charity",
                charity_scheme(organisation.charity_number),
                "Charity number",
                organisation.charity_number,
            )
        )
    if organisation.company_number:
        found.append(("company", "GB-COH", "Company number", organisation.company_number))
    return [
        {
            "id": str(ids.derived(organisation.uuid, "organization_identifier", key)),
            "organization_id": str(organisation.uuid),
            "identifier_scheme": scheme,
            "identifier_type": kind,
            "identifier": identifier,
        }
        for key, scheme, kind, identifier in found
    ]


def organization_brief(organisation, links: Links) -> dict:
    return _pruned(
        {
            "id": str(organisation.uuid),
            "name": organisation.name,
            "description": organisation.description,
            "email": organisation.email,
            "website": _uri(organisation.website),
            "uri": links.absolute(organisation.get_absolute_url()),
        },
        "description",
    )


def organization(organisation, links: Links, services=None) -> dict:
    """The full organisation; with ``services``, each of them nested in full."""
    record = organization_brief(organisation, links)
    record["organization_identifiers"] = organization_identifiers(organisation)
    if services is not None:
        record["services"] = [service(item, links, with_organization=False) for item in services]
    return record


# Taxonomy


def taxonomy(links: Links, categories=None) -> dict:
    record = _pruned(
        {
            "id": str(ids.TAXONOMY_ID),
            "name": TAXONOMY_NAME,
            "description": TAXONOMY_DESCRIPTION,
            "uri": links.absolute(reverse("openreferral:taxonomy", args=[ids.TAXONOMY_ID])),
        }
    )
    if categories is not None:
        record["taxonomy_terms"] = [taxonomy_term(category, links) for category in categories]
    return record


def taxonomy_term(category, links: Links) -> dict:
    """A category as a term; its parent must be loaded (``select_related("parent")``)."""
    return _pruned(
        {
            "id": str(category.uuid),
            "name": category.name,
            "description": category.description,
            "parent_id": str(category.parent.uuid) if category.parent_id else None,
            "taxonomy": TAXONOMY_NAME,
            "taxonomy_id": str(ids.TAXONOMY_ID),
            "term_uri": links.absolute(
                f"{reverse('partnerships:service_list')}?category={category.slug}"
            ),
            "term": category.name,
        },
        "description",
    )


# Locations


def address_parts(address: str, postcode: str) -> tuple[str, str]:
    """``address_1`` and ``city`` from a free-text address, without the postcode."""
    squashed = postcode.replace(" ", "").upper()
    parts = [
        part.strip()
        for part in re.split(r"[\n,]+", address)
        if part.strip() and part.replace(" ", "").upper() != squashed
    ]
    if len(parts) > 1:
        return ", ".join(parts[:-1]), parts[-1]
    return (parts[0] if parts else ""), ""


def location(place, full: bool = True) -> dict:
    record = _pruned(
        {
            "id": str(place.uuid),
            "location_type": "physical",
            "name": place.name,
            "latitude": _number(place.latitude),
            "longitude": _number(place.longitude),
        }
    )
    if not full:
        return record
    record["addresses"] = []
    if place.address or place.postcode:
        address_1, city = address_parts(place.address, place.postcode)
        record["addresses"].append(
            {
                "id": str(ids.derived(place.uuid, "address")),
                "location_id": str(place.uuid),
                "address_1": address_1,
                "city": city,
                "state_province": "",
                "postal_code": place.postcode,
                "country": COUNTRY,
                "address_type": "physical",
            }
        )
    record["accessibility"] = []
    if place.accessibility:
        record["accessibility"].append(
            {
                "id": str(ids.derived(place.uuid, "accessibility")),
                "location_id": str(place.uuid),
                "description": place.accessibility,
            }
        )
    return record


# Services


def service_brief(item, links: Links, with_organization: bool = True) -> dict:
    """The service's own fields; ``organisation`` must be loaded."""
    record = _pruned(
        {
            "id": str(item.uuid),
            "organization_id": str(item.organisation.uuid),
            "name": item.name,
            "description": item.description,
            "url": _uri(item.website),
            "email": item.email,
            "status": STATUS[item.availability],
            "fees": item.cost_details or item.get_cost_display(),
            "minimum_age": item.minimum_age,
            "maximum_age": item.maximum_age,
            "last_modified": item.updated.isoformat(),
        }
    )
    if with_organization:
        record["organization"] = organization_brief(item.organisation, links)
    return record


def service(
    item, links: Links, with_organization: bool = True, with_locations: bool = True
) -> dict:
    """The fully nested service.

    Needs ``organisation`` and ``partnership`` loaded and ``categories``
    (with their parents), ``areas``, ``locations`` and
    ``partnership__funding`` prefetched: see ``queries.services_in_full``.
    """
    record = service_brief(item, links, with_organization=False)
    service_id = str(item.uuid)
    if with_organization:
        record["organization"] = organization(item.organisation, links)
    record["schedules"] = schedules(item)
    record["service_areas"] = [
        {
            "id": str(ids.derived(item.uuid, "service_area", area.gss_code)),
            "service_id": service_id,
            "name": area.name,
            "service_area": area.name,
            "uri": AREA_URI.format(area.gss_code),
        }
        for area in item.areas.all()
    ]
    if with_locations:
        record["service_at_locations"] = [
            {
                "id": str(ids.service_at_location(item.uuid, place.uuid)),
                "service_id": service_id,
                "location_id": str(place.uuid),
                "location": location(place),
            }
            for place in item.locations.all()
        ]
    record["languages"] = [
        {
            "id": str(ids.derived(item.uuid, "language", name.casefold())),
            "service_id": service_id,
            "name": name,
        }
        for name in languages(item.languages)
    ]
    record["funding"] = funding(item)
    record["cost_options"] = [
        _pruned(
            {
                "id": str(ids.derived(item.uuid, "cost_option")),
                "service_id": service_id,
                "option": item.get_cost_display(),
                "amount": 0 if item.cost == Service.Cost.FREE else None,
                "amount_description": item.cost_details,
            }
        )
    ]
    record["contacts"] = contacts(item)
    record["attributes"] = [
        {
            "id": str(ids.derived(item.uuid, "attribute", category.uuid)),
            "link_id": service_id,
            "taxonomy_term_id": str(category.uuid),
            "taxonomy_term": taxonomy_term(category, links),
        }
        for category in item.categories.all()
    ]
    return record


def languages(text: str) -> list[str]:
    """The languages in a comma-separated list, each once, in the order given."""
    seen, names = set(), []
    for name in (part.strip() for part in text.split(",")):
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def schedules(item) -> list[dict]:
    """When the service runs, as far as the directory knows: its dates and how it is attended."""
    record = _pruned(
        {
            "id": str(ids.derived(item.uuid, "schedule")),
            "service_id": str(item.uuid),
            "valid_from": item.started.isoformat() if item.started else None,
            "valid_to": item.ended.isoformat() if item.ended else None,
            "attending_type": ATTENDING_TYPE.get(item.access),
        }
    )
    return [record] if len(record) > 2 else []


def funding(item) -> list[dict]:
    """Awards to the published partnership the service is delivered through."""
    partnership = item.partnership
    if partnership is None or partnership.status != ModerationStatus.PUBLISHED:
        return []
    records = []
    for award in partnership.funding.all():
        funder = award.funder_display
        source = f"{award.get_kind_display()}"
        source += f" from {funder}" if funder else ""
        source += f" to {partnership.name} ({award.awarded_on.year}): {award.title}"
        records.append(
            {
                "id": str(ids.derived(item.uuid, "funding", award.pk)),
                "service_id": str(item.uuid),
                "source": source,
            }
        )
    return records


def contacts(item) -> list[dict]:
    """Who to phone: the service's number, or else its organisation's."""
    number = item.phone or item.organisation.phone
    if not number:
        return []
    contact_id = str(ids.derived(item.uuid, "contact"))
    return [
        {
            "id": contact_id,
            "service_id": str(item.uuid),
            "name": item.organisation.name,
            "phones": [
                {
                    "id": str(ids.derived(item.uuid, "phone")),
                    "contact_id": contact_id,
                    "number": number,
                }
            ],
        }
    ]


# Service at location


def service_at_location_brief(link, links: Links) -> dict:
    """A row of ``Service.locations.through`` with its service (and organisation) and location."""
    return {
        "id": str(ids.service_at_location(link.service.uuid, link.location.uuid)),
        "service_id": str(link.service.uuid),
        "location_id": str(link.location.uuid),
        "location": location(link.location, full=False),
        "service": service_brief(link.service, links),
    }


def service_at_location(item, place, links: Links) -> dict:
    return {
        "id": str(ids.service_at_location(item.uuid, place.uuid)),
        "service_id": str(item.uuid),
        "location_id": str(place.uuid),
        "location": location(place),
        "service": service(item, links, with_locations=False),
    }
