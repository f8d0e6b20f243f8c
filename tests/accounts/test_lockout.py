"""Repeated failed sign-ins lock out an email address from an IP address (django-axes).

The same lock guards the site's sign-in page and the admin's.
"""

import datetime

import pytest
from axes.models import AccessAttempt

from tests.accounts.helpers import PASSWORD, confirmed_user, post_form, signed_in_user_id

pytestmark = pytest.mark.django_db

SITE = "/accounts/login/"
ADMIN = "/admin/login/"
LOCKED = "Too many attempts to sign in"


def sign_in(client, password, email="sam@example.org", ip="198.51.100.7", **extra):
    return post_form(client, SITE, {"login": email, "password": password}, REMOTE_ADDR=ip, **extra)


def admin_sign_in(client, password, email="curator@example.org", ip="198.51.100.7"):
    return post_form(
        client, ADMIN, {"username": email, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def assert_locked_out(response):
    assert response.status_code == 429
    html = response.text
    assert f"<title>{LOCKED} – " in html
    assert f'<h1 class="govuk-heading-l">{LOCKED}</h1>' in html
    assert "You can try again in 30 minutes." in html


def test_five_wrong_passwords_lock_the_address_out_even_with_the_right_one(csrf_client, user):
    for _ in range(4):
        response = sign_in(csrf_client, "wrong password")
        assert response.status_code == 200
        assert "The email address or password is not correct." in response.text

    assert_locked_out(sign_in(csrf_client, "wrong password"))
    assert_locked_out(sign_in(csrf_client, PASSWORD))
    assert signed_in_user_id(csrf_client) is None


def test_the_lock_is_for_that_address_from_that_ip_only(client, user):
    confirmed_user(email="alex@example.org")
    for _ in range(5):
        sign_in(client, "wrong password", email="SAM@example.org")

    # Another address from the same network, and the same address from elsewhere.
    assert sign_in(client, PASSWORD, email="alex@example.org").status_code == 302
    client.logout()
    assert sign_in(client, PASSWORD, ip="203.0.113.20").status_code == 302


def test_the_lock_lifts_after_30_minutes(client, user):
    for _ in range(5):
        sign_in(client, "wrong password")
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - datetime.timedelta(minutes=31)
    )

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(user.pk)


def test_signing_in_clears_earlier_failures(client, user):
    for _ in range(4):
        sign_in(client, "wrong password")
    sign_in(client, PASSWORD)
    client.logout()

    # Four more failures do not reach the limit: the count started again.
    for _ in range(4):
        response = sign_in(client, "wrong password")
    assert response.status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_count(client, user, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        sign_in(client, "wrong password", ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert_locked_out(sign_in(client, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"))
    assert AccessAttempt.objects.get().ip_address == "198.51.100.7"
    # Someone else behind the same proxy signs in as usual.
    response = sign_in(client, PASSWORD, ip=proxy, HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert response.status_code == 302


def test_the_admin_sign_in_locks_out_the_same_way(csrf_client):
    confirmed_user(email="curator@example.org", is_staff=True, is_superuser=True)
    for _ in range(4):
        response = admin_sign_in(csrf_client, "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct email address and password" in response.text

    assert_locked_out(admin_sign_in(csrf_client, "wrong password"))
    assert_locked_out(admin_sign_in(csrf_client, PASSWORD))
    assert signed_in_user_id(csrf_client) is None
    assert AccessAttempt.objects.get().username == "curator@example.org"


def test_the_admin_sign_in_still_works(csrf_client):
    curator = confirmed_user(email="curator@example.org", is_staff=True, is_superuser=True)

    response = admin_sign_in(csrf_client, PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(csrf_client) == str(curator.pk)


def test_failures_on_the_site_and_the_admin_add_up(client):
    confirmed_user(email="curator@example.org", is_staff=True, is_superuser=True)
    for _ in range(3):
        sign_in(client, "wrong password", email="curator@example.org")

    assert admin_sign_in(client, "wrong password").status_code == 200
    assert_locked_out(admin_sign_in(client, "wrong password"))
    assert_locked_out(sign_in(client, PASSWORD, email="curator@example.org"))
