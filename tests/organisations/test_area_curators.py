"""Each council moderates its own patch: area curators see and act on their areas only."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from organisations.models import AreaCurator, ClaimRequest, ModerationStatus, Organisation
from tests.factories import (
    AreaFactory,
    MembershipFactory,
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    ward = AreaFactory(name="Ancoats", gss_code="E05011352", parent=manchester, kind="ward")
    leeds = AreaFactory(name="Leeds", gss_code="E08000035")
    return manchester, ward, leeds


@pytest.fixture
def manchester_curator(areas):
    user = UserFactory(email="curator@manchester.example", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(
            codename__in=[
                "view_organisation",
                "change_organisation",
                "view_service",
                "change_service",
                "view_claimrequest",
                "change_claimrequest",
            ]
        )
    )
    AreaCurator.objects.create(user=user, area=areas[0])
    return user


def test_area_curator_sees_only_listings_in_their_areas(client, areas, manchester_curator):
    manchester, ward, leeds = areas
    OrganisationFactory(name="Ancoats Pantry", areas=[ward], status="pending")
    OrganisationFactory(name="Moss Side Kitchen", areas=[manchester], status="pending")
    OrganisationFactory(name="Leeds Larder", areas=[leeds], status="pending")
    client.force_login(manchester_curator)

    html = client.get("/admin/organisations/organisation/").content.decode()

    assert "Ancoats Pantry" in html
    assert "Moss Side Kitchen" in html
    assert "Leeds Larder" not in html


def test_area_curator_cannot_open_a_listing_elsewhere(client, areas, manchester_curator):
    leeds_group = OrganisationFactory(name="Leeds Larder", areas=[areas[2]])
    client.force_login(manchester_curator)

    response = client.get(f"/admin/organisations/organisation/{leeds_group.pk}/change/")

    # The admin redirects to its index with "doesn't exist" for records outside the queryset.
    assert response.status_code == 302
    assert Organisation.objects.get(pk=leeds_group.pk).status == ModerationStatus.PUBLISHED


def test_area_curator_publishes_only_within_their_areas(client, areas, manchester_curator):
    ours = OrganisationFactory(name="Ancoats Pantry", areas=[areas[1]], status="pending")
    theirs = OrganisationFactory(name="Leeds Larder", areas=[areas[2]], status="pending")
    client.force_login(manchester_curator)

    client.post(
        "/admin/organisations/organisation/",
        {"action": "publish", "_selected_action": [ours.pk, theirs.pk]},
    )

    assert Organisation.objects.get(pk=ours.pk).status == ModerationStatus.PUBLISHED
    assert Organisation.objects.get(pk=theirs.pk).status == ModerationStatus.PENDING


def test_area_curator_sees_services_and_claims_of_their_areas_only(
    client, areas, manchester_curator
):
    ServiceFactory(name="Ancoats parcels", areas=[areas[0]])
    ServiceFactory(name="Leeds parcels", areas=[areas[2]])
    ClaimRequest.objects.create(
        user=UserFactory(), organisation=OrganisationFactory(areas=[areas[2]]), connection="x"
    )
    client.force_login(manchester_curator)

    services = client.get("/admin/partnerships/service/").content.decode()
    claims = client.get("/admin/organisations/claimrequest/").content.decode()

    assert "Ancoats parcels" in services
    assert "Leeds parcels" not in services
    assert "0 claim requests" in claims


def test_superuser_sees_every_area(admin_client, areas):
    OrganisationFactory(name="Leeds Larder", areas=[areas[2]])
    OrganisationFactory(name="Ancoats Pantry", areas=[areas[1]])

    html = admin_client.get("/admin/organisations/organisation/").content.decode()

    assert "Leeds Larder" in html
    assert "Ancoats Pantry" in html


def test_owners_are_emailed_the_reason_when_a_listing_is_rejected(admin_client):
    organisation = OrganisationFactory(name="Ancoats Pantry", status="pending")
    MembershipFactory(organisation=organisation, user=UserFactory(email="owner@example.org"))

    admin_client.post(
        "/admin/organisations/organisation/",
        {
            "action": "reject_with_reason",
            "_selected_action": [organisation.pk],
            "reason": "Please add what the group does.",
            "confirm": "yes",
        },
    )

    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.REJECTED
    assert [m.to for m in mail.outbox] == [["owner@example.org"]]
    assert "Please add what the group does." in mail.outbox[0].body


@pytest.mark.parametrize(
    "url", ["organisations/organisation", "partnerships/service", "partnerships/partnership"]
)
def test_listings_can_be_archived_but_never_deleted_in_admin(admin_client, url):
    organisation = OrganisationFactory()
    ServiceFactory(organisation=organisation)
    model = {"organisations/organisation": Organisation}.get(url)
    changelist = admin_client.get(f"/admin/{url}/").content.decode()

    assert 'value="delete_selected"' not in changelist
    if model is not None:
        response = admin_client.get(f"/admin/{url}/{organisation.pk}/delete/")
        assert response.status_code == 403
