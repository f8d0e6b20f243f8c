import pytest
from django.conf import settings


def pytest_configure(config):
    # Fast, self-contained test settings on top of the real settings module.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Tests change data between requests; tests/test_page_cache.py turns it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    # A request to a /de/ page leaves German active in this thread; the next
    # test's reverse() would otherwise build /de/ addresses.
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def compiled_catalogues():
    """The .mo files `make install` builds, rebuilt here if a .po is newer."""
    import subprocess

    from django.utils import translation
    from django.utils.translation import trans_real

    for code, _name in settings.LANGUAGES:
        if code == "en":  # the source language: no catalogue
            continue
        po = settings.BASE_DIR / "locale" / translation.to_locale(code) / "LC_MESSAGES/django.po"
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)
    # Forget catalogues loaded before the files changed.
    trans_real._translations = {}
    trans_real._default = None
    yield
