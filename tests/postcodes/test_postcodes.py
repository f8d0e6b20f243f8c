import math
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from organisations.models import Location, Organisation
from postcodes.geo import KM_PER_MILE, Point, haversine_km
from postcodes.lookup import PostcodeError, locate, normalise
from postcodes.models import Postcode, PostcodeDistrict
from tests.factories import AreaFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db

CENTRE = Point(53.4793, -2.2451)  # M1 1AE
HEADER = "pcd,pcds,dointr,doterm,oslaua,lat,long\n"


def offset(point, km_north=0.0, km_east=0.0):
    """A point km_north and km_east of ``point`` (small distances)."""
    lat = point.latitude + math.degrees(km_north / 6371.0088)
    lon = point.longitude + math.degrees(km_east / (6371.0088 * math.cos(math.radians(lat))))
    return Point(lat, lon)


def law_of_cosines_km(a, b):
    """An independent great-circle formula to check haversine against."""
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dl = math.radians(b.longitude - a.longitude)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, cos_angle)))


@pytest.fixture
def postcodes(tmp_path):
    path = tmp_path / "nspl.csv"
    path.write_text(
        HEADER
        + "M1  1AE,M1 1AE,198001,,E08000003,53.479300,-2.245100\n"
        + "M1  1AF,M1 1AF,198001,,E08000003,53.480300,-2.246100\n"
        + "M1  9ZZ,M1 9ZZ,198001,201506,E08000003,53.470000,-2.240000\n"
        + "M1  9ZY,M1 9ZY,198001,,E08000003,99.999999,0.000000\n"
        + "LS1 1UR,LS1 1UR,198001,,E08000035,53.801600,-1.549100\n"
    )
    call_command("import_postcodes", str(path), verbosity=0)
    return path


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [("m11ae", "M1 1AE"), (" M1  1AE ", "M1 1AE"), ("sw1a1aa", "SW1A 1AA"), ("m4", "M4")],
)
def test_postcodes_are_normalised(typed, normalised):
    assert normalise(typed) == normalised


@pytest.mark.parametrize("typed", ["", "hello", "12345", "M1 1AE 1", "<script>", "M1\x001AE"])
def test_malformed_postcodes_are_refused_with_an_example(typed):
    with pytest.raises(PostcodeError, match="like M4 5JD"):
        normalise(typed)


def test_import_loads_flags_terminated_and_skips_postcodes_without_a_place(postcodes):
    assert Postcode.objects.count() == 4
    assert Postcode.objects.get(postcode="M1 9ZZ").terminated is True
    assert not Postcode.objects.filter(postcode="M1 9ZY").exists()
    assert Postcode.objects.get(postcode="LS1 1UR").local_authority == "E08000035"


def test_import_derives_district_centroids_from_live_postcodes(postcodes):
    m1 = PostcodeDistrict.objects.get(outward="M1")
    # The terminated M1 9ZZ is left out of the mean.
    assert m1.latitude == Decimal("53.479800")
    assert m1.longitude == Decimal("-2.245600")


def test_import_again_updates_instead_of_duplicating(postcodes):
    call_command("import_postcodes", str(postcodes), verbosity=0)
    assert Postcode.objects.count() == 4


def test_a_file_without_the_columns_stops_and_writes_nothing(tmp_path):
    path = tmp_path / "wrong.csv"
    path.write_text("postcode,x,y\nM1 1AE,1,2\n")
    with pytest.raises(CommandError, match="missing columns pcds"):
        call_command("import_postcodes", str(path), verbosity=0)
    assert not Postcode.objects.exists()


def test_locating_unknown_and_terminated_postcodes_says_what_to_do(postcodes):
    with pytest.raises(PostcodeError, match="We could not find the postcode M2 2AA"):
        locate("M2 2AA")
    with pytest.raises(PostcodeError, match="no longer in use"):
        locate("m1 9zz")
    assert locate("M1").label == "M1"


@pytest.mark.parametrize(
    "other",
    [Point(51.5074, -0.1278), Point(55.9533, -3.1883), Point(50.3712, -4.1426), offset(CENTRE, 1)],
)
def test_haversine_agrees_with_the_law_of_cosines(other):
    expected = law_of_cosines_km(CENTRE, other)
    assert haversine_km(CENTRE, other) == pytest.approx(expected, rel=0.005)


