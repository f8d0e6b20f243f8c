"""The public list of organisations at /organisations/."""

import datetime
import re

import pytest
from django.utils import timezone

from organisations.models import Area, ModerationStatus, Organisation
from tests.factories import AreaFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/organisations/"


def listed(response):
    """Names of the organisations on this page of results, in order."""
    return [organisation.name for organisation in response.context["page_obj"].object_list]


def result_count(response):
    """The line above the results, e.g. "3 organisations matching “pantry”"."""
    line = re.search(r'role="status">(.*?)</p>', response.content.decode(), re.S).group(1)
    return " ".join(re.sub(r"<[^>]+>", "", line).split())


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def test_list_shows_only_published_organisations(client):
    OrganisationFactory(name="Ancoats Community Pantry")
    OrganisationFactory(name="Pending Pantry", status=ModerationStatus.PENDING)
    OrganisationFactory(name="Rejected Pantry", status=ModerationStatus.REJECTED)
    OrganisationFactory(name="Archived Pantry", status=ModerationStatus.ARCHIVED)

    response = client.get(URL)

    assert response.status_code == 200
    assert listed(response) == ["Ancoats Community Pantry"]
    html = response.content.decode()
    assert "Pending Pantry" not in html
    assert "Rejected Pantry" not in html
    assert "Archived Pantry" not in html


def test_list_shows_how_many_organisations_match(client):
    OrganisationFactory.create_batch(3)
    OrganisationFactory(status=ModerationStatus.PENDING)

    response = client.get(URL)

    assert result_count(response) == "3 organisations"


def test_one_result_is_counted_in_the_singular(client):
    OrganisationFactory()

    response = client.get(URL)

    assert result_count(response) == "1 organisation"


def test_list_links_each_organisation_to_its_page(client):
    organisation = OrganisationFactory(name="Hulme Mutual Aid")

    response = client.get(URL)

    assert f'href="/organisations/{organisation.slug}/">Hulme Mutual Aid</a>' in (
        response.content.decode()
    )


def test_list_escapes_html_in_descriptions(client):
    OrganisationFactory(description="<script>alert('owned')</script> Food for all")

    response = client.get(URL)

    html = response.content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;owned&#x27;)&lt;/script&gt;" in html


def test_filter_by_area_finds_organisations_in_that_area_and_the_areas_below_it(client):
    county = AreaFactory(name="Lancashire", kind=Area.Kind.COUNTY)
    district = AreaFactory(name="Preston", kind=Area.Kind.DISTRICT, parent=county)
    elsewhere = AreaFactory(name="Leeds")
    OrganisationFactory(name="County Wide Befriending", areas=[county])
    OrganisationFactory(name="Preston Pantry", areas=[district])
    OrganisationFactory(name="Leeds Larder", areas=[elsewhere])

    response = client.get(URL, {"area": county.gss_code})

    assert listed(response) == ["County Wide Befriending", "Preston Pantry"]


def test_filter_by_a_lower_area_leaves_out_the_area_above_it(client):
    county = AreaFactory(name="Lancashire", kind=Area.Kind.COUNTY)
    district = AreaFactory(name="Preston", kind=Area.Kind.DISTRICT, parent=county)
    OrganisationFactory(name="County Wide Befriending", areas=[county])
    OrganisationFactory(name="Preston Pantry", areas=[district])

    response = client.get(URL, {"area": district.gss_code})

    assert listed(response) == ["Preston Pantry"]


def test_an_organisation_serving_several_matching_areas_is_listed_once(client):
    county = AreaFactory(kind=Area.Kind.COUNTY)
    districts = AreaFactory.create_batch(2, kind=Area.Kind.DISTRICT, parent=county)
    OrganisationFactory(name="Everywhere Group", areas=[county, *districts])

    response = client.get(URL, {"area": county.gss_code})

    assert listed(response) == ["Everywhere Group"]
    assert result_count(response) == "1 organisation"


