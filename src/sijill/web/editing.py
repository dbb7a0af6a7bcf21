"""Curation by name, not id: the entity type-ahead, merge with a side-by-side confirmation,
relations added by selecting their evidence in the reader, and undo from the audit trails.
Every write goes through the store's functions, as the CLI's and the API's do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from sijill.errors import StoreError
from sijill.names import fold, name_key
from sijill.store import entity_layer, entity_relations
from sijill.store import undo as store_undo
from sijill.web import entities as entity_pages
from sijill.web import pages, pairs, relations
from sijill.web.auth import author, require_read, safe_next, site, writes

SUGGEST_LIMIT = 15


@dataclass(frozen=True, slots=True)
class _Named:
    """An entity with its names folded and keyed once, for the type-ahead."""

    entity: Any
    folded: tuple[str, ...]
    keys: tuple[frozenset[str], ...]  # each name's words' name keys


def _index(s: Any, type_: str | None) -> list[_Named]:
    def build() -> list[_Named]:
        out = []
        for e in entity_pages.all_entities(s, type_):
            names = [e.name, *(a.name for a in e.aliases)]
            out.append(_Named(e, tuple(fold(n) for n in names),
                              tuple(frozenset(name_key(n).split()) for n in names)))
        return out
    return s.cached(("suggest-index", type_), build)  # type: ignore[no-any-return]


def _rank(named: _Named, folded: str, key: str) -> int | None:
    """0: a name (or a word of it) starts with the query; 1: each word of the query is
    spelt as a word of the name (Jolani, Jowlani); 2: a name contains it."""
    if any(f.startswith(folded) or f" {folded}" in f for f in named.folded):
        return 0
    words = key.split()
    if words and any(all(w in k for w in words) for k in named.keys):
        return 1
    return 2 if any(folded in f for f in named.folded) else None


def suggest(s: Any, query: str, type_: str | None = None,
            limit: int = SUGGEST_LIMIT) -> list[dict[str, Any]]:
    """Entities of the whole archive whose name or a spelling of it matches `query`, best
    first (prefix, same name, contains; then most mentioned)."""
    folded, key = fold(query.strip()), name_key(query.strip())
    if not folded:
        return []
    ranked = []
    for named in _index(s, type_):
        rank = _rank(named, folded, key)
        if rank is not None:
            ranked.append((rank, -named.entity.mentions, named.entity))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [{"id": e.id, "name": e.name, "type": e.type, "mentions": e.mentions,
             "documents": e.documents, "aliases": [a.name for a in e.aliases[:5]]}
            for _, _, e in ranked[:limit]]


async def suggest_api(request: Request) -> Response:
    require_read(request)
    q = request.query_params
    type_ = q.get("type") if q.get("type") in entity_pages.TYPES else None
    limit = int(q["limit"]) if q.get("limit", "").isdecimal() else SUGGEST_LIMIT
    return JSONResponse({"results": suggest(site(request), q.get("q", ""), type_,
                                            min(max(limit, 1), 50))})


def resolve_name(s: Any, name: str, type_: str | None = None) -> list[Any]:
    """The entities a typed name may mean: those named exactly so (any spelling of the
    name), else every match; the caller asks the user to choose when there are several."""
    folded, key = fold(name.strip()), name_key(name.strip())
    if not folded:
        return []
    found = [n for n in _index(s, type_) if _rank(n, folded, key) is not None]
    exact = [n.entity for n in found if folded in n.folded]
    return exact or [n.entity for n in found]


def claims_trail(archive: Any, doc_id: str) -> list[dict[str, Any]]:
    """The relation claims (added, confirmed, rejected) made on a document, oldest first,
    with the ends' names and whether each was undone."""
    rows = entity_relations.document_claims(archive.connection, doc_id)
    if not rows:
        return []
    added = {r[2]: r for r in rows if r[1] == "add"}
    undone = store_undo.undone(archive, "relation")
    cur = entity_layer.curation(archive)
    names = entity_relations.main_names(archive.connection,
                                        {x for r in rows for x in (r[4], r[5]) if x})
    out = []
    for id_, kind, key, type_, src, dst, start, end, words, by, note, at in rows:
        if kind != "add" and key in added:  # a verdict on an added relation: name it
            _, _, _, type_, src, dst, start, end, words, *_ = added[key]
        out.append({"id": id_, "kind": {"add": "added"}.get(kind, kind + "ed"),
                    "type": type_ or "(machine relation)",
                    "source_name": cur.name(src) or names.get(src, src) if src else "",
                    "target_name": cur.name(dst) or names.get(dst, dst) if dst else "",
                    "start": start, "end": end, "evidence": words, "author": by,
                    "note": note, "created_at": at, "undo": undone.get(id_)})
    return out


