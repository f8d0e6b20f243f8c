"""Recording outcome figures for a service, a period at a time."""

import datetime

import pytest

from partnerships.models import Outcome
from tests.factories import OutcomeFactory, ServiceFactory

from .conftest import html, submit, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(organisation):
    return ServiceFactory(organisation=organisation, name="Food Parcels", slug="food-parcels")


def outcomes_url(service):
    return f"/manage/organisations/{service.organisation.slug}/services/{service.slug}/outcomes/"


def figures(start=(1, 4, 2024), end=(30, 6, 2024), **changes):
    data = {
        "period_start_0": str(start[0]),
        "period_start_1": str(start[1]),
        "period_start_2": str(start[2]),
        "period_end_0": str(end[0]),
        "period_end_1": str(end[1]),
        "period_end_2": str(end[2]),
        "people_reached": "120",
        "volunteers": "15",
        "volunteer_hours": "",
        "items_delivered": "1500",
        "notes": "",
    }
    data.update(changes)
    return data


def test_figures_are_recorded_for_a_period(as_editor, service):
    response = submit(as_editor, outcomes_url(service), figures())

    assert response.url == outcomes_url(service)
    outcome = Outcome.objects.get()
    assert outcome.service == service
    assert (outcome.period_start, outcome.period_end) == (
        datetime.date(2024, 4, 1),
        datetime.date(2024, 6, 30),
    )
    assert (outcome.people_reached, outcome.volunteer_hours) == (120, None)
    assert "1 Apr 2024 to 30 Jun 2024" in html(as_editor.get(outcomes_url(service)))


def test_negative_counts_are_refused(as_owner, service):
    response = submit(as_owner, outcomes_url(service), figures(volunteers="-3"))

    assert title(response).startswith("Error: ")
    assert (
        '<a href="#id_volunteers">The number of volunteers cannot be negative: enter 0 or more</a>'
        in html(response)
    )
    assert 'value="-3"' in html(response)
    assert not Outcome.objects.exists()


def test_a_period_cannot_end_before_it_starts(as_owner, service):
    response = submit(
        as_owner, outcomes_url(service), figures(start=(1, 6, 2024), end=(1, 4, 2024))
    )

    assert "The end of the period must be the same as or after the start" in html(response)
    assert not Outcome.objects.exists()


def test_a_period_can_be_exactly_a_year_but_no_longer(as_owner, service):
    too_long = submit(
        as_owner, outcomes_url(service), figures(start=(1, 4, 2023), end=(1, 4, 2024))
    )
    assert "A period can be up to a year long" in html(too_long)
    assert not Outcome.objects.exists()

    submit(as_owner, outcomes_url(service), figures(start=(1, 4, 2023), end=(31, 3, 2024)))
    assert Outcome.objects.count() == 1


def test_a_period_cannot_be_in_the_future(as_owner, service):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    start = tomorrow - datetime.timedelta(days=30)

    response = submit(
        as_owner,
        outcomes_url(service),
        figures(
            start=(start.day, start.month, start.year),
            end=(tomorrow.day, tomorrow.month, tomorrow.year),
        ),
    )

    assert "The end of the period must be today or in the past" in html(response)
    assert not Outcome.objects.exists()


def test_at_least_one_figure_is_needed(as_owner, service):
    response = submit(
        as_owner,
        outcomes_url(service),
        figures(people_reached="", volunteers="", items_delivered=""),
    )

    assert "Enter at least one figure" in html(response)


def test_recorded_figures_can_be_corrected(as_owner, service):
    outcome = OutcomeFactory(service=service)
    url = f"{outcomes_url(service)}{outcome.pk}/edit/"

    submit(as_owner, url, figures(start=(1, 4, 2020), end=(30, 6, 2020), people_reached="99"))

    outcome.refresh_from_db()
    assert outcome.people_reached == 99
