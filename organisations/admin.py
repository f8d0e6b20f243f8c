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
from django.db.models.lookups import IContains
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format

from .models import STALE_AFTER, Area, Location, Membership, ModerationStatus, Organisation

# The ``search_vector`` column is a generated full-text document: never shown,
# never edited, and left out of admin queries because no admin page reads it.
SEARCH_VECTOR = "search_vector"

BOTH_ACTION_LOCATIONS = [admin.ActionLocation.CHANGE_LIST, admin.ActionLocation.CHANGE_FORM]


class TrigramIContains(IContains):
    """``icontains`` that PostgreSQL runs as ``name ILIKE '%word%'``.

    Django's own ``icontains`` compares ``UPPER()`` of both sides, which no
    index serves: a name search scans all 100,000 organisations (about
    150 ms) or 300,000 services (about 300 ms), on every autocomplete
    keystroke too. ``ILIKE`` uses the trigram GIN index the search
    migrations put on ``name``: a few milliseconds. Words shorter than three
    letters have no trigrams, so they keep Django's form; other databases
    always do.
    """

    lookup_name = "icontains_trgm"

    def as_sql(self, compiler, connection):
        return IContains(self.lhs, self.rhs).as_sql(compiler, connection)

    def as_postgresql(self, compiler, connection):
        if len(str(self.rhs)) < 3:
            return self.as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} ILIKE {rhs}", (*lhs_params, *rhs_params)


def search_names_by_trigram(model):
    """Let admin search on ``model.name`` use its trigram index (see ``TrigramIContains``)."""
    model._meta.get_field("name").register_lookup(TrigramIContains)


search_names_by_trigram(Organisation)


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label="Reason for rejecting",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Say what is wrong, e.g. “Duplicate of Salford Food Bank”. "
        "It is recorded in the history of each rejected record.",
        error_messages={"required": "Enter the reason for rejecting."},
    )


class ModerationAdmin(admin.ModelAdmin):
    """Publish, archive and reject (with a reason) records that carry a ``ModerationStatus``.

    The actions run from the change list (several records) and from a
    record's own change page (one record). Each changed record gets an entry
    in its history saying what happened and why.
    """

    actions = ["publish", "archive", "reject_with_reason"]
    reject_template = "admin/moderation/reject_with_reason.html"
    # Counting a whole 100,000-row table for "(N total)" on every filtered
    # page is wasted work; the filtered count is still shown.
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer(SEARCH_VECTOR)

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
        """Ask for a reason on an intermediate page, then reject.

        The confirmation page posts back the same action and selection, so
        Django routes the second request here again, with ``confirm`` set.
        """
        confirmed = "confirm" in request.POST
        form = RejectionForm(request.POST if confirmed else None)
        if confirmed and form.is_valid():
            self.moderate(
                request, queryset, ModerationStatus.REJECTED, reason=form.cleaned_data["reason"]
            )
            return None
        return self.reject_confirmation_response(request, queryset, form)

    def reject_confirmation_response(self, request, queryset, form):
        # Post back the same action and selection (changelist or change page,
        # "select all" or not), so the second request selects the same rows.
        prefix = ""
        if f"{admin.ActionLocation.CHANGE_FORM.value}-action" in request.POST:
            prefix = f"{admin.ActionLocation.CHANGE_FORM.value}-"
        preview_size = 20
        count = queryset.count()
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reject {model_ngettext(self.opts, count)}",
            "opts": self.opts,
            "form": form,
            "count": count,
            "objects_name": model_ngettext(self.opts, count),
            "preview": queryset[:preview_size],
            "more": max(count - preview_size, 0),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_fields": {
                f"{prefix}action": "reject_with_reason",
                f"{prefix}select_across": request.POST.get(f"{prefix}select_across", "0"),
            },
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.reject_template, context)

    def moderate(self, request, queryset, status, reason=""):
        """Set ``status`` on every selected record not already in it, and say how many."""
        status = ModerationStatus(status)
        already = queryset.filter(status=status).count()
        to_change = queryset.exclude(status=status)
        # Named for the history entries; a record is two short columns.
        records = list(to_change.select_related(None).only("pk", "name"))
        changed = to_change.update(status=status, updated=timezone.now())
        if records:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=records,
                action_flag=CHANGE,
                change_message=f"{status.label}: {reason}" if reason else f"{status.label}.",
            )
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
                return queryset.filter(last_confirmed__lt=cutoff)
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


class MembershipInline(LatestRowsInline):
    model = Membership
    fields = ["user", "role", "created"]
    readonly_fields = ["created"]
    autocomplete_fields = ["user"]
    verbose_name = "member"
    verbose_name_plural = "members (people who can edit this listing)"

    def get_queryset(self, request):
        # Each row prints the membership, which names the person and the organisation.
        return super().get_queryset(request).select_related("user", "organisation")


@admin.register(Organisation)
class OrganisationAdmin(ModerationAdmin):
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
    readonly_fields = ["uuid", "created", "updated"]
    inlines = [MembershipInline, LocationInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "description"]}),
        ("Moderation", {"fields": ["status", "last_confirmed"]}),
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
    def confirmed(self, obj):
        if obj.last_confirmed is None:
            return "Never"
        if obj.is_possibly_out_of_date:
            return f"{date_format(obj.last_confirmed)} (possibly out of date)"
        return date_format(obj.last_confirmed)


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
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


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created"]
    list_filter = ["role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__last_name", "organisation__name"]
    search_help_text = "Search by the person's email or surname, or the organisation's name."
    autocomplete_fields = ["user", "organisation"]
    readonly_fields = ["created"]
    show_full_result_count = False
    fields = ["user", "organisation", "role", "created"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")
