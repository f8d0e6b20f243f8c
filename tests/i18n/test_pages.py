"""Every language shows the main pages, in that language, and keeps visitors in it."""

import re

import polib
import pytest
from django.apps import apps
from django.db import models

from .conftest import OTHER_LANGUAGES, catalogue, main_pages, prefixed
from .pages import interface_words, read

pytestmark = pytest.mark.django_db

# Words that are the same in every language: names and formats, not sentences.
SAME_IN_EVERY_LANGUAGE = {"CSV", "JSON", "OK", "GOV.UK", "Open Referral UK", "–", "·"}


def get(client, directory, path, code, signed_in=False, **headers):
    if signed_in:
        client.force_login(directory["user"])
    return client.get(prefixed(path, code), **headers)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_language_renders_the_main_pages_with_its_lang_and_direction(client, directory, code):
    for name, path, signed_in in main_pages(directory):
        response = get(client, directory, path, code, signed_in)
        html = response.content.decode()
        expected = 404 if name == "not found" else 200
        assert response.status_code == expected, f"{code} {name}: {response.status_code}"
        direction = "rtl" if code == "ar" else "ltr"
        assert f'<html lang="{code}" dir="{direction}"' in html, f"{code} {name}"
        assert response["Content-Language"] == code


def test_english_pages_keep_their_unprefixed_addresses(client, directory):
    for name, path, signed_in in main_pages(directory):
        response = get(client, directory, path, "en", signed_in)
        assert response.status_code in (200, 404), name
        assert '<html lang="en-gb" dir="ltr"' in response.content.decode(), name


def test_links_on_a_welsh_page_stay_in_welsh(client, directory):
    html = client.get(f"/cy/organisations/{directory['organisation'].slug}/").content.decode()
    _, links = read(html, "cy")
    site_links = [
        link
        for link in links
        if link.startswith("/") and not link.startswith(("/static/", "/language/"))
    ]
    assert site_links
    leaving = [link for link in site_links if not link.startswith("/cy/")]
    # Curators' admin has one address, in English.
    assert leaving == ["/admin/"], leaving


def test_a_first_visit_follows_the_browsers_language(client, directory):
    response = client.get("/organisations/?q=qwerty", HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")

    assert response.status_code == 302
    assert response["Location"] == "/cy/organisations/?q=qwerty"
    assert "Accept-Language" in response["Vary"]


def test_an_english_browser_stays_on_the_english_page(client, directory):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_the_switcher_names_each_language_in_itself_and_is_reachable_by_keyboard(client, directory):
    html = client.get("/organisations/").content.decode()

    switcher = html[html.index('class="app-language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    for code, name in [("cy", "Cymraeg"), ("zh-hans", "简体中文"), ("ar", "العربيّة")]:
        # A real link (keyboard-focusable), in that language's own words.
        assert re.search(rf'<a [^>]*hreflang="{code}" lang="{code}"[^>]*>{name}</a>', switcher)
    assert '<span class="app-language-switcher__current" lang="en"' in switcher
    assert 'id="language-switcher-label">Choose a language</h2>' in switcher


def test_choosing_a_language_is_remembered(client, directory):
    switch = client.get("/language/cy/", {"next": "/organisations/?q=qwerty"})

    assert switch.status_code == 302
    assert switch["Location"] == "/cy/organisations/?q=qwerty"
    assert switch.cookies["django_language"].value == "cy"
    # Coming back later to an English address, even with an English browser.
    later = client.get("/partnerships/", HTTP_ACCEPT_LANGUAGE="en")
    assert later.status_code == 302
    assert later["Location"] == "/cy/partnerships/"


def test_choosing_english_again_returns_to_the_unprefixed_page(client, directory):
    client.get("/language/ar/", {"next": "/"})

    back = client.get("/language/en/", {"next": "/ar/services/?area=E08000901"})

    assert back["Location"] == "/services/?area=E08000901"
    assert client.get("/services/").status_code == 200


def test_the_switcher_ignores_unknown_languages_and_other_sites(client, directory):
    assert client.get("/language/xx/", {"next": "/"}).status_code == 404
    response = client.get("/language/de/", {"next": "https://example.com/phish"})
    assert response["Location"] == "/de/"


def test_admin_api_and_health_check_stay_in_english_at_one_address(client, directory):
    client.get("/language/fr/", {"next": "/"})

    assert client.get("/healthz").status_code == 200
    assert client.get("/api/oruk/services").status_code == 200
    admin = client.get("/admin/login/")
    assert admin.status_code == 200
    assert '<html lang="en-gb"' in admin.content.decode()


def test_cached_public_pages_are_kept_apart_by_language(client, directory, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    english = client.get("/organisations/").content.decode()
    welsh = client.get("/cy/organisations/").content.decode()

    assert '<html lang="en-gb"' in english
    assert '<html lang="cy"' in welsh
    assert '<html lang="cy"' in client.get("/cy/organisations/").content.decode()


def _data_shown(directory):
    """Every text value stored in the directory: it is shown as written, in any language."""
    values = set()
    for label in ("organisations", "partnerships", "accounts"):
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, (models.CharField, models.TextField, models.EmailField))
                and not f.choices
            ]
            if fields:
                for row in model.objects.values_list(*fields):
                    values.update(v for v in row if isinstance(v, str) and v.strip())
    return values


def same_in(code):
    """Words the translator kept as they are ("Status" in German, "Menu" in French)."""
    same = set()
    for entry in polib.pofile(str(catalogue(code))):
        forms = [entry.msgstr, *entry.msgstr_plural.values()]
        if any(form.strip().lower() == entry.msgid.strip().lower() for form in forms):
            same.add(entry.msgid.strip("()·:,. ").lower())
    return same


# A date: its month comes from Django's own catalogues ("May 2020" is Spanish too).
DATE = re.compile(r"(\d{1,2} )?\w+ \d{4}")


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_no_page_shows_interface_text_left_in_english(client, directory, code, compiled_catalogues):
    """Compare each page in English and in the language: English text left unchanged is a miss.

    Fails until the language is translated; lists each page's untranslated text.
    """
    data = _data_shown(directory) | {directory["user"].email}
    kept = same_in(code)
    missed = {}
    for name, path, signed_in in main_pages(directory):
        english, _ = read(get(client, directory, path, "en", signed_in).content.decode(), "en-gb")
        other, _ = read(get(client, directory, path, code, signed_in).content.decode(), code)
        left = {
            text
            for text in english & other
            if text not in SAME_IN_EVERY_LANGUAGE
            and text.strip("()·:,. ").lower() not in kept
            and not DATE.fullmatch(text)
            and interface_words(text, data)
        }
        if left:
            missed[name] = sorted(left)
    assert not missed, f"{code}: interface text still in English: " + "; ".join(
        f"{page}: {texts}" for page, texts in missed.items()
    )


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize(
    "code, shown",
    [("en", "(partner)"), ("fr", "(partenaire)"), ("de", "(Partner)")],
    ids=["english-lower-case", "french-lower-case", "german-nouns-capitalised"],
)
def test_a_role_inside_a_sentence_follows_the_languages_capitals(client, directory, code, shown):
    organisation = directory["organisation"]

    response = get(client, directory, f"/organisations/{organisation.slug}/", code)

    assert f"Qwerty Zedshire Alliance</a> {shown}" in response.text
