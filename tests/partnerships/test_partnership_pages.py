"""The public partnership pages: the list at /partnerships/ and /partnerships/<slug>/."""

import datetime
import re

import pytest
from django.utils import timezone

from organisations.models import Area, ModerationStatus
from partnerships.models import Partnership, PartnershipMember
from postcodes.models import Postcode
from tests.factories import (
    AreaFactory,
    CouncilFactory,
    FundingFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    category,
    covid,
)

pytestmark = pytest.mark.django_db

URL = "/partnerships/"


def listed(response):
    return [partnership.name for partnership in response.context["page_obj"].object_list]


def result_count(response):
    """The line above the results, e.g. "3 organisations matching “pantry”"."""
    line = re.search(r'role="status">(.*?)</p>', response.content.decode(), re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def detail_url(partnership):
    return f"/partnerships/{partnership.slug}/"


def member(**fields):
    """A member whose organisation has confirmed it takes part (only those are shown)."""
    return PartnershipMemberFactory(confirmed_at=timezone.now(), **fields)


# The list


def test_list_shows_only_published_partnerships(client):
    PartnershipFactory(name="Ancoats Food Alliance")
    PartnershipFactory(name="Pending Alliance", status=ModerationStatus.PENDING)
    PartnershipFactory(name="Rejected Alliance", status=ModerationStatus.REJECTED)
    PartnershipFactory(name="Archived Alliance", status=ModerationStatus.ARCHIVED)

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == ["Ancoats Food Alliance"]
    html = response.content.decode()
    assert result_count(response) == "1 partnership"
    for hidden in ["Pending Alliance", "Rejected Alliance", "Archived Alliance"]:
        assert hidden not in html


def test_list_describes_each_partnership(client):
    partnership = PartnershipFactory(
        name="Ancoats Food Alliance",
        commissioning=Partnership.Commissioning.GRANT,
        community_led=True,
        crisis=covid(),
        ended=datetime.date(2021, 3, 31),
    )
    member(partnership=partnership, organisation=OrganisationFactory(name="Ancoats Pantry"))

    response = client.get(URL)

    html = response.content.decode()
    assert f'href="{detail_url(partnership)}">Ancoats Food Alliance</a>' in html
    assert "Grant · Community-led · Covid-19 pandemic · Ended" in html
    assert "Ancoats Pantry" in html


def test_list_names_only_published_members(client):
    partnership = PartnershipFactory()
    member(partnership=partnership, organisation=OrganisationFactory(name="Ancoats Pantry"))
    member(
        partnership=partnership,
        organisation=OrganisationFactory(
            name="Rejected Spam Group", status=ModerationStatus.REJECTED
        ),
    )

    response = client.get(URL)

    html = response.content.decode()
    assert "Ancoats Pantry" in html
    assert "Rejected Spam Group" not in html


def test_list_leaves_out_members_that_have_not_confirmed(client):
    partnership = PartnershipFactory()
    member(partnership=partnership, organisation=OrganisationFactory(name="Ancoats Pantry"))
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Claimed But Unconfirmed"),
        confirmed_at=None,
    )

    response = client.get(URL)

    html = response.content.decode()
    assert "Ancoats Pantry" in html
    assert "Claimed But Unconfirmed" not in html


def test_filter_by_council_finds_partnerships_it_belongs_to(client):
    council = CouncilFactory(governs=AreaFactory(name="Manchester"))
    ours = PartnershipFactory(name="Manchester Food Response")
    member(partnership=ours, organisation=council, role=PartnershipMember.Role.COUNCIL)
    member(partnership=PartnershipFactory(name="Leeds Food Response"))

    response = client.get(URL, {"council": council.slug})

    assert listed(response) == ["Manchester Food Response"]
    assert "Council: Manchester Council</a>" in response.content.decode()


def test_filter_by_council_ignores_a_membership_it_has_not_confirmed(client):
    council = CouncilFactory()
    PartnershipMemberFactory(
        partnership=PartnershipFactory(), organisation=council, confirmed_at=None
    )

    response = client.get(URL, {"council": council.slug})

    assert listed(response) == []


def test_filter_near_a_postcode_ignores_members_that_have_not_confirmed(client):
    Postcode.objects.create(
        postcode="M4 5JD", outward="M4", latitude="53.484700", longitude="-2.230000"
    )
    nearby = OrganisationFactory(latitude="53.485000", longitude="-2.231000")
    member(partnership=PartnershipFactory(name="Confirmed Nearby"), organisation=nearby)
    PartnershipMemberFactory(
        partnership=PartnershipFactory(name="Unconfirmed Nearby"),
        organisation=OrganisationFactory(latitude="53.485000", longitude="-2.231000"),
        confirmed_at=None,
    )

    response = client.get(URL, {"postcode": "M4 5JD"})

    assert listed(response) == ["Confirmed Nearby"]


