"""Forgotten passwords: /accounts/password/reset/ and the link it emails."""

import pytest
from django.core import mail

from tests.accounts.helpers import link_in, post_form, signed_in_user_id

pytestmark = pytest.mark.django_db

URL = "/accounts/password/reset/"
NEW_PASSWORD = "a brand new passphrase"


def ask_for_a_link(client, email="sam@example.org"):
    return post_form(client, URL, {"email": email})


def test_the_emailed_link_sets_a_new_password_once(client, user):
    response = ask_for_a_link(client)

    assert response.status_code == 302
    assert "Check your email" in client.get(response["Location"]).text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert mail.outbox[0].subject == "Reset your password"
    link = link_in(mail.outbox[0])

    # The link swaps its key for the session's, then asks for a password.
    opened = client.get(link)
    form_url = opened["Location"]
    page = client.get(form_url)
    assert '<h1 class="govuk-heading-l">Choose a new password</h1>' in page.text
    done = post_form(client, form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    assert "Your password has been changed" in client.get(done["Location"]).text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    reused = client.get(link, follow=True)
    assert "This link has expired or has already been used" in reused.text
    assert 'href="/accounts/password/reset/">Ask for a new link</a>' in reused.text


def test_the_new_password_must_pass_the_checks(client, user):
    ask_for_a_link(client)
    form_url = client.get(link_in(mail.outbox[0]))["Location"]

    response = post_form(client, form_url, {"password1": "password123", "password2": "password123"})

    assert "<title>Error: Choose a new password – " in response.text
    assert '<li><a href="#id_password1">This password is too common.</a></li>' in response.text
    user.refresh_from_db()
    assert not user.check_password("password123")


def test_an_unknown_address_gets_the_same_page_and_an_email_saying_so(client):
    response = ask_for_a_link(client, email="nobody@example.org")

    assert response.status_code == 302
    assert mail.outbox[0].to == ["nobody@example.org"]
    assert mail.outbox[0].subject == "There is no account with this email address"


def test_an_empty_form_says_what_to_enter(client):
    response = client.post(URL, {})

    assert "<title>Error: Reset your password – " in response.text
    assert '<li><a href="#id_email">Enter your email address</a></li>' in response.text
    assert not mail.outbox


def test_a_reset_does_not_sign_you_in(client, user):
    ask_for_a_link(client)
    form_url = client.get(link_in(mail.outbox[0]))["Location"]

    post_form(client, form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert signed_in_user_id(client) is None
