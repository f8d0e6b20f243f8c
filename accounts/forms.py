"""allauth's account forms with GOV.UK labels, hints and error messages.

allauth does the work (authentication, validation against
AUTH_PASSWORD_VALIDATORS, tokens); these classes only change the words people
see. Placeholders go: GOV.UK forms use labels and hints instead.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

EMAIL_MESSAGES = {
    "required": _("Enter your email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}
PASSWORD_HINT = _(
    "Use at least 8 characters. Avoid common passwords and ones that are all numbers "
    "or like your email address."
)


def _relabel(form, name, label, *, hint=None, required=None, invalid=None):
    field = form.fields[name]
    field.label = label
    field.help_text = hint or ""
    field.widget.attrs.pop("placeholder", None)
    if required:
        field.error_messages["required"] = required
    if invalid:
        field.error_messages["invalid"] = invalid


EMAIL_LABEL = _("Email address")
NEW_PASSWORD_LABELS = (_("Create a password"), _("Confirm your password"))


def _relabel_email(form, name, label=EMAIL_LABEL):
    _relabel(
        form,
        name,
        label,
        required=EMAIL_MESSAGES["required"],
        invalid=EMAIL_MESSAGES["invalid"],
    )
    form.fields[name].widget.attrs["spellcheck"] = "false"


def _relabel_new_password(form, label=NEW_PASSWORD_LABELS[0], again=NEW_PASSWORD_LABELS[1]):
    _relabel(form, "password1", label, hint=PASSWORD_HINT, required=gettext("Enter a password"))
    _relabel(form, "password2", again, required=gettext("Enter the password again"))


class SignInForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_email(self, "login")
        _relabel(self, "password", gettext("Password"), required=gettext("Enter your password"))
        if "remember" in self.fields:
            _relabel(self, "remember", gettext("Keep me signed in on this device for 2 weeks"))


class SignUpForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_email(self, "email")
        self.fields["email"].help_text = gettext(
            "We will send a link to this address to confirm it."
        )
        _relabel_new_password(self)


class ChangeEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_email(self, "email", gettext("New email address"))
        self.fields["email"].error_messages["required"] = gettext("Enter your new email address")
        email = self.fields["email"]
        email.help_text = gettext(
            "We will send a link to the new address. Your email address changes when you open it."
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            "oldpassword",
            gettext("Current password"),
            required=gettext("Enter your current password"),
        )
        _relabel_new_password(self, gettext("New password"), gettext("Confirm your new password"))


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_new_password(self)


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_email(self, "email")


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel_new_password(self, gettext("New password"), gettext("Confirm your new password"))


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password, so a borrowed browser cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password to delete your account")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Your password is not correct. Enter it again."), code="wrong_password"
            )
        return password