def test_filter_by_area_includes_the_areas_below_it(client):
    county = AreaFactory(name="Lancashire", kind=Area.Kind.COUNTY)
    district = AreaFactory(name="Preston", kind=Area.Kind.DISTRICT, parent=county)
    PartnershipFactory(name="County Partnership", areas=[county])
    PartnershipFactory(name="Preston Partnership", areas=[district])
    PartnershipFactory(name="Leeds Partnership", areas=[AreaFactory()])

    response = client.get(URL, {"area": county.gss_code})

    assert listed(response) == ["County Partnership", "Preston Partnership"]


def test_filter_by_category_includes_the_categories_below_it(client):
    food_bank = PartnershipFactory(name="Food Bank Partnership")
    ServiceFactory(partnership=food_bank, categories=[category("food-banks-and-parcels")])
    food = PartnershipFactory(name="Food Partnership")
    ServiceFactory(partnership=food, categories=[category("food-and-essentials")])
    befriending = PartnershipFactory(name="Befriending Partnership")
    ServiceFactory(partnership=befriending, categories=[category("befriending-and-loneliness")])

    response = client.get(URL, {"category": "food-and-essentials"})

    assert listed(response) == ["Food Bank Partnership", "Food Partnership"]


def test_filter_by_category_only_counts_published_services(client):
    partnership = PartnershipFactory(name="Quiet Partnership")
    ServiceFactory(
        partnership=partnership,
        categories=[category()],
        status=ModerationStatus.PENDING,
    )
    ServiceFactory(
        partnership=partnership,
        categories=[category()],
        organisation=OrganisationFactory(status=ModerationStatus.REJECTED),
    )

    response = client.get(URL, {"category": "food-and-essentials"})

    assert listed(response) == []


def test_filter_by_crisis(client):
    PartnershipFactory(name="Covid Partnership", crisis=covid())
    PartnershipFactory(name="Flood Partnership", crisis=None)

    response = client.get(URL, {"crisis": "covid-19"})

    assert listed(response) == ["Covid Partnership"]


def test_filter_by_commissioning_accepts_several_values(client):
    Commissioning = Partnership.Commissioning
    PartnershipFactory(name="A Tendered", commissioning=Commissioning.COMPETITIVE_TENDER)
    PartnershipFactory(name="B Granted", commissioning=Commissioning.GRANT)
    PartnershipFactory(name="C Collaborative", commissioning=Commissioning.COLLABORATIVE)

    response = client.get(URL, {"commissioning": ["grant", "collaborative"]})

    assert listed(response) == ["B Granted", "C Collaborative"]


@pytest.mark.parametrize(("value", "expected"), [("yes", "Community Led"), ("no", "Council Led")])
def test_filter_by_community_led(client, value, expected):
    PartnershipFactory(name="Community Led", community_led=True)
    PartnershipFactory(name="Council Led", community_led=False)

    response = client.get(URL, {"community_led": value})

    assert listed(response) == [expected]


@pytest.mark.parametrize(
    ("value", "expected"), [("yes", ["Ongoing", "Ends Next Year"]), ("no", ["Ended Last Year"])]
)
def test_filter_by_active(client, value, expected):
    today = timezone.localdate()
    PartnershipFactory(name="Ongoing", ended=None)
    PartnershipFactory(name="Ends Next Year", ended=today + datetime.timedelta(days=365))
    PartnershipFactory(name="Ended Last Year", ended=today - datetime.timedelta(days=365))

    response = client.get(URL, {"active": value, "sort": "name"})

    assert sorted(listed(response)) == sorted(expected)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"council": "nope"}, "We could not find that council. Choose one from the list."),
        ({"area": "NOPE"}, "We could not find that area. Choose an area from the list."),
        (
            {"category": "<script>alert(1)</script>"},
            "We could not find that category. Choose one from the list.",
        ),
        ({"crisis": "plague"}, "We could not find that crisis. Choose one from the list."),
        ({"commissioning": "bogus"}, "Choose how it was commissioned from the list."),
        ({"community_led": "maybe"}, "Choose whether the partnership is community-led."),
        ({"active": "sometimes"}, "Choose active or ended."),
    ],
)
def test_malformed_filter_shows_an_error_and_still_applies_the_other_filters(
    client, params, message
):
    PartnershipFactory(name="Granted", commissioning=Partnership.Commissioning.GRANT)
    PartnershipFactory(name="Tendered", commissioning=Partnership.Commissioning.COMPETITIVE_TENDER)

    response = client.get(URL, {"q": "granted", **params})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert "<script>alert(1)" not in html
    assert listed(response) == ["Granted"]


