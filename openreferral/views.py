"""The Open Referral UK 3.0 read API: JSON, GET only, open to any origin."""

import math
import uuid
from functools import wraps

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from organisations.listing import cached_count

from . import ids, openapi, params, queries, records
from .records import Links

ALLOWED_METHODS = "GET, HEAD, OPTIONS"


class NotFound(Exception):
    def __init__(self, message: str, parameter: str | None = None):
        super().__init__(message)
        self.message = message
        self.parameter = parameter


def error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body = {"status": status, "message": message}
    if parameter:
        body["parameter"] = parameter
    return JsonResponse(body, status=status)


def endpoint(view):
    """JSON errors, GET only, and the CORS header every response must carry."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "*"
            response["Access-Control-Max-Age"] = "86400"
        elif request.method not in ("GET", "HEAD"):
            response = error(405, f"{request.method} is not allowed: this API only answers GET.")
        else:
            try:
                response = view(request, *args, **kwargs)
            except params.ParameterError as exc:
                response = error(400, exc.message, exc.parameter)
            except NotFound as exc:
                response = error(404, exc.message, exc.parameter)
        if response.status_code in (204, 405):
            response["Allow"] = ALLOWED_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapper


def page_of(request, rows, serialize) -> JsonResponse:
    """One page of ``rows`` (a queryset or a list) with the profile's page fields."""
    page, per_page = params.paging(request.GET)
    total = len(rows) if isinstance(rows, list) else cached_count(rows)
    total_pages = max(1, math.ceil(total / per_page))
    if page > total_pages:
        raise NotFound(f"There is no page {page}: the last page is {total_pages}.", "page")
    start = (page - 1) * per_page
    contents = [serialize(row) for row in rows[start : start + per_page]]
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page == total_pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


def _record_id(value: str, kind: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise NotFound(f"There is no {kind} with id {value!r}: ids are UUIDs.") from None


def _service_filters(request) -> dict:
    query = request.GET
    return {
        "search": params.text(query, "search"),
        "taxonomy_term_id": params.uuid_value(query, "taxonomy_term_id"),
        "taxonomy_id": params.uuid_value(query, "taxonomy_id"),
        "organization_id": params.uuid_value(query, "organization_id"),
        "modified_after": params.date_time(query, "modified_after"),
        "minimum_age": params.age(query, "minimum_age"),
        "maximum_age": params.age(query, "maximum_age"),
    }


@endpoint
def root(request):
    return JsonResponse(
        {
            "version": records.HSDS_VERSION,
            "profile": records.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
        }
    )


@endpoint
def openapi_document(request):
    base = request.build_absolute_uri(reverse("openreferral:root")).rstrip("/")
    return JsonResponse(openapi.document(base))


@endpoint
def service_list(request):
    links = Links.for_request(request)
    rows = queries.filter_services(queries.services(), **_service_filters(request))
    return page_of(request, rows, lambda item: records.service_brief(item, links))


@endpoint
def service_detail(request, pk):
    item = queries.services_in_full().filter(uuid=_record_id(pk, "service")).first()
    if item is None:
        raise NotFound(f"There is no published service with id {pk}.")
    return JsonResponse(records.service(item, Links.for_request(request)))


@endpoint
def service_at_location_list(request):
    links = Links.for_request(request)
    services = queries.filter_services(queries.services(), **_service_filters(request))
    try:
        place, metres = params.proximity(request.GET)
    except params.UnknownPostcode as error:
        raise NotFound(str(error), "postcode") from None
    rows = queries.service_locations(services)
    if place is not None:
        rows = queries.near(rows, place, metres)
    return page_of(request, rows, lambda link: records.service_at_location_brief(link, links))


@endpoint
def service_at_location_detail(request, pk):
    found = queries.service_location(_record_id(pk, "service at location"))
    if found is None:
        raise NotFound(f"There is no published service at location with id {pk}.")
    item, place = found
    return JsonResponse(records.service_at_location(item, place, Links.for_request(request)))


@endpoint
def organization_list(request):
    links = Links.for_request(request)
    rows = queries.organisations()
    search = params.text(request.GET, "search")
    modified_after = params.date_time(request.GET, "modified_after")
    if modified_after is not None:
        rows = rows.filter(updated__gte=modified_after)
    if search:
        rows = rows.search(search).order_by("-rank", "name", "pk")
    else:
        rows = rows.order_by("name", "pk")
    return page_of(request, rows, lambda item: records.organization_brief(item, links))


@endpoint
def organization_detail(request, pk):
    item = queries.organisations_in_full().filter(uuid=_record_id(pk, "organization")).first()
    if item is None:
        raise NotFound(f"There is no published organization with id {pk}.")
    links = Links.for_request(request)
    return JsonResponse(records.organization(item, links, services=item.services.all()))


@endpoint
def taxonomy_list(request):
    links = Links.for_request(request)
    return page_of(request, [None], lambda _: records.taxonomy(links))


@endpoint
def taxonomy_detail(request, pk):
    if _record_id(pk, "taxonomy") != ids.TAXONOMY_ID:
        raise NotFound(f"There is no taxonomy with id {pk}.")
    return JsonResponse(records.taxonomy(Links.for_request(request), queries.categories()))


@endpoint
def taxonomy_term_list(request):
    links = Links.for_request(request)
    return page_of(request, queries.categories(), lambda term: records.taxonomy_term(term, links))


@endpoint
def taxonomy_term_detail(request, pk):
    term = queries.categories().filter(uuid=_record_id(pk, "taxonomy term")).first()
    if term is None:
        raise NotFound(f"There is no taxonomy term with id {pk}.")
    return JsonResponse(records.taxonomy_term(term, Links.for_request(request)))


@endpoint
def not_found(request, path=""):
    raise NotFound(f"There is nothing at /{path} in this API: see its OpenAPI document.")
