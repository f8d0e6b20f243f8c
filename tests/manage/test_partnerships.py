"""Proposing a partnership from below, and partners confirming or declining."""

import pytest
from django.core import mail

from organisations.models import ModerationStatus
from partnerships.models import Partnership, PartnershipMember
from tests.factories import CouncilFactory, MembershipFactory, OrganisationFactory, UserFactory

from .conftest import browser, csrf_token, html, submit, title

pytestmark = pytest.mark.django_db

PROPOSE = "/manage/partnerships/propose/"


@pytest.fixture
def council(area):
    return CouncilFactory(governs=area, name="Manchester City Council", areas=[area])


@pytest.fixture
def officer(council):
    return MembershipFactory(
        organisation=council, user=UserFactory(email="officer@example.org")
    ).user


def proposal(organisation, area, partners, **changes):
    data = {
        "organisation": str(organisation.pk),
        "name": "Ancoats Food Alliance",
        "description": "Food banks and the council sharing deliveries.",
        "commissioning": "collaborative",
        "community_led": "True",
        "crisis": "",
        "started_0": "",
        "started_1": "",
        "started_2": "",
        "areas": [str(area.pk)],
        "q": "",
        "partners": [str(p.pk) for p in partners],
        "propose": "1",
    }
    data.update(changes)
    return data


def test_searching_shows_matching_organisations_as_checkboxes_and_writes_nothing(
    as_owner, organisation, area, council
):
    OrganisationFactory(name="Ardwick Lunch Club")
    page = as_owner.get(PROPOSE)
    data = proposal(organisation, area, [], q="Manchester", search="1")
    del data["propose"]

    response = as_owner.post(PROPOSE, {"csrfmiddlewaretoken": csrf_token(page), **data})

    body = html(response)
    assert response.status_code == 200
    assert not title(response).startswith("Error: ")  # a search is not a failed submission
    assert f'value="{council.pk}"' in body
    assert "Manchester City Council" in body
    assert "Ardwick Lunch Club" not in body
    assert 'value="Ancoats Food Alliance"' in body  # what was typed is kept
    assert not Partnership.objects.exists()


def test_ticked_partners_stay_ticked_through_another_search(as_owner, organisation, area, council):
    page = as_owner.get(PROPOSE)
    data = proposal(organisation, area, [council], q="Lunch", search="1")
    del data["propose"]

    body = html(as_owner.post(PROPOSE, {"csrfmiddlewaretoken": csrf_token(page), **data}))

    assert f'value="{council.pk}" checked' in body


def test_proposing_creates_a_pending_partnership_with_only_the_proposer_confirmed(
    as_owner, owner, organisation, area, council, officer
):
    response = submit(as_owner, PROPOSE, proposal(organisation, area, [council]))

    assert response.url == "/manage/"
    partnership = Partnership.objects.get()
    assert partnership.status == ModerationStatus.PENDING
    assert partnership.community_led is True
    assert list(partnership.areas.all()) == [area]
    proposer = PartnershipMember.objects.get(organisation=organisation)
    assert proposer.confirmed_at is not None
    assert proposer.role == PartnershipMember.Role.LEAD
    partner = PartnershipMember.objects.get(organisation=council)
    assert partner.confirmed_at is None
    assert partner.proposed_by == owner
    assert partner.role == PartnershipMember.Role.COUNCIL
    assert ["officer@example.org"] in [message.to for message in mail.outbox]


def test_a_proposal_needs_a_partner(as_owner, organisation, area):
    response = submit(as_owner, PROPOSE, proposal(organisation, area, []))

    assert title(response).startswith("Error: ")
    assert "Select at least one other organisation or council" in html(response)
    assert not Partnership.objects.exists()


def test_the_proposer_cannot_name_their_own_organisation_as_the_partner(
    as_owner, organisation, area
):
    response = submit(as_owner, PROPOSE, proposal(organisation, area, [organisation]))

    assert "Select at least one other organisation or council" in html(response)
    assert not Partnership.objects.exists()


def test_a_person_cannot_propose_for_an_organisation_they_are_not_in(as_owner, area, council):
    stranger = OrganisationFactory()

    response = submit(as_owner, PROPOSE, proposal(stranger, area, [council]))

    assert "You can only propose partnerships for organisations you are a member of" in html(
        response
    )
    assert not Partnership.objects.exists()


def test_the_partners_members_see_it_and_confirm(as_owner, organisation, area, council, officer):
    submit(as_owner, PROPOSE, proposal(organisation, area, [council]))
    place = PartnershipMember.objects.get(organisation=council)
    as_officer = browser(officer)

    dashboard = as_officer.get("/manage/")
    assert "Partnerships waiting for you to confirm" in html(dashboard)
    assert "Ancoats Food Alliance" in html(dashboard)

    response = as_officer.post(
        f"/manage/partnerships/members/{place.pk}/confirm/",
        {"csrfmiddlewaretoken": csrf_token(dashboard)},
    )

    assert response.url == "/manage/"
    place.refresh_from_db()
    assert place.confirmed_at is not None
    assert "Partnerships waiting for you to confirm" not in html(as_officer.get("/manage/"))


def test_declining_removes_the_organisation_from_the_partnership(
    as_owner, organisation, area, council, officer
):
    submit(as_owner, PROPOSE, proposal(organisation, area, [council]))
    place = PartnershipMember.objects.get(organisation=council)
    as_officer = browser(officer)

    submit(as_officer, "/manage/", action=f"/manage/partnerships/members/{place.pk}/decline/")

    assert not PartnershipMember.objects.filter(pk=place.pk).exists()
    assert PartnershipMember.objects.filter(organisation=organisation).exists()


def test_only_the_named_organisations_members_can_confirm(
    as_owner, organisation, area, council, outsider
):
    submit(as_owner, PROPOSE, proposal(organisation, area, [council]))
    place = PartnershipMember.objects.get(organisation=council)
    url = f"/manage/partnerships/members/{place.pk}/confirm/"

    # Not even the proposer can confirm on the council's behalf.
    assert submit(as_owner, "/manage/", action=url).status_code == 404
    assert submit(browser(outsider), "/manage/", action=url).status_code == 404
    place.refresh_from_db()
    assert place.confirmed_at is None


def test_an_unconfirmed_council_is_not_shown_on_the_public_page(
    as_owner, organisation, area, council, officer
):
    submit(as_owner, PROPOSE, proposal(organisation, area, [council]))
    partnership = Partnership.objects.get()
    Partnership.objects.filter(pk=partnership.pk).update(status=ModerationStatus.PUBLISHED)

    before = html(browser().get(partnership.get_absolute_url()))
    assert "Ancoats Community Pantry" in before
    assert "Manchester City Council" not in before

    place = PartnershipMember.objects.get(organisation=council)
    submit(browser(officer), "/manage/", action=f"/manage/partnerships/members/{place.pk}/confirm/")

    after = html(browser().get(partnership.get_absolute_url()))
    assert "Manchester City Council" in after
