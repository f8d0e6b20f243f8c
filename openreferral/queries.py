"""The querysets the API and the export read through.

Each starts from the domain apps' ``published()`` so nothing a curator has not
published leaves the directory, and carries its own ``select_related`` and
``prefetch_related`` so a page costs the same number of queries at any size.
"""

import math

from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce

from organisations.models import Area, Location, Organisation
from partnerships.models import Category, Funding, Service

from . import ids

ServiceLocation = Service.locations.through

SEARCH_VECTORS = ("search_vector", "organisation__search_vector")


def services():
    """Published services with their organisation: what a list item shows."""
    return Service.objects.published().defer(*SEARCH_VECTORS).select_related("organisation")


def services_in_full():
    """Published services with everything ``records.service`` nests."""
    return (
        Service.objects.published()
        .defer(*SEARCH_VECTORS, "partnership__search_vector")
        .select_related("organisation", "partnership")
        .prefetch_related(
            Prefetch("categories", queryset=categories()),
            Prefetch("areas", queryset=Area.objects.only("name", "gss_code")),
            Prefetch("locations", queryset=Location.objects.order_by("name", "pk")),
            Prefetch(
                "partnership__funding",
                queryset=Funding.objects.select_related("funder").defer("funder__search_vector"),
            ),
        )
    )


def organisations():
    return Organisation.objects.published().defer("search_vector")


def organisations_in_full():
    """Published organisations with their published services nested in full."""
    return organisations().prefetch_related(
        Prefetch("services", queryset=services_in_full().order_by("name", "pk"))
    )


def categories():
    """Every category with its parent, top-level ones first and each followed by its children."""
    return Category.objects.select_related("parent").order_by(
        Coalesce("parent__position", "position"),
        Coalesce("parent__name", "name"),
        F("parent").asc(nulls_first=True),
        "position",
        "name",
        "pk",
    )


def service_locations(service_queryset):
    """The links between ``service_queryset``'s services and their locations."""
    return (
        ServiceLocation.objects.filter(service__in=service_queryset.values("pk"))
        .select_related("service__organisation", "location")
        .defer("service__search_vector", "service__organisation__search_vector")
        .order_by("service__name", "service_id", "location__name", "location_id")
    )


def service_location(link_id):
    """The published service and its location behind a service-at-location id, or None."""
    prefixes = ids.split_service_at_location(link_id)
    if prefixes is None:
        return None
    service_low, service_high = ids.uuid_range(prefixes[0])
    location_low, location_high = ids.uuid_range(prefixes[1])
    candidates = ServiceLocation.objects.filter(
        service__in=Service.objects.published().values("pk"),
        service__uuid__gte=service_low,
        service__uuid__lte=service_high,
        location__uuid__gte=location_low,
        location__uuid__lte=location_high,
    ).values_list("service_id", "service__uuid", "location_id", "location__uuid")
    for service_pk, service_uuid, location_pk, location_uuid in candidates:
        if ids.service_at_location(service_uuid, location_uuid) == link_id:
            return services_in_full().get(pk=service_pk), Location.objects.get(pk=location_pk)
    return None


def filter_services(
    queryset,
    *,
    search,
    taxonomy_term_id,
    taxonomy_id,
    organization_id,
    modified_after,
    minimum_age,
    maximum_age,
):
    """``queryset`` narrowed by the profile's filters, ordered for stable paging.

    Ages follow the profile's wording: ``minimum_age`` keeps services whose
    minimum age is at least the value, ``maximum_age`` those whose maximum
    age is at most the value; services with no limit set do not match.
    """
    if taxonomy_term_id is not None:
        category = Category.objects.filter(uuid=taxonomy_term_id).first()
        queryset = queryset.in_category(category) if category else queryset.none()
    if taxonomy_id is not None:
        if taxonomy_id == ids.TAXONOMY_ID:
            categorised = Service.categories.through.objects.values("service_id")
            queryset = queryset.filter(pk__in=categorised)
        else:
            queryset = queryset.none()
    if organization_id is not None:
        queryset = queryset.filter(organisation__uuid=organization_id)
    if modified_after is not None:
        queryset = queryset.filter(updated__gte=modified_after)
    if minimum_age is not None:
        queryset = queryset.filter(minimum_age__gte=math.ceil(minimum_age))
    if maximum_age is not None:
        queryset = queryset.filter(maximum_age__lte=math.floor(maximum_age))
    if search:
        return queryset.search(search).order_by("-rank", "name", "pk")
    return queryset.order_by("name", "pk")


def near(service_locations_queryset, place, metres=None):
    """Service-at-location rows nearest ``place`` first; within ``metres`` if given."""
    from postcodes.geo import bounding_box, distance_km_expression

    rows = service_locations_queryset.annotate(
        distance_km=distance_km_expression(place.point, "location__latitude", "location__longitude")
    ).filter(location__latitude__isnull=False, location__longitude__isnull=False)
    if metres is not None:
        km = metres / 1000
        min_lat, max_lat, min_lon, max_lon = bounding_box(place.point, km)
        rows = rows.filter(
            location__latitude__range=(min_lat, max_lat),
            location__longitude__range=(min_lon, max_lon),
            distance_km__lte=km,
        )
    return rows.order_by("distance_km", "service__name", "service_id", "location_id")
