"""/accounts/your-data/: a signed-in person downloads what the directory holds about them."""

import json

import pytest
from django.test import Client

from organisations.models import ClaimRequest, Invitation, Membership, ProblemReport
from partnerships.models import PartnershipMember
from tests.accounts.helpers import confirmed_user
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

DOWNLOAD = "/accounts/your-data/download/"


@pytest.fixture
def sam():
    """Sam: an owner, with a claim, an invitation sent, a report and a proposal."""
    sam = confirmed_user(email="sam@example.org")
    pantry = OrganisationFactory(name="Ancoats Community Pantry")
    MembershipFactory(user=sam, organisation=pantry, role=Membership.Role.OWNER)
    library = OrganisationFactory(name="Hulme Library of Things")
    ClaimRequest.objects.create(user=sam, organisation=library, connection="I run it")
    Invitation.objects.create(organisation=pantry, email="helper@example.org", invited_by=sam)
    ProblemReport.objects.create(
        organisation=library, kind="contact", reporter_email="Sam@Example.org", details="Old"
    )
    partnership = PartnershipFactory(name="Manchester Food Partnership")
    PartnershipMember.objects.create(partnership=partnership, organisation=pantry, proposed_by=sam)
    return sam


@pytest.fixture
def alex():
    """Someone else, whose data must not appear in Sam's download."""
    alex = confirmed_user(email="alex@example.org")
    garden = OrganisationFactory(name="Moss Side Community Garden")
    MembershipFactory(user=alex, organisation=garden, role=Membership.Role.EDITOR)
    Invitation.objects.create(organisation=garden, email="friend@example.org", invited_by=alex)
    ProblemReport.objects.create(
        organisation=garden, kind="closed", reporter_email="alex@example.org"
    )
    return alex


def download(user):
    client = Client()
    client.force_login(user)
    return client.get(DOWNLOAD)


def test_the_download_holds_your_account_memberships_claims_invitations_and_reports(sam, alex):
    response = download(sam)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="directory-your-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == "sam@example.org"
    assert data["account"]["email_addresses"] == [
        {"email": "sam@example.org", "verified": True, "primary": True}
    ]
    assert [(m["organisation"], m["role"]) for m in data["memberships"]] == [
        ("Ancoats Community Pantry", "owner")
    ]
    assert [(c["organisation"], c["status"]) for c in data["claims"]] == [
        ("Hulme Library of Things", "pending")
    ]
    assert [i["email"] for i in data["invitations_sent"]] == ["helper@example.org"]
    assert [r["details"] for r in data["problem_reports"]] == ["Old"]
    assert [p["partnership"] for p in data["partnerships_proposed"]] == [
        "Manchester Food Partnership"
    ]


def test_the_download_holds_nothing_of_anyone_else(sam, alex):
    text = download(sam).content.decode()

    for theirs in ["alex@example.org", "Moss Side Community Garden", "friend@example.org"]:
        assert theirs not in text


def test_the_download_takes_the_same_queries_however_much_you_have(sam, django_assert_num_queries):
    for number in range(5):
        organisation = OrganisationFactory()
        MembershipFactory(user=sam, organisation=organisation, role=Membership.Role.EDITOR)
        Invitation.objects.create(
            organisation=organisation, email=f"helper{number}@example.org", invited_by=sam
        )
    client = Client()
    client.force_login(sam)

    # Session, user; email addresses; claims; invitations; memberships;
    # partnership places; addresses again and the reports made with them.
    with django_assert_num_queries(9):
        client.get(DOWNLOAD)


def test_the_page_explains_and_offers_the_download(sam):
    client = Client()
    client.force_login(sam)

    page = client.get("/accounts/your-data/").text

    assert "<title>Your data – " in page
    assert f'href="{DOWNLOAD}"' in page
    assert 'href="/accounts/delete/"' in page
    assert 'href="/accounts/your-data/"' in client.get("/accounts/email/").text


def test_signed_out_visitors_are_asked_to_sign_in():
    response = Client().get(DOWNLOAD)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
