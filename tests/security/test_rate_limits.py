"""Abuse limits on sign-in, sign-up, password reset, invitations and problem reports.

Each limit, once reached, answers 429 with the time it lifts (and Retry-After),
and writes and sends nothing. The counts live in the default cache: local
memory here, Redis when REDIS_URL is set (tests/security/test_two_instances.py
shows two app instances sharing them).
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import User
from organisations.models import Invitation, Membership, ProblemReport
from tests.accounts.helpers import PASSWORD, confirmed_user, csrf_token, signed_in_user_id
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

WHEN = re.compile(r"You can try again after (\d{1,2}:\d\d[ap]m)")


@pytest.fixture
def limits(settings):
    """Set some actions' rates for one test, keeping the rest as configured."""

    def set_rates(**rates):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **rates}

    return set_rates


def assert_refused(response, reason, *, at_least, at_most):
    """A 429 page giving the reason and a time to try again that matches Retry-After."""
    assert response.status_code == 429
    page = response.text
    assert "<title>Too many requests – " in page
    assert reason in page
    assert "Nothing was saved or sent this time." in page
    wait = int(response["Retry-After"])
    assert at_least <= wait <= at_most
    shown = WHEN.search(page)[1]
    # Retry-After rounds up to a whole second, which can cross into the next minute.
    now = timezone.localtime()
    expected = {now + timezone.timedelta(seconds=wait - slack) for slack in (0, 1)}
    assert shown in {t.strftime("%-I:%M") + t.strftime("%p").lower() for t in expected}


def post_with_token(client, url, data, **extra):
    page = client.get(url, **extra)
    assert page.status_code == 200
    return client.post(url, {"csrfmiddlewaretoken": csrf_token(page), **data}, **extra)


# Sign-in: every attempt from one network counts, right password or wrong.


def test_sign_in_attempts_from_one_network_are_limited(limits):
    limits(login="3/m/ip")
    confirmed_user()
    client = Client(enforce_csrf_checks=True)
    for _ in range(3):
        response = post_with_token(
            client, "/accounts/login/", {"login": "nobody@example.org", "password": "x"}
        )
        assert response.status_code == 200

    refused = post_with_token(
        client, "/accounts/login/", {"login": "sam@example.org", "password": PASSWORD}
    )

    assert_refused(refused, "how often anyone can try to sign in", at_least=50, at_most=60)
    assert signed_in_user_id(client) is None


