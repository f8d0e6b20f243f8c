"""Registering an organisation: question pages, check your answers, then one write."""

import pytest
from django.core import mail

from organisations.models import AreaCurator, Membership, ModerationStatus, Organisation
from postcodes.models import Postcode
from tests.factories import AreaFactory, UserFactory

from .conftest import assert_sends_to_sign_in, browser, csrf_token, html, submit, title

pytestmark = pytest.mark.django_db

START = "/manage/register/"


def step(name):
    return f"/manage/register/{name}/"


CHECK = "/manage/register/check/"

ANSWERS = {
    "name": {"name": "  Ardwick   Lunch Club ", "kind": "community_group"},
    "about": {
        "description": "Hot lunches and company for older neighbours, twice a week.",
        "charity_number": "sc 012345",
        "company_number": "1234567",
    },
    "contact": {
        "website": "https://ardwicklunch.example.org",
        "email": "hello@ardwicklunch.example.org",
        "phone": "0161 496 0123",
        "address": "St Jerome's Hall\nArdwick Green",
        "postcode": " m12 6fx ",
    },
}


@pytest.fixture
def person():
    return UserFactory(email="founder@example.org")


@pytest.fixture
def client(person):
    return browser(person)


def answer_everything(client, area):
    for name, data in ANSWERS.items():
        response = submit(client, step(name), data)
        assert response.status_code == 302, html(response)
    return submit(client, step("areas"), {"areas": [str(area.pk)]})


def test_anonymous_visitor_is_sent_to_sign_in():
    for url in [START, step("name"), CHECK, "/manage/register/possible-duplicates/"]:
        assert_sends_to_sign_in(browser().get(url), url)


def test_start_page_explains_what_is_needed(client):
    response = client.get(START)

    assert response.status_code == 200
    assert "Register an organisation" in html(response)
    assert 'href="/manage/register/name/"' in html(response)


def test_each_question_leads_to_the_next(client, area):
    assert submit(client, step("name"), ANSWERS["name"]).url == step("about")
    assert submit(client, step("about"), ANSWERS["about"]).url == step("contact")
    assert submit(client, step("contact"), ANSWERS["contact"]).url == step("areas")
    assert (
        submit(client, step("areas"), {"areas": [str(area.pk)]}).url
        == "/manage/register/possible-duplicates/"
    )


def test_later_questions_wait_for_earlier_answers(client):
    response = client.get(step("contact"))

    assert response.status_code == 302
    assert response.url == step("name")


def test_nothing_is_written_until_the_answers_are_confirmed(client, area):
    answer_everything(client, area)
    response = client.get(CHECK)

    assert response.status_code == 200
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_check_your_answers_shows_the_normalised_answers_with_change_links(client, area):
    answer_everything(client, area)

    page = html(client.get(CHECK))

    assert "Ardwick Lunch Club" in page
    assert "SC012345" in page  # charity number tidied
    assert "01234567" in page  # company number padded to 8 characters
    assert "M12 6FX" in page  # postcode normalised
    assert "Manchester" in page
    assert 'href="/manage/register/about/?change=1#id_charity_number"' in page
    assert 'href="/manage/register/areas/?change=1#id_areas_0"' in page


def test_a_change_link_returns_to_check_your_answers(client, area):
    answer_everything(client, area)
    client.get(CHECK)

    response = submit(
        client, step("name") + "?change=1", {"name": "Ardwick Lunch Club", "kind": "charity"}
    )

    assert response.url == CHECK
    assert "Charity" in html(client.get(CHECK))


def test_confirming_creates_a_pending_organisation_owned_by_the_person(client, person, area):
    Postcode.objects.create(
        postcode="M12 6FX",
        outward="M12",
        latitude="53.470000",
        longitude="-2.220000",
        local_authority="E08000003",
    )
    answer_everything(client, area)

    response = submit(client, CHECK)

    organisation = Organisation.objects.get(name="Ardwick Lunch Club")
    assert response.status_code == 302
    assert response.url == f"/manage/organisations/{organisation.slug}/"
    assert organisation.slug == "ardwick-lunch-club"
    assert organisation.status == ModerationStatus.PENDING
    assert organisation.charity_number == "SC012345"
    assert organisation.company_number == "01234567"
    assert organisation.postcode == "M12 6FX"
    assert str(organisation.latitude) == "53.470000"
    assert list(organisation.areas.all()) == [area]
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (person, Membership.Role.OWNER)
    # The answers are gone from the session: the flow starts afresh.
    assert client.get(CHECK).url == step("name")


