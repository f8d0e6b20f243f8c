"""A council officer finds a group in a real browser, with the mouse and with the keyboard."""

import pytest
from playwright.sync_api import expect

from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory, category

pytestmark = [
    pytest.mark.browser,
    # The live server reads through its own connection; keep the reference data between tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def directory():
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    leeds = AreaFactory(name="Leeds", gss_code="E08000035")
    pantry = OrganisationFactory(
        name="Ancoats Community Pantry",
        description="A pay-as-you-feel food pantry run by neighbours.",
        areas=[manchester],
    )
    OrganisationFactory(name="Harehills Good Neighbours", areas=[leeds])
    ServiceFactory(
        name="Pantry food parcels",
        organisation=pantry,
        categories=[category("food-banks-and-parcels")],
        areas=[manchester],
    )
    return pantry


def test_officer_searches_filters_and_opens_a_group(page, directory, screenshot):
    page.goto("/")
    screenshot("home")
    page.get_by_label("Search organisations").fill("pantry")
    page.get_by_role("button", name="Search").click()

    expect(page).to_have_title("pantry – Organisations – Community partnership directory")
    expect(page.get_by_role("status")).to_contain_text("1 organisation")
    screenshot("organisations-search")
    screenshot("organisations-search", width=320)

    page.get_by_label("Area").select_option(label="Leeds")
    page.get_by_role("button", name="Apply filters").first.click()
    expect(page.get_by_role("heading", name="No organisations found")).to_be_visible()
    page.get_by_role("link", name="Remove filter Area: Leeds").click()

    page.get_by_role("link", name="Ancoats Community Pantry").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ancoats Community Pantry")
    expect(page.get_by_role("link", name="Pantry food parcels")).to_be_visible()
    screenshot("organisation-detail")


def test_keyboard_user_skips_to_content_and_searches(page, directory):
    page.goto("/organisations/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search")).to_be_focused()
    page.keyboard.type("Harehills")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Harehills Good Neighbours")).to_be_visible()
    expect(page.get_by_role("link", name="Ancoats Community Pantry")).to_have_count(0)


def test_list_reflows_at_320_pixels_without_horizontal_scrolling(page, directory):
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ["/", "/organisations/", "/services/", "/partnerships/"]:
        page.goto(path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{path} scrolls sideways: {scroll_width}px wide"
