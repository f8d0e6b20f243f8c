"""Signing in at /accounts/login/ with an email address and password."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core import mail

from tests.accounts.helpers import (
    PASSWORD,
    confirmed_user,
    link_in,
    post_form,
    signed_in_user_id,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"


def sign_in(client, email="sam@example.org", password=PASSWORD, **extra):
    return post_form(client, URL, {"login": email, "password": password}, **extra)


def test_sign_in_takes_you_to_your_organisations(csrf_client, user):
    response = sign_in(csrf_client, email="Sam@Example.org")

    assert response.status_code == 302
    assert response["Location"] == "/manage/"
    assert signed_in_user_id(csrf_client) == str(user.pk)
    home = csrf_client.get("/")
    assert 'href="/accounts/email/"' in home.text
    assert ">Sign out</button>" in home.text
    assert ">Sign in</a>" not in home.text


def test_the_form_needs_its_csrf_token(csrf_client, user):
    response = csrf_client.post(URL, {"login": "sam@example.org", "password": PASSWORD})

    assert response.status_code == 403
    assert signed_in_user_id(csrf_client) is None


def test_a_wrong_password_says_so_and_keeps_the_email_address(csrf_client, user):
    response = sign_in(csrf_client, password="not my password")

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: Sign in – " in html
    assert "There is a problem" in html
    assert "The email address or password is not correct. Check them and try again." in html
    assert 'value="sam@example.org"' in html
    assert "not my password" not in html
    assert signed_in_user_id(csrf_client) is None


def test_an_empty_form_says_what_to_enter(client):
    response = client.post(URL, {})

    assert '<li><a href="#id_login">Enter your email address</a></li>' in response.text
    assert '<li><a href="#id_password">Enter your password</a></li>' in response.text


def test_signing_in_before_confirming_says_to_confirm_and_sends_a_new_link(client):
    UserFactory(email="new@example.org")  # signed up; never opened the link

    response = sign_in(client, email="new@example.org")

    assert response.status_code == 302
    page = client.get(response["Location"])
    assert '<h1 class="govuk-heading-l">Confirm your email address</h1>' in page.text
    assert "You need to confirm it before you can sign in." in page.text
    assert signed_in_user_id(client) is None
    assert mail.outbox[0].to == ["new@example.org"]
    assert link_in(mail.outbox[0]).startswith("/accounts/confirm-email/")


def test_signing_in_starts_a_new_session(client, user):
    # A session someone else could have planted before sign-in (session fixation).
    session = client.session
    session["seen_the_home_page"] = True
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    before = session.session_key

    sign_in(client)

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert signed_in_user_id(client) == str(user.pk)


def test_sign_in_page_links_to_create_an_account_and_reset_a_password(client):
    response = client.get(URL)

    html = response.text
    assert "<title>Sign in – " in html
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert 'href="/accounts/signup/">create an account</a>' in html
    assert 'href="/accounts/password/reset/">Forgotten your password?</a>' in html
    assert 'autocomplete="current-password"' in html


def test_an_inactive_account_cannot_sign_in(client):
    confirmed_user(email="gone@example.org", is_active=False)

    response = sign_in(client, email="gone@example.org")

    assert response["Location"] == "/accounts/inactive/"
    page = client.get(response["Location"])
    assert '<h1 class="govuk-heading-l">This account has been closed</h1>' in page.text
    assert signed_in_user_id(client) is None
