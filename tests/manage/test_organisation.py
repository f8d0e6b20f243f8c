"""A member's page for their organisation: the listing, changing it, "still correct"."""

import datetime

import pytest

from organisations.models import ModerationStatus, Organisation
from tests.factories import ServiceFactory

from .conftest import html, submit, title

pytestmark = pytest.mark.django_db


def url(organisation, suffix=""):
    return f"/manage/organisations/{organisation.slug}/{suffix}"


def profile(organisation, **changes):
    data = {
        "name": organisation.name,
        "kind": organisation.kind,
        "description": organisation.description,
        "charity_number": organisation.charity_number,
        "company_number": organisation.company_number,
        "website": "https://pantry.example.org",
        "email": organisation.email,
        "phone": organisation.phone,
        "address": organisation.address,
        "postcode": organisation.postcode,
        "areas": [str(pk) for pk in organisation.areas.values_list("pk", flat=True)],
    }
    data.update(changes)
    return data


def test_member_sees_the_listing_its_status_and_services(as_owner, organisation):
    ServiceFactory(organisation=organisation, name="Hot Meals on Tuesdays")

    response = as_owner.get(url(organisation))

    page = html(response)
    assert response.status_code == 200
    assert "Ancoats Community Pantry" in page
    assert "Published" in page
    assert "Hot Meals on Tuesdays" in page
    assert f'href="{url(organisation, "edit/")}"' in page


def test_a_pending_listing_says_it_waits_for_a_curator(as_owner, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(status=ModerationStatus.PENDING)

    assert "Waiting for a curator to check it" in html(as_owner.get(url(organisation)))


def test_editing_a_published_listing_keeps_it_published_and_records_history(
    as_editor, organisation, editor
):
    response = submit(
        as_editor,
        url(organisation, "edit/"),
        profile(organisation, description="Now open on Saturdays too."),
    )

    assert response.url == url(organisation)
    organisation.refresh_from_db()
    assert organisation.description == "Now open on Saturdays too."
    assert organisation.status == ModerationStatus.PUBLISHED
    latest = organisation.history.first()
    assert latest.description == "Now open on Saturdays too."
    assert latest.history_user == editor


def test_changing_a_rejected_listing_sends_it_back_for_checking(as_owner, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(
        status=ModerationStatus.REJECTED, rejection_reason="Add a description of your work."
    )
    organisation.refresh_from_db()

    submit(as_owner, url(organisation, "edit/"), profile(organisation, description="We cook."))

    organisation.refresh_from_db()
    assert organisation.status == ModerationStatus.PENDING
    assert organisation.rejection_reason == ""


def test_an_invalid_edit_shows_errors_and_changes_nothing(as_owner, organisation):
    response = submit(
        as_owner,
        url(organisation, "edit/"),
        profile(organisation, name="", company_number="12", description="Changed"),
    )

    assert response.status_code == 200
    assert title(response).startswith("Error: ")
    assert '<a href="#id_name">Enter the name of the organisation</a>' in html(response)
    assert "Enter a company number in the format 01234567 or SC123456" in html(response)
    organisation.refresh_from_db()
    assert organisation.name == "Ancoats Community Pantry"
    assert organisation.description != "Changed"


def test_still_correct_records_todays_date(as_editor, organisation):
    Organisation.objects.filter(pk=organisation.pk).update(
        last_confirmed=datetime.date(2020, 1, 1), out_of_date=True
    )

    response = submit(as_editor, url(organisation), action=url(organisation, "still-correct/"))

    assert response.url == url(organisation)
    organisation.refresh_from_db()
    assert organisation.last_confirmed == datetime.date.today()
    assert organisation.out_of_date is False


def test_still_correct_only_answers_post(as_owner, organisation):
    assert as_owner.get(url(organisation, "still-correct/")).status_code == 405


@pytest.mark.parametrize("rows", [1, 5])
def test_query_count_does_not_grow_with_services(
    as_owner, organisation, django_assert_num_queries, rows
):
    ServiceFactory.create_batch(rows, organisation=organisation)

    # 1. the session
    # 2. the signed-in user
    # 3. their membership with the organisation (the permission check)
    # 4. the organisation's areas
    # 5. its services
    # 6. its places in partnerships, with the partnerships
    with django_assert_num_queries(6):
        response = as_owner.get(url(organisation))

    assert html(response).count("/outcomes/") == rows
