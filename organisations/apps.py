from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations and areas"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import personal_data  # noqa: F401  (registers its sections and receiver)
        from .listing import public_pages_changed
        from .models import Organisation
        from .search import search_names_by_trigram

        search_names_by_trigram(Organisation)
        # Cached public list pages are retired when a listing changes.
        for signal in (post_save, post_delete):
            signal.connect(public_pages_changed, sender=Organisation)
        m2m_changed.connect(public_pages_changed, sender=Organisation.areas.through)
