"""Search text ``q`` on the three public lists: organisations, partnerships and services."""

import pytest
from django.db import connection

from organisations.models import ModerationStatus, Organisation
from tests.factories import OrganisationFactory, PartnershipFactory, ServiceFactory

pytestmark = pytest.mark.django_db

# Each list, and a factory for one published row of it.
LISTS = {
    "/organisations/": OrganisationFactory,
    "/partnerships/": PartnershipFactory,
    "/services/": ServiceFactory,
}
each_list = pytest.mark.parametrize("url", list(LISTS))

postgresql_ranking = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Ranking needs PostgreSQL full-text search (ts_rank over the weighted tsvector); "
    "the SQLite fallback gives every match the same rank.",
)
postgresql_trigrams = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Typo tolerance needs PostgreSQL's pg_trgm trigram similarity; "
    "the SQLite fallback only matches words as typed.",
)


def make(url, **fields):
    return LISTS[url](**fields)


def listed(response):
    return [row.name for row in response.context["page_obj"].object_list]


@each_list
def test_search_finds_by_name(client, url):
    make(url, name="Ancoats Community Pantry", description="Fresh food.")
    make(url, name="Leeds Larder", description="Fresh food.")

    response = client.get(url, {"q": "pantry"})

    assert listed(response) == ["Ancoats Community Pantry"]


@each_list
def test_search_finds_by_description(client, url):
    make(url, name="Hulme Hub", description="Telephone befriending for older neighbours.")
    make(url, name="Leeds Larder", description="Fresh food.")

    response = client.get(url, {"q": "befriending"})

    assert listed(response) == ["Hulme Hub"]


@each_list
def test_search_needs_every_word_to_match(client, url):
    make(url, name="Hulme Hub", description="Telephone befriending and hot meals.")
    make(url, name="Leeds Larder", description="Telephone befriending.")

    response = client.get(url, {"q": "befriending meals"})

    assert listed(response) == ["Hulme Hub"]


@each_list
def test_search_ignores_case(client, url):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": "ANCOATS"})

    assert listed(response) == ["Ancoats Community Pantry"]


@each_list
def test_search_never_finds_unpublished_rows(client, url):
    make(url, name="Draft Pantry", status=ModerationStatus.PENDING)
    make(url, name="Rejected Pantry", status=ModerationStatus.REJECTED)

    response = client.get(url, {"q": "pantry"})

    assert listed(response) == []
    assert response.context["paginator"].count == 0


def test_service_search_never_finds_a_service_of_an_unpublished_organisation(client):
    ServiceFactory(
        name="Orphan Pantry",
        organisation=OrganisationFactory(status=ModerationStatus.PENDING),
    )

    response = client.get("/services/", {"q": "pantry"})

    assert listed(response) == []


@each_list
def test_search_text_is_shown_in_the_title_and_the_result_count(client, url):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": "  pantry  "})

    html = response.content.decode()
    assert "<title>pantry – " in html
    assert "matching “pantry”" in html


@each_list
def test_blank_search_text_lists_everything(client, url):
    make(url, name="Ancoats Community Pantry")
    make(url, name="Leeds Larder")

    response = client.get(url, {"q": "   "})

    assert len(listed(response)) == 2
    assert "matching" not in response.content.decode()


@each_list
def test_sort_by_name_overrides_relevance(client, url):
    make(url, name="Zion Pantry")
    make(url, name="Allotment Club", description="Runs a pantry on Fridays.")

    response = client.get(url, {"q": "pantry", "sort": "name"})

    assert listed(response) == ["Allotment Club", "Zion Pantry"]


@postgresql_ranking
@each_list
def test_name_matches_rank_above_description_matches(client, url):
    make(url, name="Allotment Club", description="Runs a pantry on Fridays.")
    make(url, name="Zion Pantry", description="Fresh food for everyone.")

    response = client.get(url, {"q": "pantry"})

    assert listed(response) == ["Zion Pantry", "Allotment Club"]
    assert response.context["filter"].current_sort == "relevance"


@postgresql_trigrams
@each_list
def test_a_typo_still_finds_the_group(client, url):
    make(url, name="Ancoats Community Pantry", description="Fresh food.")
    make(url, name="Leeds Larder", description="Fresh food.")

    response = client.get(url, {"q": "comunity pantry"})

    assert listed(response) == ["Ancoats Community Pantry"]


@each_list
def test_search_still_applies_with_other_filters(client, url):
    make(url, name="Ancoats Community Pantry")
    make(url, name="Leeds Larder")

    response = client.get(url, {"q": "pantry", "area": "NOPE"})

    assert response.status_code == 200
    assert "We could not find that area" in response.content.decode()
    assert listed(response) == ["Ancoats Community Pantry"]


@each_list
def test_search_text_is_still_shown_when_another_filter_is_invalid(client, url):
    # The results are filtered by q, so the page must say so (and sort by relevance).
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": "pantry", "area": "NOPE"})

    assert "matching “pantry”" in response.content.decode()
    assert response.context["filter"].current_sort == "relevance"


