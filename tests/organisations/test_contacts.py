"""Named contacts on an organisation's page: public ones for everyone, council-only
ones for confirmed council officers and curators, with a tag saying so."""

import pytest

from accounts.models import User
from organisations.models import Contact
from tests.factories import (
    ContactFactory,
    CouncilFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    officer,
)

pytestmark = pytest.mark.django_db

COUNCILS = Contact.Visibility.COUNCILS


@pytest.fixture
def pantry():
    pantry = OrganisationFactory(name="Ancoats Pantry")
    ContactFactory(organisation=pantry, name="Priya Public", email="priya@example.org")
    ContactFactory(
        organisation=pantry,
        name="Colin Council",
        email="colin.private@example.org",
        phone="0161 496 0999",
        visibility=COUNCILS,
    )
    return pantry


def page(client, organisation):
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_public_contact_shows_on_the_organisation_page(client, pantry):
    text = page(client, pantry)

    assert "People to contact" in text
    assert "Priya Public" in text
    assert "mailto:priya@example.org" in text
    assert "Colin Council" not in text


def test_officer_sees_council_only_contact_with_a_tag(client, pantry):
    client.force_login(officer())

    text = page(client, pantry)

    assert "Colin Council" in text
    assert "colin.private@example.org" in text
    assert "0161 496 0999" in text
    assert "Visible to council officers only" in text


def test_officer_page_is_never_kept_by_a_shared_cache(client, pantry):
    client.force_login(officer())

    response = client.get(pantry.get_absolute_url())

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_curator_sees_council_only_contacts(client, pantry):
    client.force_login(UserFactory(is_staff=True))

    assert "Colin Council" in page(client, pantry)


def test_withdrawn_officer_no_longer_sees_council_only_contacts(client, pantry):
    person = officer()
    person.memberships.get().withdraw_officer_confirmation()
    client.force_login(person)

    assert "Colin Council" not in page(client, pantry)


def test_inactive_officer_does_not_count_as_an_officer():
    person = officer(is_active=False)

    assert not person.is_officer
    assert not person.can_see_council_contacts


def test_organisation_page_query_count_does_not_grow_with_contacts(
    client, pantry, django_assert_num_queries
):
    client.force_login(officer())
    client.get(pantry.get_absolute_url())  # warm the session
    # 1 session, 2 user, 3 is_officer, 4 organisation, 5 areas, 6 locations,
    # 7 services, 8 partnership roles, 9 contacts, 10 funding received,
    # 11 the officer's shortlists
    with django_assert_num_queries(11):
        client.get(pantry.get_absolute_url())
    ContactFactory.create_batch(5, organisation=pantry, visibility=COUNCILS)
    with django_assert_num_queries(11):
        client.get(pantry.get_absolute_url())


def test_council_member_is_not_an_officer_until_a_curator_confirms():
    council = CouncilFactory()
    membership = MembershipFactory(organisation=council)

    assert not membership.user.is_officer

    membership.confirm_as_officer(UserFactory(is_staff=True))

    assert User.objects.get(pk=membership.user.pk).is_officer


def test_members_of_other_organisations_cannot_be_confirmed_as_officers():
    membership = MembershipFactory(organisation=OrganisationFactory())

    with pytest.raises(Exception, match="Only members of a council"):
        membership.confirm_as_officer(UserFactory(is_staff=True))


def test_officers_lists_active_confirmed_council_members_once():
    council = CouncilFactory()
    confirmed = officer(council=council)
    MembershipFactory(user=confirmed, organisation=CouncilFactory(), officer_confirmed_at=None)
    officer(is_active=False)
    MembershipFactory(organisation=council)  # awaiting confirmation
    MembershipFactory(organisation=OrganisationFactory())

    assert list(User.objects.officers()) == [confirmed]
