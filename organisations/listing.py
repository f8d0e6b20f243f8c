"""What every directory list page does: filter, sort, paginate, and describe the filters in use."""

import hashlib
from dataclasses import dataclass
from functools import wraps

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models import F
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers

from postcodes.geo import KM_PER_MILE
from postcodes.lookup import PostcodeError, locate

from .search import MAX_QUERY_LENGTH, clean_query

# Allowed search radius by unit: (smallest, largest, default).
DISTANCES = {"miles": (0.1, 50, 2), "km": (0.2, 80, 3)}


class DirectoryFilterForm(forms.Form):
    """Checks a postcode and distance together, and finds where the postcode is."""

    place = None

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if "postcode" in self.fields and postcode:
            try:
                self.place = locate(postcode)
            except PostcodeError as error:
                self.add_error("postcode", str(error))
        units = cleaned.get("units") or "miles"
        distance = cleaned.get("distance")
        low, high, _ = DISTANCES[units]
        if distance is not None and not low <= distance <= high:
            self.add_error(
                "distance",
                gettext("Enter a distance from %(low)s to %(high)s %(units)s.")
                % {"low": format(low, "g"), "high": format(high, "g"), "units": units},
            )
        return cleaned

    @property
    def radius_km(self):
        """The search radius in km (the default radius when none was given)."""
        units = self.cleaned_data.get("units") or "miles"
        distance = self.cleaned_data.get("distance") or DISTANCES[units][2]
        return float(distance) * (KM_PER_MILE if units == "miles" else 1)


class SearchFilterSet(django_filters.FilterSet):
    """Search text ``q`` and ``sort`` for a QuerySet with ``search()``.

    Subclasses set ``SORTS``: sort value -> (label, order_by fields). The
    ``relevance`` sort applies only while there is search text.
    """

    SORTS = {
        "relevance": (_("Best match"), ("-rank", "name", "id")),
        "distance": (_("Nearest first"), ("distance_km", "name", "id")),
        "name": (_("Name (A to Z)"), ("name", "id")),
        "updated": (_("Recently updated"), ("-updated", "id")),
    }
    DEFAULT_SORT = "name"

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    postcode = django_filters.CharFilter(
        label=_("Postcode"),
        method="filter_near",
        max_length=10,
        help_text=_("For example M4 5JD, or the first half, like M4"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "spellcheck": "false"}),
    )
    distance = django_filters.NumberFilter(
        label=_("Within"),
        method="filter_nothing",
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the distance as a number, like 2 or 0.5.")},
    )
    units = django_filters.ChoiceFilter(
        label=_("Distance in"),
        method="filter_nothing",
        choices=[("miles", _("miles")), ("km", _("kilometres"))],
        empty_label=None,
        error_messages={"invalid_choice": _("Choose miles or kilometres.")},
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), method="filter_nothing", empty_label=None, choices=[]
    )

    class Meta:
        form = DirectoryFilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["sort"].extra["choices"] = [
            (value, label) for value, (label, _) in self.SORTS.items()
        ]

    @property
    def other_filters(self):
        """The filter panel's fields after the search box, sort and postcode group."""
        shown_elsewhere = {"q", "sort", "postcode", "distance", "units"}
        return [f for f in self.form.visible_fields() if f.name not in shown_elsewhere]

    @property
    def search_text(self):
        self.form.is_valid()
        return clean_query(self.form.cleaned_data.get("q"))

    @property
    def place(self):
        self.form.is_valid()
        return self.form.place

    @property
    def distance_units(self):
        self.form.is_valid()
        return self.form.cleaned_data.get("units") or "miles"

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_near(self, queryset, name, value):
        if self.form.place is None:
            return queryset
        return queryset.near(self.form.place, self.form.radius_km)

    def filter_nothing(self, queryset, name, value):
        return queryset  # sorting happens last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort")
        usable = {
            "relevance": bool(self.search_text),
            "distance": self.form.place is not None,
        }
        if sort not in self.SORTS or not usable.get(sort, True):
            sort = next(
                (s for s in ("distance", "relevance") if usable[s] and s in self.SORTS),
                self.DEFAULT_SORT,
            )
        self.current_sort = sort
        self.sort_choices = [
            (value, label, value == sort)
            for value, (label, _) in self.SORTS.items()
            if usable.get(value, True)
        ]
        ordering = [
            F(field).asc(nulls_last=True) if field == "distance_km" else field
            for field in self.SORTS[sort][1]
        ]
        return queryset.order_by(*ordering)


PUBLIC_PAGES_VERSION_KEY = "public-pages-version"


def public_pages_version():
    """Bumped whenever a listing changes, so every cached public page is made afresh."""
    return cache.get_or_set(PUBLIC_PAGES_VERSION_KEY, 1, timeout=None)


