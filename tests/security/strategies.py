"""Hypothesis strategies for what a hostile or careless client sends.

Values are strings as they arrive in a query string or a form body; a
"submission" is a dict of field name -> list of values, so a field can be
missing (no values) or repeated (several), as in a real ``QueryDict``.
"""

from hypothesis import strategies as st

# Markup and script that must never reach a page unescaped. Each contains "<" or
# a javascript: URL, and none appears in the site's own templates, so finding one
# in a page means user input was rendered raw.
MARKUP = [
    "<script>alert('hostile')</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">click</a>',
    "<iframe src=//example.com></iframe>",
    '<!--#exec cmd="ls"-->',
]
# Things a page may contain only if user input went into an attribute raw.
JAVASCRIPT_URLS = ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)"]

SQL = [
    "' OR '1'='1",
    "'; DROP TABLE organisations_organisation; --",
    '" OR 1=1 --',
    "1; SELECT pg_sleep(5)",
    "%' AND 1=0 UNION SELECT NULL --",
    "\\'",
    "%",
    "_",
    "\\",
]

TEMPLATE_AND_FORMAT = ["{{ request }}", "{% debug %}", "%s%s%s%n", "{0}{1}", "%(name)s", "${7*7}"]

CONTROL = [
    "\x00",
    "a\x00b",
    "\x00" * 20,
    "\x1b[31m",
    "\r\n\r\nSet-Cookie: x=1",
    "\t\x0b\x0c",
    "\x7f\x80\x9f",
    "\u0085\u2028\u2029",
]

UNICODE_EDGES = [
    "\ud800",  # a lone surrogate: not valid UTF-8 once encoded
    "a\udfffb",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200c\u200d\ufeff",  # zero-width characters and a byte-order mark
    "e\u0301\u0301\u0301\u0301",  # combining accents
    "Z\u0336\u0337\u0338" * 50,
    "\U0001f600\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\ufffd",
    "\uffff\U0010ffff",
    "Ａｎｃｏａｔｓ",  # full-width letters
    "ß" * 3 + "ﬁ" * 3 + "İ",  # case folding changes the length
    "٣٤٥",  # Arabic-Indic digits
    "²³",
    "ℌ𝔢𝔩𝔩𝔬",
]

WRONG_TYPES = [
    "",
    " ",
    "abc",
    "-1",
    "0",
    "-0",
    "1e309",
    "-1e309",
    "nan",
    "NaN",
    "inf",
    "-Infinity",
    "0x1F",
    "1_000",
    "9" * 400,
    "1.5",
    "1,5",
    "true",
    "null",
    "None",
    "[]",
    "{}",
    "../../../../etc/passwd",
    "%00",
    "%ff",
    "2024-02-30",
    "31/12/9999",
    "9999-12-31T23:59:59+14:00",
    "0001-01-01",
]

FIXED = MARKUP + JAVASCRIPT_URLS + SQL + TEMPLATE_AND_FORMAT + CONTROL + UNICODE_EDGES + WRONG_TYPES

# Any code point, lone surrogates and control characters included.
any_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=())


def long_text():
    """10,000 characters or so, with something hostile at the end."""
    return st.builds(
        lambda n, tail: "x" * n + tail,
        st.integers(min_value=1_000, max_value=12_000),
        st.sampled_from(FIXED),
    )


def hostile_text():
    fixed = st.sampled_from(FIXED)
    return st.one_of(
        fixed,
        fixed,  # twice: the known-bad values are worth more draws than random text
        st.text(any_character, max_size=40),
        st.builds(lambda a, b, c: a + b + c, st.text(any_character, max_size=8), fixed, fixed),
        long_text(),
    )


def values(valid=()):
    """A field's values: missing, once, or repeated; hostile, or now and then a valid one."""
    one = st.one_of(hostile_text(), st.sampled_from(list(valid))) if valid else hostile_text()
    return st.lists(one, min_size=0, max_size=3)


@st.composite
def query(draw, names, valid=None):
    """A query string's parameters: some of ``names`` (and an unknown one) with hostile values."""
    valid = valid or {}
    chosen = draw(st.lists(st.sampled_from([*names, "unexpected"]), max_size=5, unique=True))
    return {name: draw(values(valid.get(name, ()))) for name in chosen}


@st.composite
def submission(draw, form):
    """A form's fields as a browser would send them, with a few replaced by hostile values.

    ``form`` maps each field name to a ``FormField`` (tests/security/forms.py):
    what the page filled in, and the choices it offered.
    """
    data = {name: list(field.baseline) for name, field in form.items()}
    names = sorted(form)
    for name in draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True)):
        data[name] = draw(values(form[name].choices))
    if draw(st.booleans()):
        data["unexpected"] = draw(values())
    return data
