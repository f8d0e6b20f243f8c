from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = "Organisations and areas"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from . import personal_data  # noqa: F401  (registers its sections and receiver)
        from .listing import public_pages_changed
        from .models import Area, Contact, Location, Membership, Organisation
        from .search import search_names_by_trigram

        search_names_by_trigram(Organisation)
        # Cached public pages are retired when a listing, or what its page shows, changes.
        # Memberships decide whether a page offers "claim this listing"; areas are named.
        for model in (Organisation, Location, Contact, Membership, Area):
            for signal in (post_save, post_delete):
                signal.connect(public_pages_changed, sender=model)
        m2m_changed.connect(public_pages_changed, sender=Organisation.areas.through)
