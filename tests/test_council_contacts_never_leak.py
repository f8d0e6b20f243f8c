"""Contacts that organisations share with councils only are personal data: they reach
confirmed council officers and curators, and nobody and nothing else.

Each test looks for the contact's name, email address and phone number in
something the public or another system can read.
"""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from openreferral import ids
from organisations.models import Contact, Location
from tests.factories import (
    ContactFactory,
    CouncilFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    UserFactory,
    officer,
)

pytestmark = pytest.mark.django_db

SECRETS = ["Zebedee Hiddenname", "zebedee.hidden@council-only.example", "0161 496 0777"]
API = "/api/oruk"


def assert_no_secret(text):
    for secret in SECRETS:
        assert secret not in text


@pytest.fixture
def pantry():
    pantry = OrganisationFactory(
        name="Ancoats Pantry",
        description="A pay-as-you-feel pantry run by neighbours.",
        email="hello@ancoats-pantry.example.org",
    )
    hall = Location.objects.create(organisation=pantry, name="Ancoats Hall", postcode="M4 6AJ")
    service = ServiceFactory(name="Weekly Food Parcels", organisation=pantry)
    service.locations.set([hall])
    PartnershipMemberFactory(
        partnership=PartnershipFactory(name="Manchester Food Response"), organisation=pantry
    )
    ContactFactory(organisation=pantry, name="Priya Public", email="priya@example.org")
    ContactFactory(
        organisation=pantry,
        name=SECRETS[0],
        email=SECRETS[1],
        phone=SECRETS[2],
        visibility=Contact.Visibility.COUNCILS,
    )
    return pantry


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def unconfirmed_council_member():
    return MembershipFactory(organisation=CouncilFactory(), officer_confirmed_at=None).user


PERSONAS = {
    "anonymous visitor": lambda: Client(),
    "signed-in member of the public": lambda: signed_in(UserFactory()),
    "council member not yet confirmed": lambda: signed_in(unconfirmed_council_member()),
    "owner of the organisation itself": None,  # made in the test: needs the organisation
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_organisation_page_hides_council_only_contacts(pantry, persona):
    if PERSONAS[persona] is None:
        client = signed_in(MembershipFactory(organisation=pantry).user)
    else:
        client = PERSONAS[persona]()

    text = client.get(pantry.get_absolute_url()).content.decode()

    assert "Priya Public" in text  # the page did render its contacts
    assert_no_secret(text)
    assert "Visible to council officers only" not in text


@pytest.mark.parametrize("persona", ["anonymous visitor", "signed-in member of the public"])
@pytest.mark.parametrize("path", ["/organisations/", "/services/", "/partnerships/", "/"])
def test_lists_and_home_hide_council_only_contacts(pantry, persona, path):
    text = PERSONAS[persona]().get(path).content.decode()

    assert_no_secret(text)


@pytest.mark.parametrize("path", ["/organisations/", "/services/", "/partnerships/"])
def test_searching_for_a_contact_finds_nothing(pantry, client, path):
    for secret in SECRETS[:2]:
        response = client.get(path, {"q": secret})

        assert "Ancoats Pantry" not in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/export.csv",
        "/organisations/export.json",
        "/services/export.csv",
        "/services/export.json",
        "/partnerships/export.csv",
        "/partnerships/export.json",
    ],
)
@pytest.mark.parametrize("persona", ["anonymous visitor", "signed-in member of the public"])
def test_public_downloads_hide_council_only_contacts(pantry, path, persona):
    response = PERSONAS[persona]().get(path)
    text = b"".join(response.streaming_content).decode()

    assert "Ancoats Pantry" in text or "Weekly Food Parcels" in text or "Manchester" in text
    assert_no_secret(text)


@pytest.mark.parametrize("persona", list(PERSONAS)[:3])
def test_the_officers_download_is_not_found_for_anyone_else(pantry, persona):
    for fmt in ("csv", "json"):
        response = PERSONAS[persona]().get(f"/organisations/export-with-contacts.{fmt}")

        assert response.status_code == 404
        assert_no_secret(response.content.decode())


def test_every_api_endpoint_hides_council_only_contacts(pantry, client):
    service = pantry.services.get()
    hall = pantry.locations.get()
    paths = [
        f"{API}/",
        f"{API}/organizations",
        f"{API}/organizations/{pantry.uuid}",
        f"{API}/organizations?full=true",
        f"{API}/services",
        f"{API}/services/{service.uuid}",
        f"{API}/services?search=Zebedee",
        f"{API}/service_at_locations",
        f"{API}/service_at_locations/{ids.service_at_location(service.uuid, hall.uuid)}",
    ]
    for path in paths:
        response = client.get(path)

        assert response.status_code == 200, path
        assert_no_secret(response.content.decode())
    # The API did describe the organisation it was asked about.
    assert "Ancoats Pantry" in client.get(f"{API}/organizations/{pantry.uuid}").content.decode()


def test_api_search_does_not_match_a_contact(pantry, client):
    body = client.get(f"{API}/services", {"search": SECRETS[0]}).json()

    assert body["total_items"] == 0


def test_oruk_export_files_hide_council_only_contacts(pantry, tmp_path):
    call_command("export_oruk", str(tmp_path), stdout=StringIO())

    written = [path for path in Path(tmp_path).rglob("*") if path.is_file()]
    assert written
    text = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in written)
    assert "Ancoats Pantry" in text
    assert_no_secret(text)


@pytest.fixture
def caching(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.mark.parametrize(
    "path",
    [
        "/organisations/",
        "/organisations/?q=Ancoats",
        "/services/",
        "/partnerships/",
        "/organisations/ancoats-pantry/",
    ],
)
def test_an_officer_visiting_first_does_not_fill_the_public_cache(pantry, caching, path):
    as_officer = signed_in(officer())
    officer_page = as_officer.get(path).content.decode()
    if path.endswith("ancoats-pantry/"):
        assert SECRETS[0] in officer_page
    if path == "/organisations/":
        assert "Add to shortlist" in officer_page

    anonymous_page = Client().get(path).content.decode()
    again = Client().get(path).content.decode()

    for text in (anonymous_page, again):
        assert_no_secret(text)
        assert "Save this search" not in text
        assert "Add to shortlist" not in text
        assert "export-with-contacts" not in text


def test_the_officers_download_has_every_contact(pantry):
    as_officer = signed_in(officer())

    csv_text = b"".join(
        as_officer.get("/organisations/export-with-contacts.csv").streaming_content
    ).decode()
    records = json.loads(
        b"".join(as_officer.get("/organisations/export-with-contacts.json").streaming_content)
    )

    assert all(secret in csv_text for secret in SECRETS)
    pantry_record = next(r for r in records if r["name"] == "Ancoats Pantry")
    assert {c["name"] for c in pantry_record["contacts"]} == {"Priya Public", SECRETS[0]}
    assert {c["visibility"] for c in pantry_record["contacts"]} == {"public", "councils"}


def test_only_officers_see_the_link_to_the_download_with_contacts(pantry):
    assert "export-with-contacts" in signed_in(officer()).get("/organisations/").content.decode()
    assert (
        "export-with-contacts"
        not in signed_in(UserFactory()).get("/organisations/").content.decode()
    )


def test_officers_download_follows_the_lists_filters(pantry):
    OrganisationFactory(name="Leeds Larder")
    as_officer = signed_in(officer())

    records = json.loads(
        b"".join(
            as_officer.get(
                "/organisations/export-with-contacts.json", {"q": "Larder"}
            ).streaming_content
        )
    )

    assert [r["name"] for r in records] == ["Leeds Larder"]
