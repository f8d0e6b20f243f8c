"""Service at location, organisations, the taxonomy and its terms."""

import uuid

import pytest

from openreferral import ids
from organisations.models import Location, ModerationStatus
from tests.factories import OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db

API = "/api/oruk"


def link_url(service, place):
    return f"{API}/service_at_locations/{ids.service_at_location(service.uuid, place.uuid)}"


# Service at location


def test_service_at_locations_lists_each_published_service_at_each_place(
    client, full_service, hidden_services
):
    hidden_place = Location.objects.create(organisation=hidden_services[0].organisation, name="X")
    hidden_services[0].locations.add(hidden_place)

    body = client.get(f"{API}/service_at_locations").json()

    assert sorted(item["location"]["name"] for item in body["contents"]) == [
        "Ancoats Community Hall",
        "St Peter's Church",
    ]
    assert {item["service"]["name"] for item in body["contents"]} == {"Weekly Food Parcels"}


def test_service_at_location_filters_like_services(client, full_service, bare_service):
    body = client.get(f"{API}/service_at_locations", {"search": "befriending"}).json()

    assert body["total_items"] == 0


def test_service_at_location_detail_is_found_by_its_id(client, full_service):
    place = full_service.locations.get(name="St Peter's Church")

    body = client.get(link_url(full_service, place)).json()

    assert body["id"] == str(ids.service_at_location(full_service.uuid, place.uuid))
    assert body["service"]["id"] == str(full_service.uuid)
    assert body["location"]["id"] == str(place.uuid)
    assert "service_at_locations" not in body["service"]
    assert body["service"]["attributes"]


def test_service_at_location_of_an_unlinked_or_hidden_pair_is_404(
    client, full_service, hidden_services
):
    elsewhere = Location.objects.create(organisation=full_service.organisation, name="Elsewhere")
    hidden = hidden_services[0]
    hidden.locations.add(elsewhere)

    for url in [
        link_url(full_service, elsewhere),
        link_url(hidden, elsewhere),
        f"{API}/service_at_locations/{uuid.uuid4()}",
        f"{API}/service_at_locations/{full_service.uuid}",
    ]:
        response = client.get(url)

        assert response.status_code == 404, url
        assert "no published service at location" in response.json()["message"]


# Organisations


def test_organizations_lists_only_published_ones(client, db):
    OrganisationFactory(name="Hulme Friends")
    OrganisationFactory(name="Pending Group", status=ModerationStatus.PENDING)

    body = client.get(f"{API}/organizations").json()

    assert [item["name"] for item in body["contents"]] == ["Hulme Friends"]


def test_organizations_search(client, db):
    OrganisationFactory(name="Hulme Friends")
    OrganisationFactory(name="Ancoats Pantry")

    body = client.get(f"{API}/organizations", {"search": "pantry"}).json()

    assert [item["name"] for item in body["contents"]] == ["Ancoats Pantry"]


def test_organization_detail_nests_only_its_published_services(client, full_service):
    ServiceFactory(name="Draft Service", organisation=full_service.organisation, status="pending")

    body = client.get(f"{API}/organizations/{full_service.organisation.uuid}").json()

    assert [service["name"] for service in body["services"]] == ["Weekly Food Parcels"]
    assert "organization" not in body["services"][0]
    assert body["services"][0]["service_at_locations"]


def test_unpublished_organization_detail_is_404(client, db):
    hidden = OrganisationFactory(status=ModerationStatus.ARCHIVED)

    assert client.get(f"{API}/organizations/{hidden.uuid}").status_code == 404


# Taxonomy


def test_there_is_one_taxonomy(client, db):
    body = client.get(f"{API}/taxonomies").json()

    assert [item["id"] for item in body["contents"]] == [str(ids.TAXONOMY_ID)]
    assert "taxonomy_terms" not in body["contents"][0]


def test_the_taxonomy_holds_every_category_parents_first(client, db):
    body = client.get(f"{API}/taxonomies/{ids.TAXONOMY_ID}").json()

    names = [term["name"] for term in body["taxonomy_terms"]]
    assert names[:3] == ["Food and essentials", "Food banks and parcels", "Hot meals"]
    assert all(term["taxonomy_id"] == str(ids.TAXONOMY_ID) for term in body["taxonomy_terms"])


def test_another_taxonomy_id_is_404(client, db):
    assert client.get(f"{API}/taxonomies/{uuid.uuid4()}").status_code == 404


def test_taxonomy_term_detail(client, db):
    term = category("hot-meals")

    body = client.get(f"{API}/taxonomy_terms/{term.uuid}").json()

    assert body["name"] == "Hot meals"
    assert body["parent_id"] == str(category("food-and-essentials").uuid)
    assert body["term_uri"] == "http://testserver/services/?category=hot-meals"
    assert client.get(f"{API}/taxonomy_terms/{uuid.uuid4()}").status_code == 404
