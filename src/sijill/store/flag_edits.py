"""Writes to the flag layer: a researcher's dismissal of a flag (with a reason), and a new
run of the archive-wide checks (`sijill check`). How flags are keyed and laid over a
document: `sijill.store.flags`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sijill.errors import StoreError
from sijill.model import Flag
from sijill.store import documents
from sijill.store.db import Database, check_author, json_list, now
from sijill.store.flags import check_name, flag_key, refresh, spans_json

__all__ = ["Dismissal", "dismiss", "dismissals", "replace_archive_findings"]


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A researcher's dismissal of one flag of a document, with its reason."""

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
        """The dismissal as JSON-ready data."""
        return dataclasses.asdict(self)


def _where(db: Database, doc_id: str) -> tuple[str, int, int]:
    row = db.connection.execute(
        "SELECT s.key, d.part, d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    return row


def dismiss(db: Database, doc_id: str, key: str, *, reason: str, author: str) -> int:
    """Dismiss a document's flag (by its key, or its code when only one flag has it)."""
    check_author(author, "a dismissal")
    if not reason or not reason.strip():
        raise StoreError("a dismissal needs a reason")
    with db.batch():
        source_key, part, pk = _where(db, doc_id)
        doc = documents.document(db, doc_id, claims=False)
        assert doc is not None
        matches = [f for f in doc.flags if flag_key(f) == key or f.code == key]
        if len(matches) != 1:
            shown = ", ".join(f"{flag_key(f)} ({f.code})" for f in doc.flags) or "none"
            what = "no" if not matches else "more than one"
            raise StoreError(f"{what} flag {key!r} on {doc_id}; its flags: {shown}")
        flag = matches[0]
        cursor = db.connection.execute(
            "INSERT INTO flag_edits (source_key, part, doc_id, flag_key, code, message,"
            " reason, author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (source_key, part, doc_id, flag_key(flag), flag.code, flag.message, reason.strip(),
             author.strip(), now()))
        refresh(db, pk, documents.document(db, doc_id, claims=False))  # type: ignore[arg-type]
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def dismissals(db: Database, doc_id: str | None = None) -> list[Dismissal]:
    """Every dismissal (or one document's), oldest first, under the document's current id."""
    sql = ("SELECT x.id, coalesce(d.id, x.doc_id), x.source_key, x.part, x.flag_key, x.code,"
           " x.message, x.reason, x.author, x.created_at FROM flag_edits x"
           " LEFT JOIN sources s ON s.key = x.source_key"
           " LEFT JOIN documents d ON d.source_id = s.id AND d.part = x.part")
    params: tuple[Any, ...] = ()
    if doc_id is not None:
        sql += " WHERE d.id = ? OR x.doc_id = ?"
        params = (doc_id, doc_id)
    return [Dismissal(*row) for row in db.connection.execute(sql + " ORDER BY x.id", params)]


# The findings of the pairing of originals and translations, re-derived at every ingest and
# reprocess (sijill.checks.pairing) rather than by `sijill check`, whose runs leave them be.
PAIRS = "pairs"


def replace_archive_findings(db: Database, findings: Iterable[tuple[str, int, Flag]],
                             links: Iterable[tuple[str, str, int, str, int, float]], *,
                             check: str | None = None,
                             at: set[tuple[str, int]] | None = None) -> None:
    """Store a new run of the archive-wide checks (`check`: only that check's findings, and
    no links; `at`: only on these (source key, part)) and refresh the flag rows of every
    document whose findings it replaced."""
    conn = db.connection
    scope = ("check_name = ?", (check,)) if check else ("check_name != ?", (PAIRS,))
    if at is not None:
        scope = (scope[0] + " AND (source_key, part) IN (SELECT value ->> 0, value ->> 1"
                 " FROM json_each(?))", (*scope[1], json_list(at)))
    anchors_sql = f"SELECT DISTINCT source_key, part FROM archive_flags WHERE {scope[0]}"
    run_at = now()
    with db.batch():
        touched = set(conn.execute(anchors_sql, scope[1]))
        conn.execute(f"DELETE FROM archive_flags WHERE {scope[0]}", scope[1])
        if check is None:
            conn.execute("DELETE FROM document_links")
        conn.executemany(
            "INSERT INTO archive_flags (source_key, part, code, check_name, severity, message,"
            " spans, flag_key, run_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(key, part, f.code, check_name(f.code) or f.code, f.severity, f.message,
              spans_json(f), flag_key(f), run_at) for key, part, f in findings])
        conn.executemany(
            "INSERT INTO document_links (kind, a_key, a_part, b_key, b_part, similarity, run_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", [(*link, run_at) for link in links])
        touched |= set(conn.execute(anchors_sql, scope[1]))
        ids = [i for (i,) in conn.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " JOIN (SELECT value ->> 0 AS k, value ->> 1 AS p FROM json_each(?)) t"
            " ON t.k = s.key AND t.p = d.part ORDER BY d.pk", (json_list(touched),))]
        for doc_id in ids:
            doc = documents.document(db, doc_id, claims=False)
            assert doc is not None
            refresh(db, _where(db, doc_id)[2], doc)
