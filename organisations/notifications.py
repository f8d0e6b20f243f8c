"""The plain-text emails the directory sends about listings.

Each is written in its recipient's language: the one a person with an account
last used here, otherwise the sender's (an invitation) or English.

A failed email is logged, never raised: by the time one is sent the change it
describes is saved, and the person who made it should still see it worked.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class Subject:
    """A subject line translated when the email is written, into the recipient's language.

    ``text`` is marked with gettext_noop; ``values`` fill its placeholders.
    """

    def __init__(self, text, **values):
        self.text, self.values = text, values

    def __str__(self):
        return gettext(self.text) % self.values


def notify(recipients, subject, template, context, *, language=None):
    """Send each recipient their own copy, so nobody sees the others' addresses."""
    recipients = sorted({email for email in recipients if email})
    if not recipients:
        return 0
    known = dict(
        get_user_model()
        .objects.filter(email__in=recipients)
        .exclude(language="")
        .values_list("email", "language")
    )
    by_language = defaultdict(list)
    for email in recipients:
        by_language[known.get(email) or language or settings.LANGUAGE_CODE].append(email)
    messages = []
    for code, emails in sorted(by_language.items()):
        with translation.override(code):
            text, body = str(subject), render_to_string(template, context)
        messages += [(text, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in emails]
    try:
        return send_mass_mail(messages)
    except Exception:
        logger.exception("Could not send %r to %d people", str(subject), len(recipients))
        return 0
