"""Hostile values in every query parameter and form field.

Whatever arrives (markup, SQL-looking text, NUL bytes, lone surrogates,
right-to-left overrides, 10,000 characters, a number where text belongs, a
field missing or repeated), the site answers without a 500, renders nothing
raw, and writes nothing when it turns a submission away.
"""

import copy
import datetime

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from organisations.models import Membership
from tests.factories import (
    AreaFactory,
    CouncilFactory,
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
)

from .helpers import (
    assert_answers_cleanly,
    assert_no_raw_markup,
    get,
    page_form,
    path_segment,
    post,
    snapshot,
)
from .strategies import hostile_text, query, submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """A published organisation with a service, an outcome and a partnership, and its owner."""
    area = AreaFactory(name="Manchester", gss_code="E08000003")
    council = CouncilFactory(name="Manchester City Council", areas=[area])
    organisation = OrganisationFactory(name="Ancoats Community Pantry", areas=[area])
    owner = MembershipFactory(
        organisation=organisation, role=Membership.Role.OWNER, user=UserFactory()
    ).user
    service = ServiceFactory(
        name="Food Parcel Delivery",
        organisation=organisation,
        areas=[area],
        categories=[category()],
        audiences=[audience()],
        crisis=covid(),
    )
    partnership = PartnershipFactory(name="Manchester Covid Response", areas=[area])
    PartnershipMemberFactory(partnership=partnership, organisation=organisation)
    PartnershipMemberFactory(partnership=partnership, organisation=council)
    return {
        "area": area,
        "organisation": organisation,
        "other": OrganisationFactory(name="Leeds Larder", areas=[area]),
        "owner": owner,
        "service": service,
        "outcome": OutcomeFactory(service=service),
        "partnership": partnership,
    }


def fresh_limits():
    """Rate limits and lockouts would answer 429 before the form is read: reset them."""
    cache.clear()
    AccessAttempt.objects.all().delete()


# Query parameters ------------------------------------------------------------

LIST_PARAMETERS = {
    "/organisations/": ["q", "postcode", "distance", "units", "area", "kind", "sort", "page"],
    "/services/": [
        *("q", "postcode", "distance", "units", "area", "category", "audience", "crisis"),
        *("access", "cost", "availability", "sort", "page"),
    ],
    "/partnerships/": [
        *("q", "postcode", "distance", "units", "council", "area", "category", "crisis"),
        *("commissioning", "community_led", "active", "sort", "page"),
    ],
}
VALID_FILTERS = {
    "area": ["E08000003"],
    "category": ["food-and-essentials"],
    "audience": ["older-people"],
    "crisis": ["covid-19"],
    "postcode": ["M4 5JD", "M4", "m45jd"],
    "distance": ["2", "0.5", "80"],
    "units": ["miles", "km"],
    "sort": ["relevance", "distance", "name", "updated"],
    "page": ["1", "2"],
    "council": ["manchester-city-council"],
    "kind": ["community_group", "council"],
    "community_led": ["yes", "no"],
    "active": ["yes", "no"],
}


@pytest.mark.parametrize(("path", "names"), LIST_PARAMETERS.items(), ids=list(LIST_PARAMETERS))
@given(data=st.data())
def test_list_pages_and_exports_answer_any_query_without_error(world, client, path, names, data):
    params = data.draw(query(names, VALID_FILTERS))
    page = data.draw(st.sampled_from(["", "export.csv", "export.json"]))
    response = get(client, path + page, params)
    assert_answers_cleanly(response)
    if response.streaming:
        b"".join(response.streaming_content)  # the export streams: make every row


@given(params=query(["area", "crisis"], VALID_FILTERS))
def test_insights_and_home_answer_any_query_without_error(world, client, params):
    for path in ("/insights/", "/"):
        assert_answers_cleanly(get(client, path, params))


@given(text=hostile_text())
def test_detail_pages_answer_any_slug_with_a_page_or_not_found(world, client, text):
    organisation = world["organisation"]
    segment = path_segment(text)
    for path in (
        f"/organisations/{segment}/",
        f"/partnerships/{segment}/",
        f"/services/{segment}/",
        f"/organisations/{organisation.slug}/still-correct/{segment}/",
        f"/organisations/{segment}/report/",
    ):
        response = client.get(path)
        assert_answers_cleanly(response)
        assert response.status_code in (200, 400, 404), (path, response.status_code)


