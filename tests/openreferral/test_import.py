"""python manage.py import_oruk: from an API, a JSON file or a CSV folder."""

import json
import shutil
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command

from openreferral import ids
from organisations.models import Location, Organisation
from partnerships.models import Category, Service
from tests.factories import MembershipFactory, category

pytestmark = pytest.mark.django_db

SERVICE_ID = "ac148810-d857-441c-9679-408f346de14b"
ORGANIZATION_ID = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"
LOCATION_ID = "3a19ff88-4620-4d17-9830-ac1d859eb5d5"
EXAMPLES = ["service_full.json", "service_list.json", "organization_full.json", "csv"]


def run(*args):
    out = StringIO()
    call_command("import_oruk", *[str(arg) for arg in args], stdout=out, stderr=StringIO())
    return out.getvalue()


def write_json(tmp_path, data, name="feed.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def service_record(**fields):
    record = {
        "id": "svc-1",
        "name": "Lunch Club",
        "status": "active",
        "organization": {"id": "org-1", "name": "Hulme Friends", "description": "Neighbours."},
    }
    return record | fields


# The profile's examples


@pytest.mark.parametrize("example", [*EXAMPLES, "service_at_location_full.json"])
def test_profile_examples_import_and_come_back_out_valid(client, oruk, example):
    output = run(oruk.root / "examples" / example)

    assert "services: 1 new, 0 updated" in output
    service = client.get(f"/api/oruk/services/{SERVICE_ID}")
    assert not oruk.errors("/services/{id}", service.json())
    body = service.json()
    assert body["name"] == "Community Counselling"
    assert body["organization"]["id"] == ORGANIZATION_ID
    if example != "service_list.json":  # a list item's organisation has no identifiers
        assert body["organization"]["organization_identifiers"][0]["identifier"] == "1234567"
    organisation = client.get(f"/api/oruk/organizations/{ORGANIZATION_ID}").json()
    assert not oruk.errors("/organizations/{id}", organisation)
    listing = client.get("/api/oruk/service_at_locations").json()
    assert not oruk.errors("/service_at_locations", listing)
    if example != "service_list.json":  # a list item carries no locations
        assert [link["location_id"] for link in body["service_at_locations"]] == [LOCATION_ID]


def test_the_example_maps_onto_the_directory(oruk):
    output = run(oruk.root / "examples" / "csv")

    service = Service.objects.get(uuid=SERVICE_ID)
    assert (service.minimum_age, service.maximum_age) == (12, 100)
    assert service.email == "email@example.com"
    assert service.website == "http://example.com/counselling"
    assert service.phone == "+44 1234 234567"
    assert service.cost == Service.Cost.PAID
    assert service.cost_details == "Under 18s and Over 60s £35 per 1 hour session"
    place = Location.objects.get(uuid=LOCATION_ID)
    assert place.address == "1-30 Main Street\nMyCity\nMyState"
    assert place.postcode == "ABC 1234"
    assert place.latitude is None, "latitude 100 is off the map"
    assert "latitude and longitude are off the map" in output
    # The example's attribute points at no service: reported, not imported.
    assert "attribute ae58cc39-8b70-4ab1-8aea-786882e5ac8e: its link_id" in output


def test_imported_organisations_are_published_and_unclaimed(oruk):
    run(oruk.root / "examples" / "service_full.json")

    organisation = Organisation.objects.get(uuid=ORGANIZATION_ID)
    assert organisation.is_published
    assert not organisation.memberships.exists()
    assert organisation.company_number == "1234567"
    assert Service.objects.published().filter(uuid=SERVICE_ID).exists()


def test_a_second_run_updates_instead_of_duplicating(oruk):
    source = oruk.root / "examples" / "service_full.json"
    run(source)
    Service.objects.filter(uuid=SERVICE_ID).update(name="Renamed here")
    counts = (Organisation.objects.count(), Service.objects.count(), Category.objects.count())

    output = run(source)

    assert "services: 0 new, 1 updated" in output
    assert "organisations: 0 new, 1 updated" in output
    assert counts == (
        Organisation.objects.count(),
        Service.objects.count(),
        Category.objects.count(),
    )
    assert Service.objects.get(uuid=SERVICE_ID).name == "Community Counselling"


# Ids


def test_ids_that_are_not_uuids_get_stable_ones(tmp_path):
    source = write_json(tmp_path, [service_record()])

    run(source, "--feed-name", "https://hulme.example.org/api")
    run(source, "--feed-name", "https://hulme.example.org/api")

    service = Service.objects.get()
    assert service.uuid == uuid.uuid5(ids.NAMESPACE, "https://hulme.example.org/api/service/svc-1")
    assert Organisation.objects.get(name="Hulme Friends").uuid == uuid.uuid5(
        ids.NAMESPACE, "https://hulme.example.org/api/organization/org-1"
    )


def test_terms_match_existing_categories_by_name_before_adding_new_ones(tmp_path):
    terms = [
        {"id": "t1", "name": "Hot meals", "description": ""},
        {"id": "t2", "name": "Knitting circles", "description": "Yarn."},
    ]
    attributes = [{"id": f"a{n}", "taxonomy_term": term} for n, term in enumerate(terms)]
    source = write_json(tmp_path, [service_record(attributes=attributes)])
    before = Category.objects.count()

    run(source)

    names = set(Service.objects.get().categories.values_list("name", flat=True))
    assert names == {"Hot meals", "Knitting circles"}
    assert Category.objects.count() == before + 1
    assert category("hot-meals").services.exists()


# Skipping, claiming and failing


def test_every_skipped_record_is_reported_with_its_reason(tmp_path):
    source = write_json(
        tmp_path,
        [
            service_record(),
            service_record(id="svc-2", name=""),
            service_record(id="svc-3", organization=None, organization_id="org-9"),
            service_record(id="svc-4", email="not an email", minimum_age=20, maximum_age=10),
        ],
    )

    output = run(source)

    assert "services: 2 new, 0 updated" in output
    assert "service svc-2: it has no name" in output
    assert "service svc-3 (Lunch Club): its organization 'org-9' is not in the feed" in output
    assert "email 'not an email' is not an email address; left out" in output
    assert "maximum_age is below minimum_age; both left out" in output


def test_claimed_organisations_and_their_services_are_left_to_their_members(oruk):
    source = oruk.root / "examples" / "service_full.json"
    run(source)
    MembershipFactory(organisation=Organisation.objects.get(uuid=ORGANIZATION_ID))
    Service.objects.filter(uuid=SERVICE_ID).update(name="Kept by its members")

    output = run(source)

    assert "has been claimed; its members keep it up to date" in output
    assert Service.objects.get(uuid=SERVICE_ID).name == "Kept by its members"


def test_malformed_json_fails_with_its_line_and_writes_nothing(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "svc-1", "name": "Lunch Club",\n  "status": active}\n]')

    with pytest.raises(CommandError, match=r"broken.json: line 3, column 13"):
        run(path)

    assert not Service.objects.exists()


