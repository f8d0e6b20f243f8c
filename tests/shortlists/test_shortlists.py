"""Officers keep shortlists of organisations, with notes, and share them by link."""

import pytest
from django.test import Client

from organisations.models import Contact
from shortlists.models import Shortlist, ShortlistItem
from tests.factories import (
    ContactFactory,
    CouncilFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    officer,
)

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner():
    return officer(email="olive@council.example.org", first_name="Olive", last_name="Officer")


@pytest.fixture
def as_owner(owner):
    return signed_in(owner)


@pytest.fixture
def pantry():
    pantry = OrganisationFactory(name="Ancoats Pantry")
    ContactFactory(
        organisation=pantry, name="Colin Council", visibility=Contact.Visibility.COUNCILS
    )
    return pantry


@pytest.fixture
def shortlist(owner, pantry):
    shortlist = Shortlist.objects.create(owner=owner, name="Food help")
    shortlist.add(pantry)
    return shortlist


def test_add_to_shortlist_from_the_organisation_page_makes_a_first_shortlist(as_owner, pantry):
    page = as_owner.get(pantry.get_absolute_url()).content.decode()
    assert "Add to shortlist" in page

    response = as_owner.post(
        "/shortlists/add/", {"organisation": pantry.slug, "next": pantry.get_absolute_url()}
    )

    assert response.status_code == 302
    assert response.url == pantry.get_absolute_url()
    shortlist = Shortlist.objects.get()
    assert shortlist.name == "My shortlist"
    assert list(shortlist.items.values_list("organisation__name", flat=True)) == ["Ancoats Pantry"]
    assert "Added Ancoats Pantry to “My shortlist”." in as_owner.get(response.url).content.decode()


def test_add_to_a_chosen_shortlist_from_a_list_of_results(as_owner, owner, pantry):
    first = Shortlist.objects.create(owner=owner, name="Food help")
    second = Shortlist.objects.create(owner=owner, name="Befriending")
    page = as_owner.get("/organisations/").content.decode()
    assert 'form="add-to-shortlist"' in page

    as_owner.post(
        "/shortlists/add/",
        {"organisation": pantry.slug, "shortlist": second.pk, "next": "/organisations/"},
    )

    assert not first.items.exists()
    assert second.items.get().organisation == pantry


def test_adding_twice_keeps_one_entry(as_owner, shortlist, pantry):
    response = as_owner.post(
        "/shortlists/add/", {"organisation": pantry.slug, "shortlist": shortlist.pk}, follow=True
    )

    assert shortlist.items.count() == 1
    assert "already on “Food help”" in response.content.decode()


def test_cannot_add_to_someone_elses_shortlist(as_owner, pantry):
    theirs = Shortlist.objects.create(owner=officer(), name="Theirs")

    as_owner.post("/shortlists/add/", {"organisation": pantry.slug, "shortlist": theirs.pk})

    assert not theirs.items.exists()


def test_unsafe_next_address_is_ignored(as_owner, pantry):
    response = as_owner.post(
        "/shortlists/add/", {"organisation": pantry.slug, "next": "https://evil.example/"}
    )

    assert response.url == pantry.get_absolute_url()


def test_shortlist_page_shows_notes_and_council_only_contacts(as_owner, shortlist):
    item = shortlist.items.get()
    as_owner.post(f"/shortlists/{shortlist.pk}/items/{item.pk}/note/", {"note": "Call Colin"})

    page = as_owner.get(shortlist.get_absolute_url()).content.decode()

    assert "Call Colin" in page
    assert "Colin Council" in page
    assert "Visible to council officers only" in page


def test_overlong_note_is_refused_with_a_message(as_owner, shortlist):
    item = shortlist.items.get()

    response = as_owner.post(
        f"/shortlists/{shortlist.pk}/items/{item.pk}/note/", {"note": "x" * 1001}, follow=True
    )

    assert "1,000 characters or fewer" in response.content.decode()
    item.refresh_from_db()
    assert item.note == ""


def test_rename_remove_and_delete(as_owner, shortlist):
    as_owner.post(f"/shortlists/{shortlist.pk}/rename/", {"name": "  Food   banks "})
    shortlist.refresh_from_db()
    assert shortlist.name == "Food banks"

    item = shortlist.items.get()
    as_owner.post(f"/shortlists/{shortlist.pk}/items/{item.pk}/remove/")
    assert not shortlist.items.exists()

    as_owner.post(f"/shortlists/{shortlist.pk}/delete/")
    assert not Shortlist.objects.exists()


def test_blank_name_is_refused(as_owner, shortlist):
    response = as_owner.post(f"/shortlists/{shortlist.pk}/rename/", {"name": "   "})

    assert response.status_code == 400
    assert "Enter a name for the shortlist" in response.content.decode()
    shortlist.refresh_from_db()
    assert shortlist.name == "Food help"


