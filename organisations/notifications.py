"""The plain-text emails the directory sends about listings.

A failed email is logged, never raised: by the time one is sent the change it
describes is saved, and the person who made it should still see it worked.
"""

import logging

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def notify(recipients, subject, template, context):
    """Send each recipient their own copy, so nobody sees the others' addresses."""
    recipients = sorted({email for email in recipients if email})
    if not recipients:
        return 0
    body = render_to_string(template, context)
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [email]) for email in recipients]
    try:
        return send_mass_mail(messages)
    except Exception:
        logger.exception("Could not send %r to %d people", subject, len(recipients))
        return 0
