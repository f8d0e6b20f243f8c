"""Turning what someone typed into a place on the map, with messages they can act on."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext

from .geo import Point
from .models import Postcode, PostcodeDistrict

FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class PostcodeError(ValueError):
    """A postcode we cannot use; the message says what to do."""


@dataclass(frozen=True)
class Place:
    label: str
    point: Point
    local_authority: str


def normalise(text: str) -> str:
    """``" m45jd "`` -> ``"M4 5JD"``; ``"m4"`` -> ``"M4"``. Raises PostcodeError if neither."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if match := FULL.match(compact):
        return f"{match[1]} {match[2]}"
    if OUTWARD.match(compact):
        return compact
    raise PostcodeError(
        gettext("Enter a UK postcode, like M4 5JD, or the first half of one, like M4.")
    )


def locate(text: str) -> Place:
    """The centroid of a full postcode or of a postcode district."""
    code = normalise(text)
    if " " in code:
        row = Postcode.objects.filter(postcode=code).first()
        outward = code.split(" ")[0]
        if row is None:
            raise PostcodeError(
                gettext(
                    "We could not find the postcode %(code)s. Check it, or enter the first "
                    "half only, like %(outward)s."
                )
                % {"code": code, "outward": outward}
            )
        if row.terminated:
            raise PostcodeError(
                gettext(
                    "The postcode %(code)s is no longer in use. Enter a nearby postcode, or "
                    "the first half only, like %(outward)s."
                )
                % {"code": code, "outward": outward}
            )
    else:
        row = PostcodeDistrict.objects.filter(outward=code).first()
        if row is None:
            raise PostcodeError(
                gettext(
                    "We could not find the postcode district %(code)s. Check it, or enter a "
                    "full postcode, like M4 5JD."
                )
                % {"code": code}
            )
    return Place(
        label=code,
        point=Point(float(row.latitude), float(row.longitude)),
        local_authority=row.local_authority,
    )
