from django.urls import path

from . import views

app_name = "shortlists"
urlpatterns = [
    path("", views.index, name="index"),
    path("add/", views.add, name="add"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/rename/", views.rename, name="rename"),
    path("<int:pk>/share/", views.share, name="share"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/items/<int:item_pk>/note/", views.note, name="note"),
    path("<int:pk>/items/<int:item_pk>/remove/", views.remove, name="remove"),
]
