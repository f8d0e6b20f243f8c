from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Partnerships and services"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from organisations.listing import public_pages_changed
        from organisations.models import Organisation
        from organisations.search import search_names_by_trigram

        from . import personal_data  # noqa: F401  (registers its section)
        from .insights import figures_changed
        from .models import (
            Audience,
            Category,
            Crisis,
            Funding,
            Outcome,
            Partnership,
            PartnershipMember,
            Service,
        )

        search_names_by_trigram(Partnership)
        search_names_by_trigram(Service)
        # Cached public pages are retired when anything they show changes.
        # (Names shown on the pages too: categories, audiences, crises.)
        for model in (
            Partnership,
            PartnershipMember,
            Service,
            Outcome,
            Funding,
            Category,
            Audience,
            Crisis,
        ):
            for signal in (post_save, post_delete):
                signal.connect(public_pages_changed, sender=model)
        for through in (
            Partnership.areas.through,
            Service.areas.through,
            Service.categories.through,
            Service.audiences.through,
            Service.locations.through,
        ):
            m2m_changed.connect(public_pages_changed, sender=through)

        # What the insights count: a change to any of it retires the cached figures.
        for model in (Organisation, Partnership, PartnershipMember, Service, Outcome, Funding):
            post_save.connect(figures_changed, sender=model, dispatch_uid=f"insights-{model}")
            post_delete.connect(figures_changed, sender=model, dispatch_uid=f"insights-d-{model}")
        for through in (
            Organisation.areas.through,
            Partnership.areas.through,
            Service.areas.through,
            Service.categories.through,
            Funding.areas.through,
        ):
            m2m_changed.connect(figures_changed, sender=through, dispatch_uid=f"insights-{through}")
        m2m_changed.connect(
            _funding_areas_changed, sender=Funding.areas.through, dispatch_uid="funding-has-areas"
        )


def _funding_areas_changed(instance, action, reverse, **kwargs):
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        instance.beneficiary_areas_changed()
