"""Pages for the people who run an organisation: /manage/, registering, claiming,
members, invitations; and the public "report a problem" form on each listing.

Services, outcomes and partnerships are managed from partnerships/manage_views.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext, gettext_noop
from django.views.decorators.http import require_http_methods, require_POST

from accounts import ratelimits
from postcodes.lookup import PostcodeError, locate

from .forms import (
    REGISTRATION_STEPS,
    ClaimForm,
    ContactForm,
    InvitationForm,
    OrganisationProfileForm,
    ProblemReportForm,
    session_answers,
)
from .models import (
    Area,
    ClaimRequest,
    Invitation,
    Membership,
    ModerationStatus,
    Organisation,
    ReviewStatus,
)
from .notifications import Subject, notify
from .permissions import OWNERS, member_organisation_or_404

REGISTRATION_SESSION_KEY = "register_organisation"
STEP_SLUGS = [slug for slug, _, _ in REGISTRATION_STEPS]


def _absolute(request, url):
    return request.build_absolute_uri(url)


# The dashboard -------------------------------------------------------------


@login_required
def dashboard(request):
    """The signed-in person's organisations, requests and partnerships to confirm."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .defer("organisation__search_vector")
        .order_by("organisation__name")
    )
    # Partnerships live in the upper app; reach them through the reverse relation.
    partner_model = Organisation._meta.get_field("partnership_roles").related_model
    awaiting = (
        partner_model.objects.awaiting_user(request.user)
        .select_related("partnership", "organisation", "proposed_by")
        .defer("partnership__search_vector", "organisation__search_vector")
        .order_by("partnership__name", "organisation__name")
    )
    claims = (
        ClaimRequest.objects.filter(user=request.user)
        .exclude(status=ReviewStatus.APPROVED)
        .select_related("organisation")
        .defer("organisation__search_vector")
    )
    return render(
        request,
        "manage/dashboard.html",
        {"memberships": memberships, "awaiting": awaiting, "claims": claims},
    )


# Registering an organisation ------------------------------------------------


def _answers(request):
    return request.session.get(REGISTRATION_SESSION_KEY, {})


def _first_unanswered(answers, before=None):
    for slug in STEP_SLUGS:
        if slug == before:
            return None
        if slug not in answers:
            return slug
    return None


def _suggested(step, answers):
    """First-time answers worth offering: the council area of the postcode given."""
    postcode = answers.get("contact", {}).get("postcode")
    if step != "areas" or not postcode:
        return {}
    try:
        place = locate(postcode)
    except PostcodeError:
        return {}
    area = Area.objects.filter(gss_code=place.local_authority).values_list("pk", flat=True)
    return {"areas": [str(pk) for pk in area]}


def _combined(answers):
    data = {}
    for slug in STEP_SLUGS:
        data.update(answers.get(slug, {}))
    return data


@login_required
@require_http_methods(["GET", "POST"])
def register_start(request):
    if request.method == "POST":  # "Start again"
        request.session.pop(REGISTRATION_SESSION_KEY, None)
        return redirect("manage:register_step", STEP_SLUGS[0])
    return render(request, "manage/register/start.html", {"in_progress": bool(_answers(request))})


@login_required
@require_http_methods(["GET", "POST"])
def register_step(request, step):
    """One question page of registration. Answers wait in the session, not the database."""
    steps = {slug: (form_class, heading) for slug, form_class, heading in REGISTRATION_STEPS}
    if step not in steps:
        raise Http404("No such question.")
    answers = _answers(request)
    if missing := _first_unanswered(answers, before=step):
        return redirect("manage:register_step", missing)
    form_class, heading = steps[step]
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            answers[step] = session_answers(form)
            request.session[REGISTRATION_SESSION_KEY] = answers
            if step == STEP_SLUGS[-1]:
                return redirect("manage:register_duplicates")
            if changing and not _first_unanswered(answers):
                return redirect("manage:register_check")
            return redirect("manage:register_step", STEP_SLUGS[STEP_SLUGS.index(step) + 1])
    else:
        form = form_class(initial=answers.get(step) or _suggested(step, answers))
    index = STEP_SLUGS.index(step)
    if changing:
        back_url = reverse("manage:register_check")
    elif index:
        back_url = reverse("manage:register_step", args=[STEP_SLUGS[index - 1]])
    else:
        back_url = reverse("manage:register_start")
    return render(
        request,
        "manage/register/step.html",
        {
            "form": form,
            "heading": heading,
            "step_number": index + 1,
            "step_count": len(STEP_SLUGS),
            "back_url": back_url,
        },
    )


