"""Who may manage an organisation's listing.

Outsiders get a 404, so the pages do not even confirm a listing exists;
members whose role does not allow an action get a 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render

from .models import Membership, Organisation

OWNERS = (Membership.Role.OWNER,)


def member_organisation_or_404(user, slug, roles=None):
    """The organisation ``user`` is a member of, with ``membership`` set to theirs.

    ``roles``: the roles allowed; others get PermissionDenied (403).
    """
    if not user.is_authenticated:
        raise Http404("No organisation matches the given query.")
    membership = (
        Membership.objects.filter(user=user, organisation__slug=slug)
        .select_related("organisation")
        .defer("organisation__search_vector")
        .first()
    )
    if membership is None:
        raise Http404("No organisation matches the given query.")
    if roles is not None and membership.role not in roles:
        raise PermissionDenied("Only the organisation's owners can do this.")
    organisation: Organisation = membership.organisation
    organisation.membership = membership
    return organisation


def officer_required(view):
    """Pages for confirmed council officers: others signed in are told why they cannot
    use them (403); visitors are asked to sign in."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not getattr(request.user, "is_officer", False):
            return render(request, "organisations/officers_only.html", status=403)
        return view(request, *args, **kwargs)

    return login_required(wrapped)
