"""The HTML pages: home, search, reader (with field editing), timeline, sign-in, accounts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from sijill.errors import QueryError, StoreError
from sijill.store import document_context, flag_edits, sessions, users
from sijill.store.facets import FILTERS
from sijill.store.search import SORTS
from sijill.web import docview, entities, fields, lanes, pairs, timeline
from sijill.web.auth import (
    client_address,
    current_user,
    require,
    require_read,
    safe_next,
    sign_in,
    sign_out,
    site,
    writes,
)
from sijill.web.render import render
from sijill.web.scan import scan_of, shown_span
from sijill.web.search import search
from sijill.web.security import CSRF_FIELD, csrf_ok


def _int(value: str | None, default: int = 1) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def search_args(request: Request) -> dict[str, Any]:
    q = request.query_params
    return {
        "query": q.get("q", ""),
        "filters": {f.param: q[f.param] for f in FILTERS if q.get(f.param)},
        "sort": q.get("sort", "relevance"),
        "page": _int(q.get("page")),
    }


async def home(request: Request) -> Response:
    require_read(request)
    s = site(request)
    recent = search(s.archive, s.names, sort="-date", cache=s.cache, with_facets=False)
    stats = s.cached("stats", s.archive.stats)
    return s.page(request, "home.html", stats=stats, recent=recent.hits[:10])


async def search_page(request: Request) -> Response:
    require_read(request)
    s = site(request)
    args = search_args(request)
    try:
        results = search(s.archive, s.names, **args, cache=s.cache,
                         seconds=s.query_seconds)
    except QueryError as exc:  # the query as typed, with what to change, never a 500
        return s.page(request, "search.html", status=exc.status, results=None, error=str(exc),
                      facet_defs=FILTERS, sorts=SORTS, **args)
    return s.page(request, "search.html", results=results, facet_defs=FILTERS, sorts=SORTS,
                  error=None, **args)


def _document_or_404(request: Request) -> Any:
    doc = site(request).archive.document(request.path_params["doc_id"])
    if doc is None:
        raise HTTPException(404, "no such document")
    return doc


def _evidence(request: Request) -> tuple[int, int] | None:
    raw = request.query_params.get("evidence", "")
    start, _, end = raw.partition("-")
    if start.isdecimal() and end.isdecimal() and int(start) < int(end):
        return int(start), int(end)
    return None


async def document_page(request: Request, error: str | None = None,
                        status: int = 200) -> Response:
    require_read(request)
    s = site(request)
    doc = _document_or_404(request)
    prov = document_context.provenance(s.archive.connection, doc.id)
    issuer, prev_id, next_id = document_context.neighbours(s.archive.connection, doc.id)
    links = entity_links(request, doc)
    return s.page(
        request, "document.html", status=status, doc=doc, error=error,
        view=render(doc, evidence=_evidence(request), links=links),
        prov=prov, links=links, stages=s.archive.stages(doc.id), edits=s.archive.edits(doc.id),
        dates=docview.both_calendars(doc), series=(issuer, prev_id, next_id),
        citation=docview.citation(doc, prov, str(request.base_url)),
        editable=fields.EDITABLE, form_text=lambda f: fields.form_text(doc, f),
        flags=docview.flag_views(doc), dismissed=flag_edits.dismissals(s.archive, doc.id),
        related=docview.related(s.archive, doc),
        scan=scan_of(s.archive, doc.id), scan_span=shown_span(request),
        pairs=pairs.views(s.archive, doc), pair_trail=pairs.trail(s.archive, doc.id),
    )


def entity_links(request: Request, doc: Any) -> dict[str, str]:
    """The archive-wide entity page of each of the document's entities."""
    return entities.links_for(site(request).archive, doc)


async def _reader_write(request: Request, section: str,
                        write: Callable[[Any, Any, dict[str, str], str], object]) -> Response:
    """A write from one of the reader's forms, `write(archive, doc, form, author)`: done, back
    to its section of the page; refused, the page again with the reason."""
    s = site(request)
    doc = _document_or_404(request)
    form = await request.form()
    try:
        write(s.archive, doc, {k: str(form.get(k) or "") for k in form},
              current_user(request).name)
    except StoreError as exc:
        return await document_page(request, error=str(exc), status=400)
    return RedirectResponse(f"/documents/{doc.id}#{section}", status_code=303)


