"""Signing out at /accounts/logout/ (only a POST ends the session), and the other ways a
session ends: the account deactivated, the password changed."""

import pytest
from django.test import Client

from tests.accounts.helpers import PASSWORD, csrf_token, signed_in_user_id

pytestmark = pytest.mark.django_db


def test_the_header_sign_out_button_ends_the_session(csrf_client, user):
    csrf_client.force_login(user)
    home = csrf_client.get("/")
    assert 'action="/accounts/logout/"' in home.text

    response = csrf_client.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf_token(home)})

    assert response.status_code == 302
    assert signed_in_user_id(csrf_client) is None
    after = csrf_client.get(response["Location"])
    assert "You have signed out." in after.text
    assert 'href="/accounts/login/"' in after.text
    # Pages for signed-in people now ask you to sign in.
    assert csrf_client.get("/accounts/email/")["Location"].startswith("/accounts/login/")


def test_opening_the_sign_out_address_asks_first_and_signs_nobody_out(client, user):
    client.force_login(user)

    response = client.get("/accounts/logout/")

    assert response.status_code == 200
    assert "Are you sure you want to sign out?" in response.text
    assert signed_in_user_id(client) == str(user.pk)


def test_a_deactivated_account_is_signed_out_of_every_session(user):
    # A curator unticks "active" in admin while the person is signed in.
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    assert laptop.get("/manage/").status_code == 200

    user.is_active = False
    user.save()

    for client in (laptop, phone):
        response = client.get("/manage/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_changing_the_password_signs_out_other_sessions(user):
    here, elsewhere = Client(), Client()
    here.force_login(user)
    elsewhere.force_login(user)

    page = here.get("/accounts/password/change/")
    here.post(
        "/accounts/password/change/",
        {
            "csrfmiddlewaretoken": csrf_token(page),
            "oldpassword": PASSWORD,
            "password1": "a brand new passphrase",
            "password2": "a brand new passphrase",
        },
    )

    assert here.get("/manage/").status_code == 200
    assert elsewhere.get("/manage/")["Location"].startswith("/accounts/login/")
