"""Query string parameters of the API, checked and converted.

Each reader raises ``ParameterError`` naming the parameter and saying what a
good value looks like; the views turn it into a JSON 400.
"""

import datetime
import math
import re
import uuid

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from organisations.search import clean_query

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# The largest value an age column holds (PositiveSmallIntegerField).
MAX_AGE = 32767


class ParameterError(Exception):
    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def _single(query, name: str) -> str | None:
    values = query.getlist(name)
    if len(values) > 1:
        raise ParameterError(name, f"Give {name} once, not {len(values)} times.")
    return values[0] if values else None


def _whole_number(query, name: str, default: int, low: int, high: int | None) -> int:
    raw = _single(query, name)
    if raw is None:
        return default
    limits = f"from {low} to {high}" if high else f"{low} or more"
    message = f"{name} must be a whole number {limits}."
    try:
        if not re.fullmatch(r"[0-9]+", raw.strip()):
            raise ValueError(raw)
        value = int(raw)
    except ValueError:  # Not digits, or more of them than Python will convert.
        raise ParameterError(name, message) from None
    if value < low or (high is not None and value > high):
        raise ParameterError(name, message)
    return value


def paging(query) -> tuple[int, int]:
    """``page`` (from 1) and ``per_page`` (1 to 100)."""
    page = _whole_number(query, "page", 1, 1, None)
    per_page = _whole_number(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    return page, per_page


def text(query, name: str) -> str | None:
    value = clean_query(_single(query, name))
    return value or None


def uuid_value(query, name: str) -> uuid.UUID | None:
    raw = _single(query, name)
    if raw is None:
        return None
    try:
        return uuid.UUID(raw.strip())
    except ValueError:
        raise ParameterError(
            name, f"{name} must be a UUID such as 3f7b145d-84af-42d7-8fae-eaca714b02b2."
        ) from None


def age(query, name: str) -> float | None:
    """A non-negative number of years, capped at what an age column can hold."""
    raw = _single(query, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ParameterError(name, f"{name} must be a number of years, 0 or more.")
    return min(value, MAX_AGE)


def date_time(query, name: str) -> datetime.datetime | None:
    """An ISO 8601 date and time (a bare date means its midnight, UK time)."""
    raw = _single(query, name)
    if raw is None:
        return None
    message = f"{name} must be a date and time such as 2024-05-01T09:00:00Z, or a date."
    raw = raw.strip()
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            if day is None:
                raise ParameterError(name, message)
            value = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        raise ParameterError(name, message) from None
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except OverflowError:
        # Within a day of year 1 or year 9999: as good as "ever" either way.
        edge = datetime.datetime.min if value.year == 1 else datetime.datetime.max
        return edge.replace(tzinfo=datetime.UTC)


MAX_PROXIMITY_METRES = 100_000
# The same pattern the OpenAPI document gives: a postcode, its first half, or nothing.
POSTCODE_PATTERN = re.compile(r"\s*([A-Za-z]{1,2}[0-9][A-Za-z0-9]?(\s*[0-9][A-Za-z]{2})?)?\s*")


class UnknownPostcode(Exception):
    """A well-formed postcode we have no record of (or that is no longer in use)."""


def proximity(query):
    """``postcode`` (where from) and ``proximity`` (metres): (Place or None, metres or None).

    A malformed postcode is a bad parameter (400); a well-formed one we do not
    know raises UnknownPostcode, which the views answer with a 404.
    """
    from postcodes.lookup import PostcodeError, locate, normalise

    raw = _single(query, "postcode")
    if raw is not None and not POSTCODE_PATTERN.fullmatch(raw):
        raise ParameterError(
            "postcode", "Enter a UK postcode, like M4 5JD, or the first half of one, like M4."
        )
    raw = (raw or "").strip()
    metres = (
        _whole_number(query, "proximity", 0, 1, MAX_PROXIMITY_METRES)
        if _single(query, "proximity") is not None
        else None
    )
    if not raw:
        return None, None  # proximity alone has nothing to measure from
    try:
        normalise(raw)
    except PostcodeError as error:
        raise ParameterError("postcode", str(error)) from None
    try:
        return locate(raw), metres
    except PostcodeError as error:
        raise UnknownPostcode(str(error)) from None
