"""Curators confirm council members as officers in admin."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from tests.factories import CouncilFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/admin/organisations/membership/"


@pytest.fixture
def curator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_awaiting_filter_lists_unconfirmed_council_members_only(client, curator):
    waiting = MembershipFactory(organisation=CouncilFactory(), user=UserFactory(last_name="Waits"))
    MembershipFactory(organisation=OrganisationFactory(), user=UserFactory(last_name="Grouper"))

    page = client.get(URL, {"officer": "awaiting"}).content.decode()

    assert str(waiting.user) in page
    assert "Awaiting confirmation" in page
    assert "Grouper" not in page


def test_curator_confirms_a_council_member_as_officer(client, curator):
    waiting = MembershipFactory(organisation=CouncilFactory())
    group = MembershipFactory(organisation=OrganisationFactory())

    response = client.post(
        URL,
        {"action": "confirm_as_officer", ACTION_CHECKBOX_NAME: [waiting.pk, group.pk]},
        follow=True,
    )

    page = response.content.decode()
    assert "Confirmed 1 council officer." in page
    assert "1 was skipped" in page
    waiting.refresh_from_db()
    group.refresh_from_db()
    assert waiting.officer_confirmed_by == curator
    assert waiting.officer_confirmed_at is not None
    assert group.officer_confirmed_at is None
    assert waiting.history.first().officer_confirmed_at is not None  # kept in history


def test_curator_withdraws_a_confirmation(client, curator):
    membership = MembershipFactory(organisation=CouncilFactory())
    membership.confirm_as_officer(curator)

    client.post(
        URL, {"action": "withdraw_officer_confirmation", ACTION_CHECKBOX_NAME: [membership.pk]}
    )

    membership.refresh_from_db()
    assert membership.officer_confirmed_at is None


def test_contacts_are_edited_inline_on_the_organisation(client, curator):
    organisation = OrganisationFactory()

    page = client.get(f"/admin/organisations/organisation/{organisation.pk}/change/")

    assert page.status_code == 200
    assert "contacts-TOTAL_FORMS" in page.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/organisations/contact/",
        "/admin/organisations/contact/?q=Zed",
        "/admin/alerts/savedsearch/",
        "/admin/shortlists/shortlist/",
        "/admin/organisations/membership/?officer=confirmed",
    ],
)
def test_new_admin_lists_open(client, curator, url):
    assert client.get(url).status_code == 200
