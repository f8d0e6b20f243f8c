"""Every response carries the headers that keep browsers from being turned against visitors."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(client):
    response = client.get("/")
    header = response["Content-Security-Policy"]
    directives = (part.strip().split(" ", 1) for part in header.split(";") if part.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_scripts_run_only_from_this_site_or_with_the_page_nonce(policy):
    assert re.fullmatch(r"'self' 'nonce-[\w+/=-]+'", policy["script-src"])
    assert "unsafe-inline" not in policy["script-src"]


def test_plugins_base_tags_and_framing_are_refused(policy):
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_map_tiles_are_allowed_from_the_tile_server_only(policy):
    assert policy["img-src"] == "'self' data: https://tile.openstreetmap.org"


def test_the_nonce_changes_on_every_response(client):
    first = client.get("/")["Content-Security-Policy"]
    second = client.get("/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.parametrize("path", ["/", "/organisations/", "/healthz", "/api/oruk/", "/nope/"])
def test_every_response_has_the_safety_headers(client, path):
    response = client.get(path)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_session_and_csrf_cookies_are_secure_and_http_only(settings):
    # With debug off (as in these tests) cookies only travel over HTTPS.
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.SECURE_HSTS_SECONDS >= 31536000
