"""Reading the UK local authority register (mySociety's ``uk_local_authorities`` CSV)."""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Area, ModerationStatus, Nation, Organisation, unique_slug

REQUIRED_COLUMNS = [
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "nation",
    "region",
    "local-authority-type-name",
    "current-authority",
    "lat",
    "long",
]
GSS_CODE = re.compile(r"^[ENSWK]\d{8}$")
NATIONS = {label.lower(): value for value, label in Nation.choices}
DEMO_FILE = Path(__file__).parent / "fixtures" / "demo_local_authorities.csv"


class AreaFileError(Exception):
    """The file as a whole cannot be read (nothing is written)."""


@dataclass
class AreaImport:
    created: int = 0
    updated: int = 0
    councils_created: int = 0
    not_current: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def area_kind(type_name: str, nation: str) -> str:
    name = type_name.lower()
    if "combined" in name:
        return Area.Kind.COMBINED_AUTHORITY
    if "london borough" in name:
        return Area.Kind.LONDON_BOROUGH
    if "non-metropolitan" in name:
        return Area.Kind.DISTRICT
    if "metropolitan" in name:
        return Area.Kind.METROPOLITAN_DISTRICT
    if "county" in name and "council area" not in name:
        return Area.Kind.COUNTY
    if nation == Nation.SCOTLAND:
        return Area.Kind.SCOTTISH_UNITARY
    if nation == Nation.WALES:
        return Area.Kind.WELSH_UNITARY
    if nation == Nation.NORTHERN_IRELAND:
        return Area.Kind.NI_DISTRICT
    if "unitary" in name:
        return Area.Kind.UNITARY
    if "district" in name:
        return Area.Kind.DISTRICT
    return Area.Kind.OTHER


def _coordinate(value: str, low: int, high: int) -> Decimal | None:
    if not value.strip():
        return None
    try:
        number = Decimal(value.strip()).quantize(Decimal("0.000001"))
    except InvalidOperation:
        raise ValueError(f"“{value}” is not a number") from None
    if not low <= number <= high:
        raise ValueError(f"{number} is outside {low} to {high}")
    return number


def import_areas(path: Path, progress=None) -> AreaImport:
    """Create or update each current council as an Area and a council Organisation.

    Idempotent on GSS code. Rows that cannot be used are reported with their
    line number and skipped; a file without the expected columns writes nothing.
    """
    result = AreaImport()
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle, transaction.atomic():
            _import_file(path, handle, result, progress)
    except OSError as error:
        raise AreaFileError(f"Cannot open {path}: {error.strerror}") from None
    return result


def _import_file(path, handle, result, progress):
    reader = csv.DictReader(handle)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise AreaFileError(
            f"{path} is not a uk_local_authorities CSV: missing columns {', '.join(missing)}"
        )
    county_codes = {}
    try:
        rows = list(reader)
    except (csv.Error, UnicodeDecodeError) as error:
        raise AreaFileError(f"{path} could not be read as CSV: {error}") from None
    for line, row in enumerate(progress(rows) if progress else rows, start=2):
        if (row.get("current-authority") or "").strip().lower() not in ("true", "1", "yes"):
            result.not_current += 1
            continue
        try:
            area, created, council_created = _import_row(row)
        except ValueError as error:
            result.rejected.append((line, str(error)))
            continue
        result.created += created
        result.updated += not created
        result.councils_created += council_created
        if row.get("county-la", "").strip():
            county_codes[area.pk] = row["county-la"].strip()
    # Districts sit inside their county, where the file names one.
    counties = {
        a.local_authority_code: a
        for a in Area.objects.filter(local_authority_code__in=set(county_codes.values()))
    }
    for area_id, code in county_codes.items():
        if code in counties:
            Area.objects.filter(pk=area_id).update(parent=counties[code])


def _import_row(row) -> tuple[Area, bool, bool]:
    gss_code = row["gss-code"].strip().upper()
    if not GSS_CODE.match(gss_code):
        raise ValueError(f"GSS code “{row['gss-code']}” is not a letter and eight digits")
    name = row["nice-name"].strip() or row["official-name"].strip()
    official_name = row["official-name"].strip() or name
    if not name:
        raise ValueError("the row has no name")
    nation = NATIONS.get(row["nation"].strip().lower())
    if nation is None:
        raise ValueError(
            f"nation “{row['nation']}” is not England, Scotland, Wales or Northern Ireland"
        )
    try:
        latitude = _coordinate(row["lat"], -90, 90)
        longitude = _coordinate(row["long"], -180, 180)
    except ValueError as error:
        raise ValueError(f"coordinate {error}") from None
    defaults = {
        "name": name[:200],
        "official_name": official_name[:250],
        "local_authority_code": row["local-authority-code"].strip()[:4],
        "kind": area_kind(row["local-authority-type-name"], nation),
        "nation": nation,
        "region": row["region"].strip()[:100],
        "latitude": latitude,
        "longitude": longitude,
    }
    area = Area.objects.filter(gss_code=gss_code).first()
    created = area is None
    if created:
        area = Area(gss_code=gss_code, slug=_unique_area_slug(name, gss_code), **defaults)
    else:
        for key, value in defaults.items():
            setattr(area, key, value)
    area.save()

    council = Organisation.objects.filter(governs=area).first()
    council_created = council is None
    if council_created:
        council = Organisation(
            kind=Organisation.Kind.COUNCIL,
            governs=area,
            slug=_unique_org_slug(official_name),
            status=ModerationStatus.PUBLISHED,
            last_confirmed=timezone.localdate(),
            description=f"The local authority for {name}.",
        )
    council.name = official_name[:200]
    council.latitude, council.longitude = latitude, longitude
    council.save()
    council.areas.add(area)
    return area, created, council_created


def _unique_area_slug(name: str, gss_code: str) -> str:
    slug = slugify(name)[:90] or gss_code.lower()
    if Area.objects.filter(slug=slug).exists():
        slug = f"{slug}-{gss_code.lower()}"
    return slug


def _unique_org_slug(name: str) -> str:
    return unique_slug(Organisation, name)
