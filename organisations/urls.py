from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/still-correct/<str:token>/", views.still_correct, name="still_correct"),
]
