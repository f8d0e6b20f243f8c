"""Who may manage a service, its outcomes, and an organisation's place in a partnership.

Each helper builds on ``member_organisation_or_404``: outsiders get a 404.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from organisations.permissions import member_organisation_or_404

from .models import Funding, PartnershipMember, Service


def member_service_or_404(user, slug, service_slug):
    """A service of an organisation ``user`` is a member of (``service.organisation`` set)."""
    organisation = member_organisation_or_404(user, slug)
    service = get_object_or_404(
        Service.objects.filter(organisation=organisation).defer("search_vector"),
        slug=service_slug,
    )
    service.organisation = organisation
    return service


def awaiting_partner_or_404(user, pk):
    """An unconfirmed place in a partnership for an organisation ``user`` is a member of."""
    if not user.is_authenticated:
        raise Http404("No partnership matches the given query.")
    return get_object_or_404(
        PartnershipMember.objects.awaiting_user(user)
        .select_related("partnership", "organisation")
        .defer("partnership__search_vector", "organisation__search_vector"),
        pk=pk,
    )


def member_funding_or_404(user, slug, pk):
    """A funding record the organisation ``user`` is a member of received, itself or through
    a partnership it confirmed (``funding.managing_organisation`` set).

    Records imported from a funder's published data (360Giving) are read-only: the
    next import would undo a change, so the funder's data is where to correct them.
    """
    organisation = member_organisation_or_404(user, slug)
    funding = get_object_or_404(Funding.objects.received_by(organisation), pk=pk)
    if funding.is_imported:
        raise PermissionDenied(
            "This funding was imported from the funder's published data. Ask the funder to "
            "correct it there."
        )
    funding.managing_organisation = organisation
    return funding
