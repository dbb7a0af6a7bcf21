"""Headers every response carries, and the CSRF token every write must present.

The Content-Security-Policy allows scripts, styles and images from this server only: no
inline script, no inline event handler, no `javascript:` URL can run even if a piece of
ingested text ever slipped through unescaped. CSRF: one random token per session, sent back
in a form field (`csrf_token`) or, for the JSON API, an `X-CSRF-Token` header.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
_SESSION_KEY = "csrf"


class SecurityHeaders:
    """Pure ASGI middleware (it never buffers a body) adding `HEADERS` to each response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """This session's token, made on first use."""
    token = request.session.get(_SESSION_KEY)
    if not token:
        token = secrets.token_urlsafe(32)
        request.session[_SESSION_KEY] = token
    return str(token)


def csrf_ok(request: Request, presented: str | None) -> bool:
    expected = request.session.get(_SESSION_KEY)
    return bool(expected and presented) and hmac.compare_digest(str(expected), str(presented))
