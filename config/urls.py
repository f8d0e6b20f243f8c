from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from partnerships import views as partnership_views

from . import i18n, views

admin.site.site_header = "Community partnership directory: curation"
admin.site.site_title = "Directory curation"
admin.site.index_title = "Keep the directory trustworthy"

# Machine-facing and curator pages: one URL each, in English.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("baseline", views.baseline, name="baseline"),
    path("language/<str:code>/", i18n.switch_language, name="switch_language"),
    path("api/oruk/", include("openreferral.urls")),
    path("admin/", admin.site.urls),
]

# The pages people read: English at the unprefixed URL, other languages under /<code>/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("organisations/", include("organisations.urls")),
    path("insights/", partnership_views.insights, name="insights"),
    path("", include("partnerships.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The signed-in member's side; partnerships' pages sit beside organisations'.
    path("manage/", include("organisations.manage_urls")),
    path("manage/", include("partnerships.manage_urls")),
    # Council officers' tools.
    path("alerts/", include("alerts.urls")),
    path("shortlists/", include("shortlists.urls")),
    prefix_default_language=False,
)

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
# django-allauth renders its rate limits through this (Django itself has no 429 handler).
handler429 = "accounts.ratelimits.handler429"
