"""Production serves hashed, compressed static files: collectstatic must succeed."""

import json

import pytest
from django.core.management import call_command


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.StaticStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def test_collectstatic_hashes_every_file_the_pages_use(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    for name in ["main.css", "app.js", "map.js", "leaflet/leaflet.js", "leaflet/leaflet.css"]:
        assert name in manifest, name
        assert (collected / manifest[name]).exists()
        assert (collected / f"{manifest[name]}.gz").exists(), f"{name} is not compressed"


def test_module_imports_point_at_hashed_names(collected):
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    app = (collected / manifest["app.js"]).read_text()
    assert manifest["govuk-frontend.min.js"] in app


def test_hashed_files_are_cached_for_a_year_and_pages_link_to_them(collected, client, settings):
    settings.DEBUG = False
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    page = client.get("/accessibility/")
    for name in ["main.css", "app.js"]:
        hashed = f"/static/{manifest[name]}"
        assert hashed in page.text, f"the page does not link to the hashed {name}"
        response = client.get(hashed, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200
        assert response["Content-Encoding"] == "gzip"
        cache_control = response["Cache-Control"]
        assert "immutable" in cache_control, cache_control
        max_age = int(cache_control.split("max-age=")[1].split(",")[0])
        assert max_age >= 365 * 24 * 60 * 60, cache_control

    # A name without a hash can change under the same address: it is cached briefly.
    unhashed = client.get("/static/main.css")
    assert "immutable" not in unhashed["Cache-Control"]
