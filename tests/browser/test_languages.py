"""Every language's main pages fit a 320 px phone, say their language, and keep
what groups wrote as they wrote it.

German, Swedish and Welsh compounds are far longer than English words; a label
that fits in English can push a page sideways in another language. Screenshots
of each language's home and list pages go to tests/browser/screenshots/.
"""

import pytest
from django.conf import settings

from tests.browser.conftest import SCREENSHOTS
from tests.factories import (
    AreaFactory,
    FundingFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    category,
    covid,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESCRIPTION = "A pay-as-you-feel food pantry run by neighbours, open on Tuesdays."


@pytest.fixture
def directory():
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    pantry = OrganisationFactory(
        name="Ancoats Community Pantry", description=DESCRIPTION, areas=[manchester]
    )
    service = ServiceFactory(
        name="Pantry food parcels",
        description=DESCRIPTION,
        organisation=pantry,
        categories=[category("food-banks-and-parcels"), category("mental-health-and-wellbeing")],
        areas=[manchester],
        crisis=covid(),
    )
    # Seven-figure totals, as a city's insights show them.
    OutcomeFactory(service=service, people_reached=1_107_826, volunteer_hours=825_230)
    partnership = PartnershipFactory(name="Manchester Food Response", areas=[manchester])
    PartnershipMemberFactory(partnership=partnership, organisation=pantry)
    FundingFactory(partnership=partnership, economic_development=True)
    return {"pantry": pantry, "service": service, "partnership": partnership}


def pages(directory):
    return {
        "home": "/",
        "organisations": "/organisations/?q=pantry",
        "services": "/services/",
        "partnerships": "/partnerships/",
        "insights": "/insights/?area=E08000003",
        "organisation": directory["pantry"].get_absolute_url(),
        "service": directory["service"].get_absolute_url(),
        "partnership": directory["partnership"].get_absolute_url(),
        "sign-in": "/accounts/login/",
        "accessibility": "/accessibility/",
    }


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_main_pages_fit_a_phone_in_every_language(language, page, directory):
    prefix = "" if language == "en" else f"/{language}"  # English pages have no prefix
    page.set_viewport_size({"width": 320, "height": 800})
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in pages(directory).items():
        response = page.goto(prefix + path)
        assert response.status == 200, f"{language} {name}: {response.status}"
        html = page.locator("html")
        assert html.get_attribute("lang").split("-")[0] == language.split("-")[0], (
            f"{language} {name}: wrong lang"
        )
        expected_dir = "rtl" if language in settings.LANGUAGES_BIDI else "ltr"
        assert (html.get_attribute("dir") or "ltr") == expected_dir, f"{language} {name}"
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= 320, f"{language} {name} scrolls sideways at 320 px: {scroll}px wide"
        if name == "insights":
            # The bar charts' tables fit too (the bars are drawn from a tablet's width up).
            squeezed = page.evaluate(
                "[...document.querySelectorAll('.app-chart .app-table-scroll')]"
                ".filter((box) => box.scrollWidth > box.clientWidth).length"
            )
            assert squeezed == 0, f"{language}: {squeezed} chart tables scroll sideways"
        if name in ("home", "organisations", "insights"):
            page.screenshot(path=SCREENSHOTS / f"lang-{language}-{name}-320.png", full_page=True)


def test_what_a_group_wrote_reads_left_to_right_on_arabic_pages(page, directory):
    page.goto("/ar" + directory["pantry"].get_absolute_url())
    assert page.locator("html").get_attribute("dir") == "rtl"
    description = page.locator(".app-prose").get_by_text(DESCRIPTION)
    # dir="auto": English text keeps its punctuation at the end of the sentence.
    assert description.evaluate("element => getComputedStyle(element).direction") == "ltr"

    page.goto("/ar/organisations/?q=pantry")
    summary = page.locator(".app-result").get_by_text(DESCRIPTION)
    assert summary.evaluate("element => getComputedStyle(element).direction") == "ltr"