HOSTILE = [
    '"',
    '"food bank',
    '""',
    "&",
    "food & drink",
    "&&&",
    ":*",
    "pant:*",
    "'",
    "o'brien",
    "''''",
    "!",
    "!food",
    "!!",
    "|",
    "food | drink",
    "\\",
    "food\\",
    "%",
    "%%",
    "_",
    "%_",
    "(",
    ")",
    "()",
    "-",
    "-food",
    "<->",
    "a <2> b",
    "or",
    "and or not",
    "the",
    "* ? [ ] { } ~ ^ $",
    "' OR 1=1 --",
    "); DROP TABLE organisations_organisation; --",
    "<script>alert(1)</script>",
    "🍞🥫",
    "👩‍👩‍👧‍👦",  # zero-width joiners
    "🇬🇧",
    "مطبخ المجتمع",  # Arabic, right to left
    "\u202eknaB dooF",  # right-to-left override
    "מטבח קהילתי",  # Hebrew
    "Cafe\u0301",  # combining acute accent
    "z̷̛̖a̸̢͋l̶̰̓g̵̱̈́o̴͙͐",
    "\u200b",
    "\ufeff",
    "\t\n\r",
    "ı İ ß ẞ ﬁ",
    "x" * 199,
    "pantry " * 28,
]


@pytest.mark.parametrize("q", HOSTILE, ids=range(len(HOSTILE)))
@each_list
def test_hostile_search_text_never_breaks_the_page(client, url, q):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": q})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


@pytest.mark.parametrize("q", ["\x00", "food\x00bank", "\x00" * 10])
@each_list
def test_nul_character_in_search_text_shows_an_error(client, url, q):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": q})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("q", ["x" * 5000, "🍞" * 5000, "pantry " * 1000, "'&|!" * 1250])
@each_list
def test_over_long_search_text_shows_an_error(client, url, q):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": q})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 200 characters" in html
    assert "There is a problem" in html


@each_list
def test_over_long_search_text_still_applies_the_other_filters(client, url):
    make(url, name="Ancoats Community Pantry")
    make(url, name="Leeds Larder")

    response = client.get(url, {"q": "x" * 5000, "sort": "name", "page": "1"})

    assert response.status_code == 200
    assert listed(response) == ["Ancoats Community Pantry", "Leeds Larder"]


@each_list
def test_undecodable_bytes_in_the_query_string_never_break_the_page(client, url):
    make(url, name="Ancoats Community Pantry")

    response = client.get(f"{url}?q=%ED%A0%80%FF%C0%AF&area=%FF&page=%FE")

    assert response.status_code == 200


@each_list
def test_search_text_is_escaped_where_it_is_shown(client, url):
    make(url, name="Ancoats Community Pantry")

    response = client.get(url, {"q": '"><script>alert(1)</script>'})

    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@each_list
def test_percent_and_underscore_are_searched_for_literally(client, url):
    make(url, name="Ancoats Community Pantry")
    make(url, name="Half_Price Meals 50%")

    for q in ["%", "_"]:
        response = client.get(url, {"q": q})
        assert "Ancoats Community Pantry" not in listed(response), q


def test_home_page_search_box_searches_organisations(client):
    OrganisationFactory(name="Ancoats Community Pantry", kind=Organisation.Kind.CHARITY)

    response = client.get("/organisations/", {"q": "ancoats"})

    assert listed(response) == ["Ancoats Community Pantry"]
    assert 'action="/organisations/"' in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"postcode": "<script>alert(1)</script>"}, "Ensure this value has at most 10"),
        ({"postcode": "<i>M4</i>"}, "Enter a UK postcode, like M4 5JD"),
        ({"postcode": "M4\x005JD"}, "Null characters are not allowed."),
        ({"postcode": "ZZ99 9ZZ"}, "We could not find the postcode ZZ99 9ZZ."),
        ({"postcode": "🍞"}, "Enter a UK postcode"),
        ({"distance": "abc"}, "Enter the distance as a number, like 2 or 0.5."),
        ({"distance": "NaN"}, "Enter the distance as a number, like 2 or 0.5."),
        ({"distance": "Infinity"}, "Enter the distance as a number, like 2 or 0.5."),
        ({"distance": "-1"}, "Enter a distance from 0.1 to 50 miles."),
        ({"distance": "1e308"}, "There is a problem"),
        ({"units": "parsecs"}, "Choose miles or kilometres."),
    ],
)
@each_list
def test_malformed_place_filters_show_an_error_and_keep_the_search(client, url, params, message):
    make(url, name="Ancoats Community Pantry")
    make(url, name="Leeds Larder")

    response = client.get(url, {"q": "pantry", **params})

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)" not in html
    assert listed(response) == ["Ancoats Community Pantry"]
