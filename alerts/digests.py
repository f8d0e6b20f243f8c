"""The weekly email: for each officer, what is new or changed in their saved searches."""

import logging
from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from .models import SavedSearch

logger = logging.getLogger(__name__)


@dataclass
class Section:
    search: SavedSearch
    items: list
    count: int
    url: str


@dataclass
class Summary:
    searches: int = 0
    emails: int = 0
    listings: int = 0
    failed: list = field(default_factory=list)

    def __str__(self):
        return (
            f"Digests: {self.emails} emails about {self.listings} new or changed listings "
            f"in {self.searches} saved searches."
        )


def send_digests(base_url, *, dry_run=False, now=None):
    """Email every confirmed officer about their due saved searches that have changes.

    A search's window then moves on to ``now``, whether or not it had changes,
    so running twice sends nothing the second time.
    """
    now = now or timezone.now()
    base_url = base_url.rstrip("/")
    officers = get_user_model().objects.officers()
    due = (
        SavedSearch.objects.due(now)
        .filter(owner__in=officers)
        .select_related("owner")
        .order_by("owner_id", "name", "pk")
    )
    summary = Summary()
    for owner, searches in groupby(due, key=lambda search: search.owner):
        searches = list(searches)
        summary.searches += len(searches)
        # Written in the officer's language, with links to the pages in it.
        with translation.override(owner.language or settings.LANGUAGE_CODE):
            sent = _digest(owner, searches, now, base_url, summary, dry_run)
        if sent and not dry_run:
            SavedSearch.objects.filter(pk__in=[s.pk for s in searches]).update(last_sent_at=now)
    return summary


def _digest(owner, searches, now, base_url, summary, dry_run):
    """Send one officer's digest if anything changed; False if sending failed."""
    sections = []
    for search in searches:
        items, count = search.changes(until=now)
        if count:
            sections.append(Section(search, items, count, base_url + search.get_absolute_url()))
    if sections:
        total = sum(section.count for section in sections)
        if not dry_run:
            try:
                _send(owner, sections, total, base_url)
            except Exception:
                logger.exception("Could not send the digest to user %s", owner.pk)
                summary.failed.append(owner.pk)
                return False  # Their window stays put: next run tries again.
        summary.emails += 1
        summary.listings += total
    return True


def _send(owner, sections, total, base_url):
    context = {
        "owner": owner,
        "sections": sections,
        "total": total,
        "base_url": base_url,
        "manage_url": base_url + reverse("alerts:index"),
        # No request here, so no i18n context processor: the email says its language itself.
        "LANGUAGE_CODE": translation.get_language(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
    }
    subject = ngettext(
        "%(count)d new or changed listing in your saved searches",
        "%(count)d new or changed listings in your saved searches",
        total,
    ) % {"count": total}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("alerts/emails/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[owner.email],
    )
    message.attach_alternative(render_to_string("alerts/emails/digest.html", context), "text/html")
    message.send()
