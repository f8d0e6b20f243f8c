"""/manage/: the signed-in member's side of the directory (mounted in config/urls.py)."""

from django.urls import path

from . import manage_views as views

app_name = "manage"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("register/", views.register_start, name="register_start"),
    path("register/possible-duplicates/", views.register_duplicates, name="register_duplicates"),
    path("register/check/", views.register_check, name="register_check"),
    path("register/<slug:step>/", views.register_step, name="register_step"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("organisations/<slug:slug>/", views.organisation_overview, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/still-correct/", views.still_correct, name="still_correct"),
    path("organisations/<slug:slug>/contacts/", views.contacts, name="contacts"),
    path("organisations/<slug:slug>/contacts/add/", views.contact_edit, name="contact_add"),
    path(
        "organisations/<slug:slug>/contacts/<int:pk>/",
        views.contact_edit,
        name="contact_edit",
    ),
    path(
        "organisations/<slug:slug>/contacts/<int:pk>/remove/",
        views.contact_delete,
        name="contact_delete",
    ),
    path("organisations/<slug:slug>/members/", views.members, name="members"),
    path("organisations/<slug:slug>/members/invite/", views.invite, name="invite"),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/",
        views.remove_member,
        name="remove_member",
    ),
    path("organisations/<slug:slug>/leave/", views.leave, name="leave"),
]
