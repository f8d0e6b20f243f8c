"""/manage/ pages for services, outcomes and partnerships (mounted in config/urls.py)."""

from django.urls import path

from . import funding_views
from . import manage_views as views

app_name = "manage_partnerships"
SERVICE = "organisations/<slug:slug>/services/<slug:service_slug>/"
urlpatterns = [
    path("organisations/<slug:slug>/services/add/", views.service_add, name="service_add"),
    path(f"{SERVICE}edit/", views.service_edit, name="service_edit"),
    path(f"{SERVICE}end/", views.service_end, name="service_end"),
    path(f"{SERVICE}outcomes/", views.outcomes, name="outcomes"),
    path(f"{SERVICE}outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("organisations/<slug:slug>/funding/", funding_views.funding_list, name="funding"),
    path("organisations/<slug:slug>/funding/add/", funding_views.funding_add, name="funding_add"),
    path(
        "organisations/<slug:slug>/funding/<int:pk>/edit/",
        funding_views.funding_edit,
        name="funding_edit",
    ),
    path(
        "organisations/<slug:slug>/funding/<int:pk>/remove/",
        funding_views.funding_remove,
        name="funding_remove",
    ),
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
