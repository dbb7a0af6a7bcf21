"""Writing the machine layer: a source and its documents as the stages produced them, with
their derived rows (fields, mentions, entities, relations, flags, stage versions).

The human layer is never written here: it is anchored to a source by its key and a
document's part, so it survives a new machine layer, and follows a source that moves.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Mapping
from typing import Any, Literal

from sijill.errors import StoreError
from sijill.model import Document, SourceText
from sijill.store import cross_script, documents, flags
from sijill.store.db import Database, dumps, now

__all__ = ["Status", "has_source", "put_source", "replace_documents", "source_key_of"]

Status = Literal["added", "updated", "unchanged", "moved"]

# Tables of the human layer anchored to a source by its key: a source that takes a new key
# (a moved file) takes these rows along.
_ANCHORED = ("edits", "entity_edits", "relation_claims")
# Links of originals and translations name a source on either side (the `pairs` migration).
_PAIR_ANCHORS = tuple((table, f"{side}_key") for table in ("pair_edits", "document_pairs")
                      for side in ("original", "translation"))


def _machine_json(doc: Document) -> str:
    # The text is stored once, in its own column (search and snippets read it there).
    data = doc.to_dict()
    del data["text"]
    return dumps(data)


def _field_rows(pk: int | None, doc: Document) -> list[tuple[Any, ...]]:
    rows = []
    for name in ("issuer", "reference_number", "dates", "subject", "sender",
                 "addressees", "cc", "notes"):
        value = getattr(doc, name)
        for ord_, span in enumerate(value if isinstance(value, list) else [value]):
            if span is None:
                continue
            extra = {k: v for k, v in span.to_dict().items() if k not in ("text", "start", "end")}
            rows.append((pk, name, ord_, span.text, span.start, span.end,
                         dumps(extra) if extra else None))
    return rows


def _check_documents(source: SourceText, docs: list[Document]) -> None:
    wrong = [d.id for d in docs if d.source.sha256 != source.sha256]
    if wrong:
        raise StoreError(f"documents {wrong} do not come from source {source.key!r}")


def put_source(db: Database, source: SourceText, docs: list[Document],
               stages: dict[str, str], *, replaces: str | None = None) -> Status:
    """Store a source and its documents: "added", "updated" (same key, new bytes; human
    edits kept), "unchanged" (these exact bytes are already stored, under any key) or
    "moved" (`replaces` names the key the same source had before, and it takes the new
    key with its history and human edits)."""
    _check_documents(source, docs)
    with db.batch():
        moved = replaces is not None and replaces != source.key and _rekey(
            db, replaces, source.key)
        held = db.one("SELECT key, bytes_read, text FROM sources WHERE sha256 = ?",
                      (source.sha256,))
        if held and not held[1] and held[2] == source.text:
            db.connection.execute("UPDATE sources SET bytes_read = 1 WHERE key = ?", (held[0],))
        if held and not held[1] and held[2] != source.text:
            # an imported text that these bytes do not give: the bytes win, under the
            # key the import gave (its human layer stays, re-anchored or flagged)
            source = dataclasses.replace(source, path=held[0])
            moved = True
        elif held and not (moved and held[0] == source.key):
            return "unchanged"
        row = db.one("SELECT id FROM sources WHERE key = ?", (source.key,))
        source_id = _upsert_source(db, source, row[0] if row else None)
        _write_machine_layer(db, source_id, source.key, docs, stages)
        if row is None:
            return "added"
        if held and not held[1] and held[2] != source.text:
            return "updated"
        return "moved" if moved and held else "updated"


def _upsert_source(db: Database, source: SourceText, source_id: int | None) -> int:
    """Insert the source row (when `source_id` is None) or update it; returns its id."""
    at = now()
    values = (source.sha256, source.path, source.url, source.media_type,
              source.title, source.published, source.text, source.layout)
    if source_id is None:
        new_id = db.connection.execute(
            "INSERT INTO sources (sha256, path, url, media_type, title, published, text,"
            " layout, key, ingested_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, source.key, at, at),
        ).lastrowid
        assert new_id is not None
        return new_id
    db.connection.execute(
        "UPDATE sources SET sha256 = ?, path = ?, url = ?, media_type = ?, title = ?,"
        " published = ?, text = ?, layout = ?, updated_at = ?, bytes_read = 1 WHERE id = ?",
        (*values, at, source_id),
    )
    db.connection.execute("DELETE FROM source_stages WHERE source_id = ?", (source_id,))
    return source_id


def _rekey(db: Database, old: str, new: str) -> bool:
    """Give the source keyed `old` the key `new`, and move its human layer with it; False
    when there is no such source or `new` is taken."""
    if has_source(db, new) or not has_source(db, old):
        return False
    db.connection.execute("UPDATE sources SET key = ? WHERE key = ?", (new, old))
    for table in _ANCHORED:
        db.connection.execute(f"UPDATE {table} SET source_key = ? WHERE source_key = ?",
                              (new, old))
    for table, column in _PAIR_ANCHORS:
        db.connection.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (new, old))
    return True


def source_key_of(db: Database, sha256: str) -> str | None:
    """The key of the source whose bytes have this hash, if stored from bytes this
    archive has read (an imported source's hash is checked when its bytes come)."""
    row = db.one("SELECT key FROM sources WHERE sha256 = ? AND bytes_read", (sha256,))
    return row[0] if row else None


def has_source(db: Database, key: str) -> bool:
    """Whether a source with this key is stored."""
    return db.one("SELECT 1 FROM sources WHERE key = ?", (key,)) is not None


def replace_documents(db: Database, source_key: str, docs: list[Document],
                      stages: dict[str, str]) -> None:
    """A new machine layer for a stored source (reprocess); human edits are kept."""
    with db.batch():
        row = db.one("SELECT id, sha256 FROM sources WHERE key = ?", (source_key,))
        if row is None:
            raise StoreError(f"no stored source {source_key!r}")
        wrong = [d.id for d in docs if d.source.sha256 != row[1]]
        if wrong:
            raise StoreError(f"documents {wrong} are not of source {source_key!r}'s text")
        _write_machine_layer(db, row[0], source_key, docs, stages)


def _write_machine_layer(db: Database, source_id: int, key: str, docs: list[Document],
                         stages: Mapping[str, str], *, follow: bool = True) -> None:
    """Write the documents' rows; `follow`: then rewrite the other sources whose
    Arabic-script entities these documents' Latin ones now give an id (`cross_script`)."""
    at = now()
    db.connection.execute("DELETE FROM documents WHERE source_id = ?", (source_id,))
    docs = cross_script.resolve(db, docs)
    db.connection.executemany(
        "INSERT INTO source_stages (source_id, stage, version, run_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (source_id, stage) DO UPDATE"
        " SET version = excluded.version, run_at = excluded.run_at",
        [(source_id, stage, version, at) for stage, version in stages.items()],
    )
    for doc in docs:
        _insert_document(db, source_id, key, doc, stages, at)
    for other in cross_script.stale_sources(db, source_id, docs) if follow else []:
        _rewrite(db, other)


def _rewrite(db: Database, source_id: int) -> None:
    """Write a stored source's machine layer again, as it stands (its ids re-resolved)."""
    row = db.one("SELECT key FROM sources WHERE id = ?", (source_id,))
    assert row is not None
    stages = dict(db.connection.execute(
        "SELECT stage, version FROM source_stages WHERE source_id = ?", (source_id,)))
    _write_machine_layer(db, source_id, row[0], documents.machine_documents(db, row[0]),
                         stages, follow=False)


def _insert_document(db: Database, source_id: int, key: str, doc: Document,
                     stages: Mapping[str, str], at: str) -> None:
    effective = documents.curated(db, doc, key, doc.source.part)  # curation feeds `names`
    values = documents.facets(effective)
    columns = ["id", "source_id", "part", "text", "json", "created_at", *values]
    try:
        pk = db.connection.execute(
            f"INSERT INTO documents ({', '.join(columns)})"
            f" VALUES ({', '.join('?' * len(columns))})",
            (doc.id, source_id, doc.source.part, doc.text, _machine_json(doc), at,
             *values.values()),
        ).lastrowid
    except sqlite3.IntegrityError as exc:
        raise StoreError(f"document {doc.id} (part {doc.source.part}): {exc}") from exc
    _insert_rows(db, pk, doc, stages, at)
    # the effective flags: facets and search filter on them
    db.connection.executemany(
        "INSERT INTO flags (doc_pk, code, severity, message, spans, check_name, flag_key)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", flags.flag_rows(pk, effective.flags))


def _insert_rows(db: Database, pk: int | None, doc: Document, stages: Mapping[str, str],
                 at: str) -> None:
    run = db.connection.executemany
    run("INSERT INTO document_stages (doc_pk, stage, version, run_at) VALUES (?, ?, ?, ?)",
        [(pk, stage, version, at) for stage, version in stages.items()])
    run("INSERT INTO fields (doc_pk, field, ord, text, start, end, extra)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)", _field_rows(pk, doc))
    run("INSERT INTO mentions (doc_pk, ord, type, entity_id, text, start, end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(pk, i, m.type, m.entity, m.text, m.start, m.end) for i, m in enumerate(doc.mentions)])
    run("INSERT OR REPLACE INTO entities (doc_pk, entity_id, type, name, aliases)"
        " VALUES (?, ?, ?, ?, ?)",
        [(pk, e.id, e.type, e.name, dumps(e.aliases)) for e in doc.entities])
    run("INSERT INTO relations (doc_pk, type, source_entity, target_entity, status,"
        " evidence_start, evidence_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(pk, r.type, r.source, r.target, r.status, r.evidence.start, r.evidence.end)
         for r in doc.relations])
