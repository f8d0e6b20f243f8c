from django.shortcuts import get_object_or_404, render

from organisations.exports import export_response
from organisations.listing import list_context

from .filters import PartnershipFilter, ServiceFilter
from .models import Partnership, Service


def partnership_list(request):
    filterset = PartnershipFilter(
        request.GET, queryset=Partnership.objects.published().for_list(), request=request
    )
    context = list_context(
        request,
        filterset,
        title="Partnerships",
        item_name="partnership",
        item_name_plural="partnerships",
    )
    return render(request, "partnerships/list.html", context)


def partnership_detail(request, slug):
    partnership = get_object_or_404(Partnership.objects.published().for_detail(), slug=slug)
    context = {
        "partnership": partnership,
        "outcome_totals": partnership.outcome_totals(),
        "funding_total": partnership.funding_total(),
    }
    return render(request, "partnerships/detail.html", context)


def service_list(request):
    filterset = ServiceFilter(
        request.GET, queryset=Service.objects.published().for_list(), request=request
    )
    context = list_context(
        request,
        filterset,
        title="Services",
        item_name="service",
        item_name_plural="services",
        map_caption="Map of where the providers of the services on this page are based.",
    )
    return render(request, "partnerships/service_list.html", context)


def service_detail(request, slug):
    service = get_object_or_404(Service.objects.published().for_detail(), slug=slug)
    return render(request, "partnerships/service_detail.html", {"service": service})


def _absolute(obj, request):
    return request.build_absolute_uri(obj.get_absolute_url())


def _names(related):
    return "; ".join(item.name for item in related.all())


SERVICE_COLUMNS = [
    ("name", lambda s, r: s.name),
    ("url", _absolute),
    ("provider", lambda s, r: s.organisation.name),
    ("provider_url", lambda s, r: _absolute(s.organisation, r)),
    ("description", lambda s, r: s.description),
    ("categories", lambda s, r: _names(s.categories)),
    ("how_to_get_it", lambda s, r: s.get_access_display()),
    ("cost", lambda s, r: s.get_cost_display()),
    ("languages", lambda s, r: s.languages),
    ("status", lambda s, r: s.get_availability_display()),
    ("crisis", lambda s, r: s.crisis.name if s.crisis_id else ""),
    ("started", lambda s, r: s.started),
    ("ended", lambda s, r: s.ended),
    ("phone", lambda s, r: s.phone),
    ("email", lambda s, r: s.email),
    ("website", lambda s, r: s.website),
]

PARTNERSHIP_COLUMNS = [
    ("name", lambda p, r: p.name),
    ("url", _absolute),
    ("description", lambda p, r: p.description),
    ("commissioning", lambda p, r: p.get_commissioning_display()),
    ("community_led", lambda p, r: p.community_led),
    ("crisis", lambda p, r: p.crisis.name if p.crisis_id else ""),
    ("started", lambda p, r: p.started),
    ("ended", lambda p, r: p.ended),
    (
        "members",
        lambda p, r: "; ".join(
            f"{m.organisation.name} ({m.get_role_display()})" for m in p.members.all()
        ),
    ),
]


def service_export(request, fmt):
    filterset = ServiceFilter(
        request.GET,
        queryset=Service.objects.published().for_list().select_related("crisis"),
        request=request,
    )
    return export_response(filterset.qs, SERVICE_COLUMNS, "services", fmt, request)


def partnership_export(request, fmt):
    filterset = PartnershipFilter(
        request.GET, queryset=Partnership.objects.published().for_list(), request=request
    )
    return export_response(filterset.qs, PARTNERSHIP_COLUMNS, "partnerships", fmt, request)
