"""The home page, the health check and the benchmark baseline."""

import pytest
from django.db import connection

from organisations.models import Area, ModerationStatus
from tests.factories import (
    AreaFactory,
    OrganisationFactory,
    PartnershipFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


def test_home_page_counts_only_what_the_public_can_see(client):
    published = OrganisationFactory.create_batch(2)
    OrganisationFactory(status=ModerationStatus.PENDING)
    hidden = OrganisationFactory(status=ModerationStatus.REJECTED)
    PartnershipFactory.create_batch(3)
    PartnershipFactory(status=ModerationStatus.ARCHIVED)
    ServiceFactory.create_batch(4, organisation=published[0])
    ServiceFactory(organisation=published[1], status=ModerationStatus.PENDING)
    ServiceFactory(organisation=hidden)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<span class="app-stats__number">2</span> organisations' in html
    assert '<span class="app-stats__number">3</span> partnerships' in html
    assert '<span class="app-stats__number">4</span> services' in html


def test_home_page_routes_into_the_lists(client):
    response = client.get("/")

    html = response.content.decode()
    assert '<form method="get" action="/organisations/" role="search">' in html
    assert 'name="q" type="search"' in html
    assert 'href="/services/?category=food-and-essentials">Food and essentials</a>' in html
    # Only top-level categories are offered.
    assert "?category=food-banks-and-parcels" not in html


def test_skip_link_lands_on_the_home_pages_heading_and_search(client):
    html = client.get("/").content.decode()

    # One main landmark, holding the page's heading and search, where the skip link goes.
    assert html.count("<main") == 1
    main = html[html.index('<main id="main-content"') : html.index("</main>")]
    assert "Find the community groups working in your area</h1>" in main
    assert 'id="home-search"' in main
    assert 'href="#main-content"' in html[: html.index("<main")]


def test_home_page_offers_council_areas_but_not_wards(client):
    city = AreaFactory(name="Manchester", gss_code="E08000003")
    AreaFactory(name="Ancoats and Beswick", kind=Area.Kind.WARD, parent=city)

    response = client.get("/")

    html = response.content.decode()
    assert '<option value="E08000003">Manchester</option>' in html
    assert "Ancoats and Beswick" not in html


@pytest.mark.parametrize("rows", [2, 25])
def test_home_page_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    OrganisationFactory.create_batch(rows, areas=[AreaFactory()])
    ServiceFactory.create_batch(rows)
    PartnershipFactory.create_batch(rows)

    # 1. count published organisations
    # 2. count published partnerships
    # 3. count published services
    # 4. the top-level categories
    # 5. the council areas
    with django_assert_num_queries(5):
        client.get("/")


def test_health_check_answers_ok_while_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_answers_503_when_the_database_does_not(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


def test_health_check_is_not_redirected_to_https(client, settings):
    # Load balancers probe over plain HTTP; every other page is redirected.
    settings.SECURE_SSL_REDIRECT = True

    health = client.get("/healthz")
    home = client.get("/")

    assert health.status_code == 200
    assert home.status_code == 301
    assert home["Location"] == "https://testserver/"


def test_baseline_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/baseline")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert response.content == b"ok"


def test_unknown_address_shows_the_friendly_not_found_page(client):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – " in html
    assert 'href="/organisations/">search the organisations</a>' in html
