"""/api/oruk/services and /api/oruk/services/{id}: what they show and how they filter."""

import datetime
import uuid

import pytest
from django.utils import timezone

from openreferral import ids
from partnerships.models import Service
from tests.factories import OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db

URL = "/api/oruk/services"


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["contents"]]


def test_list_shows_only_published_services_of_published_organisations(
    client, full_service, hidden_services
):
    assert names(client.get(URL)) == ["Weekly Food Parcels"]


def test_detail_of_a_hidden_service_is_a_json_404(client, hidden_services):
    for service in hidden_services:
        response = client.get(f"{URL}/{service.uuid}")

        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "no published service" in response.json()["message"]


def test_unknown_and_malformed_ids_are_json_404s(client, db):
    for value in [uuid.uuid4(), "not-a-uuid", "123"]:
        response = client.get(f"{URL}/{value}")

        assert response.status_code == 404
        assert response.json()["status"] == 404


def test_detail_nests_everything_the_directory_knows(client, full_service):
    hall = full_service.locations.get(name="Ancoats Community Hall")

    body = client.get(f"{URL}/{full_service.uuid}").json()

    assert body["id"] == str(full_service.uuid)
    assert body["status"] == "active"
    assert body["fees"] == "£3 a bag"
    assert (body["minimum_age"], body["maximum_age"]) == (16, 99)
    assert body["url"] == "https://ancoats-pantry.example.org/parcels"
    organisation = body["organization"]
    assert organisation["name"] == "Ancoats Pantry"
    assert {
        (i["identifier_scheme"], i["identifier"]) for i in organisation["organization_identifiers"]
    } == {
        ("GB-CHC", "1234567"),
        ("GB-COH", "07654321"),
    }
    assert [s["name"] for s in body["service_areas"]] == ["Manchester"]
    assert body["service_areas"][0]["uri"].endswith("/statistical-geography/E08000003")
    assert [language["name"] for language in body["languages"]] == ["English", "Urdu", "Polish"]
    assert body["schedules"] == [
        {
            "id": str(ids.derived(full_service.uuid, "schedule")),
            "service_id": str(full_service.uuid),
            "valid_from": "2020-04-01",
            "valid_to": "2030-03-31",
            "attending_type": "in person",
        }
    ]
    assert body["cost_options"][0]["option"] == "Low cost"
    assert body["contacts"][0]["phones"][0]["number"] == "0161 496 0001"
    assert sorted(f["source"] for f in body["funding"]) == [
        "Grant from A Trust to Manchester Food Response (2020): Winter grant",
        "Grant from Manchester City Council to Manchester Food Response (2020): "
        "Emergency food grant",
    ]
    terms = {a["taxonomy_term"]["name"]: a["taxonomy_term"] for a in body["attributes"]}
    assert set(terms) == {"Food banks and parcels", "Hot meals"}
    assert terms["Hot meals"]["parent_id"] == str(category("food-and-essentials").uuid)
    places = {p["location"]["name"]: p for p in body["service_at_locations"]}
    assert set(places) == {"Ancoats Community Hall", "St Peter's Church"}
    hall_record = places["Ancoats Community Hall"]
    assert hall_record["id"] == str(ids.service_at_location(full_service.uuid, hall.uuid))
    assert hall_record["location"]["latitude"] == pytest.approx(53.4843)
    assert hall_record["location"]["addresses"][0] | {"id": None} == {
        "id": None,
        "location_id": str(hall.uuid),
        "address_1": "12 Blossom Street, Ancoats",
        "city": "Manchester",
        "state_province": "",
        "postal_code": "M4 6AJ",
        "country": "GB",
        "address_type": "physical",
    }
    assert hall_record["location"]["accessibility"][0]["description"].startswith("Step-free")


def test_derived_ids_are_stable_between_requests(client, full_service):
    first = client.get(f"{URL}/{full_service.uuid}").json()
    second = client.get(f"{URL}/{full_service.uuid}").json()

    assert first == second


def test_funding_of_an_unpublished_partnership_is_not_shown(client, full_service):
    full_service.partnership.status = "pending"
    full_service.partnership.save()

    assert client.get(f"{URL}/{full_service.uuid}").json()["funding"] == []


