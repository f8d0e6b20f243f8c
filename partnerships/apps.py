from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships and services"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from organisations.listing import public_pages_changed
        from organisations.search import search_names_by_trigram

        from . import personal_data  # noqa: F401  (registers its section)
        from .models import Partnership, PartnershipMember, Service

        search_names_by_trigram(Partnership)
        search_names_by_trigram(Service)
        # Cached public list pages are retired when a listing changes.
        for model in (Partnership, PartnershipMember, Service):
            for signal in (post_save, post_delete):
                signal.connect(public_pages_changed, sender=model)
