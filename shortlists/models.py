"""Officers' shortlists of organisations, with a note on each and a link to share."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisations.models import Contact, Organisation

DEFAULT_NAME = _("My shortlist")


class ShortlistQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def for_index(self):
        return self.annotate(item_count=Count("items")).order_by("-updated", "pk")

    def with_items_for(self, user):
        """Items with their organisations and the contacts ``user`` may see, in three queries."""
        items = ShortlistItem.objects.select_related("organisation").prefetch_related(
            Prefetch(
                "organisation__contacts",
                queryset=Contact.objects.visible_to(user),
                to_attr="visible_contacts",
            )
        )
        return self.prefetch_related(Prefetch("items", queryset=items))


class Shortlist(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="shortlists",
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("For example, “Food banks”."))
    share_token = models.CharField(
        _("share token"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("The secret in the sharing link; empty while the shortlist is not shared."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ShortlistQuerySet.as_manager()

    class Meta:
        ordering = ["-updated", "pk"]
        verbose_name = _("shortlist")
        verbose_name_plural = _("shortlists")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("shortlists:detail", args=[self.pk])

    @property
    def is_shared(self):
        return bool(self.share_token)

    def share_url(self):
        return reverse("shortlists:shared", args=[self.share_token]) if self.share_token else ""

    def start_sharing(self):
        """A new unguessable link; an old one never comes back to life."""
        self.share_token = secrets.token_urlsafe(32)
        self.save(update_fields=["share_token", "updated"])

    def stop_sharing(self):
        self.share_token = None
        self.save(update_fields=["share_token", "updated"])

    def add(self, organisation):
        """Put ``organisation`` on the shortlist; (item, whether it is new)."""
        item, created = ShortlistItem.objects.get_or_create(
            shortlist=self, organisation=organisation
        )
        self.save(update_fields=["updated"])
        return item, created


class ShortlistItem(models.Model):
    shortlist = models.ForeignKey(
        Shortlist, verbose_name=_("shortlist"), on_delete=models.CASCADE, related_name="items"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="shortlist_items",
    )
    note = models.TextField(
        _("note"),
        max_length=1000,
        blank=True,
        help_text=_("For you and the colleagues you share the shortlist with."),
    )
    added = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added", "pk"]
        verbose_name = _("shortlisted organisation")
        verbose_name_plural = _("shortlisted organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["shortlist", "organisation"], name="organisation_once_per_shortlist"
            )
        ]

    def __str__(self):
        return f"{self.organisation} on {self.shortlist}"
