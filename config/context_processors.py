NAVIGATION = [
    ("organisations", "organisations:list", "Organisations"),
    ("partnerships", "partnerships:list", "Partnerships"),
    ("services", "partnerships:service_list", "Services"),
    ("insights", "insights", "Insights"),
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