@pytest.mark.parametrize(
    ("availability", "status"),
    [
        (Service.Availability.ACTIVE, "active"),
        (Service.Availability.TEMPORARILY_CLOSED, "temporarily closed"),
        (Service.Availability.ENDED, "inactive"),
    ],
)
def test_availability_maps_to_the_profile_status(client, db, availability, status):
    service = ServiceFactory(availability=availability)

    assert client.get(f"{URL}/{service.uuid}").json()["status"] == status


# Filters


def test_search_finds_services_by_name_or_description(client, full_service, bare_service):
    assert names(client.get(URL, {"search": "parcels"})) == ["Weekly Food Parcels"]
    assert names(client.get(URL, {"search": "befriending"})) == ["Phone Befriending"]


def test_taxonomy_term_id_includes_the_categories_below(client, full_service, bare_service):
    parent = category("food-and-essentials")
    child = category("hot-meals")
    other = category("digital-inclusion")

    assert names(client.get(URL, {"taxonomy_term_id": parent.uuid})) == ["Weekly Food Parcels"]
    assert names(client.get(URL, {"taxonomy_term_id": child.uuid})) == ["Weekly Food Parcels"]
    assert names(client.get(URL, {"taxonomy_term_id": other.uuid})) == []
    assert names(client.get(URL, {"taxonomy_term_id": uuid.uuid4()})) == []


def test_taxonomy_id_keeps_services_with_any_category(client, full_service, bare_service):
    assert names(client.get(URL, {"taxonomy_id": ids.TAXONOMY_ID})) == ["Weekly Food Parcels"]
    assert names(client.get(URL, {"taxonomy_id": uuid.uuid4()})) == []


def test_organization_id_keeps_that_organisations_services(client, full_service, bare_service):
    organisation = bare_service.organisation

    assert names(client.get(URL, {"organization_id": organisation.uuid})) == ["Phone Befriending"]


def test_modified_after_keeps_recent_changes(client, full_service, bare_service):
    Service.objects.filter(pk=bare_service.pk).update(
        updated=timezone.now() - datetime.timedelta(days=30)
    )
    week_ago = (timezone.now() - datetime.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert names(client.get(URL, {"modified_after": week_ago})) == ["Weekly Food Parcels"]
    assert len(names(client.get(URL, {"modified_after": "2000-01-01"}))) == 2


def test_age_filters_follow_the_profile_wording(client, db):
    ServiceFactory(name="Youth Club", minimum_age=11, maximum_age=18)
    ServiceFactory(name="Lunch Club", minimum_age=60, maximum_age=None)
    ServiceFactory(name="Open Door", minimum_age=None, maximum_age=None)

    assert names(client.get(URL, {"minimum_age": 50})) == ["Lunch Club"]
    assert names(client.get(URL, {"minimum_age": 10.5})) == ["Lunch Club", "Youth Club"]
    assert names(client.get(URL, {"maximum_age": 18})) == ["Youth Club"]
    assert names(client.get(URL, {"maximum_age": 17.9})) == []


def test_filters_combine(client, full_service, bare_service):
    ServiceFactory(
        name="Hot Dinners",
        description="A hot two-course lunch.",
        organisation=full_service.organisation,
        categories=[category("hot-meals")],
    )
    query = {
        "organization_id": full_service.organisation.uuid,
        "taxonomy_term_id": category("hot-meals").uuid,
        "search": "parcels",
    }

    assert names(client.get(URL, query)) == ["Weekly Food Parcels"]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("taxonomy_term_id", "food"),
        ("taxonomy_id", "1"),
        ("organization_id", ""),
        ("modified_after", "yesterday"),
        ("modified_after", "2024-13-01"),
        ("minimum_age", "ten"),
        ("minimum_age", "-1"),
        ("maximum_age", "nan"),
        ("page", "0"),
        ("page", "two"),
        ("per_page", "0"),
        ("per_page", "101"),
        ("per_page", "1.5"),
    ],
)
def test_bad_filter_or_paging_values_are_json_400s_naming_the_parameter(
    client, db, parameter, value
):
    response = client.get(URL, {parameter: value})

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["parameter"] == parameter
    assert body["message"].startswith(parameter)


def test_a_parameter_given_twice_is_a_400(client, db):
    response = client.get(f"{URL}?search=food&search=hall")

    assert response.status_code == 400
    assert response.json()["parameter"] == "search"


def test_unpublished_organisations_do_not_filter_in(client, db):
    hidden = OrganisationFactory(status="pending")
    ServiceFactory(organisation=hidden)

    assert names(client.get(URL, {"organization_id": hidden.uuid})) == []
