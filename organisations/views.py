from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

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


@require_http_methods(["GET", "POST"])
def still_correct(request, slug, token):
    """The link in a review reminder: one button confirms the listing is still correct."""
    organisation = Organisation.from_still_correct_token(token)
    if organisation is None or organisation.slug != slug:
        return render(request, "organisations/still_correct_invalid.html", status=400)
    if request.method == "POST":
        organisation.confirm_still_correct()
        messages.success(request, f"Thank you. {organisation.name} is confirmed as correct.")
        return redirect(organisation) if organisation.is_published else redirect("home")
    return render(request, "organisations/still_correct.html", {"organisation": organisation})
