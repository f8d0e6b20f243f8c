"""GOV.UK Frontend markup for every Django form.

Forms render through ``templates/forms/``; the bound field adds the GOV.UK
classes to each widget so form classes need no presentation code.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

# widget_type -> (class, class added when the field has errors)
WIDGET_CLASSES = {
    "text": ("govuk-input", "govuk-input--error"),
    "email": ("govuk-input", "govuk-input--error"),
    "url": ("govuk-input", "govuk-input--error"),
    "number": ("govuk-input govuk-input--width-10", "govuk-input--error"),
    "password": ("govuk-input", "govuk-input--error"),
    "date": ("govuk-input govuk-input--width-10", "govuk-input--error"),
    "search": ("govuk-input", "govuk-input--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "selectmultiple": ("govuk-select", "govuk-select--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        classes = WIDGET_CLASSES.get(self.widget_type)
        if classes:
            # Keep classes the widget itself sets (e.g. GOV.UK width classes).
            widget = widget or self.field.widget
            names = [widget.attrs.get("class", ""), attrs.get("class", ""), classes[0]]
            if self.errors:
                names.append(classes[1])
            attrs["class"] = " ".join(name for name in names if name)
        return attrs


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = GovukBoundField
