"""Your account at /accounts/email/: changing the email address you sign in with."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from tests.accounts.helpers import link_in, post_form

pytestmark = pytest.mark.django_db

URL = "/accounts/email/"


def change_to(client, email):
    return post_form(client, URL, {"email": email, "action_add": ""})


def test_a_new_address_changes_only_once_confirmed(client, user):
    client.force_login(user)

    response = change_to(client, "sam.new@example.org")

    assert response.status_code == 302
    page = client.get(URL)
    assert "We have sent a link to <strong>sam.new@example.org</strong>" in page.text
    message = mail.outbox[-1]
    assert message.to == ["sam.new@example.org"]
    assert message.subject == "Confirm your email address"
    user.refresh_from_db()
    assert user.email == "sam@example.org"

    post_form(client, link_in(message), {})

    user.refresh_from_db()
    assert user.email == "sam.new@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "sam.new@example.org"
    ]
    # The old address hears about it, in case it was not them.
    notice = mail.outbox[-1]
    assert notice.to == ["sam@example.org"]
    assert notice.subject == "Your email address has changed"


def test_a_badly_formed_address_is_refused_and_nothing_changes(client, user):
    client.force_login(user)

    response = change_to(client, "sam at example")

    assert "<title>Error: Your account – " in response.text
    assert (
        '<li><a href="#id_email">Enter an email address in the correct format, '
        "like name@example.com</a></li>"
    ) in response.text
    assert 'value="sam at example"' in response.text
    assert EmailAddress.objects.filter(user=user).count() == 1
    assert not mail.outbox


def test_your_own_address_is_refused(client, user):
    client.force_login(user)

    response = change_to(client, "sam@example.org")

    assert "This is already your email address. Enter a different one." in response.text
    assert not mail.outbox


def test_your_account_page_shows_the_address_and_a_way_to_change_the_password(client, user):
    client.force_login(user)

    response = client.get(URL)

    assert '<h1 class="govuk-heading-l">Your account</h1>' in response.text
    assert "sam@example.org" in response.text
    assert 'href="/accounts/password/change/"' in response.text


def test_signed_out_people_are_asked_to_sign_in(client):
    response = client.get(URL)

    assert response["Location"] == "/accounts/login/?next=/accounts/email/"
