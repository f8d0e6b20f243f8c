import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.filters import AreaFilter
from organisations.listing import SearchFilterSet
from organisations.models import Organisation

from .models import Audience, Category, Crisis, Partnership, Service


class CategoryFilter(django_filters.ModelChoiceFilter):
    """``?category=food-and-essentials``: by slug, including the categories below it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Category"))
        kwargs.setdefault("queryset", Category.objects.select_related("parent"))
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("All categories"))
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": _("We could not find that category. Choose one from the list.")},
        )
        kwargs.setdefault("method", "filter_category")
        super().__init__(**kwargs)


def crisis_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Crisis"),
        queryset=Crisis.objects.all(),
        to_field_name="slug",
        empty_label=_("Any crisis"),
        error_messages={
            "invalid_choice": _("We could not find that crisis. Choose one from the list.")
        },
    )


class ServiceFilter(SearchFilterSet):
    area = AreaFilter()
    category = CategoryFilter()
    audience = django_filters.ModelChoiceFilter(
        label=_("Who it is for"),
        queryset=Audience.objects.all(),
        to_field_name="slug",
        empty_label=_("Anyone"),
        method="filter_audience",
        error_messages={"invalid_choice": _("Choose who the service is for from the list.")},
    )
    crisis = crisis_filter()
    access = django_filters.MultipleChoiceFilter(
        label=_("How to get it"),
        choices=Service.Access.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose how to get the service from the list.")},
    )
    cost = django_filters.MultipleChoiceFilter(
        label=_("Cost"),
        choices=Service.Cost.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a cost from the list.")},
    )
    availability = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Service.Availability.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )

    # Providers write the languages as they like ("Polish, Urdu"): match a word of it.
    language = django_filters.CharFilter(
        label=_("Offered in a language"),
        help_text=_("For example Polish, Urdu or British Sign Language"),
        field_name="languages",
        lookup_expr="icontains",
        max_length=50,
    )

    class Meta(SearchFilterSet.Meta):
        model = Service
        fields = [
            "q",
            "postcode",
            "distance",
            "units",
            "area",
            "category",
            "audience",
            "crisis",
            "access",
            "cost",
            "availability",
            "language",
            "sort",
        ]

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    def filter_category(self, queryset, name, value):
        return queryset.in_category(value)

    def filter_audience(self, queryset, name, value):
        return queryset.for_audience(value)


class PartnershipFilter(SearchFilterSet):
    # Partnerships have no single place, so they cannot be sorted by distance.
    SORTS = {k: v for k, v in SearchFilterSet.SORTS.items() if k != "distance"}

    council = django_filters.ModelChoiceFilter(
        label=_("Council"),
        queryset=Organisation.objects.published().councils().only("name", "slug"),
        to_field_name="slug",
        empty_label=_("Any council"),
        method="filter_council",
        error_messages={
            "invalid_choice": _("We could not find that council. Choose one from the list.")
        },
    )
    area = AreaFilter()
    category = CategoryFilter()
    crisis = crisis_filter()
    commissioning = django_filters.MultipleChoiceFilter(
        label=_("How it was commissioned"),
        choices=Partnership.Commissioning.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose how it was commissioned from the list.")},
    )
    community_led = django_filters.ChoiceFilter(
        label=_("Community-led"),
        choices=[("yes", _("Community-led only")), ("no", _("Not community-led"))],
        empty_label=_("Either"),
        method="filter_community_led",
        error_messages={"invalid_choice": _("Choose whether the partnership is community-led.")},
    )
    active = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("yes", _("Active")), ("no", _("Ended"))],
        empty_label=_("Active or ended"),
        method="filter_active",
        error_messages={"invalid_choice": _("Choose active or ended.")},
    )

    class Meta(SearchFilterSet.Meta):
        model = Partnership
        fields = [
            "q",
            "postcode",
            "distance",
            "units",
            "council",
            "area",
            "category",
            "crisis",
            "commissioning",
            "community_led",
            "active",
            "sort",
        ]

    def filter_council(self, queryset, name, value):
        return queryset.with_member(value)

    def filter_area(self, queryset, name, value):
        return queryset.in_area(value)

    def filter_category(self, queryset, name, value):
        return queryset.in_category(value)

    def filter_community_led(self, queryset, name, value):
        return queryset.filter(community_led=value == "yes")

    def filter_active(self, queryset, name, value):
        return queryset.active() if value == "yes" else queryset.ended()
