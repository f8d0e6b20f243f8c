"""In a crisis spike, anonymous visitors are served list pages from the cache."""

import pytest

from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


def test_second_anonymous_visit_is_served_without_queries(
    client, caching, django_assert_num_queries
):
    OrganisationFactory(name="Ancoats Pantry")
    first = client.get("/organisations/")

    with django_assert_num_queries(0):
        second = client.get("/organisations/")

    assert second.content == first.content
    assert "max-age=60" in second["Cache-Control"]


def test_each_search_is_cached_separately(client, caching):
    OrganisationFactory(name="Ancoats Pantry")
    OrganisationFactory(name="Leeds Larder")

    assert "Leeds Larder" not in client.get("/organisations/", {"q": "Ancoats"}).content.decode()
    assert "Ancoats Pantry" not in client.get("/organisations/", {"q": "Leeds"}).content.decode()


def test_signed_in_people_always_get_a_fresh_page(client, caching):
    client.force_login(UserFactory())
    client.get("/organisations/")
    OrganisationFactory(name="Brand New Group")

    assert "Brand New Group" in client.get("/organisations/").content.decode()
