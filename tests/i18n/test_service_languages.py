"""A service's languages are shown as its provider wrote them, and can be searched."""

import pytest

from tests.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_service_page_shows_its_languages_as_written_in_every_interface_language(client):
    service = ServiceFactory(languages="English, Polski, اردو")

    for prefix in ("", "/de", "/ar"):
        html = client.get(f"{prefix}/services/{service.slug}/").content.decode()
        assert "English, Polski, اردو" in html


def test_services_can_be_filtered_by_a_language_they_are_offered_in(client):
    ServiceFactory(name="Polish advice line", languages="English, Polish")
    ServiceFactory(name="Urdu lunch club", languages="Urdu")

    html = client.get("/services/", {"language": "polish"}).content.decode()

    assert "Polish advice line" in html
    assert "Urdu lunch club" not in html
    assert "Offered in a language: polish" in html  # the selected-filter tag