def test_colleague_reads_a_shared_shortlist_and_loses_it_when_sharing_stops(as_owner, shortlist):
    as_owner.post(f"/shortlists/{shortlist.pk}/share/", {"sharing": "on"})
    shortlist.refresh_from_db()
    link = shortlist.share_url()
    assert len(shortlist.share_token) >= 40
    colleague = signed_in(officer())

    page = colleague.get(link)

    assert page.status_code == 200
    text = page.content.decode()
    assert "Ancoats Pantry" in text
    assert "Shared by Olive Officer" in text
    assert "Save note" not in text  # read-only

    as_owner.post(f"/shortlists/{shortlist.pk}/share/", {"sharing": "off"})

    assert colleague.get(link).status_code == 404


def test_sharing_again_makes_a_new_link(as_owner, shortlist):
    as_owner.post(f"/shortlists/{shortlist.pk}/share/", {"sharing": "on"})
    shortlist.refresh_from_db()
    old = shortlist.share_url()
    as_owner.post(f"/shortlists/{shortlist.pk}/share/", {"sharing": "off"})
    as_owner.post(f"/shortlists/{shortlist.pk}/share/", {"sharing": "on"})
    shortlist.refresh_from_db()

    assert shortlist.share_url() != old
    assert signed_in(officer()).get(old).status_code == 404


@pytest.mark.parametrize(
    "stranger",
    [
        lambda: officer(),
        lambda: UserFactory(),
        lambda: MembershipFactory(organisation=CouncilFactory()).user,
    ],
    ids=["another officer", "signed-in member of the public", "unconfirmed council member"],
)
def test_outsiders_cannot_see_or_change_a_shortlist(shortlist, stranger):
    client = signed_in(stranger())
    item = shortlist.items.get()
    expected = 404 if client.get("/shortlists/").status_code == 200 else 403

    assert client.get(shortlist.get_absolute_url()).status_code == expected
    for url in [
        "rename/",
        "share/",
        "delete/",
        f"items/{item.pk}/note/",
        f"items/{item.pk}/remove/",
    ]:
        assert (
            client.post(f"{shortlist.get_absolute_url()}{url}", {"name": "x"}).status_code
            == expected
        )
    shortlist.refresh_from_db()
    assert shortlist.name == "Food help"
    assert ShortlistItem.objects.filter(shortlist=shortlist).exists()


def test_shared_link_is_for_officers_only(as_owner, shortlist):
    shortlist.start_sharing()

    assert signed_in(UserFactory()).get(shortlist.share_url()).status_code == 403
    assert Client().get(shortlist.share_url()).status_code == 302  # asked to sign in


def test_non_officers_are_told_shortlists_are_for_officers(client):
    client.force_login(UserFactory())

    response = client.get("/shortlists/")

    assert response.status_code == 403
    assert "For council officers only" in response.content.decode()


def test_organisation_page_has_no_shortlist_form_for_non_officers(pantry):
    assert (
        "Add to shortlist"
        not in signed_in(UserFactory()).get(pantry.get_absolute_url()).content.decode()
    )


def test_shortlist_page_query_count_does_not_grow(as_owner, shortlist, django_assert_num_queries):
    as_owner.get(shortlist.get_absolute_url())
    # 1 session, 2 user, 3 is_officer, 4 shortlist, 5 items with organisations, 6 contacts
    with django_assert_num_queries(6):
        as_owner.get(shortlist.get_absolute_url())
    for organisation in OrganisationFactory.create_batch(4):
        shortlist.add(organisation)
        ContactFactory(organisation=organisation)
    with django_assert_num_queries(6):
        as_owner.get(shortlist.get_absolute_url())


def test_shortlists_index_query_count_does_not_grow(as_owner, owner, django_assert_num_queries):
    # 1 session, 2 user, 3 is_officer, 4 shortlists with counts
    with django_assert_num_queries(4):
        as_owner.get("/shortlists/")
    Shortlist.objects.bulk_create([Shortlist(owner=owner, name=f"List {n}") for n in range(5)])
    with django_assert_num_queries(4):
        assert "List 4" in as_owner.get("/shortlists/").content.decode()


def test_organisation_list_query_count_for_officers_does_not_grow(
    as_owner, django_assert_num_queries
):
    OrganisationFactory.create_batch(2)
    as_owner.get("/organisations/")
    # 1 count, 2 page of organisations, 3 their areas, 4 session, 5 user,
    # 6 area choices for the filter panel, 7 is_officer (the buttons and forms)
    with django_assert_num_queries(7):
        as_owner.get("/organisations/")
    OrganisationFactory.create_batch(5)
    with django_assert_num_queries(7):
        as_owner.get("/organisations/")