def test_database_distance_agrees_with_a_great_circle_calculation(postcodes):
    points = [offset(CENTRE, 0.4), offset(CENTRE, 3, 4), Point(51.5074, -0.1278)]
    for i, point in enumerate(points):
        OrganisationFactory(name=f"Group {i}", latitude=point.latitude, longitude=point.longitude)
    place = locate("M1 1AE")

    found = Organisation.objects.published().near(place, km=400).order_by("distance_km")

    assert [o.name for o in found] == ["Group 0", "Group 1", "Group 2"]
    for org, point in zip(found, points, strict=True):
        assert org.distance_km == pytest.approx(law_of_cosines_km(place.point, point), rel=0.005)


def test_list_near_a_postcode_keeps_what_is_within_the_distance_nearest_first(client, postcodes):
    near = offset(CENTRE, km_north=0.5 * KM_PER_MILE)
    nearer = offset(CENTRE, km_east=0.2 * KM_PER_MILE)
    far = offset(CENTRE, km_north=3 * KM_PER_MILE)
    for name, point in [("Near", near), ("Nearer", nearer), ("Far", far)]:
        OrganisationFactory(
            name=f"{name} Group", latitude=point.latitude, longitude=point.longitude
        )

    html = client.get("/organisations/", {"postcode": "m1 1ae", "distance": "1"}).content.decode()

    assert html.index("Nearer Group") < html.index("Near Group")
    assert "Far Group" not in html
    assert "0.2 miles away" in html
    assert "0.5 miles away" in html
    assert "Within 1 miles of: M1 1AE" in html


def test_list_shows_kilometres_when_chosen(client, postcodes):
    point = offset(CENTRE, km_north=1.5)
    OrganisationFactory(name="Km Group", latitude=point.latitude, longitude=point.longitude)

    html = client.get("/organisations/", {"postcode": "M1 1AE", "units": "km"}).content.decode()

    assert "1.5 km away" in html


def test_list_includes_groups_serving_the_postcodes_council_area(client, postcodes):
    manchester = AreaFactory(name="Manchester", gss_code="E08000003")
    OrganisationFactory(name="Citywide Group", areas=[manchester], latitude=None, longitude=None)

    html = client.get("/organisations/", {"postcode": "M1 1AE", "distance": "0.1"}).content.decode()

    assert "Citywide Group" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"postcode": "ZZ9 9ZZ"}, "We could not find the postcode ZZ9 9ZZ"),
        ({"postcode": "M1 9ZZ"}, "is no longer in use"),
        ({"postcode": "hello"}, "Enter a UK postcode"),
        ({"postcode": "M1 1AE", "distance": "500"}, "Enter a distance from 0.1 to 50 miles"),
        ({"postcode": "M1 1AE", "distance": "500", "units": "km"}, "from 0.2 to 80 km"),
    ],
)
def test_bad_postcodes_and_distances_get_a_clear_message(client, postcodes, query, message):
    for url in ["/organisations/", "/services/", "/partnerships/"]:
        response = client.get(url, query)
        assert response.status_code == 200
        html = response.content.decode()
        assert message in html
        assert "There is a problem" in html


def test_oruk_service_at_locations_filters_by_postcode_and_proximity(client, postcodes):
    def service_at(name, point):
        service = ServiceFactory(name=name)
        location = Location.objects.create(
            organisation=service.organisation,
            name=f"{name} hall",
            latitude=point.latitude,
            longitude=point.longitude,
        )
        service.locations.add(location)

    service_at("Close parcels", offset(CENTRE, 0.3))
    service_at("Closer parcels", offset(CENTRE, 0.1))
    service_at("Distant parcels", offset(CENTRE, 5))

    body = client.get(
        "/api/oruk/service_at_locations", {"postcode": "M1 1AE", "proximity": "1000"}
    ).json()

    assert [row["service"]["name"] for row in body["contents"]] == [
        "Closer parcels",
        "Close parcels",
    ]


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [
        ({"postcode": "not a postcode"}, 400, "postcode"),
        ({"postcode": "ZZ9 9ZZ"}, 404, "postcode"),
        ({"postcode": "M1 1AE", "proximity": "-5"}, 400, "proximity"),
    ],
)
def test_oruk_bad_proximity_queries_name_the_parameter(client, postcodes, query, status, parameter):
    response = client.get("/api/oruk/service_at_locations", query)
    assert response.status_code == status
    assert response.json()["parameter"] == parameter
