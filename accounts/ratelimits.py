"""Abuse limits: how often one address or one person may do something that
writes to the database or sends email.

The counting is django-allauth's rate limiter (a sliding window kept in the
default cache, so every app instance shares it when REDIS_URL is set). The
actions and their rates are in settings.ACCOUNT_RATE_LIMITS: allauth's own
("login", "signup", "reset_password", ...) and the directory's ("invite",
"report_problem"). This module adds what allauth leaves out: a 429 page that
says, in plain English, when to try again, with a Retry-After header.
"""

import datetime
import math
import time

from allauth.core import ratelimit
from allauth.core.internal.ratelimit import get_cache_key, get_rates
from django.core.cache import cache
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

APP = "allauth.account"

# Why each limit exists, for the 429 page.
REASONS = {
    "login": _(
        "To keep accounts safe, there is a limit on how often anyone can try to sign in "
        "from one network."
    ),
    "signup": _(
        "To keep the directory free of spam, there is a limit on how many accounts can be "
        "created from one network."
    ),
    "reset_password": _(
        "To stop unwanted emails, there is a limit on how often a password reset can be asked for."
    ),
    "reset_password_from_key": _(
        "To keep accounts safe, there is a limit on how often a new password can be set "
        "from one network."
    ),
    "invite": _(
        "To stop unwanted emails, there is a limit on how many invitations one person can send."
    ),
    "report_problem": _(
        "To keep the directory free of spam, there is a limit on how many problems can be "
        "reported from one network."
    ),
}
GENERIC_REASON = _("To keep the directory safe, there is a limit on how often this can be done.")

# allauth's own pages that it limits, by URL name, with the action each counts.
ALLAUTH_ACTIONS = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_email": "manage_email",
    "account_reauthenticate": "reauthenticate",
}


def consume(request, action, *, key=None, user=None):
    """Count one use of ``action``; False if that is over the limit (nothing counted)."""
    return ratelimit.consume(request, action=action, key=key, user=user)


def blocked_until(request, action, *, key=None, user=None):
    """When ``action`` will be allowed again for this request, or None if it is now.

    Each rate keeps the times of recent uses, newest first; once ``amount`` of
    them are inside the window, the next use is allowed when the ``amount``-th
    newest leaves it.
    """
    now = time.time()
    free_at = []
    for rate in get_rates(app=APP, action=action):
        if rate.per == "key" and not key:
            continue
        if rate.per == "user" and user is None and not request.user.is_authenticated:
            continue
        cache_key = get_cache_key(request, app=APP, action=action, rate=rate, key=key, user=user)
        history = [t for t in cache.get(cache_key, []) if t > now - rate.duration]
        if len(history) >= rate.amount:
            free_at.append(history[rate.amount - 1] + rate.duration)
    if not free_at:
        return None
    return datetime.datetime.fromtimestamp(max(free_at), tz=datetime.UTC)


def clock(moment):
    """The time as the reader's language writes it; "3:45pm" in English, as GOV.UK does."""
    if (translation.get_language() or "en").split("-")[0] == "en":
        return formats.time_format(moment, "g:i") + formats.time_format(moment, "A").lower()
    return formats.time_format(moment)


def too_many_requests(request, action, *, key=None, user=None):
    """The 429 page: why there is a limit, and the time it lifts."""
    until = blocked_until(request, action, key=key, user=user)
    if until is None:
        # Counted just now by a request that raced this one, or the cache lock
        # was busy: the shortest window is a safe wait.
        rates = get_rates(app=APP, action=action)
        seconds = min((rate.duration for rate in rates), default=60)
        until = timezone.now() + datetime.timedelta(seconds=seconds)
    wait = max(1, math.ceil((until - timezone.now()).total_seconds()))
    until = timezone.localtime(until)
    response = render(
        request,
        "429.html",
        {
            "reason": REASONS.get(action, GENERIC_REASON),
            "until": until,
            "until_time": clock(until),
            "until_day": formats.date_format(until, "MONTH_DAY_FORMAT"),
            "until_today": until.date() == timezone.localdate(),
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def handler429(request):
    """allauth answers its own limits through ``<ROOT_URLCONF>.handler429``."""
    match = request.resolver_match
    action = ALLAUTH_ACTIONS.get(match.url_name if match else None)
    if action is None:
        return too_many_requests(request, "")
    key = request.POST.get("email", "").strip().lower() if action == "reset_password" else None
    return too_many_requests(request, action, key=key)
