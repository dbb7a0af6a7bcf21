"""The web app: one Starlette application over one archive file.

Requests are served concurrently: every endpoint runs in a worker thread (`offloop.run`), never
on the event loop, so a slow query or a password check (argon2, about half a second) holds up
only its own request. Each worker thread reads through its own read-only connection (WAL: a
reader never waits for a writer, e.g. an ingest running meanwhile) and writes through its own
writable one, which waits at most `Site.write_wait` seconds for a job's lock and then answers
503 with Retry-After. `sijill serve --workers N` runs N such processes.

Every request's parameters pass one validation layer first (`params`): a bad one is a 400
with its reason, never a 500.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Hashable, Iterator
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
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from sijill.store import Archive
from sijill.store import relations as store_relations
from sijill.store import undo as store_undo
from sijill.store.connection import EpochConnection
from sijill.store.search import BUDGET as QUERY_BUDGET
from sijill.store.search import NameIndex
from sijill.store.sessions import Limits, Policy
from sijill.store.users import secret
from sijill.web import (
    api,
    curation,
    editing,
    exports,
    offloop,
    originals,
    pages,
    readers,
    research,
    scan,
    upload,
)
from sijill.web.auth import current_user, login_redirect
from sijill.web.cache import ArchiveCache
from sijill.web.security import CSRF_FIELD, SecurityHeaders, csrf_token

T = TypeVar("T")
HERE = Path(__file__).parent
SESSION_COOKIE = "sijill_session"
WRITE_WAIT = 10.0  # seconds a web write waits for a job's write lock before a 503
RETRY_AFTER = 5


def vendor_dir() -> Path:
    """vis-network, as the `pyvis` package ships it (installed from PyPI, never copied)."""
    return Path(str(files("pyvis").joinpath("lib", "vis-9.1.2")))


@dataclass
class _Connection:
    """One thread's connection to the archive, with what is computed over it (stamped with
    the connection's `PRAGMA data_version`, so they go together: a writer's are its own, the
    readers' are the app's, over the epoch they share)."""

    archive: Archive
    names: NameIndex
    cache: ArchiveCache


@dataclass
class Site:
    """What every handler shares: the archive, the templates, the sessions' rules.

    `archive`, `names` and `cache` are the current thread's: read-only while serving a
    GET, writable while serving a POST (see `offloop`)."""

    db: Path
    public: bool = False
    policy: Policy = field(default_factory=Policy)
    limits: Limits = field(default_factory=Limits)
    write_wait: float = WRITE_WAIT
    stale: float = readers.STALE_SECONDS
    # Each search's time budget ($SIJILL_QUERY_SECONDS): over it, a 503 rather than a wait.
    query_seconds: float = field(default_factory=lambda: float(
        os.environ.get("SIJILL_QUERY_SECONDS") or QUERY_BUDGET))
    templates: Jinja2Templates = field(init=False)
    _local: threading.local = field(default_factory=threading.local, init=False)
    _opened: list[_Connection] = field(default_factory=list, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    # what every reader thread shares (see `readers`)
    _epoch: readers.Epoch = field(init=False)
    _names: NameIndex = field(default_factory=NameIndex, init=False)
    _cache: ArchiveCache = field(default_factory=ArchiveCache, init=False)

    def __post_init__(self) -> None:
        self._epoch = readers.Epoch(self.stale)
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

    def _connection(self, writable: bool | None = None) -> _Connection:
        if writable is None:
            writable = offloop.writing()
        slot = "writer" if writable else "reader"
        conn = getattr(self._local, slot, None)
        if conn is None:
            if writable:
                conn = _Connection(Archive(self.db, timeout=self.write_wait), NameIndex(),
                                   ArchiveCache())
            else:
                archive = Archive(self.db, readonly=True, factory=EpochConnection)
                archive.connection.epoch = self._epoch  # type: ignore[attr-defined]
                conn = _Connection(archive, self._names, self._cache)
            with self._lock:
                self._opened.append(conn)
            setattr(self._local, slot, conn)
        return conn

    @property
    def archive(self) -> Archive:
        return self._connection().archive

    @property
    def writer(self) -> Archive:
        """This thread's writable connection, whatever the request (e.g. a session's
        last-seen time, written while serving a page)."""
        return self._connection(writable=True).archive

    @property
    def names(self) -> NameIndex:
        return self._connection().names

    @property
    def cache(self) -> ArchiveCache:
        return self._connection().cache

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.archive.close()

    def clear_caches(self) -> None:
        """Forget every thread's cached answers (as after a change to the archive)."""
        with self._lock:
            for conn in self._opened:
                conn.cache.clear()
        self._cache.clear()

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
    routes = [*editing.ROUTES, *originals.ROUTES, *exports.ROUTES, *upload.ROUTES,
              *pages.ROUTES, *scan.ROUTES, *curation.ROUTES, *research.ROUTES, *api.ROUTES]
    return [
        *(Route(r.path, offloop.run(r.endpoint), methods=r.methods, name=r.name)
          for r in routes),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        Mount("/vendor/vis", StaticFiles(directory=vendor_dir()), name="vendor"),
    ]


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": exc.detail, "status": exc.status_code}, exc.status_code,
                            headers=headers)
    if exc.status_code == 401 and request.method == "GET":
        return login_redirect(request)
    site: Site = request.app.state.site
    response = site.page(request, "error.html", status=exc.status_code,
                         code=exc.status_code, message=exc.detail)
    response.headers.update(headers)
    return response