def test_a_record_that_is_not_an_object_fails_naming_it_and_writes_nothing(tmp_path):
    source = write_json(tmp_path, [service_record(), 42])

    with pytest.raises(CommandError, match=r"record 2 is not a JSON object"):
        run(source)

    assert not Service.objects.exists()
    assert not Organisation.objects.exists()


def test_a_broken_csv_fails_with_its_file_and_line_and_writes_nothing(oruk, tmp_path):
    folder = tmp_path / "feed"
    shutil.copytree(oruk.root / "examples" / "csv", folder)
    with (folder / "services.csv").open("a") as file:
        file.write("b1c2,org,Extra,too,many,values,here,and,here,a,b,c,d,e,f,g,h,i\n")

    with pytest.raises(CommandError, match=r"services.csv: line \d+: more values than the header"):
        run(folder)

    assert not Service.objects.exists()


def test_dry_run_checks_and_writes_nothing(oruk):
    output = run(oruk.root / "examples" / "service_full.json", "--dry-run")

    assert output.startswith("Checked (dry run, nothing written)")
    assert "services: 1 new" in output
    assert not Service.objects.exists()


def test_an_unknown_source_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="is not a URL, a file or a folder"):
        run(tmp_path / "missing.json")


# From an API


class FeedServer:
    """Another council's ORUK API on a loopback port, answering from a dict of paths."""

    def __init__(self, responses):
        responses = responses

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = responses.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps(body if body is not None else {}).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def served(client, path):
    """What our own API answers at ``path``, keyed as the feed server will be asked for it."""
    response = client.get(f"/api/oruk{path}")
    assert response.status_code == 200
    return response.json()


def test_import_from_an_api_reads_every_page_then_each_service(client, full_service, bare_service):
    paths = {}
    for page in (1, 2):
        body = client.get("/api/oruk/services", {"page": page, "per_page": 1}).json()
        body["last_page"] = page == 2
        paths[f"/api/services?page={page}&per_page=50"] = body
    for service in (full_service, bare_service):
        paths[f"/api/services/{service.uuid}"] = served(client, f"/services/{service.uuid}")
    before = paths[f"/api/services/{full_service.uuid}"]
    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.exclude(name="Manchester City Council").delete()

    with FeedServer(paths) as feed:
        output = run(feed.url)

    assert "services: 2 new, 0 updated" in output
    after = served(client, f"/services/{full_service.uuid}")
    for volatile in ["last_modified", "funding"]:
        before.pop(volatile), after.pop(volatile)
    assert after == before


def test_an_api_that_fails_is_reported_with_its_url(db):
    with FeedServer({}) as feed, pytest.raises(CommandError) as caught:
        run(feed.url)

    assert f"{urlsplit(feed.url).path}/services?page=1" in str(caught.value)
    assert "404" in str(caught.value)
