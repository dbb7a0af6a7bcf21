"""Sources to text: plain text in any common encoding, HTML pages, PDFs, and scans (OCR).

`load()` reads one file into a `SourceText` whose text is decoded, normalised (see
`normalize`) and free of web boilerplate; anything it cannot read raises `IngestError`
with the reason, so that callers report it instead of dropping it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sijill.errors import EMPTY, NO_TEXT_LAYER, IngestError, Rejected
from sijill.ingest import detect, ocr
from sijill.ingest.boilerplate import strip_boilerplate
from sijill.ingest.decode import decode, without_lone_surrogates
from sijill.ingest.files import iter_files
from sijill.ingest.html import Page, html_text
from sijill.ingest.normalize import normalize
from sijill.ingest.pdf import pdf_text
from sijill.model import SourceText, sha256_hex

# Bump when the text load() returns for the same bytes would change.
VERSION = "1"

__all__ = ["VERSION", "display_name", "iter_files", "load", "load_bytes", "read",
           "strip_boilerplate"]


def load(path: str | Path) -> SourceText:
    """Read and ingest one file; raises IngestError (missing, unreadable, empty, binary...)."""
    return load_bytes(read(path), path=display_name(path))


def display_name(path: str | Path) -> str:
    """A path as text that can always be stored and printed: bytes of a file name that are
    not UTF-8 are written as \\xNN escapes (one name, one text; never a lone surrogate)."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


_NOT_FILES = ((stat.S_ISFIFO, "is a named pipe (FIFO), not a file; refused"),
              (stat.S_ISCHR, "is a character device, not a file; refused"),
              (stat.S_ISBLK, "is a block device, not a file; refused"),
              (stat.S_ISSOCK, "is a socket, not a file; refused"))


def read(path: str | Path) -> bytes:
    """A regular file's bytes. Opened without blocking and checked before reading, so that a
    FIFO or a device is refused at once instead of hanging the whole ingest."""
    name = display_name(path)
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            os.listdir(path)  # an unreadable folder says so here
            raise IngestError(name, "is a folder, not a file")
        for test, reason in _NOT_FILES:
            if test(mode):
                raise IngestError(name, reason)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):  # swapped since stat
                raise IngestError(name, "is not a regular file; refused")
            return stream.read()
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except PermissionError as exc:
        what = "folder" if Path(path).is_dir() else "file"
        raise IngestError(name, f"{what} cannot be read: {exc.strerror}") from None
    except OSError as exc:
        raise IngestError(name, exc.strerror or str(exc)) from None


def load_bytes(data: bytes, *, path: str | None = None,
               media_type: str | None = None) -> SourceText:
    """Ingest a source's bytes; `path` names it and helps tell its type, as does `media_type`."""
    try:
        return _ingest(data, path, media_type)
    except Rejected as exc:
        raise IngestError(path or "<bytes>", exc.reason) from None


def _ingest(data: bytes, path: str | None, media_type: str | None) -> SourceText:
    if not data.strip():
        raise Rejected(EMPTY)
    # A caller's media type is trusted; a file name is only a hint that content can overrule.
    declared, charset = detect.parse_media_type(media_type) if media_type else (None, None)
    kind = declared or detect.by_extension(path)
    sha256 = sha256_hex(data)
    image = kind if kind in ocr.IMAGE_TYPES else None
    if declared is None:
        image = ocr.sniff_image(data) or image
    if image:
        return _scanned(sha256, *ocr.ocr_image(data), path, image)
    if kind == detect.PDF or (declared is None and detect.starts_pdf(data)):
        if not detect.is_pdf(data):
            raise Rejected("unreadable PDF: no %PDF- header")
        return _pdf(data, sha256, path)
    text = decode(data, charset or detect.declared_charset(data))
    if not text.strip():
        raise Rejected(EMPTY)
    if declared == detect.HTML or (
        declared is None and detect.looks_html(text, kind == detect.HTML)
    ):
        page: Page = html_text(text)
        return _finish(SourceText(sha256, page.text, path, page.url, detect.HTML,
                                  page.title, page.published))
    return _finish(SourceText(sha256, text, path, media_type=detect.TEXT))


def _pdf(data: bytes, sha256: str, path: str | None) -> SourceText:
    """The text layer, or OCR of the pages when there is none or it is too poor to use."""
    try:
        text = pdf_text(data)
    except Rejected as exc:
        if exc.reason != NO_TEXT_LAYER:
            raise
        text = ""
    if text and not ocr.poor_text_layer(text, data):
        return _finish(SourceText(sha256, text, path, media_type=detect.PDF))
    try:
        return _scanned(sha256, *ocr.ocr_pdf(data), path, detect.PDF)
    except Rejected as exc:
        if text:  # a thin text layer beats nothing
            return _finish(SourceText(sha256, text, path, media_type=detect.PDF))
        raise Rejected(f"{NO_TEXT_LAYER}, and {exc.reason}") from None


def _scanned(sha256: str, text: str, layout: ocr.Layout, path: str | None,
             media_type: str) -> SourceText:
    """OCR'd text is already in normalised form (its layout's offsets index it as it is)."""
    return SourceText(sha256, text, path, media_type=media_type, layout=layout.to_json())


def _finish(source: SourceText) -> SourceText:
    """Normalise, strip boilerplate, normalise again (removal can leave blank runs)."""
    text = normalize(strip_boilerplate(normalize(without_lone_surrogates(source.text))))
    if not text:
        raise Rejected("no text left after removing web boilerplate")
    return SourceText(source.sha256, text, source.path, source.url, source.media_type,
                      source.title, source.published)
