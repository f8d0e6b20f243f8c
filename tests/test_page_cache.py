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


def test_anonymous_pages_tell_a_cdn_it_may_keep_them_per_cookie_and_language(client, caching):
    for path in ("/organisations/", "/partnerships/", "/services/"):
        response = client.get(path, {"q": "pantry"})

        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=60"} <= cache_control, path
        vary = {part.strip().lower() for part in response["Vary"].split(",")}
        assert {"cookie", "accept-language"} <= vary, path


def test_signed_in_pages_tell_every_cache_not_to_keep_them(client, caching):
    client.force_login(UserFactory())

    response = client.get("/organisations/")

    cache_control = response["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control
    assert "public" not in cache_control


def test_a_changed_listing_shows_at_once_on_the_cached_list(client, caching):
    pantry = OrganisationFactory(name="Ancoats Pantry")
    assert "Ancoats Pantry" in client.get("/organisations/").content.decode()

    pantry.name = "Ancoats Community Larder"
    pantry.save()
    OrganisationFactory(name="Brand New Group")

    html = client.get("/organisations/").content.decode()
    assert "Ancoats Community Larder" in html
    assert "Brand New Group" in html


def test_a_new_service_shows_at_once_on_the_cached_services_list(client, caching):
    from tests.factories import ServiceFactory

    client.get("/services/")
    ServiceFactory(name="Prescription Collection")

    assert "Prescription Collection" in client.get("/services/").content.decode()
