from django import template

from ..models import Shortlist

register = template.Library()


def officer_shortlists(request):
    """The signed-in officer's shortlists, fetched once per request however many buttons."""
    if not hasattr(request, "_officer_shortlists"):
        request._officer_shortlists = list(
            Shortlist.objects.owned_by(request.user).only("pk", "name")
        )
    return request._officer_shortlists


@register.inclusion_tag("shortlists/includes/add_form.html", takes_context=True)
def add_to_shortlist_form(context, organisation):
    """'Add to shortlist' for an organisation page: a small POST form, no JavaScript."""
    request = context["request"]
    return {
        "organisation": organisation,
        "shortlists": officer_shortlists(request),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
