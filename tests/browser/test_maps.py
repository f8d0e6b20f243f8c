"""Maps are an enhancement: drawn by Leaflet where JavaScript runs, with a text alternative."""

import re

import pytest
from playwright.sync_api import expect

from postcodes.models import Postcode, PostcodeDistrict
from tests.factories import OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def near_m1():
    Postcode.objects.create(
        postcode="M1 1AE", outward="M1", latitude="53.479300", longitude="-2.245100"
    )
    PostcodeDistrict.objects.create(outward="M1", latitude="53.4793", longitude="-2.2451")
    OrganisationFactory(name="Ancoats Pantry", latitude="53.4843", longitude="-2.2261")
    OrganisationFactory(name="Piccadilly Kitchen", latitude="53.4808", longitude="-2.2380")


def test_list_near_a_postcode_draws_a_marker_for_each_result(page, near_m1, screenshot):
    page.goto("/organisations/?postcode=M1+1AE&distance=2")
    # Leaflet is not loaded until the map is asked for.
    assert page.evaluate("typeof window.L") == "undefined"
    page.get_by_role("button", name="Show the map").click()

    expect(
        page.get_by_role(
            "region", name="Map: Map of the organisations on this page. Each is listed below."
        )
    ).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    expect(page.get_by_text(re.compile(r"^\d\.\d miles away$"))).to_have_count(2)
    screenshot("organisations-near-m1")


def test_without_javascript_the_map_stays_hidden_and_the_list_is_complete(
    browser, live_server, near_m1
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/organisations/?postcode=M1+1AE&distance=2")

    assert page.locator("[data-map]").is_hidden()
    assert page.get_by_role("button", name="Show the map").is_hidden()
    expect(
        page.get_by_text("Map of the organisations on this page. Each is listed below.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Ancoats Pantry")).to_be_visible()
    context.close()
