from django import template
from django.conf import settings

from postcodes.geo import KM_PER_MILE

register = template.Library()


@register.filter
def distance(km, units="miles"):
    """``1.93`` km -> ``"1.2 miles"``; ``"1.9 km"`` when the person chose kilometres."""
    if km is None:
        return ""
    value = km / KM_PER_MILE if units == "miles" else km
    unit = "km" if units == "km" else ("mile" if round(value, 1) == 1 else "miles")
    if value < 0.1:
        return f"under 0.1 {'km' if units == 'km' else 'miles'}"
    return f"{value:.1f} {unit}"


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
