"""Check 2, anachronism: a party named at a date outside the years it existed under that name,
or a person given a title outside their tenure, by the authority file's dates (`founded`,
`dissolved`; roles' `from`, `to`). Only the parts that name the parties as they were at the
document's date are checked (config `fields`): a body may tell history."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

from sijill.checks.config import section
from sijill.entities import authority
from sijill.model import Document, Flag, Span


def _bound(iso: str | None, *, end: bool) -> date | None:
    """The first (or, for an end, the last) day an ISO date as precise as known can mean."""
    if not iso:
        return None
    parts = [int(p) for p in str(iso).split("-") if p.isdigit()]
    if not parts:
        return None
    y, m, d = (parts + [0, 0])[:3]
    if not end:
        return date(y, m or 1, d or 1)
    if not m:
        return date(y, 12, 31)
    if not d:
        return (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1))
    return date(y, m, d)


def _doc_range(doc: Document) -> tuple[date, date] | None:
    if doc.date is None:
        return None
    return _bound(doc.date.iso, end=False), _bound(doc.date.iso, end=True)  # type: ignore[return-value]


def _party_spans(doc: Document) -> Iterator[Span]:
    for name in section("anachronism")["fields"]:
        value = getattr(doc, name)
        yield from (value if isinstance(value, list) else [value] if value else [])


def _mentions_in(doc: Document, span: Span) -> Iterator[Span]:
    """The span itself and the mentions recognised inside it (a letterhead line may hold
    an organisation and an office)."""
    yield span
    yield from (m for m in doc.mentions if span.start <= m.start and m.end <= span.end
                and (m.start, m.end) != (span.start, span.end))


def _outside(lo: date, hi: date, entry: authority.Entry) -> str | None:
    cfg = section("anachronism")
    founded = _bound(entry.founded, end=False)
    dissolved = _bound(entry.dissolved, end=True)
    if founded and hi < founded - timedelta(days=cfg["grace_days_before"]):
        return f"before it existed under that name (from {entry.founded})"
    if dissolved and lo > dissolved + timedelta(days=cfg["grace_days_after"]):
        return f"after it ceased to exist under that name (until {entry.dissolved})"
    return None


def _names(doc: Document, auth: authority.Authority, lo: date, hi: date) -> Iterator[Flag]:
    seen: set[str] = set()
    for party in _party_spans(doc):
        for span in _mentions_in(doc, party):
            entry = auth.lookup(span.text)
            if entry is None or entry.type == "person" or entry.id in seen:
                continue
            why = _outside(lo, hi, entry)
            if why:
                seen.add(entry.id)
                yield Flag("anachronism-name", "warning",
                           f"{span.text!r} ({entry.name}) is named in a document dated "
                           f"{doc.date.iso if doc.date else '?'}, {why}", (span,))


def _tenures(doc: Document, auth: authority.Authority, lo: date, hi: date) -> Iterator[Flag]:
    window = section("anachronism")["role_window"]
    for m in doc.mentions:
        entry = auth.lookup(m.text, "person") if m.type == "person" else None
        for role in entry.roles if entry else ():
            start, end = _bound(role.start, end=False), _bound(role.end, end=True)
            if not (start or end):
                continue
            near = doc.text[max(0, m.start - window):m.end + window]
            at = re.search(rf"\b{re.escape(role.role)}\b", near, re.IGNORECASE)
            if at is None or ((start is None or hi >= start) and (end is None or lo <= end)):
                continue
            yield Flag("anachronism-tenure", "warning",
                       f"{m.text!r} is given the title {role.role!r} in a document dated "
                       f"{doc.date.iso if doc.date else '?'}, outside the tenure the authority "
                       f"file knows ({role.start or '?'} to {role.end or 'now'})", (m,))


def check(doc: Document, auth: authority.Authority | None = None) -> list[Flag]:
    span = _doc_range(doc)
    if span is None:
        return []
    auth = auth or authority.default()
    return [*_names(doc, auth, *span), *_tenures(doc, auth, *span)]