def test_the_slug_does_not_clash_with_an_existing_listing(client, area):
    Organisation.objects.create(name="Ardwick Lunch Club", slug="ardwick-lunch-club")
    answer_everything(client, area)
    client.get("/manage/register/possible-duplicates/")

    submit(client, CHECK)

    assert Organisation.objects.filter(slug="ardwick-lunch-club-2").exists()


def test_curators_of_the_area_and_superusers_are_emailed(client, area):
    UserFactory(email="boss@example.org", is_superuser=True, is_staff=True)
    local = UserFactory(email="manchester-curator@example.org", is_staff=True)
    AreaCurator.objects.create(user=local, area=area)
    elsewhere = UserFactory(email="leeds-curator@example.org", is_staff=True)
    AreaCurator.objects.create(user=elsewhere, area=AreaFactory(name="Leeds"))
    answer_everything(client, area)

    submit(client, CHECK)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["boss@example.org", "manchester-curator@example.org"]
    assert mail.outbox[0].subject == "New listing to check: Ardwick Lunch Club"
    assert "/admin/organisations/organisation/" in mail.outbox[0].body


def test_an_invalid_answer_shows_errors_keeps_the_input_and_writes_nothing(client):
    submit(client, step("name"), ANSWERS["name"])

    response = submit(
        client,
        step("about"),
        {"description": "", "charity_number": "12-34", "company_number": "ABC"},
    )

    page = html(response)
    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert 'class="govuk-error-summary"' in page
    assert '<a href="#id_description">Enter what the organisation does</a>' in page
    assert (
        '<a href="#id_charity_number">Enter a charity number in the format 1234567 or SC012345</a>'
        in page
    )
    assert "Enter a company number in the format 01234567 or SC123456" in page
    assert 'value="12-34"' in page  # kept as typed
    assert not Organisation.objects.exists()
    assert "about" not in client.session["register_organisation"]


def test_radio_and_checkbox_errors_link_to_the_first_option(client):
    response = submit(client, step("name"), {"name": "Ardwick Lunch Club"})

    assert '<a href="#id_kind_0">Select the type of organisation</a>' in html(response)
    assert 'id="id_kind_0"' in html(response)


def test_postcode_and_phone_are_checked(client):
    submit(client, step("name"), ANSWERS["name"])
    submit(client, step("about"), ANSWERS["about"])

    response = submit(
        client, step("contact"), {**ANSWERS["contact"], "postcode": "NOT A CODE", "phone": "12"}
    )

    page = html(response)
    assert "Enter a UK postcode, like M4 5JD" in page
    assert "Enter a phone number, like 0161 496 0000" in page


def test_some_way_to_contact_the_organisation_is_needed(client):
    submit(client, step("name"), ANSWERS["name"])
    submit(client, step("about"), ANSWERS["about"])

    response = submit(client, step("contact"), {"address": "A hall", "postcode": "M4"})

    assert "Enter at least one way to contact the organisation" in html(response)


def test_areas_are_required(client):
    for name, data in ANSWERS.items():
        submit(client, step(name), data)

    response = submit(client, step("areas"), {})

    assert (
        '<a href="#id_areas_0">Select at least one council area the organisation works in</a>'
        in html(response)
    )


def test_a_write_without_a_csrf_token_is_refused(client, area):
    answer_everything(client, area)
    client.get(CHECK)

    response = client.post(CHECK, {})

    assert response.status_code == 403
    assert not Organisation.objects.filter(name="Ardwick Lunch Club").exists()


def test_start_again_forgets_the_answers(client):
    submit(client, step("name"), ANSWERS["name"])
    page = client.get(START)
    assert "Continue where you left off" in html(page)

    client.post(START, {"csrfmiddlewaretoken": csrf_token(page)})

    assert "register_organisation" not in client.session


def test_answers_that_no_longer_fit_are_asked_again(client, area):
    answer_everything(client, area)
    area.delete()

    response = client.get(CHECK)

    assert response.url == step("areas")
    assert not Organisation.objects.exists()
