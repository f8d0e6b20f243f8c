"""Every /manage/ page with the three personas.

A member gets the page; a signed-in outsider gets a 404 (the page does not
even confirm the listing exists); an anonymous visitor is sent to sign in.
Owner-only pages give an editor a 403.
"""

import pytest

from organisations.models import Invitation, Membership
from partnerships.models import PartnershipMember
from tests.factories import (
    OrganisationFactory,
    OutcomeFactory,
    PartnershipMemberFactory,
    ServiceFactory,
)

from .conftest import assert_sends_to_sign_in, browser, csrf_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(organisation, owner, editor):
    service = ServiceFactory(organisation=organisation, slug="food-parcels")
    outcome = OutcomeFactory(service=service)
    editor_membership = Membership.objects.get(user=editor)
    place = PartnershipMemberFactory(organisation=organisation, confirmed_at=None)
    org = f"/manage/organisations/{organisation.slug}"
    return {
        "org": org,
        "service": f"{org}/services/food-parcels",
        "outcome": outcome,
        "editor_membership": editor_membership,
        "place": place,
    }


MEMBER_PAGES = [
    "{org}/",
    "{org}/edit/",
    "{org}/members/",
    "{org}/leave/",
    "{org}/services/add/",
    "{service}/edit/",
    "{service}/end/",
    "{service}/outcomes/",
    "{service}/outcomes/{outcome.pk}/edit/",
]
OWNER_PAGES = [
    "{org}/members/invite/",
    "{org}/members/{editor_membership.pk}/remove/",
]
MEMBER_WRITES = [
    "{org}/still-correct/",
    "/manage/partnerships/members/{place.pk}/confirm/",
    "/manage/partnerships/members/{place.pk}/decline/",
]


@pytest.mark.parametrize("page", MEMBER_PAGES + OWNER_PAGES)
def test_owner_gets_every_page(world, as_owner, page):
    assert as_owner.get(page.format(**world)).status_code == 200


@pytest.mark.parametrize("page", MEMBER_PAGES)
def test_editor_gets_member_pages(world, as_editor, page):
    assert as_editor.get(page.format(**world)).status_code == 200


@pytest.mark.parametrize("page", OWNER_PAGES)
def test_editor_is_forbidden_owner_only_pages(world, as_editor, page):
    url = page.format(**world)
    form_page = as_editor.get("/manage/")

    assert as_editor.get(url).status_code == 403
    assert as_editor.post(url, {"csrfmiddlewaretoken": csrf_token(form_page)}).status_code == 403


@pytest.mark.parametrize("page", MEMBER_PAGES + OWNER_PAGES)
def test_outsider_gets_not_found(world, as_outsider, page):
    assert as_outsider.get(page.format(**world)).status_code == 404


@pytest.mark.parametrize("page", MEMBER_PAGES + OWNER_PAGES + MEMBER_WRITES)
def test_outsider_cannot_write(world, as_outsider, page):
    token = csrf_token(as_outsider.get("/manage/"))

    response = as_outsider.post(page.format(**world), {"csrfmiddlewaretoken": token})

    assert response.status_code == 404


@pytest.mark.parametrize("page", MEMBER_PAGES + OWNER_PAGES)
def test_anonymous_visitor_is_sent_to_sign_in(world, anonymous, page):
    url = page.format(**world)

    assert_sends_to_sign_in(anonymous.get(url), url)


@pytest.mark.parametrize("page", MEMBER_WRITES)
def test_anonymous_writes_are_sent_to_sign_in(world, anonymous, organisation, page):
    url = page.format(**world)
    # A token from a public form, so only signing in stands in the way.
    token = csrf_token(anonymous.get(f"/organisations/{organisation.slug}/report/"))

    assert_sends_to_sign_in(anonymous.post(url, {"csrfmiddlewaretoken": token}), url)


@pytest.mark.parametrize("page", MEMBER_WRITES)
def test_member_writes_need_a_csrf_token(world, as_owner, page):
    assert as_owner.post(page.format(**world)).status_code == 403


def test_member_writes_work_with_a_csrf_token(world, as_owner, organisation):
    token = csrf_token(as_owner.get(f"{world['org']}/"))

    response = as_owner.post(f"{world['org']}/still-correct/", {"csrfmiddlewaretoken": token})

    assert response.status_code == 302
    response = as_owner.post(
        f"/manage/partnerships/members/{world['place'].pk}/confirm/",
        {"csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert PartnershipMember.objects.get(pk=world["place"].pk).confirmed_at is not None


@pytest.mark.parametrize(
    "page",
    ["/manage/", "/manage/register/", "/manage/register/name/", "/manage/partnerships/propose/"],
)
def test_personal_pages_need_signing_in(anonymous, page):
    assert_sends_to_sign_in(anonymous.get(page), page)


def test_anyone_signed_in_has_a_dashboard_and_can_register(outsider):
    client = browser(outsider)

    assert client.get("/manage/").status_code == 200
    assert client.get("/manage/register/").status_code == 200
    assert client.get("/manage/register/name/").status_code == 200


def test_proposing_a_partnership_needs_an_organisation(outsider, as_owner, organisation):
    assert browser(outsider).get("/manage/partnerships/propose/").status_code == 404
    assert as_owner.get("/manage/partnerships/propose/").status_code == 200


def test_a_member_of_one_organisation_is_an_outsider_to_another(as_owner):
    other = OrganisationFactory()
    Invitation.objects.create(organisation=other, email="x@example.org")

    assert as_owner.get(f"/manage/organisations/{other.slug}/").status_code == 404
    assert as_owner.get(f"/manage/organisations/{other.slug}/members/").status_code == 404
