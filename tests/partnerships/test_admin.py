import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Location, ModerationStatus
from partnerships.models import (
    Audience,
    Category,
    Crisis,
    Funding,
    Outcome,
    Partnership,
    PartnershipMember,
    Service,
)
from tests.factories import (
    FundingFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnershipFactory,
    PartnershipMemberFactory,
    ServiceFactory,
    audience,
    category,
    covid,
)
from tests.organisations.test_admin import form_data

pytestmark = pytest.mark.django_db

PARTNERSHIPS = reverse("admin:partnerships_partnership_changelist")
SERVICES = reverse("admin:partnerships_service_changelist")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def statuses(*objects):
    return [type(obj).objects.get(pk=obj.pk).status for obj in objects]


def fields_curators_cannot_edit(model, request):
    """Editable fields of ``model`` missing from its admin form (a new field forgotten)."""
    editable = {
        field.name
        for field in model._meta.get_fields()
        if not field.auto_created
        and field.editable
        and (field.concrete or field.many_to_many)
        and not (field.many_to_many and not field.remote_field.through._meta.auto_created)
    }
    model_admin = admin.site.get_model_admin(model)
    return editable - set(flatten_fieldsets(model_admin.get_fieldsets(request)))


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "make",
    [
        covid,
        lambda: category("phone-befriending"),
        audience,
        PartnershipFactory,
        PartnershipMemberFactory,
        ServiceFactory,
        FundingFactory,
        OutcomeFactory,
    ],
    ids=[
        "crisis",
        "category",
        "audience",
        "partnership",
        "partnership-member",
        "service",
        "funding",
        "outcome",
    ],
)
def test_superuser_can_open_list_add_and_change_pages(admin_client, make):
    obj = make()
    opts = obj._meta

    for url in [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        change_url(obj),
    ]:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "model",
    [Crisis, Category, Audience, Partnership, PartnershipMember, Service, Funding, Outcome],
)
def test_curators_can_edit_every_editable_field(rf, admin_user, model):
    request = rf.get("/admin/")
    request.user = admin_user

    assert fields_curators_cannot_edit(model, request) == set()


def test_partnership_page_shows_members_and_funding(admin_client):
    member = PartnershipMemberFactory(organisation__name="Salford Food Bank")
    FundingFactory(partnership=member.partnership, title="Winter food grant")

    response = admin_client.get(change_url(member.partnership))

    assert b"Salford Food Bank" in response.content
    assert b"Winter food grant" in response.content
    assert b"search_vector" not in response.content


def test_organisation_page_shows_its_services_and_partnership_roles(admin_client):
    organisation = OrganisationFactory()
    service = ServiceFactory(organisation=organisation, name="Saturday Food Parcels")
    PartnershipMemberFactory(organisation=organisation, partnership__name="Salford Together")

    response = admin_client.get(change_url(organisation))

    assert b"Saturday Food Parcels" in response.content
    assert change_url(service).encode() in response.content  # show_change_link
    assert b"Salford Together" in response.content


def test_organisation_page_lists_only_the_latest_partnership_roles(admin_client):
    council = OrganisationFactory(kind="council")
    roles = PartnershipMemberFactory.create_batch(32, organisation=council)

    response = admin_client.get(change_url(council))

    assert b"Partnerships: the latest 30 of 32" in response.content
    assert roles[-1].partnership.name.encode() in response.content
    assert roles[0].partnership.name.encode() not in response.content


def test_curator_edits_a_role_on_a_page_listing_only_the_latest_roles(admin_client):
    council = OrganisationFactory(kind="council")
    roles = PartnershipMemberFactory.create_batch(32, organisation=council)
    data = form_data(admin_client.get(change_url(council)))
    row = next(key for key, value in data.items() if value == str(roles[-1].pk))

    response = admin_client.post(
        change_url(council), {**data, row.replace("-id", "-role"): "lead", "_save": "Save"}
    )

    assert response.status_code == 302
    assert council.partnership_roles.count() == 32
    assert PartnershipMember.objects.get(pk=roles[-1].pk).role == "lead"


