"""/manage/: the signed-in person's organisations, requests and partnerships to confirm."""

import pytest

from organisations.models import ClaimRequest, Membership, ModerationStatus
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    UserFactory,
)

from .conftest import browser, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    return UserFactory(email="person@example.org")


def test_lists_the_persons_organisations_with_role_and_status(person):
    MembershipFactory(
        user=person,
        role=Membership.Role.OWNER,
        organisation=OrganisationFactory(name="Published Pantry"),
    )
    MembershipFactory(
        user=person,
        role=Membership.Role.EDITOR,
        organisation=OrganisationFactory(name="Pending Pantry", status=ModerationStatus.PENDING),
    )
    MembershipFactory(
        user=person,
        organisation=OrganisationFactory(
            name="Rejected Pantry",
            status=ModerationStatus.REJECTED,
            rejection_reason="This looks like a duplicate of Ancoats Pantry.",
        ),
    )
    OrganisationFactory(name="Somebody Else's Pantry")

    page = html(browser(person).get("/manage/"))

    assert "Published Pantry" in page
    assert "Pending Pantry" in page
    assert "Waiting for a curator to check it" in page
    assert "Rejected Pantry" in page
    assert "This looks like a duplicate of Ancoats Pantry." in page
    assert "Editor" in page and "Owner" in page
    assert "Somebody Else" not in page
    assert 'href="/manage/register/"' in page
    assert 'href="/manage/partnerships/propose/"' in page


def test_someone_with_no_organisations_is_offered_to_register_or_claim(person):
    page = html(browser(person).get("/manage/"))

    assert "You do not manage any listings yet." in page
    assert 'href="/manage/register/"' in page
    assert 'href="/organisations/"' in page
    assert "/manage/partnerships/propose/" not in page


def test_shows_partnerships_awaiting_confirmation_only_for_the_persons_organisations(person):
    mine = MembershipFactory(user=person).organisation
    PartnershipMemberFactory(
        organisation=mine, partnership__name="Food Alliance", confirmed_at=None
    )
    PartnershipMemberFactory(partnership__name="Somebody Else's Alliance", confirmed_at=None)
    PartnershipMemberFactory(organisation=mine, partnership__name="Confirmed Alliance")

    page = html(browser(person).get("/manage/"))

    assert "Food Alliance" in page
    assert "Somebody Else" not in page
    assert "Confirmed Alliance" not in page


def test_shows_pending_claims(person):
    ClaimRequest.objects.create(
        user=person, organisation=OrganisationFactory(name="Claimed Pantry"), connection="x"
    )

    page = html(browser(person).get("/manage/"))

    assert "Your requests to manage a listing" in page
    assert "Claimed Pantry" in page


@pytest.mark.parametrize("rows", [1, 5])
def test_query_count_does_not_grow_with_organisations(person, django_assert_num_queries, rows):
    for _ in range(rows):
        organisation = MembershipFactory(user=person).organisation
        PartnershipMemberFactory(organisation=organisation, confirmed_at=None)
        ClaimRequest.objects.create(user=person, organisation=OrganisationFactory(), connection="x")
    client = browser(person)

    # 1. the session
    # 2. the signed-in user
    # 3. their memberships with the organisations
    # 4. partnerships awaiting their confirmation, with partnership, organisation, proposer
    # 5. their claim requests with the organisations
    # 6. whether they are a confirmed council officer (links to their officer tools)
    with django_assert_num_queries(6):
        response = client.get("/manage/")

    assert html(response).count('href="/manage/organisations/') == rows
    assert html(response).count("/confirm/") == rows
