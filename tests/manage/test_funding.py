"""Recording the funding an organisation, or its partnerships, received."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import Funding
from tests.factories import (
    CouncilFactory,
    FundingFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
)

from .conftest import html, submit, title

pytestmark = pytest.mark.django_db


def funding_url(organisation, action=""):
    return f"/manage/organisations/{organisation.slug}/funding/{action}"


def award(receiver="organisation", on=(1, 4, 2024), **changes):
    data = {
        "receiver": receiver,
        "title": "Winter food parcels grant",
        "kind": "grant",
        "amount": "25000",
        "funder": "",
        "funder_name": "Ancoats Community Foundation",
        "awarded_on_0": str(on[0]),
        "awarded_on_1": str(on[1]),
        "awarded_on_2": str(on[2]),
        "economic_development": "False",
    }
    data.update(changes)
    return data


@pytest.fixture
def partnership(organisation):
    partnership = PartnershipFactory(name="Ancoats Food Partnership", status="published")
    PartnershipMemberFactory(
        partnership=partnership, organisation=organisation, confirmed_at=timezone.now()
    )
    return partnership


def test_member_records_funding_and_it_shows_on_the_public_page(as_editor, organisation):
    response = submit(as_editor, funding_url(organisation, "add/"), award())

    assert response.url == funding_url(organisation)
    funding = Funding.objects.get()
    assert (funding.recipient, funding.partnership) == (organisation, None)
    assert funding.amount == Decimal("25000")
    assert funding.awarded_on == datetime.date(2024, 4, 1)
    assert funding.funder_display == "Ancoats Community Foundation"
    assert "Winter food parcels grant" in html(as_editor.get(funding_url(organisation)))
    public = html(as_editor.get(organisation.get_absolute_url()))
    assert "Winter food parcels grant" in public
    assert "£25,000.00" in public


def test_funding_for_a_confirmed_partnership_shows_on_its_page(as_owner, organisation, partnership):
    council = CouncilFactory(name="Manchester City Council", kind="council")

    submit(
        as_owner,
        funding_url(organisation, "add/"),
        award(
            receiver=str(partnership.pk),
            funder=str(council.pk),
            funder_name="",
            economic_development="True",
        ),
    )

    funding = Funding.objects.get()
    assert (funding.partnership, funding.recipient, funding.funder) == (partnership, None, council)
    assert funding.economic_development
    page = html(as_owner.get(partnership.get_absolute_url()))
    assert "Winter food parcels grant" in page
    assert "Manchester City Council" in page


def test_member_changes_and_removes_funding(as_owner, organisation):
    funding = FundingFactory(partnership=None, recipient=organisation, title="Old title")

    submit(
        as_owner,
        funding_url(organisation, f"{funding.pk}/edit/"),
        award(title="New title", amount="1250.50"),
    )
    funding.refresh_from_db()
    assert (funding.title, funding.amount) == ("New title", Decimal("1250.50"))

    response = submit(as_owner, funding_url(organisation, f"{funding.pk}/remove/"))
    assert response.url == funding_url(organisation)
    assert not Funding.objects.exists()


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"amount": "0"}, "Enter an amount more than £0"),
        ({"amount": "-5"}, "Enter an amount more than £0"),
        ({"amount": "lots"}, "Enter the amount as a number, like 25000 or 1250.50"),
        ({"amount": "250000000"}, "Enter an amount under £100,000,000"),
        ({"awarded_on_2": "2999"}, "The date awarded cannot be more than a year from today"),
        ({"funder_name": ""}, "Choose the funder from the list or type its name"),
        ({"economic_development": ""}, "Say whether it is economic development money"),
        ({"title": ""}, "Enter what the money is for"),
    ],
)
def test_bad_input_shows_errors_and_writes_nothing(as_owner, organisation, changes, message):
    response = submit(as_owner, funding_url(organisation, "add/"), award(**changes))

    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert message in html(response)
    assert not Funding.objects.exists()


def test_form_explains_the_25_percent_ring_fence(as_owner, organisation):
    assert "at least 25% of it into community-led" in html(
        as_owner.get(funding_url(organisation, "add/"))
    )


def test_outsider_gets_not_found(as_outsider, organisation):
    funding = FundingFactory(partnership=None, recipient=organisation)

    for url in [
        funding_url(organisation),
        funding_url(organisation, "add/"),
        funding_url(organisation, f"{funding.pk}/edit/"),
        funding_url(organisation, f"{funding.pk}/remove/"),
    ]:
        assert as_outsider.get(url).status_code == 404
    assert Funding.objects.exists()


def test_members_cannot_change_another_organisations_funding(as_owner, organisation):
    elsewhere = FundingFactory()  # to a partnership the organisation is not in

    assert as_owner.get(funding_url(organisation, f"{elsewhere.pk}/edit/")).status_code == 404


def test_imported_funding_is_read_only(as_owner, organisation):
    imported = FundingFactory(partnership=None, recipient=organisation, identifier="360G-X-1")

    assert as_owner.get(funding_url(organisation, f"{imported.pk}/edit/")).status_code == 403
    assert as_owner.get(funding_url(organisation, f"{imported.pk}/remove/")).status_code == 403
    assert "From the funder's published data" in html(as_owner.get(funding_url(organisation)))


def test_funding_list_query_count_does_not_grow(
    as_owner, organisation, partnership, django_assert_num_queries
):
    for n in range(5):
        FundingFactory(partnership=None, recipient=organisation, title=f"Grant {n}")
        FundingFactory(partnership=partnership, title=f"Partnership grant {n}")
    # 1. session, 2. user, 3. membership with organisation, 4. the awards with funder,
    # partnership and recipient
    with django_assert_num_queries(4):
        response = as_owner.get(funding_url(organisation))
    assert html(response).count('<td class="govuk-table__cell">Partnership grant') == 5
