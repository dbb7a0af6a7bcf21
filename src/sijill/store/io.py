"""Low-level reading and writing of a whole archive, for export and import.

`Archive` offers what the pipeline and the researcher need; moving an archive between files
needs a little more: the stored rows with their timestamps, so that an export read back
into an empty archive and exported again gives the same bytes. This module reads and writes
those rows; it is part of the store package and so uses the archive's connection directly.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from sijill.errors import StoreError
from sijill.model import Document, SourceText
from sijill.store import documents
from sijill.store.archive import Archive

_SOURCE_COLUMNS = ("key", "sha256", "path", "url", "media_type", "title", "published", "text",
                   "ingested_at", "updated_at")
_EDIT_COLUMNS = ("source_key", "part", "doc_id", "field", "before", "after", "machine",
                 "author", "note", "created_at")
_JSON_EDIT_COLUMNS = ("before", "after", "machine")



def _stages(archive: Archive, sql: str, key: Any) -> dict[str, dict[str, str]]:
    rows = archive.connection.execute(sql, (key,)).fetchall()
    return {stage: {"version": version, "run_at": run_at} for stage, version, run_at in rows}


def source_records(archive: Archive, keys: set[str] | None = None) -> Iterator[dict[str, Any]]:
    """Every stored source as a row (text and timestamps included), in ingest order, with its
    stage runs and its documents' machine layer."""
    rows = archive.connection.execute(
        f"SELECT id, {', '.join(_SOURCE_COLUMNS)} FROM sources ORDER BY id").fetchall()
    for row in rows:
        record = dict(zip(_SOURCE_COLUMNS, row[1:], strict=True))
        if keys is not None and record["key"] not in keys:
            continue
        record["stages"] = _stages(
            archive, "SELECT stage, version, run_at FROM source_stages WHERE source_id = ?"
            " ORDER BY stage", row[0])
        record["documents"] = list(_machine_documents(archive, row[0], record["text"]))
        yield record


def _machine_documents(archive: Archive, source_id: int, text: str) -> Iterator[dict[str, Any]]:
    rows = archive.connection.execute(
        "SELECT pk, json, text, created_at FROM documents WHERE source_id = ? ORDER BY part",
        (source_id,)).fetchall()
    for pk, data, doc_text, created_at in rows:
        doc = Document.from_dict({**json.loads(data), "text": doc_text})
        yield {
            "document": doc.to_dict(),
            "created_at": created_at,
            "stages": _stages(archive, "SELECT stage, version, run_at FROM document_stages"
                              " WHERE doc_pk = ? ORDER BY stage", pk),
        }


def edit_records(archive: Archive, keys: set[str] | None = None) -> list[dict[str, Any]]:
    """The human field edits as stored, oldest first (without their row ids)."""
    out = []
    for row in archive.connection.execute(
            f"SELECT {', '.join(_EDIT_COLUMNS)} FROM edits ORDER BY id"):
        item = dict(zip(_EDIT_COLUMNS, row, strict=True))
        if keys is not None and item["source_key"] not in keys:
            continue
        for name in _JSON_EDIT_COLUMNS:
            item[name] = json.loads(item[name]) if item[name] is not None else None
        out.append(item)
    return out


def human_tables(archive: Archive) -> list[str]:
    """Tables of the human layer other than `edits` (entity merges, splits and renames,
    relation claims and verdicts...): every table whose rows have an `author`. Found, not
    listed, so that a later migration's table travels too."""
    rows = archive.connection.execute(
        "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c"
        " WHERE m.type = 'table' AND c.name = 'author' AND m.name != 'edits' ORDER BY m.name")
    return [name for (name,) in rows]


def table_columns(archive: Archive, table: str) -> list[str]:
    """The columns of a table of the archive, in order."""
    return _columns(archive, table)


def _columns(archive: Archive, table: str) -> list[str]:
    return [row[1] for row in archive.connection.execute(f'PRAGMA table_info("{table}")')]


def table_rows(archive: Archive, table: str) -> list[dict[str, Any]]:
    """Every row of a table, in storage order, as column -> value."""
    columns = _columns(archive, table)
    quoted = ", ".join(f'"{c}"' for c in columns)
    rows = archive.connection.execute(f'SELECT {quoted} FROM "{table}" ORDER BY rowid')
    return [dict(zip(columns, row, strict=True)) for row in rows]


def insert_table_row(archive: Archive, table: str, row: dict[str, Any], *,
                     merge: bool = True) -> bool:
    """Add a row to a human-layer table; when merging, False if an identical row is already
    there. Restoring into an empty archive (`merge=False`) adds every row: two identical
    claims made in the same second are two rows of the trail."""
    if table not in human_tables(archive):
        raise StoreError(f"this archive has no table {table!r} for the imported human layer")
    columns = [c for c in _columns(archive, table) if c in row]
    quoted = ", ".join(f'"{c}"' for c in columns)
    content = [c for c in columns if c != "id"]
    where = " AND ".join(f'"{c}" IS ?' for c in content) or "1"
    conn = archive.connection
    if merge and conn.execute(f'SELECT 1 FROM "{table}" WHERE {where}',
                              tuple(row[c] for c in content)).fetchone():
        return False
    if "id" in columns and conn.execute(f'SELECT 1 FROM "{table}" WHERE id = ?',
                                        (row["id"],)).fetchone():
        columns = content  # the id is taken: let SQLite number the row
        quoted = ", ".join(f'"{c}"' for c in columns)
    conn.execute(f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})',
                 tuple(row[c] for c in columns))
    return True


def schema_version(archive: Archive) -> int:
    """The archive's schema version (its last migration's number)."""
    return int(archive.connection.execute("PRAGMA user_version").fetchone()[0])


