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


def test_a_changed_listing_shows_at_once_on_the_cached_list(
    client, caching, django_capture_on_commit_callbacks
):
    pantry = OrganisationFactory(name="Ancoats Pantry")
    assert "Ancoats Pantry" in client.get("/organisations/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # the change is committed
        pantry.name = "Ancoats Community Larder"
        pantry.save()
        OrganisationFactory(name="Brand New Group")

    html = client.get("/organisations/").content.decode()
    assert "Ancoats Community Larder" in html
    assert "Brand New Group" in html


def test_a_new_service_shows_at_once_on_the_cached_services_list(
    client, caching, django_capture_on_commit_callbacks
):
    from tests.factories import ServiceFactory

    client.get("/services/")
    with django_capture_on_commit_callbacks(execute=True):
        ServiceFactory(name="Prescription Collection")

    assert "Prescription Collection" in client.get("/services/").content.decode()


def _pages(pantry, service, partnership):
    return {
        "home": "/",
        "organisation": pantry.get_absolute_url(),
        "service": service.get_absolute_url(),
        "partnership": partnership.get_absolute_url(),
    }


@pytest.fixture
def listed():
    from tests.factories import PartnershipFactory, PartnershipMemberFactory, ServiceFactory

    pantry = OrganisationFactory(name="Ancoats Pantry")
    partnership = PartnershipFactory(name="Ancoats Food Response")
    PartnershipMemberFactory(partnership=partnership, organisation=pantry)
    service = ServiceFactory(name="Pantry parcels", organisation=pantry, partnership=partnership)
    return pantry, service, partnership


def test_home_and_detail_pages_are_served_from_the_cache_to_anonymous_visitors(
    client, caching, listed, django_assert_num_queries
):
    for name, path in _pages(*listed).items():
        first = client.get(path)
        assert first.status_code == 200, name

        with django_assert_num_queries(0):
            second = client.get(path)

        assert second.content == first.content, name
        assert "public" in second["Cache-Control"], name


def _changes(pantry, service, partnership):
    """(what changes, the page showing it, what the page then says), one at a time."""
    from organisations.models import Location
    from tests.factories import ContactFactory, FundingFactory, OutcomeFactory

    # The venue exists before the page is first cached: only linking it changes the page.
    hall = Location.objects.create(organisation=pantry, name="Ancoats Church Hall")

    def venue():
        service.locations.add(hall)

    return [
        ("contact", lambda: ContactFactory(organisation=pantry, name="Rosa Contact"),
         pantry.get_absolute_url(), "Rosa Contact"),
        ("outcome", lambda: OutcomeFactory(service=service, people_reached=4321),
         service.get_absolute_url(), "4,321"),
        ("award", lambda: FundingFactory(partnership=partnership, amount="7654.00"),
         partnership.get_absolute_url(), "7,654"),
        ("venue", venue, service.get_absolute_url(), "Ancoats Church Hall"),
    ]  # fmt: skip


@pytest.mark.parametrize("change", ["contact", "outcome", "award", "venue"])
def test_what_a_detail_page_shows_changes_at_once_on_the_cached_page(
    client, caching, listed, change, django_capture_on_commit_callbacks
):
    _name, make, path, shown = next(c for c in _changes(*listed) if c[0] == change)
    assert shown not in client.get(path).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make()

    assert shown in client.get(path).content.decode()


def test_pages_are_retired_only_once_a_change_is_committed(
    client, caching, django_capture_on_commit_callbacks
):
    OrganisationFactory(name="Ancoats Pantry")
    client.get("/organisations/")

    with django_capture_on_commit_callbacks() as on_commit:
        OrganisationFactory(name="Brand New Group")
        # Not committed yet: a page made now would show the old rows under the new
        # version, so the cached copy stands.
        assert "Brand New Group" not in client.get("/organisations/").content.decode()
    for callback in on_commit:
        callback()

    assert "Brand New Group" in client.get("/organisations/").content.decode()


def test_a_curators_decision_in_admin_reaches_the_cached_pages(
    client, caching, listed, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests.factories import UserFactory

    pantry = listed[0]
    assert client.get(pantry.get_absolute_url()).status_code == 200
    assert "Ancoats Pantry" in client.get("/organisations/").content.decode()
    curator = UserFactory(email="curator@example.org", is_staff=True, is_superuser=True)
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:organisations_organisation_changelist"),
            {"action": "archive", "_selected_action": [pantry.pk], "index": 0},
        )
    client.logout()

    assert client.get(pantry.get_absolute_url()).status_code == 404
    assert "Ancoats Pantry" not in client.get("/organisations/").content.decode()


def test_council_only_contacts_never_reach_the_anonymous_copy(client, caching, listed):
    from organisations.models import Contact
    from tests.factories import ContactFactory, officer

    pantry = listed[0]
    ContactFactory(organisation=pantry, name="Ola Private", visibility=Contact.Visibility.COUNCILS)
    client.force_login(officer())
    assert "Ola Private" in client.get(pantry.get_absolute_url()).content.decode()
    client.logout()

    anonymous = client.get(pantry.get_absolute_url()).content.decode()

    assert "Ola Private" not in anonymous
    client.force_login(officer(email="second.officer@council.example.org"))
    assert "Ola Private" in client.get(pantry.get_absolute_url()).content.decode()
