"""Creating an account at /accounts/signup/ and confirming its email address."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.accounts.helpers import confirmed_user, link_in, post_form, signed_in_user_id

pytestmark = pytest.mark.django_db

URL = "/accounts/signup/"


def sign_up(client, email="new.volunteer@example.org", password="a sturdy long passphrase"):
    return post_form(client, URL, {"email": email, "password1": password, "password2": password})


def test_sign_up_sends_a_link_that_confirms_the_email_address(csrf_client):
    response = sign_up(csrf_client, email="New.Volunteer@Example.org")

    assert response.status_code == 302
    page = csrf_client.get(response["Location"])
    assert "<title>Confirm your email address – " in page.text
    assert "You need to confirm it before you can sign in." in page.text
    user = User.objects.get()
    assert user.email == "new.volunteer@example.org"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.volunteer@example.org"]
    assert message.subject == "Confirm your email address"
    assert "finish creating the account" in message.body

    link = link_in(message)
    confirm_page = csrf_client.get(link)
    assert "Confirm that <strong>new.volunteer@example.org</strong> is your email address" in (
        confirm_page.text
    )
    confirmed = post_form(csrf_client, link, {})

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    # Confirming in the browser that signed up signs the person in.
    assert signed_in_user_id(csrf_client) == str(user.pk)


def test_a_confirmation_link_used_twice_says_so(client):
    sign_up(client)
    link = link_in(mail.outbox[0])
    client.post(link)

    response = client.get(link)

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">This link has expired or has already been used</h1>' in (
        response.text
    )
    assert "Confirm email address</button>" not in response.text


def test_a_made_up_confirmation_link_says_it_has_expired_or_been_used(client):
    response = client.get("/accounts/confirm-email/not-a-real-key/")

    assert "This link has expired or has already been used" in response.text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password123", "This password is too common."),
        ("Xk7#qz", "This password is too short. It must contain at least 8 characters."),
        ("83610472951", "This password is entirely numeric."),
    ],
)
def test_weak_passwords_are_refused_and_nothing_is_written(csrf_client, password, message):
    response = sign_up(csrf_client, email="new.volunteer@example.org", password=password)

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: Create an account – " in html
    # In the error summary, linked to the field, and beside the field.
    assert f'<li><a href="#id_password1">{message}</a></li>' in html
    assert f'<span class="govuk-visually-hidden">Error:</span> {message}' in html
    # What the person typed is kept, except the password.
    assert 'value="new.volunteer@example.org"' in html
    assert password not in html
    assert not User.objects.exists()
    assert not mail.outbox


def test_an_empty_form_says_what_to_enter(client):
    response = client.post(URL, {})

    html = response.text
    assert '<li><a href="#id_email">Enter your email address</a></li>' in html
    assert '<li><a href="#id_password1">Enter a password</a></li>' in html
    assert '<li><a href="#id_password2">Enter the password again</a></li>' in html
    assert not User.objects.exists()


def test_a_badly_formed_email_address_is_refused(client):
    response = sign_up(client, email="not-an-email")

    assert "Enter an email address in the correct format, like name@example.com" in response.text
    assert 'value="not-an-email"' in response.text
    assert not User.objects.exists()


def test_passwords_that_differ_are_refused(client):
    response = post_form(
        client,
        URL,
        {
            "email": "new.volunteer@example.org",
            "password1": "a sturdy long passphrase",
            "password2": "a sturdy long passphrasf",
        },
    )

    assert '<li><a href="#id_password2">' in response.text
    assert not User.objects.exists()


def test_signing_up_again_with_a_taken_address_emails_its_owner_instead(client):
    confirmed_user(email="sam@example.org")

    response = sign_up(client, email="sam@example.org")

    # The page does not reveal who has an account; the address's owner is told.
    assert response.status_code == 302
    assert User.objects.count() == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert mail.outbox[0].subject == "You already have an account"


def test_sign_up_page_links_to_sign_in(client):
    response = client.get(URL)

    assert "<title>Create an account – " in response.text
    assert '<h1 class="govuk-heading-l">Create an account</h1>' in response.text
    assert 'href="/accounts/login/">Sign in</a>' in response.text
    assert 'autocomplete="email"' in response.text
    assert 'autocomplete="new-password"' in response.text
