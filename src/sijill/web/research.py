"""A researcher's own layer on the web: saved searches and their alerts, tags and notes on
documents and entities, and the query language's help page. The same library functions
as `sijill searches`, `sijill alerts` and `sijill tag`."""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from sijill.errors import QueryError, StoreError
from sijill.query import parse
from sijill.store import labels as store_labels
from sijill.store import saved as store_saved
from sijill.store.search import alerts, mark_all_seen
from sijill.web import entities, pages
from sijill.web.auth import current_user, require, require_read, site, writes
from sijill.web.entities import entity_url


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}


def _user(request: Request) -> str:
    user = current_user(request)
    assert user is not None  # `writes` or `require` let the request through
    return user.name


# -- saved searches and alerts ----------------------------------------------------------------


async def alerts_page(request: Request, error: str | None = None) -> Response:
    user = require(request, "reader")
    s = site(request)
    upto = store_saved.last_source(s.archive)
    found = alerts(s.archive, user.name, names=s.names, seconds=s.query_seconds)
    return s.page(request, "alerts.html", status=400 if error else 200, alerts=found,
                  upto=upto, error=error)


@writes("reader")
async def save_search(request: Request) -> Response:
    form = await _form(request)
    query = form.get("query", "")
    try:
        parse(query)
        store_saved.save(site(request).archive, _user(request),
                         form.get("name") or query[:60], query)
    except (QueryError, StoreError) as exc:
        return await alerts_page(request, error=str(exc))
    return RedirectResponse("/alerts", status_code=303)


@writes("reader")
async def delete_search(request: Request) -> Response:
    try:
        store_saved.delete(site(request).archive, _user(request),
                           request.path_params["search_id"])
    except StoreError as exc:
        return await alerts_page(request, error=str(exc))
    return RedirectResponse("/alerts", status_code=303)


@writes("reader")
async def mark_seen(request: Request) -> Response:
    raw = (await _form(request)).get("upto", "")
    upto = int(raw) if raw.isdecimal() and len(raw) < 19 else None
    mark_all_seen(site(request).archive, _user(request), upto)
    return RedirectResponse("/alerts", status_code=303)


# -- tags and notes ---------------------------------------------------------------------------


def _label(request: Request, form: dict[str, str], target: dict[str, str]) -> None:
    archive, author = site(request).archive, _user(request)
    action = form.get("action", "")
    if action == "note":
        store_labels.set_note(archive, form.get("note", ""), author=author, **target)
    elif action in ("add", "remove"):
        store_labels.set_tag(archive, form.get("tag", ""), on=action == "add", author=author,
                             **target)
    else:
        raise StoreError("unknown label action: add, remove or note")


async def _labelled(request: Request, target: dict[str, str], url: str,
                    page: Any) -> Response:
    """Apply the form's label change to `target`, then back to its page (`page` with the
    error when the change is refused)."""
    try:
        _label(request, await _form(request), target)
    except StoreError as exc:
        return await page(request, error=str(exc), status=400)
    return RedirectResponse(url + "#labels", status_code=303)


@writes("editor")
async def document_labels(request: Request) -> Response:
    doc_id = request.path_params["doc_id"]
    return await _labelled(request, {"doc_id": doc_id}, f"/documents/{doc_id}",
                           pages.document_page)


@writes("editor")
async def entity_labels(request: Request) -> Response:
    entity_id = request.path_params["entity_id"]
    return await _labelled(request, {"entity_id": entity_id}, entity_url(entity_id),
                           entities.entity_page)


def labels_of(archive: Any, **target: str) -> store_labels.Labels:
    """A document's or entity's labels for its page (none for an unknown one)."""
    try:
        return store_labels.labels(archive, **target)
    except StoreError:
        return store_labels.Labels([], None)


# -- the same as JSON ---------------------------------------------------------------------------


async def api_labels(request: Request) -> Response:
    require_read(request)
    target = ({"doc_id": request.path_params["doc_id"]} if "doc_id" in request.path_params
              else {"entity_id": request.path_params["entity_id"]})
    try:
        found = store_labels.labels(site(request).archive, **target)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from None
    return JSONResponse({"tags": found.tags, "note": found.note, "note_author": found.note_author})


async def api_alerts(request: Request) -> Response:
    user = require(request, "reader")
    s = site(request)
    found = alerts(s.archive, user.name, names=s.names, seconds=s.query_seconds)
    return JSONResponse({"upto": store_saved.last_source(s.archive), "searches": [
        {"id": a.search.id, "name": a.search.name, "query": a.search.query,
         "seen_at": a.search.seen_at, "new": a.total, "error": a.error,
         "documents": [{"id": h.id, "title": h.title, "date": h.date} for h in a.hits]}
        for a in found]})


async def query_help(request: Request) -> Response:
    return site(request).page(request, "query_help.html")


ROUTES = [
    Route("/search/help", query_help),
    Route("/alerts", alerts_page),
    Route("/alerts/seen", mark_seen, methods=["POST"]),
    Route("/searches", save_search, methods=["POST"]),
    Route("/searches/{search_id}/delete", delete_search, methods=["POST"]),
    Route("/documents/{doc_id}/labels", document_labels, methods=["POST"]),
    Route("/entities/{entity_id}/labels", entity_labels, methods=["POST"]),
    Route("/api/alerts", api_alerts),
    Route("/api/documents/{doc_id}/labels", api_labels),
    Route("/api/entities/{entity_id}/labels", api_labels),
]
