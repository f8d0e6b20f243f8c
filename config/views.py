import logging
import sys

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from config.middleware import RETRY_AFTER_SECONDS, is_database_unavailable, service_unavailable
from organisations.listing import cache_public_page, cached_count
from organisations.models import Area, Organisation
from partnerships.models import Category, Partnership, Service

logger = logging.getLogger(__name__)


@cache_public_page
def home(request):
    context = {
        "counts": {
            "organisations": cached_count(Organisation.objects.published()),
            "partnerships": cached_count(Partnership.objects.published()),
            "services": cached_count(Service.objects.published()),
        },
        "top_categories": Category.objects.filter(parent__isnull=True),
        "areas": Area.objects.councils().only("name", "gss_code"),
    }
    return render(request, "home.html", context)


@never_cache
def healthz(request):
    """200 while the database answers; 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        # One line, no traceback: a load balancer probes every few seconds.
        logger.warning("Health check: the database did not answer: %s", error)
        response = JsonResponse({"status": "unavailable", "database": "down"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def baseline(request):
    """Touches no database: the floor the benchmark compares pages with."""
    return HttpResponse("ok", content_type="text/plain")


def accessibility_statement(request):
    return render(
        request, "accessibility.html", {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL}
    )


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # The database dropped outside a view (a middleware saving the session):
    # still an outage, not a bug.
    if is_database_unavailable(sys.exc_info()[1]):
        return service_unavailable()
    # No context processors that could touch the database: it may be what failed.
    return render(request, "500.html", status=500)
