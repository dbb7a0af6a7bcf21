"""The curation forms of the entity pages: rename, merge, split an entity; add a relation
or give a verdict on one. Each goes to the human layer with its author, through the same
library functions as the CLI and the JSON API."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from sijill.errors import StoreError
from sijill.web import entities as pages
from sijill.web import relations
from sijill.web.auth import Handler, author, site, writes


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: str(v).strip() for k, v in form.items() if isinstance(v, str)}


async def _done(request: Request, action: object, target: str) -> Response:
    try:
        result = action()  # type: ignore[operator]
    except (StoreError, ValueError) as exc:
        return await pages.entity_page(request, error=str(exc), status=400)
    if callable(target):
        target = target(result)
    return RedirectResponse(target, status_code=303)


def _entity_edit(kind: str) -> Handler:
    """The form handler of one of ENTITY_EDITS: back to the entity's audit trail (a split:
    to the new entity)."""
    edit, field = pages.ENTITY_EDITS[kind]

    @writes("editor")
    async def handler(request: Request) -> Response:
        form, entity_id = await _form(request), request.path_params["entity_id"]
        target = (pages.entity_url if kind == "split"
                  else pages.entity_url(entity_id) + "#audit")
        return await _done(request, lambda: edit(
            site(request).archive, entity_id, form.get(field, ""), author=author(request),
            note=form.get("note") or None), target)

    handler.__name__ = kind
    return handler


rename, merge, split = (_entity_edit(kind) for kind in ("rename", "merge", "split"))


def _int(value: str | None) -> int:
    if not value or not value.isdecimal():
        raise StoreError("evidence offsets are whole numbers")
    return int(value)


@writes("editor")
async def add_relation(request: Request) -> Response:
    form, entity_id = await _form(request), request.path_params["entity_id"]
    return await _done(request, lambda: relations.add(
        site(request).archive, source=entity_id, type_=form.get("type", ""),
        target=form.get("target", ""), doc_id=form.get("document", ""),
        start=_int(form.get("start")), end=_int(form.get("end")),
        status=form.get("status") or "asserted", author=author(request),
        note=form.get("note") or None), pages.entity_url(entity_id) + "#relations")


@writes("editor")
async def relation_verdict(request: Request) -> Response:
    form, entity_id = await _form(request), request.path_params["entity_id"]
    return await _done(request, lambda: relations.verdict(
        site(request).archive, form.get("relation", ""), form.get("verdict", ""),
        author=author(request), note=form.get("note") or None),
        pages.entity_url(entity_id) + "#relations")


ROUTES = [
    *pages.ROUTES,
    Route("/entities/{entity_id}/rename", rename, methods=["POST"]),
    Route("/entities/{entity_id}/merge", merge, methods=["POST"]),
    Route("/entities/{entity_id}/split", split, methods=["POST"]),
    Route("/entities/{entity_id}/relations", add_relation, methods=["POST"]),
    Route("/entities/{entity_id}/relations/verdict", relation_verdict, methods=["POST"]),
]
