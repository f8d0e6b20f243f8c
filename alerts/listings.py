"""The three directory lists a search can be saved from, and how to run a saved one.

This app sits above both domain apps, so it may import their filters; they
never import it.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.urls import reverse

from organisations.filters import OrganisationFilter
from organisations.models import Organisation
from partnerships.filters import PartnershipFilter, ServiceFilter
from partnerships.models import Partnership, Service

# Never part of a saved search: they choose a page or an order, not what matches.
IGNORED = {"page", "sort"}


@dataclass(frozen=True)
class Listing:
    url_name: str
    filterset_class: type
    queryset: callable

    def filterset(self, query: str):
        return self.filterset_class(
            QueryDict(query), queryset=self.queryset().defer("search_vector"), request=None
        )

    def url(self, query=""):
        return reverse(self.url_name) + (f"?{query}" if query else "")


LISTINGS = {
    "organisations": Listing(
        "organisations:list", OrganisationFilter, lambda: Organisation.objects.published()
    ),
    "services": Listing(
        "partnerships:service_list",
        ServiceFilter,
        lambda: Service.objects.published().select_related("organisation"),
    ),
    "partnerships": Listing(
        "partnerships:list", PartnershipFilter, lambda: Partnership.objects.published()
    ),
}


def listing_for_path(path):
    """Which list a page address belongs to (``/services/`` -> ``"services"``), or None."""
    for key, listing in LISTINGS.items():
        if reverse(listing.url_name) == path:
            return key
    return None


def normalise_query(listing_key, query):
    """The query string with only the list's filters, no empty values, in a fixed order.

    ``?q=food&page=3&area=`` and ``?area=&q=food`` are the same saved search.
    """
    filters = LISTINGS[listing_key].filterset_class.base_filters
    given = QueryDict(query)
    kept = QueryDict(mutable=True)
    for key in sorted(given):
        if key in IGNORED or key not in filters:
            continue
        values = sorted({value.strip() for value in given.getlist(key) if value.strip()})
        if values:
            kept.setlist(key, values)
    return kept.urlencode()
