from django.urls import path, re_path

from . import views

app_name = "openreferral"
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi_document, name="openapi"),
    path("services", views.service_list, name="services"),
    path("services/<str:pk>", views.service_detail, name="service"),
    path("service_at_locations", views.service_at_location_list, name="service_at_locations"),
    path(
        "service_at_locations/<str:pk>",
        views.service_at_location_detail,
        name="service_at_location",
    ),
    path("organizations", views.organization_list, name="organizations"),
    path("organizations/<str:pk>", views.organization_detail, name="organization"),
    path("taxonomies", views.taxonomy_list, name="taxonomies"),
    path("taxonomies/<str:pk>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_term_list, name="taxonomy_terms"),
    path("taxonomy_terms/<str:pk>", views.taxonomy_term_detail, name="taxonomy_term"),
    # Anything else under the API answers in JSON too.
    re_path(r"^(?P<path>.*)$", views.not_found),
]
