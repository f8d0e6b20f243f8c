"""Members' pages for the funding their organisation, or its partnerships, received."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from organisations.permissions import member_organisation_or_404

from .forms import FundingForm
from .models import Funding
from .permissions import member_funding_or_404


@login_required
def funding_list(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    awards = (
        Funding.objects.received_by(organisation)
        .select_related("funder", "partnership", "recipient")
        .defer("funder__search_vector", "partnership__search_vector", "recipient__search_vector")
        .order_by("-awarded_on", "title")
    )
    return render(request, "manage/funding.html", {"organisation": organisation, "awards": awards})


@login_required
@require_http_methods(["GET", "POST"])
def funding_add(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    form = FundingForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        funding = form.save()
        messages.success(request, _("%(title)s has been recorded.") % {"title": funding.title})
        return redirect("manage_partnerships:funding", organisation.slug)
    return render(
        request,
        "manage/funding_form.html",
        {"organisation": organisation, "form": form, "funding": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, slug, pk):
    funding = member_funding_or_404(request.user, slug, pk)
    organisation = funding.managing_organisation
    form = FundingForm(request.POST or None, instance=funding, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, _("Your changes to %(title)s have been saved.") % {"title": funding.title}
        )
        return redirect("manage_partnerships:funding", organisation.slug)
    return render(
        request,
        "manage/funding_form.html",
        {"organisation": organisation, "form": form, "funding": funding},
    )


@login_required
@require_http_methods(["GET", "POST"])
def funding_remove(request, slug, pk):
    """Confirm, then delete the record (it was typed in by members; nothing else uses it)."""
    funding = member_funding_or_404(request.user, slug, pk)
    organisation = funding.managing_organisation
    if request.method == "POST":
        funding.delete()
        messages.success(request, _("%(title)s has been removed.") % {"title": funding.title})
        return redirect("manage_partnerships:funding", organisation.slug)
    return render(
        request,
        "manage/funding_remove.html",
        {"organisation": organisation, "funding": funding},
    )
