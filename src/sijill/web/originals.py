"""The original file behind a document, to view or download from the reader.

The archive keeps each source's path and the SHA-256 of the bytes it ingested; the original
is served only when the file at that path still has those bytes (a changed or moved file is
reported, never passed off as the original). HTML is sanitised with nh3 (no script, no
style, no event handler, links kept with rel=noopener) and served under a sandboxing
Content-Security-Policy; PDFs and text are served as they are. `?download=1` sends any of
them as an attachment under its own file name.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import quote, urlsplit

import nh3
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sijill.errors import Rejected
from sijill.ingest.decode import decode
from sijill.store import document_context
from sijill.web.auth import require_read, site

SAFE_SCHEMES = ("http", "https")
# A viewed original may not run script, load anything, or be framed by another site.
SANDBOX = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
_TAGS = nh3.ALLOWED_TAGS - {"img"}  # an image would be fetched from its site


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s) with a host; None for javascript:, data:, relative..."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in SAFE_SCHEMES and parts.netloc else None


def _disposition(kind: str, name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", name) or "original"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def original(request: Request) -> tuple[bytes, str, str]:
    """(bytes, media type, file name) of a document's original, or an HTTP error saying
    why it is not available."""
    s = site(request)
    row = document_context.original_file(s.archive.connection, request.path_params["doc_id"])
    if row is None:
        raise HTTPException(404, "no such document")
    path, sha256, media_type = row
    if not path:
        raise HTTPException(404, "this document was not ingested from a file")
    file = Path(path)
    if not file.is_absolute():  # stored as given on the command line: beside the archive,
        file = next((f for f in (s.db.resolve().parent / file, Path.cwd() / file)  # or here
                     if f.exists()), file)
    try:
        data = file.read_bytes()
    except OSError:
        raise HTTPException(404, f"the original file is no longer at {path}") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise HTTPException(409, f"the file at {path} has changed since it was ingested")
    return data, media_type or "application/octet-stream", file.name


def _text(data: bytes) -> str:
    """As ingest read it (any common encoding); replacement characters if that fails."""
    try:
        return decode(data)
    except (Rejected, ValueError):
        return data.decode("utf-8", errors="replace")


async def original_page(request: Request) -> Response:
    require_read(request)
    data, media_type, name = original(request)
    headers = {"x-content-type-options": "nosniff", "cache-control": "private, max-age=300"}
    if request.query_params.get("download") == "1":
        headers["content-disposition"] = _disposition("attachment", name)
        return Response(data, media_type=media_type, headers=headers)
    headers["content-disposition"] = _disposition("inline", name)
    if media_type.startswith("text/html"):
        html = nh3.clean(_text(data), tags=_TAGS,
                         link_rel="noopener noreferrer nofollow",
                         url_schemes=set(SAFE_SCHEMES))
        headers["content-security-policy"] = SANDBOX
        return Response(html, media_type="text/html; charset=utf-8", headers=headers)
    if media_type.startswith("text/"):
        headers["content-security-policy"] = SANDBOX
        return Response(_text(data), media_type="text/plain; charset=utf-8", headers=headers)
    if media_type == "application/pdf":
        return Response(data, media_type=media_type, headers=headers)
    headers["content-disposition"] = _disposition("attachment", name)
    return Response(data, media_type="application/octet-stream", headers=headers)


ROUTES = [Route("/documents/{doc_id}/original", original_page)]
