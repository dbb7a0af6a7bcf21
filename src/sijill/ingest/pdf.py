"""PDF to text through its text layer (pypdf); no OCR."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO

from pypdf import PdfReader

from sijill.errors import NO_TEXT_LAYER, Rejected

log = logging.getLogger(__name__)


def pdf_text(data: bytes) -> str:
    """The pages' text, joined by a blank line."""
    try:
        with _quiet_pypdf():
            reader = PdfReader(BytesIO(data))
            _unlock(reader)
            pages = [page.extract_text() or "" for page in reader.pages]
    except Rejected:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on a damaged file
        log.debug("pypdf could not read the file", exc_info=True)
        raise Rejected(f"unreadable PDF: {exc or type(exc).__name__}") from exc
    if not any(page.strip() for page in pages):
        raise Rejected(NO_TEXT_LAYER)
    return "\n\n".join(page.strip("\n") for page in pages)


def _unlock(reader: PdfReader) -> None:
    """Open a PDF encrypted with an empty user password (restrictions only), else refuse."""
    if not reader.is_encrypted:
        return
    try:
        opened = reader.decrypt("")
    except Exception as exc:  # e.g. AES without the optional cryptography package
        log.debug("pypdf could not decrypt the file", exc_info=True)
        raise Rejected(f"encrypted PDF: {exc or type(exc).__name__}") from exc
    if not opened:
        raise Rejected("encrypted PDF (a password is needed)")


@contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs its repairs of damaged files; the reason we report is what the user needs."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