def public_pages_changed(**kwargs):
    """Signal receiver: a listing was saved or deleted (connected in the apps' ready()).

    The version is bumped once the change is committed: bumped earlier, a visitor
    could read the old rows and cache them under the new version for a minute.
    """
    transaction.on_commit(_bump_public_pages)


def _bump_public_pages():
    try:
        cache.incr(PUBLIC_PAGES_VERSION_KEY)
    except ValueError:  # Not set yet (or evicted): any new value retires the old pages.
        cache.set(PUBLIC_PAGES_VERSION_KEY, 2, timeout=None)


def cache_public_page(view):
    """Serve anonymous visitors a copy of the page made in the last minute or so.

    In a crisis a directory's public traffic jumps; the same list and search
    pages are asked for again and again. Signed-in people always get a fresh
    page, marked private so no proxy keeps it. Anonymous copies say
    ``public, max-age`` so a CDN or proxy can keep them too, varying by cookie
    (a signed-in visitor's page differs) and language.
    """

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
        if request.method not in ("GET", "HEAD") or request.user.is_authenticated:
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
            return response
        if not seconds:
            return view(request, *args, **kwargs)
        prefix = f"public:{public_pages_version()}"
        response = cache_page(seconds, key_prefix=prefix)(public_view)(request, *args, **kwargs)
        return response

    @vary_on_headers("Cookie", "Accept-Language")
    def public_view(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True)
        return response

    return wrapped


# Counting hundreds of thousands of matches costs more than showing them: large
# counts are kept for a couple of minutes. Small ones are always exact.
COUNT_CACHE_SECONDS = 120
COUNT_CACHE_ABOVE = 1000


def cached_count(queryset):
    """``queryset.count()``, remembered for a while when it is large."""
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return 0
    key = "count:" + hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        if count > COUNT_CACHE_ABOVE:
            cache.set(key, count, COUNT_CACHE_SECONDS)
    return count


class DirectoryPaginator(Paginator):
    @cached_property
    def count(self):
        return cached_count(self.object_list)


@dataclass
class SelectedFilter:
    label: str
    value: str
    remove_url: str


def selected_filters(request, filterset):
    """One tag for each filter value in use, with a link that removes it."""
    tags = []
    if not hasattr(filterset.form, "cleaned_data"):
        return tags
    for name, field in filterset.form.fields.items():
        if name in ("sort", "page", "distance", "units"):
            continue
        raw_values = request.GET.getlist(name)
        value = filterset.form.cleaned_data.get(name)
        if not raw_values or value in (None, "", []) or name in filterset.form.errors:
            continue
        for raw in raw_values:
            remaining = request.GET.copy()
            remaining.setlist(name, [v for v in raw_values if v != raw])
            remaining.pop("page", None)
            # A chosen record (area, category...) labels itself: no query for the options.
            shown = str(value) if isinstance(value, models.Model) else _display(field, raw)
            label = str(field.label)
            if name == "postcode":
                # The postcode, distance and units make one filter.
                remaining.pop("distance", None)
                remaining.pop("units", None)
                form = filterset.form
                distance = (
                    form.cleaned_data.get("distance") or DISTANCES[filterset.distance_units][2]
                )
                within = (
                    gettext("Within %(distance)s km of")
                    if filterset.distance_units == "km"
                    else gettext("Within %(distance)s miles of")
                )
                label, shown = (
                    within % {"distance": format(distance, "g")},
                    filterset.place.label,
                )
            tags.append(
                SelectedFilter(label=label, value=shown, remove_url="?" + remaining.urlencode())
            )
    return tags


def _display(field, raw):
    choices = getattr(field, "choices", None)
    if choices is not None:
        for value, label in choices:
            if str(getattr(value, "value", value)) == raw:
                return str(label)
    return raw


def list_context(request, filterset, *, title, item_name, item_name_plural, map_caption=""):
    """The context every list template needs: filters, tags, one page of results."""
    paginator = DirectoryPaginator(filterset.qs, settings.DIRECTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    map_points = [
        point
        for item in page.object_list
        if hasattr(item, "map_point") and (point := item.map_point())
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "list_title": title,
        # Which list this is, for sentences that differ by kind (and plural form).
        "kind": filterset.queryset.model._meta.model_name,
        "map_points": map_points,
        "map_caption": map_caption,
        "item_name": item_name,
        "item_name_plural": item_name_plural,
        "filter": filterset,
        "page_obj": page,
        "paginator": paginator,
        "elided_pages": list(
            paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
        ),
        "selected_filters": selected_filters(request, filterset),
        "page_query": query.urlencode(),
        "has_filters": any(v for k, v in request.GET.lists() if k not in ("page", "sort")),
    }
