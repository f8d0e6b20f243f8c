from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships and services"

    def ready(self):
        from organisations.search import search_names_by_trigram

        from . import personal_data  # noqa: F401  (registers its section)
        from .models import Partnership, Service

        search_names_by_trigram(Partnership)
        search_names_by_trigram(Service)
