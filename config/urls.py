from django.contrib import admin
from django.urls import include, path

from partnerships import views as partnership_views

from . import views

admin.site.site_header = "Community partnership directory: curation"
admin.site.site_title = "Directory curation"
admin.site.index_title = "Keep the directory trustworthy"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("baseline", views.baseline, name="baseline"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("organisations/", include("organisations.urls")),
    path("insights/", partnership_views.insights, name="insights"),
    path("", include("partnerships.urls")),
    path("api/oruk/", include("openreferral.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # The signed-in member's side; partnerships' pages sit beside organisations'.
    path("manage/", include("organisations.manage_urls")),
    path("manage/", include("partnerships.manage_urls")),
]

handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
