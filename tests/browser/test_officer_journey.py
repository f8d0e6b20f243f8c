"""A council officer in a real browser: sees the contacts shared with councils,
adds the group to a shortlist from the list of results, writes a note, and
shares the shortlist with a colleague."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from organisations.models import Contact
from tests.factories import (
    AreaFactory,
    ContactFactory,
    CouncilFactory,
    OrganisationFactory,
    officer,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_officer_shortlists_a_group_and_shares_it(page, live_server, screenshot):
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    council = CouncilFactory(governs=manchester, name="Manchester City Council")
    pantry = OrganisationFactory(
        name="Ancoats Community Pantry",
        areas=[manchester],
        email="hello@ancoats-pantry.example.org",
        phone="0161 496 0000",
        website="https://ancoats-pantry.example.org/",
    )
    ContactFactory(
        organisation=pantry, name="Priya Shah", role="Coordinator", email="priya@example.org"
    )
    ContactFactory(
        organisation=pantry,
        name="Colin Burke",
        role="Safeguarding lead",
        email="colin.burke@example.org",
        phone="07700 900123",
        visibility=Contact.Visibility.COUNCILS,
    )
    sign_in(page, live_server, officer(council=council, first_name="Olive", last_name="Okafor"))

    page.goto("/organisations/?q=Ancoats")
    page.get_by_role("button", name="Add to shortlist Ancoats Community Pantry").click()
    expect(page.get_by_text("Added Ancoats Community Pantry to “My shortlist”.")).to_be_visible()

    page.goto(pantry.get_absolute_url())
    expect(page.get_by_text("Colin Burke")).to_be_visible()
    expect(page.get_by_text("Visible to council officers only").first).to_be_visible()
    screenshot("officer-organisation-page")

    page.goto("/shortlists/")
    page.get_by_role("link", name="My shortlist").click()
    page.get_by_label("Note about Ancoats Community Pantry").fill("Ask Colin about the winter hub.")
    page.get_by_role("button", name="Save note about Ancoats Community Pantry").click()
    expect(page.get_by_text("Note saved for Ancoats Community Pantry.")).to_be_visible()
    page.get_by_role("button", name="Share by link").click()
    link = page.get_by_label("Council officers signed in").input_value()
    assert "/shortlists/shared/" in link
    screenshot("officer-shortlist")
