"""Answer 503, not 500, while the database cannot be reached."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

# What Django raises when PostgreSQL is down, restarting or refusing connections
# (and SQLite when its file cannot be opened or stays locked). Both wrap the
# driver's own errors, so one check covers psycopg too.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# Seconds a client (or a proxy) should wait before asking again.
RETRY_AFTER_SECONDS = 30


def service_unavailable():
    """The 503 page. It touches no database and needs no request: that is what failed."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def is_database_unavailable(exception):
    return isinstance(exception, DATABASE_UNAVAILABLE)


class DatabaseUnavailableMiddleware:
    """Turns "the database is unreachable" into a friendly 503 with Retry-After.

    A broken persistent connection needs no help to recover: Django closes a
    connection that raised at the end of the request, and the health check on
    reuse (CONN_HEALTH_CHECKS) replaces a stale one at the start of the next.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        # One line, no traceback: an outage would otherwise flood the log.
        logger.warning(
            "Database unavailable, answered 503: %s %s: %s",
            request.method,
            request.path,
            str(exception).strip().splitlines()[0] if str(exception).strip() else "",
            extra={"error": type(exception).__name__},
        )
        return service_unavailable()