def test_sign_in_from_another_network_is_not_held_back(limits):
    limits(login="3/m/ip")
    confirmed_user()
    for _ in range(3):
        post_with_token(Client(), "/accounts/login/", {"login": "x@example.org", "password": "x"})

    elsewhere = Client(REMOTE_ADDR="203.0.113.50")
    response = post_with_token(
        elsewhere, "/accounts/login/", {"login": "sam@example.org", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert signed_in_user_id(elsewhere) is not None


def test_behind_a_trusted_proxy_the_client_address_is_counted(limits, settings):
    limits(login="3/m/ip")
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # DJANGO_TRUSTED_PROXY_COUNT=1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        post_with_token(
            Client(),
            "/accounts/login/",
            {"login": "x@example.org", "password": "x"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )

    # The same client is refused; a neighbour behind the same proxy is not.
    again = post_with_token(
        Client(),
        "/accounts/login/",
        {"login": "x@example.org", "password": "x"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    neighbour = post_with_token(
        Client(),
        "/accounts/login/",
        {"login": "x@example.org", "password": "x"},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        **proxy,
    )

    assert again.status_code == 429
    assert neighbour.status_code == 200


def test_a_forwarded_for_header_shorter_than_the_proxy_chain_is_not_a_server_error(settings):
    # Two proxies are trusted, but this request names only one address: it did
    # not come through them, so the connecting address is counted instead.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2
    response = post_with_token(
        Client(),
        "/accounts/login/",
        {"login": "x@example.org", "password": "x"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        REMOTE_ADDR="10.0.0.2",
    )

    assert response.status_code == 200
    assert "The email address or password is not correct" in response.text


# Sign-up


def sign_up(client, email):
    data = {"email": email, "password1": "a sturdy long passphrase"}
    data["password2"] = data["password1"]
    return post_with_token(client, "/accounts/signup/", data)


def test_accounts_created_from_one_network_are_limited(limits):
    limits(signup="2/h/ip")
    client = Client()
    assert sign_up(client, "one@example.org").status_code == 302
    client = Client()
    assert sign_up(client, "two@example.org").status_code == 302
    sent = len(mail.outbox)

    refused = sign_up(Client(), "three@example.org")

    assert_refused(refused, "how many accounts can be created", at_least=3590, at_most=3600)
    assert not User.objects.filter(email="three@example.org").exists()
    assert len(mail.outbox) == sent


def test_the_default_sign_up_limit_allows_a_room_of_people_on_one_network():
    # A council training session: twenty people sign up from the same office.
    for number in range(20):
        assert sign_up(Client(), f"officer{number}@example.org").status_code == 302

    assert sign_up(Client(), "one.too.many@example.org").status_code == 429
    assert User.objects.count() == 20


# Password reset: per network, and per email address asked for.


def ask_for_reset(client, email):
    return post_with_token(client, "/accounts/password/reset/", {"email": email})


def test_password_resets_for_one_address_are_limited():
    confirmed_user()
    for _ in range(3):
        assert ask_for_reset(Client(), "sam@example.org").status_code == 302
    assert len(mail.outbox) == 3

    refused = ask_for_reset(Client(REMOTE_ADDR="203.0.113.9"), "SAM@example.org")

    assert_refused(refused, "how often a password reset can be", at_least=3590, at_most=3600)
    assert len(mail.outbox) == 3


def test_password_resets_from_one_network_are_limited(limits):
    limits(reset_password="2/h/ip")
    for number in range(2):
        assert ask_for_reset(Client(), f"person{number}@example.org").status_code == 302

    refused = ask_for_reset(Client(), "another@example.org")

    assert refused.status_code == 429
    assert "how often a password reset can be" in refused.text


# Invitations, per person sending them.


@pytest.fixture
def owner_client():
    organisation = OrganisationFactory(name="Ancoats Community Pantry")
    owner = MembershipFactory(organisation=organisation, role=Membership.Role.OWNER).user
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    return client, f"/manage/organisations/{organisation.slug}/members/invite/"


def test_invitations_one_person_sends_are_limited(limits, owner_client):
    limits(invite="2/h/user")
    client, url = owner_client
    for number in range(2):
        data = {"email": f"helper{number}@example.org", "role": "editor"}
        assert post_with_token(client, url, data).status_code == 302
    assert Invitation.objects.count() == 2

    # The form itself now says so, before anything is typed.
    refused = client.get(url)

    assert_refused(refused, "how many invitations one person can send", at_least=3590, at_most=3600)
    assert Invitation.objects.count() == 2
    assert len(mail.outbox) == 2


def test_an_invitation_posted_over_the_limit_is_not_saved(limits, owner_client):
    limits(invite="1/h/user")
    client, url = owner_client
    page = client.get(url)
    token = csrf_token(page)
    assert (
        post_with_token(client, url, {"email": "a@example.org", "role": "editor"}).status_code
        == 302
    )

    # A second tab, opened before the limit was reached, submits now.
    refused = client.post(
        url, {"csrfmiddlewaretoken": token, "email": "b@example.org", "role": "editor"}
    )

    assert refused.status_code == 429
    assert list(Invitation.objects.values_list("email", flat=True)) == ["a@example.org"]
    assert len(mail.outbox) == 1


def test_a_form_with_mistakes_does_not_use_up_the_limit(limits, owner_client):
    limits(invite="1/h/user")
    client, url = owner_client
    for _ in range(3):
        response = post_with_token(client, url, {"email": "not an address", "role": "editor"})
        assert response.status_code == 200

    response = post_with_token(client, url, {"email": "a@example.org", "role": "editor"})

    assert response.status_code == 302
    assert Invitation.objects.count() == 1


# Problem reports, per network (5 an hour by default).


def test_problem_reports_from_one_network_are_limited():
    organisation = OrganisationFactory()
    url = f"/organisations/{organisation.slug}/report/"
    for _ in range(5):
        assert post_with_token(Client(), url, {"kind": "contact"}).status_code == 302

    page = Client().get(url)

    assert_refused(page, "how many problems can be reported", at_least=3590, at_most=3600)
    assert ProblemReport.objects.count() == 5


def test_the_time_to_try_again_is_written_as_the_readers_language_writes_it(limits):
    limits(login="1/m/ip")
    client = Client()
    client.post("/de/accounts/login/", {"login": "nobody@example.org", "password": "x"})

    refused = client.post("/de/accounts/login/", {"login": "nobody@example.org", "password": "x"})

    assert refused.status_code == 429
    # German clocks run to 24 hours, with no "am" or "pm".
    shown = re.search(r"Sie können es nach (\d{2}:\d{2}) erneut versuchen", refused.text)
    assert shown, refused.text
    wait = int(refused["Retry-After"])
    now = timezone.localtime()
    expected = {now + timezone.timedelta(seconds=wait - slack) for slack in (0, 1)}
    assert shown[1] in {t.strftime("%H:%M") for t in expected}