def _edit(archive: Any, doc: Any, form: dict[str, str], who: str) -> None:
    field, note = form.get("field", ""), form.get("note", "").strip()
    archive.edit_field(doc.id, field, fields.form_value(doc, field, form.get("value", "")),
                       author=who, note=note or None)
    pairs.after_field_edit(archive, doc.id)


@writes("editor")
async def edit_field(request: Request) -> Response:
    return await _reader_write(request, "audit", _edit)


@writes("editor")
async def dismiss_flag(request: Request) -> Response:
    return await _reader_write(request, "flags", lambda archive, doc, form, who: (
        flag_edits.dismiss(archive, doc.id, form.get("flag", ""),
                           reason=form.get("reason", ""), author=who)))


@writes("editor")
async def change_pair(request: Request) -> Response:
    return await _reader_write(request, "pair", lambda archive, doc, form, who: (
        pairs.change(archive, doc.id, form, who)))


async def timeline_page(request: Request) -> Response:
    require_read(request)
    s = site(request)
    q = request.query_params
    calendar = q.get("calendar") if q.get("calendar") in lanes.CALENDARS else "gregorian"
    start, end = (_int(q.get(k), 0) or None for k in ("from", "to"))
    granularity = q.get("by") if q.get("by") in ("year", "month") else None
    data = s.cached(("lanes", calendar, start, end, granularity),
                    lambda: lanes.chart(s.archive, calendar, start, end, granularity))
    chosen = q.get("bin", "")
    if chosen and timeline.is_bin(chosen):
        data = dataclasses.replace(data, documents=s.cached(
            ("lanes-docs", calendar, chosen),
            lambda: lanes.documents_of(s.archive, chosen, calendar)))
    else:
        chosen = ""
    # a thousand bars and cells: rendered once per view, not per request
    chart_html = s.cached(("lanes-html", calendar, start, end, granularity, chosen),
                          lambda: Markup(s.templates.env.get_template("_timeline_chart.html")
                                         .render(chart=data, chosen=chosen)))
    return s.page(request, "timeline.html", chart=data, chosen=chosen, params=dict(q),
                  chart_html=chart_html)


async def login_page(request: Request) -> Response:
    s = site(request)
    next_url = safe_next(request.query_params.get("next"))
    if request.method == "GET":
        return s.page(request, "login.html", next=next_url, error=None)
    form = await request.form()
    if not csrf_ok(request, str(form.get(CSRF_FIELD) or "")):
        raise HTTPException(403, "missing or wrong CSRF token: reload the page")
    name, address = str(form.get("name") or ""), client_address(request)
    wait = sessions.retry_after(s.archive, name, address, s.limits)
    if wait is not None:  # refused before any password is checked, right or wrong
        raise HTTPException(429, f"too many failed sign-ins: try again in {wait} seconds",
                            headers={"Retry-After": str(wait)})
    user = users.authenticate(s.archive, name, str(form.get("password") or ""))
    if user is None:
        sessions.record_failure(s.archive, name, address, s.limits)
        return s.page(request, "login.html", status=401, next=next_url,
                      error="Wrong name or password.")
    sessions.clear_failures(s.archive, name)
    sign_in(request, user)
    return RedirectResponse(safe_next(str(form.get("next") or "/")), status_code=303)


@writes("reader")
async def logout(request: Request) -> Response:
    sign_out(request)
    return RedirectResponse("/", status_code=303)


async def users_page(request: Request, error: str | None = None) -> Response:
    require(request, "admin")
    s = site(request)
    return s.page(request, "users.html", users=users.list_users(s.archive), roles=users.ROLES,
                  error=error, status=400 if error else 200)


@writes("admin")
async def add_user(request: Request) -> Response:
    form = await request.form()
    role = str(form.get("role") or "reader")
    try:
        users.add_user(site(request).archive, str(form.get("name") or ""),
                       str(form.get("password") or ""), role)  # type: ignore[arg-type]
    except StoreError as exc:
        return await users_page(request, error=str(exc))
    return RedirectResponse("/users", status_code=303)


ROUTES = [
    Route("/", home),
    Route("/search", search_page),
    Route("/documents/{doc_id}", document_page),
    Route("/documents/{doc_id}/fields", edit_field, methods=["POST"]),
    Route("/documents/{doc_id}/flags/dismiss", dismiss_flag, methods=["POST"]),
    Route("/documents/{doc_id}/pairs", change_pair, methods=["POST"]),
    Route("/timeline", timeline_page),
    Route("/login", login_page, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/users", users_page),
    Route("/users", add_user, methods=["POST"]),
]
