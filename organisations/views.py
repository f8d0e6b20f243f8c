from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from .exports import export_response
from .filters import OrganisationFilter
from .listing import cache_public_page, list_context
from .models import Organisation


@cache_public_page
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
            title=gettext("Organisations"),
            item_name=gettext("organisation"),
            item_name_plural=gettext("organisations"),
            map_caption=gettext("Map of the organisations on this page. Each is listed below."),
        ),
    )


def _absolute(obj, request):
    return request.build_absolute_uri(obj.get_absolute_url())


ORGANISATION_COLUMNS = [
    ("name", lambda o, r: o.name),
    ("type", lambda o, r: o.get_kind_display()),
    ("url", _absolute),
    ("description", lambda o, r: o.description),
    ("areas", lambda o, r: "; ".join(a.name for a in o.areas.all())),
    ("area_codes", lambda o, r: "; ".join(a.gss_code for a in o.areas.all())),
    ("charity_number", lambda o, r: o.charity_number),
    ("company_number", lambda o, r: o.company_number),
    ("website", lambda o, r: o.website),
    ("email", lambda o, r: o.email),
    ("phone", lambda o, r: o.phone),
    ("address", lambda o, r: o.address),
    ("postcode", lambda o, r: o.postcode),
    ("latitude", lambda o, r: o.latitude),
    ("longitude", lambda o, r: o.longitude),
    ("last_confirmed", lambda o, r: o.last_confirmed),
]


def organisation_export(request, fmt):
    """The filtered list of organisations as CSV or JSON."""
    filterset = OrganisationFilter(
        request.GET, queryset=Organisation.objects.published().for_list(), request=request
    )
    return export_response(filterset.qs, ORGANISATION_COLUMNS, "organisations", fmt, request)


def _contacts_cell(organisation, request):
    return "; ".join(
        f"{contact.as_text()} ({contact.get_visibility_display()})"
        for contact in organisation.visible_contacts
    )


def _contacts_list(organisation, request):
    return [
        {
            "name": contact.name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
            "visibility": contact.visibility,
        }
        for contact in organisation.visible_contacts
    ]


def organisation_officer_export(request, fmt):
    """The filtered list with every named contact, for council officers and curators only."""
    if not getattr(request.user, "can_see_council_contacts", False):
        raise Http404(gettext("This download is for council officers only."))
    queryset = Organisation.objects.published().for_list().with_contacts_for(request.user)
    filterset = OrganisationFilter(request.GET, queryset=queryset, request=request)
    contacts = _contacts_list if fmt == "json" else _contacts_cell
    columns = [*ORGANISATION_COLUMNS, ("contacts", contacts)]
    response = export_response(filterset.qs, columns, "organisations-with-contacts", fmt, request)
    response["Cache-Control"] = "private, no-store"
    return response


@cache_public_page
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.published().for_detail().with_contacts_for(request.user), slug=slug
    )
    response = render(request, "organisations/detail.html", {"organisation": organisation})
    if getattr(request.user, "can_see_council_contacts", False):
        # Nobody between us and the officer may keep a copy with council-only contacts.
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
def still_correct(request, slug, token):
    """The link in a review reminder: one button confirms the listing is still correct."""
    organisation = Organisation.from_still_correct_token(token)
    if organisation is None or organisation.slug != slug:
        return render(request, "organisations/still_correct_invalid.html", status=400)
    if request.method == "POST":
        organisation.confirm_still_correct()
        messages.success(
            request,
            gettext("Thank you. %(organisation)s is confirmed as correct.")
            % {"organisation": organisation.name},
        )
        return redirect(organisation) if organisation.is_published else redirect("home")
    return render(request, "organisations/still_correct.html", {"organisation": organisation})
