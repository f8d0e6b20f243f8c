import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .listing import SearchFilterSet
from .models import Area, Organisation


class AreaFilter(django_filters.ModelChoiceFilter):
    """``?area=E08000003``: by GSS code, including the areas below it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Area"))
        kwargs.setdefault("queryset", Area.objects.councils().only("name", "gss_code"))
        kwargs.setdefault("to_field_name", "gss_code")
        kwargs.setdefault("empty_label", _("All areas"))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("We could not find that area. Choose an area from the list.")},
        )
        kwargs.setdefault("method", "filter_area")
        super().__init__(**kwargs)


class OrganisationFilter(SearchFilterSet):
    # Listings not confirmed for 18 months sink below the rest.
    SORTS = {
        **SearchFilterSet.SORTS,
        "name": (_("Name (A to Z)"), ("out_of_date", "name", "id")),
    }

    area = AreaFilter()
    kind = django_filters.MultipleChoiceFilter(
        label=_("Type of organisation"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose types of organisation from the list.")},
    )

    class Meta(SearchFilterSet.Meta):
        model = Organisation
        fields = ["q", "postcode", "distance", "units", "area", "kind", "sort"]

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)
