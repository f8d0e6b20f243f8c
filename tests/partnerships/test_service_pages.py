"""The public service pages: the list at /services/ and /services/<slug>/."""

import datetime
import re

import pytest
from django.utils import timezone

from organisations.models import Area, Location, ModerationStatus
from partnerships.models import Audience, Category, Service
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    ServiceFactory,
    audience,
    category,
    covid,
)

pytestmark = pytest.mark.django_db

URL = "/services/"


def listed(response):
    return [service.name for service in response.context["page_obj"].object_list]


def result_count(response):
    """The line above the results, e.g. "3 organisations matching “pantry”"."""
    line = re.search(r'role="status">(.*?)</p>', response.content.decode(), re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def detail_url(service):
    return f"/services/{service.slug}/"


# The list


def test_list_shows_only_published_services_of_published_organisations(client):
    ServiceFactory(name="Weekly Food Parcels")
    for status in [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED]:
        ServiceFactory(name=f"{status.label} Service", status=status)
        ServiceFactory(
            name=f"Service of {status.label} Organisation",
            organisation=OrganisationFactory(status=status),
        )

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == ["Weekly Food Parcels"]
    html = response.content.decode()
    assert result_count(response) == "1 service"
    assert " Service<" not in html
    assert " Organisation<" not in html


def test_list_describes_each_service(client):
    service = ServiceFactory(
        name="Weekly Food Parcels",
        organisation=OrganisationFactory(name="Ancoats Pantry"),
        access=Service.Access.REFERRAL,
        cost=Service.Cost.LOW_COST,
        availability=Service.Availability.TEMPORARILY_CLOSED,
        categories=[category("food-banks-and-parcels")],
    )

    response = client.get(URL)

    html = response.content.decode()
    assert f'href="{detail_url(service)}">Weekly Food Parcels</a>' in html
    assert (
        "By Ancoats Pantry · Referral needed · Low cost · <strong>Temporarily closed</strong>"
        in html
    )
    assert '<strong class="govuk-tag govuk-tag--grey">Food banks and parcels</strong>' in html


def test_list_escapes_html_in_descriptions(client):
    ServiceFactory(description="<script>alert('owned')</script> Hot meals")

    response = client.get(URL)

    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


def test_filter_by_area_includes_the_areas_below_it(client):
    county = AreaFactory(name="Lancashire", kind=Area.Kind.COUNTY)
    district = AreaFactory(name="Preston", kind=Area.Kind.DISTRICT, parent=county)
    ServiceFactory(name="County Transport", areas=[county])
    ServiceFactory(name="Preston Meals", areas=[district])
    ServiceFactory(name="Leeds Meals", areas=[AreaFactory()])

    response = client.get(URL, {"area": county.gss_code})

    assert listed(response) == ["County Transport", "Preston Meals"]


def test_filter_by_category_includes_the_categories_below_it(client):
    ServiceFactory(name="Food Bank", categories=[category("food-banks-and-parcels")])
    ServiceFactory(name="Food Help", categories=[category("food-and-essentials")])
    ServiceFactory(name="Phone Friends", categories=[category("phone-befriending")])

    response = client.get(URL, {"category": "food-and-essentials"})

    assert listed(response) == ["Food Bank", "Food Help"]


def test_filter_by_a_child_category_leaves_out_its_parent(client):
    ServiceFactory(name="Food Bank", categories=[category("food-banks-and-parcels")])
    ServiceFactory(name="Food Help", categories=[category("food-and-essentials")])

    response = client.get(URL, {"category": "food-banks-and-parcels"})

    assert listed(response) == ["Food Bank"]


def test_a_service_in_several_matching_categories_is_listed_once(client):
    ServiceFactory(
        name="Food Bank",
        categories=[category("food-and-essentials"), category("food-banks-and-parcels")],
    )

    response = client.get(URL, {"category": "food-and-essentials"})

    assert listed(response) == ["Food Bank"]


def test_filter_by_audience(client):
    ServiceFactory(name="Lunch Club", audiences=[audience("older-people")])
    ServiceFactory(name="Homework Club", audiences=[audience("children-and-young-people")])

    response = client.get(URL, {"audience": "older-people"})

    assert listed(response) == ["Lunch Club"]


def test_filter_by_crisis(client):
    ServiceFactory(name="Covid Parcels", crisis=covid())
    ServiceFactory(name="Everyday Parcels", crisis=None)

    response = client.get(URL, {"crisis": "covid-19"})

    assert listed(response) == ["Covid Parcels"]


@pytest.mark.parametrize(
    ("field", "values", "rows", "expected"),
    [
        (
            "access",
            ["drop_in", "phone"],
            {"A Drop In": "drop_in", "B Phone": "phone", "C Referral": "referral"},
            ["A Drop In", "B Phone"],
        ),
        (
            "cost",
            ["free"],
            {"A Free": "free", "B Low Cost": "low_cost", "C Paid": "paid"},
            ["A Free"],
        ),
        (
            "availability",
            ["active", "temporarily_closed"],
            {"A Running": "active", "B Closed": "temporarily_closed", "C Ended": "ended"},
            ["A Running", "B Closed"],
        ),
    ],
)
def test_filter_by_choices_accepts_several_values(client, field, values, rows, expected):
    for name, value in rows.items():
        ServiceFactory(name=name, **{field: value})

    response = client.get(URL, {field: values})

    assert listed(response) == expected


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"area": "NOPE"}, "We could not find that area. Choose an area from the list."),
        (
            {"category": "<script>alert(1)</script>"},
            "We could not find that category. Choose one from the list.",
        ),
        ({"audience": "martians"}, "Choose who the service is for from the list."),
        ({"crisis": "plague"}, "We could not find that crisis. Choose one from the list."),
        ({"access": "teleport"}, "Choose how to get the service from the list."),
        ({"cost": "priceless"}, "Choose a cost from the list."),
        ({"availability": "maybe"}, "Choose a status from the list."),
    ],
)
def test_malformed_filter_shows_an_error_and_still_applies_the_other_filters(
    client, params, message
):
    ServiceFactory(name="Free Meals", cost=Service.Cost.FREE)
    ServiceFactory(name="Paid Meals", cost=Service.Cost.PAID)
    other = {"cost": "free"} if "cost" not in params else {"q": "free"}

    response = client.get(URL, {**other, **params})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert "<script>alert(1)" not in html
    assert listed(response) == ["Free Meals"]


