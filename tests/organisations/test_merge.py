"""Curators merge two duplicate listings, keeping everything and losing nothing."""

import pytest

from organisations.models import Membership, ModerationStatus, Organisation
from partnerships.models import PartnershipMember
from tests.factories import (
    AreaFactory,
    FundingFactory,
    MembershipFactory,
    OrganisationFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def duplicates():
    keep = OrganisationFactory(name="Ancoats Community Pantry", phone="", areas=[AreaFactory()])
    duplicate = OrganisationFactory(
        name="Ancoats Pantry", phone="0161 496 0000", areas=[AreaFactory(gss_code="E08000035")]
    )
    return keep, duplicate


def _merge(admin_client, keep, duplicate, choice=None):
    data = {"action": "merge", "_selected_action": [keep.pk, duplicate.pk]}
    if choice is not None:
        data.update(confirm="yes", keep=choice.pk)
    return admin_client.post("/admin/organisations/organisation/", data)


def test_merge_asks_which_listing_to_keep(admin_client, duplicates):
    keep, duplicate = duplicates

    response = _merge(admin_client, keep, duplicate)

    assert "Keep which listing?" in response.content.decode()
    assert Organisation.objects.get(pk=duplicate.pk).status == ModerationStatus.PUBLISHED


def test_merge_moves_services_members_partnerships_and_funding(admin_client, duplicates):
    keep, duplicate = duplicates
    service = ServiceFactory(organisation=duplicate)
    owner = MembershipFactory(organisation=duplicate, role="owner").user
    both = UserFactory()
    MembershipFactory(organisation=keep, user=both, role="editor")
    MembershipFactory(organisation=duplicate, user=both, role="owner")
    partnership = PartnershipMemberFactory(organisation=duplicate).partnership
    shared = PartnershipMemberFactory(organisation=keep).partnership
    PartnershipMemberFactory(organisation=duplicate, partnership=shared)
    grant = FundingFactory(recipient=duplicate, partnership=None)

    _merge(admin_client, keep, duplicate, choice=keep)

    duplicate.refresh_from_db()
    keep.refresh_from_db()
    assert duplicate.status == ModerationStatus.ARCHIVED
    assert "Merged into" in duplicate.rejection_reason
    assert service in keep.services.all()
    assert keep.memberships.get(user=owner).role == Membership.Role.OWNER
    assert keep.memberships.get(user=both).role == Membership.Role.OWNER  # the higher role
    assert PartnershipMember.objects.filter(organisation=keep, partnership=partnership).exists()
    assert PartnershipMember.objects.filter(partnership=shared).count() == 1
    grant.refresh_from_db()
    assert grant.recipient == keep
    assert keep.phone == "0161 496 0000"  # an empty detail filled from the duplicate
    assert keep.areas.count() == 2
    assert keep.history.count() >= 2  # the merge is in the kept listing's history


def test_merge_needs_exactly_two(admin_client, duplicates):
    keep, _ = duplicates
    response = admin_client.post(
        "/admin/organisations/organisation/",
        {"action": "merge", "_selected_action": [keep.pk]},
        follow=True,
    )
    assert "Select exactly two organisations to merge." in response.content.decode()
