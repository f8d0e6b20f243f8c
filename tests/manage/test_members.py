"""Inviting co-editors, accepting invitations, removing members and leaving."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from organisations.models import Invitation, Membership
from tests.factories import MembershipFactory, UserFactory

from .conftest import assert_sends_to_sign_in, browser, html, submit, title

pytestmark = pytest.mark.django_db


def members_url(organisation):
    return f"/manage/organisations/{organisation.slug}/members/"


def invite_url(organisation):
    return f"/manage/organisations/{organisation.slug}/members/invite/"


def leave_url(organisation):
    return f"/manage/organisations/{organisation.slug}/leave/"


def remove_url(organisation, membership):
    return f"/manage/organisations/{organisation.slug}/members/{membership.pk}/remove/"


def invitation_url(invitation):
    return f"/manage/invitations/{invitation.token}/"


@pytest.fixture
def invitation(organisation, owner):
    return Invitation.objects.create(
        organisation=organisation, email="helper@example.org", invited_by=owner
    )


# Inviting


def test_owner_invites_someone_by_email(as_owner, organisation):
    response = submit(
        as_owner, invite_url(organisation), {"email": "helper@example.org", "role": "editor"}
    )

    assert response.url == members_url(organisation)
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role) == ("helper@example.org", "editor")
    assert mail.outbox[0].to == ["helper@example.org"]
    assert f"http://testserver/manage/invitations/{invitation.token}/" in mail.outbox[0].body
    assert "helper@example.org as editor" in html(as_owner.get(members_url(organisation)))


def test_inviting_an_existing_member_says_so(as_owner, organisation, editor):
    response = submit(
        as_owner, invite_url(organisation), {"email": "EDITOR@example.org", "role": "editor"}
    )

    assert title(response).startswith("Error: ")
    assert "EDITOR@example.org is already a member of Ancoats Community Pantry" in html(response)
    assert not Invitation.objects.exists()


def test_an_invitation_needs_a_valid_email_and_role(as_owner, organisation):
    response = submit(as_owner, invite_url(organisation), {"email": "not an email"})

    page = html(response)
    assert '<a href="#id_email">Enter an email address in the correct format' in page
    assert '<a href="#id_role_0">Select what they can do</a>' in page
    assert 'value="not an email"' in page
    assert not Invitation.objects.exists()


def test_editor_cannot_invite(as_editor, organisation):
    assert as_editor.get(invite_url(organisation)).status_code == 403


# Accepting


def test_anyone_signed_in_can_accept_and_gets_the_invited_role(invitation, organisation):
    person = UserFactory(email="a-different-address@example.org")
    client = browser(person)

    response = submit(client, invitation_url(invitation))

    assert response.url == f"/manage/organisations/{organisation.slug}/"
    membership = Membership.objects.get(user=person, organisation=organisation)
    assert membership.role == Membership.Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_owner_invitation_makes_an_owner(invitation, organisation):
    Invitation.objects.filter(pk=invitation.pk).update(role=Membership.Role.OWNER)
    person = UserFactory()

    submit(browser(person), invitation_url(invitation))

    assert Membership.objects.get(user=person).role == Membership.Role.OWNER


def test_accepting_needs_signing_in(invitation):
    url = invitation_url(invitation)

    assert_sends_to_sign_in(browser().get(url), url)


def test_a_used_invitation_says_so_and_cannot_be_reused(invitation, organisation):
    submit(browser(UserFactory()), invitation_url(invitation))
    latecomer = UserFactory()

    response = browser(latecomer).get(invitation_url(invitation))

    assert response.status_code == 410
    assert "This invitation has already been used" in html(response)
    assert not Membership.objects.filter(user=latecomer).exists()
    with pytest.raises(ValidationError, match="already been used"):
        invitation.accept(latecomer)


def test_an_expired_invitation_says_so(invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        created=timezone.now() - datetime.timedelta(days=15)
    )
    person = UserFactory()
    client = browser(person)

    response = client.get(invitation_url(invitation))

    assert response.status_code == 410
    assert "This invitation has expired" in html(response)
    assert "Invitation links work for 14 days" in html(response)
    assert not Membership.objects.filter(user=person).exists()


def test_an_unknown_invitation_is_not_found(outsider):
    assert browser(outsider).get("/manage/invitations/not-a-token/").status_code == 404


# Removing and leaving


def test_owner_removes_an_editor(as_owner, organisation, editor):
    membership = Membership.objects.get(user=editor)

    response = submit(as_owner, remove_url(organisation, membership))

    assert response.url == members_url(organisation)
    assert not Membership.objects.filter(user=editor).exists()


def test_editor_cannot_remove_anyone(as_editor, organisation, owner):
    membership = Membership.objects.get(user=owner)
    url = remove_url(organisation, membership)

    assert as_editor.get(url).status_code == 403
    page = as_editor.get(members_url(organisation))
    assert 'href="' + url not in html(page)


def test_editor_can_leave(as_editor, organisation, editor):
    response = submit(as_editor, leave_url(organisation))

    assert response.url == "/manage/"
    assert not Membership.objects.filter(user=editor).exists()


def test_the_last_owner_cannot_leave(as_owner, organisation, owner, editor):
    response = submit(as_owner, leave_url(organisation))

    assert response.status_code == 409
    assert title(response).startswith("Error: ")
    assert "You are the only owner of Ancoats Community Pantry" in html(response)
    assert Membership.objects.filter(user=owner, role=Membership.Role.OWNER).exists()


def test_an_owner_can_leave_when_another_owner_remains(as_owner, organisation, owner):
    MembershipFactory(organisation=organisation, role=Membership.Role.OWNER)

    submit(as_owner, leave_url(organisation))

    assert not Membership.objects.filter(user=owner).exists()


def test_the_last_owner_cannot_be_removed(organisation, owner):
    with pytest.raises(ValidationError, match="needs at least one owner"):
        Membership.objects.get(user=owner).end()

    assert Membership.objects.filter(user=owner).exists()


def test_an_owner_removing_themselves_is_sent_to_leave(as_owner, organisation, owner):
    membership = Membership.objects.get(user=owner)

    response = as_owner.get(remove_url(organisation, membership))

    assert response.url == leave_url(organisation)


def test_a_member_of_another_organisation_cannot_be_removed_here(as_owner, organisation):
    stranger = MembershipFactory()

    assert as_owner.get(remove_url(organisation, stranger)).status_code == 404
