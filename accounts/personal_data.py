"""What the directory holds about one person, and closing their account.

Apps add their own sections (``@section("name")``: a function of the user
returning JSON-ready data), so the download grows with the directory without
this app importing the others. Before an account is deleted,
``account_closing`` is sent inside the deleting transaction, so apps can hand
over what the person looked after and clear what names them.
"""

import django.dispatch
from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.auth import logout
from django.db import transaction
from django.utils import timezone

_sections = {}

# Sent with ``user`` (and ``emails``, all their addresses) before the account goes.
account_closing = django.dispatch.Signal()


def section(name):
    """Register ``function(user)`` as the ``name`` section of the personal data download."""

    def register(function):
        _sections[name] = function
        return function

    return register


def emails_of(user):
    """Every address the person has given us, lower-cased."""
    addresses = {user.email.lower()}
    addresses.update(e.lower() for e in user.emailaddress_set.values_list("email", flat=True))
    return sorted(addresses)


def collect(user):
    """Everything the registered sections know about ``user``, ready for json.dumps."""
    return {
        "exported_at": timezone.now().isoformat(),
        **{name: function(user) for name, function in sorted(_sections.items())},
    }


def iso(value):
    return value.isoformat() if value else None


@section("account")
def account(user):
    return {
        "id": user.pk,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "joined": iso(user.date_joined),
        "last_signed_in": iso(user.last_login),
        "email_language": user.language or None,
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }


def close_account(request, user):
    """Delete ``user``'s account and sign them out; their organisations stay."""
    emails = emails_of(user)
    with transaction.atomic():
        account_closing.send(sender=type(user), user=user, emails=emails)
        # Sign-in attempts name the person by email address (django-axes).
        AccessAttempt.objects.filter(username__in=emails).delete()
        for log in (AccessLog, AccessFailureLog):
            log.objects.filter(username__in=emails).delete()
        # Memberships, claims and email addresses go with the user (CASCADE);
        # "invited by" and "resolved by" are cleared (SET_NULL).
        user_id = user.pk
        user.delete()
        # History keeps what changed but no longer who changed it, including the
        # deletions just recorded in this request's name.
        for model in apps.get_models():
            if any(field.name == "history_user" for field in model._meta.get_fields()):
                model._base_manager.filter(history_user_id=user_id).update(history_user=None)
    logout(request)
