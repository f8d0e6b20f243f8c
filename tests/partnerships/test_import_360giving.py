import csv
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations.models import Area, ModerationStatus, Organisation
from partnerships import giving360
from partnerships.models import Funding
from tests.factories import AreaFactory, CouncilFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

CSV_COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Recipient Org:Postal Code",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Beneficiary Location:0:Name",
    "Beneficiary Location:0:Geographic Code",
    "Beneficiary Location:0:Geographic Code Type",
]


def grant(n=1, **overrides):
    """One grant in the 360Giving JSON shape."""
    data = {
        "id": f"360G-MCC-{n:04d}",
        "title": f"Community food grant {n}",
        "description": "Food parcels for families.",
        "currency": "GBP",
        "amountAwarded": 5000,
        "awardDate": "2021-04-01",
        "recipientOrganization": [
            {"id": f"GB-CHC-{1100000 + n}", "name": f"Pantry {n}", "charityNumber": ""}
        ],
        "fundingOrganization": [{"id": "GB-LAE-MAN", "name": "Manchester City Council"}],
        "beneficiaryLocation": [
            {"name": "Manchester", "geoCode": "E08000003", "geoCodeType": "LAD"}
        ],
        "grantProgramme": [{"title": "Local Economic Growth Fund"}],
    }
    data.update(overrides)
    return data