def last_updated(archive: Archive) -> str | None:
    """When the archive's content last changed: a timestamp that belongs to the archive, not
    to the export run, so that exporting twice gives the same file."""
    row = archive.connection.execute(
        "SELECT max(t) FROM (SELECT max(updated_at) AS t FROM sources"
        " UNION ALL SELECT max(created_at) FROM edits)").fetchone()
    return row[0] if row else None


def ingested_at(archive: Archive) -> dict[str, str]:
    """Each source key's first ingest time."""
    return dict(archive.connection.execute("SELECT key, ingested_at FROM sources"))


def source_provenance(archive: Archive) -> dict[str, dict[str, Any]]:
    """Each source's provenance (title, url, publication date, ingest time), by sha256."""
    rows = archive.connection.execute(
        "SELECT sha256, key, path, url, title, published, ingested_at FROM sources")
    names = ("key", "path", "url", "title", "published", "ingested_at")
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in rows}


def document_ids_with_entity(archive: Archive, entity_id: str) -> list[str]:
    """The documents that name an entity (in their entities or their mentions)."""
    rows = archive.connection.execute(
        "SELECT d.id FROM documents d WHERE d.pk IN ("
        " SELECT doc_pk FROM entities WHERE entity_id = ?"
        " UNION SELECT doc_pk FROM mentions WHERE entity_id = ?) ORDER BY d.pk",
        (entity_id, entity_id))
    return [doc_id for (doc_id,) in rows]


def source_key_of_sha(archive: Archive, sha256: str) -> str | None:
    """The key of the source whose bytes have this hash, if stored."""
    row = archive.connection.execute(
        "SELECT key FROM sources WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


def has_source_key(archive: Archive, key: str) -> bool:
    """Whether a source with this key is stored."""
    return archive.connection.execute("SELECT 1 FROM sources WHERE key = ?", (key,)).fetchone() \
        is not None


def restore_source(archive: Archive, record: dict[str, Any], documents: list[Document],
                   doc_meta: list[dict[str, Any]]) -> None:
    """Store a source and its machine documents as they were exported, timestamps included.

    `put_source` does the storing (and so everything it checks and derives); its run times
    are then set back to the exported ones.
    """
    source = SourceText(record["sha256"], record["text"], record["path"], record["url"],
                        record["media_type"], record["title"], record["published"])
    if source.key != record["key"]:
        raise StoreError(f"source {record['key']!r}: its key is not its path or url")
    stages = {name: run["version"] for name, run in record["stages"].items()}
    conn = archive.connection
    with archive.batch():
        archive.put_source(source, documents, stages)
        source_id = conn.execute("SELECT id FROM sources WHERE key = ?",
                                 (record["key"],)).fetchone()[0]
        # bytes_read = 0: the hash is the export's word until a file with it is ingested
        conn.execute("UPDATE sources SET ingested_at = ?, updated_at = ?, bytes_read = 0"
                     " WHERE id = ?", (record["ingested_at"], record["updated_at"], source_id))
        conn.executemany(
            "UPDATE source_stages SET version = ?, run_at = ? WHERE source_id = ? AND stage = ?",
            [(run["version"], run["run_at"], source_id, name)
             for name, run in record["stages"].items()])
        for doc, meta in zip(documents, doc_meta, strict=True):
            _restore_document_times(conn, doc.id, meta)


def _restore_document_times(conn: sqlite3.Connection, doc_id: str, meta: dict[str, Any]) -> None:
    pk = conn.execute("SELECT pk FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
    conn.execute("UPDATE documents SET created_at = ? WHERE pk = ?", (meta["created_at"], pk))
    conn.execute("DELETE FROM document_stages WHERE doc_pk = ?", (pk,))
    conn.executemany(
        "INSERT INTO document_stages (doc_pk, stage, version, run_at) VALUES (?, ?, ?, ?)",
        [(pk, name, run["version"], run["run_at"]) for name, run in meta["stages"].items()])


def field_edits_of(archive: Archive, source_key: str, part: int) -> list[dict[str, Any]]:
    """The human field edits of one document (source key, part), as exported."""
    return [e for e in edit_records(archive, {source_key}) if e["part"] == part]


def insert_edit(archive: Archive, edit: dict[str, Any], *, refresh: bool = True) -> None:
    """Add one field edit as exported, then (unless told not to, for a document not yet
    stored) bring its document's search and filter columns up to date."""
    # The archive stores these three as JSON text always (a null value as 'null').
    values = [json.dumps(edit[c], ensure_ascii=False, separators=(",", ":"))
              if c in _JSON_EDIT_COLUMNS else edit[c] for c in _EDIT_COLUMNS]
    conn = archive.connection
    conn.execute(f"INSERT INTO edits ({', '.join(_EDIT_COLUMNS)})"
                 f" VALUES ({', '.join('?' * len(_EDIT_COLUMNS))})", values)
    if not refresh:
        return
    row = conn.execute(
        "SELECT d.pk, d.id FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE s.key = ? AND d.part = ?", (edit["source_key"], edit["part"])).fetchone()
    if row is not None:
        _refresh(archive, row[0], row[1])


def _refresh(archive: Archive, pk: int, doc_id: str) -> None:
    effective = archive.document(doc_id)
    assert effective is not None
    documents.refresh_facets(archive, pk, effective)


def refresh_facets(archive: Archive) -> None:
    """Recompute every document's search and filter columns (after the human layer changed
    under documents already stored)."""
    for pk, doc_id in archive.connection.execute("SELECT pk, id FROM documents").fetchall():
        _refresh(archive, pk, doc_id)


def document_count(archive: Archive) -> int:
    """How many documents the archive holds."""
    return int(archive.connection.execute("SELECT count(*) FROM documents").fetchone()[0])
