"""Members' pages for services, outcome figures and partnerships (under /manage/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from organisations.models import Membership, ModerationStatus
from organisations.notifications import Subject, notify
from organisations.permissions import member_organisation_or_404

from .forms import OutcomeForm, PartnershipProposalForm, ServiceForm
from .permissions import awaiting_partner_or_404, member_service_or_404

# Services ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def service_add(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    form = ServiceForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        service = form.save()
        if service.status == ModerationStatus.PUBLISHED:
            messages.success(
                request,
                gettext("%(service)s has been added to your listing.") % {"service": service.name},
            )
        else:
            messages.success(
                request,
                gettext(
                    "%(service)s has been added. It will be shown once a curator publishes "
                    "%(organisation)s."
                )
                % {"service": service.name, "organisation": organisation.name},
            )
        return redirect("manage:organisation", organisation.slug)
    return render(
        request,
        "manage/service_form.html",
        {"organisation": organisation, "form": form, "service": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, slug, service_slug):
    service = member_service_or_404(request.user, slug, service_slug)
    organisation = service.organisation
    form = ServiceForm(request.POST or None, instance=service, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            gettext("Your changes to %(service)s have been saved.") % {"service": service.name},
        )
        return redirect("manage:organisation", organisation.slug)
    return render(
        request,
        "manage/service_form.html",
        {"organisation": organisation, "form": form, "service": service},
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_end(request, slug, service_slug):
    """Confirm, then mark the service as ended today. It stays listed, marked as ended."""
    service = member_service_or_404(request.user, slug, service_slug)
    if request.method == "POST":
        service.end()
        messages.success(
            request, gettext("%(service)s is now shown as ended.") % {"service": service.name}
        )
        return redirect("manage:organisation", service.organisation.slug)
    return render(
        request,
        "manage/service_end.html",
        {"organisation": service.organisation, "service": service},
    )


# Outcome figures ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outcomes(request, slug, service_slug):
    """The figures recorded for a service, and a form to record another period."""
    service = member_service_or_404(request.user, slug, service_slug)
    form = OutcomeForm(request.POST or None, service=service)
    if request.method == "POST" and form.is_valid():
        outcome = form.save()
        messages.success(
            request,
            gettext("Figures for %(period_start)s to %(period_end)s have been saved.")
            % {
                "period_start": date_format(outcome.period_start, "j F Y"),
                "period_end": date_format(outcome.period_end, "j F Y"),
            },
        )
        return redirect("manage_partnerships:outcomes", slug, service_slug)
    return render(
        request,
        "manage/outcomes.html",
        {
            "organisation": service.organisation,
            "service": service,
            "outcomes": service.outcomes.order_by("-period_start"),
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, slug, service_slug, pk):
    service = member_service_or_404(request.user, slug, service_slug)
    outcome = get_object_or_404(service.outcomes, pk=pk)
    form = OutcomeForm(request.POST or None, instance=outcome, service=service)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your changes to the figures have been saved."))
        return redirect("manage_partnerships:outcomes", slug, service_slug)
    return render(
        request,
        "manage/outcome_form.html",
        {"organisation": service.organisation, "service": service, "form": form},
    )


# Partnerships ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def propose_partnership(request):
    """Propose a partnership. Searching re-renders the form; proposing saves it, pending."""
    if not Membership.objects.filter(user=request.user).exists():
        raise Http404("Only members of an organisation can propose a partnership.")
    searching = request.method == "POST" and "search" in request.POST
    if searching:
        form = PartnershipProposalForm.redisplay(request.POST, user=request.user)
    else:
        form = PartnershipProposalForm(request.POST or None, user=request.user)
    if request.method == "POST" and not searching and form.is_valid():
        partnership = form.save()
        proposer = form.cleaned_data["organisation"]
        link = request.build_absolute_uri(reverse("manage:dashboard"))
        for partner in form.cleaned_data["partners"]:
            notify(
                partner.memberships.values_list("user__email", flat=True),
                Subject(
                    gettext_noop("%(proposer)s says you are partners in %(partnership)s"),
                    proposer=proposer.name,
                    partnership=partnership.name,
                ),
                "manage/emails/partnership_proposed.txt",
                {
                    "partnership": partnership,
                    "proposer": proposer,
                    "organisation": partner,
                    "link": link,
                },
            )
        proposer.notify_curators(
            Subject(
                gettext_noop("New partnership to check: %(partnership)s"),
                partnership=partnership.name,
            ),
            "manage/emails/partnership_to_check.txt",
            {
                "partnership": partnership,
                "user": request.user,
                "partners": form.cleaned_data["partners"],
            },
        )
        messages.success(
            request,
            gettext(
                "%(partnership)s has been proposed. Each partner is asked to confirm, and a "
                "curator checks it before it is shown."
            )
            % {"partnership": partnership.name},
        )
        return redirect("manage:dashboard")
    return render(request, "manage/propose_partnership.html", {"form": form})


@login_required
@require_POST
def partnership_confirm(request, pk):
    place = awaiting_partner_or_404(request.user, pk)
    place.confirm()
    messages.success(
        request,
        gettext("%(organisation)s is confirmed as a member of %(partnership)s.")
        % {"organisation": place.organisation.name, "partnership": place.partnership.name},
    )
    return redirect("manage:dashboard")


@login_required
@require_POST
def partnership_decline(request, pk):
    place = awaiting_partner_or_404(request.user, pk)
    place.delete()
    messages.success(
        request,
        gettext("%(organisation)s will not be shown as a member of %(partnership)s.")
        % {"organisation": place.organisation.name, "partnership": place.partnership.name},
    )
    return redirect("manage:dashboard")
