"""Officers save a filtered search from any list page, and manage their saved searches."""

import pytest
from django.test import Client

from alerts.models import SavedSearch
from tests.factories import AreaFactory, UserFactory, officer

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner():
    return officer()


@pytest.fixture
def as_owner(owner):
    return signed_in(owner)


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/organisations/", "organisations"),
        ("/services/", "services"),
        ("/partnerships/", "partnerships"),
    ],
)
def test_officer_saves_the_search_of_each_list(as_owner, owner, path, listing):
    AreaFactory(name="Manchester", gss_code="E08000003")
    page = as_owner.get(path, {"q": "food"}).content.decode()
    assert "Save this search" in page

    response = as_owner.post(
        "/alerts/save/",
        {
            "list_path": path,
            "query": "sort=name&q=food&page=3&area=E08000003&postcode=&junk=1",
            "name": "Food in Manchester",
            "digest": "on",
        },
    )

    search = SavedSearch.objects.get(owner=owner)
    assert (search.listing, search.query, search.digest) == (
        listing,
        "area=E08000003&q=food",
        True,
    )
    assert response.url == f"{path}?area=E08000003&q=food"


def test_the_same_search_in_another_order_is_not_saved_twice(as_owner, owner):
    data = {"list_path": "/organisations/", "name": "Pantries", "digest": "on"}
    as_owner.post("/alerts/save/", {**data, "query": "q=pantry&kind=charity"})

    response = as_owner.post("/alerts/save/", {**data, "query": "kind=charity&q=pantry&page=2"})

    assert response.status_code == 400
    assert "You have already saved this search as “Pantries”." in response.content.decode()
    assert SavedSearch.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"query": "area=NOWHERE"}, "Fix the problems with the filters"),
        ({"list_path": "/admin/"}, "Searches can be saved from the organisations"),
        ({"name": "  "}, "Enter a name for the search"),
    ],
)
def test_bad_save_is_explained_and_nothing_is_saved(as_owner, data, message):
    payload = {"list_path": "/organisations/", "query": "q=food", "name": "Food", **data}

    response = as_owner.post("/alerts/save/", payload)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_non_officers_cannot_save_searches_and_see_no_form():
    client = signed_in(UserFactory())

    assert "Save this search" not in client.get("/organisations/").content.decode()
    response = client.post(
        "/alerts/save/", {"list_path": "/organisations/", "query": "", "name": "All"}
    )
    assert response.status_code == 403
    assert not SavedSearch.objects.exists()


def test_officer_renames_turns_off_and_deletes_a_saved_search(as_owner, owner):
    search = SavedSearch.objects.create(
        owner=owner, name="Food", listing="services", query="q=food"
    )

    as_owner.post(f"/alerts/{search.pk}/", {"name": "Food banks"})  # checkbox left unticked
    search.refresh_from_db()
    assert (search.name, search.digest) == ("Food banks", False)
    page = as_owner.get("/alerts/").content.decode()
    assert 'href="/services/?q=food"' in page
    assert "Off" in page

    as_owner.post(f"/alerts/{search.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_another_officers_saved_search_is_not_found(owner):
    search = SavedSearch.objects.create(owner=owner, name="Food", listing="services")
    stranger = signed_in(officer())

    assert stranger.get(f"/alerts/{search.pk}/").status_code == 404
    assert stranger.post(f"/alerts/{search.pk}/delete/").status_code == 404
    assert SavedSearch.objects.exists()


def test_saved_searches_page_query_count_does_not_grow(as_owner, owner, django_assert_num_queries):
    # 1 session, 2 user, 3 is_officer, 4 saved searches
    with django_assert_num_queries(4):
        as_owner.get("/alerts/")
    SavedSearch.objects.bulk_create(
        [
            SavedSearch(owner=owner, name=f"S{n}", listing="services", query=f"q={n}")
            for n in range(5)
        ]
    )
    with django_assert_num_queries(4):
        as_owner.get("/alerts/")