def test_selected_filters_appear_as_tags_with_remove_links(client):
    ServiceFactory(categories=[category()], cost=Service.Cost.FREE)

    response = client.get(URL, {"category": "food-and-essentials", "cost": ["free", "paid"]})

    html = response.content.decode()
    assert (
        'href="?cost=free&amp;cost=paid"><span class="govuk-visually-hidden">Remove filter '
        "</span>Category: Food and essentials</a>"
    ) in html
    assert (
        'href="?category=food-and-essentials&amp;cost=paid"><span class="govuk-visually-hidden">'
        "Remove filter </span>Cost: Free</a>"
    ) in html
    assert (
        'href="?category=food-and-essentials&amp;cost=free"><span class="govuk-visually-hidden">'
        "Remove filter </span>Cost: Paid</a>"
    ) in html
    assert f'href="{URL}">Clear filters</a>' in html


def test_sort_by_recently_updated(client):
    old = ServiceFactory(name="Ancoats Meals")
    ServiceFactory(name="Zion Meals")
    Service.objects.filter(pk=old.pk).update(updated=timezone.now() - datetime.timedelta(days=3))

    by_name = client.get(URL, {"sort": "name"})
    by_update = client.get(URL, {"sort": "updated"})

    assert listed(by_name) == ["Ancoats Meals", "Zion Meals"]
    assert listed(by_update) == ["Zion Meals", "Ancoats Meals"]


def test_pagination(client):
    ServiceFactory.create_batch(41)

    middle = client.get(URL, {"page": "2"})
    past_the_end = client.get(URL, {"page": "1000"})
    not_a_number = client.get(URL, {"page": "abc"})

    assert "Services (page 2 of 3)" in title(middle)
    assert 'rel="prev"' in middle.content.decode()
    assert 'rel="next"' in middle.content.decode()
    assert "(page 3 of 3)" in title(past_the_end)
    assert len(listed(past_the_end)) == 1
    assert "(page 1 of 3)" in title(not_a_number)


def test_empty_list_explains_how_to_find_something(client):
    ServiceFactory(name="Weekly Food Parcels")

    response = client.get(URL, {"q": "zzyzx"})

    html = response.content.decode()
    assert result_count(response) == "0 services matching “zzyzx”"
    assert "No services found" in html
    assert "checking the spelling of “zzyzx”" in html
    assert "searching for fewer or more general words" in html


@pytest.mark.parametrize("rows", [2, 25])
def test_list_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    for service in ServiceFactory.create_batch(rows):
        service.categories.set([category(), category("food-banks-and-parcels")])

    # 1. count the matching services (paginator)
    # 2. one page of services, with their providers
    # 3. their categories
    # 4. the areas for the area filter's options
    # 5. the categories (with parents) for the category filter's options
    # 6. the audiences for the audience filter's options
    # 7. the crises for the crisis filter's options
    with django_assert_num_queries(7):
        response = client.get(URL)

    assert len(listed(response)) == min(rows, 20)


# The detail page


