"""The web app: one Starlette application over one archive file.

Handlers are `async` and the archive's SQLite connection lives on the event loop's thread:
queries are short, so one connection serves every request in turn without locks, and the
CLI (ingest, reprocess) can write to the same file meanwhile (WAL mode).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import AsyncIterator, Callable, Hashable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sijill.query.engine import BUDGET as QUERY_BUDGET
from sijill.store import Archive
from sijill.store import relations as store_relations
from sijill.store import undo as store_undo
from sijill.store.users import secret
from sijill.web import (
    api,
    curation,
    editing,
    exports,
    originals,
    pages,
    research,
    scan,
    upload,
)
from sijill.web.auth import current_user, login_redirect
from sijill.web.cache import ArchiveCache
from sijill.web.search import NameIndex
from sijill.web.security import CSRF_FIELD, SecurityHeaders, csrf_token

T = TypeVar("T")
HERE = Path(__file__).parent
SESSION_COOKIE = "sijill_session"
SESSION_DAYS = 14


def vendor_dir() -> Path:
    """vis-network, as the `pyvis` package ships it (installed from PyPI, never copied)."""
    return Path(str(files("pyvis").joinpath("lib", "vis-9.1.2")))


@dataclass
class Site:
    """What every handler shares: the archive, the templates, the name index."""

    db: Path
    public: bool = False
    archive: Archive = field(init=False)
    names: NameIndex = field(default_factory=NameIndex)
    cache: ArchiveCache = field(default_factory=ArchiveCache)
    # Each search's time budget ($SIJILL_QUERY_SECONDS): over it, a 503 rather than a wait.
    query_seconds: float = field(default_factory=lambda: float(
        os.environ.get("SIJILL_QUERY_SECONDS") or QUERY_BUDGET))
    templates: Jinja2Templates = field(init=False)

    def __post_init__(self) -> None:
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        env = self.templates.env
        env.globals["csrf_field"] = CSRF_FIELD
        env.filters["merge"] = _merge
        env.filters["show_value"] = show_value
        env.filters["readable"] = readable
        env.filters["bidi"] = isolate_brackets
        # what the reader's and entity pages' curation parts read, beside their handlers
        env.globals["undone_of"] = lambda layer: store_undo.undone(self.archive, layer)
        env.globals["claims_trail"] = lambda doc_id: editing.claims_trail(self.archive, doc_id)
        env.globals["safe_url"] = originals.safe_url
        env.globals["relation_types"] = store_relations.TYPES
        env.globals["relation_statuses"] = store_relations.STATUSES
        env.globals["labels_of"] = lambda **target: research.labels_of(self.archive, **target)

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept until the archive changes."""
        return self.cache.get(self.archive.connection, key, compute)

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        user = current_user(request)
        context.update(user=user, public=self.public, csrf=csrf_token(request),
                       can_edit=bool(user and user.can("editor")))
        return self.templates.TemplateResponse(request, name, context, status_code=status)


def _merge(params: dict[str, str], changes: dict[str, Any]) -> dict[str, str]:
    """Query parameters with some changed (None drops one): for facet and page links."""
    out = {**params, **changes}
    return {k: str(v) for k, v in out.items() if v not in (None, "")}


def show_value(value: Any) -> str:
    """An audit trail value (contract JSON) as words: a span's text, a list's texts."""
    if value is None:
        return "—"
    if isinstance(value, list):
        return "; ".join(show_value(v) for v in value) or "—"
    if isinstance(value, dict):
        return str(value.get("text") or value.get("iso") or value.get("name") or value)
    return str(value)


def _brief_entity(value: dict[str, Any]) -> str:
    aliases = [a for a in value.get("aliases") or [] if a != value.get("name")]
    also = f"; also written {', '.join(aliases[:4])}" if aliases else ""
    return f"{value.get('name')} ({value.get('id')}{also})"


_LABELS = {"keep": "kept", "other": "merged in", "entity": "entity", "mention": "mention"}


def readable(value: Any) -> list[tuple[str, str]]:
    """An audit value as labelled lines for the audit tables: an entity as its name and id,
    a span as its words, a date as ISO, a merge's two sides each on its own line."""
    if isinstance(value, dict) and "id" in value and "name" in value:
        return [("", _brief_entity(value))]
    if isinstance(value, dict) and not {"text", "iso"} & set(value):
        out = []
        for key, item in value.items():
            label = _LABELS.get(key, key.replace("_", " "))
            text = (_brief_entity(item) if isinstance(item, dict) and "name" in item
                    else show_value(item))
            out.append((label, text))
        return out
    return [("", show_value(value))]


_BRACKETED = re.compile(r"\[[^\[\]\n]*\]|\([^()\n]*\)")


def isolate_brackets(value: Any) -> Markup:
    """Text (escaped) with each bracketed run isolated in <bdi>: a translator's
    "[Jama'at Ahl al-Thughur]" after Arabic words keeps its brackets the right way round
    instead of taking the Arabic line's direction and coming out mirrored."""
    text = "" if value is None else str(value)
    out, last = [], 0
    for m in _BRACKETED.finditer(text):
        out += [str(escape(text[last:m.start()])), f"<bdi>{escape(m.group())}</bdi>"]
        last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


def _routes() -> list[Route | Mount]:
    return [
        *editing.ROUTES,
        *originals.ROUTES,
        *exports.ROUTES,
        *upload.ROUTES,
        *pages.ROUTES,
        *scan.ROUTES,
        *curation.ROUTES,
        *research.ROUTES,
        *api.ROUTES,
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Mount("/vendor/vis", StaticFiles(directory=vendor_dir()), name="vendor"),
    ]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail, "status": exc.status_code}, exc.status_code)
    if exc.status_code == 401 and request.method == "GET":
        return login_redirect(request)
    site: Site = request.app.state.site
    return site.page(request, "error.html", status=exc.status_code,
                     code=exc.status_code, message=exc.detail)


def create_app(db: str | Path, *, public: bool = False, session_secret: str | None = None,
               secure_cookies: bool = False) -> Starlette:
    """The app over the archive at `db`. `public` lets anyone read without signing in."""
    site = Site(Path(db), public=public)
    # Opened here to read (or make) the cookie secret; reopened on the server's loop thread.
    with Archive(site.db) as archive:
        key = session_secret or secret(archive)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        site.archive = Archive(site.db)
        try:
            yield
        finally:
            site.archive.close()

    app = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                       max_age=SESSION_DAYS * 86400, same_site="lax",
                       https_only=secure_cookies),
        ],
        exception_handlers={HTTPException: _http_error},
        lifespan=lifespan,
    )
    app.state.site = site
    return app
