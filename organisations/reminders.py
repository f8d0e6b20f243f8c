"""Asking owners to confirm their listings are still correct."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from .models import Membership, Organisation
from .notifications import Subject, notify


def send_review_reminders(base_url: str, today=None) -> tuple[int, int]:
    """Email the owners of each listing due for review. Returns (listings, emails)."""
    today = today or timezone.localdate()
    listings = emails = 0
    due = Organisation.objects.exclude(status="archived").due_for_review(today)
    for organisation in due.iterator():
        owners = Membership.objects.filter(
            organisation=organisation, role=Membership.Role.OWNER, user__is_active=True
        ).select_related("user")
        recipients = [m.user.email for m in owners]
        if not recipients:
            continue
        link = base_url.rstrip("/") + reverse(
            "organisations:still_correct",
            args=[organisation.slug, organisation.still_correct_token()],
        )
        context = {"organisation": organisation, "link": link}
        sent = notify(
            recipients,
            Subject(
                gettext_noop("Is the listing for %(organisation)s still correct?"),
                organisation=organisation.name,
            ),
            "emails/review_reminder.txt",
            context,
        )
        if not sent:
            continue  # notify() logged why; the next run tries again.
        Organisation.objects.filter(pk=organisation.pk).update(review_reminder_sent=today)
        listings += 1
        emails += len(recipients)
    return listings, emails
