"""Downloads from the web app: the network as GEXF 1.3 (Gephi) or GraphML, in the page's
time window, built exactly as `sijill network` builds it; the archive's tables as XLSX."""

from __future__ import annotations

import tempfile
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sijill.export import Selection, xlsx
from sijill.relations import network as net
from sijill.store import relation_claims
from sijill.store.network import Window
from sijill.web.auth import require_read, site

MEDIA = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(data: bytes | str, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={
        "content-disposition": f'attachment; filename="{name}"',
        "x-content-type-options": "nosniff"})


async def network_file(request: Request) -> Response:
    require_read(request)
    fmt = request.path_params["fmt"]
    if fmt not in MEDIA:
        raise HTTPException(404, "the network downloads as gexf or graphml")
    s = site(request)
    asked = Window.parse(request.query_params)
    window = Window(asked.start, asked.end, asked.types)  # every edge, of any status
    text = s.cached(("network-file", fmt, window), lambda: net.serialise(
        net.build(relation_claims.all_claims(s.archive), window), fmt))
    return _attachment(text, MEDIA[fmt], f"sijill-network.{fmt}")


async def tables_xlsx(request: Request) -> Response:
    require_read(request)
    s = site(request)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "sijill.xlsx"
        xlsx.export(Selection.of(s.archive), out)
        data = out.read_bytes()
    return _attachment(data, XLSX, "sijill-archive.xlsx")


ROUTES = [
    Route("/export/network.{fmt}", network_file),
    Route("/export/archive.xlsx", tables_xlsx),
]
