"""Reading a rendered page the way a person does: its visible text, and where its links go."""

import re
from html.parser import HTMLParser

HIDDEN = {"script", "style", "template", "noscript", "svg"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
READ_ALOUD = ("aria-label", "title", "alt", "placeholder")


class PageText(HTMLParser):
    """Text nodes and read-aloud attributes, leaving out anything marked as another language."""

    def __init__(self, page_lang):
        super().__init__(convert_charrefs=True)
        self.page_lang = page_lang
        self.stack = []  # (tag, hidden, other_language)
        self.texts = []
        self.links = []

    def _skipping(self):
        return any(hidden or other for _, hidden, other in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = "lang" in attrs and attrs["lang"] != self.page_lang and tag != "html"
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag not in VOID:
            self.stack.append((tag, tag in HIDDEN, other))
        if not self._skipping() and not other:
            for name in READ_ALOUD:
                if attrs.get(name):
                    self.texts.append(attrs[name])
            if tag == "meta" and attrs.get("name") == "description":
                self.texts.append(attrs.get("content", ""))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._skipping():
            self.texts.append(data)


def read(html, lang):
    parser = PageText(lang)
    parser.feed(html)
    texts = {" ".join(t.split()) for t in parser.texts}
    return {t for t in texts if t}, parser.links


def interface_words(text, data):
    """What is left of a text node once the data shown in it is taken out."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text if re.search(r"[^\W\d_]{2,}", text) else ""
