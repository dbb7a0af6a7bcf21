"""Flags as the researcher sees them: the machine flags of the stages, the archive-wide
findings of `sijill check`, less the ones a researcher dismissed (a human edit with a reason).

A flag is named by its `flag_key`: a hash of its code and the words it rests on (or its
message when it rests on none), not of offsets or document ids, so a dismissal made today
still finds its flag after re-ingest, reprocess, a new `sijill check` or export and import.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sijill.model import Document, Flag, Span
from sijill.store import layers
from sijill.store.errors import StoreError

if TYPE_CHECKING:
    from sijill.store.archive import Archive

# The checks of sijill.checks, by the first word of their codes; parse's date flags are the
# calendar check's findings at parse time.
CHECK_OF_PREFIX = {
    "calendar": "calendar", "date": "calendar", "anachronism": "anachronism",
    "numbering": "numbering", "duplicate": "duplicates", "variant": "duplicates",
    "provenance": "provenance", "health": "health",
}


def check_name(code: str) -> str | None:
    """The check a flag code belongs to, or None for flags no check raises."""
    return CHECK_OF_PREFIX.get(code.split("-", 1)[0])


def flag_key(flag: Flag) -> str:
    words = [s.text for s in flag.spans] or [flag.message]
    return "f" + hashlib.blake2b("\x1f".join([flag.code, *words]).encode(),
                                 digest_size=6).hexdigest()


def spans_json(flag: Flag) -> str | None:
    return json.dumps([s.to_dict() for s in flag.spans], ensure_ascii=False) if flag.spans \
        else None


def flag_rows(pk: int | None, flags: Iterable[Flag]) -> list[tuple[Any, ...]]:
    return [(pk, f.code, f.severity, f.message, spans_json(f), check_name(f.code), flag_key(f))
            for f in flags]


@dataclass(frozen=True, slots=True)
class Dismissal:
    id: int
    doc_id: str
    source_key: str
    part: int
    flag_key: str
    code: str
    message: str
    reason: str
    author: str
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


_DISMISSAL_COLS = ("id, doc_id, source_key, part, flag_key, code, message, reason, author,"
                   " created_at")


def _archive_flags(archive: Archive, key: str, part: int, text: str) -> list[Flag]:
    rows = archive.connection.execute(
        "SELECT code, severity, message, spans FROM archive_flags WHERE source_key = ?"
        " AND part = ? ORDER BY id", (key, part))
    out = []
    for code, severity, message, spans in rows:
        moved = [layers.anchor(Span.from_dict(s), text) for s in json.loads(spans or "[]")]
        out.append(Flag(code, severity, message, tuple(s for s in moved if s is not None)))
    return out


def dismissed_keys(archive: Archive, key: str, part: int) -> set[str]:
    return {k for (k,) in archive.connection.execute(
        "SELECT flag_key FROM flag_edits WHERE source_key = ? AND part = ?", (key, part))}


def overlay(archive: Archive, doc: Document, key: str, part: int) -> Document:
    """`doc` with the archive-wide findings added and the dismissed flags taken out."""
    gone = dismissed_keys(archive, key, part)
    flags = [*doc.flags, *_archive_flags(archive, key, part, doc.text)]
    seen: set[str] = set()
    kept = []
    for flag in flags:
        k = flag_key(flag)
        if k not in gone and k not in seen:
            seen.add(k)
            kept.append(flag)
    return dataclasses.replace(doc, flags=kept)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _where(archive: Archive, doc_id: str) -> tuple[str, int, int]:
    row = archive.connection.execute(
        "SELECT s.key, d.part, d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    return row


def refresh(archive: Archive, pk: int, doc: Document) -> None:
    """Rewrite a stored document's effective flag rows from its effective view."""
    conn = archive.connection
    conn.execute("DELETE FROM flags WHERE doc_pk = ?", (pk,))
    conn.executemany("INSERT INTO flags (doc_pk, code, severity, message, spans, check_name,"
                     " flag_key) VALUES (?, ?, ?, ?, ?, ?, ?)", flag_rows(pk, doc.flags))


def dismiss(archive: Archive, doc_id: str, key: str, *, reason: str, author: str) -> int:
    """Dismiss a document's flag (by its key, or its code when only one flag has it)."""
    if not author or not author.strip():
        raise StoreError("a dismissal needs an author")
    if not reason or not reason.strip():
        raise StoreError("a dismissal needs a reason")
    with archive.batch():
        source_key, part, pk = _where(archive, doc_id)
        doc = archive.document(doc_id, claims=False)
        assert doc is not None
        matches = [f for f in doc.flags if flag_key(f) == key or f.code == key]
        if len(matches) != 1:
            shown = ", ".join(f"{flag_key(f)} ({f.code})" for f in doc.flags) or "none"
            what = "no" if not matches else "more than one"
            raise StoreError(f"{what} flag {key!r} on {doc_id}; its flags: {shown}")
        flag = matches[0]
        cursor = archive.connection.execute(
            "INSERT INTO flag_edits (source_key, part, doc_id, flag_key, code, message,"
            " reason, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source_key, part, doc_id, flag_key(flag), flag.code, flag.message, reason.strip(),
             author.strip(), _now()))
        refresh(archive, pk, archive.document(doc_id, claims=False))  # type: ignore[arg-type]
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def dismissals(archive: Archive, doc_id: str | None = None) -> list[Dismissal]:
    """Every dismissal (or one document's), oldest first, under the document's current id."""
    sql = ("SELECT x.id, coalesce(d.id, x.doc_id), x.source_key, x.part, x.flag_key, x.code,"
           " x.message, x.reason, x.author, x.created_at FROM flag_edits x"
           " LEFT JOIN sources s ON s.key = x.source_key"
           " LEFT JOIN documents d ON d.source_id = s.id AND d.part = x.part")
    params: tuple[Any, ...] = ()
    if doc_id is not None:
        sql += " WHERE d.id = ? OR x.doc_id = ?"
        params = (doc_id, doc_id)
    return [Dismissal(*row) for row in archive.connection.execute(sql + " ORDER BY x.id", params)]


def replace_archive_findings(archive: Archive, findings: Iterable[tuple[str, int, Flag]],
                             links: Iterable[tuple[str, str, int, str, int, float]]) -> None:
    """Store a new run of the archive-wide checks and refresh every document's flag rows."""
    now = _now()
    conn = archive.connection
    anchors_sql = "SELECT DISTINCT source_key, part FROM archive_flags"
    with archive.batch():
        touched = set(conn.execute(anchors_sql))
        conn.execute("DELETE FROM archive_flags")
        conn.execute("DELETE FROM document_links")
        conn.executemany(
            "INSERT INTO archive_flags (source_key, part, code, check_name, severity, message,"
            " spans, flag_key, run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, part, f.code, check_name(f.code) or f.code, f.severity, f.message,
              spans_json(f), flag_key(f), now) for key, part, f in findings])
        conn.executemany(
            "INSERT INTO document_links (kind, a_key, a_part, b_key, b_part, similarity, run_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", [(*link, now) for link in links])
        touched |= set(conn.execute(anchors_sql))
        ids = [i for (i,) in conn.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " JOIN (SELECT value ->> 0 AS k, value ->> 1 AS p FROM json_each(?)) t"
            " ON t.k = s.key AND t.p = d.part ORDER BY d.pk", (json.dumps(sorted(touched)),))]
        for doc_id in ids:
            doc = archive.document(doc_id, claims=False)
            assert doc is not None
            refresh(archive, _where(archive, doc_id)[2], doc)