ORUK_LISTS = {
    "/api/oruk/services": [
        *("page", "per_page", "search", "taxonomy_term_id", "taxonomy_id"),
        *("organization_id", "modified_after", "minimum_age", "maximum_age"),
    ],
    "/api/oruk/service_at_locations": [
        *("page", "per_page", "search", "taxonomy_term_id", "postcode", "proximity"),
        *("modified_after", "minimum_age", "maximum_age", "organization_id"),
    ],
    "/api/oruk/organizations": ["page", "per_page", "search", "modified_after"],
    "/api/oruk/taxonomies": ["page", "per_page", "search"],
    "/api/oruk/taxonomy_terms": ["page", "per_page", "search", "taxonomy_id", "parent_id"],
}
VALID_API = {
    "page": ["1", "2"],
    "per_page": ["1", "100"],
    "postcode": ["M4 5JD", "M4"],
    "proximity": ["1000", "100000"],
    "modified_after": ["2024-05-01", "2024-05-01T09:00:00Z"],
    "minimum_age": ["0", "18"],
    "maximum_age": ["65"],
}


@pytest.mark.parametrize(("path", "names"), ORUK_LISTS.items(), ids=list(ORUK_LISTS))
@given(data=st.data())
def test_api_lists_answer_any_query_with_json(world, client, path, names, data):
    response = get(client, path, data.draw(query(names, VALID_API)))
    assert_answers_cleanly(response)
    assert response["Content-Type"].startswith("application/json")
    assert response.status_code in (200, 400, 404), response.content[:300]


@given(text=hostile_text())
def test_api_records_answer_any_id_with_json(world, client, text):
    for kind in ("services", "service_at_locations", "organizations", "taxonomies"):
        response = client.get(f"/api/oruk/{kind}/{path_segment(text)}")
        assert_answers_cleanly(response)
        assert response.status_code in (200, 400, 404), (kind, response.status_code)


# Forms -------------------------------------------------------------------------


def check_submission(client, url, data, show=()):
    """Post ``data`` to ``url``: no error, nothing raw, and no write unless it was accepted.

    An accepted submission (a redirect) is followed, and each page in ``show``
    that displays what was stored is opened and checked for raw markup.
    """
    before = snapshot()
    response = post(client, url, data)
    assert_answers_cleanly(response)
    if response.status_code in (301, 302, 303):
        assert_answers_cleanly(client.get(response.url))
        for page in show:
            assert_no_raw_markup(client.get(page))
    else:
        assert snapshot() == before, f"{url} turned the submission away but wrote to the database"
    return response


def form_once(world, page, client):
    """The fields of the form on ``page``, read on the first example (a later one may have
    changed the page: a claim once made shows "pending" instead of the form)."""
    if page not in world:
        world[page] = page_form(client.get(page))
    return {name: copy.deepcopy(field) for name, field in world[page].items()}


def member_client(user):
    client = Client()
    client.force_login(user)
    return client


def manage_forms(world):
    """The member's forms: (page the form is on, where it posts, pages that show the result)."""
    org = world["organisation"]
    service = world["service"]
    manage = f"/manage/organisations/{org.slug}/"
    service_manage = f"{manage}services/{service.slug}/"
    shows = [manage, f"/organisations/{org.slug}/", f"/services/{service.slug}/"]
    return {
        "organisation_edit": (f"{manage}edit/", f"{manage}edit/", shows),
        # Adding a service: the edit page's answers are a valid baseline to spoil.
        "service_add": (f"{service_manage}edit/", f"{manage}services/add/", shows),
        "service_edit": (f"{service_manage}edit/", f"{service_manage}edit/", shows),
        "outcome_add": (
            f"{service_manage}outcomes/{world['outcome'].pk}/edit/",
            f"{service_manage}outcomes/",
            [f"{service_manage}outcomes/", f"/services/{service.slug}/"],
        ),
        "outcome_edit": (
            f"{service_manage}outcomes/{world['outcome'].pk}/edit/",
            f"{service_manage}outcomes/{world['outcome'].pk}/edit/",
            [f"{service_manage}outcomes/", f"/services/{service.slug}/"],
        ),
        "invite": (f"{manage}members/invite/", f"{manage}members/invite/", [f"{manage}members/"]),
        "propose_partnership": (
            "/manage/partnerships/propose/",
            "/manage/partnerships/propose/",
            ["/manage/"],
        ),
        "claim": (
            f"/organisations/{world['other'].slug}/claim/",
            f"/organisations/{world['other'].slug}/claim/",
            ["/manage/"],
        ),
        "still_correct": (manage, f"{manage}still-correct/", shows),
    }