def test_service_page_shows_its_outcomes(admin_client):
    outcome = OutcomeFactory(people_reached=4321)

    response = admin_client.get(change_url(outcome.service))

    assert b'value="4321"' in response.content


def test_curator_adds_a_member_to_a_partnership(admin_client):
    partnership = PartnershipFactory(name="Salford Together")
    council = OrganisationFactory(name="Salford City Council")

    response = admin_client.post(
        change_url(partnership),
        {
            "name": partnership.name,
            "slug": partnership.slug,
            "description": partnership.description,
            "status": "published",
            "commissioning": "collaborative",
            "community_led": "on",
            "started": "2020-03-23",
            "members-TOTAL_FORMS": "1",
            "members-INITIAL_FORMS": "0",
            "members-0-organisation": council.pk,
            "members-0-role": "council",
            "funding-TOTAL_FORMS": "0",
            "funding-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    member = PartnershipMember.objects.get(partnership=partnership)
    assert (member.organisation, member.role) == (council, "council")


def test_service_page_offers_the_providers_locations(admin_client):
    service = ServiceFactory()
    hall = Location.objects.create(organisation=service.organisation, name="Ancoats Hall")
    service.locations.set([hall])

    response = admin_client.get(change_url(service))

    assert b"Ancoats Hall" in response.content


def test_view_on_site_only_for_services_the_public_can_see(admin_client):
    visible = ServiceFactory()
    provider_pending = ServiceFactory(organisation__status=ModerationStatus.PENDING)
    service_pending = ServiceFactory(status=ModerationStatus.PENDING)

    assert admin_client.get(change_url(visible)).context["has_absolute_url"]
    assert not admin_client.get(change_url(provider_pending)).context["has_absolute_url"]
    assert not admin_client.get(change_url(service_pending)).context["has_absolute_url"]


def test_search_finds_services_by_name(admin_client):
    parcels = ServiceFactory(name="Saturday Food Parcels")
    ServiceFactory(name="Telephone Befriending")

    response = admin_client.get(SERVICES, {"q": "parcels"})

    assert list(response.context["cl"].result_list) == [parcels]


def test_search_finds_partnerships_by_name(admin_client):
    salford = PartnershipFactory(name="Salford Together")
    PartnershipFactory(name="Bolton Covid Response")

    response = admin_client.get(PARTNERSHIPS, {"q": "salford"})

    assert list(response.context["cl"].result_list) == [salford]


def test_service_list_can_show_one_providers_services(admin_client):
    provider = OrganisationFactory()
    theirs = ServiceFactory(organisation=provider)
    ServiceFactory()

    response = admin_client.get(SERVICES, {"organisation__id__exact": provider.pk})

    assert list(response.context["cl"].result_list) == [theirs]


def test_running_filter_separates_ended_partnerships(admin_client):
    ended = PartnershipFactory(ended=datetime.date(2021, 3, 31))
    ongoing = PartnershipFactory(ended=None)

    running = admin_client.get(PARTNERSHIPS, {"running": "yes"})
    finished = admin_client.get(PARTNERSHIPS, {"running": "no"})

    assert list(running.context["cl"].result_list) == [ongoing]
    assert list(finished.context["cl"].result_list) == [ended]


def test_funding_list_shows_amounts_in_pounds(admin_client):
    FundingFactory(amount="25000.00")

    response = admin_client.get(reverse("admin:partnerships_funding_changelist"))

    assert "£25,000.00" in response.content.decode()


@pytest.mark.parametrize(
    "changelist, factory",
    [(PARTNERSHIPS, PartnershipFactory), (SERVICES, ServiceFactory)],
    ids=["partnership", "service"],
)
def test_publish_and_archive_actions_change_status(admin_client, changelist, factory):
    pending = factory(status=ModerationStatus.PENDING)
    published = factory(status=ModerationStatus.PUBLISHED)

    admin_client.post(changelist, {"action": "publish", "_selected_action": [pending.pk]})
    assert statuses(pending, published) == ["published", "published"]

    response = admin_client.post(
        changelist, {"action": "archive", "_selected_action": [pending.pk, published.pk]}
    )
    assert statuses(pending, published) == ["archived", "archived"]
    assert messages_of(response)[-1].startswith("Archived 2 ")


@pytest.mark.parametrize(
    "changelist, factory, plural",
    [(PARTNERSHIPS, PartnershipFactory, "partnerships"), (SERVICES, ServiceFactory, "services")],
    ids=["partnership", "service"],
)
def test_reject_with_reason_confirms_requires_a_reason_and_rejects(
    admin_client, changelist, factory, plural
):
    first, second = factory.create_batch(2, status=ModerationStatus.PENDING)
    selection = {"action": "reject_with_reason", "_selected_action": [first.pk, second.pk]}

    confirmation = admin_client.post(changelist, {**selection, "index": 0})
    empty = admin_client.post(changelist, {**selection, "confirm": "yes", "reason": ""})
    assert statuses(first, second) == ["pending", "pending"]
    done = admin_client.post(changelist, {**selection, "confirm": "yes", "reason": "Not local"})

    assert b"Reason for rejecting" in confirmation.content
    assert b"Enter the reason for rejecting." in empty.content
    assert done.status_code == 302
    assert statuses(first, second) == ["rejected", "rejected"]
    assert messages_of(done) == [f"Rejected 2 {plural}. Reason: Not local"]
    assert LogEntry.objects.filter(change_message="Rejected: Not local").count() == 2


def services_with_everything(n):
    partnership = PartnershipFactory()
    return ServiceFactory.create_batch(
        n,
        partnership=partnership,
        crisis=covid(),
        categories=[category()],
        audiences=[audience()],
    )


def members_of_one_partnership(n):
    return PartnershipMemberFactory.create_batch(n, partnership=PartnershipFactory())


def funding_from_directory_funders(n):
    return FundingFactory.create_batch(
        n, funder=OrganisationFactory(kind="funder"), recipient=OrganisationFactory()
    )


@pytest.mark.parametrize(
    "changelist, make_rows",
    [
        ("partnership", lambda n: PartnershipFactory.create_batch(n, crisis=covid())),
        ("partnershipmember", members_of_one_partnership),
        ("service", services_with_everything),
        ("funding", funding_from_directory_funders),
        ("outcome", OutcomeFactory.create_batch),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, changelist, make_rows
):
    url = reverse(f"admin:partnerships_{changelist}_changelist")
    make_rows(3)
    admin_client.get(url)  # The first request also loads the session and content types.
    few = queries_to_render(admin_client, url)

    make_rows(27)

    with django_assert_max_num_queries(few):
        response = admin_client.get(url)
    assert response.context["cl"].result_count == 30


def test_category_list_names_parents_without_a_query_per_row(
    admin_client, django_assert_max_num_queries
):
    url = reverse("admin:partnerships_category_changelist")
    admin_client.get(url)
    few = queries_to_render(admin_client, url)
    parent = category()
    for n in range(20):
        type(parent).objects.create(name=f"Extra {n}", slug=f"extra-{n}", parent=parent)

    with django_assert_max_num_queries(few):
        admin_client.get(url)


def test_organisation_autocomplete_for_a_service_provider(admin_client):
    salford = OrganisationFactory(name="Salford Food Bank")
    OrganisationFactory(name="Bolton Befriending")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "food bank",
            "app_label": "partnerships",
            "model_name": "service",
            "field_name": "organisation",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(salford.pk), "text": "Salford Food Bank"}]


def test_category_autocomplete_names_the_parent(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": category("phone-befriending").name,
            "app_label": "partnerships",
            "model_name": "service",
            "field_name": "categories",
        },
    )

    texts = [result["text"] for result in response.json()["results"]]
    assert str(category("phone-befriending")) in texts