def _likely_duplicates(answers):
    data = _combined(answers)
    return (
        Organisation.objects.published()
        .likely_duplicates(
            data.get("name", ""),
            areas=data.get("areas", []),
            charity_number=data.get("charity_number", ""),
            company_number=data.get("company_number", ""),
        )
        .with_has_members()
        .defer("search_vector")[:5]
    )


@login_required
def register_duplicates(request):
    """'Is this you?': offer to claim a listing that looks like the one being registered."""
    answers = _answers(request)
    if missing := _first_unanswered(answers):
        return redirect("manage:register_step", missing)
    duplicates = list(_likely_duplicates(answers))
    if not duplicates:
        return redirect("manage:register_check")
    mine = set(
        Membership.objects.filter(user=request.user, organisation__in=duplicates).values_list(
            "organisation_id", flat=True
        )
    )
    for organisation in duplicates:
        organisation.is_mine = organisation.pk in mine
    return render(
        request,
        "manage/register/duplicates.html",
        {"duplicates": duplicates, "name": answers["name"]["name"]},
    )


def _check_answer_rows(answers):
    """(step, field, question, answer) for the "Check your answers" summary list."""
    not_given = gettext("Not given")
    return [
        ("name", "name", gettext("Name"), answers["name"]),
        ("name", "kind_0", gettext("Type"), Organisation.Kind(answers["kind"]).label),
        ("about", "description", gettext("What it does"), answers["description"]),
        (
            "about",
            "charity_number",
            gettext("Charity number"),
            answers["charity_number"] or not_given,
        ),
        (
            "about",
            "company_number",
            gettext("Company number"),
            answers["company_number"] or not_given,
        ),
        ("contact", "website", gettext("Website"), answers["website"] or not_given),
        ("contact", "email", gettext("Public email address"), answers["email"] or not_given),
        ("contact", "phone", gettext("Public phone number"), answers["phone"] or not_given),
        ("contact", "address", gettext("Address"), answers["address"] or not_given),
        ("contact", "postcode", gettext("Postcode"), answers["postcode"] or not_given),
        ("areas", "areas_0", gettext("Council areas"), ", ".join(a.name for a in answers["areas"])),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def register_check(request):
    """Check your answers; the POST creates the listing, pending a curator's check."""
    answers = _answers(request)
    if missing := _first_unanswered(answers):
        return redirect("manage:register_step", missing)
    form = OrganisationProfileForm(data=_combined(answers))
    if not form.is_valid():
        # Answers kept in the session no longer fit (an area was removed, say).
        for slug, form_class, _ in REGISTRATION_STEPS:
            if set(form.errors) & set(form_class.base_fields):
                messages.error(request, gettext("Check your answer to this question again."))
                del answers[slug]
                request.session[REGISTRATION_SESSION_KEY] = answers
                return redirect("manage:register_step", slug)
        return redirect("manage:register_start")
    if request.method == "POST":
        organisation = form.register(request.user)
        request.session.pop(REGISTRATION_SESSION_KEY, None)
        organisation.notify_curators(
            Subject(
                gettext_noop("New listing to check: %(organisation)s"),
                organisation=organisation.name,
            ),
            "manage/emails/new_listing.txt",
            {
                "user": request.user,
                "admin_url": _absolute(
                    request,
                    reverse("admin:organisations_organisation_change", args=[organisation.pk]),
                ),
            },
        )
        messages.success(
            request,
            gettext(
                "%(organisation)s has been sent to a curator to check. It will appear in the "
                "directory once they publish it."
            )
            % {"organisation": organisation.name},
        )
        return redirect("manage:organisation", organisation.slug)
    return render(
        request,
        "manage/register/check.html",
        {"rows": _check_answer_rows(form.cleaned_data), "duplicates": _likely_duplicates(answers)},
    )


# One organisation ----------------------------------------------------------


@login_required
def organisation_overview(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    services = organisation.services.defer("search_vector").order_by("availability", "name")
    roles = (
        organisation.partnership_roles.select_related("partnership")
        .defer("partnership__search_vector")
        .order_by("partnership__name")
    )
    return render(
        request,
        "manage/organisation.html",
        {
            "organisation": organisation,
            "areas": organisation.areas.all(),
            "services": services,
            "partnership_roles": roles,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    was_rejected = organisation.status == ModerationStatus.REJECTED
    form = OrganisationProfileForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        if was_rejected:
            organisation.notify_curators(
                Subject(
                    gettext_noop("Changed listing to check again: %(organisation)s"),
                    organisation=organisation.name,
                ),
                "manage/emails/new_listing.txt",
                {
                    "user": request.user,
                    "changed": True,
                    "admin_url": _absolute(
                        request,
                        reverse("admin:organisations_organisation_change", args=[organisation.pk]),
                    ),
                },
            )
            messages.success(request, gettext("Your changes have been sent to a curator to check."))
        else:
            messages.success(request, gettext("Your changes have been saved."))
        return redirect("manage:organisation", organisation.slug)
    return render(
        request, "manage/organisation_form.html", {"organisation": organisation, "form": form}
    )


@login_required
@require_POST
def still_correct(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    organisation.confirm_still_correct()
    messages.success(
        request,
        gettext("Thank you. %(organisation)s is confirmed as correct today.")
        % {"organisation": organisation.name},
    )
    return redirect("manage:organisation", organisation.slug)


# Named contacts ------------------------------------------------------------


@login_required
def contacts(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    return render(
        request,
        "manage/contacts.html",
        {"organisation": organisation, "contacts": organisation.contacts.all()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, slug, pk=None):
    """Add a contact (no ``pk``) or change one."""
    organisation = member_organisation_or_404(request.user, slug)
    contact = get_object_or_404(organisation.contacts, pk=pk) if pk else None
    form = ContactForm(request.POST or None, instance=contact, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        contact = form.save()
        if pk:
            messages.success(request, gettext("The contact has been changed."))
        else:
            messages.success(request, gettext("%(name)s has been added.") % {"name": contact.name})
        return redirect("manage:contacts", organisation.slug)
    return render(
        request,
        "manage/contact_form.html",
        {"organisation": organisation, "form": form, "contact": contact},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request, slug, pk):
    organisation = member_organisation_or_404(request.user, slug)
    contact = get_object_or_404(organisation.contacts, pk=pk)
    if request.method == "POST":
        contact.delete()
        messages.success(request, gettext("%(name)s has been removed.") % {"name": contact.name})
        return redirect("manage:contacts", organisation.slug)
    return render(
        request, "manage/contact_delete.html", {"organisation": organisation, "contact": contact}
    )


# Members and invitations ----------------------------------------------------


@login_required
def members(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    people = organisation.memberships.select_related("user").order_by("role", "user__email")
    invitations = [
        invitation
        for invitation in organisation.invitations.filter(accepted_at__isnull=True)
        if not invitation.is_expired
    ]
    return render(
        request,
        "manage/members.html",
        {"organisation": organisation, "people": people, "invitations": invitations},
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request, slug):
    organisation = member_organisation_or_404(request.user, slug, roles=OWNERS)
    if ratelimits.blocked_until(request, "invite"):
        return ratelimits.too_many_requests(request, "invite")
    form = InvitationForm(request.POST or None, organisation=organisation, invited_by=request.user)
    if request.method == "POST" and form.is_valid():
        if not ratelimits.consume(request, "invite"):
            return ratelimits.too_many_requests(request, "invite")
        invitation = form.save()
        link = _absolute(request, reverse("manage:invitation", args=[invitation.token]))
        notify(
            [invitation.email],
            Subject(
                gettext_noop("Help keep the listing for %(organisation)s up to date"),
                organisation=organisation.name,
            ),
            "manage/emails/invitation.txt",
            {"invitation": invitation, "organisation": organisation, "link": link},
            # Someone new: the language the invitation was sent from.
            language=get_language(),
        )
        messages.success(
            request,
            gettext("We have emailed an invitation to %(email)s.") % {"email": invitation.email},
        )
        return redirect("manage:members", organisation.slug)
    return render(request, "manage/invite.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def remove_member(request, slug, pk):
    organisation = member_organisation_or_404(request.user, slug, roles=OWNERS)
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    if membership.user_id == request.user.pk:
        return redirect("manage:leave", organisation.slug)
    error = None
    if request.method == "POST":
        try:
            membership.end()
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, gettext("%(user)s is no longer a member.") % {"user": membership.user}
            )
            return redirect("manage:members", organisation.slug)
    return render(
        request,
        "manage/remove_member.html",
        {"organisation": organisation, "person": membership, "error": error},
        status=409 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def leave(request, slug):
    organisation = member_organisation_or_404(request.user, slug)
    error = None
    if request.method == "POST":
        try:
            organisation.membership.end()
        except ValidationError as exc:
            error = (
                gettext(
                    "You are the only owner of %(organisation)s. Invite someone else as an "
                    "owner, and wait for them to accept, before you leave."
                )
                % {"organisation": organisation.name}
                if exc.code == "last_owner"
                else exc.messages[0]
            )
        else:
            messages.success(
                request,
                gettext("You are no longer a member of %(organisation)s.")
                % {"organisation": organisation.name},
            )
            return redirect("manage:dashboard")
    return render(
        request,
        "manage/leave.html",
        {"organisation": organisation, "error": error},
        status=409 if error else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The emailed link: whoever follows it, signed in with any account, may join."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by").defer(
            "organisation__search_vector"
        ),
        token=token,
    )
    organisation = invitation.organisation
    if not invitation.is_usable:
        return render(
            request,
            "manage/invitation_unusable.html",
            {"invitation": invitation, "organisation": organisation},
            status=410,
        )
    if request.method == "POST":
        try:
            invitation.accept(request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("manage:invitation", token)
        messages.success(
            request,
            gettext("You are now a member of %(organisation)s.")
            % {"organisation": organisation.name},
        )
        return redirect("manage:organisation", organisation.slug)
    already = organisation.memberships.filter(user=request.user).first()
    return render(
        request,
        "manage/invitation.html",
        {"invitation": invitation, "organisation": organisation, "already": already},
    )


# Claiming a listing ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def claim(request, slug):
    """Ask a curator to let you manage a published listing that nobody manages yet."""
    organisation = get_object_or_404(
        Organisation.objects.published().defer("search_vector"), slug=slug
    )
    if organisation.memberships.filter(user=request.user).exists():
        return redirect("manage:organisation", organisation.slug)
    if organisation.is_claimed:
        return render(
            request, "organisations/claim_unavailable.html", {"organisation": organisation}
        )
    pending = ClaimRequest.objects.pending().filter(user=request.user, organisation=organisation)
    if pending.exists():
        return render(request, "organisations/claim_pending.html", {"organisation": organisation})
    form = ClaimForm(request.POST or None, user=request.user, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                claim_request = form.save()
        except IntegrityError:  # The same person, twice at once.
            return render(
                request, "organisations/claim_pending.html", {"organisation": organisation}
            )
        organisation.notify_curators(
            Subject(
                gettext_noop("Request to manage %(organisation)s"), organisation=organisation.name
            ),
            "manage/emails/claim_requested.txt",
            {
                "claim": claim_request,
                "admin_url": _absolute(
                    request,
                    reverse("admin:organisations_claimrequest_change", args=[claim_request.pk]),
                ),
            },
        )
        messages.success(
            request,
            gettext(
                "Your request to manage %(organisation)s has been sent to a curator. We will "
                "email you when they have decided."
            )
            % {"organisation": organisation.name},
        )
        return redirect("manage:dashboard")
    return render(request, "organisations/claim.html", {"organisation": organisation, "form": form})


# Reporting a problem with a listing -----------------------------------------


@require_http_methods(["GET", "POST"])
def report_problem(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.published().defer("search_vector"), slug=slug
    )
    if ratelimits.blocked_until(request, "report_problem"):
        return ratelimits.too_many_requests(request, "report_problem")
    form = ProblemReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimits.consume(request, "report_problem"):
            return ratelimits.too_many_requests(request, "report_problem")
        report = form.save(commit=False)
        report.organisation = organisation
        report.page = organisation.get_absolute_url()
        report.save()
        organisation.notify_owners(
            Subject(
                gettext_noop("Someone reported a problem with the listing for %(organisation)s"),
                organisation=organisation.name,
            ),
            "manage/emails/problem_report.txt",
            {
                "report": report,
                "edit_url": _absolute(request, reverse("manage:organisation", args=[slug])),
            },
        )
        return redirect("organisations:report_thanks", organisation.slug)
    return render(
        request, "organisations/report.html", {"organisation": organisation, "form": form}
    )


def report_thanks(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.published().defer("search_vector"), slug=slug
    )
    return render(request, "organisations/report_thanks.html", {"organisation": organisation})
