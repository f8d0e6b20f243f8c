"""Reading a page's form as a browser would, sending hostile values, and checking the outcome."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode

from django.apps import apps

from .strategies import MARKUP

# The models whose rows a rejected submission must leave alone.
WATCHED_APPS = ["accounts", "organisations", "partnerships", "account"]
# Rows compared field by field (an edit changes no row count).
WATCHED_ROWS = [
    "organisations.Organisation",
    "organisations.Membership",
    "partnerships.Service",
    "partnerships.Outcome",
    "partnerships.Partnership",
]


@dataclass
class FormField:
    baseline: list[str] = field(default_factory=list)  # what the browser would send as is
    choices: list[str] = field(default_factory=list)  # values the page offered


class _FormParser(HTMLParser):
    """Collects the fields of every POST form on a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (action, {name: FormField})
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = {}
                self.forms.append((a.get("action") or "", self._form))
            return
        if self._form is None or (tag not in ("input", "select", "option", "textarea")):
            return
        if tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select.choices.append(value)
            if "selected" in a:
                self._select.baseline.append(value)
            return
        name = a.get("name")
        if not name or name == "csrfmiddlewaretoken":
            return
        entry = self._form.setdefault(name, FormField())
        if tag == "select":
            self._select = entry
        elif tag == "textarea":
            self._textarea = entry
            entry.baseline.append("")
        elif a.get("type") in ("checkbox", "radio"):
            entry.choices.append(a.get("value", "on"))
            if "checked" in a:
                entry.baseline.append(a.get("value", "on"))
        elif a.get("type") not in ("submit", "button", "file"):
            entry.baseline.append(a.get("value") or "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.baseline[-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            if not self._select.baseline and self._select.choices:
                self._select.baseline.append(self._select.choices[0])
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_form(response):
    """The fields of the biggest POST form on the page (not the header's sign-out button)."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    assert parser.forms, f"no POST form on {response.request['PATH_INFO']}"
    _, fields = max(parser.forms, key=lambda form: len(form[1]))
    for entry in fields.values():
        if entry.baseline and entry.baseline[0] and entry.baseline[0] not in entry.choices:
            entry.choices.append(entry.baseline[0])  # the page's own value is a valid one
    return fields


def encode(data):
    """A urlencoded body or query string. Lone surrogates go as the invalid UTF-8 bytes
    a broken client would send (a browser cannot produce them)."""
    pairs = [(name, value) for name, values in data.items() for value in values]
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass")


def path_segment(text):
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


def post(client, url, data):
    return client.post(url, encode(data), content_type="application/x-www-form-urlencoded")


def get(client, url, data=None):
    return client.get(f"{url}?{encode(data)}" if data else url)


def snapshot():
    """Row counts of every watched table, and the full rows of the ones edits change."""
    counts = {
        model._meta.label: model._base_manager.count()
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }
    rows = {
        label: list(apps.get_model(label)._base_manager.order_by("pk").values())
        for label in WATCHED_ROWS
    }
    return counts, rows


JAVASCRIPT_IN_ATTRIBUTE = re.compile(
    r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.IGNORECASE
)


def assert_no_raw_markup(response):
    """Nothing hostile in the page unescaped: no markup, no javascript: link."""
    if "html" not in response.get("Content-Type", ""):
        return
    html = response.content.decode("utf-8", "replace")
    for markup in MARKUP:
        assert markup not in html, f"unescaped {markup!r} in {response.request['PATH_INFO']}"
    assert not JAVASCRIPT_IN_ATTRIBUTE.search(html), "a javascript: URL in a link"


def assert_answers_cleanly(response):
    assert response.status_code < 500, (
        f"{response.status_code} for {response.request['REQUEST_METHOD']} "
        f"{response.request['PATH_INFO']}"
    )
    assert_no_raw_markup(response)
