"""Loading postcode centroids from the ONS National Statistics Postcode Lookup (or ONSPD)."""

import csv
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.db.models import Avg, Max

from .lookup import PostcodeError, normalise
from .models import Postcode, PostcodeDistrict

BATCH = 10_000
DEMO_FILE = Path(__file__).parent / "fixtures" / "demo_postcodes.csv"
AUTHORITY_COLUMNS = ("laua", "oslaua", "lad")
NO_LOCATION_LATITUDE = Decimal("99.999999")  # ONS marks postcodes with no grid reference so


class PostcodeFileError(Exception):
    """The file as a whole cannot be read; nothing was written."""


@dataclass
class PostcodeImport:
    imported: int = 0
    terminated: int = 0
    without_location: int = 0
    districts: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def _authority_column(fieldnames):
    for name in AUTHORITY_COLUMNS:
        if name in fieldnames:
            return name
    for name in fieldnames:  # newer files name the column for its year: lad25cd
        if re.fullmatch(r"lad\d\dcd", name):
            return name
    return None


def import_postcodes(path: Path, progress=None) -> PostcodeImport:
    result = PostcodeImport()
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle, transaction.atomic():
            reader = csv.DictReader(handle)
            fields = reader.fieldnames or []
            code_column = "pcds" if "pcds" in fields else "pcd" if "pcd" in fields else None
            missing = [c for c in ("lat", "long") if c not in fields]
            if code_column is None:
                missing.insert(0, "pcds (or pcd)")
            if missing:
                raise PostcodeFileError(
                    f"{path} is not an ONS postcode lookup: missing columns {', '.join(missing)}"
                )
            authority_column = _authority_column(fields)
            batch = []
            for line, row in enumerate(reader, start=2):
                postcode = _row(row, line, code_column, authority_column, result)
                if postcode is not None:
                    batch.append(postcode)
                if len(batch) >= BATCH:
                    _save(batch, result, progress)
                    batch = []
            _save(batch, result, progress)
            result.districts = _derive_districts()
    except OSError as error:
        raise PostcodeFileError(f"Cannot open {path}: {error.strerror}") from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise PostcodeFileError(f"{path} could not be read as CSV: {error}") from None
    return result


def _row(row, line, code_column, authority_column, result):
    try:
        code = normalise(row[code_column] or "")
    except PostcodeError:
        result.rejected.append((line, f"“{row[code_column]}” is not a postcode"))
        return None
    if " " not in code:
        result.rejected.append((line, f"“{row[code_column]}” is not a full postcode"))
        return None
    try:
        latitude = Decimal(row["lat"]).quantize(Decimal("0.000001"))
        longitude = Decimal(row["long"]).quantize(Decimal("0.000001"))
    except (InvalidOperation, TypeError):
        result.without_location += 1
        return None
    if latitude == NO_LOCATION_LATITUDE or not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        result.without_location += 1
        return None
    terminated = bool((row.get("doterm") or "").strip())
    result.terminated += terminated
    return Postcode(
        postcode=code,
        outward=code.split(" ")[0],
        latitude=latitude,
        longitude=longitude,
        local_authority=(row.get(authority_column) or "").strip()[:9] if authority_column else "",
        terminated=terminated,
    )


def _save(batch, result, progress):
    if not batch:
        return
    Postcode.objects.bulk_create(
        batch,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=["outward", "latitude", "longitude", "local_authority", "terminated"],
    )
    result.imported += len(batch)
    if progress:
        progress(len(batch))


def _derive_districts() -> int:
    """Each outward code's centroid: the mean of its live postcodes."""
    rows = (
        Postcode.objects.filter(terminated=False)
        .values("outward")
        .annotate(lat=Avg("latitude"), lon=Avg("longitude"), authority=Max("local_authority"))
    )
    districts = [
        PostcodeDistrict(
            outward=row["outward"],
            latitude=Decimal(row["lat"]).quantize(Decimal("0.000001")),
            longitude=Decimal(row["lon"]).quantize(Decimal("0.000001")),
            local_authority=row["authority"] or "",
        )
        for row in rows
    ]
    PostcodeDistrict.objects.bulk_create(
        districts,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["outward"],
        update_fields=["latitude", "longitude", "local_authority"],
    )
    return len(districts)
