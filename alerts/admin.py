from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "listing", "digest", "last_sent_at", "created"]
    list_filter = ["listing", "digest"]
    list_select_related = ["owner"]
    search_fields = ["name", "owner__email"]
    search_help_text = _("Search by the search's name or the owner's email.")
    autocomplete_fields = ["owner"]
    readonly_fields = ["created"]
    ordering = ["-pk"]
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": ["owner", "name", "listing", "query"]}),
        (_("Weekly email"), {"fields": ["digest", "last_sent_at", "created"]}),
    ]
