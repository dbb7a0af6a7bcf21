"""HTML pages: the main text by trafilatura (`sijill.ingest.html`), with title, canonical URL
and publication date kept as provenance."""

from __future__ import annotations

import re

from sijill.ingest.html import html_text
from sijill.ingest.ingestor import DECLARED, Probe, TextIngestor, finish
from sijill.model import SourceText

HTML = "text/html"
# Browsers' "Save page as" puts a comment before the doctype; XHTML may start with <?xml.
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html))",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[A-Za-z!/][^>]*>")
# Text that looks like a page beats plain text, which takes whatever no other format does.
LOOKS = 50


def looks_html(text: str, extension_says_html: bool) -> bool:
    """A page is HTML when it starts like one, or its name says so and it holds tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return extension_says_html and _TAG.search(head) is not None


class Html(TextIngestor):
    media_types = (HTML, "application/xhtml+xml")
    extensions = {".html": HTML, ".htm": HTML, ".xhtml": HTML, ".shtml": HTML}
    media_type = HTML

    @classmethod
    def match_text(cls, probe: Probe, text: str) -> int:
        if probe.declared is not None:
            return DECLARED if probe.declared == HTML else 0
        return LOOKS if looks_html(text, probe.extension_type == HTML) else 0

    def ingest_text(self, probe: Probe, text: str) -> SourceText:
        page = html_text(text)
        return finish(SourceText(probe.sha256, page.text, probe.path, page.url, HTML,
                                 page.title, page.published))
