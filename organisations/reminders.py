"""Asking owners to confirm their listings are still correct."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from .models import Membership, Organisation


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
        send_mail(
            subject=gettext("Is the listing for %(organisation)s still correct?")
            % {"organisation": organisation.name},
            message=render_to_string("emails/review_reminder.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=recipients,
        )
        Organisation.objects.filter(pk=organisation.pk).update(review_reminder_sent=today)
        listings += 1
        emails += len(recipients)
    return listings, emails