def json_file(tmp_path, grants, name="grants.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"grants": grants}))
    return path


def csv_file(tmp_path, rows, columns=CSV_COLUMNS):
    path = tmp_path / "grants.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path, *args):
    out = StringIO()
    call_command("import_360giving", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def manchester():
    return AreaFactory(name="Manchester", gss_code="E08000003", local_authority_code="MAN")


def test_json_grant_becomes_funding_for_a_new_unclaimed_listing(tmp_path, manchester):
    output = run(json_file(tmp_path, [grant(1)]))

    funding = Funding.objects.get(identifier="360G-MCC-0001")
    assert funding.amount == Decimal("5000.00")
    assert funding.title == "Community food grant 1"
    assert str(funding.awarded_on) == "2021-04-01"
    recipient = funding.recipient
    assert recipient.name == "Pantry 1"
    assert recipient.charity_number == "1100001"  # read from the GB-CHC identifier
    assert recipient.kind == Organisation.Kind.CHARITY
    assert recipient.status == ModerationStatus.PUBLISHED
    assert not recipient.memberships.exists()  # unclaimed: anyone may ask to manage it
    assert list(funding.areas.all()) == [manchester]
    assert funding.has_areas
    assert "1 new, 0 updated" in output
    assert "0 matched to listings, 1 new unclaimed listings created" in output


def test_csv_flat_file_is_read_by_the_standard_column_titles(tmp_path, manchester):
    path = csv_file(
        tmp_path,
        [
            {
                "Identifier": "360G-MCC-CSV1",
                "Title": "Warm spaces",
                "Currency": "GBP",
                "Amount Awarded": "12500.50",
                "Award Date": "2022-11-03",
                "Recipient Org:Identifier": "GB-COH-01234567",
                "Recipient Org:Name": "Ancoats Warm Spaces CIC",
                "Recipient Org:Company Number": "01234567",
                "Recipient Org:Postal Code": "M4 6DE",
                "Funding Org:Identifier": "GB-LAE-MAN",
                "Funding Org:Name": "Manchester City Council",
                "Beneficiary Location:0:Geographic Code": "E08000003",
                "Beneficiary Location:0:Geographic Code Type": "LAD",
            }
        ],
    )

    run(path)

    funding = Funding.objects.get(identifier="360G-MCC-CSV1")
    assert funding.amount == Decimal("12500.50")
    assert funding.recipient.company_number == "01234567"
    assert funding.recipient.kind == Organisation.Kind.SOCIAL_ENTERPRISE
    assert funding.recipient.postcode == "M4 6DE"
    assert list(funding.areas.all()) == [manchester]


@pytest.mark.parametrize(
    "recipient, listing",
    [
        ({"id": "GB-CHC-1099999", "name": "Other name"}, {"charity_number": "1099999"}),
        (
            {"id": "GB-XXX-1", "name": "Other name", "charityNumber": "1099999"},
            {"charity_number": "1099999"},
        ),
        ({"id": "GB-SC-SC012345", "name": "Other name"}, {"charity_number": "SC012345"}),
        ({"id": "GB-COH-1234567", "name": "Other name"}, {"company_number": "01234567"}),
        (
            {"id": "GB-XXX-2", "name": "Other name", "companyNumber": "01234567"},
            {"company_number": "01234567"},
        ),
        # As real files have them: the identifier in the number column, a stray space.
        (
            {"id": "GB-XXX-3", "name": "Other name", "charityNumber": "GB-CHC-1099999"},
            {"charity_number": "1099999"},
        ),
        (
            {"id": "GB-XXX-4", "name": "Other name", "charityNumber": "1099999 "},
            {"charity_number": "1099999"},
        ),
        (
            {"id": "GB-XXX-5", "name": "Other name", "companyNumber": "GB-COH-01234567"},
            {"company_number": "01234567"},
        ),
    ],
    ids=[
        "charity-id",
        "charity-number",
        "scottish-charity-id",
        "company-id",
        "company-number",
        "charity-number-written-as-identifier",
        "charity-number-with-space",
        "company-number-written-as-identifier",
    ],
)
def test_recipient_is_matched_to_an_existing_listing(tmp_path, manchester, recipient, listing):
    existing = OrganisationFactory(name="Listed name", **listing)

    output = run(json_file(tmp_path, [grant(1, recipientOrganization=[recipient])]))

    assert Funding.objects.get().recipient == existing
    assert Organisation.objects.filter(name="Other name").count() == 0
    assert "1 matched to listings, 0 new unclaimed listings created" in output


def test_recipient_without_legal_number_is_matched_by_its_360g_identifier_on_rerun(
    tmp_path, manchester
):
    group = {"id": "360G-MCC-ORG-77", "name": "Hulme Mutual Aid"}
    run(json_file(tmp_path, [grant(1, recipientOrganization=[group])]))
    output = run(json_file(tmp_path, [grant(2, recipientOrganization=[group])], "second.json"))

    listing = Organisation.objects.get(name="Hulme Mutual Aid")
    assert listing.kind == Organisation.Kind.COMMUNITY_GROUP
    assert set(Funding.objects.values_list("recipient", flat=True)) == {listing.pk}
    assert "1 matched to listings, 0 new" in output


def test_council_funder_is_matched_by_its_local_authority_code(tmp_path, manchester):
    council = CouncilFactory(name="Manchester City Council", governs=manchester)

    output = run(json_file(tmp_path, [grant(1)]))

    funding = Funding.objects.get()
    assert funding.funder == council
    assert funding.funder_name == ""
    assert "funders: 1 matched to listings, 0 kept by name" in output


def test_unknown_funder_is_kept_by_name(tmp_path, manchester):
    lottery = [{"id": "GB-GOR-DC366", "name": "The National Lottery Community Fund"}]

    run(json_file(tmp_path, [grant(1, fundingOrganization=lottery)]))

    funding = Funding.objects.get()
    assert funding.funder is None
    assert funding.funder_display == "The National Lottery Community Fund"


def test_rerun_updates_changed_amounts_without_duplicates(tmp_path, manchester):
    run(json_file(tmp_path, [grant(1), grant(2)]))
    output = run(json_file(tmp_path, [grant(1, amountAwarded=7500), grant(2)], "v2.json"))

    assert Funding.objects.count() == 2
    assert Organisation.objects.count() == 2
    assert Funding.objects.get(identifier="360G-MCC-0001").amount == Decimal("7500.00")
    assert "0 new, 1 updated, 1 unchanged" in output


def test_rows_that_cannot_go_in_are_reported_with_their_line_and_reason(tmp_path, manchester):
    good = {
        "Identifier": "360G-OK",
        "Title": "Fine",
        "Amount Awarded": "100",
        "Award Date": "2021-01-01",
        "Recipient Org:Identifier": "GB-CHC-1000001",
        "Recipient Org:Name": "Fine charity",
        "Funding Org:Identifier": "GB-LAE-MAN",
    }
    rows = [
        good,
        {**good, "Identifier": "360G-BAD-AMOUNT", "Amount Awarded": "lots"},
        {**good, "Identifier": "360G-BAD-DATE", "Award Date": "next week"},
        {**good, "Identifier": "360G-OK"},
        {**good, "Identifier": "360G-EUR", "Currency": "EUR"},
        {**good, "Identifier": "360G-NO-ORG", "Recipient Org:Identifier": ""},
        {**good, "Identifier": "360G-FUTURE", "Award Date": "2999-01-01"},
    ]

    output = run(csv_file(tmp_path, rows))

    assert list(Funding.objects.values_list("identifier", flat=True)) == ["360G-OK"]
    assert "Rejected 6:" in output
    assert "line 3 (360G-BAD-AMOUNT): its Amount Awarded 'lots' is not a number" in output
    assert "line 4 (360G-BAD-DATE): its Award Date 'next week' is not a date" in output
    assert "line 5 (360G-OK): its Identifier is used again, first at line 2" in output
    assert "line 6 (360G-EUR): it is in EUR" in output
    assert "line 7 (360G-NO-ORG): it has no Recipient Org:Identifier" in output
    assert "line 8 (360G-FUTURE): its Award Date 2999-01-01 is more than a year ahead" in output


def test_grants_to_individuals_are_rejected(tmp_path, manchester):
    person = grant(1, recipientIndividual={"id": "360G-IND-1", "name": "A person"})
    del person["recipientOrganization"]

    output = run(json_file(tmp_path, [person]))

    assert not Funding.objects.exists()
    assert "grant to an individual" in output


def test_beneficiary_codes_not_in_the_directory_are_left_out_and_counted(tmp_path, manchester):
    places = [{"geoCode": "E08000003"}, {"geoCode": "W06000015"}]

    output = run(json_file(tmp_path, [grant(1, beneficiaryLocation=places)]))

    assert list(Funding.objects.get().areas.all()) == [manchester]
    assert "1 codes, e.g. W06000015" in output


def test_economic_development_flag_marks_every_grant(tmp_path, manchester):
    run(json_file(tmp_path, [grant(1)]), "--economic-development")

    assert Funding.objects.get().economic_development


def test_economic_development_by_programme_title(tmp_path, manchester):
    other = grant(2, grantProgramme=[{"title": "Holiday Activities"}])

    run(json_file(tmp_path, [grant(1), other]), "--economic-development-programme", "economic")

    assert Funding.objects.get(identifier="360G-MCC-0001").economic_development
    assert not Funding.objects.get(identifier="360G-MCC-0002").economic_development


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"grants": [', "is not valid JSON (line 1"),
        ('{"data": []}', 'expected an object with a "grants" list'),
        ("Name,Amount\nA,1\n", "does not have the 360Giving columns Identifier, Amount Awarded"),
    ],
)
def test_bad_file_stops_with_a_clear_message_and_writes_nothing(tmp_path, content, message):
    path = tmp_path / ("bad.json" if content.startswith("{") else "bad.csv")
    path.write_text(content)

    with pytest.raises(CommandError, match="Nothing imported") as error:
        run(path)

    assert message in str(error.value)
    assert not Funding.objects.exists()
    assert not Organisation.objects.exists()


def test_a_crash_part_way_leaves_nothing_written(tmp_path, manchester, monkeypatch):
    original = giving360.Importer.grant

    def crash_on_third(self, data):
        if data["id"].endswith("0003"):
            raise RuntimeError("disk full")
        return original(self, data)

    monkeypatch.setattr(giving360.Importer, "grant", crash_on_third)

    with pytest.raises(RuntimeError):
        run(json_file(tmp_path, [grant(1), grant(2), grant(3)]))

    assert not Funding.objects.exists()
    assert not Organisation.objects.exists()


def _queries_for(tmp_path, count, start):
    path = json_file(tmp_path, [grant(n) for n in range(start, start + count)], f"{start}.json")
    with CaptureQueriesContext(connection) as queries:
        run(path)
    return len(queries)


def test_queries_per_grant_are_bounded(tmp_path, manchester):
    few = _queries_for(tmp_path, 5, start=1)
    many = _queries_for(tmp_path, 25, start=100)

    # Reading what exists is done once per file; each new grant costs a fixed few
    # queries: the new listing (slug check, coordinates, insert, history, areas)
    # and the award (insert, areas).
    per_grant = (many - few) / 20
    assert per_grant <= 8
    assert Funding.objects.count() == 30


def test_rerun_of_unchanged_file_writes_nothing(tmp_path, manchester):
    path = json_file(tmp_path, [grant(n) for n in range(1, 21)])
    run(path)

    with CaptureQueriesContext(connection) as queries:
        output = run(path)

    writes = [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert "0 new, 0 updated, 20 unchanged" in output
    assert Area.objects.count() == 1