async def merge_confirm(request: Request) -> Response:
    """Both entities side by side before a merge; several matches for a typed name: a
    choice among them."""
    require_read(request)
    s = site(request)
    keep = entity_pages.entity_brief(s, request.path_params["entity_id"])
    if keep is None:
        raise HTTPException(404, "no such entity")
    q = request.query_params
    other_id, name = q.get("other", ""), q.get("other_name", "").strip()
    choices: list[Any] = []
    other = entity_pages.entity_brief(s, other_id) if other_id else None
    if other is None and name:
        choices = [e for e in resolve_name(s, name, keep.type) if e.id != keep.id]
        if len(choices) == 1:
            other, choices = entity_pages.entity_brief(s, choices[0].id), []
    error = None
    if other is None and not choices:
        error = f"No {keep.type} in the archive is called “{name or other_id}”."
    elif other is not None and other.id == keep.id:
        error, other = "That is this entity already.", None
    return s.page(request, "merge_confirm.html", keep=keep, other=other, choices=choices[:30],
                  typed=name, error=error, entity_url=entity_pages.entity_url,
                  status=400 if error else 200)


@writes("editor")
async def undo_edit(request: Request) -> Response:
    form = await request.form()
    layer, raw = str(form.get("layer") or ""), str(form.get("edit") or "")
    back = safe_next(str(form.get("next") or "/"))
    try:
        store_undo.undo(site(request).archive, layer, int(raw) if raw.isdecimal() else -1,
                        author=author(request), note=str(form.get("note") or "") or None)
    except StoreError as exc:
        return site(request).page(request, "error.html", status=400, code=400,
                                  message=f"Cannot undo: {exc}")
    if layer == "field":
        pairs.after_field_edit(site(request).archive)
    return RedirectResponse(back + ("" if "#" in back else "#audit"), status_code=303)


def _entity_for(s: Any, doc: Any, raw_id: str, name: str) -> str:
    """An end of a relation: the picked id, else the document's entity of that name, else
    the archive's one entity of that name."""
    if raw_id:
        return raw_id
    name = name.strip()
    if not name:
        raise StoreError("choose both entities of the relation")
    cur = entity_layer.curation(s.archive)
    here = {cur.resolve(e.id) for e in doc.entities if fold(e.name) == fold(name)}
    if len(here) == 1:
        return here.pop()
    found = resolve_name(s, name)
    if len(found) != 1:
        raise StoreError(f"“{name}” names {len(found)} entities: pick one from the list")
    return str(found[0].id)


@writes("editor")
async def add_relation(request: Request) -> Response:
    """A relation whose evidence the editor selected in the reader."""
    s = site(request)
    doc = s.archive.document(request.path_params["doc_id"])
    if doc is None:
        raise HTTPException(404, "no such document")
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    start, end = (int(v) if v.isdecimal() else -1
                  for v in (form.get("start", ""), form.get("end", "")))
    if start < 0 or end < 0:
        return await pages.document_page(request, error="select the evidence in the text first",
                                         status=400)
    try:
        if doc.text[start:end] != form.get("evidence", ""):
            raise StoreError("the selected words are not the text at those offsets:"
                             " select them again")
        relations.add(s.archive, source=_entity_for(s, doc, form.get("source", ""),
                                                    form.get("source_name", "")),
                      type_=form.get("type", ""),
                      target=_entity_for(s, doc, form.get("target", ""),
                                         form.get("target_name", "")),
                      doc_id=doc.id, start=start, end=end,
                      status=form.get("status") or "asserted", author=author(request),
                      note=form.get("note") or None)
    except (StoreError, ValueError) as exc:
        return await pages.document_page(request, error=str(exc), status=400)
    return RedirectResponse(f"/documents/{doc.id}?evidence={start}-{end}#evidence",
                            status_code=303)


ROUTES = [
    Route("/api/entities/suggest", suggest_api),
    Route("/entities/{entity_id}/merge/confirm", merge_confirm),
    Route("/undo", undo_edit, methods=["POST"]),
    Route("/documents/{doc_id}/relations", add_relation, methods=["POST"]),
]
