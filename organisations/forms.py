"""Forms members use to register and keep their organisation's listing.

Each form owns its validation and says what to do when something is wrong.
Registration asks its questions a page at a time (``REGISTRATION_STEPS``);
editing asks them all on one page (``OrganisationProfileForm``).
"""

import datetime
import re

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from config.forms import GovukBoundField
from postcodes.lookup import PostcodeError, normalise

from .models import (
    Area,
    ClaimRequest,
    Contact,
    Invitation,
    Membership,
    ModerationStatus,
    Nation,
    Organisation,
    ProblemReport,
    unique_slug,
)

CHARITY_NUMBER = re.compile(r"^(\d{6,7}|SC\d{6}|NIC\d{6})$")
COMPANY_NUMBER = re.compile(r"^(\d{8}|[A-Z]{2}\d{6}|R0\d{6})$")
PHONE_CHARACTERS = re.compile(r"^\+?[\d\s()-]+$")


# Fields and widgets -------------------------------------------------------


class ManageBoundField(GovukBoundField):
    """GOV.UK classes plus any the widget asks for (e.g. a width class)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        extra = (widget or self.field.widget).attrs.get("class")
        if extra and extra not in attrs.get("class", ""):
            attrs["class"] = f"{attrs.get('class', '')} {extra}".strip()
        return attrs


class SectionsMixin:
    """``SECTIONS = [(heading, [field names])]`` lets a long form's template show
    its questions under headings, in order, skipping fields the form dropped."""

    SECTIONS = []

    def sections(self):
        return [
            (heading, [self[name] for name in names if name in self.fields])
            for heading, names in self.SECTIONS
        ]


class ManageForm(SectionsMixin, forms.Form):
    bound_field_class = ManageBoundField


class ManageModelForm(SectionsMixin, forms.ModelForm):
    bound_field_class = ManageBoundField


def width(n, **attrs):
    """A text input ``n`` characters wide (GOV.UK width classes)."""
    return forms.TextInput(attrs={"class": f"govuk-input--width-{n}", **attrs})


class GroupedBoundField(ManageBoundField):
    @property
    def groups(self):
        """The choices under their group headings, with ids numbered straight through.

        The error summary links to ``<id>_0``, the first checkbox.
        """
        selected = {str(value) for value in (self.value() or [])}
        groups, n = [], 0
        for label, choices in self.field.grouped_choices():
            options = []
            for value, text in choices:
                checked = str(value) in selected
                options.append(
                    {"id": f"{self.auto_id}_{n}", "value": value, "label": text, "checked": checked}
                )
                n += 1
            groups.append({"label": label, "options": options})
        for group in groups:
            group["selected"] = sum(option["checked"] for option in group["options"])
        return groups


class GroupedCheckboxesField(forms.ModelMultipleChoiceField):
    """Checkboxes under headings; ``collapsible`` puts each group in a details element."""

    widget = forms.CheckboxSelectMultiple
    bound_field_class = GroupedBoundField

    def __init__(self, queryset, *, group_by, collapsible=False, **kwargs):
        self.group_by, self.collapsible = group_by, collapsible
        kwargs.setdefault("template_name", "manage/fields/grouped_checkboxes.html")
        super().__init__(queryset, **kwargs)

    def grouped_choices(self):
        groups = {}
        for obj in self.queryset:
            groups.setdefault(self.group_by(obj), []).append(
                (obj.pk, self.label_from_instance(obj))
            )
        return list(groups.items())


def area_group(area):
    return area.region or Nation(area.nation).label


def council_areas():
    return Area.objects.councils().order_by("nation", "region", "name")


def areas_field(label, help_text, required_message):
    return GroupedCheckboxesField(
        council_areas(),
        group_by=area_group,
        collapsible=True,
        label=label,
        help_text=help_text,
        error_messages={"required": required_message},
    )


class DateInputs(forms.MultiWidget):
    """GOV.UK date input: day, month and year boxes (drawn by manage/fields/date.html)."""

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)], attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        return [data.get(f"{name}_{i}", "") for i in range(3)]


class DateBoundField(ManageBoundField):
    @property
    def parts(self):
        value = self.value()
        if not isinstance(value, list | tuple):
            value = self.field.widget.decompress(value)
        return [
            {
                "name": f"{self.html_name}_{i}",
                "id": f"{self.auto_id}_{i}",
                "label": label,
                "value": value[i] or "",
                "width": 4 if i == 2 else 2,
            }
            for i, label in enumerate([_("Day"), _("Month"), _("Year")])
        ]


# Whole sentences, so that every language can word them its own way.
INCOMPLETE_DATE = {
    ("day",): _("%(label)s must include a day"),
    ("month",): _("%(label)s must include a month"),
    ("year",): _("%(label)s must include a year"),
    ("day", "month"): _("%(label)s must include a day and a month"),
    ("day", "year"): _("%(label)s must include a day and a year"),
    ("month", "year"): _("%(label)s must include a month and a year"),
}


class DateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's error messages."""

    widget = DateInputs
    bound_field_class = DateBoundField

    def __init__(self, **kwargs):
        kwargs.setdefault("template_name", "manage/fields/date.html")
        super().__init__(**kwargs)

    def clean(self, value):
        parts = [str(part or "").strip() for part in (value or ["", "", ""])]
        label = str(self.label)
        if not any(parts):
            if self.required:
                # GOV.UK's "Enter the date ..." lower-cases the label in English;
                # other languages keep their own capitals (German nouns, say).
                if get_language().startswith("en"):
                    label = label[:1].lower() + label[1:]
                raise forms.ValidationError(
                    gettext("Enter the %(field)s") % {"field": label}, code="required"
                )
            return None
        missing = tuple(
            name for name, part in zip(("day", "month", "year"), parts, strict=True) if not part
        )
        if missing:
            raise forms.ValidationError(
                INCOMPLETE_DATE[missing] % {"label": label}, code="incomplete"
            )
        day, month, year = parts
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                gettext("%(label)s must be a real date") % {"label": label}, code="invalid"
            )
        if len(year) != 4:
            raise forms.ValidationError(gettext("Year must include 4 numbers"), code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                gettext("%(label)s must be a real date") % {"label": label}, code="invalid"
            ) from None


