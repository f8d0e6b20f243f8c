"""Languages: which one a visitor gets, and the switcher that changes it.

English pages have no URL prefix; every other language's pages live under
/<code>/ (i18n_patterns in config/urls.py), so a link in a language stays in
it. A visitor's choice is kept in Django's language cookie; a first-time
visitor's browser (Accept-Language) decides until they choose.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import get_urlconf, is_valid_path, reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import (
    get_language,
    get_language_from_path,
    get_language_from_request,
    get_language_info,
    get_supported_language_variant,
    override,
)

DEFAULT = "en"


def _is_default(code):
    return code.split("-")[0] == DEFAULT


def path_in_language(path, code):
    """``path`` (with or without a language prefix) in the language ``code``."""
    current = get_language_from_path(path)
    if current:
        path = path[len(current) + 1 :] or "/"
    return path if _is_default(code) else f"/{code}{path}"


class PreferredLanguageMiddleware:
    """Send a visitor from an English (unprefixed) page to their language's copy.

    Their language is the switcher's cookie if they used it, otherwise the
    best match for their browser's Accept-Language. Only pages that exist in
    every language move (not /admin/, the API or /healthz).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        unprefixed = not get_language_from_path(request.path_info)
        if unprefixed and request.method in ("GET", "HEAD"):
            preferred = get_language_from_request(request, check_path=False)
            if not _is_default(preferred):
                target = f"/{preferred}{request.path_info}"
                with override(preferred):  # the prefix resolves only in its language
                    exists = is_valid_path(target, getattr(request, "urlconf", get_urlconf()))
                if exists:
                    query = request.META.get("QUERY_STRING")
                    response = HttpResponseRedirect(
                        request.META.get("SCRIPT_NAME", "")
                        + target
                        + (f"?{query}" if query else "")
                    )
                    patch_vary_headers(response, ("Accept-Language", "Cookie"))
                    return response
        response = self.get_response(request)
        if unprefixed:
            # The same URL answers differently to a visitor who chose a language.
            patch_vary_headers(response, ("Cookie",))
        return response


def switch_language(request, code):
    """The switcher's link: remember ``code`` and show ``next`` in that language."""
    try:
        code = get_supported_language_variant(code)
    except LookupError:
        raise Http404("No such language") from None
    next_url = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    parts = urlsplit(next_url)
    target = urlunsplit(("", "", path_in_language(parts.path or "/", code), parts.query, ""))
    response = HttpResponseRedirect(target)
    if request.user.is_authenticated:
        request.user.remember_language(code)  # their emails follow them
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def languages(request):
    """The switcher's languages, each named in itself, with this page in each."""
    here = request.get_full_path()
    current = get_language()
    choices = []
    for code, _ in settings.LANGUAGES:
        info = get_language_info(code)
        choices.append(
            {
                "code": code,
                "name": info["name_local"],
                "bidi": info["bidi"],
                "current": code == current or (_is_default(code) and _is_default(current)),
                "switch_url": reverse("switch_language", args=[code])
                + "?"
                + urlencode({"next": here}),
                "page_url": path_in_language(request.path, code),
            }
        )
    return {"language_choices": choices}
