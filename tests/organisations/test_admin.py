import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import (
    Area,
    AreaCurator,
    ClaimRequest,
    Invitation,
    Location,
    Membership,
    ModerationStatus,
    Organisation,
    ProblemReport,
)
from tests.factories import (
    AreaFactory,
    CouncilFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = reverse("admin:organisations_organisation_changelist")


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def statuses(*objects):
    return [type(obj).objects.get(pk=obj.pk).status for obj in objects]


def form_data(response):
    """What the change form in ``response`` would post if submitted unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[field.html_name] = [str(item) for item in value]
            else:
                data[field.html_name] = "on" if value is True else str(value)
    return data


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


def location(**fields):
    organisation = fields.pop("organisation", None) or OrganisationFactory()
    return Location.objects.create(
        organisation=organisation, **{"name": "Ancoats Community Hall", **fields}
    )


def claim():
    return ClaimRequest.objects.create(
        user=UserFactory(), organisation=OrganisationFactory(), connection="I chair the committee."
    )


def invitation():
    return Invitation.objects.create(organisation=OrganisationFactory(), email="new@example.org")


def problem_report():
    return ProblemReport.objects.create(
        organisation=OrganisationFactory(), kind=ProblemReport.Kind.CLOSED
    )


def area_curator():
    return AreaCurator.objects.create(user=UserFactory(), area=AreaFactory())


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "factory",
    [AreaFactory, CouncilFactory, MembershipFactory, location, problem_report, area_curator],
    ids=["area", "organisation", "membership", "location", "problem-report", "area-curator"],
)
def test_superuser_can_open_list_add_and_change_pages(admin_client, factory):
    obj = factory()
    opts = obj._meta

    for url in [
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
        change_url(obj),
    ]:
        assert admin_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "model",
    [
        Area,
        Organisation,
        Location,
        Membership,
        ClaimRequest,
        Invitation,
        ProblemReport,
        AreaCurator,
    ],
)
def test_curators_can_edit_every_editable_field(rf, admin_user, model):
    request = rf.get("/admin/")
    request.user = admin_user

    assert fields_curators_cannot_edit(model, request) == set()


def test_invitations_can_be_seen_but_not_changed_or_sent_from_the_admin(admin_client):
    sent = invitation()
    changelist = reverse("admin:organisations_invitation_changelist")

    assert admin_client.get(changelist).status_code == 200
    assert not admin_client.get(change_url(sent)).context["has_change_permission"]
    assert admin_client.get(reverse("admin:organisations_invitation_add")).status_code == 403


def test_claim_page_shows_the_claim_without_a_form_to_change_it(admin_client):
    request = claim()

    response = admin_client.get(change_url(request))

    assert b"I chair the committee." in response.content
    assert b'name="connection"' not in response.content
    assert b'name="status"' not in response.content


CLAIMS = reverse("admin:organisations_claimrequest_changelist")


def test_approving_a_claim_makes_the_person_an_owner_and_tells_them(
    admin_client, admin_user, mailoutbox
):
    request = claim()

    response = admin_client.post(
        CLAIMS, {"action": "approve", "_selected_action": [request.pk], "index": 0}
    )

    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", admin_user)
    assert Membership.objects.filter(
        user=request.user, organisation=request.organisation, role="owner"
    ).exists()
    assert [message.to for message in mailoutbox] == [[request.user.email]]
    assert messages_of(response) == ["Approved 1 claim request."]


def test_declining_claims_asks_for_a_reason_then_emails_it(admin_client, mailoutbox):
    request = claim()
    selection = {"action": "decline_with_reason", "_selected_action": [request.pk]}

    confirmation = admin_client.post(CLAIMS, {**selection, "index": 0})
    empty = admin_client.post(CLAIMS, {**selection, "confirm": "yes", "reason": ""})
    done = admin_client.post(
        CLAIMS, {**selection, "confirm": "yes", "reason": "We could not reach the group"}
    )

    assert b"Reason for declining" in confirmation.content
    assert b"Enter the reason for declining." in empty.content
    assert done.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.decision_reason) == ("declined", "We could not reach the group")
    assert not Membership.objects.filter(user=request.user).exists()
    assert "We could not reach the group" in mailoutbox[0].body


def test_claims_already_decided_are_left_alone(admin_client, admin_user):
    decided = claim()
    decided.decline(admin_user, "Not known to the group")

    response = admin_client.post(
        CLAIMS, {"action": "approve", "_selected_action": [decided.pk], "index": 0}
    )

    decided.refresh_from_db()
    assert decided.status == "declined"
    assert messages_of(response) == [
        "Approved 0 claim requests. 1 claim request was already decided."
    ]


def test_invitation_page_never_shows_the_secret_token(admin_client):
    sent = invitation()

    response = admin_client.get(change_url(sent))

    assert sent.token.encode() not in response.content


def test_mark_resolved_action_records_who_resolved_the_reports(admin_client, admin_user):
    report, other = problem_report(), problem_report()

    response = admin_client.post(
        reverse("admin:organisations_problemreport_changelist"),
        {"action": "mark_resolved", "_selected_action": [report.pk], "index": 0},
    )

    report.refresh_from_db()
    other.refresh_from_db()
    assert (report.resolved, report.resolved_by) == (True, admin_user)
    assert not other.resolved
    assert messages_of(response) == ["Marked 1 problem report resolved."]


def test_organisation_page_shows_members_and_locations_not_the_search_vector(
    admin_client,
):
    membership = MembershipFactory(user__first_name="Priya", user__last_name="Shah")
    location(organisation=membership.organisation, name="Ancoats Community Hall")

    response = admin_client.get(change_url(membership.organisation))

    assert "search_vector" not in response.context["adminform"].form.fields
    assert b"search_vector" not in response.content
    assert b"Priya Shah" in response.content
    assert b"Ancoats Community Hall" in response.content


def test_curator_saves_an_organisation_edited_in_the_admin(admin_client):
    area = AreaFactory(name="Salford")
    organisation = OrganisationFactory(name="Salford Food Bnak", areas=[area])
    MembershipFactory(organisation=organisation)
    data = form_data(admin_client.get(change_url(organisation)))

    response = admin_client.post(
        change_url(organisation), {**data, "name": "Salford Food Bank", "_save": "Save"}
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Salford Food Bank"
    assert list(organisation.areas.all()) == [area]
    assert organisation.memberships.count() == 1


def test_search_finds_organisations_by_name(admin_client):
    salford = OrganisationFactory(name="Salford Food Bank")
    OrganisationFactory(name="Bolton Befriending")

    response = admin_client.get(ORGANISATIONS, {"q": "salford"})

    assert list(response.context["cl"].result_list) == [salford]


def test_search_ignores_case_and_matches_parts_of_words(admin_client):
    salford = OrganisationFactory(name="Salford Food Bank")
    OrganisationFactory(name="Bolton Befriending")

    response = admin_client.get(ORGANISATIONS, {"q": "FOOD ba"})

    assert list(response.context["cl"].result_list) == [salford]


def test_search_treats_percent_and_underscore_as_plain_characters(admin_client):
    literal = OrganisationFactory(name="100% Volunteer_Run Pantry")
    OrganisationFactory(name="1000 Volunteers Run Pantry")

    response = admin_client.get(ORGANISATIONS, {"q": "100% volunteer_run"})

    assert list(response.context["cl"].result_list) == [literal]


def test_search_finds_organisations_by_charity_number(admin_client):
    charity = OrganisationFactory(charity_number="1234567")
    OrganisationFactory(charity_number="7654321")

    response = admin_client.get(ORGANISATIONS, {"q": "1234567"})

    assert list(response.context["cl"].result_list) == [charity]


def test_pending_review_filter_is_the_moderation_queue(admin_client):
    pending = OrganisationFactory(status=ModerationStatus.PENDING)
    OrganisationFactory(status=ModerationStatus.PUBLISHED)

    response = admin_client.get(ORGANISATIONS, {"status__exact": "pending"})

    assert b"Pending review" in response.content
    assert list(response.context["cl"].result_list) == [pending]


def test_out_of_date_filter_lists_listings_not_confirmed_for_a_long_time(admin_client):
    stale = OrganisationFactory(last_confirmed=datetime.date(2020, 1, 1))
    OrganisationFactory(last_confirmed=datetime.date.today())
    OrganisationFactory(last_confirmed=None)

    response = admin_client.get(ORGANISATIONS, {"confirmed": "stale"})

    assert list(response.context["cl"].result_list) == [stale]
    assert b"possibly out of date" in response.content


def test_publish_action_publishes_selected_organisations(admin_client):
    first, second = OrganisationFactory.create_batch(2, status=ModerationStatus.PENDING)
    already = OrganisationFactory(status=ModerationStatus.PUBLISHED)

    response = admin_client.post(
        ORGANISATIONS,
        {"action": "publish", "_selected_action": [first.pk, second.pk, already.pk], "index": 0},
    )

    assert response.status_code == 302
    assert statuses(first, second, already) == ["published"] * 3
    assert messages_of(response) == [
        "Published 2 organisations. 1 organisation was already published."
    ]
    assert LogEntry.objects.filter(object_id=str(first.pk), change_message="Published.").exists()
    assert not LogEntry.objects.filter(object_id=str(already.pk)).exists()


def test_archive_action_archives_selected_organisations(admin_client):
    organisation = OrganisationFactory(status=ModerationStatus.PUBLISHED)
    other = OrganisationFactory(status=ModerationStatus.PUBLISHED)

    response = admin_client.post(
        ORGANISATIONS, {"action": "archive", "_selected_action": [organisation.pk], "index": 0}
    )

    assert statuses(organisation, other) == ["archived", "published"]
    assert messages_of(response) == ["Archived 1 organisation."]


def test_reject_action_asks_for_a_reason_first(admin_client):
    first, second = OrganisationFactory.create_batch(2, status=ModerationStatus.PENDING)

    response = admin_client.post(
        ORGANISATIONS,
        {"action": "reject_with_reason", "_selected_action": [first.pk, second.pk], "index": 0},
    )

    assert response.status_code == 200
    assert "admin/moderation/reason.html" in [t.name for t in response.templates]
    assert b"Reason for rejecting" in response.content
    assert first.name.encode() in response.content
    assert statuses(first, second) == ["pending", "pending"]


def test_reject_action_refuses_an_empty_reason(admin_client):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING)

    response = admin_client.post(
        ORGANISATIONS,
        {
            "action": "reject_with_reason",
            "_selected_action": [organisation.pk],
            "confirm": "yes",
            "reason": "   ",
        },
    )

    assert response.status_code == 200
    assert b"Enter the reason for rejecting." in response.content
    assert statuses(organisation) == ["pending"]
    assert not LogEntry.objects.exists()


def test_reject_action_rejects_with_the_reason_in_the_message_and_history(admin_client):
    first, second = OrganisationFactory.create_batch(2, status=ModerationStatus.PENDING)
    untouched = OrganisationFactory(status=ModerationStatus.PENDING)

    response = admin_client.post(
        ORGANISATIONS,
        {
            "action": "reject_with_reason",
            "_selected_action": [first.pk, second.pk],
            "confirm": "yes",
            "reason": "Duplicate of Salford Food Bank",
        },
    )

    assert response.status_code == 302
    assert statuses(first, second, untouched) == ["rejected", "rejected", "pending"]
    assert messages_of(response) == [
        "Rejected 2 organisations. Reason: Duplicate of Salford Food Bank"
    ]
    history = LogEntry.objects.filter(object_id__in=[str(first.pk), str(second.pk)])
    assert [entry.get_change_message() for entry in history] == [
        "Rejected: Duplicate of Salford Food Bank"
    ] * 2


def test_rejecting_keeps_the_reason_on_the_organisation_and_publishing_clears_it(admin_client):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING)
    selection = {"_selected_action": [organisation.pk]}

    admin_client.post(
        ORGANISATIONS,
        {**selection, "action": "reject_with_reason", "confirm": "yes", "reason": "Not real"},
    )
    organisation.refresh_from_db()
    assert (organisation.status, organisation.rejection_reason) == ("rejected", "Not real")

    admin_client.post(ORGANISATIONS, {**selection, "action": "publish", "index": 0})
    organisation.refresh_from_db()
    assert (organisation.status, organisation.rejection_reason) == ("published", "")


def test_moderation_is_in_the_history_curators_can_revert_from(admin_client, admin_user):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING)

    admin_client.post(
        ORGANISATIONS,
        {
            "action": "reject_with_reason",
            "_selected_action": [organisation.pk],
            "confirm": "yes",
            "reason": "Duplicate listing",
        },
    )
    history = admin_client.get(
        reverse("admin:organisations_organisation_history", args=[organisation.pk])
    )

    latest = organisation.history.latest()
    assert (latest.status, latest.history_user) == ("rejected", admin_user)
    assert latest.history_change_reason == "Rejected: Duplicate listing"
    assert b"Rejected: Duplicate listing" in history.content


def test_reject_action_on_every_row_of_a_filtered_list_keeps_the_filter(admin_client):
    pending = OrganisationFactory.create_batch(3, status=ModerationStatus.PENDING)
    published = OrganisationFactory(status=ModerationStatus.PUBLISHED)
    url = f"{ORGANISATIONS}?status__exact=pending"
    selection = {
        "action": "reject_with_reason",
        "select_across": "1",
        "_selected_action": [pending[0].pk],
    }

    confirmation = admin_client.post(url, {**selection, "index": 0})
    response = admin_client.post(url, {**selection, "confirm": "yes", "reason": "Spam"})

    assert b"reject 3 organisations" in confirmation.content
    assert response.status_code == 302
    assert statuses(*pending, published) == ["rejected"] * 3 + ["published"]


def test_change_page_offers_moderation_actions_for_one_organisation(admin_client):
    organisation = OrganisationFactory(status=ModerationStatus.PENDING)

    response = admin_client.post(
        change_url(organisation),
        {
            "CHANGE_FORM-action": "publish",
            "CHANGE_FORM-select_across": "0",
            "_selected_action": [organisation.pk],
        },
    )

    assert response.status_code == 302
    assert response.url == change_url(organisation)
    assert statuses(organisation) == ["published"]


def test_change_page_rejects_one_organisation_with_a_reason(admin_client):
    organisation = OrganisationFactory(status=ModerationStatus.PUBLISHED)
    selection = {
        "CHANGE_FORM-action": "reject_with_reason",
        "CHANGE_FORM-select_across": "0",
        "_selected_action": [organisation.pk],
    }

    confirmation = admin_client.post(change_url(organisation), selection)
    response = admin_client.post(
        change_url(organisation), {**selection, "confirm": "yes", "reason": "Closed down"}
    )

    assert b'name="CHANGE_FORM-action" value="reject_with_reason"' in confirmation.content
    assert response.status_code == 302
    assert statuses(organisation) == ["rejected"]


def test_view_on_site_link_only_for_published_organisations(admin_client):
    published = OrganisationFactory(status=ModerationStatus.PUBLISHED)
    pending = OrganisationFactory(status=ModerationStatus.PENDING)

    assert admin_client.get(change_url(published)).context["has_absolute_url"]
    assert not admin_client.get(change_url(pending)).context["has_absolute_url"]


@pytest.mark.parametrize(
    "changelist, make_rows",
    [
        ("organisations_organisation", CouncilFactory.create_batch),
        ("organisations_membership", MembershipFactory.create_batch),
        ("organisations_location", lambda n: [location() for _ in range(n)]),
        ("organisations_problemreport", lambda n: [problem_report() for _ in range(n)]),
        ("organisations_claimrequest", lambda n: [claim() for _ in range(n)]),
        ("organisations_area", lambda n: AreaFactory.create_batch(n, parent=AreaFactory())),
    ],
)
def test_changelist_queries_do_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, changelist, make_rows
):
    url = reverse(f"admin:{changelist}_changelist")
    make_rows(3)
    admin_client.get(url)  # The first request also loads the session and content types.
    few = queries_to_render(admin_client, url)

    make_rows(27)

    with django_assert_max_num_queries(few):
        response = admin_client.get(url)
    assert response.context["cl"].result_count >= 30


def test_organisation_autocomplete_finds_by_name(admin_client):
    salford = OrganisationFactory(name="Salford Food Bank")
    OrganisationFactory(name="Bolton Befriending")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "salf",
            "app_label": "organisations",
            "model_name": "membership",
            "field_name": "organisation",
        },
    )

    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(salford.pk), "text": "Salford Food Bank"}]
