"""Upload in the browser, for editors: the page takes files or a whole folder (dropped or
chosen) and sends them one request per file, so it can show each file's progress and each
failure with its reason. Each file is kept under the archive's uploads folder (its path
there, relative to the folder dropped, is its source key: uploading a changed version
updates it and keeps human edits) and ingested by the same pipeline as `sijill ingest`."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sijill import pipeline
from sijill.store import document_context
from sijill.web.auth import require, site, writes

MAX_BYTES = 50 * 1024 * 1024
_PART = re.compile(r"[^\w.\- ()]+")


def uploads_dir(db: Path) -> Path:
    """Beside the archive file: `sijill.db` keeps its uploads in `sijill-uploads/`."""
    return db.resolve().parent / f"{db.stem}-uploads"


def safe_relative(name: str) -> Path | None:
    """A browser-given (relative) file name as a path that stays inside the uploads folder:
    no "..", no hidden parts, no drive or root."""
    parts = [_PART.sub("_", p).strip() for p in re.split(r"[\\/]+", name)]
    parts = [p for p in parts if p and p not in (".", "..") and not p.startswith(".")]
    return Path(*parts[-8:]) if parts else None


def _stored_ids(s: Any, path: Path) -> list[str]:
    return document_context.ids_of_source(s.archive.connection, pipeline.canonical_key(path, None))


def _ingest(s: Any, target: Path, data: bytes) -> dict[str, Any]:
    """Write the file, ingest it; a failed ingest puts the previous version back."""
    target.parent.mkdir(parents=True, exist_ok=True)
    previous = target.read_bytes() if target.exists() else None
    target.write_bytes(data)
    report = pipeline.ingest_paths(s.archive, [target])
    if report.failed:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(previous)
        return {"status": "failed", "reason": report.failed[0][1]}
    status = ("added" if report.added else "updated" if report.updated else "unchanged")
    return {"status": status, "documents": _stored_ids(s, target)}


@writes("editor")
async def upload_api(request: Request) -> Response:
    s = site(request)
    form = await request.form(max_files=1)
    file = form.get("file")
    if not isinstance(file, UploadFile):
        return JSONResponse({"status": "failed", "reason": "no file in the request"}, 400)
    given = str(form.get("path") or file.filename or "")
    relative = safe_relative(given)
    if relative is None:
        return JSONResponse({"file": given, "status": "failed",
                             "reason": "the file has no usable name"}, 400)
    data = await file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        return JSONResponse({"file": given, "status": "failed",
                             "reason": f"larger than {MAX_BYTES // 2**20} MB"}, 413)
    result = _ingest(s, uploads_dir(s.db) / relative, data)
    return JSONResponse({"file": given, **result},
                        status_code=422 if result["status"] == "failed" else 200)


async def upload_page(request: Request) -> Response:
    require(request, "editor")
    s = site(request)
    return s.page(request, "upload.html", max_mb=MAX_BYTES // 2**20)


ROUTES = [
    Route("/upload", upload_page),
    Route("/api/upload", upload_api, methods=["POST"]),
]
