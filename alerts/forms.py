from django import forms
from django.utils.translation import gettext_lazy as _

from .listings import LISTINGS, listing_for_path, normalise_query
from .models import SavedSearch

NAME_ERRORS = {
    "required": _("Enter a name for the search"),
    "max_length": _("The name must be 120 characters or fewer"),
}


class SavedSearchForm(forms.ModelForm):
    """Rename a saved search or turn its weekly email on or off."""

    class Meta:
        model = SavedSearch
        fields = ["name", "digest"]
        labels = {
            "name": _("Name of the search"),
            "digest": _("Email me once a week with what is new or changed"),
        }
        help_texts = {"name": "", "digest": ""}
        widgets = {"name": forms.TextInput(attrs={"class": "govuk-input--width-30"})}
        error_messages = {"name": NAME_ERRORS}

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(NAME_ERRORS["required"], code="required")
        return name


class SaveSearchForm(SavedSearchForm):
    """Save the filters of the list page the officer is on."""

    list_path = forms.CharField(widget=forms.HiddenInput)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner

    def clean(self):
        cleaned = super().clean()
        listing = listing_for_path(cleaned.get("list_path", ""))
        if listing is None:
            raise forms.ValidationError(
                _("Searches can be saved from the organisations, services and partnerships lists."),
                code="unknown_list",
            )
        query = normalise_query(listing, cleaned.get("query") or "")
        filterset = LISTINGS[listing].filterset(query)
        if not filterset.is_valid():
            raise forms.ValidationError(
                _("Fix the problems with the filters before saving the search."),
                code="invalid_filters",
            )
        self.instance.listing, self.instance.query = listing, query
        existing = SavedSearch.objects.filter(
            owner=self.instance.owner, listing=listing, query=query
        ).first()
        if existing is not None:
            raise forms.ValidationError(
                _("You have already saved this search as “%(name)s”."),
                code="duplicate",
                params={"name": existing.name},
            )
        return cleaned
