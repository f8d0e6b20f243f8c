"""The public "report a problem" form on each listing, and its throttle."""

import pytest
from django.core import mail

from organisations.models import ProblemReport
from tests.factories import OrganisationFactory

from .conftest import browser, csrf_token, html, submit, title

pytestmark = pytest.mark.django_db


def report_url(organisation):
    return f"/organisations/{organisation.slug}/report/"


def report(client, organisation, **data):
    return submit(client, report_url(organisation), {"kind": "contact", **data})


def test_each_listing_links_to_the_report_form(organisation):
    page = html(browser().get(organisation.get_absolute_url()))

    assert f'href="{report_url(organisation)}">Report a problem with this listing</a>' in page


def test_a_report_is_recorded_the_owners_told_and_thanks_shown(organisation, owner, editor):
    client = browser()

    response = report(
        client,
        organisation,
        details="The phone number is disconnected.",
        reporter_email="resident@example.org",
    )

    assert response.url == f"/organisations/{organisation.slug}/report/thanks/"
    problem = ProblemReport.objects.get()
    assert problem.organisation == organisation
    assert problem.kind == ProblemReport.Kind.CONTACT
    assert problem.reporter_email == "resident@example.org"
    assert problem.page == organisation.get_absolute_url()
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert "The phone number is disconnected." in mail.outbox[0].body
    assert "Thank you for your report" in html(client.get(response.url))


def test_a_report_needs_to_say_what_is_wrong(organisation):
    response = report(browser(), organisation, kind="")

    assert title(response).startswith("Error: ")
    assert '<a href="#id_kind_0">Select what is wrong with this listing</a>' in html(response)
    assert not ProblemReport.objects.exists()


def test_something_else_needs_details(organisation):
    response = report(browser(), organisation, kind="other", details="")

    assert '<a href="#id_details">Tell us what is wrong</a>' in html(response)
    assert not ProblemReport.objects.exists()


def test_reports_on_unclaimed_listings_go_to_curators(organisation, django_user_model):
    django_user_model.objects.create_superuser(email="boss@example.org", password="x")

    report(browser(), organisation)

    assert [message.to for message in mail.outbox] == [["boss@example.org"]]


def test_a_sixth_report_in_an_hour_is_refused_with_when_to_try_again(organisation):
    client = browser()
    token = csrf_token(client.get(report_url(organisation)))
    for _ in range(5):
        assert report(client, organisation).status_code == 302

    response = client.get(report_url(organisation))

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3500
    assert "You can try again after" in html(response)
    assert ProblemReport.objects.count() == 5
    refused = client.post(
        report_url(organisation), {"csrfmiddlewaretoken": token, "kind": "contact"}
    )
    assert refused.status_code == 429
    assert ProblemReport.objects.count() == 5


def test_the_throttle_counts_each_address_separately(organisation):
    for _ in range(5):
        report(browser(), organisation)

    other = browser()
    other.defaults["REMOTE_ADDR"] = "203.0.113.9"

    assert other.get(report_url(organisation)).status_code == 200


def test_the_throttle_counts_the_address_the_proxy_saw(organisation, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # DJANGO_TRUSTED_PROXY_COUNT=1
    client = browser()
    client.defaults["HTTP_X_FORWARDED_FOR"] = "198.51.100.1, 203.0.113.7"
    for _ in range(5):
        report(client, organisation)

    # A different client-supplied prefix does not escape the limit...
    spoofed = browser()
    spoofed.defaults["HTTP_X_FORWARDED_FOR"] = "192.0.2.1, 203.0.113.7"
    assert spoofed.get(report_url(organisation)).status_code == 429
    # ...but another address behind the proxy is not held back.
    neighbour = browser()
    neighbour.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.8"
    assert neighbour.get(report_url(organisation)).status_code == 200


def test_unpublished_listings_cannot_be_reported(organisation):
    pending = OrganisationFactory(status="pending")

    assert browser().get(report_url(pending)).status_code == 404


def test_emails_are_plain_text_not_html_escaped(owner):
    organisation = OrganisationFactory(name="St Mary's <Food> & Friends")
    owner.memberships.create(organisation=organisation, role="owner")

    report(browser(), organisation, details='"Closed" since May')

    body = mail.outbox[0].body
    assert "St Mary's <Food> & Friends" in body
    assert '"Closed" since May' in body


def test_without_a_trusted_proxy_a_forwarded_for_header_does_not_escape_the_throttle(
    organisation,
):
    for _ in range(5):
        report(browser(), organisation)

    spoofed = browser()
    spoofed.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.8"

    assert spoofed.get(report_url(organisation)).status_code == 429
