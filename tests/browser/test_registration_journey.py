"""The whole journey of a community group, in a real browser: sign up, confirm the
email, register the group, a curator publishes it, it appears in search, and the
owner adds a service that appears on its page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.factories import AreaFactory, UserFactory, category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long walk to the allotment"


@pytest.fixture
def curator():
    return UserFactory(
        email="curator@example.org", is_staff=True, is_superuser=True, password=PASSWORD
    )


def test_group_registers_is_published_and_adds_a_service(page, curator, screenshot):
    AreaFactory(name="Manchester", gss_code="E08000003")
    category("food-banks-and-parcels")

    # Sign up and confirm the email address from the message it sends.
    page.goto("/accounts/signup/")
    page.get_by_label("Email address").fill("volunteer@ancoats.example")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm your password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Confirm your email address")
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)[0]
    page.goto(link)
    page.get_by_role("button", name="Confirm email address").click()

    # Register the organisation, one question a page, then check the answers.
    page.goto("/manage/register/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Name of the organisation").fill("Ancoats Community Pantry")
    page.get_by_label("Community group").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What does the organisation do?").fill(
        "A pay-as-you-feel food pantry run by neighbours in Ancoats."
    )
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Public phone number (optional)").fill("0161 496 0000")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("North West").first.click()  # open the region's list of councils
    page.get_by_label("Manchester").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Check your answers")
    screenshot("register-check-answers")
    page.get_by_role("button", name="Register the organisation").click()
    expect(page.get_by_text("Waiting for a curator to check it")).to_be_visible()

    # Not public until a curator publishes it.
    page.goto("/organisations/?q=pantry")
    expect(page.get_by_role("link", name="Ancoats Community Pantry")).to_have_count(0)

    curator_page = page.context.browser.new_context(base_url=page.url.split("/organ")[0]).new_page()
    curator_page.goto("/admin/login/")
    curator_page.get_by_label("Email address").fill(curator.email)
    curator_page.get_by_label("Password").fill(PASSWORD)
    curator_page.get_by_role("button", name="Log in").click()
    curator_page.goto("/admin/organisations/organisation/?status__exact=pending")
    curator_page.get_by_role("row", name=re.compile("Ancoats Community Pantry")).get_by_role(
        "checkbox"
    ).check()
    curator_page.locator("select[name=action]").select_option("publish")
    curator_page.get_by_role("button", name="Run").click()
    expect(curator_page.get_by_text("Published 1 organisation")).to_be_visible()

    page.goto("/organisations/?q=pantry")
    expect(page.get_by_role("link", name="Ancoats Community Pantry")).to_be_visible()

    # The owner adds a service, which appears on the organisation's page.
    page.goto("/manage/organisations/ancoats-community-pantry/services/add/")
    page.get_by_label("Name of the service").fill("Pantry food parcels")
    page.get_by_label("What does the service offer?").fill("A weekly bag of fresh food.")
    page.get_by_text("Food and essentials").first.click()
    page.get_by_label("Food banks and parcels").check()
    page.get_by_role("button", name="Add the service").click()
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    page.goto("/organisations/ancoats-community-pantry/")
    expect(page.get_by_role("link", name="Pantry food parcels")).to_be_visible()
    screenshot("registered-organisation")
