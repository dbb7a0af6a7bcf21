"""Take a page of text apart into documents and their parts (issuer, reference, dates, ...).

A pipeline of small components, each configured by the YAML word lists in `data/`:
split (archive pages) -> layout (title, introduction, header, body, closing, cc, notes)
-> fields (issuer, reference, subject, addressees, sender, cc, dates, notes).
"""

from __future__ import annotations

import logging

from sijill.model import Document, SourceText
from sijill.parse.arabic import is_arabic, parse_arabic
from sijill.parse.document import failed, parse_document
from sijill.parse.split import Part, split

VERSION = "0.7.2"

__all__ = ["VERSION", "parse_text"]

log = logging.getLogger(__name__)


def parse_text(text: str, *, source: SourceText, title: str | None = None) -> list[Document]:
    """The documents a page holds, in reading order; every span indexes its document's text."""
    try:
        parts = split(text)
    except Exception:  # a bug in splitting must not lose the page: keep it whole
        log.exception("splitting %s failed; its text is kept as one document", source.key)
        parts = [Part(0, len(text), False)] if text.strip() else []
    return [_parse_part(text, part, n, source, title) for n, part in enumerate(parts)]


def _parse_part(text: str, part: Part, n: int, source: SourceText, title: str | None) -> Document:
    piece = text[part.start : part.end]
    where = source.source(n)
    try:
        if is_arabic(piece):  # written in Arabic script: its own labels and letterhead
            return parse_arabic(piece, where, title)
        return parse_document(piece, where, title, part.heading)
    except Exception as exc:  # never raise on odd input: the document is kept, flagged
        log.exception("parsing %s (part %d) failed", source.key, n)
        return failed(piece, where, title, exc)