def test_selected_filters_appear_as_tags_with_remove_links(client):
    PartnershipFactory(crisis=covid(), community_led=True)

    response = client.get(URL, {"crisis": "covid-19", "community_led": "yes"})

    html = response.content.decode()
    assert (
        'href="?community_led=yes"><span class="govuk-visually-hidden">Remove filter </span>'
        "Crisis: Covid-19 pandemic</a>"
    ) in html
    assert (
        'href="?crisis=covid-19"><span class="govuk-visually-hidden">Remove filter </span>'
        "Community-led: Community-led only</a>"
    ) in html
    assert f'href="{URL}">Clear filters</a>' in html


def test_sort_by_recently_updated(client):
    old = PartnershipFactory(name="Ancoats Food Alliance")
    PartnershipFactory(name="Zion Partnership")
    Partnership.objects.filter(pk=old.pk).update(
        updated=timezone.now() - datetime.timedelta(days=30)
    )

    by_name = client.get(URL)
    by_update = client.get(URL, {"sort": "updated"})

    assert listed(by_name) == ["Ancoats Food Alliance", "Zion Partnership"]
    assert listed(by_update) == ["Zion Partnership", "Ancoats Food Alliance"]


def test_pagination(client):
    PartnershipFactory.create_batch(21)

    first = client.get(URL)
    past_the_end = client.get(URL, {"page": "7"})
    not_a_number = client.get(URL, {"page": "abc"})

    assert "Partnerships (page 1 of 2)" in title(first)
    assert "(page 2 of 2)" in title(past_the_end)
    assert len(listed(past_the_end)) == 1
    assert "(page 1 of 2)" in title(not_a_number)


def test_empty_list_explains_how_to_find_something(client):
    response = client.get(URL, {"crisis": "covid-19"})

    html = response.content.decode()
    assert result_count(response) == "0 partnerships"
    assert "No partnerships found" in html
    assert "clearing all filters" in html


@pytest.mark.parametrize("rows", [2, 25])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for partnership in PartnershipFactory.create_batch(rows, crisis=covid()):
        for _ in range(3):
            member(partnership=partnership)

    # 1. count the matching partnerships (paginator)
    # 2. one page of partnerships, with their crises
    # 3. their members, with the organisations
    # 4. the councils for the council filter's options
    # 5. the areas for the area filter's options
    # 6. the categories (with parents) for the category filter's options
    # 7. the crises for the crisis filter's options
    with django_assert_num_queries(7):
        response = client.get(URL)

    assert len(listed(response)) == min(rows, 20)


# The detail page


def test_detail_shows_the_partnership(client):
    partnership = PartnershipFactory(
        name="Ancoats Food Alliance",
        description="Food for everyone in Ancoats.",
        commissioning=Partnership.Commissioning.COLLABORATIVE,
        crisis=covid(),
        areas=[AreaFactory(name="Manchester", gss_code="E08000003")],
    )

    response = client.get(detail_url(partnership))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Ancoats Food Alliance – " in html
    assert "Food for everyone in Ancoats." in html
    assert "Collaborative (no tender)" in html
    assert "Covid-19 pandemic" in html
    assert "From March 2020, ongoing" in html
    assert 'href="/partnerships/?area=E08000003">Manchester</a>' in html


def test_detail_shows_published_members_with_their_roles(client):
    partnership = PartnershipFactory()
    council = CouncilFactory(governs=AreaFactory(name="Manchester"))
    member(partnership=partnership, organisation=council, role=PartnershipMember.Role.COUNCIL)
    lead = OrganisationFactory(name="Ancoats Pantry")
    member(partnership=partnership, organisation=lead, role=PartnershipMember.Role.LEAD)
    member(
        partnership=partnership,
        organisation=OrganisationFactory(name="Pending Group", status=ModerationStatus.PENDING),
    )

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert (
        f'<a class="govuk-link" href="/organisations/{lead.slug}/">Ancoats Pantry</a></td>'
        '<td class="govuk-table__cell">Lead</td>'
    ) in html
    assert (
        f'<a class="govuk-link" href="/organisations/{council.slug}/">Manchester Council</a></td>'
        '<td class="govuk-table__cell">Council</td>'
    ) in html
    assert "Pending Group" not in html


