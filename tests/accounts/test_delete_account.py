"""/accounts/delete/: a person deletes their account; their organisations stay.

Decision: history records stay, because curators rely on them, but no longer
say who made a change ("changed by" is cleared). Historical membership rows
keep the deleted account's number only, which names nobody once the account
is gone.
"""

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client

from accounts.models import User
from organisations.models import Invitation, Membership, Organisation, ProblemReport
from tests.accounts.helpers import PASSWORD, confirmed_user, csrf_token, signed_in_user_id
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"


@pytest.fixture
def sam():
    return confirmed_user(email="sam@example.org")


@pytest.fixture
def pantry():
    return OrganisationFactory(name="Ancoats Community Pantry")


@pytest.fixture
def curator():
    return UserFactory(email="curator@example.org", is_staff=True, is_superuser=True)


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def delete(client, password=PASSWORD):
    page = client.get(URL)
    return client.post(URL, {"csrfmiddlewaretoken": csrf_token(page), "password": password})


def test_the_page_warns_that_it_cannot_be_undone(sam):
    page = signed_in(sam).get(URL).text

    assert "<title>Delete your account – " in page
    assert '<div class="govuk-warning-text">' in page
    assert "You cannot undo this." in page
    assert 'type="password"' in page


def test_the_wrong_password_deletes_nothing(sam):
    client = signed_in(sam)

    response = delete(client, password="not my password")

    assert response.status_code == 200
    assert "<title>Error: Delete your account – " in response.text
    assert "Your password is not correct. Enter it again." in response.text
    assert User.objects.filter(pk=sam.pk).exists()
    assert signed_in_user_id(client) == str(sam.pk)


def test_deleting_signs_you_out_everywhere_and_removes_the_account(sam, pantry):
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.EDITOR)
    laptop, phone = signed_in(sam), signed_in(sam)

    response = delete(laptop)

    assert response.status_code == 302
    assert "Your account has been deleted." in laptop.get(response["Location"]).text
    assert signed_in_user_id(laptop) is None
    assert phone.get("/manage/")["Location"].startswith("/accounts/login/")
    assert not User.objects.filter(email="sam@example.org").exists()
    assert Organisation.objects.filter(pk=pantry.pk).exists()
    assert not pantry.memberships.exists()


def test_the_last_owner_hands_the_listing_to_the_longest_standing_member(
    sam, pantry, curator, django_capture_on_commit_callbacks
):
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.OWNER)
    first = MembershipFactory(organisation=pantry, role=Membership.Role.EDITOR)
    MembershipFactory(organisation=pantry, role=Membership.Role.EDITOR)

    with django_capture_on_commit_callbacks(execute=True):
        delete(signed_in(sam))

    first.refresh_from_db()
    assert first.role == Membership.Role.OWNER
    assert pantry.owners().count() == 1
    assert first.history.first().role == Membership.Role.OWNER
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"curator@example.org", first.user.email}
    assert f"{first.user.email}, who was already a member, is now its owner" in (
        sent["curator@example.org"].body
    )
    assert sent[first.user.email].subject == "You are now an owner of Ancoats Community Pantry"


def test_with_nobody_else_the_listing_goes_back_to_the_curators(
    sam, pantry, curator, django_capture_on_commit_callbacks
):
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.OWNER)

    with django_capture_on_commit_callbacks(execute=True):
        delete(signed_in(sam))

    pantry.refresh_from_db()
    assert not pantry.is_claimed
    assert pantry.status == "published"
    [message] = mail.outbox
    assert message.to == ["curator@example.org"]
    assert message.subject == "The owner of Ancoats Community Pantry has closed their account"
    assert "Nobody manages the listing now." in message.body


def test_another_owner_keeps_the_listing_without_fuss(
    sam, pantry, curator, django_capture_on_commit_callbacks
):
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.OWNER)
    other_owner = MembershipFactory(organisation=pantry, role=Membership.Role.OWNER)
    editor = MembershipFactory(organisation=pantry, role=Membership.Role.EDITOR)

    with django_capture_on_commit_callbacks(execute=True):
        delete(signed_in(sam))

    assert list(pantry.owners()) == [other_owner]
    editor.refresh_from_db()
    assert editor.role == Membership.Role.EDITOR
    assert mail.outbox == []


def test_nothing_that_names_you_remains(sam, pantry):
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.OWNER)
    MembershipFactory(organisation=pantry, role=Membership.Role.OWNER)
    client = signed_in(sam)
    # A change Sam made, an invitation Sam sent, one sent to Sam, a report Sam made,
    # and a failed sign-in recorded against Sam's address.
    pantry._history_user = sam
    pantry.description = "Food for everyone"
    pantry.save()
    Invitation.objects.create(organisation=pantry, email="helper@example.org", invited_by=sam)
    Invitation.objects.create(organisation=pantry, email="SAM@example.org")
    ProblemReport.objects.create(
        organisation=pantry, kind="other", reporter_email="sam@example.org"
    )
    AccessAttempt.objects.create(
        username="sam@example.org", ip_address="198.51.100.7", failures_since_start=1
    )
    sam_id = sam.pk

    delete(client)

    assert not User.objects.filter(pk=sam_id).exists()
    assert not Organisation.history.filter(history_user_id=sam_id).exists()
    assert not Membership.history.filter(history_user_id=sam_id).exists()
    # Sam's own membership history keeps only the number of a deleted account.
    assert Membership.history.filter(user_id=sam_id, history_type="-").exists()
    assert Organisation.history.filter(description="Food for everyone").exists()
    assert list(Invitation.objects.values_list("email", "invited_by")) == [
        ("helper@example.org", None)
    ]
    assert list(ProblemReport.objects.values_list("reporter_email", flat=True)) == [""]
    assert not AccessAttempt.objects.exists()


def test_signed_out_visitors_are_asked_to_sign_in():
    response = Client().get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