MANAGE_FORMS = [
    "organisation_edit",
    "service_add",
    "service_edit",
    "outcome_add",
    "outcome_edit",
    "invite",
    "propose_partnership",
    "claim",
]
# A valid answer for fields the page leaves empty, so some submissions get through.
VALID_ANSWERS = {
    "invite": {"email": ["new.editor@example.org"], "role": ["editor"]},
    "claim": {"connection": ["I run the group's committee."]},
    "propose_partnership": {
        "name": ["Ancoats Food Network"],
        "description": ["Food parcels across Ancoats."],
        "commissioning": ["collaborative"],
    },
}


@pytest.mark.parametrize("name", MANAGE_FORMS)
@given(data=st.data())
def test_member_forms_reject_hostile_input_cleanly_and_store_it_escaped(world, name, data):
    client = member_client(world["owner"])
    page, action, shows = manage_forms(world)[name]
    form = form_once(world, page, client)
    for field, answer in VALID_ANSWERS.get(name, {}).items():
        form[field].baseline = answer
    check_submission(client, action, data.draw(submission(form)), shows)


REGISTRATION_ANSWERS = {
    "name": {"name": ["Hulme Helpers"], "kind": ["community_group"]},
    "about": {"description": ["Shopping and prescriptions."]},
    "contact": {"email": ["hello@example.org"], "postcode": ["M4 5JD"]},
    "areas": {"areas": []},
}


@pytest.mark.parametrize("step", list(REGISTRATION_ANSWERS))
@given(data=st.data())
def test_registration_questions_reject_hostile_input_cleanly(world, step, data):
    client = member_client(world["owner"])
    url = f"/manage/register/{step}/"
    # Answer the earlier questions first, as the person would have.
    for earlier, answers in REGISTRATION_ANSWERS.items():
        if earlier == step:
            break
        answers = answers or {"areas": [str(world["area"].pk)]}
        post(client, f"/manage/register/{earlier}/", answers)
    form = page_form(client.get(url))
    for field, answer in REGISTRATION_ANSWERS[step].items():
        if answer:
            form[field].baseline = answer
    check_submission(
        client,
        url,
        data.draw(submission(form)),
        ["/manage/register/check/", "/manage/register/possible-duplicates/"],
    )


@given(data=st.data())
def test_problem_report_rejects_hostile_input_cleanly(world, client, data):
    fresh_limits()
    url = f"/organisations/{world['organisation'].slug}/report/"
    form = page_form(client.get(url))
    form["details"].baseline = ["The phone number is out of date."]
    check_submission(client, url, data.draw(submission(form)))


ACCOUNT_FORMS = {
    "/accounts/signup/": {
        "email": ["new.person@example.org"],
        "password1": ["a long enough passphrase 42"],
        "password2": ["a long enough passphrase 42"],
    },
    "/accounts/login/": {"login": ["nobody@example.org"], "password": ["wrong password"]},
    "/accounts/password/reset/": {"email": ["nobody@example.org"]},
}


@pytest.mark.parametrize("url", list(ACCOUNT_FORMS))
@given(data=st.data())
def test_account_forms_reject_hostile_input_cleanly(world, url, data):
    fresh_limits()
    client = Client()  # a new visitor each time: signing in changes the next answer
    form = page_form(client.get(url))
    for field, answer in ACCOUNT_FORMS[url].items():
        form[field].baseline = answer
    check_submission(client, url, data.draw(submission(form)))


@given(token=hostile_text())
def test_invitation_links_answer_any_token_cleanly(world, token):
    client = member_client(world["owner"])
    url = f"/manage/invitations/{path_segment(token)}/"
    assert_answers_cleanly(client.get(url))
    check_submission(client, url, {})


def test_stored_markup_shows_as_text_on_the_public_page(world, client):
    """The property above in one plain example: what a member typed is shown, not run."""
    organisation = world["organisation"]
    organisation.description = "<script>alert('hostile')</script> we help"
    organisation.save()

    html = client.get(f"/organisations/{organisation.slug}/").content.decode()

    assert "&lt;script&gt;alert(&#x27;hostile&#x27;)&lt;/script&gt; we help" in html
    assert "<script>alert(" not in html
    assert datetime.date.today()  # the page was made now, not from a cache
