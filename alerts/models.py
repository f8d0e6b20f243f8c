"""Officers' saved searches, and the weekly email of what is new or changed in them."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .listings import LISTINGS

# A search is due for its digest this long after the last one: a weekly cron
# that runs a little early still sends, and a second run the same day does not.
DIGEST_INTERVAL = timedelta(days=6)
# Listings named in one digest section; the rest are counted, with a link.
DIGEST_ITEMS = 20


class SavedSearchQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def due(self, now=None):
        """Searches with the digest on whose last digest was about a week ago or more."""
        now = now or timezone.now()
        return self.filter(digest=True, last_sent_at__lte=now - DIGEST_INTERVAL)


class SavedSearch(models.Model):
    class Listing(models.TextChoices):
        ORGANISATIONS = "organisations", _("Organisations")
        SERVICES = "services", _("Services")
        PARTNERSHIPS = "partnerships", _("Partnerships")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=120)
    listing = models.CharField(_("list"), max_length=20, choices=Listing.choices)
    query = models.CharField(
        _("filters"),
        max_length=2000,
        blank=True,
        help_text=_("The list's query string, normalised: only filters, in a fixed order."),
    )
    digest = models.BooleanField(
        _("weekly email"),
        default=True,
        help_text=_("Email the owner once a week with what is new or changed."),
    )
    last_sent_at = models.DateTimeField(
        _("changes counted from"),
        default=timezone.now,
        help_text=_("The next digest lists what was published or changed after this."),
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    objects = SavedSearchQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "listing", "query"],
                name="one_saved_search_per_query",
                violation_error_message=_("You have already saved this search."),
            )
        ]
        indexes = [models.Index(fields=["digest", "last_sent_at"], name="savedsearch_due")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return LISTINGS[self.listing].url(self.query)

    def filterset(self):
        return LISTINGS[self.listing].filterset(self.query)

    def changes(self, until, limit=DIGEST_ITEMS):
        """(up to ``limit`` listings published or changed since the last digest, how many).

        Two queries (plus the filters' own look-ups, such as an area), however
        many listings changed.
        """
        filterset = self.filterset()
        if not filterset.is_valid():
            return [], 0
        changed = filterset.qs.filter(updated__gt=self.last_sent_at, updated__lte=until).order_by(
            "-updated", "pk"
        )
        items = list(changed[:limit])
        count = len(items) if len(items) < limit else changed.count()
        for item in items:
            item.is_new = item.created > self.last_sent_at
        return items, count
