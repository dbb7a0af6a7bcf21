"""Flags as the researcher sees them: the machine flags of the stages, the archive-wide
findings of `sijill check`, less the ones a researcher dismissed (a human edit with a
reason). Both are written by `sijill.store.flag_edits`.

A flag is named by its `flag_key`: a hash of its code and the words it rests on (or its
message when it rests on none), not of offsets or document ids, so a dismissal made today
still finds its flag after re-ingest, reprocess, a new `sijill check` or export and import.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from sijill.model import Document, Flag, Span
from sijill.store import layers
from sijill.store.db import Database

__all__ = ["CHECK_OF_PREFIX", "check_name", "dismissed_keys", "flag_key", "flag_rows",
           "overlay", "refresh", "spans_json"]

# The checks of sijill.checks, by the first word of their codes; parse's date flags are the
# calendar check's findings at parse time.
CHECK_OF_PREFIX = {
    "calendar": "calendar", "date": "calendar", "anachronism": "anachronism",
    "numbering": "numbering", "duplicate": "duplicates", "variant": "duplicates",
    "provenance": "provenance", "health": "health", "pair": "pairs",
}


def check_name(code: str) -> str | None:
    """The check a flag code belongs to, or None for flags no check raises."""
    return CHECK_OF_PREFIX.get(code.split("-", 1)[0])


def flag_key(flag: Flag) -> str:
    """The flag's stable name: a hash of its code and the words it rests on."""
    words = [s.text for s in flag.spans] or [flag.message]
    return "f" + hashlib.blake2b("\x1f".join([flag.code, *words]).encode(),
                                 digest_size=6).hexdigest()


def spans_json(flag: Flag) -> str | None:
    """The flag's spans as stored (JSON), or None when it rests on none."""
    return json.dumps([s.to_dict() for s in flag.spans], ensure_ascii=False) if flag.spans \
        else None


def flag_rows(pk: int | None, flags: Iterable[Flag]) -> list[tuple[Any, ...]]:
    """Rows of the `flags` table for a document's effective flags."""
    return [(pk, f.code, f.severity, f.message, spans_json(f), check_name(f.code), flag_key(f))
            for f in flags]


def _archive_flags(db: Database, key: str, part: int, text: str) -> list[Flag]:
    rows = db.connection.execute(
        "SELECT code, severity, message, spans FROM archive_flags WHERE source_key = ?"
        " AND part = ? ORDER BY id", (key, part))
    out = []
    for code, severity, message, spans in rows:
        moved = [layers.anchor(Span.from_dict(s), text) for s in json.loads(spans or "[]")]
        out.append(Flag(code, severity, message, tuple(s for s in moved if s is not None)))
    return out


def dismissed_keys(db: Database, key: str, part: int) -> set[str]:
    """The keys of the flags researchers dismissed on a document (source key, part)."""
    return {k for (k,) in db.connection.execute(
        "SELECT flag_key FROM flag_edits WHERE source_key = ? AND part = ?", (key, part))}


def overlay(db: Database, doc: Document, key: str, part: int) -> Document:
    """`doc` with the archive-wide findings added and the dismissed flags taken out."""
    gone = dismissed_keys(db, key, part)
    flags = [*doc.flags, *_archive_flags(db, key, part, doc.text)]
    seen: set[str] = set()
    kept = []
    for flag in flags:
        k = flag_key(flag)
        if k not in gone and k not in seen:
            seen.add(k)
            kept.append(flag)
    return dataclasses.replace(doc, flags=kept)


def refresh(db: Database, pk: int, doc: Document) -> None:
    """Rewrite a stored document's effective flag rows from its effective view."""
    conn = db.connection
    conn.execute("DELETE FROM flags WHERE doc_pk = ?", (pk,))
    conn.executemany("INSERT INTO flags (doc_pk, code, severity, message, spans, check_name,"
                     " flag_key) VALUES (?, ?, ?, ?, ?, ?, ?)", flag_rows(pk, doc.flags))
