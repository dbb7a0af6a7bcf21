"""Entity pages and the network page, over `sijill.store.entities` (archive-wide entities
and their curation) and the documents' relations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from sijill.model import Document
from sijill.relations import network as net
from sijill.store import Archive, entity_edits, entity_layer
from sijill.store import entities as store_entities
from sijill.store import network as stored_network
from sijill.store.network import Window
from sijill.web import relations
from sijill.web.auth import current_user, require_read, site

if TYPE_CHECKING:
    from sijill.web.app import Site

PAGE_SIZE = 50
# The edits of an entity that its page and the API offer: each store function (entity id,
# value, author, note) and the field that gives its value.
ENTITY_EDITS: dict[str, tuple[Any, str]] = {
    "rename": (entity_edits.rename, "name"), "merge": (entity_edits.merge, "other"),
    "split": (entity_edits.split, "mention")}
LIST_SIZE = 100  # documents or mentions shown at once on an entity page
TYPES = ("person", "organization", "place")


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe="")


def links_for(archive: Archive, doc: Document) -> dict[str, str]:
    """Each entity id the document names, to its page."""
    ids = {e.id for e in doc.entities} | {m.entity for m in doc.mentions}
    return {i: entity_url(i) for i in ids if i}


def resolver(archive: Archive) -> Any:
    """Entity id -> (effective id after merges, name a researcher gave it, if any)."""
    cur = entity_layer.curation(archive)
    return lambda entity_id: (cur.resolve(entity_id), cur.name(entity_id))


def all_entities(s: Site, type_: str | None = None, query: str | None = None) -> list[Any]:
    key = ("entities", type_ or None, query or None)
    return s.cached(key, lambda: store_entities.list_entities(
        s.archive, type=type_ or None, query=query or None))


def entity_detail(s: Site, entity_id: str) -> Any:
    return s.cached(("entity", entity_id),
                    lambda: store_entities.get_entity(s.archive, entity_id))


def entity_brief(s: Site, entity_id: str) -> Any:
    """An entity at a glance (the merge confirmation's sides): its figures without lists."""
    return s.cached(("entity-brief", entity_id),
                    lambda: store_entities.entity_brief(s.archive, entity_id))


def entity_list(s: Site, type_: str | None, query: str | None,
                page: int) -> tuple[list[Any], int, int]:
    found = all_entities(s, type_, query)
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    return found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], len(found), pages


async def entities_page(request: Request) -> Response:
    require_read(request)
    s = site(request)
    q = request.query_params
    type_ = q.get("type") if q.get("type") in TYPES else None
    page = int(q["page"]) if q.get("page", "").isdecimal() else 1
    items, total, pages = entity_list(s, type_, q.get("q"), page)
    return s.page(request, "entities.html", entities=items, total=total, pages=pages,
                  page=page, type=type_, types=TYPES, q=q.get("q", ""), entity_url=entity_url)


def years(detail: Any) -> list[tuple[str, int]]:
    """Documents per year, for the entity's timeline strip."""
    counts: dict[str, int] = {}
    for d in detail.documents:
        if d.date:
            counts[d.date[:4]] = counts.get(d.date[:4], 0) + 1
    return sorted(counts.items())


@dataclass(frozen=True, slots=True)
class Listed:
    """One page of a long list: its items, the list's length, which page, how many."""

    items: list[Any]
    total: int
    page: int
    pages: int
    size: int

    @property
    def first(self) -> int:  # 1-based position of the first item shown
        return (self.page - 1) * self.size + 1 if self.items else 0


def paged(items: list[Any], page: int, size: int | None = LIST_SIZE) -> Listed:
    """The `page`-th (1-based, clamped) `size` items, in their order; size None: all."""
    if size is None or size >= len(items):
        return Listed(items, len(items), 1, 1, max(len(items), 1))
    pages = -(-len(items) // size)
    page = min(max(page, 1), pages)
    return Listed(items[(page - 1) * size : page * size], len(items), page, pages, size)


def window(items: list[Any], limit: int | None, offset: int) -> list[Any]:
    """`limit` items from `offset` on (all from it when limit is None): the API's paging."""
    offset = max(offset, 0)
    return items[offset:] if limit is None else items[offset : offset + max(limit, 0)]


def _page_param(request: Request, name: str) -> int:
    value = request.query_params.get(name, "")
    return int(value) if value.isdecimal() else 1


def _can_edit(request: Request) -> bool:
    user = current_user(request)
    return bool(user and user.can("editor"))


async def entity_page(request: Request, error: str | None = None,
                      status: int = 200) -> Response:
    require_read(request)
    s = site(request)
    detail = entity_detail(s, request.path_params["entity_id"])
    if detail is None:
        raise HTTPException(404, "no such entity")
    rels = relations.for_entity(s.archive, detail.id)
    # the merge form's choices: only an editor sees the form
    candidates = ([c for c in all_entities(s, detail.type) if c.id != detail.id][:200]
                  if _can_edit(request) else [])
    size = None if request.query_params.get("all") == "1" else LIST_SIZE
    return s.page(request, "entity.html", status=status, entity=detail, error=error,
                  relations=paged(rels, _page_param(request, "relations_page"), size),
                  years=years(detail), candidates=candidates,
                  documents=paged(detail.documents, _page_param(request, "docs_page"), size),
                  mentions=paged(detail.mentions, _page_param(request, "mentions_page"), size),
                  entity_url=entity_url,
                  relation_types=relations.TYPES, statuses=relations.STATUSES)


async def network_page(request: Request) -> Response:
    require_read(request)
    s = site(request)
    window = Window.parse(request.query_params)
    conn = s.archive.connection
    return s.page(request, "network.html", window=window,
                  types=stored_network.relation_types(conn) or list(relations.TYPES),
                  years=s.cached("network-years", lambda: stored_network.years(conn)))


def network_data(archive: Archive, params: Any) -> dict[str, Any]:
    data = net.summary(archive, Window.parse(params), resolver(archive))
    for node in data["nodes"]:
        if not node["id"].startswith("name:"):
            node["url"] = entity_url(node["id"])
    return data


ROUTES = [
    Route("/entities", entities_page),
    Route("/entities/{entity_id}", entity_page),
    Route("/network", network_page),
]
