"""The one check every request's parameters pass before any handler sees them.

A parameter is judged by its name, the same on every route (`page` is a page number
wherever it appears): query and path parameters by `RULES`, form fields and JSON body fields
by `BODY_RULES` (`evidence` is START-END in a URL, the words themselves in a form). An empty
value is an absent one.
A value of the wrong type, out of range or too long is refused with 400 and the reason;
any parameter not named here is only held to `MAX_TEXT` characters. So a handler may turn a
checked value into an int without a guard, and no input can reach it that makes it fail.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

log = logging.getLogger(__name__)

MAX_TEXT = 2000  # any parameter this module does not name
MAX_QUERY = 8192  # the whole query string, in bytes
_DIGITS = re.compile(r"[0-9]{1,12}")
_SPAN = re.compile(r"([0-9]{1,10})-([0-9]{1,10})")
_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
# No form the API takes nests deeper than a few levels. Refusing deeper JSON before parsing
# keeps json.loads from recursing to the interpreter's limit, where any code that runs then
# (a finaliser, a logging hook) fails in turn.
MAX_JSON_DEPTH = 32
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]')


class Invalid(ValueError):
    """A parameter's value is not what its name promises; the message says why."""


@dataclass(frozen=True, slots=True)
class Rule:
    """What a parameter may be: `text` checks a string (form, query, path), `data` a JSON
    body value (None: the same as text, for a string)."""

    text: Callable[[str], None]
    data: Callable[[Any], None] | None = None


def _length(most: int) -> Callable[[str], None]:
    def check(value: str) -> None:
        if len(value) > most:
            raise Invalid(f"is at most {most} characters (this is {len(value)})")
    return check


def _integer(low: int, high: int) -> Callable[[str], None]:
    def check(value: str) -> None:
        if not _DIGITS.fullmatch(value) or not low <= int(value) <= high:
            raise Invalid(f"is a whole number from {low} to {high} (digits 0-9)")
    return check


def _int_data(low: int, high: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if isinstance(value, str):
            _integer(low, high)(value)
        elif isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise Invalid(f"is a whole number from {low} to {high}")
    return check


def _span(value: str) -> None:
    match = _SPAN.fullmatch(value)
    if not match or int(match[1]) >= int(match[2]):
        raise Invalid("is START-END, two whole numbers with START below END")


def _month(value: str) -> None:
    if not _MONTH.fullmatch(value) or not 1 <= int(value[5:]) <= 12:
        raise Invalid("is a month as YYYY-MM")


def _choice(*allowed: str) -> Callable[[str], None]:
    def check(value: str) -> None:
        if value not in allowed:
            raise Invalid(f"is one of {', '.join(allowed) or 'nothing'}")
    return check


def _string_data(text: Callable[[str], None], *, null: bool = False) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value is None and null:
            return
        if not isinstance(value, str):
            raise Invalid("is a string" + (" or null" if null else ""))
        text(value)
    return check


def _lines_data(most: int) -> Callable[[Any], None]:
    """A string, or a list of strings (one per line)."""
    def check(value: Any) -> None:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in items):
            raise Invalid("is a string or a list of strings")
        _length(most)("\n".join(items))
    return check


def _any_json(value: Any) -> None:
    """A contract value: any JSON, held only to the body's size."""


_PAGE = Rule(_integer(0, 1_000_000))
_ID = Rule(_length(300))
_NAME = Rule(_length(300))
_NOTE = Rule(_length(10_000), _string_data(_length(10_000), null=True))
_OFFSET = Rule(_integer(0, 100_000_000), _int_data(0, 1_000_000_000))

