"""A keyboard-only visitor (Tab, Enter, Space; no mouse) searches, filters and sends a form,
and can always see where the focus is."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import AreaFactory, OrganisationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VISIBLE_FOCUS = """() => {
    const style = getComputedStyle(document.activeElement);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    return outline || shadow;
}"""


@pytest.fixture
def directory():
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    OrganisationFactory(name="Ancoats Community Pantry", areas=[manchester])
    OrganisationFactory(name="Ancoats Pantry Trust", kind="charity", areas=[manchester])


def tab_to(page, locator, limit=40):
    """Press Tab until the locator has the focus, checking each stop shows it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(VISIBLE_FOCUS), "focus is not visible on " + page.evaluate(
            "document.activeElement.outerHTML.slice(0, 120)"
        )
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{locator} was not reached with {limit} presses of Tab")


def test_keyboard_user_searches_filters_and_opens_a_result(page, directory):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    assert page.evaluate(VISIBLE_FOCUS), "the skip link does not show it has the focus"

    tab_to(page, page.get_by_label("Search organisations"))
    page.keyboard.type("pantry")
    page.keyboard.press("Enter")
    expect(page).to_have_title(re.compile(r"^pantry – Organisations"))
    expect(page.get_by_role("status")).to_contain_text("2 organisations")

    # Skip the header, then straight to the search box of the list.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search", exact=True)).to_be_focused()

    charity = page.get_by_role("checkbox", name="Charity")
    tab_to(page, charity)
    page.keyboard.press("Space")
    expect(charity).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Apply filters").last)
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("1 organisation")
    result = page.get_by_role("link", name="Ancoats Pantry Trust")
    tab_to(page, result, limit=80)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ancoats Pantry Trust")


def test_keyboard_user_sends_an_empty_form_and_lands_on_the_errors(page, directory):
    page.goto("/organisations/ancoats-community-pantry/report/")
    tab_to(page, page.get_by_role("button", name="Send the report"), limit=60)
    page.keyboard.press("Enter")

    expect(page).to_have_title(re.compile(r"^Error: Report a problem"))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    assert page.evaluate(VISIBLE_FOCUS), "the error summary does not show it has the focus"
    # The first error links to its field: Enter on it moves the focus there.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_label("It has closed or stopped running")).to_be_focused()
