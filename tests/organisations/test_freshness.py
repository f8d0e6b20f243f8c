"""Listings stay true: owners are reminded after a year, and stale listings are flagged."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from organisations.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def stale_listing():
    organisation = OrganisationFactory(name="Ancoats Pantry", last_confirmed=days_ago(400))
    MembershipFactory(organisation=organisation, user=UserFactory(email="owner@example.org"))
    return organisation


def test_owners_of_listings_unconfirmed_for_a_year_get_a_still_correct_link(stale_listing):
    OrganisationFactory(name="Fresh Group", last_confirmed=days_ago(30))

    call_command("send_review_reminders", base_url="https://directory.example.org", stdout=None)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.org"]
    assert "Ancoats Pantry" in message.subject
    assert re.search(
        r"https://directory\.example\.org/organisations/ancoats-pantry/still-correct/\S+/",
        message.body,
    )


@pytest.mark.usefixtures("compiled_catalogues")
def test_each_owner_is_reminded_in_their_own_language(stale_listing):
    welsh = UserFactory(email="perchennog@example.org", language="cy")
    MembershipFactory(organisation=stale_listing, user=welsh)

    call_command("send_review_reminders", base_url="https://directory.example.org", stdout=None)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects["owner@example.org"] == "Is the listing for Ancoats Pantry still correct?"
    assert subjects["perchennog@example.org"] == (
        "Ydy'r rhestriad ar gyfer Ancoats Pantry yn dal yn gywir?"
    )


def test_reminders_are_not_sent_twice(stale_listing):
    call_command("send_review_reminders")
    call_command("send_review_reminders")
    assert len(mail.outbox) == 1


def test_the_still_correct_link_confirms_with_one_button(client, stale_listing):
    call_command("send_review_reminders", base_url="http://testserver")
    link = re.search(r"http://testserver(\S+still-correct/\S+/)", mail.outbox[0].body)[1]

    page = client.get(link)
    assert "Yes, it is still correct" in page.content.decode()
    assert Organisation.objects.get(pk=stale_listing.pk).last_confirmed == days_ago(400)

    client.post(link)
    assert Organisation.objects.get(pk=stale_listing.pk).last_confirmed == timezone.localdate()


def test_a_tampered_still_correct_link_says_it_is_not_valid(client, stale_listing):
    response = client.post("/organisations/ancoats-pantry/still-correct/forged-token/")
    assert response.status_code == 400
    assert "expired or is not valid" in response.content.decode()
    assert Organisation.objects.get(pk=stale_listing.pk).last_confirmed == days_ago(400)


def test_listings_unconfirmed_for_18_months_are_flagged_and_listed_last(client):
    OrganisationFactory(name="Aardvark Old Group", last_confirmed=days_ago(600))
    OrganisationFactory(name="Zebra New Group", last_confirmed=days_ago(10))

    call_command("send_review_reminders")
    html = client.get("/organisations/").content.decode()
    detail = client.get("/organisations/aardvark-old-group/").content.decode()

    assert html.index("Zebra New Group") < html.index("Aardvark Old Group")
    assert "Possibly out of date" in html
    assert "This listing may be out of date" in detail
