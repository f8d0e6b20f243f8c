from decimal import Decimal

import pytest

from partnerships.models import Partnership
from tests.factories import (
    AreaFactory,
    FundingFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    ServiceFactory,
    category,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manchester():
    return AreaFactory(name="Manchester", gss_code="E08000003")


def _partnership(area, *, community_led, economic_amounts):
    partnership = PartnershipFactory(community_led=community_led, areas=[area])
    for amount in economic_amounts:
        FundingFactory(partnership=partnership, amount=Decimal(amount), economic_development=True)
    return partnership


def test_funding_share_against_the_25_percent_ask(client, manchester):
    _partnership(manchester, community_led=True, economic_amounts=["30000"])
    _partnership(manchester, community_led=False, economic_amounts=["70000"])
    # Other money does not count toward economic development funding.
    FundingFactory(
        partnership=Partnership.objects.first(), amount="99999", economic_development=False
    )

    response = client.get("/insights/", {"area": "E08000003"})

    html = response.content.decode()
    assert "<strong>30.0%</strong> of economic development funding in Manchester" in html
    assert "£30,000 of £100,000" in html
    assert "Meets the 25% ask" in html


def test_funding_below_the_ask_is_flagged(client, manchester):
    _partnership(manchester, community_led=True, economic_amounts=["10000"])
    _partnership(manchester, community_led=False, economic_amounts=["90000"])

    html = client.get("/insights/", {"area": "E08000003"}).content.decode()

    assert "<strong>10.0%</strong>" in html
    assert "Below the 25% ask" in html


def test_insights_for_one_area_leave_out_other_areas(client, manchester):
    leeds = AreaFactory(name="Leeds", gss_code="E08000035")
    food = category("food-banks-and-parcels")
    OutcomeFactory(service=ServiceFactory(areas=[manchester], categories=[food]), people_reached=70)
    OutcomeFactory(service=ServiceFactory(areas=[leeds], categories=[food]), people_reached=5000)

    manchester_page = client.get("/insights/", {"area": "E08000003"}).content.decode()
    national_page = client.get("/insights/").content.decode()

    assert ">70</span> people reached" in manchester_page
    assert ">5,070</span> people reached" in national_page
    assert "Food and essentials had the most services: 1." in manchester_page


def test_unknown_area_shows_a_message_and_national_figures(client):
    response = client.get("/insights/", {"area": "NOPE"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Insights" in html
    assert "We could not find that area" in html


def test_commissioning_table_counts_routes_by_year(client, manchester):
    PartnershipFactory(areas=[manchester], commissioning="competitive_tender")
    PartnershipFactory(areas=[manchester], commissioning="collaborative")

    html = client.get("/insights/").content.decode()

    assert "<strong>50.0%</strong> of partnerships" in html
    assert '<th scope="row" class="govuk-table__header">2020</th>' in html


@pytest.mark.parametrize("rows", [1, 12])
def test_insights_query_count_does_not_grow_with_rows(
    client, manchester, django_assert_num_queries, rows
):
    for _ in range(rows):
        org = OrganisationFactory(areas=[manchester])
        service = ServiceFactory(organisation=org, areas=[manchester])
        OutcomeFactory(service=service)
        _partnership(manchester, community_led=True, economic_amounts=["1000"])
    # 1. the area chosen, 2. the areas below it (asked once, kept on the area),
    # 3. the council areas for the selector, 4. crises for the selector,
    # 5. and 6. services by top-level category, and those categories,
    # 7. services started by year, 8. outcome figures by year (the chart and the totals),
    # 9. partnerships by route and year, 10. share not tendered,
    # 11. economic development funding
    with django_assert_num_queries(11):
        response = client.get("/insights/", {"area": "E08000003"})
    assert response.status_code == 200
    # Then the figures come from the cache: 1. the area, 2. and 3. the selectors.
    with django_assert_num_queries(3):
        again = client.get("/insights/", {"area": "E08000003"})
    assert f"£{rows * 1000:,} of £{rows * 1000:,}" in again.text


def test_cached_figures_are_replaced_when_funding_changes(
    client, manchester, django_capture_on_commit_callbacks
):
    partnership = _partnership(manchester, community_led=True, economic_amounts=["10000"])
    _partnership(manchester, community_led=False, economic_amounts=["10000"])
    assert "<strong>50.0%</strong>" in client.get("/insights/", {"area": "E08000003"}).text

    with django_capture_on_commit_callbacks(execute=True):
        FundingFactory(partnership=partnership, amount="20000", economic_development=True)

    assert "<strong>75.0%</strong>" in client.get("/insights/", {"area": "E08000003"}).text


def test_grants_straight_to_community_organisations_count_where_they_benefit(client, manchester):
    leeds = AreaFactory(name="Leeds", gss_code="E08000035")
    pantry = OrganisationFactory(kind="charity", areas=[leeds])
    council = OrganisationFactory(kind="council", areas=[manchester])
    # To a charity working in Leeds, but for people in Manchester: counts in Manchester.
    grant = FundingFactory(
        partnership=None, recipient=pantry, amount="40000", economic_development=True
    )
    grant.set_areas([manchester])
    # To a council body, no beneficiary areas given: where it works; not community-led.
    FundingFactory(partnership=None, recipient=council, amount="60000", economic_development=True)

    manchester_page = client.get("/insights/", {"area": "E08000003"}).text
    leeds_page = client.get("/insights/", {"area": "E08000035"}).text

    assert "£40,000 of £100,000" in manchester_page
    assert "No economic development funding" in leeds_page
