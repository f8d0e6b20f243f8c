"""The organisations app's part of a person's data: memberships, claims,
invitations and problem reports; and what happens to their listings when they
close their account."""

from django.db import transaction
from django.db.models import Q
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from accounts.personal_data import account_closing, emails_of, iso, section

from .models import ClaimRequest, Invitation, Membership, ProblemReport
from .notifications import Subject, notify


@section("memberships")
def memberships(user):
    return [
        {
            "organisation": m.organisation.name,
            "organisation_slug": m.organisation.slug,
            "role": m.role,
            "joined": iso(m.created),
        }
        for m in Membership.objects.filter(user=user).select_related("organisation")
    ]


@section("claims")
def claims(user):
    return [
        {
            "organisation": c.organisation.name,
            "connection": c.connection,
            "status": c.status,
            "asked": iso(c.created),
            "decided": iso(c.decided_at),
            "reason": c.decision_reason,
        }
        for c in ClaimRequest.objects.filter(user=user).select_related("organisation")
    ]


@section("invitations_sent")
def invitations_sent(user):
    return [
        {
            "organisation": i.organisation.name,
            "email": i.email,
            "role": i.role,
            "sent": iso(i.created),
            "accepted": iso(i.accepted_at),
        }
        for i in Invitation.objects.filter(invited_by=user).select_related("organisation")
    ]


@section("problem_reports")
def problem_reports(user):
    """Reports anyone made giving one of this person's email addresses."""
    return [
        {
            "organisation": r.organisation.name,
            "what_is_wrong": r.kind,
            "details": r.details,
            "email": r.reporter_email,
            "reported": iso(r.created),
            "resolved": r.resolved,
        }
        for r in ProblemReport.objects.filter(_email_in("reporter_email", emails_of(user)))
        .select_related("organisation")
        .order_by("created")
    ]


def _email_in(field, emails):
    """Case-insensitive match against any of ``emails``."""
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(**{f"{field}__iexact": email})
    return condition


@receiver(account_closing, dispatch_uid="organisations_account_closing")
def hand_over_and_forget(sender, user, emails, **kwargs):
    """Keep each listing the person owned looked after, and clear their address."""
    for membership in Membership.objects.filter(
        user=user, role=Membership.Role.OWNER
    ).select_related("organisation"):
        hand_over(membership.organisation, user)
    ProblemReport.objects.filter(_email_in("reporter_email", emails)).update(reporter_email="")
    Invitation.objects.filter(_email_in("email", emails)).delete()


def hand_over(organisation, leaving):
    """If ``leaving`` is the last owner, the longest-standing other member becomes owner;
    with nobody else the listing goes back to the curators. Curators are told either way."""
    others = organisation.memberships.exclude(user=leaving).select_related("user")
    if others.filter(role=Membership.Role.OWNER).exists():
        return
    successor = others.order_by("created", "pk").first()
    if successor is not None:
        successor.role = Membership.Role.OWNER
        successor.save(update_fields=["role"])  # Saved through the model: history records it.
    context = {"organisation": organisation, "successor": successor}
    transaction.on_commit(
        lambda: organisation.notify_curators(
            Subject(
                gettext_noop("The owner of %(name)s has closed their account"),
                name=organisation.name,
            ),
            "manage/emails/owner_closed_account.txt",
            context,
        )
    )
    if successor is not None:
        email = successor.user.email
        transaction.on_commit(
            lambda: notify(
                [email],
                Subject(gettext_noop("You are now an owner of %(name)s"), name=organisation.name),
                "manage/emails/ownership_passed.txt",
                context,
            )
        )
