"""Adding, changing and ending an organisation's services."""

import datetime

import pytest

from organisations.models import ModerationStatus, Organisation
from partnerships.models import Service
from tests.factories import ServiceFactory, audience, category

from .conftest import html, submit, title

pytestmark = pytest.mark.django_db


def add_url(organisation):
    return f"/manage/organisations/{organisation.slug}/services/add/"


def service_url(service, suffix):
    return f"/manage/organisations/{service.organisation.slug}/services/{service.slug}/{suffix}"


def service_data(area, **changes):
    data = {
        "name": "Tuesday Lunch Club",
        "description": "A hot meal and a chat.",
        "categories": [str(category("hot-meals").pk)],
        "audiences": [str(audience("older-people").pk)],
        "access": "drop_in",
        "cost": "low_cost",
        "cost_details": "£2 a meal",
        "languages": "English, Urdu",
        "areas": [str(area.pk)],
        "started_0": "1",
        "started_1": "9",
        "started_2": "2023",
        "availability": "active",
        "minimum_age": "60",
        "maximum_age": "",
    }
    data.update(changes)
    return data


def test_a_published_organisation_adds_a_published_service(as_editor, organisation, area):
    response = submit(as_editor, add_url(organisation), service_data(area))

    assert response.url == f"/manage/organisations/{organisation.slug}/"
    service = Service.objects.get(name="Tuesday Lunch Club")
    assert service.organisation == organisation
    assert service.status == ModerationStatus.PUBLISHED
    assert service.slug == "tuesday-lunch-club-ancoats-community-pantry"
    assert service.started == datetime.date(2023, 9, 1)
    assert service.minimum_age == 60
    assert list(service.categories.all()) == [category("hot-meals")]
    assert list(service.audiences.all()) == [audience("older-people")]
    assert list(service.areas.all()) == [area]


def test_a_pending_organisations_new_service_waits_for_a_curator(as_owner, organisation, area):
    Organisation.objects.filter(pk=organisation.pk).update(status=ModerationStatus.PENDING)

    submit(as_owner, add_url(organisation), service_data(area))

    assert Service.objects.get().status == ModerationStatus.PENDING


def test_service_errors_are_shown_and_nothing_is_saved(as_owner, organisation, area):
    response = submit(
        as_owner,
        add_url(organisation),
        service_data(
            area,
            name="",
            categories=[],
            minimum_age="70",
            maximum_age="18",
            started_0="31",
            started_1="2",
            started_2="2023",
        ),
    )

    page = html(response)
    assert title(response).startswith("Error: ")
    assert '<a href="#id_name">Enter the name of the service</a>' in page
    assert '<a href="#id_categories_0">Select at least one kind of help' in page
    assert '<a href="#id_started_0">Date the service started must be a real date</a>' in page
    assert "The oldest age must be the same as or more than the youngest age" in page
    assert 'value="31"' in page  # kept as typed
    assert not Service.objects.exists()


def test_a_service_cannot_end_before_it_starts(as_owner, organisation, area):
    response = submit(
        as_owner,
        add_url(organisation),
        service_data(area, ended_0="1", ended_1="1", ended_2="2020"),
    )

    assert "must be the same as or after the date it started" in html(response)
    assert not Service.objects.exists()


def test_a_date_missing_a_part_says_which(as_owner, organisation, area):
    response = submit(
        as_owner, add_url(organisation), service_data(area, started_0="", started_1="")
    )

    assert "Date the service started must include a day and a month" in html(response)


def test_editing_a_published_service_keeps_it_published(as_editor, organisation, area):
    service = ServiceFactory(organisation=organisation, areas=[area])

    response = submit(
        as_editor, service_url(service, "edit/"), service_data(area, name="Renamed Lunch Club")
    )

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Renamed Lunch Club"
    assert service.status == ModerationStatus.PUBLISHED


def test_ending_a_service_marks_it_ended_today(as_owner, organisation):
    service = ServiceFactory(organisation=organisation)

    response = submit(as_owner, service_url(service, "end/"))

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.availability == Service.Availability.ENDED
    assert service.ended == datetime.date.today()
    assert service.status == ModerationStatus.PUBLISHED  # still listed, as ended


def test_another_organisations_service_is_not_found(as_owner, organisation):
    elsewhere = ServiceFactory()
    url = f"/manage/organisations/{organisation.slug}/services/{elsewhere.slug}/edit/"

    assert as_owner.get(url).status_code == 404
