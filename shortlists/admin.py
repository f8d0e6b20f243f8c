from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Shortlist, ShortlistItem


class ShortlistItemInline(admin.TabularInline):
    model = ShortlistItem
    fields = ["organisation", "note", "added"]
    readonly_fields = ["added"]
    autocomplete_fields = ["organisation"]
    extra = 0


class SharedFilter(admin.SimpleListFilter):
    title = _("shared by link")
    parameter_name = "shared"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        match self.value():
            case "yes":
                return queryset.filter(share_token__isnull=False)
            case "no":
                return queryset.filter(share_token__isnull=True)
        return queryset


@admin.register(Shortlist)
class ShortlistAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "organisations", "shared", "updated"]
    list_filter = [SharedFilter]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__email"]
    search_help_text = _("Search by the shortlist's name or the owner's email.")
    autocomplete_fields = ["owner"]
    readonly_fields = ["created", "updated"]
    fields = ["owner", "name", "created", "updated"]
    inlines = [ShortlistItemInline]
    ordering = ["-updated"]
    show_full_result_count = False
    actions = ["stop_sharing"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_count=Count("items"))

    @admin.display(description=_("organisations"), ordering="item_count")
    def organisations(self, obj):
        return obj.item_count

    @admin.display(description=_("shared"), boolean=True)
    def shared(self, obj):
        return obj.is_shared

    @admin.action(description=_("Stop sharing (the links stop working)"), permissions=["change"])
    def stop_sharing(self, request, queryset):
        stopped = queryset.filter(share_token__isnull=False).update(share_token=None)
        self.message_user(request, _("Stopped sharing %(count)d shortlists.") % {"count": stopped})
