"""The site's URLs plus one that fails, so the browser suite can check the 500 page.

Mounted only by the tests (settings.ROOT_URLCONF); production has no such route.
"""

from django.urls import path

from config.urls import handler404, handler500, urlpatterns  # noqa: F401 (Django reads them)


def server_error(request):
    raise RuntimeError("A failure the accessibility suite asks for, to see the 500 page")


urlpatterns = [*urlpatterns, path("test-only/server-error/", server_error)]
