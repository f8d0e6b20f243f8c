"""The person's own data, beside allauth's account pages under /accounts/."""

from django.urls import path

from . import views

urlpatterns = [
    path("your-data/", views.your_data, name="account_your_data"),
    path("your-data/download/", views.download_your_data, name="account_download_data"),
    path("delete/", views.delete_account, name="account_delete"),
]
