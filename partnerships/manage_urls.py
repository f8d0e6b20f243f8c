"""/manage/ pages for services, outcomes and partnerships (mounted in config/urls.py)."""

from django.urls import path

from . import manage_views as views

app_name = "manage_partnerships"
SERVICE = "organisations/<slug:slug>/services/<slug:service_slug>/"
urlpatterns = [
    path("organisations/<slug:slug>/services/add/", views.service_add, name="service_add"),
    path(f"{SERVICE}edit/", views.service_edit, name="service_edit"),
    path(f"{SERVICE}end/", views.service_end, name="service_end"),
    path(f"{SERVICE}outcomes/", views.outcomes, name="outcomes"),
    path(f"{SERVICE}outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("partnerships/propose/", views.propose_partnership, name="propose_partnership"),
    path(
        "partnerships/members/<int:pk>/confirm/",
        views.partnership_confirm,
        name="partnership_confirm",
    ),
    path(
        "partnerships/members/<int:pk>/decline/",
        views.partnership_decline,
        name="partnership_decline",
    ),
]
