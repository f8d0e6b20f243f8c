from django.urls import path, re_path

from . import views

app_name = "partnerships"
urlpatterns = [
    path("partnerships/", views.partnership_list, name="list"),
    re_path(r"^partnerships/export\.(?P<fmt>csv|json)$", views.partnership_export, name="export"),
    path("partnerships/<slug:slug>/", views.partnership_detail, name="detail"),
    path("services/", views.service_list, name="service_list"),
    re_path(r"^services/export\.(?P<fmt>csv|json)$", views.service_export, name="service_export"),
    path("services/<slug:slug>/", views.service_detail, name="service_detail"),
]
