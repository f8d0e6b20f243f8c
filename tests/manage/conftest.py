"""Personas and helpers for the member pages under /manage/.

Three personas, as in healthchecks: a member of the organisation (an owner,
and an editor for owner-only checks), a signed-in outsider, and an anonymous
visitor. Writes go through a client that enforces CSRF, with the token read
from the page that holds the form, as a browser would.
"""

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from organisations.models import Membership
from tests.factories import AreaFactory, MembershipFactory, OrganisationFactory, UserFactory

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def area():
    return AreaFactory(name="Manchester", gss_code="E08000003", region="North West")


@pytest.fixture
def organisation(area):
    return OrganisationFactory(name="Ancoats Community Pantry", areas=[area])


@pytest.fixture
def owner(organisation):
    return MembershipFactory(
        organisation=organisation,
        role=Membership.Role.OWNER,
        user=UserFactory(email="owner@example.org"),
    ).user


@pytest.fixture
def editor(organisation):
    return MembershipFactory(
        organisation=organisation,
        role=Membership.Role.EDITOR,
        user=UserFactory(email="editor@example.org"),
    ).user


@pytest.fixture
def outsider():
    return UserFactory(email="outsider@example.org")


def browser(user=None):
    """A client that checks CSRF tokens like the real site, signed in as ``user``."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_owner(owner):
    return browser(owner)


@pytest.fixture
def as_editor(editor):
    return browser(editor)


@pytest.fixture
def as_outsider(outsider):
    return browser(outsider)


@pytest.fixture
def anonymous():
    return browser()


def csrf_token(response):
    """The token from the form on a page, as a browser would send it."""
    match = CSRF_INPUT.search(response.content.decode())
    assert match, "The page has no form with a CSRF token"
    return match.group(1)


def submit(client, page, data=None, action=None):
    """Open ``page``, then post ``data`` with its CSRF token to ``action`` (or ``page``)."""
    form_page = client.get(page)
    assert form_page.status_code == 200, (page, form_page.status_code)
    payload = {"csrfmiddlewaretoken": csrf_token(form_page), **(data or {})}
    return client.post(action or page, payload)


def login_url():
    return resolve_url(settings.LOGIN_URL)


def assert_sends_to_sign_in(response, url):
    assert response.status_code == 302
    assert response.url.startswith(f"{login_url()}?next=")
    assert url in response.url.replace("%2F", "/")


def html(response):
    return response.content.decode()


def title(response):
    match = re.search(r"<title>(.*?)</title>", html(response), re.S)
    return match.group(1).strip() if match else ""
