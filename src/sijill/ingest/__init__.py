"""Sources to text: plain text in any common encoding, HTML pages, PDFs with a text layer.

`load()` reads one file into a `SourceText` whose text is decoded, normalised (see
`normalize`) and free of web boilerplate; anything it cannot read raises `IngestError`
with the reason, so that callers report it instead of dropping it.
"""

from __future__ import annotations

from pathlib import Path

from sijill.ingest import detect
from sijill.ingest.boilerplate import strip_boilerplate
from sijill.ingest.decode import decode
from sijill.ingest.errors import EMPTY, IngestError, Rejected
from sijill.ingest.files import iter_files
from sijill.ingest.html import Page, html_text
from sijill.ingest.normalize import normalize
from sijill.ingest.pdf import pdf_text
from sijill.model import SourceText, sha256_hex

# Bump when the text load() returns for the same bytes would change.
VERSION = "1"

__all__ = ["VERSION", "IngestError", "iter_files", "load", "load_bytes", "strip_boilerplate"]


def load(path: str | Path) -> SourceText:
    """Read and ingest one file; raises IngestError (missing, unreadable, empty, binary...)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise IngestError(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except OSError as exc:
        raise IngestError(name, exc.strerror or str(exc)) from None
    return load_bytes(data, path=name)


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
    if kind == detect.PDF or (declared is None and detect.starts_pdf(data)):
        if not detect.is_pdf(data):
            raise Rejected("unreadable PDF: no %PDF- header")
        return _finish(SourceText(sha256, pdf_text(data), path, media_type=detect.PDF))
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


def _finish(source: SourceText) -> SourceText:
    """Normalise, strip boilerplate, normalise again (removal can leave blank runs)."""
    text = normalize(strip_boilerplate(normalize(source.text)))
    if not text:
        raise Rejected("no text left after removing web boilerplate")
    return SourceText(source.sha256, text, source.path, source.url, source.media_type,
                      source.title, source.published)
