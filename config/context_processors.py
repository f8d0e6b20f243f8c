from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("organisations", "organisations:list", _("Organisations")),
    ("partnerships", "partnerships:list", _("Partnerships")),
    ("services", "partnerships:service_list", _("Services")),
    ("insights", "insights", _("Insights")),
]
SECTIONS = {
    ("organisations", "list"): "organisations",
    ("organisations", "detail"): "organisations",
    ("partnerships", "list"): "partnerships",
    ("partnerships", "detail"): "partnerships",
    ("partnerships", "service_list"): "services",
    ("partnerships", "service_detail"): "services",
}


def navigation(request):
    """The site sections for the header, and which one this page belongs to."""
    match = getattr(request, "resolver_match", None)
    section = SECTIONS.get((match.namespace, match.url_name)) if match else None
    if match and match.url_name == "insights":
        section = "insights"
    return {"navigation_items": NAVIGATION, "nav_section": section}
