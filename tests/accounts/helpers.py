"""Steps the account tests share: submitting forms as a browser would, reading emails."""

import re
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # UserFactory's


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)[1]


def post_form(client, url, data, **extra):
    """Open the page, then submit its form with the CSRF token it carries."""
    page = client.get(url)
    return client.post(url, {"csrfmiddlewaretoken": csrf_token(page), **data}, **extra)


def link_in(message):
    """The path of the one link in an email."""
    return urlsplit(re.search(r"https?://\S+", message.body)[0]).path


def confirmed_user(email="sam@example.org", **fields):
    """Someone who signed up and confirmed their email address."""
    user = UserFactory(email=email, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def signed_in_user_id(client):
    return client.session.get("_auth_user_id")
