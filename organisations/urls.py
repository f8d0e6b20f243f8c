from django.urls import path, re_path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    re_path(r"^export\.(?P<fmt>csv|json)$", views.organisation_export, name="export"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/still-correct/<str:token>/", views.still_correct, name="still_correct"),
]
