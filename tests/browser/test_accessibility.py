"""Every page type in every state meets WCAG 2.2 AA, in a real browser.

Each case loads a page (or drives it into a state: a form with errors, a list
on page 2), then: axe-core finds no WCAG A/AA violation; the page reflows at
320 CSS px without scrolling sideways; screenshots at 320, 768 and 1280 px go
to tests/browser/screenshots/ to be looked at; public pages stay under 50 KB
of gzipped HTML and 50 KB of gzipped JavaScript. The HTML each page was sent
is saved, and the last test checks all of it with the Nu Html Checker in one run.
"""

import dataclasses
import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from alerts.models import SavedSearch
from shortlists.models import Shortlist
from tests.browser import checkers
from tests.browser.conftest import SCREENSHOTS
from tests.factories import (
    AreaFactory,
    ContactFactory,
    CouncilFactory,
    FundingFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    UserFactory,
    audience,
    category,
    covid,
    officer,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a long walk to the allotment"
WIDTHS = (320, 768, 1280)
BUDGET = 50 * 1024  # bytes, gzipped
# The HTML each case was sent, for the Nu Html Checker at the end of the session.
CHECKED_HTML = []


@dataclass
class Case:
    name: str
    path: str
    # Drives the loaded page into the state under test (fills and submits a form).
    drive: Callable | None = None
    signed_in: bool = False
    public: bool = True
    # Extra rows the state needs (a second page of results).
    extra: Callable | None = None
    status: int = 200
    title: str | None = None  # a pattern the title must match
    # CSS selectors of third-party markup axe may skip, each with its reason.
    exclude: tuple = ()
    language: str = "en"
    # Signed in as a confirmed council officer instead of the group's owner.
    officer: bool = False


def submit(button):
    def drive(page):
        page.get_by_role("button", name=button, exact=True).first.click()
        page.wait_for_load_state()

    return drive


def fill_and_submit(fields, button):
    def drive(page):
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        submit(button)(page)

    return drive


# A second page of results: the lists show 20 a page.
def organisations_page_two(directory):
    OrganisationFactory.create_batch(21, areas=[directory["manchester"]])


def services_page_two(directory):
    ServiceFactory.create_batch(21, organisation=directory["pantry"])


def partnerships_page_two(directory):
    PartnershipFactory.create_batch(21)


REDIRECTS = {301, 302, 303, 307, 308}
ERROR = r"^Error: "
CASES = [
    Case("home", "/"),
    Case("accessibility-statement", "/accessibility/"),
    Case("not-found", "/no-such-page/", status=404),
    Case("server-error", "/test-only/server-error/", status=500, public=False),
    # Lists: everything, searched, filtered, nothing found, page 2, a filter in error.
    Case("organisations", "/organisations/"),
    Case("organisations-searched", "/organisations/?q=pantry"),
    Case("organisations-filtered", "/organisations/?area=E08000003&kind=community_group"),
    Case("organisations-empty", "/organisations/?q=zzzzzz"),
    Case(
        "organisations-page-2",
        "/organisations/?page=2",
        extra=organisations_page_two,
        title=r"\(page 2 of 2\)",
    ),
    Case("organisations-near-postcode-error", "/organisations/?postcode=nowhere", title=ERROR),
    Case("services", "/services/"),
    Case("services-searched", "/services/?q=parcels"),
    Case("services-filtered", "/services/?category=food-banks-and-parcels&area=E08000003"),
    Case("services-empty", "/services/?q=zzzzzz"),
    Case("services-page-2", "/services/?page=2", extra=services_page_two, title=r"page 2 of 2"),
    Case("partnerships", "/partnerships/"),
    Case("partnerships-searched", "/partnerships/?q=covid"),
    Case("partnerships-filtered", "/partnerships/?area=E08000003"),
    Case("partnerships-empty", "/partnerships/?q=zzzzzz"),
    Case(
        "partnerships-page-2",
        "/partnerships/?page=2",
        extra=partnerships_page_two,
        title=r"page 2 of 2",
    ),
    # Detail pages.
    Case("organisation-detail", "/organisations/ancoats-community-pantry/"),
    Case("service-detail", "/services/pantry-food-parcels/"),
    Case(
        "organisation-detail-map-shown",
        "/organisations/ancoats-community-pantry/",
        drive=lambda page: (
            page.get_by_role("button", name="Show the map").click(),
            page.locator(".leaflet-marker-icon").wait_for(),
        ),
        # The budget is for what a page loads; Leaflet comes only when asked for.
        public=False,
    ),
    Case("partnership-detail", "/partnerships/manchester-food-response/"),
    Case("insights", "/insights/"),
    Case("insights-area", "/insights/?area=E08000003"),
    Case("insights-error", "/insights/?area=nowhere", title=ERROR),
    # Report a problem: untouched, with errors, sent.
    Case("report", "/organisations/ancoats-community-pantry/report/"),
    Case(
        "report-errors",
        "/organisations/ancoats-community-pantry/report/",
        drive=submit("Send the report"),
        title=ERROR,
    ),
    Case(
        "report-sent",
        "/organisations/ancoats-community-pantry/report/",
        drive=lambda page: (
            page.get_by_label("The contact details are wrong").check(),
            page.get_by_label("Details (optional)").fill("The phone number rings a closed office."),
            submit("Send the report")(page),
        ),
        title=r"^Thank you",
    ),
    # Accounts.
    Case("sign-in", "/accounts/login/", public=False),
    Case("sign-in-errors", "/accounts/login/", drive=submit("Sign in"), title=ERROR, public=False),
    Case(
        "sign-in-wrong-password",
        "/accounts/login/",
        drive=fill_and_submit(
            {"Email address": "owner@ancoats.example", "Password": "not the password"},
            "Sign in",
        ),
        title=ERROR,
        public=False,
    ),
    Case("sign-up", "/accounts/signup/", public=False),
    Case(
        "sign-up-errors",
        "/accounts/signup/",
        drive=submit("Create account"),
        title=ERROR,
        public=False,
    ),
    Case(
        "sign-up-done",
        "/accounts/signup/",
        drive=fill_and_submit(
            {
                "Email address": "new@ancoats.example",
                "Create a password": PASSWORD,
                "Confirm your password": PASSWORD,
            },
            "Create account",
        ),
        public=False,
    ),
    Case("password-reset", "/accounts/password/reset/", public=False),
    Case(
        "password-reset-errors",
        "/accounts/password/reset/",
        drive=submit("Send the link"),
        title=ERROR,
        public=False,
    ),
    Case("admin-login", "/admin/login/", public=False),
    Case("admin-login-errors", "/admin/login/", drive=submit("Log in"), public=False),
    # Signed in: the member's side.
    Case("manage-dashboard", "/manage/", signed_in=True, public=False),
    Case(
        "manage-organisation",
        "/manage/organisations/ancoats-community-pantry/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-organisation-edit",
        "/manage/organisations/ancoats-community-pantry/edit/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-organisation-edit-errors",
        "/manage/organisations/ancoats-community-pantry/edit/",
        drive=fill_and_submit({"Name of the organisation": ""}, "Save changes"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    Case(
        "manage-organisation-edit-saved",
        "/manage/organisations/ancoats-community-pantry/edit/",
        drive=submit("Save changes"),
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-service-add",
        "/manage/organisations/ancoats-community-pantry/services/add/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-service-add-errors",
        "/manage/organisations/ancoats-community-pantry/services/add/",
        drive=submit("Add the service"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    Case(
        "manage-outcomes",
        "/manage/organisations/ancoats-community-pantry/services/pantry-food-parcels/outcomes/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-members",
        "/manage/organisations/ancoats-community-pantry/members/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-invite-errors",
        "/manage/organisations/ancoats-community-pantry/members/invite/",
        drive=submit("Send invitation"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    Case(
        "manage-propose-partnership",
        "/manage/partnerships/propose/",
        signed_in=True,
        public=False,
    ),
    Case("register-start", "/manage/register/", signed_in=True, public=False),
    Case("register-name", "/manage/register/name/", signed_in=True, public=False),
    Case(
        "register-name-errors",
        "/manage/register/name/",
        drive=submit("Continue"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    Case(
        "register-about",
        "/manage/register/name/",
        drive=lambda page: (
            page.get_by_label("Name of the organisation").fill("Ardwick Tool Library"),
            page.get_by_label("Community group").check(),
            submit("Continue")(page),
        ),
        signed_in=True,
        public=False,
    ),
    Case(
        "claim",
        "/organisations/harehills-good-neighbours/claim/",
        signed_in=True,
        public=False,
    ),
    Case(
        "claim-errors",
        "/organisations/harehills-good-neighbours/claim/",
        drive=submit("Send the request"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    # The member's named contacts and funding.
    Case(
        "manage-contacts",
        "/manage/organisations/ancoats-community-pantry/contacts/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-contact-add-errors",
        "/manage/organisations/ancoats-community-pantry/contacts/add/",
        drive=submit("Save contact"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    Case(
        "manage-funding",
        "/manage/organisations/ancoats-community-pantry/funding/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-funding-add",
        "/manage/organisations/ancoats-community-pantry/funding/add/",
        signed_in=True,
        public=False,
    ),
    Case(
        "manage-funding-add-errors",
        "/manage/organisations/ancoats-community-pantry/funding/add/",
        drive=submit("Save the funding"),
        signed_in=True,
        public=False,
        title=ERROR,
    ),
    # The account: email, password, the data held, deletion.
    Case("account-email", "/accounts/email/", signed_in=True, public=False),
    Case("account-password-change", "/accounts/password/change/", signed_in=True, public=False),
    Case("account-your-data", "/accounts/your-data/", signed_in=True, public=False),
    Case("account-delete", "/accounts/delete/", signed_in=True, public=False),
    # A council officer's side: lists with save and shortlist, saved searches, shortlists.
    Case("officer-organisations", "/organisations/?q=pantry", officer=True, public=False),
    Case(
        "officer-organisation-detail",
        "/organisations/ancoats-community-pantry/",
        officer=True,
        public=False,
    ),
    Case("officer-saved-searches", "/alerts/", officer=True, public=False),
    Case("officer-saved-search-edit", "/alerts/{search}/", officer=True, public=False),
    Case(
        "officer-saved-search-edit-errors",
        "/alerts/{search}/",
        drive=fill_and_submit({"Name of the search": ""}, "Save changes"),
        officer=True,
        public=False,
        title=ERROR,
    ),
    Case("officer-shortlists", "/shortlists/", officer=True, public=False),
    Case("officer-shortlist", "/shortlists/{shortlist}/", officer=True, public=False),
    Case("officer-shared-shortlist", "/shortlists/shared/{token}/", signed_in=True, public=False),
    # Pages that say "not now": too many attempts, and the database unreachable.
    Case("too-many-requests", "/test-only/too-many-requests/", status=429, public=False),
    Case("service-unavailable", "/test-only/database-down/", status=503, public=False),
]


# Arabic, right to left: the same checks on every page and state that needs no
# English typed or clicked to reach it.
CASES += [
    dataclasses.replace(case, name=f"ar-{case.name}", path=f"/ar{case.path}", language="ar")
    for case in list(CASES)
    if case.drive is None
    and case.title is None
    and case.extra is None
    and not case.path.startswith(("/test-only/", "/admin/"))
    and not case.name.endswith(("-searched", "-area", "-outcomes", "-members", "-start"))
]


@pytest.fixture
def directory():
    """A small directory with one of everything the pages show."""
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    leeds = AreaFactory(name="Leeds", gss_code="E08000035", region="Yorkshire and The Humber")
    food = category("food-banks-and-parcels")
    pantry = OrganisationFactory(
        name="Ancoats Community Pantry",
        description="A pay-as-you-feel food pantry run by neighbours.",
        website="https://pantry.example.org",
        email="hello@pantry.example.org",
        phone="0161 496 0000",
        postcode="M4 6BF",
        # On the map: lists and the detail page draw it with Leaflet.
        latitude="53.4843",
        longitude="-2.2261",
        areas=[manchester],
    )
    OrganisationFactory(name="Harehills Good Neighbours", areas=[leeds])
    service = ServiceFactory(
        name="Pantry food parcels",
        organisation=pantry,
        categories=[food],
        audiences=[audience()],
        areas=[manchester],
        crisis=covid(),
    )
    OutcomeFactory(service=service)
    partnership = PartnershipFactory(name="Manchester Food Response", areas=[manchester])
    PartnershipMemberFactory(partnership=partnership, organisation=pantry)
    FundingFactory(partnership=partnership, economic_development=True)
    # Straight to the organisation: its page lists it in a table.
    FundingFactory(
        partnership=None, recipient=pantry, title="Winter food appeal grant", amount="1250.00"
    )
    service.partnership = partnership
    service.save()
    owner = UserFactory(email="owner@ancoats.example", password=PASSWORD)
    MembershipFactory(user=owner, organisation=pantry)
    ContactFactory(organisation=pantry, name="Pat Organiser")
    council = CouncilFactory(name="Manchester City Council", governs=manchester)
    council_officer = officer(email="olive@council.example", council=council)
    search = SavedSearch.objects.create(
        owner=council_officer, name="Pantries", listing="organisations", query="q=pantry"
    )
    shortlist = Shortlist.objects.create(owner=council_officer, name="Food banks")
    shortlist.items.create(organisation=pantry, note="Met them in March.")
    # The owner is an officer too (of a second council), to open a colleague's shared link.
    salford = CouncilFactory(name="Salford City Council")
    MembershipFactory(user=owner, organisation=salford, officer_confirmed_at=timezone.now())
    shortlist.start_sharing()
    return {
        "manchester": manchester,
        "pantry": pantry,
        "owner": owner,
        "officer": council_officer,
        "ids": {"search": search.pk, "shortlist": shortlist.pk, "token": shortlist.share_token},
    }


def sign_in(page, user, live_server):
    """The member's session cookie, as signing in would set it."""
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def server_error_route(settings):
    # A route that fails, mounted only for this test run: production URLs have none.
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_page_is_accessible(case, page, directory, live_server, server_error_route):
    checkers.require_axe()
    if case.extra:
        case.extra(directory)
    if case.signed_in or case.officer:
        sign_in(page, directory["officer" if case.officer else "owner"], live_server)
    page.context.add_init_script(path=str(checkers.AXE))

    documents, navigations = [], []

    def keep_document(route):
        # The HTML as the server sent it (the browser may not keep a POST's body).
        if not route.request.is_navigation_request():
            return route.fallback()
        response = route.fetch(max_redirects=0)
        documents.append(
            (response.status, None if response.status in REDIRECTS else response.body())
        )
        return route.fulfill(response=response)

    page.route("**/*", keep_document)
    # The page a redirect leads to is not routed again: read it from the browser.
    page.on(
        "response",
        lambda response: (
            navigations.append(response)
            if response.request.is_navigation_request() and response.frame == page.main_frame
            else None
        ),
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(case.path.format(**directory["ids"]))
    if case.drive:
        case.drive(page)
    page.wait_for_load_state("load")

    status, html = documents[-1]
    if status in REDIRECTS:
        status, html = navigations[-1].status, navigations[-1].body()
    assert status == case.status, f"{case.name}: {page.url} gave {status}"
    with translation.override(case.language):
        sign_out, site_name = gettext("Sign out"), gettext("Community partnership directory")
    assert page.locator("html").get_attribute("lang") == case.language or case.language == "en"
    if case.language == "ar":
        assert page.locator("html").get_attribute("dir") == "rtl", f"{case.name}: not right to left"
    if case.signed_in or case.officer:
        expect(page.get_by_role("button", name=sign_out)).to_be_visible()
    if case.title:
        assert re.search(case.title, page.title()), f"{case.name}: title {page.title()!r}"
    assert page.title().endswith(site_name) or case.name.startswith("admin"), (
        f"{case.name}: title {page.title()!r} does not say where you are"
    )

    violations = checkers.axe_violations(page, case.exclude)
    assert not violations, (
        f"axe found WCAG A/AA violations on {case.name} ({page.url}):\n"
        + checkers.describe_violations(violations)
    )

    CHECKED_HTML.append(_save_html(case.name, html))

    SCREENSHOTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SCREENSHOTS / f"a11y-{case.name}-{width}.png", full_page=True)
        if width == 320:
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client, (
                f"{case.name} scrolls sideways at 320 px: {scroll}px of content in {client}px"
            )

    if case.public:
        # Every script the final page loaded, module imports included.
        scripts = page.evaluate(
            "performance.getEntriesByType('resource').map((e) => e.name)"
            ".filter((name) => new URL(name).pathname.endsWith('.js'))"
        )
        html_size = len(gzip.compress(html))
        assert html_size < BUDGET, f"{case.name}: {html_size} bytes of gzipped HTML"
        js_size = sum(len(gzip.compress(page.request.get(url).body())) for url in scripts)
        assert js_size < BUDGET, f"{case.name}: {js_size} bytes of gzipped JavaScript"


def _save_html(name, html):
    folder = SCREENSHOTS / "html"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.html"
    path.write_bytes(html)
    return path


def test_every_page_checked_is_valid_html():
    """Runs after the cases above (same module): one Nu Html Checker run over all their HTML."""
    java = checkers.require_vnu()
    if not CHECKED_HTML:
        pytest.skip("No page was rendered in this run: select the page cases too")
    errors = checkers.vnu_errors(java, CHECKED_HTML)
    report = "\n".join(
        f"{name}:\n" + "\n".join(f"    {line}" for line in lines) for name, lines in errors.items()
    )
    assert not errors, f"The Nu Html Checker found errors:\n{report}"


def test_statuses_are_told_in_words_not_colour_alone(page, directory, live_server):
    ServiceFactory(
        name="Winter warm space",
        slug="winter-warm-space",
        organisation=directory["pantry"],
        availability="temporarily_closed",
    )
    page.goto("/services/winter-warm-space/")
    expect(page.locator("main .govuk-tag")).to_have_text("Temporarily closed")
    page.goto("/partnerships/manchester-food-response/")
    expect(page.locator("main .govuk-tag").first).to_have_text("Active")
    sign_in(page, directory["owner"], live_server)
    page.goto("/manage/")
    expect(page.locator("main .govuk-tag").first).to_have_text("Published")


def test_detail_pages_print_without_navigation_and_with_link_addresses(page, directory):
    page.goto("/organisations/ancoats-community-pantry/")
    page.emulate_media(media="print")
    assert not page.locator(".govuk-service-navigation").is_visible()
    assert not page.locator(".govuk-footer").is_visible()
    website = page.locator("main a[href^='https://pantry.example.org']").first
    after = website.evaluate("link => getComputedStyle(link, '::after').content")
    assert "pantry.example.org" in after
    page.pdf(path=SCREENSHOTS / "a11y-organisation-detail-print.pdf")
