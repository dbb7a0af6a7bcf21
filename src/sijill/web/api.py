"""The JSON API under /api/, mirroring the pages; described by `openapi.yaml` (served as
/api/openapi.json). Reads follow the pages' access rule; every write needs an editor's
session and its CSRF token in the `X-CSRF-Token` header (see `auth.writes`)."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import cache
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sijill.checks import pairing
from sijill.data import ANY, TEXT, bundled, listof, load, record, table
from sijill.errors import QueryError, StoreError
from sijill.store import flag_edits
from sijill.store import flags as store_flags
from sijill.web import entities, fields, pairs, relations, timeline
from sijill.web.auth import Handler, author, require_read, site, writes
from sijill.web.pages import search_args
from sijill.web.search import search

OPENAPI = bundled("sijill.web", "openapi.yaml")
# An OpenAPI 3 document; its own validators know the rest of its shape.
OPENAPI_SHAPE = record(openapi=TEXT, info=table(ANY), components=table(ANY),
                       security=listof(ANY), paths=table(table(ANY)))


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(body, dict):
        raise HTTPException(400, "the body is a JSON object")
    return body


def _doc(request: Request) -> Any:
    doc = site(request).archive.document(request.path_params["doc_id"])
    if doc is None:
        raise HTTPException(404, "no such document")
    return doc


async def api_search(request: Request) -> Response:
    require_read(request)
    s = site(request)
    try:
        results = search(s.archive, s.names, **search_args(request), cache=s.cache,
                         seconds=s.query_seconds)
    except QueryError as exc:
        return Json({"error": str(exc), "status": exc.status}, exc.status)
    return Json({
        "results": [h.to_dict() for h in results.hits], "total": results.total,
        "page": results.page, "pages": results.pages, "variants": results.variants,
        "facets": {k: [{"value": v, "label": results.label(k, v), "count": n} for v, n in rows]
                   for k, rows in results.facets.items()},
    })


async def api_document(request: Request) -> Response:
    require_read(request)
    doc = _doc(request)
    return Json({**doc.to_dict(), "pairs": pairing.of_document(site(request).archive, doc.id)})


async def api_pairs(request: Request) -> Response:
    require_read(request)
    doc, archive = _doc(request), site(request).archive
    return Json({"pairs": pairing.of_document(archive, doc.id),
                 "edits": pairs.trail(archive, doc.id)})


@writes("editor")
async def api_change_pair(request: Request) -> Response:
    doc, body, archive = _doc(request), await _body(request), site(request).archive
    try:
        pairs.change(archive, doc.id, body, author(request))
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from None
    return Json({"pairs": pairing.of_document(archive, doc.id)}, 201)


async def api_edits(request: Request) -> Response:
    require_read(request)
    return Json({"edits": site(request).archive.edits(_doc(request).id)})


def _edit_value(doc: Any, body: dict[str, Any]) -> Any:
    """The contract JSON given as `value`, or found from `text` (a string, or a list)."""
    field = str(body.get("field", ""))
    if "value" in body:
        return body["value"]
    text = body.get("text")
    if isinstance(text, list):
        text = "\n".join(str(t) for t in text)
    if not isinstance(text, str):
        raise StoreError("give the new value as `value` (contract JSON) or `text`")
    return fields.form_value(doc, field, text)


@writes("editor")
async def api_edit_field(request: Request) -> Response:
    s, doc, body = site(request), _doc(request), await _body(request)
    try:
        edit = s.archive.edit_field(doc.id, str(body.get("field", "")), _edit_value(doc, body),
                                    author=author(request), note=body.get("note"))
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from None
    pairs.after_field_edit(s.archive, doc.id)
    return Json({"edit": edit, "document": s.archive.document(doc.id).to_dict()}, 201)


async def api_flags(request: Request) -> Response:
    require_read(request)
    doc = _doc(request)
    return Json({"flags": [{**f.to_dict(), "check": store_flags.check_name(f.code),
                            "key": store_flags.flag_key(f)} for f in doc.flags],
                 "dismissed": [d.to_dict() for d in
                               flag_edits.dismissals(site(request).archive, doc.id)]})


@writes("editor")
async def api_dismiss_flag(request: Request) -> Response:
    doc = _doc(request)
    return await _write(request, lambda b: flag_edits.dismiss(
        site(request).archive, doc.id, str(b.get("flag", "")), reason=str(b.get("reason", "")),
        author=author(request)))


async def api_entities(request: Request) -> Response:
    require_read(request)
    q = request.query_params
    page = int(q["page"]) if q.get("page", "").isdecimal() else 1
    items, total, pages = entities.entity_list(site(request), q.get("type"), q.get("q"), page)
    return Json({"entities": [e.to_dict() for e in items], "total": total, "page": page,
                 "pages": pages})


async def api_entity(request: Request) -> Response:
    require_read(request)
    detail = entities.entity_detail(site(request), request.path_params["entity_id"])
    if detail is None:
        raise HTTPException(404, "no such entity")
    data = detail.to_dict()
    q = request.query_params
    limit = int(q["limit"]) if q.get("limit", "").isdecimal() else None
    offset = int(q["offset"]) if q.get("offset", "").isdecimal() else 0
    # the totals stay whole: a page of the lists never hides how long they are
    data["documents_total"], data["mentions_total"] = len(data["documents"]), len(data["mentions"])
    data["documents"] = entities.window(data["documents"], limit, offset)
    data["mentions"] = entities.window(data["mentions"], limit, offset)
    data["limit"], data["offset"] = limit, offset
    data["relations"] = relations.for_entity(site(request).archive, detail.id)
    return Json(data)


async def _write(request: Request, action: Any) -> Response:
    try:
        result = action(await _body(request))
    except (StoreError, ValueError, TypeError) as exc:
        raise HTTPException(400, str(exc)) from None
    return Json({"result": result if isinstance(result, int | str) else str(result)}, 201)


def _api_edit(kind: str) -> Handler:
    """The JSON handler of one of ENTITY_EDITS."""
    edit, field = entities.ENTITY_EDITS[kind]

    @writes("editor")
    async def handler(request: Request) -> Response:
        return await _write(request, lambda b: edit(
            site(request).archive, request.path_params["entity_id"], str(b.get(field, "")),
            author=author(request), note=b.get("note")))

    handler.__name__ = f"api_{kind}"
    return handler


api_rename, api_merge, api_split = (_api_edit(kind) for kind in ("rename", "merge", "split"))


async def api_relations(request: Request) -> Response:
    require_read(request)
    entity_id = request.query_params.get("entity")
    if not entity_id:
        raise HTTPException(400, "give ?entity=ID (or see /api/network for all relations)")
    return Json({"relations": relations.for_entity(site(request).archive, entity_id)})


@writes("editor")
async def api_add_relation(request: Request) -> Response:
    return await _write(request, lambda b: relations.add(
        site(request).archive, source=str(b.get("source", "")), type_=str(b.get("type", "")),
        target=str(b.get("target", "")), doc_id=str(b.get("document", "")),
        start=int(b.get("start", -1)), end=int(b.get("end", -1)),
        status=str(b.get("status") or "asserted"), author=author(request),
        note=b.get("note")))


@writes("editor")
async def api_relation_verdict(request: Request) -> Response:
    return await _write(request, lambda b: relations.verdict(
        site(request).archive, request.path_params["relation_id"], str(b.get("verdict", "")),
        author=author(request), note=b.get("note")))


async def api_network(request: Request) -> Response:
    require_read(request)
    s = site(request)
    key = ("network", tuple(sorted(request.query_params.items())))
    return Json(s.cached(key, lambda: entities.network_data(s.archive, request.query_params)))


async def api_timeline(request: Request) -> Response:
    require_read(request)
    s, month = site(request), request.query_params.get("month")
    month = month if month and timeline.is_month(month) else None
    data = s.cached(("timeline", month), lambda: timeline.timeline(s.archive, month))
    return Json({**asdict(data), "months": [{"month": m, "count": n} for m, n in data.months],
                 "year_only": [{"year": y, "count": n} for y, n in data.year_only]})


@cache
def openapi() -> dict[str, Any]:
    return load(OPENAPI, OPENAPI_SHAPE)  # type: ignore[no-any-return]


async def api_openapi(request: Request) -> Response:
    return Json(openapi())


ROUTES = [
    Route("/api/openapi.json", api_openapi),
    Route("/api/search", api_search),
    Route("/api/documents/{doc_id}", api_document),
    Route("/api/documents/{doc_id}/edits", api_edits),
    Route("/api/documents/{doc_id}/fields", api_edit_field, methods=["POST"]),
    Route("/api/documents/{doc_id}/flags", api_flags),
    Route("/api/documents/{doc_id}/flags/dismiss", api_dismiss_flag, methods=["POST"]),
    Route("/api/documents/{doc_id}/pairs", api_pairs),
    Route("/api/documents/{doc_id}/pairs", api_change_pair, methods=["POST"]),
    Route("/api/entities", api_entities),
    Route("/api/entities/{entity_id}", api_entity),
    Route("/api/entities/{entity_id}/rename", api_rename, methods=["POST"]),
    Route("/api/entities/{entity_id}/merge", api_merge, methods=["POST"]),
    Route("/api/entities/{entity_id}/split", api_split, methods=["POST"]),
    Route("/api/relations", api_relations),
    Route("/api/relations", api_add_relation, methods=["POST"]),
    Route("/api/relations/{relation_id}/verdict", api_relation_verdict, methods=["POST"]),
    Route("/api/network", api_network),
    Route("/api/timeline", api_timeline),
]
