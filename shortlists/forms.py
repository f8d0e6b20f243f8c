from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .models import DEFAULT_NAME, Shortlist, ShortlistItem


class ShortlistForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["name"]
        labels = {"name": _("Name of the shortlist")}
        widgets = {"name": forms.TextInput(attrs={"class": "govuk-input--width-30"})}
        error_messages = {
            "name": {
                "required": _("Enter a name for the shortlist"),
                "max_length": _("The name must be 120 characters or fewer"),
            }
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter a name for the shortlist"), code="required")
        return name


class NoteForm(forms.ModelForm):
    class Meta:
        model = ShortlistItem
        fields = ["note"]
        labels = {"note": _("Note")}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"note": {"max_length": _("The note must be 1,000 characters or fewer")}}


class AddToShortlistForm(forms.Form):
    """Which organisation to add, and to which of the officer's shortlists.

    With no shortlist chosen, the most recently used one is taken, or a first
    one is made: one button in a list of results is all it takes.
    """

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.published().defer("search_vector"),
        to_field_name="slug",
        error_messages={"invalid_choice": _("That organisation is not in the directory.")},
    )
    shortlist = forms.ModelChoiceField(
        label=_("Add to"),
        queryset=Shortlist.objects.none(),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your shortlists.")},
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["shortlist"].queryset = Shortlist.objects.owned_by(owner)

    def save(self):
        shortlist = self.cleaned_data.get("shortlist")
        if shortlist is None:
            shortlist = Shortlist.objects.owned_by(self.owner).first()
        if shortlist is None:
            shortlist = Shortlist.objects.create(owner=self.owner, name=str(DEFAULT_NAME))
        item, created = shortlist.add(self.cleaned_data["organisation"])
        return item, created