async def _database_error(request: Request, exc: Exception) -> Response:
    """A job (ingest, reprocess) held the write lock longer than a web write waits: 503 and
    when to try again, never a 500. Any other database error is the server's fault."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return await _http_error(request, HTTPException(
            503, "the archive is busy with a job (ingest or reprocess): try again in a moment",
            headers={"Retry-After": str(RETRY_AFTER)}))
    return PlainTextResponse("Internal Server Error", 500)


# A page that builds an archive-wide answer (the entity listing, the type-ahead) allocates
# hundreds of thousands of short-lived objects; at CPython's default thresholds that sets off
# full collections over the caches mid-request, which tripled such a page's p95 at 10,000
# documents (bench/bench_web.py). Rarer young collections keep the tail with the median;
# not too rare, though: a young collection of 50,000 objects took ~40 ms, an entity page's
# p95 88.7 ms at 50,000 against 38.1 at 10,000 (40 uncached requests each).
SERVING_GC_THRESHOLD = (10_000, 20, 20)


@contextlib.contextmanager
def collector_for_serving() -> Iterator[None]:
    """The garbage collector tuned for serving, as it was when the server stops."""
    before = gc.get_threshold()
    gc.freeze()  # what is loaded by now (pipelines, lexicons) lives as long as the server
    gc.set_threshold(*SERVING_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def create_app(db: str | Path, *, public: bool = False, session_secret: str | None = None,
               secure_cookies: bool = False, policy: Policy | None = None,
               limits: Limits | None = None, threads: int = offloop.THREADS,
               write_wait: float = WRITE_WAIT,
               stale: float = readers.STALE_SECONDS) -> Starlette:
    """The app over the archive at `db`. `public` lets anyone read without signing in;
    `threads` requests are served at once (each in its own thread, with its connections);
    cached answers may lag a running job by `stale` seconds (`readers`)."""
    site = Site(Path(db), public=public, policy=policy or Policy(), limits=limits or Limits(),
                write_wait=write_wait, stale=stale)
    # Opened here to migrate the file and read (or make) the cookie secret.
    with Archive(site.db) as archive:
        key = session_secret or secret(archive)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        offloop.start(app, threads)
        try:
            with collector_for_serving():
                yield
        finally:
            site.close()

    app = Starlette(
        routes=_routes(),
        middleware=[
            Middleware(SecurityHeaders),
            # the cookie carries the session's token and CSRF token; the archive says whether
            # the session still lives (sessions.resolve), so its max_age is only an outer bound
            Middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                       max_age=int(site.policy.absolute), same_site="lax",
                       https_only=secure_cookies),
        ],
        exception_handlers={HTTPException: _http_error, sqlite3.OperationalError: _database_error},
        lifespan=lifespan,
    )
    app.state.site = site
    return app


ENV = "SIJILL_SERVE"


def app_from_env() -> Starlette:
    """The app `sijill serve --workers N` starts in each worker process: its settings come
    in the environment (as JSON), since uvicorn imports the app anew in each."""
    options = json.loads(os.environ[ENV])
    policy = Policy(**options.pop("policy"))
    return create_app(options.pop("db"), policy=policy, **options)
