"""python manage.py export_oruk FOLDER: the profile's CSV datapackage."""

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from openreferral import datapackage
from organisations.models import Location, Organisation
from partnerships.models import Service

pytestmark = pytest.mark.django_db

NUMBERS = {"latitude", "longitude", "minimum_age", "maximum_age", "amount", "interval"}


def export(folder, *args):
    out = StringIO()
    call_command("export_oruk", str(folder), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def table(folder, resource):
    with (folder / datapackage.FILES[resource]).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_export_writes_the_profiles_tables(oruk, full_service, bare_service, tmp_path):
    output = export(tmp_path, "--base-url", "https://directory.example.org")

    assert output.startswith("Wrote 2 services, 3 organisations, 2 locations")
    profile = json.loads((oruk.root / "datapackage.json").read_text())
    for resource in profile["resources"]:
        with (tmp_path / resource["path"]).open(newline="") as file:
            header = next(csv.reader(file))
        expected = [field["name"] for field in resource["schema"]["fields"]]
        if resource["name"] == "language":
            expected.append("name")  # the HSDS field the UK table lacks
        assert header == expected, resource["name"]
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert {r["name"] for r in descriptor["resources"]} == {r["name"] for r in profile["resources"]}


def test_exported_rows_validate_against_the_profile(oruk, full_service, bare_service, tmp_path):
    export(tmp_path, "--base-url", "https://directory.example.org")

    for resource, path, _ in datapackage.TABLES:
        schema = oruk.registry.contents(f"{resource}.json")
        validator = Draft202012Validator(
            schema, registry=oruk.registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        for number, row in enumerate(table(tmp_path, resource), start=2):
            record = {
                key: float(value) if key in NUMBERS else value
                for key, value in row.items()
                if key in schema["properties"]
                and (value != "" or key in schema.get("required", []))
            }
            errors = [error.message for error in validator.iter_errors(record)]
            assert not errors, f"{path} line {number}: {errors}"


def test_every_reference_in_the_export_resolves(full_service, bare_service, tmp_path):
    export(tmp_path)

    ids = {
        resource: {row["id"] for row in table(tmp_path, resource)}
        for resource in datapackage.COLUMNS
    }
    for resource, keys in datapackage.FOREIGN_KEYS.items():
        for row in table(tmp_path, resource):
            for column, target in keys.items():
                if row[column]:
                    assert row[column] in ids[target], f"{resource}.{column} {row[column]}"
    links = table(tmp_path, "attribute")
    assert {row["link_id"] for row in links} <= ids["service"]


def test_only_published_records_are_exported(full_service, hidden_services, tmp_path):
    export(tmp_path)

    assert [row["name"] for row in table(tmp_path, "service")] == ["Weekly Food Parcels"]
    names = {row["name"] for row in table(tmp_path, "organization")}
    assert "Ancoats Pantry" in names
    assert not any(service.organisation.name in names for service in hidden_services[1::2])


def test_an_export_imports_back_into_the_same_records(client, full_service, tmp_path):
    before = client.get(f"/api/oruk/services/{full_service.uuid}").json()
    export(tmp_path)
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.filter(pk=full_service.organisation.pk).delete()

    call_command("import_oruk", str(tmp_path), stdout=StringIO(), stderr=StringIO())

    after = client.get(f"/api/oruk/services/{full_service.uuid}").json()
    for volatile in ["last_modified", "funding"]:  # funding belongs to partnerships
        before.pop(volatile), after.pop(volatile)
    assert after == before
