"""Who is asking, and what they may do: sessions (server-side, see `sijill.store.sessions`),
roles, and the guard on every write.

Reading needs a signed-in user, unless the app serves a public archive (anonymous
read-only). Writing needs an editor's session and the session's CSRF token, checked here on
the server for every write route, whatever the page shows.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import TYPE_CHECKING
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sijill.store import sessions, users
from sijill.store.connection import busy_timeout
from sijill.store.users import Role, User
from sijill.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok, csrf_token

if TYPE_CHECKING:
    from sijill.web.app import Site

Handler = Callable[[Request], Awaitable[Response]]
_SESSION_TOKEN = "sid"


def site(request: Request) -> Site:
    return request.app.state.site  # type: ignore[no-any-return]


def current_user(request: Request) -> User | None:
    """The signed-in user: the cookie's session must still live in the archive (not signed
    out, revoked, idle too long or too old), and the account is read again each request, so
    a changed role or a removed account takes effect at once."""
    if not hasattr(request.state, "user"):
        request.state.user = _session_user(request)
    return request.state.user  # type: ignore[no-any-return]


def _session_user(request: Request) -> User | None:
    token = request.session.get(_SESSION_TOKEN)
    if not isinstance(token, str):
        return None
    s = site(request)
    found = sessions.resolve(s.archive, token, s.policy)
    if found is None:
        return None
    session_id, name, last_seen = found
    if sessions.clock() - last_seen > sessions.TOUCH_EVERY:
        _touch(s, session_id)
    return users.get_user(s.archive, name)


def _touch(s: Site, session_id: int) -> None:
    """Note the session's use, without waiting: when a job holds the write lock, a page is
    never held up for it (the next request past the lock notes it instead)."""
    conn = s.writer.connection
    busy_timeout(conn, 0)
    try:
        with contextlib.suppress(sqlite3.OperationalError):
            sessions.touch(s.writer, session_id)
    finally:
        busy_timeout(conn, s.write_wait)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def sign_in(request: Request, user: User) -> None:
    s = site(request)
    token = sessions.create(s.archive, user, address=client_address(request),
                            agent=request.headers.get("user-agent"), policy=s.policy)
    request.session.clear()  # a fresh session (and CSRF token) on sign-in: no fixation
    request.session[_SESSION_TOKEN] = token
    request.state.user = user
    csrf_token(request)


def sign_out(request: Request) -> None:
    token = request.session.get(_SESSION_TOKEN)
    if isinstance(token, str):  # every copy of the cookie ends with it
        sessions.revoke_token(site(request).archive, token)
    request.session.clear()
    request.state.user = None


def require_read(request: Request) -> None:
    if site(request).public or current_user(request) is not None:
        return
    raise HTTPException(401, "sign in to read this archive")


def require(request: Request, role: Role) -> User:
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "sign in first")
    if not user.can(role):
        raise HTTPException(403, f"this needs the {role} role; you are a {user.role}")
    return user


async def _presented_token(request: Request) -> str | None:
    header = request.headers.get(CSRF_HEADER)
    if header:
        return header
    if request.headers.get("content-type", "").startswith(
            ("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def writes(role: Role = "editor") -> Callable[[Handler], Handler]:
    """Guard a write route: the role, then the CSRF token, before the handler runs."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def guarded(request: Request) -> Response:
            require(request, role)
            if not csrf_ok(request, await _presented_token(request)):
                raise HTTPException(403, "missing or wrong CSRF token: reload the page")
            return await handler(request)

        guarded.writes_role = role  # type: ignore[attr-defined]
        return guarded

    return decorate


def author(request: Request) -> str:
    """The name of the signed-in user a write is made by (a `writes` route has one)."""
    user = current_user(request)
    assert user is not None  # `writes` let the request through
    return user.name


def login_redirect(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
