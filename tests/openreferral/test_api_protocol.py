"""What every endpoint promises: JSON, GET only, open to any origin, its own OpenAPI document."""

import pytest

from openreferral import ids

pytestmark = pytest.mark.django_db

API = "/api/oruk"


def urls(service):
    location = service.locations.first()
    return [
        f"{API}/",
        f"{API}/services",
        f"{API}/services/{service.uuid}",
        f"{API}/service_at_locations",
        f"{API}/service_at_locations/{ids.service_at_location(service.uuid, location.uuid)}",
        f"{API}/organizations",
        f"{API}/organizations/{service.organisation.uuid}",
        f"{API}/taxonomies",
        f"{API}/taxonomies/{ids.TAXONOMY_ID}",
        f"{API}/taxonomy_terms",
        f"{API}/taxonomy_terms/{service.categories.first().uuid}",
        f"{API}/openapi.json",
    ]


def test_every_endpoint_answers_json_to_anyone_without_a_key(client, full_service):
    for url in urls(full_service):
        response = client.get(url)

        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json", url
        assert response["Access-Control-Allow-Origin"] == "*", url


def test_errors_carry_the_cors_header_too(client, db):
    for url in [f"{API}/services?page=x", f"{API}/services/nope", f"{API}/nothing/here"]:
        response = client.get(url)

        assert response.status_code in (400, 404)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_refused_with_405_and_allow(client, full_service, method):
    response = getattr(client, method)(f"{API}/services")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert full_service.name in client.get(f"{API}/services").content.decode()


def test_a_cors_preflight_is_answered(client, db):
    response = client.options(f"{API}/services", HTTP_ORIGIN="https://example.org")

    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]


def test_unknown_paths_under_the_api_are_json_404s(client, db):
    response = client.get(f"{API}/locations")

    assert response.status_code == 404
    assert response.json()["message"].startswith("There is nothing at /locations")


def test_root_says_what_the_api_is(client, db):
    body = client.get(f"{API}/").json()

    assert body == {
        "version": "3.0",
        "profile": "https://open-referral-uk-profile.readthedocs.io/en/latest/",
        "openapi_url": "http://testserver/api/oruk/openapi.json",
    }


def test_openapi_document_describes_every_route(client, db):
    document = client.get(f"{API}/openapi.json").json()

    assert document["openapi"].startswith("3.1")
    assert document["servers"] == [{"url": "http://testserver/api/oruk"}]
    assert set(document["paths"]) == {
        "/",
        "/services",
        "/services/{id}",
        "/service_at_locations",
        "/service_at_locations/{id}",
        "/organizations",
        "/organizations/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
    }
    services = document["paths"]["/services"]["get"]["parameters"]
    assert {p["$ref"].rsplit("/", 1)[1] for p in services} == {
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
        "minimum_age",
        "maximum_age",
        "page",
        "per_page",
    }
