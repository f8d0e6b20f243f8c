"""Query counts do not grow with the number of records a response holds."""

import pytest

from openreferral import ids
from organisations.models import Location
from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db

API = "/api/oruk"


@pytest.fixture
def services(full_service):
    """25 published services, each with categories, areas and locations to tempt a lazy load."""
    area = AreaFactory()
    made = [full_service]
    for n in range(24):
        organisation = OrganisationFactory(phone="0161 496 0999")
        place = Location.objects.create(organisation=organisation, name=f"Hall {n}")
        service = ServiceFactory(
            organisation=organisation,
            partnership=full_service.partnership,
            categories=[category("hot-meals"), category("debt-advice")],
            areas=[area],
        )
        service.locations.add(place)
        made.append(service)
    return made


@pytest.mark.parametrize("per_page", [2, 20])
def test_service_list_query_count_is_constant(
    client, services, django_assert_num_queries, per_page
):
    # 1. count the matching services
    # 2. the page of services joined to their organisations
    with django_assert_num_queries(2):
        response = client.get(f"{API}/services", {"per_page": per_page})

    assert response.json()["size"] == per_page


@pytest.mark.parametrize("per_page", [2, 20])
def test_service_at_location_list_query_count_is_constant(
    client, services, django_assert_num_queries, per_page
):
    # 1. count the links of matching services to locations
    # 2. the page of links joined to services, organisations and locations
    with django_assert_num_queries(2):
        response = client.get(f"{API}/service_at_locations", {"per_page": per_page})

    assert response.json()["size"] == per_page


@pytest.mark.parametrize("per_page", [2, 20])
def test_organization_and_term_lists_query_count_is_constant(
    client, services, django_assert_num_queries, per_page
):
    for path in ["/organizations", "/taxonomy_terms"]:
        # 1. count  2. the page
        with django_assert_num_queries(2):
            response = client.get(f"{API}{path}", {"per_page": per_page})

        assert response.json()["size"] == per_page


def test_full_service_query_count(client, services, django_assert_num_queries):
    service = services[0]
    # 1. the service with its organisation and partnership
    # 2. its categories with their parents
    # 3. its areas
    # 4. its locations
    # 5. its partnership's funding awards with their funders
    with django_assert_num_queries(5):
        response = client.get(f"{API}/services/{service.uuid}")

    assert len(response.json()["funding"]) == 2


def test_full_organisation_query_count_does_not_grow_with_its_services(
    client, services, django_assert_num_queries
):
    organisation = services[0].organisation
    for service in services[1:]:
        service.organisation = organisation
        service.save()
    # 1. the organisation
    # 2. its published services with their partnerships
    # 3-6. their categories, areas, locations and funding, as for one service
    with django_assert_num_queries(6):
        response = client.get(f"{API}/organizations/{organisation.uuid}")

    assert len(response.json()["services"]) == len(services)


def test_service_at_location_query_count(client, services, django_assert_num_queries):
    service = services[0]
    place = service.locations.first()
    # 1. the link found by the two uuid prefixes in its id
    # 2-6. the service in full, as for /services/{id}
    # 7. the location
    with django_assert_num_queries(7):
        response = client.get(
            f"{API}/service_at_locations/{ids.service_at_location(service.uuid, place.uuid)}"
        )

    assert response.json()["location"]["name"] == place.name


def test_taxonomy_with_all_its_terms_is_one_query(client, db, django_assert_num_queries):
    # 1. every category with its parent
    with django_assert_num_queries(1):
        response = client.get(f"{API}/taxonomies/{ids.TAXONOMY_ID}")

    assert len(response.json()["taxonomy_terms"]) > 30
