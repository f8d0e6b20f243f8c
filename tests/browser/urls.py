"""The site's URLs plus routes that fail, so the browser suite can check the 500, 503 and
429 pages.

Mounted only by the tests (settings.ROOT_URLCONF); production has no such route.
"""

from django.db import OperationalError
from django.urls import path

from accounts.ratelimits import too_many_requests
from config.urls import handler404, handler500, urlpatterns  # noqa: F401 (Django reads them)


def server_error(request):
    raise RuntimeError("A failure the accessibility suite asks for, to see the 500 page")


def database_down(request):
    raise OperationalError("The database the accessibility suite pretends is unreachable")


urlpatterns = [
    *urlpatterns,
    path("test-only/server-error/", server_error),
    path("test-only/database-down/", database_down),
    path("test-only/too-many-requests/", lambda request: too_many_requests(request, "login")),
]
