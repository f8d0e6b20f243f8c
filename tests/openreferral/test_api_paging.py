"""Paging holds the rules an Open Referral UK validator applies, on every list."""

import math

import pytest

from organisations.models import Location
from partnerships.models import Category
from tests.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

API = "/api/oruk"
SERVICES = 23


@pytest.fixture
def many_services(db):
    organisation = OrganisationFactory(name="Big Charity")
    place = Location.objects.create(organisation=organisation, name="Main Hall")
    for n in range(SERVICES):
        service = ServiceFactory(name=f"Service {n:02d}", organisation=organisation)
        service.locations.add(place)
    for n in range(SERVICES - 1):
        OrganisationFactory(name=f"Group {n:02d}")


def walk(client, path, per_page):
    """Every page of ``path`` in turn, checking each against the paging rules."""
    first = client.get(f"{API}{path}", {"per_page": per_page}).json()
    total, pages = first["total_items"], first["total_pages"]
    assert pages == max(1, math.ceil(total / per_page))
    ids = []
    for number in range(1, pages + 1):
        page = client.get(f"{API}{path}", {"per_page": per_page, "page": number}).json()
        assert page["total_items"] == total, "total_items must be the same on every page"
        assert page["total_pages"] == pages
        assert page["page_number"] == number
        assert page["size"] == len(page["contents"])
        if number < pages:
            assert page["size"] == per_page
        else:
            assert 1 <= page["size"] <= per_page
        assert page["first_page"] is (number == 1)
        assert page["last_page"] is (number == pages)
        assert page["empty"] is False
        ids += [item["id"] for item in page["contents"]]
    assert len(ids) == len(set(ids)) == total, "each record once, on exactly one page"
    return total


@pytest.mark.parametrize("per_page", [5, 20])
@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/services", SERVICES),
        ("/service_at_locations", SERVICES),
        ("/organizations", SERVICES),
        ("/taxonomy_terms", None),
        ("/taxonomies", 1),
    ],
)
def test_pages_follow_the_rules(client, many_services, path, expected, per_page):
    total = walk(client, f"{path}", per_page)

    assert total == (expected if expected is not None else Category.objects.count())


def test_an_empty_result_is_one_empty_first_and_last_page(client, db):
    body = client.get(f"{API}/services", {"per_page": 5}).json()

    assert body == {
        "total_items": 0,
        "total_pages": 1,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


def test_a_page_past_the_last_is_a_json_404_naming_page(client, many_services):
    response = client.get(f"{API}/services", {"per_page": 20, "page": 3})

    assert response.status_code == 404
    assert response.json() == {
        "status": 404,
        "message": "There is no page 3: the last page is 2.",
        "parameter": "page",
    }


def test_per_page_defaults_to_50(client, db):
    OrganisationFactory.create_batch(51)

    body = client.get(f"{API}/organizations").json()

    assert (body["size"], body["total_pages"]) == (50, 2)
