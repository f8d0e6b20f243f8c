"""An edit that fails halfway (the database drops between the listing and its
areas) leaves the listing as it was, and the member sees the 503 page."""

import pytest
from django.db import OperationalError

from organisations.forms import OrganisationProfileForm
from partnerships.forms import ServiceForm
from tests.factories import AreaFactory, ServiceFactory, category

from .conftest import submit

pytestmark = pytest.mark.django_db


def drop_connection_after_the_row(monkeypatch, form_class):
    """The row is written; writing its lists then fails, as in a database restart."""

    def lost(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(form_class, "_save_m2m", lost)


def test_organisation_edit_cut_short_changes_nothing(as_owner, organisation, area, monkeypatch):
    other_area = AreaFactory(name="Salford", gss_code="E08000006")
    drop_connection_after_the_row(monkeypatch, OrganisationProfileForm)
    page = f"/manage/organisations/{organisation.slug}/edit/"
    data = {
        "name": "Renamed Pantry",
        "kind": organisation.kind,
        "description": "New description",
        "email": "hello@example.org",
        "areas": [area.pk, other_area.pk],
    }

    response = submit(as_owner, page, data)

    assert response.status_code == 503
    organisation.refresh_from_db()
    assert organisation.name == "Ancoats Community Pantry"
    assert list(organisation.areas.all()) == [area]


def test_service_edit_cut_short_changes_nothing(as_owner, organisation, area, monkeypatch):
    service = ServiceFactory(
        name="Food Parcels", organisation=organisation, areas=[area], categories=[category()]
    )
    drop_connection_after_the_row(monkeypatch, ServiceForm)
    page = f"/manage/organisations/{organisation.slug}/services/{service.slug}/edit/"
    response = submit(
        as_owner,
        page,
        {
            "name": "Renamed Parcels",
            "description": service.description,
            "categories": [category().pk],
            "areas": [area.pk],
            "access": "self_referral",
            "cost": "free",
            "availability": "active",
            "email": "hello@example.org",
        },
    )

    service.refresh_from_db()
    assert service.name == "Food Parcels"
    assert response.status_code == 503
