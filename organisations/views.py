from django.shortcuts import get_object_or_404, render

from .filters import OrganisationFilter
from .listing import list_context
from .models import Organisation


def organisation_list(request):
    filterset = OrganisationFilter(
        request.GET, queryset=Organisation.objects.published().for_list(), request=request
    )
    return render(
        request,
        "organisations/list.html",
        list_context(
            request,
            filterset,
            title="Organisations",
            item_name="organisation",
            item_name_plural="organisations",
            map_caption="Map of the organisations on this page. Each is listed below.",
        ),
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.published().for_detail(), slug=slug)
    return render(request, "organisations/detail.html", {"organisation": organisation})
