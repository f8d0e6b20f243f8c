"""Schemathesis against the API's own OpenAPI document, in process through the WSGI app.

Every operation is called with generated valid and invalid parameters; each
response must match the document (status, headers, body, content type) and
none may be a server error.
"""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Enough to reach every parameter of every operation, few enough to keep the suite quick.
MAX_EXAMPLES = 25

# Schemathesis calls the WSGI app as http://localhost. The document is
# fetched from the app itself, as any client would; its view reads no table.
with override_settings(ALLOWED_HOSTS=["localhost"]):
    schema = schemathesis.openapi.from_wsgi("/api/oruk/openapi.json", WSGIHandler())


@pytest.fixture
def wsgi_keeps_test_connection():
    """Stop the bare WSGI handler closing the connection that holds the test's transaction.

    Django's test client does the same for the requests it makes.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@pytest.mark.usefixtures("wsgi_keeps_test_connection")
@schema.parametrize()
@hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_matches_its_openapi_document(case, settings, full_service, bare_service):
    settings.ALLOWED_HOSTS = ["localhost"]
    case.call_and_validate()
