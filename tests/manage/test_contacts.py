"""Owners and editors name the people to contact, for everyone or for councils only."""

import pytest

from organisations.models import Contact
from tests.factories import ContactFactory

from .conftest import assert_sends_to_sign_in, html, submit

pytestmark = pytest.mark.django_db


def add_url(organisation):
    return f"/manage/organisations/{organisation.slug}/contacts/add/"


VALID = {
    "name": "  Colin   Council ",
    "role": "Volunteer coordinator",
    "email": "colin@example.org",
    "phone": "0161 496 0999",
    "visibility": "councils",
}


@pytest.mark.parametrize("persona", ["as_owner", "as_editor"])
def test_member_adds_a_council_only_contact(request, organisation, persona):
    client = request.getfixturevalue(persona)

    response = submit(client, add_url(organisation), VALID)

    assert response.status_code == 302
    contact = organisation.contacts.get()
    assert contact.name == "Colin Council"
    assert contact.visibility == Contact.Visibility.COUNCILS
    page = html(client.get(response.url))
    assert "Colin Council has been added." in page
    assert "Visible to council officers only" in page


def test_contact_needs_a_way_to_reach_them(as_owner, organisation):
    response = submit(as_owner, add_url(organisation), {**VALID, "email": "", "phone": ""})

    assert response.status_code == 200
    assert "Enter an email address or a phone number for this contact" in html(response)
    assert not organisation.contacts.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the contact&#x27;s full name"),
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("phone", "call me", "Enter a phone number, like 0161 496 0000"),
        ("visibility", "", "Select who can see this contact"),
        ("visibility", "everyone-please", "Select a valid choice"),
    ],
)
def test_bad_contact_details_are_explained_and_nothing_is_saved(
    as_owner, organisation, field, value, message
):
    response = submit(as_owner, add_url(organisation), {**VALID, field: value})

    assert response.status_code == 200
    assert message in html(response)
    assert "There is a problem" in html(response)
    assert not organisation.contacts.exists()


def test_member_changes_a_contact_to_public(as_owner, organisation):
    contact = ContactFactory(organisation=organisation, visibility=Contact.Visibility.COUNCILS)
    url = f"/manage/organisations/{organisation.slug}/contacts/{contact.pk}/"

    response = submit(as_owner, url, {**VALID, "visibility": "public"})

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.visibility == Contact.Visibility.PUBLIC


def test_member_removes_a_contact(as_editor, organisation):
    contact = ContactFactory(organisation=organisation, name="Leaving Person")
    url = f"/manage/organisations/{organisation.slug}/contacts/{contact.pk}/remove/"

    response = submit(as_editor, url)

    assert response.status_code == 302
    assert not organisation.contacts.exists()
    assert "Leaving Person has been removed." in html(as_editor.get(response.url))


def test_outsider_cannot_see_or_change_contacts(as_outsider, organisation):
    contact = ContactFactory(organisation=organisation)
    base = f"/manage/organisations/{organisation.slug}/contacts/"

    for url in [base, f"{base}add/", f"{base}{contact.pk}/", f"{base}{contact.pk}/remove/"]:
        assert as_outsider.get(url).status_code == 404


def test_visitor_is_asked_to_sign_in(anonymous, organisation):
    url = f"/manage/organisations/{organisation.slug}/contacts/"

    assert_sends_to_sign_in(anonymous.get(url), url)


def test_member_cannot_reach_another_organisations_contact(as_owner, organisation):
    elsewhere = ContactFactory()
    url = f"/manage/organisations/{organisation.slug}/contacts/{elsewhere.pk}/"

    assert as_owner.get(url).status_code == 404


def test_contacts_page_query_count_does_not_grow(as_owner, organisation, django_assert_num_queries):
    url = f"/manage/organisations/{organisation.slug}/contacts/"
    as_owner.get(url)
    # 1 session, 2 user, 3 membership with organisation, 4 contacts
    with django_assert_num_queries(4):
        as_owner.get(url)
    ContactFactory.create_batch(5, organisation=organisation)
    with django_assert_num_queries(4):
        as_owner.get(url)
