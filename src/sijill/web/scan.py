"""The scan behind an OCR'd document: each page image, with a span's words highlighted.

The archive keeps the OCR layout (word offsets and boxes), not the image: the page is read
again from the source's path, so a scan moved away or changed since ingest is a clear 404.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sijill.errors import Rejected
from sijill.ingest.ocr import Layout, page_image
from sijill.model import sha256_hex
from sijill.store import Archive, document_context
from sijill.web.auth import require_read, site

# Pages are sent at most this wide; boxes are scaled with them.
MAX_WIDTH = 1100
HIGHLIGHT = (255, 210, 0, 110)  # translucent yellow over the words of the span


@dataclass(frozen=True)
class Scan:
    path: str | None
    media_type: str | None
    layout: Layout
    offset: int  # where the document's text starts in its source's text
    sha256: str  # of the bytes that were OCR'd

    @property
    def pages(self) -> int:
        return len(self.layout.pages)


def scan_of(archive: Archive, doc_id: str) -> Scan | None:
    """The scan a document was OCR'd from, or None when it was read as text."""
    src = document_context.scan_source(archive.connection, doc_id)
    if src is None or not src.layout:
        return None
    return Scan(src.path, src.media_type, Layout.from_json(src.layout),
                max(0, src.source_text.find(src.doc_text)), src.sha256)


def _span(request: Request) -> tuple[int, int] | None:
    q = request.query_params
    start, end = q.get("start", ""), q.get("end", "")
    if start.isdecimal() and end.isdecimal() and int(start) < int(end):
        return int(start), int(end)
    return None


def shown_span(request: Request) -> tuple[int, int] | None:
    """The reader's `?span=START-END`: a span of the document to show on its scan."""
    start, _, end = request.query_params.get("span", "").partition("-")
    if start.isdecimal() and end.isdecimal() and int(start) < int(end):
        return int(start), int(end)
    return None


async def scan_page(request: Request) -> Response:
    require_read(request)
    scan = scan_of(site(request).archive, request.path_params["doc_id"])
    if scan is None:
        raise HTTPException(404, "this document was not read from a scan")
    page = request.path_params["page"]
    number = int(page) if page.isdecimal() and len(page) <= len(str(scan.pages)) else 0
    if not 1 <= number <= scan.pages:
        raise HTTPException(404, f"the scan has {scan.pages} page(s)")
    try:
        data = Path(scan.path or "").read_bytes()
        if sha256_hex(data) != scan.sha256:  # the boxes belong to the bytes that were read
            raise HTTPException(404, f"the file at {scan.path} has changed since it was OCR'd")
        image = page_image(data, scan.media_type, number - 1)
    except (OSError, Rejected) as exc:
        raise HTTPException(404, f"the scan is no longer readable at {scan.path}: {exc}") from None
    span = _span(request)
    boxes = [] if span is None else [
        box for page, box in scan.layout.boxes(span[0] + scan.offset, span[1] + scan.offset)
        if page == number - 1]
    return Response(_png(image, boxes), media_type="image/png",
                    headers={"Cache-Control": "private, max-age=300"})


def _png(image: object, boxes: list[tuple[int, int, int, int]]) -> bytes:
    from PIL import Image, ImageDraw

    assert isinstance(image, Image.Image)
    page = image.convert("RGBA")
    if boxes:
        overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(overlay)
        for left, top, width, height in boxes:
            draw.rectangle((left - 3, top - 3, left + width + 3, top + height + 3), fill=HIGHLIGHT)
        page = Image.alpha_composite(page, overlay)
    if page.width > MAX_WIDTH:
        page = page.resize((MAX_WIDTH, round(page.height * MAX_WIDTH / page.width)))
    buf = io.BytesIO()
    page.convert("RGB").save(buf, "PNG", optimize=False)
    return buf.getvalue()


# `{page}`, not `{page:int}`: Starlette's int convertor fails (a 500) on a number of
# thousands of digits before any handler could refuse it.
ROUTES = [Route("/documents/{doc_id}/scan/{page}.png", scan_page)]
