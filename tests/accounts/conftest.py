import pytest
from django.test import Client

from tests.accounts.helpers import confirmed_user


@pytest.fixture
def csrf_client():
    """A client that, like a browser, must send the CSRF token from the form."""
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def user(db):
    return confirmed_user()
