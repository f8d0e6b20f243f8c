from django.urls import path, re_path

from . import manage_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|json)$", views.organisation_export, name="export"),
    re_path(
        r"^export-with-contacts\.(?P<fmt>csv|json)$",
        views.organisation_officer_export,
        name="officer_export",
    ),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/still-correct/<str:token>/", views.still_correct, name="still_correct"),
    path("<slug:slug>/claim/", manage_views.claim, name="claim"),
    path("<slug:slug>/report/", manage_views.report_problem, name="report"),
    path("<slug:slug>/report/thanks/", manage_views.report_thanks, name="report_thanks"),
]
