"""Forms members use for their services, outcome figures, funding and partnership proposals."""

from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from organisations.forms import (
    DateField,
    GroupedCheckboxesField,
    ManageForm,
    ManageModelForm,
    YesNoField,
    areas_field,
    width,
)
from organisations.models import ModerationStatus, Organisation, unique_slug

from .models import (
    Audience,
    Category,
    Crisis,
    Funding,
    Outcome,
    Partnership,
    PartnershipMember,
    Service,
)

AGE_ERRORS = {
    "invalid": "Enter an age as a whole number, like 18",
    "min_value": "Enter an age of 0 or more",
    "max_value": "Enter an age of 120 or less",
}


def category_group(category):
    return category.parent.name if category.parent_id else category.name


def categories_by_group():
    """Each top-level category, then the categories below it."""
    return (
        Category.objects.select_related("parent")
        .annotate(
            group_position=Coalesce("parent__position", "position"),
            group_name=Coalesce("parent__name", "name"),
        )
        .order_by(
            "group_position", "group_name", F("parent").asc(nulls_first=True), "position", "name"
        )
    )


class CategoryField(GroupedCheckboxesField):
    def label_from_instance(self, obj):
        return obj.name if obj.parent_id else gettext("%(obj)s (general)") % {"obj": obj.name}


