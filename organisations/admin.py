"""Curation of areas, organisations, their locations and members.

Lists stay fast at 100,000 organisations: filters offer fixed choices only,
foreign keys are picked through autocomplete, searches can use an index, and
nothing in a list row runs a query of its own. The moderation actions and the
"latest rows" inline here are shared with the partnerships admin, which also
adds its own inlines (services, partnership roles) to the organisation admin,
because this app never imports that one.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from .models import (
    STALE_AFTER,
    Area,
    AreaCurator,
    ClaimRequest,
    Contact,
    Invitation,
    Location,
    Membership,
    ModerationStatus,
    Organisation,
    ProblemReport,
)
from .notifications import notify

# The ``search_vector`` column is a generated full-text document: never shown,
# never edited, and left out of admin queries because no admin page reads it.
SEARCH_VECTOR = "search_vector"

BOTH_ACTION_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


class ReasonForm(forms.Form):
    """The reason a curator gives before an action "with a reason" runs."""

    reason = forms.CharField(max_length=1000, widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))

    def __init__(self, data=None, *, doing, help_text):
        super().__init__(data)
        field = self.fields["reason"]
        field.label = f"Reason for {doing}"
        field.help_text = help_text
        field.error_messages["required"] = f"Enter the reason for {doing}."


class ReasonActionMixin:
    """For ModelAdmin actions that ask for a reason on a page of their own first.

    The page posts back the same action and selection (from the change list,
    with or without "select all", or from one record's change page), so
    Django routes the second request to the action again, with ``confirm``
    set and the reason filled in.
    """

    reason_template = "admin/moderation/reason.html"

    def ask_for_reason(self, request, queryset, *, action, verb, doing, explanation, help_text):
        """``(reason, None)`` once a reason is given, else ``(None, the page asking for it)``."""
        confirmed = "confirm" in request.POST
        form = ReasonForm(request.POST if confirmed else None, doing=doing, help_text=help_text)
        if confirmed and form.is_valid():
            return form.cleaned_data["reason"], None
        prefix = ""
        if f"{admin.ActionLocation.CHANGE_FORM.value}-action" in request.POST:
            prefix = f"{admin.ActionLocation.CHANGE_FORM.value}-"
        preview_size = 20
        count = queryset.count()
        objects_name = model_ngettext(self.opts, count)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{verb} {objects_name}",
            "opts": self.opts,
            "verb": verb,
            "explanation": explanation,
            "form": form,
            "count": count,
            "objects_name": objects_name,
            "preview": queryset[:preview_size],
            "more": max(count - preview_size, 0),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_fields": {
                f"{prefix}action": action,
                f"{prefix}select_across": request.POST.get(f"{prefix}select_across", "0"),
            },
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return None, TemplateResponse(request, self.reason_template, context)


class AreaScopedMixin:
    """Area curators see and act on records in their areas only.

    Superusers, and staff with no areas assigned (national curators), see
    everything. ``area_path`` leads from the record to its areas.
    """

    area_path = "areas"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        areas = Area.objects.curated_by(request.user)
        if not areas.exists():
            return queryset
        in_areas = self.model._default_manager.filter(**{f"{self.area_path}__in": areas})
        return queryset.filter(pk__in=in_areas.values("pk"))


class ModerationAdmin(AreaScopedMixin, ReasonActionMixin, SimpleHistoryAdmin):
    """Publish, archive and reject (with a reason) records that carry a ``ModerationStatus``.

    The actions run from the change list (several records) and from a
    record's own change page (one record). Each changed record gets an entry
    in its history (simple-history, which can revert it) saying what
    happened and why.
    """

    actions = ["publish", "archive", "reject_with_reason"]
    # The model field that keeps the reason for a rejection, if the model has one.
    rejection_reason_field = None
    # Counting a whole 100,000-row table for "(N total)" on every filtered
    # page is wasted work; the filtered count is still shown.
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer(SEARCH_VECTOR)

    def has_delete_permission(self, request, obj=None):
        # Listings are archived, never deleted, so their history and links survive.
        return False

    def get_view_on_site_url(self, obj=None):
        # Unpublished records have no public page: a link would only 404.
        if obj is None or obj.status != ModerationStatus.PUBLISHED:
            return None
        return super().get_view_on_site_url(obj)

    @admin.action(
        description="Publish this %(verbose_name)s",
        description_plural="Publish selected %(verbose_name_plural)s",
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def publish(self, request, queryset):
        self.moderate(request, queryset, ModerationStatus.PUBLISHED)

    @admin.action(
        description="Archive this %(verbose_name)s",
        description_plural="Archive selected %(verbose_name_plural)s",
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def archive(self, request, queryset):
        self.moderate(request, queryset, ModerationStatus.ARCHIVED)

    @admin.action(
        description="Reject this %(verbose_name)s with a reason…",
        description_plural="Reject selected %(verbose_name_plural)s with a reason…",
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def reject_with_reason(self, request, queryset):
        reason, page = self.ask_for_reason(
            request,
            queryset,
            action="reject_with_reason",
            verb="Reject",
            doing="rejecting",
            explanation="Rejected records are hidden from the public site.",
            help_text="Say what is wrong, e.g. “Duplicate of Salford Food Bank”. "
            "It is kept in each rejected record's history, and an organisation's "
            "members are shown it.",
        )
        if page:
            return page
        self.moderate(request, queryset, ModerationStatus.REJECTED, reason=reason)
        return None

    def moderate(self, request, queryset, status, reason=""):
        """Set ``status`` on every selected record not already in it, and say how many."""
        status = ModerationStatus(status)
        already = queryset.filter(status=status).count()
        records = list(queryset.exclude(status=status).select_related(None))
        fields = ["status", "updated"]
        if self.rejection_reason_field:
            # A reason belongs to a rejection only; other decisions clear it.
            fields.append(self.rejection_reason_field)
        now = timezone.now()
        for record in records:
            record.status, record.updated = status, now
            if self.rejection_reason_field:
                setattr(record, self.rejection_reason_field, reason)
        change_message = f"{status.label}: {reason}" if reason else f"{status.label}."
        # A queryset update() would skip simple-history; this writes one
        # history row per record, in batches.
        bulk_update_with_history(
            records,
            self.model,
            fields,
            batch_size=500,
            default_user=request.user,
            default_change_reason=Truncator(change_message).chars(100),
        )
        if records:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=records,
                action_flag=CHANGE,
                change_message=change_message,
            )
        if records:
            # The bulk write sends no post_save: retire cached pages and figures here.
            from partnerships.insights import figures_changed

            from .listing import public_pages_changed

            public_pages_changed()
            figures_changed()
        self.after_moderation(records, status, reason)
        changed = len(records)
        message = f"{status.label} {changed} {model_ngettext(self.opts, changed)}."
        if reason:
            message += f" Reason: {reason}"
        if already:
            verb = "was" if already == 1 else "were"
            message += (
                f" {already} {model_ngettext(self.opts, already)} {verb} already"
                f" {status.label.lower()}."
            )
        self.message_user(request, message, messages.SUCCESS if changed else messages.WARNING)

    def after_moderation(self, records, status, reason):
        """A hook for telling people about a decision; nothing by default."""


class ConfirmedFilter(admin.SimpleListFilter):
    """Whether the organisation has told us lately that its listing is right."""

    title = "listing confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [
            ("recent", "Recently"),
            ("stale", "Possibly out of date"),
            ("never", "Never"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - STALE_AFTER
        match self.value():
            case "recent":
                return queryset.filter(last_confirmed__gte=cutoff)
            case "stale":
                # As Organisation.is_possibly_out_of_date: by date when there
                # is one, otherwise by the flag the daily job sets.
                return queryset.filter(
                    Q(last_confirmed__lt=cutoff) | Q(last_confirmed__isnull=True, out_of_date=True)
                )
            case "never":
                return queryset.filter(last_confirmed__isnull=True)
        return queryset


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "kind", "nation", "region", "parent"]
    list_filter = ["nation", "kind", "region"]
    list_select_related = ["parent"]
    search_fields = ["name", "official_name", "=gss_code", "=local_authority_code"]
    search_help_text = "Search by name, official name, GSS code (E08000003) or register code (MAN)."
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "official_name", "slug", "kind"]}),
        (
            "Codes",
            {
                "fields": ["gss_code", "local_authority_code"],
                "description": "Codes other data sets use for this area; the GSS code is unique.",
            },
        ),
        ("Where", {"fields": ["nation", "region", "parent", "latitude", "longitude"]}),
    ]


class LatestRowsFormSet(BaseInlineFormSet):
    rows_shown = None

    def get_queryset(self):
        if not hasattr(self, "_latest_rows"):
            rows = super().get_queryset()
            if self.rows_shown is not None:
                latest = rows.order_by("-pk").values("pk")[: self.rows_shown]
                rows = rows.filter(pk__in=latest)
            self._latest_rows = rows
        return self._latest_rows


class LatestRowsInline(admin.TabularInline):
    """A tabular inline that shows only the latest ``rows_shown`` rows.

    A council can belong to hundreds of partnerships: one form per row makes
    its page take seconds to open. Older rows stay editable from their own
    list; the heading says when some are left out.
    """

    formset = LatestRowsFormSet
    rows_shown = 30
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.rows_shown = self.rows_shown
        if obj is not None and obj.pk is not None:
            total = self.model._default_manager.filter(**{formset.fk.name: obj}).count()
            if total > self.rows_shown:
                heading = type(self).verbose_name_plural or self.opts.verbose_name_plural
                self.verbose_name_plural = f"{heading}: the latest {self.rows_shown} of {total}"
        return formset


class LocationInline(LatestRowsInline):
    model = Location
    fields = ["name", "postcode", "accessibility"]
    show_change_link = True
    verbose_name_plural = "locations (where services are delivered)"


class ContactInline(LatestRowsInline):
    model = Contact
    fields = ["name", "role", "email", "phone", "visibility"]
    verbose_name_plural = _("named contacts (those for councils only are never shown publicly)")


class MembershipInline(LatestRowsInline):
    model = Membership
    fields = ["user", "role", "created", "officer_confirmed_at"]
    readonly_fields = ["created", "officer_confirmed_at"]
    autocomplete_fields = ["user"]
    verbose_name = "member"
    verbose_name_plural = "members (people who can edit this listing)"

    def get_queryset(self, request):
        # Each row prints the membership, which names the person and the organisation.
        return super().get_queryset(request).select_related("user", "organisation")


@admin.register(Organisation)
class OrganisationAdmin(ModerationAdmin):
    actions = [*ModerationAdmin.actions, "merge"]
    list_display = ["name", "kind", "status", "postcode", "governs", "confirmed", "updated"]
    list_filter = ["status", "kind", ConfirmedFilter]
    list_select_related = ["governs"]
    # Newest changes first: the moderation queue is "what changed lately",
    # and the ``org_updated`` index serves this order at any table size.
    ordering = ["-updated"]
    # Every branch of the search can use an index: exact lookups on the
    # identifiers (a case-insensitive "=" could not), trigrams on the name.
    search_fields = [
        "name__icontains_trgm",
        "slug__exact",
        "charity_number__exact",
        "company_number__exact",
    ]
    search_help_text = "Search by name, or by exact slug, charity number or company number."
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["areas", "governs"]
    readonly_fields = ["uuid", "created", "updated", "out_of_date", "review_reminder_sent"]
    inlines = [MembershipInline, ContactInline, LocationInline]
    rejection_reason_field = "rejection_reason"
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "last_confirmed",
                    "out_of_date",
                    "review_reminder_sent",
                ],
                "description": "The “reject with a reason” action fills in the reason; "
                "publishing or archiving clears it.",
            },
        ),
        (
            "Legal identifiers",
            {
                "fields": ["charity_number", "company_number"],
                "description": "Informal groups have neither; leave them empty.",
            },
        ),
        ("Public contact details", {"fields": ["website", "email", "phone"]}),
        (
            "Where",
            {
                "fields": ["address", "postcode", "latitude", "longitude", "areas", "governs"],
                "description": "“Council for” is only for councils: the area the council governs.",
            },
        ),
        ("Record", {"fields": ["uuid", "created", "updated"], "classes": ["collapse"]}),
    ]

    @admin.display(description="last confirmed", ordering="last_confirmed")
    @admin.action(description="Merge two duplicate organisations…", permissions=["change"])
    def merge(self, request, queryset):
        """Pick which of two listings to keep; the other's records move to it and it is archived."""
        pair = list(queryset.order_by("created")[:3])
        if len(pair) != 2:
            self.message_user(request, "Select exactly two organisations to merge.", messages.ERROR)
            return None
        keep_pk = request.POST.get("keep")
        if "confirm" in request.POST and keep_pk in {str(o.pk) for o in pair}:
            keep = next(o for o in pair if str(o.pk) == keep_pk)
            duplicate = next(o for o in pair if o.pk != keep.pk)
            duplicate.merge_into(keep)
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=[keep, duplicate],
                action_flag=CHANGE,
                change_message=f"Merged “{duplicate.name}” into “{keep.name}”.",
            )
            self.message_user(
                request,
                f"Merged “{duplicate.name}” into “{keep.name}”; the duplicate is archived.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge two organisations",
            "opts": self.opts,
            "pair": pair,
            "error": "confirm" in request.POST,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/moderation/merge.html", context)

    def after_moderation(self, records, status, reason):
        """Owners hear when their listing is published or rejected (with the reason)."""
        if status not in (ModerationStatus.PUBLISHED, ModerationStatus.REJECTED):
            return
        if status == ModerationStatus.PUBLISHED:
            # A newly registered group's services wait with it; they go live together.
            for organisation in records:
                for service in organisation.services.filter(status=ModerationStatus.PENDING):
                    service.status = ModerationStatus.PUBLISHED
                    service.save(update_fields=["status", "updated"])  # recorded in history
        for organisation in records:
            owners = organisation.memberships.filter(role=Membership.Role.OWNER)
            notify(
                owners.values_list("user__email", flat=True),
                f"Your listing for {organisation.name} has been {status.label.lower()}",
                "emails/moderation_decision.txt",
                {"organisation": organisation, "status": status, "reason": reason},
            )

    def confirmed(self, obj):
        if obj.last_confirmed is None:
            return "Never"
        if obj.is_possibly_out_of_date:
            return f"{date_format(obj.last_confirmed)} (possibly out of date)"
        return date_format(obj.last_confirmed)


@admin.register(Location)
class LocationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "organisation", "postcode", "accessibility"]
    list_select_related = ["organisation"]
    # Newest first: ordering by name would sort the whole table on each page.
    ordering = ["-pk"]
    search_fields = ["name", "postcode", "organisation__name"]
    search_help_text = "Search by the location's name or postcode, or the organisation's name."
    autocomplete_fields = ["organisation"]
    readonly_fields = ["uuid"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["organisation", "name", "accessibility"]}),
        ("Where", {"fields": ["address", "postcode", "latitude", "longitude"]}),
        ("Record", {"fields": ["uuid"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")


class CouncilOfficerFilter(admin.SimpleListFilter):
    """The queue of council members waiting to be confirmed as officers."""

    title = _("council officer")
    parameter_name = "officer"

    def lookups(self, request, model_admin):
        return [
            ("awaiting", _("Council member awaiting confirmation")),
            ("confirmed", _("Confirmed council officer")),
            ("not_council", _("Not a council")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "awaiting":
                return queryset.awaiting_officer_confirmation()
            case "confirmed":
                return queryset.officers()
            case "not_council":
                return queryset.exclude(organisation__kind=Organisation.Kind.COUNCIL)
        return queryset


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "organisation", "role", "created", "officer"]
    list_filter = [CouncilOfficerFilter, "role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    search_help_text = "Search by the person's email or surname, or the organisation's name."
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["created", "officer_confirmed_at", "officer_confirmed_by"]
    show_full_result_count = False
    actions = ["confirm_as_officer", "withdraw_officer_confirmation"]
    fieldsets = [
        (None, {"fields": ["user", "organisation", "role", "created"]}),
        (
            _("Council officer"),
            {
                "fields": ["officer_confirmed_at", "officer_confirmed_by"],
                "description": _(
                    "Check that the person works for the council (for example, a council "
                    "email address), then use the “Confirm as council officer” action."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")

    @admin.display(description=_("council officer"), ordering="officer_confirmed_at")
    def officer(self, obj):
        if obj.organisation.kind != Organisation.Kind.COUNCIL:
            return "–"
        if obj.officer_confirmed_at is None:
            return gettext("Awaiting confirmation")
        return gettext("Confirmed %(date)s") % {"date": date_format(obj.officer_confirmed_at)}

    @admin.action(
        description=_("Confirm as council officer"),
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def confirm_as_officer(self, request, queryset):
        waiting = queryset.awaiting_officer_confirmation().select_related("organisation")
        confirmed = 0
        for membership in waiting:
            membership.confirm_as_officer(request.user)  # one save each: history records it
            confirmed += 1
        message = ngettext(
            "Confirmed %(count)d council officer.",
            "Confirmed %(count)d council officers.",
            confirmed,
        ) % {"count": confirmed}
        if skipped := queryset.count() - confirmed:
            message += " " + ngettext(
                "%(count)d was skipped: not a council member, or already confirmed.",
                "%(count)d were skipped: not council members, or already confirmed.",
                skipped,
            ) % {"count": skipped}
        self.message_user(request, message, messages.SUCCESS if confirmed else messages.WARNING)

    @admin.action(description=_("Withdraw council officer confirmation"), permissions=["change"])
    def withdraw_officer_confirmation(self, request, queryset):
        withdrawn = 0
        for membership in queryset.officers():
            membership.withdraw_officer_confirmation()
            withdrawn += 1
        self.message_user(
            request,
            ngettext(
                "Withdrew %(count)d officer confirmation.",
                "Withdrew %(count)d officer confirmations.",
                withdrawn,
            )
            % {"count": withdrawn},
        )


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["name", "role", "organisation", "visibility", "created"]
    list_filter = ["visibility"]
    list_select_related = ["organisation"]
    ordering = ["-pk"]
    search_fields = ["name", "=email", "organisation__name__icontains_trgm"]
    search_help_text = _("Search by the contact's name, exact email, or the organisation's name.")
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created"]
    show_full_result_count = False
    fields = ["organisation", "name", "role", "email", "phone", "visibility", "created"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")


class ViewOnlyAdmin(admin.ModelAdmin):
    """Records that a workflow outside the admin creates and uses up.

    An invitation is sent by email and accepted by the invitee: curators can
    look at invitations, and delete one to withdraw it, not change them.
    """

    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")


@admin.register(ClaimRequest)
class ClaimRequestAdmin(AreaScopedMixin, ReasonActionMixin, admin.ModelAdmin):
    """People asking to manage a listing: curators approve or decline them here.

    Decisions go through ``ClaimRequest.approve()`` and ``decline()``, which
    make the membership and email the claimant, so the record itself is
    read-only.
    """

    area_path = "organisation__areas"

    list_display = ["organisation", "user", "status", "created", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["organisation", "user", "decided_by"]
    search_fields = ["organisation__name__icontains_trgm", "user__email"]
    search_help_text = "Search by the organisation's name or the person's email."
    actions = ["approve", "decline_with_reason"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["organisation", "user", "connection", "created"]}),
        ("Decision", {"fields": ["status", "decision_reason", "decided_by", "decided_at"]}),
    ]
    readonly_fields = [
        "organisation",
        "user",
        "connection",
        "created",
        "status",
        "decision_reason",
        "decided_by",
        "decided_at",
    ]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")

    @admin.action(
        description="Approve this claim",
        description_plural="Approve selected claims (each person becomes an owner)",
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def approve(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        self.decide(request, queryset, "Approved", lambda c: c.approve(request.user, base_url))

    @admin.action(
        description="Decline this claim with a reason…",
        description_plural="Decline selected claims with a reason…",
        permissions=["change"],
        location=BOTH_ACTION_LOCATIONS,
    )
    def decline_with_reason(self, request, queryset):
        reason, page = self.ask_for_reason(
            request,
            queryset,
            action="decline_with_reason",
            verb="Decline",
            doing="declining",
            explanation="Each person is emailed the reason.",
            help_text="Say why, e.g. “We could not confirm you work for the group”.",
        )
        if page:
            return page
        base_url = request.build_absolute_uri("/")
        self.decide(
            request,
            queryset,
            "Declined",
            lambda c: c.decline(request.user, reason, base_url),
        )
        return None

    def decide(self, request, queryset, done, decide):
        decided = 0
        for claim in queryset.pending().select_related("user", "organisation"):
            try:
                decide(claim)
            except ValidationError:
                continue  # Another curator decided it meanwhile.
            decided += 1
        message = f"{done} {decided} {model_ngettext(self.opts, decided)}."
        if skipped := queryset.count() - decided:
            verb = "was" if skipped == 1 else "were"
            message += f" {skipped} {model_ngettext(self.opts, skipped)} {verb} already decided."
        self.message_user(request, message, messages.SUCCESS if decided else messages.WARNING)


@admin.register(Invitation)
class InvitationAdmin(ViewOnlyAdmin):
    list_display = ["email", "organisation", "role", "created", "accepted_at"]
    list_filter = ["role", ("accepted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["organisation"]
    search_fields = ["=email", "organisation__name__icontains_trgm"]
    search_help_text = "Search by the exact email address or the organisation's name."
    # The token is the secret in the emailed link: never shown.
    fields = ["organisation", "email", "role", "invited_by", "created", "accepted_at"]


@admin.register(ProblemReport)
class ProblemReportAdmin(AreaScopedMixin, admin.ModelAdmin):
    area_path = "organisation__areas"
    list_display = ["organisation", "kind", "created", "resolved"]
    list_filter = ["resolved", "kind"]
    list_select_related = ["organisation"]
    search_fields = ["organisation__name__icontains_trgm"]
    search_help_text = "Search by the organisation's name."
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created", "resolved_by"]
    actions = ["mark_resolved"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["organisation", "kind", "details", "page", "created"]}),
        ("Reporter", {"fields": ["reporter_email"]}),
        ("Follow-up", {"fields": ["resolved", "resolved_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")

    def save_model(self, request, obj, form, change):
        if "resolved" in form.changed_data:
            obj.resolved_by = request.user if obj.resolved else None
        super().save_model(request, obj, form, change)

    @admin.action(description="Mark selected reports resolved", permissions=["change"])
    def mark_resolved(self, request, queryset):
        changed = queryset.filter(resolved=False).update(resolved=True, resolved_by=request.user)
        self.message_user(
            request, f"Marked {changed} {model_ngettext(self.opts, changed)} resolved."
        )


@admin.register(AreaCurator)
class AreaCuratorAdmin(admin.ModelAdmin):
    list_display = ["user", "area"]
    list_select_related = ["user", "area"]
    list_filter = ["area__nation"]
    search_fields = ["user__email", "area__name"]
    search_help_text = "Search by the curator's email or the area's name."
    autocomplete_fields = ["user", "area"]
    fields = ["user", "area"]
