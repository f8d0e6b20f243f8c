"""Before a new listing is created, likely duplicates are offered to be claimed instead."""

import pytest
from django.db import connection

from organisations.models import ModerationStatus, Organisation, name_key
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, UserFactory

from .conftest import browser, html, submit

pytestmark = pytest.mark.django_db

DUPLICATES = "/manage/register/possible-duplicates/"


@pytest.fixture
def client():
    return browser(UserFactory())


def register(client, area, name="Ancoats Pantry CIC", charity_number=""):
    submit(client, "/manage/register/name/", {"name": name, "kind": "community_group"})
    submit(
        client,
        "/manage/register/about/",
        {"description": "Food for neighbours.", "charity_number": charity_number},
    )
    submit(client, "/manage/register/contact/", {"email": "hello@example.org"})
    return submit(client, "/manage/register/areas/", {"areas": [str(area.pk)]})


def test_names_compare_without_case_punctuation_or_filler_words():
    assert name_key("The Ancoats Pantry Group C.I.C.") == name_key("ancoats pantry")
    assert name_key("Ancoats Pantry CIC") == "ancoats pantry"
    assert name_key("Ancoats & District Pantry") == "ancoats district pantry"


def test_a_similar_name_in_the_same_area_is_offered_to_claim(client):
    area = AreaFactory()
    existing = OrganisationFactory(name="Ancoats Pantry", areas=[area])

    register(client, area)
    response = client.get(DUPLICATES)

    page = html(response)
    assert response.status_code == 200
    assert "Is your organisation already listed?" in page
    assert existing.name in page
    assert f'href="/organisations/{existing.slug}/claim/"' in page
    # The person may still carry on with their own listing.
    assert 'href="/manage/register/check/"' in page


def test_the_same_charity_number_anywhere_is_a_likely_duplicate(client):
    OrganisationFactory(name="Completely Different Name", charity_number="1234567")

    register(client, AreaFactory(), name="Ardwick Lunch Club", charity_number="1234567")

    assert "Completely Different Name" in html(client.get(DUPLICATES))


def test_a_similar_name_in_another_area_is_not_a_duplicate(client):
    OrganisationFactory(name="Ancoats Pantry", areas=[AreaFactory()])

    response = register(client, AreaFactory())

    assert client.get(response.url).url == "/manage/register/check/"


def test_without_duplicates_the_person_goes_straight_to_check_answers(client):
    register(client, AreaFactory())

    response = client.get(DUPLICATES)

    assert response.status_code == 302
    assert response.url == "/manage/register/check/"


def test_a_managed_listing_says_to_ask_its_managers_instead_of_claiming(client):
    area = AreaFactory()
    existing = OrganisationFactory(name="Ancoats Pantry", areas=[area])
    MembershipFactory(organisation=existing)

    register(client, area)

    page = html(client.get(DUPLICATES))
    assert "Someone already manages this listing" in page
    assert f"/organisations/{existing.slug}/claim/" not in page


def test_unpublished_listings_are_not_offered(client):
    area = AreaFactory()
    OrganisationFactory(name="Ancoats Pantry", areas=[area], status=ModerationStatus.REJECTED)

    register(client, area)

    assert client.get(DUPLICATES).status_code == 302


def test_the_person_can_still_create_their_own_listing(client):
    area = AreaFactory()
    OrganisationFactory(name="Ancoats Pantry", areas=[area])
    register(client, area)

    page = html(client.get("/manage/register/check/"))
    assert "Listings that look like this one" in page or "A listing that looks like" in page
    submit(client, "/manage/register/check/")

    assert Organisation.objects.filter(name="Ancoats Pantry CIC").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Typo tolerance needs PostgreSQL's pg_trgm."
)
def test_on_postgresql_a_misspelt_name_in_the_same_area_is_a_likely_duplicate():
    area = AreaFactory()
    existing = OrganisationFactory(name="Ancoats Community Pantry", areas=[area])

    matches = Organisation.objects.likely_duplicates("Ancoats Comunity Pantry", areas=[area])

    assert list(matches) == [existing]
    assert not Organisation.objects.likely_duplicates("Ardwick Lunch Club", areas=[area]).exists()
