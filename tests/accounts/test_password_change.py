"""Changing your password while signed in, at /accounts/password/change/."""

import pytest
from django.core import mail

from tests.accounts.helpers import PASSWORD, post_form, signed_in_user_id

pytestmark = pytest.mark.django_db

URL = "/accounts/password/change/"


def test_a_new_password_is_saved_and_you_stay_signed_in(client, user):
    client.force_login(user)

    response = post_form(
        client,
        URL,
        {
            "oldpassword": PASSWORD,
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("another long passphrase")
    assert signed_in_user_id(client) == str(user.pk)
    assert mail.outbox[-1].subject == "Your password has changed"


def test_the_wrong_current_password_is_refused(client, user):
    client.force_login(user)

    response = post_form(
        client,
        URL,
        {
            "oldpassword": "a guess",
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert "<title>Error: Change your password – " in response.text
    message = "Your current password is not correct. Enter it again."
    assert f'<li><a href="#id_oldpassword">{message}</a></li>' in response.text
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
