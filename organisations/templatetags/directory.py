from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext

from postcodes.geo import KM_PER_MILE

register = template.Library()


@register.filter
def distance(km, units="miles"):
    """``1.93`` km -> ``"1.2 miles"``; ``"1.9 km"`` when the person chose kilometres."""
    if km is None:
        return ""
    value = km / KM_PER_MILE if units == "miles" else km
    if value < 0.1:
        return gettext("under 0.1 km") if units == "km" else gettext("under 0.1 miles")
    shown = number_format(round(value, 1), 1)
    if units == "km":
        return gettext("%(distance)s km") % {"distance": shown}
    # One decimal place: "1.0 mile" is the only singular.
    return ngettext("%(distance)s mile", "%(distance)s miles", 1 if round(value, 1) == 1 else 2) % {
        "distance": shown
    }


@register.filter
def in_sentence(label):
    """A label as it reads inside a sentence ("(owner)"); German keeps its nouns capitalised."""
    if (get_language() or "en").split("-")[0] == "de":
        return label
    return str(label).lower()


@register.inclusion_tag("includes/map.html")
def place_map(points, caption):
    """A map of ``points`` (dicts with name, url, lat, lng), drawn by JavaScript if it runs."""
    points = [p for p in points if p]
    return {
        "points": points,
        "caption": caption,
        "tiles": settings.MAP_TILES_URL,
        "attribution": settings.MAP_ATTRIBUTION,
    }
