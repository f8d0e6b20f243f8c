"""While the database is unreachable the site says so politely, and recovers by itself.

The failure is real: the default connection is swapped for one to a database
that cannot be reached (PostgreSQL on a closed port, or a SQLite file in a
folder that does not exist), so the driver raises what it raises in an outage.
"""

import logging
from contextlib import contextmanager

import pytest
from django.db import connections
from django.db.utils import load_backend

from config.middleware import DatabaseUnavailableMiddleware
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def database_unreachable():
    """Every query fails to connect until the block ends and the database is back."""
    working = connections["default"]
    broken = {**working.settings_dict}
    if working.vendor == "postgresql":
        broken.update(HOST="127.0.0.1", PORT="1", OPTIONS={"connect_timeout": 2})
    else:
        broken["NAME"] = "/nonexistent-folder/unreachable.sqlite3"
    connections["default"] = load_backend(broken["ENGINE"]).DatabaseWrapper(broken, "default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = working


def test_pages_answer_503_with_a_friendly_page_while_the_database_is_down(client, caplog):
    with database_unreachable(), caplog.at_level(logging.WARNING, logger="config.middleware"):
        response = client.get("/organisations/")

    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert "try again in a few minutes" in html
    assert "Traceback" not in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert any("Database unavailable" in r.getMessage() for r in caplog.records)
    assert not any(r.exc_info for r in caplog.records), "a traceback in the log"


def test_signed_in_pages_answer_503_while_the_database_is_down(client):
    client.force_login(UserFactory())

    with database_unreachable():  # the session is read from the database too
        response = client.get("/manage/")

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_health_check_answers_503_while_the_database_is_down(client):
    with database_unreachable():
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}
    assert response["Retry-After"] == "30"


def test_site_answers_again_as_soon_as_the_database_is_back(client):
    OrganisationFactory(name="Ancoats Pantry")
    with database_unreachable():
        assert client.get("/organisations/").status_code == 503

    response = client.get("/organisations/")

    assert response.status_code == 200
    assert "Ancoats Pantry" in response.content.decode()


def test_errors_that_are_not_an_outage_are_left_to_the_500_page(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)

    assert middleware.process_exception(rf.get("/"), RuntimeError("a bug")) is None
