"""Every endpoint's responses validate against the profile's own schemas, formats checked."""

import pytest

from openreferral import ids
from partnerships.models import Category
from tests.factories import category

pytestmark = pytest.mark.django_db

API = "/api/oruk"


def endpoints(service, location):
    """Each profile path with a URL that answers it for ``service`` at ``location``."""
    organisation = service.organisation
    term = service.categories.first() or category()
    return {
        "/": f"{API}/",
        "/services": f"{API}/services",
        "/services/{id}": f"{API}/services/{service.uuid}",
        "/taxonomies": f"{API}/taxonomies",
        "/taxonomies/{id}": f"{API}/taxonomies/{ids.TAXONOMY_ID}",
        "/taxonomy_terms": f"{API}/taxonomy_terms",
        "/taxonomy_terms/{id}": f"{API}/taxonomy_terms/{term.uuid}",
        "/service_at_locations": f"{API}/service_at_locations",
        "/service_at_locations/{id}": (
            f"{API}/service_at_locations/{ids.service_at_location(service.uuid, location.uuid)}"
        ),
        "/organizations": f"{API}/organizations",
        "/organizations/{id}": f"{API}/organizations/{organisation.uuid}",
    }


def assert_valid(oruk, path, response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    errors = oruk.errors(path, response.json())
    assert not errors, f"{path}:\n" + "\n".join(errors)


def test_every_profile_path_is_tested(oruk, full_service):
    assert set(endpoints(full_service, full_service.locations.first())) == oruk.paths()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/services",
        "/services/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/organizations",
        "/organizations/{id}",
    ],
)
def test_full_responses_validate(client, oruk, full_service, bare_service, path):
    location = full_service.locations.first()
    url = endpoints(full_service, location)[path]

    response = client.get(url)

    assert_valid(oruk, path, response)
    body = response.json()
    if "contents" in body:
        assert body["contents"], "a full result should have contents to validate"


def test_bare_records_validate(client, oruk, bare_service):
    service = client.get(f"{API}/services/{bare_service.uuid}")
    organisation = client.get(f"{API}/organizations/{bare_service.organisation.uuid}")

    assert_valid(oruk, "/services/{id}", service)
    assert_valid(oruk, "/organizations/{id}", organisation)


@pytest.mark.parametrize(
    "path", ["/services", "/service_at_locations", "/organizations", "/taxonomy_terms"]
)
def test_empty_lists_validate(client, oruk, path):
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()

    response = client.get(f"{API}{path}")

    assert_valid(oruk, path, response)
    body = response.json()
    assert body["contents"] == []
    assert body["empty"] is True


def test_filtered_to_nothing_validates(client, oruk, full_service):
    response = client.get(f"{API}/services", {"search": "no such words anywhere"})

    assert_valid(oruk, "/services", response)
    assert response.json()["total_items"] == 0


# The API's own OpenAPI document against the profile.

PROFILE_SCHEMA = {
    "OrganizationBrief": "compiled/organization_list.json",
    "Organization": "compiled/organization.json",
    "OrganizationIdentifier": "organization_identifier.json",
    "ServiceBrief": "compiled/service_list.json",
    "Service": "compiled/service.json",
    "Schedule": "schedule.json",
    "ServiceArea": "service_area.json",
    "Language": "language.json",
    "Funding": "funding.json",
    "CostOption": "cost_option.json",
    "Contact": "contact.json",
    "Phone": "phone.json",
    "Attribute": "attribute.json",
    "LocationBrief": "location.json",
    "Location": "location.json",
    "Address": "address.json",
    "Accessibility": "accessibility.json",
    "ServiceAtLocationOfService": "service_at_location.json",
    "ServiceAtLocationBrief": "compiled/service_at_location_list.json",
    "ServiceAtLocation": "compiled/service_at_location.json",
    "Taxonomy": "taxonomy.json",
    "TaxonomyTerm": "taxonomy_term.json",
}
# HSDS 3.0 fields the UK profile drops, kept because the records are empty without them.
HSDS_EXTENSIONS = {("Language", "name"), ("Contact", "phones")}


def test_openapi_objects_are_the_profiles_objects(oruk):
    from openreferral.openapi import SCHEMAS

    for name, path in PROFILE_SCHEMA.items():
        ours = SCHEMAS[name]
        theirs = oruk.registry.contents(path)
        assert set(theirs.get("required", [])) <= set(ours["required"]), name
        for field, schema in ours["properties"].items():
            if (name, field) in HSDS_EXTENSIONS:
                continue
            assert field in theirs["properties"], f"{name}.{field} is not in the profile"
            profile_field = theirs["properties"][field]
            if "format" in profile_field:
                assert schema.get("format") == profile_field["format"], f"{name}.{field}"
            if profile_field.get("type") in ("string", "boolean", "array"):
                assert schema.get("type", "array") == profile_field["type"], f"{name}.{field}"
            if profile_field.get("type") == "number":
                assert schema["type"] in ("number", "integer"), f"{name}.{field}"
            if "enum" in profile_field:
                assert set(schema["enum"]) <= set(profile_field["enum"]), f"{name}.{field}"