class ServiceForm(ManageModelForm):
    categories = CategoryField(
        categories_by_group(),
        group_by=category_group,
        label=_("What kind of help is it?"),
        help_text=_("Select all that apply. People find services by these categories."),
        error_messages={"required": _("Select at least one kind of help the service gives")},
    )
    audiences = forms.ModelMultipleChoiceField(
        Audience.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Who is it for? (optional)"),
        help_text=_("Select all that apply. Leave empty if it is for anyone."),
    )
    areas = areas_field(
        _("Which council areas does it cover?"),
        _("Select all that apply. Open a region to see its councils."),
        _("Select at least one council area the service covers"),
    )
    started = DateField(
        label=_("Date the service started"), required=False, help_text=_("For example, 23 3 2020")
    )
    ended = DateField(
        label=_("Date the service ends"),
        required=False,
        help_text=_("Only if it has a planned end date. For example, 31 3 2026"),
    )
    minimum_age = forms.IntegerField(
        label=_("Youngest age it is for (optional)"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages=AGE_ERRORS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    maximum_age = forms.IntegerField(
        label=_("Oldest age it is for (optional)"),
        required=False,
        min_value=0,
        max_value=120,
        error_messages=AGE_ERRORS,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    SECTIONS = [
        (_("About the service"), ["name", "description", "categories", "availability"]),
        (_("Who it is for"), ["audiences", "minimum_age", "maximum_age"]),
        (_("How to get it"), ["access", "cost", "cost_details", "languages"]),
        (_("Where"), ["areas", "locations"]),
        (_("Contact details"), ["email", "phone", "website"]),
        (_("Dates and background"), ["started", "ended", "partnership", "crisis"]),
    ]

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "categories",
            "audiences",
            "access",
            "cost",
            "cost_details",
            "languages",
            "areas",
            "locations",
            "partnership",
            "crisis",
            "email",
            "phone",
            "website",
            "started",
            "ended",
            "availability",
            "minimum_age",
            "maximum_age",
        ]
        labels = {
            "name": _("Name of the service"),
            "description": _("What does the service offer?"),
            "access": _("How do people get it?"),
            "cost": _("What does it cost?"),
            "cost_details": _("Cost details (optional)"),
            "languages": _("Languages (optional)"),
            "locations": _("Where is it delivered? (optional)"),
            "partnership": _("Is it delivered through a partnership? (optional)"),
            "crisis": _("Did it start in answer to a crisis? (optional)"),
            "email": _("Email address (optional)"),
            "phone": _("Phone number (optional)"),
            "website": _("Website (optional)"),
            "availability": _("Is it running now?"),
        }
        help_texts = {
            "name": _("e.g. “Weekly food parcels”."),
            "description": _("Who it helps, what happens, and how often."),
            "cost_details": _("e.g. “£2 a meal; free for anyone on benefits”."),
            "languages": _("Languages it is offered in, separated by commas, e.g. English, Urdu."),
            "locations": _("Leave empty for services by phone, online or at people's homes."),
            "partnership": _("Only partnerships your organisation has confirmed it takes part in."),
            "email": _("If different from the organisation's."),
            "phone": _("If different from the organisation's."),
            "website": _("If it has its own page."),
            "crisis": "",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "access": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "availability": forms.RadioSelect,
            "locations": forms.CheckboxSelectMultiple,
            "phone": width(20, type="tel"),
            "email": forms.EmailInput(attrs={"spellcheck": "false"}),
        }
        error_messages = {
            "name": {"required": _("Enter the name of the service")},
            "access": {"required": _("Select how people get the service")},
            "cost": {"required": _("Select what the service costs")},
            "website": {"invalid": _("Enter a web address, like https://ancoatspantry.org.uk")},
            "email": {
                "invalid": _("Enter an email address in the correct format, like name@example.org")
            },
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["description"].required = True
        self.fields["description"].error_messages["required"] = gettext(
            "Enter what the service offers"
        )
        locations = organisation.locations.all()
        if locations:
            self.fields["locations"].queryset = locations
        else:
            del self.fields["locations"]
        partnerships = Partnership.objects.filter(
            pk__in=PartnershipMember.objects.confirmed()
            .filter(organisation=organisation)
            .values("partnership_id")
        ).defer("search_vector")
        if partnerships:
            self.fields["partnership"].queryset = partnerships
            self.fields["partnership"].empty_label = gettext("No")
        else:
            del self.fields["partnership"]
        if self.instance.pk is None and not self.is_bound:
            # A new service usually covers where its organisation works.
            self.initial.setdefault("areas", [area.pk for area in organisation.areas.all()])
        self.fields["crisis"].queryset = Crisis.objects.all()
        self.fields["crisis"].empty_label = gettext("No")
        if self.instance.availability == Service.Availability.ENDED:
            # An ended service stays ended; "End this service" is its own page.
            del self.fields["availability"]
        else:
            self.fields["availability"].choices = [
                choice
                for choice in Service.Availability.choices
                if choice[0] != Service.Availability.ENDED
            ]

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started"), cleaned.get("ended")
        if started and ended and ended < started:
            self.add_error(
                "ended",
                gettext(
                    "The date the service ends must be the same as or after the date it started"
                ),
            )
        youngest, oldest = cleaned.get("minimum_age"), cleaned.get("maximum_age")
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error(
                "maximum_age",
                gettext("The oldest age must be the same as or more than the youngest age"),
            )
        return cleaned

    def save(self, commit=True):
        service = super().save(commit=False)
        if service.pk is None:
            service.organisation = self.organisation
            # As the demo data does: "food-parcels-ancoats-pantry", not "food-parcels-17".
            service.slug = unique_slug(Service, f"{service.name} {self.organisation.name}")
            # Members of a listing curators have published are trusted with its
            # services; an unpublished listing's services wait with it.
            service.status = (
                ModerationStatus.PUBLISHED
                if self.organisation.is_published
                else ModerationStatus.PENDING
            )
        if commit:
            # The row and its lists (areas, categories...) change together or not at all.
            with transaction.atomic():
                service.save()
                self.save_m2m()
        return service


def add_one_year(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class OutcomeForm(ManageModelForm):
    FIGURES = ["people_reached", "volunteers", "volunteer_hours", "items_delivered"]

    period_start = DateField(label=_("Start of the period"), help_text=_("For example, 1 4 2024"))
    period_end = DateField(label=_("End of the period"), help_text=_("For example, 31 3 2025"))

    class Meta:
        model = Outcome
        fields = [
            "period_start",
            "period_end",
            "people_reached",
            "volunteers",
            "volunteer_hours",
            "items_delivered",
            "notes",
        ]
        labels = {
            "people_reached": _("People reached (optional)"),
            "volunteers": _("Volunteers (optional)"),
            "volunteer_hours": _("Volunteer hours (optional)"),
            "items_delivered": _("Items delivered (optional)"),
            "notes": _("Notes (optional)"),
        }
        help_texts = {
            "people_reached": _("Different people helped in the period."),
            "volunteers": _("Different people who volunteered in the period."),
            "items_delivered": _(
                "Food parcels, prescriptions, devices or other items handed over."
            ),
            "notes": _("Anything that helps read the figures, e.g. how you counted."),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.fields["period_start"].error_messages["required"] = gettext(
            "Enter the start of the period"
        )
        self.fields["period_end"].error_messages["required"] = gettext(
            "Enter the end of the period"
        )
        for name in self.FIGURES:
            field = self.fields[name]
            # The model's own name for the figure ("people reached"), already lower
            # case in every language, rather than the label with its "(optional)".
            what = str(self._meta.model._meta.get_field(name).verbose_name)
            # No min attribute: the server's message is clearer than the browser's.
            field.min_value = None
            field.validators = []
            field.widget.attrs.pop("min", None)
            field.widget.attrs["class"] = "govuk-input--width-5"
            field.error_messages["invalid"] = gettext(
                "Enter the number of %(what)s as a whole number"
            ) % {"what": what}
            field.what = what

    def _clean_figure(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and value < 0:
            raise forms.ValidationError(
                gettext("The number of %(what)s cannot be negative: enter 0 or more")
                % {"what": self.fields[name].what},
                code="negative",
            )
        return value

    def clean_people_reached(self):
        return self._clean_figure("people_reached")

    def clean_volunteers(self):
        return self._clean_figure("volunteers")

    def clean_volunteer_hours(self):
        return self._clean_figure("volunteer_hours")

    def clean_items_delivered(self):
        return self._clean_figure("items_delivered")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        today = timezone.localdate()
        if start and start > today:
            self.add_error(
                "period_start", gettext("The start of the period must be today or in the past")
            )
        if end and end > today:
            self.add_error(
                "period_end",
                gettext(
                    "The end of the period must be today or in the past: record figures once the "
                    "period is over"
                ),
            )
        if start and end and "period_end" not in self.errors:
            if end < start:
                self.add_error(
                    "period_end",
                    gettext("The end of the period must be the same as or after the start"),
                )
            elif end >= add_one_year(start):
                self.add_error(
                    "period_end",
                    gettext(
                        "A period can be up to a year long: "
                        "record longer spells as one period a year"
                    ),
                )
        figures_ok = not any(name in self.errors for name in self.FIGURES)
        if figures_ok and all(cleaned.get(name) is None for name in self.FIGURES):
            self.add_error(
                "people_reached",
                gettext("Enter at least one figure, like the number of people reached"),
            )
        return cleaned

    def save(self, commit=True):
        outcome = super().save(commit=False)
        outcome.service = self.service
        if commit:
            outcome.save()
        return outcome


class PartnershipProposalForm(ManageForm):
    """Propose a partnership: the proposer's organisation and the others in it.

    Partners are found by searching published listings by name; the "Search"
    button re-renders the form with matches as checkboxes, keeping those
    already ticked, so it works without JavaScript.
    """

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Which of your organisations is proposing it?"),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Select your organisation")},
    )
    name = forms.CharField(
        label=_("Name of the partnership"),
        max_length=200,
        help_text=_("e.g. “Ancoats Food Alliance”."),
        error_messages={
            "required": _("Enter the name of the partnership"),
            "max_length": _("The name must be 200 characters or fewer"),
        },
    )
    description = forms.CharField(
        label=_("What does the partnership do?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the partners do together, and for whom."),
        error_messages={"required": _("Enter what the partnership does")},
    )
    commissioning = forms.ChoiceField(
        label=_("How was it commissioned?"),
        choices=Partnership.Commissioning.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how the partnership was commissioned")},
    )
    community_led = YesNoField(
        label=_("Is it led by community organisations?"),
        help_text=_("Rather than by the council or another public body."),
        error_messages={"required": _("Select yes if community organisations lead it")},
    )
    crisis = forms.ModelChoiceField(
        Crisis.objects.all(),
        label=_("Was it formed to answer a crisis? (optional)"),
        required=False,
        empty_label=_("No"),
    )
    started = DateField(
        label=_("Date the partnership started"),
        required=False,
        help_text=_("For example, 23 3 2020"),
    )
    areas = areas_field(
        _("Which council areas does it work in?"),
        _("Select all that apply. Open a region to see its councils."),
        _("Select at least one council area the partnership works in"),
    )
    q = forms.CharField(
        label=_("Search for partner organisations and councils by name"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    partners = forms.ModelMultipleChoiceField(
        Organisation.objects.none(),
        label=_("Partner organisations and councils"),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        help_text=_("Each of them is asked to confirm before it is shown as a member."),
        error_messages={
            "required": _(
                "Select at least one other organisation or council in the partnership. "
                "Search for them by name"
            ),
            "invalid_choice": _("Select organisations from the list: search for them by name"),
            "invalid_pk_value": _("Select organisations from the list: search for them by name"),
        },
    )

    SEARCH_RESULTS = 20
    proposer = None  # Set when the person is in one organisation only: nothing to choose.

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        own = Organisation.objects.filter(memberships__user=user).defer("search_vector")
        self.fields["organisation"].queryset = own
        if len(own) == 1:
            # Nothing to choose: the proposer's only organisation goes along unasked.
            self.fields["organisation"].initial = own[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
            self.proposer = own[0]
        self.fields["partners"].queryset = Organisation.objects.published().defer("search_vector")
        self.fields["partners"].widget.choices = self.partner_choices()

    @classmethod
    def redisplay(cls, data, **kwargs):
        """The form as typed but not checked: after a search, no errors yet."""
        initial = {
            name: field.widget.value_from_datadict(data, {}, name)
            for name, field in cls.base_fields.items()
        }
        return cls(initial=initial, **kwargs)

    def _raw(self, name, many=False):
        source = self.data if self.is_bound else self.initial
        if many:
            value = source.getlist(name) if hasattr(source, "getlist") else source.get(name, [])
            return [v for v in value if str(v).isdigit()]
        return source.get(name, "")

    def partner_choices(self):
        """Those already ticked, then those matching the search."""
        ticked = list(
            Organisation.objects.published()
            .filter(pk__in=self._raw("partners", many=True))
            .defer("search_vector")
            .prefetch_related("areas")
        )
        found = []
        query = str(self._raw("q") or "").strip()
        if query:
            found = list(
                Organisation.objects.published()
                .search(query)
                .exclude(pk__in=[o.pk for o in ticked])
                .exclude(memberships__user=self.user)
                .defer("search_vector")
                .prefetch_related("areas")
                .order_by("-rank", "name")[: self.SEARCH_RESULTS]
            )
        self.found = found
        self.searched = bool(query)
        return [(o.pk, self.partner_label(o)) for o in [*ticked, *found]]

    @staticmethod
    def partner_label(organisation):
        areas = ", ".join(area.name for area in organisation.areas.all()[:3])
        kind = organisation.get_kind_display()
        return f"{organisation.name} ({kind}{', ' + areas if areas else ''})"

    def clean(self):
        cleaned = super().clean()
        if "organisation" in self.errors and self.fields["organisation"].widget.is_hidden:
            # A hidden field's error would not be shown: say it for the whole form.
            self.add_error(
                None,
                gettext("You can only propose partnerships for organisations you are a member of"),
            )
        own, partners = cleaned.get("organisation"), cleaned.get("partners")
        if own is not None and partners is not None:
            others = [partner for partner in partners if partner.pk != own.pk]
            if not others:
                self.add_error(
                    "partners",
                    gettext(
                        "Select at least one other organisation or council in the partnership. "
                        "Search for them by name"
                    ),
                )
            cleaned["partners"] = others
        return cleaned

    @staticmethod
    def role_for(organisation):
        if organisation.kind == Organisation.Kind.COUNCIL:
            return PartnershipMember.Role.COUNCIL
        if organisation.kind == Organisation.Kind.FUNDER:
            return PartnershipMember.Role.FUNDER
        return PartnershipMember.Role.PARTNER

    def save(self):
        """A pending partnership; the proposer's organisation has confirmed, the others not."""
        data = self.cleaned_data
        own = data["organisation"]
        with transaction.atomic():
            partnership = Partnership.objects.create(
                name=data["name"],
                slug=unique_slug(Partnership, data["name"]),
                description=data["description"],
                commissioning=data["commissioning"],
                community_led=data["community_led"],
                crisis=data["crisis"],
                started=data["started"],
                status=ModerationStatus.PENDING,
            )
            partnership.areas.set(data["areas"])
            own_role = self.role_for(own)
            PartnershipMember.objects.create(
                partnership=partnership,
                organisation=own,
                role=PartnershipMember.Role.LEAD
                if own_role == PartnershipMember.Role.PARTNER
                else own_role,
                confirmed_at=timezone.now(),
                proposed_by=self.user,
            )
            for partner in data["partners"]:
                PartnershipMember.objects.create(
                    partnership=partnership,
                    organisation=partner,
                    role=self.role_for(partner),
                    confirmed_at=None,  # Shown only once the partner confirms.
                    proposed_by=self.user,
                )
        return partnership


# Funding ----------------------------------------------------------------------

# Above this, an amount is a typing error (a stray zero), not a community grant.
MAX_FUNDING_AMOUNT = Decimal("100000000")
OWN = "organisation"


class FundingForm(ManageModelForm):
    field_order = [
        "receiver",
        "title",
        "kind",
        "amount",
        "funder",
        "funder_name",
        "awarded_on",
        "economic_development",
    ]

    receiver = forms.ChoiceField(
        label=_("Who received it"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who received the money")},
    )
    funder = forms.ModelChoiceField(
        label=_("Funder (if it is a council or funder in the directory)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list"),
        help_text=_("Or type the funder's name below."),
    )
    awarded_on = DateField(label=_("Date awarded"), help_text=_("For example, 1 4 2024"))
    economic_development = YesNoField(
        label=_("Is it economic development money?"),
        help_text=_(
            # xgettext:no-python-format
            "Money from a council's economic development budget. The report behind this "
            "directory asks councils to put at least 25% of it into community-led "
            "partnerships; answering this lets the insights page show how close they are."
        ),
        error_messages={"required": _("Say whether it is economic development money")},
    )

    class Meta:
        model = Funding
        fields = ["title", "kind", "amount", "funder", "funder_name", "awarded_on"]
        labels = {
            "title": _("What the money is for"),
            "kind": _("Type of funding"),
            "amount": _("Amount, in pounds"),
            "funder_name": _("Funder's name (if not in the list)"),
        }
        help_texts = {
            "title": _("For example, “Winter food parcels grant”."),
            "amount": _("For example, 25000 or 1250.50"),
            "funder_name": "",
        }
        widgets = {"kind": forms.RadioSelect, "amount": width(10, inputmode="decimal")}
        error_messages = {
            "title": {"required": _("Enter what the money is for")},
            "amount": {
                "required": _("Enter the amount"),
                "invalid": _("Enter the amount as a number, like 25000 or 1250.50"),
                "max_digits": _("Enter an amount under £100,000,000"),
                "max_decimal_places": _("Enter the amount to the nearest penny"),
            },
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.partnerships = {
            str(p.pk): p
            for p in Partnership.objects.with_member(organisation)
            .defer("search_vector")
            .order_by("name")
        }
        self.fields["receiver"].choices = [
            (OWN, organisation.name),
            *((pk, p.name) for pk, p in self.partnerships.items()),
        ]
        self.fields["funder"].queryset = (
            Organisation.objects.published()
            .filter(kind__in=[Organisation.Kind.COUNCIL, Organisation.Kind.FUNDER])
            .defer("search_vector")
            .order_by("name")
        )
        self.fields["amount"].widget.attrs.pop("step", None)
        if self.instance.pk:
            self.initial["receiver"] = str(self.instance.partnership_id or OWN)
            self.initial["economic_development"] = self.instance.economic_development

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount <= 0:
            raise forms.ValidationError(_("Enter an amount more than £0"), code="not_positive")
        if amount >= MAX_FUNDING_AMOUNT:
            raise forms.ValidationError(_("Enter an amount under £100,000,000"), code="implausible")
        return amount

    def clean_awarded_on(self):
        day = self.cleaned_data["awarded_on"]
        today = timezone.localdate()
        if day > add_one_year(today):
            raise forms.ValidationError(
                _("The date awarded cannot be more than a year from today"), code="far_future"
            )
        if day.year < 1990:
            raise forms.ValidationError(
                _("The date awarded must be in 1990 or later"), code="too_old"
            )
        return day

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("funder") and not cleaned.get("funder_name", "").strip():
            self.add_error(
                "funder_name",
                forms.ValidationError(
                    _("Choose the funder from the list or type its name"), code="no_funder"
                ),
            )
        return cleaned

    def save(self, commit=True):
        funding = super().save(commit=False)
        receiver = self.cleaned_data["receiver"]
        funding.partnership = self.partnerships.get(receiver)
        funding.recipient = self.organisation if receiver == OWN else None
        if funding.funder_id:
            funding.funder_name = ""
        funding.economic_development = self.cleaned_data["economic_development"]
        if commit:
            funding.save()
        return funding
