from django.shortcuts import get_object_or_404, render

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
