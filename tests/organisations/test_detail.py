"""An organisation's public page at /organisations/<slug>/."""

import datetime

import pytest
from django.utils import timezone

from organisations.models import Location, ModerationStatus, Organisation
from partnerships.models import PartnershipMember
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    category,
)

pytestmark = pytest.mark.django_db


def url(organisation):
    return f"/organisations/{organisation.slug}/"


def member(**fields):
    """A partnership role the organisation has confirmed (only those are shown)."""
    return PartnershipMemberFactory(confirmed_at=timezone.now(), **fields)


def test_page_shows_the_organisation_and_its_contact_details(client):
    area = AreaFactory(name="Manchester", gss_code="E08000003")
    organisation = OrganisationFactory(
        name="Ancoats Community Pantry",
        kind=Organisation.Kind.CHARITY,
        description="Fresh food for anyone who needs it.",
        website="https://pantry.example.org/",
        email="hello@pantry.example.org",
        phone="0161 496 0000",
        charity_number="1234567",
        areas=[area],
    )

    response = client.get(url(organisation))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Ancoats Community Pantry – " in html
    assert '<span class="govuk-caption-l">Charity</span>' in html
    assert "Fresh food for anyone who needs it." in html
    assert 'href="https://pantry.example.org/"' in html
    assert 'href="mailto:hello@pantry.example.org"' in html
    assert "0161 496 0000" in html
    assert "1234567" in html
    assert 'href="/organisations/?area=E08000003">Manchester</a>' in html


def test_page_shows_only_published_services(client):
    organisation = OrganisationFactory()
    ServiceFactory(organisation=organisation, name="Hot Meals on Tuesdays")
    ServiceFactory(organisation=organisation, name="Draft Service", status=ModerationStatus.PENDING)
    ServiceFactory(
        organisation=organisation, name="Rejected Service", status=ModerationStatus.REJECTED
    )
    ServiceFactory(name="Somebody Else's Service")

    response = client.get(url(organisation))

    html = response.content.decode()
    assert "Hot Meals on Tuesdays" in html
    assert "Draft Service" not in html
    assert "Rejected Service" not in html
    assert "Somebody Else&#x27;s Service" not in html


def test_page_shows_only_published_partnerships_with_the_organisations_role(client):
    organisation = OrganisationFactory()
    member(
        organisation=organisation,
        partnership=PartnershipFactory(name="Ancoats Food Alliance"),
        role=PartnershipMember.Role.LEAD,
    )
    member(
        organisation=organisation,
        partnership=PartnershipFactory(
            name="Secret Draft Alliance", status=ModerationStatus.PENDING
        ),
    )

    response = client.get(url(organisation))

    html = response.content.decode()
    assert "Ancoats Food Alliance</a> (lead)" in html
    assert "Secret Draft Alliance" not in html


def test_page_leaves_out_partnerships_the_organisation_has_not_confirmed(client):
    organisation = OrganisationFactory()
    PartnershipMemberFactory(
        organisation=organisation,
        partnership=PartnershipFactory(name="Proposed Alliance"),
        confirmed_at=None,
    )

    response = client.get(url(organisation))

    html = response.content.decode()
    assert "Proposed Alliance" not in html
    assert "Not a member of any listed partnership." in html


def test_page_says_when_there_are_no_services_or_partnerships(client):
    organisation = OrganisationFactory()
    ServiceFactory(organisation=organisation, status=ModerationStatus.PENDING)

    response = client.get(url(organisation))

    html = response.content.decode()
    assert "No services are listed yet." in html
    assert "Not a member of any listed partnership." in html


def test_page_warns_when_the_listing_may_be_out_of_date(client):
    organisation = OrganisationFactory(last_confirmed=datetime.date(2020, 1, 15))

    response = client.get(url(organisation))

    assert "This listing may be out of date: it was last confirmed on 15 January 2020." in (
        response.content.decode()
    )


def test_page_escapes_html_in_the_description(client):
    organisation = OrganisationFactory(description="<script>alert('owned')</script>")

    response = client.get(url(organisation))

    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


def test_unknown_slug_shows_the_friendly_not_found_page(client):
    response = client.get("/organisations/no-such-group/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED],
)
def test_unpublished_organisation_is_not_found(client, status):
    organisation = OrganisationFactory(status=status)

    response = client.get(url(organisation))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("rows", [2, 25])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    organisation = OrganisationFactory(areas=AreaFactory.create_batch(rows))
    for service in ServiceFactory.create_batch(rows, organisation=organisation):
        service.categories.set([category(), category("food-banks-and-parcels")])
    for n in range(rows):
        member(organisation=organisation)
        Location.objects.create(organisation=organisation, name=f"Venue {n}")

    # 1. the organisation
    # 2. its areas
    # 3. its locations (venues)
    # 4. its published services
    # 5. those services' categories
    # 6. its roles in published partnerships, with the partnerships
    # 7. its named contacts that the visitor may see (public ones only)
    # 8. the funding it received, with the funders
    with django_assert_num_queries(8):
        response = client.get(url(organisation))

    assert len(response.context["organisation"].public_services) == rows
    assert len(response.context["organisation"].public_partnership_roles) == rows
