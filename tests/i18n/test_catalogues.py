"""Every language's catalogue is complete, well formed, and holds every marked string.

The completeness test fails until translators have filled in a language: its
message says how many entries are untranslated or fuzzy.
"""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from .conftest import OTHER_LANGUAGES, catalogue

pytestmark = pytest.mark.parametrize("code", OTHER_LANGUAGES)

# Where marked strings live: the same places the README's makemessages command reads.
SOURCE = [
    "accounts",
    "config",
    "openreferral",
    "organisations",
    "partnerships",
    "postcodes",
    "templates",
]


def test_every_language_has_a_catalogue(code):
    assert catalogue(code).exists(), f"{code}: no {catalogue(code)}"


def test_catalogue_is_well_formed_for_msgfmt(code):
    """msgfmt --check: placeholders match, plural forms are declared, the header is valid."""
    result = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(catalogue(code))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"{code}: {result.stderr}"


def test_catalogue_declares_the_language_and_its_plural_forms(code):
    po = polib.pofile(str(catalogue(code)))
    assert po.metadata["Language"] == catalogue(code).parts[-3]
    assert po.metadata["Plural-Forms"].startswith("nplurals=")
    assert not po.metadata_is_fuzzy


def test_catalogue_is_completely_translated(code):
    po = polib.pofile(str(catalogue(code)))
    untranslated = po.untranslated_entries()
    fuzzy = po.fuzzy_entries()
    examples = [e.msgid for e in (fuzzy + untranslated)[:3]]
    assert not untranslated and not fuzzy, (
        f"{code}: {len(untranslated)} untranslated and {len(fuzzy)} fuzzy "
        f"of {len(po)} entries ({po.percent_translated()}% translated), e.g. {examples}"
    )


@pytest.fixture(scope="module")
def marked_msgids(tmp_path_factory):
    """The msgids makemessages finds in a copy of today's code and templates."""
    copy = tmp_path_factory.mktemp("source")
    root = Path(settings.BASE_DIR)
    for name in SOURCE:
        if (root / name).is_dir():
            shutil.copytree(root / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "locale").mkdir()
    here = Path.cwd()
    os.chdir(copy)  # makemessages reads the current directory
    try:
        with override_settings(LOCALE_PATHS=[copy / "locale"]):
            call_command(
                "makemessages", locale=["xx"], keep_pot=True, no_location=True, verbosity=0
            )
    finally:
        os.chdir(here)
    pot = polib.pofile(str(copy / "locale" / "django.pot"))
    return {(e.msgctxt, e.msgid) for e in pot if not e.obsolete}


def test_catalogue_holds_every_marked_string(code, marked_msgids):
    """Regenerate the catalogues (README "Translations") when this fails."""
    po = polib.pofile(str(catalogue(code)))
    present = {(e.msgctxt, e.msgid) for e in po if not e.obsolete}
    missing = sorted(msgid for _, msgid in marked_msgids - present)
    assert not missing, f"{code}: {len(missing)} marked strings not in the catalogue: {missing[:5]}"
