"""How django-axes tells one person's sign-in attempts from another's."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def attempted_email(request, credentials=None):
    """The email address someone tried to sign in with, lower-cased.

    Axes asks with the credentials handed to ``authenticate()`` when it has
    them: allauth passes ``email``, the admin's sign-in form ``username``, and
    axes itself, after a success, its AXES_USERNAME_FORM_FIELD (``email``).
    Without them it reads the forms' fields: allauth's ``login``, the admin's
    ``username``. Lower-casing makes "Sam@Example.org" and "sam@example.org"
    one person, as they are when signing in.
    """
    source = credentials or request.POST
    for key in ("email", "username", "login"):
        value = source.get(key)
        if value:
            return value.strip().lower()
    return None


def client_ip(request):
    """The client's IP address, found the way allauth's rate limits find it.

    One rule for both, set by DJANGO_TRUSTED_PROXY_COUNT (see settings).
    A request with no address at all (the test client's ``force_login``) has
    None, as axes would give it.
    """
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