def test_detail_shows_the_service_its_provider_and_categories(client):
    provider = OrganisationFactory(name="Ancoats Pantry")
    partnership = PartnershipFactory(name="Ancoats Food Alliance")
    service = ServiceFactory(
        name="Weekly Food Parcels",
        description="Parcels delivered every Friday.",
        organisation=provider,
        partnership=partnership,
        categories=[category("food-banks-and-parcels")],
        audiences=[audience("older-people")],
        areas=[AreaFactory(name="Manchester", gss_code="E08000003")],
        access=Service.Access.PHONE,
        cost=Service.Cost.LOW_COST,
        cost_details="£1 a parcel",
        languages="English, Urdu",
        phone="0161 496 0001",
        crisis=covid(),
    )

    response = client.get(detail_url(service))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Weekly Food Parcels – " in html
    assert f'Service by <a class="govuk-link" href="/organisations/{provider.slug}/">' in html
    assert "Ancoats Pantry</a>" in html
    assert "Parcels delivered every Friday." in html
    assert (
        'href="/services/?category=food-banks-and-parcels">'
        "Food and essentials: Food banks and parcels</a>"
    ) in html
    assert "Older people" in html
    assert 'href="/services/?area=E08000003">Manchester</a>' in html
    assert "By phone" in html
    assert "Low cost: £1 a parcel" in html
    assert "English, Urdu" in html
    assert "0161 496 0001" in html
    assert f'href="/partnerships/{partnership.slug}/">Ancoats Food Alliance</a>' in html
    assert "Covid-19 pandemic" in html
    assert "From April 2020, ongoing" in html


def test_detail_shows_outcomes_by_period(client):
    service = ServiceFactory()
    OutcomeFactory(service=service, people_reached=1200, items_delivered=None)
    OutcomeFactory(
        service=service,
        period_start=datetime.date(2020, 7, 1),
        period_end=datetime.date(2020, 9, 30),
        people_reached=80,
        volunteers=0,
    )

    response = client.get(detail_url(service))

    html = response.content.decode()
    assert "Apr 2020 to Jun 2020" in html
    assert "1,200" in html
    assert "Jul 2020 to Sep 2020" in html
    assert "1,500" in html
    # A figure not recorded shows as a dash; a recorded zero shows as 0.
    assert ">None</td>" not in html
    assert 'numeric">–</td>' in html
    assert 'numeric">0</td>' in html


def test_detail_says_when_there_are_no_outcomes(client):
    service = ServiceFactory()

    response = client.get(detail_url(service))

    html = response.content.decode()
    assert "No outcome figures have been recorded yet." in html
    assert 'Who it is for</dt><dd class="govuk-summary-list__value">Anyone' in html


def test_detail_does_not_name_an_unpublished_partnership(client):
    service = ServiceFactory(
        partnership=PartnershipFactory(
            name="Rejected Spam Partnership", status=ModerationStatus.REJECTED
        )
    )

    response = client.get(detail_url(service))

    assert response.status_code == 200
    assert "Rejected Spam Partnership" not in response.content.decode()


def test_detail_escapes_html_in_the_description(client):
    service = ServiceFactory(description="<script>alert('owned')</script>")

    response = client.get(detail_url(service))

    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


def test_unknown_service_shows_the_friendly_not_found_page(client):
    response = client.get("/services/no-such-service/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize(
    "status",
    [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED],
)
def test_unpublished_service_is_not_found(client, status):
    service = ServiceFactory(status=status)

    response = client.get(detail_url(service))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "status",
    [ModerationStatus.PENDING, ModerationStatus.REJECTED, ModerationStatus.ARCHIVED],
)
def test_service_of_an_unpublished_organisation_is_not_found(client, status):
    service = ServiceFactory(organisation=OrganisationFactory(status=status))

    response = client.get(detail_url(service))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.parametrize("rows", [2, 25])
def test_detail_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    service = ServiceFactory(
        partnership=PartnershipFactory(),
        crisis=covid(),
        areas=AreaFactory.create_batch(rows),
        audiences=Audience.objects.all()[:rows],
        categories=Category.objects.all()[:rows],
    )
    for month in range(rows):
        start = datetime.date(2020 + month // 12, month % 12 + 1, 1)
        OutcomeFactory(service=service, period_start=start, period_end=start)
        service.locations.add(
            Location.objects.create(organisation=service.organisation, name=f"Venue {month}")
        )

    # 1. the service, with its provider, partnership and crisis
    # 2. its categories, with their parents
    # 3. who it is for
    # 4. its areas
    # 5. its outcomes
    # 6. where it is delivered (locations)
    with django_assert_num_queries(6):
        response = client.get(detail_url(service))

    assert len(response.context["service"].outcomes.all()) == rows