class YesNoField(forms.TypedChoiceField):
    widget = forms.RadioSelect

    def __init__(self, **kwargs):
        super().__init__(
            choices=[(True, _("Yes")), (False, _("No"))],
            coerce=lambda value: value in (True, "True"),
            **kwargs,
        )


# Registering and editing an organisation ----------------------------------


class OrganisationNameForm(ManageModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind"]
        labels = {"name": _("Name of the organisation"), "kind": _("Type of organisation")}
        help_texts = {
            "name": _("The name people know it by, e.g. “Ancoats Community Pantry”."),
            "kind": "",
        }
        widgets = {"kind": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": _("Enter the name of the organisation"),
                "max_length": _("The name must be 200 characters or fewer"),
            },
            "kind": {"required": _("Select the type of organisation")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "kind" not in kwargs.get("initial", {}):
            # GOV.UK radios start with nothing chosen: people pick, not accept a default.
            self.initial.pop("kind", None)
            self.fields["kind"].initial = None

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class OrganisationAboutForm(ManageModelForm):
    class Meta:
        model = Organisation
        fields = ["description", "charity_number", "company_number"]
        labels = {
            "description": _("What does the organisation do?"),
            "charity_number": _("Charity number (optional)"),
            "company_number": _("Company number (optional)"),
        }
        help_texts = {
            "description": _(
                "A few sentences in plain English: who you help, how, and where. "
                "Council officers and residents read this to decide whether to contact you."
            ),
            "charity_number": _("If you are a registered charity, e.g. 1234567 or SC012345."),
            "company_number": _(
                "If you are registered with Companies House: 8 characters, "
                "e.g. 01234567 or SC123456."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "charity_number": width(10, spellcheck="false"),
            "company_number": width(10, spellcheck="false"),
        }
        error_messages = {"description": {"required": _("Enter what the organisation does")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True

    def clean_charity_number(self):
        number = re.sub(r"\s+", "", self.cleaned_data["charity_number"]).upper()
        if number and not CHARITY_NUMBER.match(number):
            raise forms.ValidationError(
                gettext("Enter a charity number in the format 1234567 or SC012345"), code="invalid"
            )
        return number

    def clean_company_number(self):
        number = re.sub(r"\s+", "", self.cleaned_data["company_number"]).upper()
        if number.isdigit() and 6 <= len(number) < 8:
            number = number.zfill(8)  # Companies House pads numbers with leading zeros.
        if number and not COMPANY_NUMBER.match(number):
            raise forms.ValidationError(
                gettext("Enter a company number in the format 01234567 or SC123456: 8 characters"),
                code="invalid",
            )
        return number


class OrganisationContactForm(ManageModelForm):
    class Meta:
        model = Organisation
        fields = ["website", "email", "phone", "address", "postcode"]
        labels = {
            "website": _("Website (optional)"),
            "email": _("Public email address (optional)"),
            "phone": _("Public phone number (optional)"),
            "address": _("Address (optional)"),
            "postcode": _("Postcode (optional)"),
        }
        help_texts = {
            "website": _("e.g. https://ancoatspantry.org.uk"),
            "email": _(
                "Shown on your listing. Use a shared address, not a personal one, if you can."
            ),
            "phone": _("Shown on your listing, e.g. 0161 496 0000."),
            "address": _("Where people can find you. Leave it empty if you do not have premises."),
            "postcode": _(
                "Puts you on the map. If you do not want to show your full postcode, "
                "enter the first half, like M4."
            ),
        }
        widgets = {
            "website": forms.URLInput(attrs={"spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
            "phone": width(20, type="tel"),
            "address": forms.Textarea(attrs={"rows": 3}),
            "postcode": width(10, autocomplete="postal-code"),
        }
        error_messages = {
            "website": {"invalid": _("Enter a web address, like https://ancoatspantry.org.uk")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.org")
            },
        }

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        digits = re.sub(r"\D", "", phone)
        if phone and (not PHONE_CHARACTERS.match(phone) or not 10 <= len(digits) <= 13):
            raise forms.ValidationError(
                gettext("Enter a phone number, like 0161 496 0000 or +44 161 496 0000"),
                code="invalid",
            )
        return phone

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"]
        if not postcode.strip():
            return ""
        try:
            return normalise(postcode)
        except PostcodeError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def clean(self):
        cleaned = super().clean()
        contact_fields = ["website", "email", "phone"]
        if not any(cleaned.get(name) or name in self.errors for name in contact_fields):
            self.add_error(
                "website",
                forms.ValidationError(
                    gettext(
                        "Enter at least one way to contact the organisation: a website, "
                        "an email address or a phone number"
                    ),
                    code="no_contact",
                ),
            )
        return cleaned


class OrganisationAreasForm(ManageModelForm):
    areas = areas_field(
        _("Which council areas does the organisation work in?"),
        _("Select all that apply. Open a region to see its councils."),
        _("Select at least one council area the organisation works in"),
    )

    class Meta:
        model = Organisation
        fields = ["areas"]


class OrganisationProfileForm(
    OrganisationNameForm, OrganisationAboutForm, OrganisationContactForm, OrganisationAreasForm
):
    """Every question of registration on one page, for editing a listing."""

    SECTIONS = [
        (_("Name and type"), ["name", "kind"]),
        (_("What the organisation does"), ["description", "charity_number", "company_number"]),
        (_("Contact details"), ["website", "email", "phone", "address", "postcode"]),
        (_("Where the organisation works"), ["areas"]),
    ]

    class Meta(OrganisationNameForm.Meta):
        fields = [
            *OrganisationNameForm.Meta.fields,
            *OrganisationAboutForm.Meta.fields,
            *OrganisationContactForm.Meta.fields,
            *OrganisationAreasForm.Meta.fields,
        ]
        labels = {
            **OrganisationNameForm.Meta.labels,
            **OrganisationAboutForm.Meta.labels,
            **OrganisationContactForm.Meta.labels,
        }
        help_texts = {
            **OrganisationNameForm.Meta.help_texts,
            **OrganisationAboutForm.Meta.help_texts,
            **OrganisationContactForm.Meta.help_texts,
        }
        widgets = {
            **OrganisationNameForm.Meta.widgets,
            **OrganisationAboutForm.Meta.widgets,
            **OrganisationContactForm.Meta.widgets,
        }
        error_messages = {
            **OrganisationNameForm.Meta.error_messages,
            **OrganisationAboutForm.Meta.error_messages,
            **OrganisationContactForm.Meta.error_messages,
        }

    def save(self, commit=True):
        organisation = super().save(commit=False)
        if "postcode" in self.changed_data:
            organisation.latitude = organisation.longitude = None
            organisation.fill_coordinates_from_postcode()
        if organisation.status == ModerationStatus.REJECTED:
            # Changing a rejected listing sends it back to the curators.
            organisation.status = ModerationStatus.PENDING
            organisation.rejection_reason = ""
        if commit:
            # The row and its lists (areas, categories...) change together or not at all.
            with transaction.atomic():
                organisation.save()
                self.save_m2m()
        return organisation

    def register(self, user):
        """Create the listing, pending a curator's check, with ``user`` as its owner."""
        with transaction.atomic():
            organisation = self.save(commit=False)
            organisation.status = ModerationStatus.PENDING
            organisation.slug = unique_slug(Organisation, organisation.name)
            organisation.last_confirmed = timezone.localdate()  # Just written, so correct.
            organisation.save()
            self.save_m2m()
            Membership.objects.create(
                user=user, organisation=organisation, role=Membership.Role.OWNER
            )
        return organisation


# The registration questions, a page each, in order: (slug, form, page heading).
REGISTRATION_STEPS = [
    ("name", OrganisationNameForm, _("Name and type of organisation")),
    ("about", OrganisationAboutForm, _("What the organisation does")),
    ("contact", OrganisationContactForm, _("Contact details")),
    ("areas", OrganisationAreasForm, _("Where the organisation works")),
]


def session_answers(form):
    """A step's answers as JSON the session can keep and a form can be bound to again."""
    answers = {}
    for name, value in form.cleaned_data.items():
        if hasattr(value, "values_list"):
            answers[name] = [str(pk) for pk in value.values_list("pk", flat=True)]
        else:
            answers[name] = "" if value is None else str(value)
    return answers


# Claims, problem reports, invitations -------------------------------------


class ClaimForm(ManageModelForm):
    class Meta:
        model = ClaimRequest
        fields = ["connection"]
        labels = {"connection": _("What is your connection to the organisation?")}
        help_texts = {
            "connection": _(
                "For example, “I am the chair” or “I coordinate the volunteers”. "
                "A curator reads this to check you can speak for the organisation."
            ),
        }
        widgets = {"connection": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "connection": {"required": _("Enter your connection to the organisation")}
        }

    def __init__(self, *args, user, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user, self.instance.organisation = user, organisation


class ProblemReportForm(ManageModelForm):
    class Meta:
        model = ProblemReport
        fields = ["kind", "details", "reporter_email"]
        labels = {
            "kind": _("What is wrong with this listing?"),
            "details": _("Details (optional)"),
            "reporter_email": _("Your email address (optional)"),
        }
        help_texts = {
            "details": _("What should it say instead? Do not include personal information."),
            "reporter_email": _(
                "Only if you are happy for a curator to ask you about the "
                "report. We do not share it."
            ),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "details": forms.Textarea(attrs={"rows": 4}),
            "reporter_email": forms.EmailInput(attrs={"spellcheck": "false"}),
        }
        error_messages = {
            "kind": {"required": _("Select what is wrong with this listing")},
            "details": {"max_length": _("Details must be 2,000 characters or fewer")},
            "reporter_email": {
                "invalid": _("Enter an email address in the correct format, like name@example.org")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list without a blank "---------" choice.
        self.fields["kind"].choices = ProblemReport.Kind.choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == ProblemReport.Kind.OTHER and not cleaned.get("details"):
            self.add_error("details", gettext("Tell us what is wrong"))
        return cleaned


class InvitationForm(ManageModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]
        labels = {"email": _("Email address"), "role": _("What can they do?")}
        help_texts = {"email": _("We will email them a link to join. It works for 14 days.")}
        widgets = {
            "email": forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
            "role": forms.RadioSelect,
        }
        error_messages = {
            "email": {
                "required": _("Enter the email address of the person to invite"),
                "invalid": _("Enter an email address in the correct format, like name@example.org"),
            },
            "role": {"required": _("Select what they can do")},
        }

    ROLE_LABELS = {
        Membership.Role.EDITOR: _("Editor: can keep the listing, services and outcomes up to date"),
        Membership.Role.OWNER: _("Owner: can also invite and remove people"),
    }

    def __init__(self, *args, organisation, invited_by, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation, self.instance.invited_by = organisation, invited_by
        self.fields["role"].choices = [
            (role, self.ROLE_LABELS[role])
            for role in (Membership.Role.EDITOR, Membership.Role.OWNER)
        ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self.organisation.memberships.filter(user__email__iexact=email).exists():
            raise forms.ValidationError(
                gettext("%(email)s is already a member of %(organisation)s")
                % {"email": email, "organisation": self.organisation.name},
                code="member",
            )
        return email


def clean_phone_number(value):
    """A phone number with white space folded, or a ValidationError saying what to enter."""
    phone = " ".join(value.split())
    digits = re.sub(r"\D", "", phone)
    if phone and (not PHONE_CHARACTERS.match(phone) or not 10 <= len(digits) <= 13):
        raise forms.ValidationError(
            _("Enter a phone number, like 0161 496 0000 or +44 161 496 0000"), code="invalid"
        )
    return phone


class ContactForm(ManageModelForm):
    """A named person to contact, shown to everyone or to council officers only."""

    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "visibility"]
        labels = {
            "name": _("Full name"),
            "role": _("Role or job title (optional)"),
            "email": _("Email address (optional)"),
            "phone": _("Phone number (optional)"),
            "visibility": _("Who can see this contact?"),
        }
        help_texts = {
            "name": _("Only add someone who has agreed to be listed."),
            "role": _("For example, “Volunteer coordinator”."),
            "phone": _("For example, 0161 496 0000."),
            "visibility": "",
        }
        widgets = {
            "name": width(30, autocomplete="off"),
            "role": width(30),
            "email": forms.EmailInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
            "phone": width(20, type="tel"),
            "visibility": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Enter the contact's full name")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.org")
            },
            "visibility": {"required": _("Select who can see this contact")},
        }

    VISIBILITY_LABELS = {
        Contact.Visibility.COUNCILS: _(
            "Council officers only: confirmed council staff signed in to the directory"
        ),
        Contact.Visibility.PUBLIC: _("Everyone: shown on your public listing"),
    }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.fields["visibility"].choices = list(self.VISIBILITY_LABELS.items())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self):
        return clean_phone_number(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) or name in self.errors for name in ("email", "phone")):
            self.add_error(
                "email",
                forms.ValidationError(
                    _("Enter an email address or a phone number for this contact"),
                    code="no_way_to_contact",
                ),
            )
        return cleaned
