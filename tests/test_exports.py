import csv
import io
import json

import pytest

from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory, category

pytestmark = pytest.mark.django_db


def _body(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_filtered_organisation_list_downloads_as_csv(client):
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    OrganisationFactory(name="Ancoats Pantry", areas=[manchester])
    OrganisationFactory(name="Leeds Group", areas=[AreaFactory(gss_code="E08000035")])

    response = client.get("/organisations/export.csv", {"area": "E08000003"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(_body(response))))
    assert [row["name"] for row in rows] == ["Ancoats Pantry"]
    assert rows[0]["area_codes"] == "E08000003"
    assert rows[0]["url"].endswith("/organisations/ancoats-pantry/")


def test_service_list_downloads_as_json(client):
    ServiceFactory(name="Food parcels", categories=[category("food-banks-and-parcels")])
    ServiceFactory(name="Phone calls", categories=[category("phone-befriending")])

    response = client.get("/services/export.json", {"category": "food-and-essentials"})

    records = json.loads(_body(response))
    assert [r["name"] for r in records] == ["Food parcels"]
    assert records[0]["categories"] == "Food banks and parcels"


def test_spreadsheet_formulas_in_names_are_neutralised(client):
    OrganisationFactory(name='=HYPERLINK("http://evil")', slug="evil")

    rows = list(csv.DictReader(io.StringIO(_body(client.get("/organisations/export.csv")))))

    assert rows[0]["name"].startswith("'=")


def test_unknown_export_format_is_not_found(client):
    assert client.get("/organisations/export.xml").status_code == 404


def test_unpublished_organisations_are_never_exported(client):
    OrganisationFactory(name="Pending Group", status="pending")

    assert "Pending Group" not in _body(client.get("/organisations/export.csv"))


@pytest.mark.parametrize("rows", [2, 30])
def test_export_query_count_does_not_grow_with_rows(client, django_assert_num_queries, rows):
    area = AreaFactory()
    for _ in range(rows):
        OrganisationFactory(areas=[area])
    response = client.get("/organisations/export.csv")
    # 1. the organisations (one chunk), 2. their areas
    with django_assert_num_queries(2):
        _body(response)