def test_detail_leaves_out_members_that_have_not_confirmed(client):
    partnership = PartnershipFactory()
    PartnershipMemberFactory(
        partnership=partnership,
        organisation=OrganisationFactory(name="Claimed But Unconfirmed"),
        confirmed_at=None,
    )

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert "Claimed But Unconfirmed" not in html
    assert "No members are listed yet." in html


def test_detail_shows_only_published_services(client):
    partnership = PartnershipFactory()
    provider = OrganisationFactory(name="Ancoats Pantry")
    ServiceFactory(partnership=partnership, organisation=provider, name="Weekly Food Parcels")
    ServiceFactory(partnership=partnership, name="Draft Service", status=ModerationStatus.PENDING)
    ServiceFactory(
        partnership=partnership,
        name="Orphan Service",
        organisation=OrganisationFactory(status=ModerationStatus.ARCHIVED),
    )

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert "Weekly Food Parcels</a> by Ancoats Pantry" in html
    assert "Draft Service" not in html
    assert "Orphan Service" not in html


def test_detail_shows_funding_with_its_total(client):
    partnership = PartnershipFactory()
    FundingFactory(partnership=partnership, title="Emergency food grant", amount="25000.00")
    FundingFactory(
        partnership=partnership,
        title="Council contract",
        amount="1500.50",
        funder=CouncilFactory(governs=AreaFactory(name="Manchester")),
        funder_name="",
        economic_development=True,
    )

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert "Total: £26,500.50" in html
    assert "Emergency food grant" in html
    assert "£25,000.00" in html
    assert "National Lottery Community Fund" in html
    assert "Council contract <strong" in html
    assert "Economic development" in html
    assert "Manchester Council" in html
    assert "£1,500.50" in html


def test_detail_says_when_there_is_no_funding_or_outcomes(client):
    partnership = PartnershipFactory()

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert "No funding has been recorded." in html
    assert "No outcome figures have been recorded yet." in html
    assert "No members are listed yet." in html
    assert "No services are listed yet." in html


def test_detail_adds_up_outcomes_of_its_published_services(client):
    partnership = PartnershipFactory()
    parcels = ServiceFactory(partnership=partnership)
    OutcomeFactory(service=parcels, people_reached=1000, volunteers=10, items_delivered=None)
    OutcomeFactory(
        service=parcels,
        period_start=datetime.date(2020, 7, 1),
        period_end=datetime.date(2020, 9, 30),
        people_reached=500,
        volunteers=5,
        volunteer_hours=100,
        items_delivered=None,
    )
    calls = ServiceFactory(partnership=partnership)
    OutcomeFactory(service=calls, people_reached=250, volunteers=None, volunteer_hours=None)
    draft = ServiceFactory(partnership=partnership, status=ModerationStatus.PENDING)
    OutcomeFactory(service=draft, people_reached=99999)

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert '<span class="app-stats__number">1,750</span> people reached' in html
    assert '<span class="app-stats__number">15</span> volunteers' in html
    assert '<span class="app-stats__number">1,000</span> volunteer hours' in html
    assert '<span class="app-stats__number">1,500</span> items delivered' in html


def test_detail_escapes_html_in_the_description(client):
    partnership = PartnershipFactory(description="<script>alert('owned')</script>")

    response = client.get(detail_url(partnership))

    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


def test_unknown_partnership_shows_the_friendly_not_found_page(client):
    response = client.get("/partnerships/no-such-partnership/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED],
)
def test_unpublished_partnership_is_not_found(client, status):
    partnership = PartnershipFactory(status=status)

    response = client.get(detail_url(partnership))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("rows", [2, 25])
def test_detail_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    partnership = PartnershipFactory(crisis=covid(), areas=AreaFactory.create_batch(rows))
    for _ in range(rows):
        member(partnership=partnership)
    for service in ServiceFactory.create_batch(rows, partnership=partnership):
        service.categories.set([category()])
        OutcomeFactory(service=service)
    FundingFactory.create_batch(rows, partnership=partnership, funder=OrganisationFactory())

    # 1. the partnership, with its crisis
    # 2. its areas
    # 3. its published members, with the organisations
    # 4. its published services, with their providers
    # 5. those services' categories
    # 6. its funding, with the funders
    # 7. the outcome totals over its published services
    with django_assert_num_queries(7):
        response = client.get(detail_url(partnership))

    assert response.context["outcome_totals"]["people_reached"] == 120 * rows
