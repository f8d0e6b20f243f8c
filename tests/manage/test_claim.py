"""Claiming a listing nobody manages, and curators' decisions on claims."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from organisations.models import (
    AreaCurator,
    ClaimRequest,
    Membership,
    ModerationStatus,
    ReviewStatus,
)
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import assert_sends_to_sign_in, browser, html, submit, title

pytestmark = pytest.mark.django_db


def claim_url(organisation):
    return f"/organisations/{organisation.slug}/claim/"


@pytest.fixture
def claimant():
    return UserFactory(email="chair@example.org")


@pytest.fixture
def curator(area):
    user = UserFactory(email="curator@example.org", is_staff=True)
    AreaCurator.objects.create(user=user, area=area)
    return user


def test_an_unclaimed_listing_offers_to_be_claimed(client, organisation):
    page = html(client.get(organisation.get_absolute_url()))

    assert "Manage this listing?" in page
    assert f'href="{claim_url(organisation)}">Ask to claim it</a>' in page


def test_a_managed_listing_does_not_offer_to_be_claimed(client, organisation, owner):
    page = html(client.get(organisation.get_absolute_url()))

    assert "Ask to claim it" not in page


def test_claiming_needs_a_signed_in_person(organisation):
    url = claim_url(organisation)
    assert_sends_to_sign_in(browser().get(url), url)


def test_a_claim_is_recorded_and_curators_are_told(organisation, claimant, curator):
    client = browser(claimant)

    response = submit(client, claim_url(organisation), {"connection": "I am the chair."})

    assert response.status_code == 302
    assert response.url == "/manage/"
    claim = ClaimRequest.objects.get()
    assert (claim.user, claim.organisation, claim.status) == (
        claimant,
        organisation,
        ReviewStatus.PENDING,
    )
    assert claim.connection == "I am the chair."
    assert [m.to for m in mail.outbox] == [["curator@example.org"]]
    assert "I am the chair." in mail.outbox[0].body
    assert "Waiting for a curator to check it" in html(client.get("/manage/"))


def test_a_claim_needs_the_persons_connection(organisation, claimant):
    response = submit(browser(claimant), claim_url(organisation), {"connection": ""})

    assert title(response).startswith("Error: ")
    assert '<a href="#id_connection">Enter your connection to the organisation</a>' in html(
        response
    )
    assert not ClaimRequest.objects.exists()


def test_a_second_claim_by_the_same_person_says_they_already_asked(organisation, claimant):
    client = browser(claimant)
    submit(client, claim_url(organisation), {"connection": "I am the chair."})

    response = client.get(claim_url(organisation))

    assert "You have already asked to manage" in html(response)
    assert ClaimRequest.objects.count() == 1


def test_a_listing_someone_manages_cannot_be_claimed(organisation, owner, claimant):
    response = browser(claimant).get(claim_url(organisation))

    assert "Someone already manages" in html(response)
    assert 'name="connection"' not in html(response)


def test_unpublished_listings_cannot_be_claimed(claimant):
    pending = OrganisationFactory(status=ModerationStatus.PENDING)

    assert browser(claimant).get(claim_url(pending)).status_code == 404


def test_approving_makes_the_claimant_an_owner_and_tells_them(organisation, claimant, curator):
    claim = ClaimRequest.objects.create(user=claimant, organisation=organisation, connection="x")

    claim.approve(curator, base_url="https://directory.example.org/")

    claim.refresh_from_db()
    assert claim.status == ReviewStatus.APPROVED
    assert claim.decided_by == curator
    assert claim.decided_at is not None
    membership = Membership.objects.get(user=claimant, organisation=organisation)
    assert membership.role == Membership.Role.OWNER
    assert mail.outbox[-1].to == ["chair@example.org"]
    assert (
        f"https://directory.example.org/manage/organisations/{organisation.slug}/"
        in mail.outbox[-1].body
    )
    # Now managed, it no longer offers to be claimed.
    assert "Ask to claim it" not in html(browser().get(organisation.get_absolute_url()))


def test_declining_emails_the_reason(organisation, claimant, curator):
    claim = ClaimRequest.objects.create(user=claimant, organisation=organisation, connection="x")

    claim.decline(curator, "We could not confirm you work there.")

    claim.refresh_from_db()
    assert claim.status == ReviewStatus.DECLINED
    assert claim.decision_reason == "We could not confirm you work there."
    assert not Membership.objects.filter(user=claimant).exists()
    assert mail.outbox[-1].to == ["chair@example.org"]
    assert "We could not confirm you work there." in mail.outbox[-1].body
    page = html(browser(claimant).get("/manage/"))
    assert "Declined" in page
    assert "We could not confirm you work there." in page


def test_a_claim_is_decided_only_once(organisation, claimant, curator):
    claim = ClaimRequest.objects.create(user=claimant, organisation=organisation, connection="x")
    claim.decline(curator, "No.")

    with pytest.raises(ValidationError, match="already declined"):
        ClaimRequest.objects.get(pk=claim.pk).approve(curator)

    assert not Membership.objects.filter(user=claimant).exists()


def test_after_a_decline_the_person_may_ask_again(organisation, claimant, curator):
    ClaimRequest.objects.create(user=claimant, organisation=organisation, connection="x").decline(
        curator, "Tell us more."
    )

    response = submit(browser(claimant), claim_url(organisation), {"connection": "I am the chair"})

    assert response.status_code == 302
    assert ClaimRequest.objects.pending().count() == 1


def test_a_member_following_the_claim_link_goes_to_their_listing(organisation):
    member = MembershipFactory(organisation=organisation).user

    response = browser(member).get(claim_url(organisation))

    assert response.url == f"/manage/organisations/{organisation.slug}/"
