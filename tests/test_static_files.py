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