def test_filter_by_kind_accepts_several_kinds(client):
    OrganisationFactory(name="A Charity", kind=Organisation.Kind.CHARITY)
    OrganisationFactory(name="B Faith Group", kind=Organisation.Kind.FAITH_GROUP)
    OrganisationFactory(name="C Community Group", kind=Organisation.Kind.COMMUNITY_GROUP)

    response = client.get(URL, {"kind": ["charity", "faith_group"]})

    assert listed(response) == ["A Charity", "B Faith Group"]


@pytest.mark.parametrize("bad_area", ["NOPE", "<script>alert(1)</script>", "E08000003'--"])
def test_unknown_area_shows_an_error_and_still_applies_the_other_filters(client, bad_area):
    OrganisationFactory(name="A Charity", kind=Organisation.Kind.CHARITY)
    OrganisationFactory(name="B Community Group", kind=Organisation.Kind.COMMUNITY_GROUP)

    response = client.get(URL, {"area": bad_area, "kind": "charity"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "We could not find that area. Choose an area from the list." in html
    assert "There is a problem" in html
    assert title(response).startswith("Error: ")
    assert "<script>alert(1)" not in html
    assert listed(response) == ["A Charity"]


def test_unknown_kind_shows_an_error_and_still_applies_the_other_filters(client):
    area = AreaFactory()
    OrganisationFactory(name="Local Group", areas=[area])
    OrganisationFactory(name="Distant Group")

    response = client.get(URL, {"kind": "bogus", "area": area.gss_code})

    assert response.status_code == 200
    assert "Choose types of organisation from the list." in response.content.decode()
    assert listed(response) == ["Local Group"]


def test_selected_filters_appear_as_tags_that_each_remove_one_filter(client):
    area = AreaFactory(name="Manchester", gss_code="E08000003")
    OrganisationFactory(kind=Organisation.Kind.CHARITY, areas=[area])

    response = client.get(URL, {"area": "E08000003", "kind": "charity", "page": "1"})

    html = response.content.decode()
    assert "Selected filters" in html
    # Each tag links to the same list without that filter (and back to page 1).
    assert 'href="?kind=charity"><span class="govuk-visually-hidden">Remove filter </span>' in html
    assert "Area: Manchester</a>" in html
    assert (
        'href="?area=E08000003"><span class="govuk-visually-hidden">Remove filter </span>'
        "Type of organisation: Charity</a>"
    ) in html
    assert f'<a class="govuk-link govuk-link--no-visited-state" href="{URL}">Clear filters</a>' in (
        html
    )


def test_no_filter_tags_without_filters(client):
    OrganisationFactory()

    response = client.get(URL)

    html = response.content.decode()
    assert "Selected filters" not in html
    assert "Clear filters" not in html


def test_an_invalid_filter_gets_no_tag(client):
    response = client.get(URL, {"area": "NOPE"})

    assert "Area: NOPE" not in response.content.decode()
    assert response.context["selected_filters"] == []


def test_list_is_sorted_by_name_by_default(client):
    for name in ["Zion Food Bank", "Ancoats Pantry", "Moss Side Meals"]:
        OrganisationFactory(name=name)

    response = client.get(URL)

    assert listed(response) == ["Ancoats Pantry", "Moss Side Meals", "Zion Food Bank"]


def test_sort_by_recently_updated_puts_the_newest_change_first(client):
    old = OrganisationFactory(name="Ancoats Pantry")
    new = OrganisationFactory(name="Zion Food Bank")
    now = timezone.now()
    Organisation.objects.filter(pk=old.pk).update(updated=now - datetime.timedelta(days=30))
    Organisation.objects.filter(pk=new.pk).update(updated=now)

    response = client.get(URL, {"sort": "updated"})

    assert listed(response) == ["Zion Food Bank", "Ancoats Pantry"]


def test_sort_by_relevance_without_search_text_sorts_by_name(client):
    OrganisationFactory(name="Zion Food Bank")
    OrganisationFactory(name="Ancoats Pantry")

    response = client.get(URL, {"sort": "relevance"})

    assert response.status_code == 200
    assert listed(response) == ["Ancoats Pantry", "Zion Food Bank"]


def test_unknown_sort_shows_an_error_and_sorts_by_name(client):
    OrganisationFactory(name="Zion Food Bank")
    OrganisationFactory(name="Ancoats Pantry")

    response = client.get(URL, {"sort": "bogus"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert listed(response) == ["Ancoats Pantry", "Zion Food Bank"]


def test_title_says_which_page_of_how_many(client):
    OrganisationFactory.create_batch(45)

    response = client.get(URL, {"page": "2"})

    assert "Organisations (page 2 of 3)" in title(response)
    assert len(listed(response)) == 20


def test_a_single_page_has_no_page_number_in_the_title(client):
    OrganisationFactory.create_batch(3)

    response = client.get(URL)

    assert "page" not in title(response)
    assert 'aria-label="Results pages"' not in response.content.decode()


def test_page_past_the_end_shows_the_last_page(client):
    OrganisationFactory.create_batch(45)

    response = client.get(URL, {"page": "99"})

    assert response.status_code == 200
    assert "(page 3 of 3)" in title(response)
    assert len(listed(response)) == 5


@pytest.mark.parametrize("page", ["abc", "", "1.5", "\x00"])
def test_page_that_is_not_a_number_shows_the_first_page(client, page):
    OrganisationFactory.create_batch(45)

    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert "(page 1 of 3)" in title(response)


def test_pagination_links_keep_the_filters(client):
    OrganisationFactory.create_batch(25, kind=Organisation.Kind.CHARITY)

    response = client.get(URL, {"kind": "charity", "page": "1"})

    html = response.content.decode()
    assert 'href="?kind=charity&amp;page=2" rel="next"' in html


def test_empty_list_explains_how_to_find_something(client):
    OrganisationFactory(name="Ancoats Pantry", kind=Organisation.Kind.CHARITY)

    response = client.get(URL, {"q": "zzyzx", "kind": "faith_group"})

    html = response.content.decode()
    assert result_count(response) == "0 organisations matching “zzyzx”"
    assert "No organisations found" in html
    assert "checking the spelling of “zzyzx”" in html
    assert f'removing some filters, or <a class="govuk-link" href="{URL}">clearing all' in html
    assert 'href="/partnerships/">partnerships</a>' in html


@pytest.mark.parametrize("rows", [2, 25])
def test_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    area = AreaFactory()
    for organisation in OrganisationFactory.create_batch(rows):
        organisation.areas.set([area, AreaFactory()])

    # 1. count the matching organisations (paginator)
    # 2. one page of organisations
    # 3. their areas (prefetch)
    # 4. the areas for the area filter's options
    with django_assert_num_queries(4):
        response = client.get(URL)

    assert len(listed(response)) == min(rows, 20)


@pytest.mark.parametrize("rows", [2, 25])
def test_query_count_with_filters_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    area = AreaFactory()
    OrganisationFactory.create_batch(rows, areas=[area], kind=Organisation.Kind.CHARITY)

    # 1. count the matching organisations (paginator)
    # 2. one page of organisations
    # 3. their areas (prefetch)
    # 4. the chosen area, to validate ?area=
    # 5. the areas below it, which the filter includes
    # 6. the areas for the area filter's options
    with django_assert_num_queries(6):
        response = client.get(URL, {"area": area.gss_code, "kind": "charity"})

    assert len(listed(response)) == min(rows, 20)


@pytest.mark.parametrize("field", ["area", "kind", "sort", "q"])
def test_nul_character_in_a_filter_shows_an_error_not_a_crash(client, field):
    OrganisationFactory(name="Ancoats Pantry")

    response = client.get(URL, {field: "E08\x00"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
