"""Every endpoint off the event loop: the body is read on the loop (up to a size), the
parameters checked (`params`), then the handler runs in a worker thread of the app's pool,
with that thread's own archive connections. The loop itself only moves bytes, so no request
ever waits for another's query or password check; at most `threads` handlers run at once
and the rest queue.

Handlers stay ordinary `async def` functions: in the worker thread each runs to completion on
the thread's own small event loop (its awaits are on the body already read, never on the
network).
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from collections.abc import Awaitable, Callable
from functools import partial, wraps

import anyio.to_thread
from anyio import CapacityLimiter
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from sijill.web import params, readers

THREADS = 4  # per process: each thread keeps its own connections and caches
MAX_BODY = 2 * 1024 * 1024  # a form or JSON body
MAX_UPLOAD = 256 * 1024 * 1024  # a multipart body (files uploaded in the browser)
_WRITING: contextvars.ContextVar[bool] = contextvars.ContextVar("sijill_writing", default=False)
_local = threading.local()
_WROTE_AT = "wrote_at"

Endpoint = Callable[[Request], Awaitable[Response] | Response]


def writing() -> bool:
    """Whether the request being served may write (a POST): it then uses the thread's
    writable connection, else its read-only one."""
    return _WRITING.get()


def start(app: Starlette, threads: int) -> None:
    """The app's pool of `threads` worker threads (called on the server's loop)."""
    app.state.limiter = CapacityLimiter(threads)


async def _read_body(request: Request) -> None:
    if request.method in ("GET", "HEAD"):
        return
    multipart = request.headers.get("content-type", "").startswith("multipart/form-data")
    limit = MAX_UPLOAD if multipart else MAX_BODY
    declared = request.headers.get("content-length", "")
    if declared.isdecimal() and len(declared) < 20 and int(declared) > limit:
        raise HTTPException(413, f"the request body is over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"the request body is over {limit} bytes")
        chunks.append(chunk)
    request._body = b"".join(chunks)  # what request.body(), .form() and .json() then read


def _in_thread(endpoint: Endpoint, request: Request, write: bool) -> Response:
    _WRITING.set(write)
    readers.serving(float(request.session.get(_WROTE_AT) or 0))
    try:
        result = endpoint(request)
        if not asyncio.iscoroutine(result):
            return result  # type: ignore[return-value]
        loop = getattr(_local, "loop", None)
        if loop is None:
            loop = _local.loop = asyncio.new_event_loop()
        return loop.run_until_complete(result)  # type: ignore[no-any-return]
    finally:
        if write:  # this client's next pages see what it wrote (see `readers`)
            request.session[_WROTE_AT] = time.time()


def run(endpoint: Endpoint) -> Callable[[Request], Awaitable[Response]]:
    """`endpoint` as the app serves it: body read, parameters checked, run off the loop."""

    @wraps(endpoint)
    async def served(request: Request) -> Response:
        await _read_body(request)
        await params.check(request)
        limiter = getattr(request.app.state, "limiter", None)
        call = partial(_in_thread, endpoint, request, request.method not in ("GET", "HEAD"))
        ctx = contextvars.copy_context()
        return await anyio.to_thread.run_sync(ctx.run, call, limiter=limiter)

    return served
