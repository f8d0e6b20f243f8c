"""python manage.py send_digests: the weekly email of what is new or changed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alerts.models import SavedSearch
from organisations.models import ModerationStatus, Organisation
from tests.factories import OrganisationFactory, ServiceFactory, officer

pytestmark = pytest.mark.django_db

LAST_WEEK = timedelta(days=7)


def send(*args):
    out = StringIO()
    call_command("send_digests", "--base-url", "https://directory.example.org", *args, stdout=out)
    return out.getvalue()


def age(organisation, *, created_days, updated_days):
    now = timezone.now()
    Organisation.objects.filter(pk=organisation.pk).update(
        created=now - timedelta(days=created_days), updated=now - timedelta(days=updated_days)
    )


@pytest.fixture
def owner():
    return officer(email="olive@council.example.org")


@pytest.fixture
def pantries(owner):
    """A saved search last sent a week ago, one new match, one changed, one unchanged."""
    search = SavedSearch.objects.create(
        owner=owner,
        name="Pantries",
        listing="organisations",
        query="q=pantry",
        last_sent_at=timezone.now() - LAST_WEEK,
    )
    OrganisationFactory(name="New Pantry")
    changed = OrganisationFactory(name="Changed Pantry")
    age(changed, created_days=400, updated_days=2)
    unchanged = OrganisationFactory(name="Unchanged Pantry")
    age(unchanged, created_days=400, updated_days=30)
    OrganisationFactory(name="New Befriending Circle")  # new, but not in the search
    OrganisationFactory(name="Pending Pantry", status=ModerationStatus.PENDING)
    return search


def test_digest_lists_new_and_changed_listings_in_the_search(pantries):
    output = send()

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["olive@council.example.org"]
    assert email.subject == "2 new or changed listings in your saved searches"
    assert "New Pantry (new)" in email.body
    assert "Changed Pantry (changed)" in email.body
    assert "https://directory.example.org/organisations/new-pantry/" in email.body
    assert "https://directory.example.org/organisations/?q=pantry" in email.body
    for absent in ["Unchanged Pantry", "Befriending", "Pending Pantry"]:
        assert absent not in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert (
        '<a href="https://directory.example.org/organisations/new-pantry/">New Pantry</a>' in html
    )
    assert "Digests: 1 emails about 2 new or changed listings in 1 saved searches." in output


def test_second_run_sends_nothing(pantries):
    send()
    mail.outbox.clear()
    OrganisationFactory(name="Even Newer Pantry")

    send()

    assert mail.outbox == []


def test_nothing_is_sent_when_nothing_changed(owner):
    SavedSearch.objects.create(
        owner=owner,
        name="Quiet",
        listing="organisations",
        query="q=pantry",
        last_sent_at=timezone.now() - LAST_WEEK,
    )
    age(OrganisationFactory(name="Old Pantry"), created_days=400, updated_days=30)

    output = send()

    assert mail.outbox == []
    assert "0 emails" in output


def test_digest_off_is_respected(pantries):
    SavedSearch.objects.filter(pk=pantries.pk).update(digest=False)

    send()

    assert mail.outbox == []


@pytest.mark.parametrize("change", ["withdrawn", "inactive"])
def test_only_active_confirmed_officers_get_digests(pantries, owner, change):
    if change == "withdrawn":
        owner.memberships.get().withdraw_officer_confirmation()
    else:
        owner.is_active = False
        owner.save()

    send()

    assert mail.outbox == []


def test_dry_run_sends_nothing_and_changes_nothing(pantries):
    before = SavedSearch.objects.get().last_sent_at

    output = send("--dry-run")

    assert mail.outbox == []
    assert output.startswith("Dry run (nothing sent). Digests: 1 emails about 2")
    assert SavedSearch.objects.get().last_sent_at == before


def test_services_and_partnerships_searches_are_sent_too(owner):
    for listing in ("services", "partnerships"):
        SavedSearch.objects.create(
            owner=owner,
            name=f"All {listing}",
            listing=listing,
            last_sent_at=timezone.now() - LAST_WEEK,
        )
    ServiceFactory(name="Brand New Parcels")

    send()

    body = mail.outbox[0].body
    assert "All services (Services)" in body
    assert "Brand New Parcels (new)" in body


def test_queries_do_not_grow_with_the_number_of_changed_listings(pantries):
    def count_queries():
        SavedSearch.objects.update(last_sent_at=timezone.now() - LAST_WEEK)
        mail.outbox.clear()
        with CaptureQueriesContext(connection) as captured:
            send()
        assert len(mail.outbox) == 1
        return len(captured.captured_queries)

    few = count_queries()
    for n in range(10):
        OrganisationFactory(name=f"Another Pantry {n}")
    assert count_queries() == few


def test_digest_is_written_in_the_language_the_officer_saved_the_search_in(client, owner):
    client.force_login(owner)
    client.post(
        "/cy/alerts/save/",
        {
            "name": "Pantries",
            "list_path": "/cy/organisations/",
            "query": "q=pantry",
            "digest": "on",
        },
    )
    SavedSearch.objects.update(last_sent_at=timezone.now() - LAST_WEEK)
    OrganisationFactory(name="New Pantry")

    send()

    email = mail.outbox[0]
    assert email.subject == "1 rhestriad newydd neu wedi newid yn eich chwiliadau wedi'u cadw"
    assert "https://directory.example.org/cy/organisations/new-pantry/" in email.body
    assert "https://directory.example.org/cy/organisations/?q=pantry" in email.body
    html, _mimetype = email.alternatives[0]
    assert '<html lang="cy" dir="ltr">' in html


def test_an_arabic_digest_reads_right_to_left(owner):
    owner.remember_language("ar")
    SavedSearch.objects.create(
        owner=owner,
        name="Pantries",
        listing="organisations",
        query="q=pantry",
        last_sent_at=timezone.now() - LAST_WEEK,
    )
    OrganisationFactory(name="New Pantry")

    send()

    html, _mimetype = mail.outbox[0].alternatives[0]
    assert '<html lang="ar" dir="rtl">' in html
    assert "https://directory.example.org/ar/organisations/new-pantry/" in html
