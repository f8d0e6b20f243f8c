"""Curation of partnerships, services, the taxonomy, funding and outcomes.

Lists stay fast at 300,000 services: no filter lists rows of a big table
(there is no "by provider" filter; open the organisation instead, or add
``?organisation__id__exact=<id>`` to the service list), foreign keys are
picked through autocomplete, and nothing in a list row runs a query of its own.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from organisations.admin import (
    SEARCH_VECTOR,
    LatestRowsInline,
    ModerationAdmin,
)
from organisations.admin import OrganisationAdmin as BaseOrganisationAdmin
from organisations.models import ModerationStatus, Organisation

from .models import (
    Audience,
    Category,
    Crisis,
    Funding,
    Outcome,
    Partnership,
    PartnershipMember,
    Service,
)


class RunningFilter(admin.SimpleListFilter):
    title = "running"
    parameter_name = "running"

    def lookups(self, request, model_admin):
        return [("yes", "Still running"), ("no", "Ended")]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.active()
            case "no":
                return queryset.ended()
        return queryset


@admin.register(Crisis)
class CrisisAdmin(admin.ModelAdmin):
    list_display = ["name", "started", "ended"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "slug", "description"],
                "description": "A response episode, such as the Covid-19 pandemic or a flood, "
                "so services and partnerships can be grouped and compared over time.",
            },
        ),
        ("When", {"fields": ["started", "ended"]}),
    ]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "slug", "oruk_term", "position"]
    list_editable = ["position"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "oruk_term"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["uuid"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "parent", "description", "position"]}),
        (
            "Open Referral UK",
            {
                "fields": ["oruk_term"],
                "description": "Used when services are exported through the Open Referral UK API.",
            },
        ),
        ("Record", {"fields": ["uuid"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # A category prints as "Parent: Child", in autocomplete results too.
        return super().get_queryset(request).select_related("parent")


@admin.register(Audience)
class AudienceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "position"]


class PartnershipMemberInline(admin.TabularInline):
    model = PartnershipMember
    fields = ["organisation", "role", "confirmed_at"]
    readonly_fields = ["confirmed_at"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name = "member"
    verbose_name_plural = "members"

    def get_queryset(self, request):
        # Each row prints the membership, which names both sides.
        return (
            super()
            .get_queryset(request)
            .select_related("organisation", "partnership")
            .defer(f"organisation__{SEARCH_VECTOR}", f"partnership__{SEARCH_VECTOR}")
        )


class FundingInline(admin.TabularInline):
    model = Funding
    fk_name = "partnership"
    fields = [
        "title",
        "kind",
        "amount",
        "funder",
        "funder_name",
        "awarded_on",
        "economic_development",
    ]
    autocomplete_fields = ["funder"]
    extra = 0
    verbose_name_plural = "funding received by the partnership"


@admin.register(Partnership)
class PartnershipAdmin(ModerationAdmin):
    list_display = [
        "name",
        "status",
        "commissioning",
        "community_led",
        "crisis",
        "started",
        "ended",
        "updated",
    ]
    list_filter = ["status", "commissioning", "community_led", RunningFilter, "crisis"]
    list_select_related = ["crisis"]
    ordering = ["-updated"]
    search_fields = ["name__icontains_trgm", "slug__exact"]
    search_help_text = "Search by name, or by exact slug."
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["areas"]
    readonly_fields = ["created", "updated"]
    inlines = [PartnershipMemberInline, FundingInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "description"]}),
        ("Moderation", {"fields": ["status"]}),
        (
            "How it works",
            {
                "fields": ["commissioning", "community_led"],
                "description": "These feed the reports on the shift from competitive "
                "tendering to collaboration, and on community-led funding.",
            },
        ),
        ("Where and when", {"fields": ["areas", "crisis", "started", "ended"]}),
        ("Record", {"fields": ["created", "updated"], "classes": ["collapse"]}),
    ]


class ConfirmedMemberFilter(admin.SimpleListFilter):
    title = "confirmed by the organisation"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Awaiting confirmation")]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.confirmed()
            case "no":
                return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(PartnershipMember)
class PartnershipMemberAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "partnership", "role", "confirmed_at"]
    list_filter = ["role", ConfirmedMemberFilter]
    list_select_related = ["organisation", "partnership"]
    # Newest first: the model's order (role, organisation name) needs a join
    # and a sort over every membership.
    ordering = ["-pk"]
    search_fields = ["organisation__name__icontains_trgm", "partnership__name__icontains_trgm"]
    search_help_text = "Search by the organisation's or the partnership's name."
    autocomplete_fields = ["organisation", "partnership", "proposed_by"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["partnership", "organisation", "role"]}),
        (
            "Confirmation",
            {
                "fields": ["proposed_by", "confirmed_at"],
                "description": "A member is shown to the public only once its organisation "
                "has confirmed it takes part.",
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer(f"organisation__{SEARCH_VECTOR}", f"partnership__{SEARCH_VECTOR}")
        )


class OutcomeInline(admin.TabularInline):
    model = Outcome
    fields = [
        "period_start",
        "period_end",
        "people_reached",
        "volunteers",
        "volunteer_hours",
        "items_delivered",
    ]
    extra = 0

    def get_queryset(self, request):
        # Each row prints the outcome, which names the service.
        return (
            super()
            .get_queryset(request)
            .select_related("service")
            .defer(f"service__{SEARCH_VECTOR}")
        )


@admin.register(Service)
class ServiceAdmin(ModerationAdmin):
    list_display = ["name", "provider", "status", "availability", "access", "crisis", "updated"]
    # No filter by provider or partnership: their choices would list whole tables.
    list_filter = ["status", "availability", "access", "cost", "crisis"]
    list_select_related = ["organisation", "crisis"]
    ordering = ["-updated"]
    search_fields = ["name__icontains_trgm", "slug__exact"]
    search_help_text = "Search by service name, or by exact slug."
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = [
        "organisation",
        "partnership",
        "categories",
        "audiences",
        "areas",
        "locations",
    ]
    readonly_fields = ["uuid", "created", "updated"]
    inlines = [OutcomeInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "organisation", "partnership", "description"]}),
        ("Moderation", {"fields": ["status", "availability"]}),
        (
            "Who and what",
            {
                "fields": ["categories", "audiences", ("minimum_age", "maximum_age"), "languages"],
            },
        ),
        ("How to get it", {"fields": ["access", "cost", "cost_details"]}),
        ("Contact details", {"fields": ["website", "email", "phone"]}),
        (
            "Where and when",
            {
                "fields": ["areas", "locations", "crisis", "started", "ended"],
                "description": "Locations are the provider's own places; add them on the "
                "organisation's page.",
            },
        ),
        ("Record", {"fields": ["uuid", "created", "updated"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"organisation__{SEARCH_VECTOR}")

    def get_view_on_site_url(self, obj=None):
        # The public page also needs the provider to be published.
        if obj is not None and obj.organisation.status != ModerationStatus.PUBLISHED:
            return None
        return super().get_view_on_site_url(obj)

    @admin.display(description="provider", ordering="organisation__name")
    def provider(self, obj):
        url = reverse("admin:organisations_organisation_change", args=[obj.organisation_id])
        return format_html('<a href="{}">{}</a>', url, obj.organisation.name)


@admin.register(Funding)
class FundingAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "amount_display",
        "funder_display",
        "received_by",
        "awarded_on",
        "kind",
        "economic_development",
    ]
    list_filter = [
        "kind",
        "economic_development",
        ("partnership__community_led", admin.BooleanFieldListFilter),
    ]
    list_select_related = ["funder", "recipient", "partnership"]
    date_hierarchy = "awarded_on"
    search_fields = ["title", "=identifier", "funder_name"]
    search_help_text = "Search by title or funder name (if not in the directory), or exact id."
    autocomplete_fields = ["funder", "recipient", "partnership", "areas"]
    readonly_fields = ["created"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["title", "identifier", "kind", "amount", "currency", "awarded_on"]}),
        (
            "From",
            {
                "fields": ["funder", "funder_name"],
                "description": "Choose the funder if it is in the directory; "
                "otherwise type its name.",
            },
        ),
        (
            "To",
            {
                "fields": ["partnership", "recipient", "areas"],
                "description": "The partnership or the organisation that received it "
                "(at least one), and where the money is meant to benefit people.",
            },
        ),
        ("Reporting", {"fields": ["economic_development"]}),
        ("Record", {"fields": ["created"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer(
                f"funder__{SEARCH_VECTOR}",
                f"recipient__{SEARCH_VECTOR}",
                f"partnership__{SEARCH_VECTOR}",
            )
        )

    @admin.display(description="amount", ordering="amount")
    def amount_display(self, obj):
        amount = number_format(obj.amount, decimal_pos=2, force_grouping=True)
        return f"£{amount}" if obj.currency == "GBP" else f"{amount} {obj.currency}"

    @admin.display(description="funder")
    def funder_display(self, obj):
        return obj.funder_display

    @admin.display(description="received by")
    def received_by(self, obj):
        return obj.partnership or obj.recipient


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = [
        "service",
        "period_start",
        "period_end",
        "people_reached",
        "volunteers",
        "volunteer_hours",
        "items_delivered",
    ]
    list_filter = [("service__crisis", admin.RelatedFieldListFilter)]
    list_select_related = ["service"]
    # Newest first: the model's order (period start) has no index, and
    # there are several outcomes per service.
    ordering = ["-pk"]
    search_fields = ["service__name__icontains_trgm"]
    search_help_text = "Search by service name."
    autocomplete_fields = ["service"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["service", "period_start", "period_end"]}),
        (
            "Figures",
            {
                "fields": ["people_reached", "volunteers", "volunteer_hours", "items_delivered"],
                "description": "Leave a figure empty if it was not counted; 0 means none.",
            },
        ),
        ("Notes", {"fields": ["notes"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer(f"service__{SEARCH_VECTOR}")


# The organisation admin, with what this app adds to an organisation: its
# services and its partnership roles. Registered here, not in the
# organisations app, because dependencies point from this app to that one.


class ServiceInline(LatestRowsInline):
    model = Service
    fields = ["name", "status", "availability"]
    show_change_link = True
    # Add and delete services from the service list: a new service needs
    # more than this compact row, and deleting one deletes its outcomes.
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).defer(SEARCH_VECTOR)


class PartnershipRoleInline(LatestRowsInline):
    model = PartnershipMember
    # The partnership is a link, not an autocomplete box: each box would run
    # a query, and a council can belong to hundreds of partnerships.
    fields = ["partnership_link", "role", "confirmed_at"]
    readonly_fields = ["partnership_link", "confirmed_at"]
    verbose_name = "partnership role"
    verbose_name_plural = "partnerships"

    def has_add_permission(self, request, obj=None):
        # Members are added from the partnership's page.
        return False

    @admin.display(description="partnership")
    def partnership_link(self, obj):
        url = reverse("admin:partnerships_partnership_change", args=[obj.partnership_id])
        return format_html('<a href="{}">{}</a>', url, obj.partnership.name)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organisation", "partnership")
            .defer(f"organisation__{SEARCH_VECTOR}", f"partnership__{SEARCH_VECTOR}")
        )


admin.site.unregister(Organisation)


@admin.register(Organisation)
class OrganisationAdmin(BaseOrganisationAdmin):
    inlines = [*BaseOrganisationAdmin.inlines, PartnershipRoleInline, ServiceInline]
