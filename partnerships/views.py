import dataclasses

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organisations.exports import export_response
from organisations.listing import cache_public_page, list_context
from organisations.models import Area

from .filters import PartnershipFilter, ServiceFilter
from .insights import RING_FENCE, Insights
from .models import Crisis, Partnership, Service


@cache_public_page
def partnership_list(request):
    filterset = PartnershipFilter(
        request.GET, queryset=Partnership.objects.published().for_list(), request=request
    )
    context = list_context(
        request,
        filterset,
        title=gettext("Partnerships"),
        item_name=gettext("partnership"),
        item_name_plural=gettext("partnerships"),
    )
    return render(request, "partnerships/list.html", context)


@cache_public_page
def partnership_detail(request, slug):
    partnership = get_object_or_404(Partnership.objects.published().for_detail(), slug=slug)
    context = {
        "partnership": partnership,
        "outcome_totals": partnership.outcome_totals(),
        "funding_total": partnership.funding_total(),
    }
    return render(request, "partnerships/detail.html", context)


@cache_public_page
def service_list(request):
    filterset = ServiceFilter(
        request.GET, queryset=Service.objects.published().for_list(), request=request
    )
    context = list_context(
        request,
        filterset,
        title=gettext("Services"),
        item_name=gettext("service"),
        item_name_plural=gettext("services"),
        map_caption=gettext("Map of where the providers of the services on this page are based."),
    )
    return render(request, "partnerships/service_list.html", context)


@cache_public_page
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


class InsightsForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Council area"),
        queryset=Area.objects.councils().only("name", "gss_code"),
        to_field_name="gss_code",
        required=False,
        empty_label=_("All areas (national)"),
        error_messages={
            "invalid_choice": _("We could not find that area. Choose one from the list.")
        },
    )
    crisis = forms.ModelChoiceField(
        label=_("Crisis"),
        queryset=Crisis.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All crises"),
        error_messages={
            "invalid_choice": _("We could not find that crisis. Choose one from the list.")
        },
    )


@cache_public_page
def insights(request):
    form = InsightsForm(request.GET or None)
    area = crisis = None
    if form.is_bound and form.is_valid():
        area, crisis = form.cleaned_data["area"], form.cleaned_data["crisis"]
    figures = Insights(area=area, crisis=crisis).cached_figures()
    # The figures are cached for every language; the taxonomy's names are
    # translated as they are shown.
    by_category = [
        dataclasses.replace(bar, label=gettext(bar.label)) for bar in figures["by_category"]
    ]
    top = by_category[0] if by_category and by_category[0].value else None
    context = {
        "form": form,
        "area": area,
        "crisis": crisis,
        "ring_fence_percent": int(RING_FENCE * 100),
        "category_summary": (
            gettext(
                "%(label)s had the most services: %(value)s. A service in two categories "
                "counts in both."
            )
            % {"label": top.label, "value": number_format(top.value, force_grouping=True)}
            if top
            else ""
        ),
        **figures,
        "by_category": by_category,
    }
    return render(request, "insights/index.html", context)