RULES: dict[str, Rule] = {  # query and path parameters
    # paging and windows
    "page": _PAGE, "docs_page": _PAGE, "mentions_page": _PAGE, "relations_page": _PAGE,
    "limit": Rule(_integer(0, 10_000)), "offset": _OFFSET,
    "all": Rule(_choice("0", "1")),
    # search and lists
    "q": Rule(_length(1000)), "sort": Rule(_length(20)), "type": Rule(_length(40)),
    "hijri_year": Rule(_integer(1, 9999)), "gregorian_year": Rule(_integer(1, 9999)),
    "month": Rule(_month), "evidence": Rule(_span), "next": Rule(_length(MAX_QUERY)),
    "entity": _ID, "issuer": _NAME, "province": _NAME, "media_type": Rule(_length(100)),
    "flag": _ID,
    # path parameters
    "doc_id": _ID, "entity_id": _ID, "relation_id": _ID,
}
BODY_RULES: dict[str, Rule] = {  # form fields and JSON body fields
    "csrf_token": Rule(_length(200)), "name": _NAME, "password": Rule(_length(1024)),
    "role": Rule(_length(20)), "field": Rule(_length(64)), "note": _NOTE, "reason": _NOTE,
    "value": Rule(_length(100_000), _any_json),
    "text": Rule(_length(100_000), _lines_data(100_000)), "evidence": Rule(_length(100_000)),
    "other": _ID, "mention": _ID, "source": _ID, "target": _ID, "document": _ID,
    "relation": _ID, "flag": _ID, "source_name": _NAME, "target_name": _NAME,
    "status": Rule(_length(40)), "verdict": Rule(_length(40)), "type": Rule(_length(40)),
    "start": _OFFSET, "end": _OFFSET, "next": Rule(_length(MAX_QUERY)),
}
_ANY = Rule(_length(MAX_TEXT))


def check_text(name: str, value: str, rules: dict[str, Rule] = RULES) -> None:
    if value:  # an empty value is an absent one (a form's blank field): the handler's default
        rules.get(name, _ANY).text(value)


def check_data(name: str, value: Any) -> None:
    rule = BODY_RULES.get(name, _ANY)
    if value == "":
        return
    (rule.data or _string_data(rule.text, null=True))(value)


def _refuse(where: str, name: str, exc: Invalid) -> HTTPException:
    shown = name if len(name) <= 40 else name[:40] + "…"
    return HTTPException(400, f"{where} {shown!r} {exc}")


async def check(request: Request) -> None:
    """Refuse the request with 400 if any of its parameters is not what its name says."""
    if len(request.scope.get("query_string", b"")) > MAX_QUERY:
        raise HTTPException(400, f"the query string is over {MAX_QUERY} bytes")
    for where, items in (("path parameter", request.path_params.items()),
                         ("parameter", request.query_params.multi_items())):
        for name, value in items:
            try:
                check_text(name, str(value))
            except Invalid as exc:
                raise _refuse(where, name, exc) from None
    if request.method in ("GET", "HEAD"):
        return
    await _check_body(request)


async def _check_body(request: Request) -> None:
    kind = request.headers.get("content-type", "")
    if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        try:
            form = await request.form()
        except Exception as exc:  # multipart's own errors: a malformed body, not our fault
            log.debug("a form that could not be read", exc_info=True)
            raise HTTPException(400, f"the form is malformed: {exc}") from None
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                continue
            try:
                check_text(name, value, BODY_RULES)
            except Invalid as exc:
                raise _refuse("field", name, exc) from None
        return
    body = await request.body()
    if not body or not request.url.path.startswith("/api/"):
        return
    if _json_depth(body) > MAX_JSON_DEPTH:
        raise HTTPException(400, f"the body nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        data = json.loads(body)
    except ValueError:
        raise HTTPException(400, "the body is not JSON") from None
    if not isinstance(data, dict):
        raise HTTPException(400, "the body is a JSON object")
    for name, value in data.items():
        try:
            check_data(name, value)
        except Invalid as exc:
            raise _refuse("field", name, exc) from None
    request._json = data  # the handler's request.json() reads this, not the body again


def _json_depth(body: bytes) -> int:
    """How deep the brackets of a JSON text nest, strings skipped; read without recursion."""
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(body):
        kind = token.group()[:1]
        if kind in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif kind in (b"]", b"}"):
            depth -= 1
    return deepest
