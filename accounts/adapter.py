from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    """allauth, speaking plainly: each message says what happened and what to do."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _(
            "This account has been closed. Contact us if you think this is wrong."
        ),
        "duplicate_email": _("This is already your email address. Enter a different one."),
        "email_password_mismatch": (
            _("The email address or password is not correct. Check them and try again.")
        ),
        "email_taken": _("An account with this email address already exists. Sign in instead."),
        "enter_current_password": _("Your current password is not correct. Enter it again."),
        "invalid_password_reset": (
            _("This password reset link has expired or has already been used. Ask for a new one.")
        ),
        "same_as_current": _("This is already your email address. Enter a different one."),
        "too_many_login_attempts": (
            _(
                "There have been too many attempts to sign in from your network. "
                "Wait a minute, then try again."
            )
        ),
        "rate_limited": _("You have tried this too many times. Wait a minute, then try again."),
    }

    def get_client_ip(self, request):
        # allauth raises ImproperlyConfigured (a 500) when X-Forwarded-For has
        # fewer entries than DJANGO_TRUSTED_PROXY_COUNT; such a request did not
        # come through our proxies, so its own header is not believed.
        try:
            return super().get_client_ip(request)
        except ImproperlyConfigured:
            return request.META.get("REMOTE_ADDR")
