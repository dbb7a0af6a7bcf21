"""What kind of source a file is: by a caller's media type, its content, its extension."""

from __future__ import annotations

import re
from pathlib import PurePath

from sijill.errors import Rejected
from sijill.ingest import _data

TEXT, HTML, PDF = "text/plain", "text/html", "application/pdf"

# A PDF header may follow some junk, but within the first kilobyte.
_PDF_WINDOW = 1024
# Browsers' "Save page as" puts a comment before the doctype; XHTML may start with <?xml.
_HTML_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html))",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_TAG = re.compile(r"<[A-Za-z!/][^>]*>")


def parse_media_type(media_type: str) -> tuple[str, str | None]:
    """Ours for a Content-Type such as "text/html; charset=windows-1256", and its charset."""
    kind, _, params = media_type.partition(";")
    kind = kind.strip().lower()
    charset = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    mapped = _data.load("formats")["media_types"].get(kind)
    if mapped is None and kind.startswith("text/"):
        mapped = TEXT
    if mapped is None:
        raise Rejected(f"unsupported media type {kind}")
    return mapped, charset.group(1) if charset else None


def by_extension(path: str | None) -> str | None:
    if not path:
        return None
    return _data.load("formats")["extensions"].get(PurePath(path).suffix.lower())


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:_PDF_WINDOW]


def starts_pdf(data: bytes) -> bool:
    """Stricter than is_pdf, for files whose name does not say PDF: the header comes first."""
    return data.lstrip()[:5] == b"%PDF-"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page's <meta> names, if any."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def looks_html(text: str, extension_says_html: bool) -> bool:
    """A page is HTML when it starts like one, or its name says so and it holds tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return extension_says_html and _TAG.search(head) is not None
