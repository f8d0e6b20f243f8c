"""What every directory list page does: filter, sort, paginate, and describe the filters in use."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.core.paginator import Paginator

from .search import MAX_QUERY_LENGTH, clean_query


class SearchFilterSet(django_filters.FilterSet):
    """Search text ``q`` and ``sort`` for a QuerySet with ``search()``.

    Subclasses set ``SORTS``: sort value -> (label, order_by fields). The
    ``relevance`` sort applies only while there is search text.
    """

    SORTS = {
        "relevance": ("Best match", ("-rank", "name", "id")),
        "name": ("Name (A to Z)", ("name", "id")),
        "updated": ("Recently updated", ("-updated", "id")),
    }
    DEFAULT_SORT = "name"

    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", method="filter_nothing", empty_label=None, choices=[]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["sort"].extra["choices"] = [
            (value, label) for value, (label, _) in self.SORTS.items()
        ]

    @property
    def search_text(self):
        return clean_query(self.form.cleaned_data.get("q")) if self.form.is_valid() else ""

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_nothing(self, queryset, name, value):
        return queryset  # sorting happens last, in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort")
        if sort not in self.SORTS or (sort == "relevance" and not self.search_text):
            sort = "relevance" if self.search_text else self.DEFAULT_SORT
        self.current_sort = sort
        return queryset.order_by(*self.SORTS[sort][1])


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
        if name in ("sort", "page"):
            continue
        raw_values = request.GET.getlist(name)
        value = filterset.form.cleaned_data.get(name)
        if not raw_values or value in (None, "", []) or name in filterset.form.errors:
            continue
        for raw in raw_values:
            remaining = request.GET.copy()
            remaining.setlist(name, [v for v in raw_values if v != raw])
            remaining.pop("page", None)
            tags.append(
                SelectedFilter(
                    label=str(field.label),
                    value=_display(field, raw),
                    remove_url="?" + remaining.urlencode(),
                )
            )
    return tags


def _display(field, raw):
    choices = getattr(field, "choices", None)
    if choices is not None:
        for value, label in choices:
            if str(getattr(value, "value", value)) == raw:
                return str(label)
    return raw


def list_context(request, filterset, *, title, item_name, item_name_plural):
    """The context every list template needs: filters, tags, one page of results."""
    paginator = Paginator(filterset.qs, settings.DIRECTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "list_title": title,
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
