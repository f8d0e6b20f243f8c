from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations and areas"

    def ready(self):
        from . import personal_data  # noqa: F401  (registers its sections and receiver)
        from .models import Organisation
        from .search import search_names_by_trigram

        search_names_by_trigram(Organisation)
