"""The SQLite archive: sources, their documents' machine layer, and the human edits over it.

One file in WAL mode. Writes happen in explicit transactions (`BEGIN IMMEDIATE` ...
`COMMIT`, autocommit otherwise); `batch()` groups many writes into one, and each write
method nests inside it as a savepoint, so a failure undoes exactly the batch or the call.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from sijill.model import Document, SourceText
from sijill.store import entities as entity_layer
from sijill.store import flags as flag_layer
from sijill.store import layers
from sijill.store import relations as relation_layer
from sijill.store.errors import StoreError
from sijill.store.migrate import migrate

Status = Literal["added", "updated", "unchanged", "moved"]

# Tables of the human layer anchored to a source by its key: a source that takes a new key
# (a moved file) takes these rows along.
_ANCHORED = ("edits", "entity_edits", "relation_claims")

_PAGE = 200


def default_db_path() -> Path:
    """$SIJILL_DB, else ./sijill.db."""
    return Path(os.environ.get("SIJILL_DB") or "sijill.db")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _machine_json(doc: Document) -> str:
    # The text is stored once, in its own column (search and snippets read it there).
    data = doc.to_dict()
    del data["text"]
    return _dumps(data)


def _load_document(data: str, text: str) -> Document:
    return Document.from_dict({**json.loads(data), "text": text})


def _year(iso: str) -> int | None:
    return int(iso[:4]) if iso[:4].isdigit() else None


def _facets(doc: Document) -> dict[str, Any]:
    """The searchable and filterable columns of a document, from its effective values."""
    hijri = next((d.year for d in doc.dates if d.calendar == "hijri" and d.year), None)
    names = dict.fromkeys(
        [e.name for e in doc.entities]
        + [a for e in doc.entities for a in e.aliases]
        + [m.text for m in doc.mentions]
    )
    return {
        "language": doc.language,
        "date_iso": doc.date.iso if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "date_basis": doc.date.basis if doc.date else None,
        "gregorian_year": _year(doc.date.iso) if doc.date else None,
        "hijri_year": hijri,
        "issuer_top": doc.issuer[0].text if doc.issuer else None,
        "reference": doc.reference_number.text if doc.reference_number else None,
        "sender": doc.sender.text if doc.sender else None,
        "title": doc.title,
        "subject": doc.subject.text if doc.subject else None,
        "names": "\n".join(name for name in names if name),
    }


def _field_rows(pk: int, doc: Document) -> list[tuple[Any, ...]]:
    rows = []
    for name in ("issuer", "reference_number", "dates", "subject", "sender",
                 "addressees", "cc", "notes"):
        value = getattr(doc, name)
        for ord_, span in enumerate(value if isinstance(value, list) else [value]):
            if span is None:
                continue
            extra = {k: v for k, v in span.to_dict().items() if k not in ("text", "start", "end")}
            rows.append((pk, name, ord_, span.text, span.start, span.end,
                         _dumps(extra) if extra else None))
    return rows


class Archive:
    """One archive file. Use as a context manager, or call `close()`."""

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False,
                 timeout: float = 30.0,
                 factory: type[sqlite3.Connection] = sqlite3.Connection) -> None:
        """`readonly`: a reader of an existing archive (the web app's pages), which never
        writes, migrates or takes a lock; `timeout`: how long a write waits for another;
        `factory`: the connection's class (the web app's readers use their own).
        One archive object is used by one thread at a time; the web app closes its threads'
        archives from another thread at shutdown, hence `check_same_thread=False`."""
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:" and not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = (sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                          isolation_level=None, timeout=timeout,
                                          check_same_thread=False, factory=factory)
                          if readonly else
                          sqlite3.connect(self.path, isolation_level=None, timeout=timeout,
                                          check_same_thread=False))
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open archive {self.path}: {exc}") from exc
        self._depth = 0
        self._closed = False
        if readonly:
            return
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            migrate(self._conn)
        except (sqlite3.DatabaseError, StoreError) as exc:
            self._conn.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{self.path} is not a usable Sijill archive: {exc}") from exc

    @property
    def connection(self) -> sqlite3.Connection:
        """The archive's SQLite connection, for the store's own modules (entities, relations,
        users, import) and read-only queries of the web app; writes go inside `batch()`."""
        return self._conn

    # -- lifecycle and transactions ---------------------------------------------------------

    def close(self) -> None:
        """Close the file; an unfinished batch is rolled back. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        try:
            # Keeps query plans good as the archive grows; bounded so closing stays quick.
            self._conn.execute("PRAGMA analysis_limit = 400")
            self._conn.execute("PRAGMA optimize")
        except sqlite3.OperationalError:  # another writer holds the lock: skip, not fail
            pass
        finally:
            self._conn.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction: committed at the end, rolled back whole if anything raises.

        Nested batches (and every write method) become savepoints of the outer one.
        """
        depth = self._depth
        savepoint = f"sijill_{depth}"
        self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                if self._conn.in_transaction:  # SQLite may already have rolled back
                    self._conn.execute("ROLLBACK")
            elif self._conn.in_transaction:
                self._conn.execute(f"ROLLBACK TO {savepoint}")
                self._conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth = depth
        try:
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")
        except sqlite3.Error:
            if depth == 0 and self._conn.in_transaction:  # never leave a half-done batch open
                self._conn.execute("ROLLBACK")
            raise

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        return self._conn.execute(sql, params).fetchone()

    # -- writing the machine layer ----------------------------------------------------------

    def put_source(self, source: SourceText, documents: list[Document],
                   stages: dict[str, str], *, replaces: str | None = None) -> Status:
        """Store a source and its documents: "added", "updated" (same key, new bytes; human
        edits kept) or "unchanged" (these exact bytes are already stored, under any key).

        `replaces` names the key the same source had before (a file moved, or a key in an
        older form): that source takes the new key, with its history and human edits, and
        the status is "moved" (or "updated" if its bytes changed too).
        """
        _check_documents(source, documents)
        with self.batch():
            moved = replaces is not None and replaces != source.key and self._rekey(
                replaces, source.key)
            held = self._one("SELECT key, bytes_read, text FROM sources WHERE sha256 = ?",
                             (source.sha256,))
            if held and not held[1] and held[2] == source.text:
                self._conn.execute("UPDATE sources SET bytes_read = 1 WHERE key = ?", (held[0],))
            if held and not held[1] and held[2] != source.text:
                # an imported text that these bytes do not give: the bytes win, under the
                # key the import gave (its human layer stays, re-anchored or flagged)
                source = dataclasses.replace(source, path=held[0])
                moved = True
            elif held and not (moved and held[0] == source.key):
                return "unchanged"
            row = self._one("SELECT id FROM sources WHERE key = ?", (source.key,))
            now = _now()
            values = (source.sha256, source.path, source.url, source.media_type,
                      source.title, source.published, source.text, source.layout)
            if row is None:
                source_id = self._conn.execute(
                    "INSERT INTO sources (sha256, path, url, media_type, title, published, text,"
                    " layout, key, ingested_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, source.key, now, now),
                ).lastrowid
            else:
                source_id = row[0]
                self._conn.execute(
                    "UPDATE sources SET sha256 = ?, path = ?, url = ?, media_type = ?, title = ?,"
                    " published = ?, text = ?, layout = ?, updated_at = ?, bytes_read = 1"
                    " WHERE id = ?",
                    (*values, now, source_id),
                )
                self._conn.execute("DELETE FROM source_stages WHERE source_id = ?", (source_id,))
            assert source_id is not None
            self._write_machine_layer(source_id, source.key, documents, stages)
            if row is None:
                return "added"
            if held and not held[1] and held[2] != source.text:
                return "updated"
            return "moved" if moved and held else "updated"

    def _rekey(self, old: str, new: str) -> bool:
        """Give the source keyed `old` the key `new`, and move its human layer with it; False
        when there is no such source or `new` is taken."""
        if self._one("SELECT 1 FROM sources WHERE key = ?", (new,)) or not self._one(
                "SELECT 1 FROM sources WHERE key = ?", (old,)):
            return False
        self._conn.execute("UPDATE sources SET key = ? WHERE key = ?", (new, old))
        for table in _ANCHORED:
            self._conn.execute(f"UPDATE {table} SET source_key = ? WHERE source_key = ?",
                               (new, old))
        return True

    def source_key_of(self, sha256: str) -> str | None:
        """The key of the source whose bytes have this hash, if stored from bytes this
        archive has read (an imported source's hash is checked when its bytes come)."""
        row = self._one("SELECT key FROM sources WHERE sha256 = ? AND bytes_read", (sha256,))
        return row[0] if row else None

    def has_source(self, key: str) -> bool:
        return self._one("SELECT 1 FROM sources WHERE key = ?", (key,)) is not None

    def replace_documents(self, source_key: str, documents: list[Document],
                          stages: dict[str, str]) -> None:
        """A new machine layer for a stored source (reprocess); human edits are kept."""
        with self.batch():
            row = self._one("SELECT id, sha256 FROM sources WHERE key = ?", (source_key,))
            if row is None:
                raise StoreError(f"no stored source {source_key!r}")
            wrong = [d.id for d in documents if d.source.sha256 != row[1]]
            if wrong:
                raise StoreError(f"documents {wrong} are not of source {source_key!r}'s text")
            self._write_machine_layer(row[0], source_key, documents, stages)

    def _write_machine_layer(self, source_id: int, key: str, documents: list[Document],
                             stages: Mapping[str, str]) -> None:
        now = _now()
        self._conn.execute("DELETE FROM documents WHERE source_id = ?", (source_id,))
        self._conn.executemany(
            "INSERT INTO source_stages (source_id, stage, version, run_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (source_id, stage) DO UPDATE"
            " SET version = excluded.version, run_at = excluded.run_at",
            [(source_id, stage, version, now) for stage, version in stages.items()],
        )
        for doc in documents:
            self._insert_document(source_id, key, doc, stages, now)

    def _insert_document(self, source_id: int, key: str, doc: Document,
                         stages: Mapping[str, str], now: str) -> None:
        effective = flag_layer.overlay(self, entity_layer.overlay(  # curation feeds `names`
            self, layers.overlay(doc, self._latest_edits(key, doc.source.part)), key,
            doc.source.part), key, doc.source.part)
        facets = _facets(effective)
        columns = ["id", "source_id", "part", "text", "json", "created_at", *facets]
        try:
            pk = self._conn.execute(
                f"INSERT INTO documents ({', '.join(columns)})"
                f" VALUES ({', '.join('?' * len(columns))})",
                (doc.id, source_id, doc.source.part, doc.text, _machine_json(doc), now,
                 *facets.values()),
            ).lastrowid
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"document {doc.id} (part {doc.source.part}): {exc}") from exc
        self._insert_rows(pk, doc, stages, now)
        run = self._conn.executemany  # the effective flags: facets and search filter on them
        run("INSERT INTO flags (doc_pk, code, severity, message, spans, check_name, flag_key)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", flag_layer.flag_rows(pk, effective.flags))

    def _insert_rows(self, pk: int | None, doc: Document, stages: Mapping[str, str],
                     now: str) -> None:
        run = self._conn.executemany
        run("INSERT INTO document_stages (doc_pk, stage, version, run_at) VALUES (?, ?, ?, ?)",
            [(pk, stage, version, now) for stage, version in stages.items()])
        run("INSERT INTO fields (doc_pk, field, ord, text, start, end, extra)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", _field_rows(pk, doc))
        run("INSERT INTO mentions (doc_pk, ord, type, entity_id, text, start, end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(pk, i, m.type, m.entity, m.text, m.start, m.end) for i, m in enumerate(doc.mentions)])
        run("INSERT OR REPLACE INTO entities (doc_pk, entity_id, type, name, aliases)"
            " VALUES (?, ?, ?, ?, ?)",
            [(pk, e.id, e.type, e.name, _dumps(e.aliases)) for e in doc.entities])
        run("INSERT INTO relations (doc_pk, type, source_entity, target_entity, status,"
            " evidence_start, evidence_end) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(pk, r.type, r.source, r.target, r.status, r.evidence.start, r.evidence.end)
             for r in doc.relations])

    # -- reading ----------------------------------------------------------------------------

    def sources(self) -> Iterator[SourceText]:
        """Every stored source's text, in the order first ingested."""
        last = 0
        while True:
            rows = self._conn.execute(
                "SELECT id, sha256, text, path, url, media_type, title, published, layout"
                " FROM sources"
                " WHERE id > ? ORDER BY id LIMIT ?", (last, _PAGE),
            ).fetchall()
            for row in rows:
                yield SourceText(*row[1:])
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def source_layout(self, key: str) -> str | None:
        """The OCR layout stored with a source (JSON, see ingest.ocr.Layout), if it has one."""
        row = self._one("SELECT layout FROM sources WHERE key = ?", (key,))
        return row[0] if row else None

    _DOC_SQL = ("SELECT d.json, d.text, s.key, d.part, d.pk FROM documents d"
                " JOIN sources s ON s.id = d.source_id")

    def machine_document(self, doc_id: str) -> Document | None:
        """The document as the stages produced it, without human edits."""
        row = self._one(f"{self._DOC_SQL} WHERE d.id = ?", (doc_id,))
        return _load_document(row[0], row[1]) if row else None

    def machine_documents(self, source_key: str) -> list[Document]:
        """A source's documents as the stages produced them, in part order."""
        rows = self._conn.execute(
            f"{self._DOC_SQL} WHERE s.key = ? ORDER BY d.part", (source_key,),
        ).fetchall()
        return [_load_document(row[0], row[1]) for row in rows]

    def document(self, doc_id: str, *, claims: bool = True) -> Document | None:
        """The document as the researcher sees it: machine output with human edits applied.

        `claims=False` leaves out the researchers' relation claims (added, rejected), which
        are themselves made over that view.
        """
        row = self._one(f"{self._DOC_SQL} WHERE d.id = ?", (doc_id,))
        return self._effective(row, claims=claims) if row else None

    def documents(self, *, claims: bool = True) -> Iterator[Document]:
        """Every document, human edits applied, in storage order."""
        last = 0
        while True:
            rows = self._conn.execute(
                f"{self._DOC_SQL} WHERE d.pk > ? ORDER BY d.pk LIMIT ?", (last, _PAGE),
            ).fetchall()
            yield from (self._effective(row, claims=claims) for row in rows)
            if len(rows) < _PAGE:
                return
            last = rows[-1][4]

    def _effective(self, row: tuple[Any, ...], *, claims: bool = True) -> Document:
        key, part = row[2], row[3]
        doc = layers.overlay(_load_document(row[0], row[1]), self._latest_edits(key, part))
        doc = entity_layer.overlay(self, doc, key, part)  # entity curation, over field edits
        doc = flag_layer.overlay(self, doc, key, part)  # archive-wide findings, dismissals
        return relation_layer.overlay(self, doc, key, part) if claims else doc

    def _latest_edits(self, key: str, part: int) -> dict[str, Any]:
        rows = self._conn.execute(
            "SELECT field, after FROM edits WHERE source_key = ? AND part = ?"
            " AND id NOT IN (SELECT edit_id FROM undos WHERE layer = 'field') ORDER BY id",
            (key, part),
        )
        # Later rows overwrite earlier ones: the latest edit of each field wins.
        return {field: json.loads(after) for field, after in rows}

    def stages(self, doc_id: str) -> dict[str, str]:
        """The stage versions that produced a document's machine layer."""
        rows = self._conn.execute(
            "SELECT st.stage, st.version FROM document_stages st"
            " JOIN documents d ON d.pk = st.doc_pk WHERE d.id = ? ORDER BY st.stage", (doc_id,),
        )
        return dict(rows.fetchall())

    # -- statistics (search: sijill.query) --------------------------------------------------

    def _counts(self, sql: str) -> dict[str, int]:
        return {str(key) if key is not None else "(none)": n
                for key, n in self._conn.execute(sql)}

    def stats(self) -> dict[str, Any]:
        """What the archive holds, in counts (for `sijill stats` and the web app's home)."""
        count = self._conn.execute
        documents = count("SELECT count(*) FROM documents").fetchone()[0]
        dated = count("SELECT count(*) FROM documents WHERE date_iso IS NOT NULL").fetchone()[0]
        pages = count("PRAGMA page_count").fetchone()[0] * count("PRAGMA page_size").fetchone()[0]
        return {
            "sources": count("SELECT count(*) FROM sources").fetchone()[0],
            "documents": documents,
            "dated": dated,
            "undated": documents - dated,
            "by_media_type": self._counts(
                "SELECT s.media_type, count(*) FROM documents d JOIN sources s"
                " ON s.id = d.source_id GROUP BY 1 ORDER BY 2 DESC, 1"),
            "by_issuer": self._counts(
                "SELECT issuer_top, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
            "by_hijri_year": self._counts(
                "SELECT hijri_year, count(*) FROM documents WHERE hijri_year IS NOT NULL"
                " GROUP BY 1 ORDER BY 1"),
            "by_gregorian_year": self._counts(
                "SELECT gregorian_year, count(*) FROM documents WHERE gregorian_year IS NOT NULL"
                " GROUP BY 1 ORDER BY 1"),
            "flags": self._counts("SELECT code, count(*) FROM flags GROUP BY 1 ORDER BY 2 DESC, 1"),
            "edits": count("SELECT count(*) FROM edits").fetchone()[0],
            "db_bytes": pages,
        }

    # -- the human layer --------------------------------------------------------------------

    def edit_field(self, doc_id: str, field: str, value: Any, *, author: str,
                   note: str | None = None) -> int:
        """Set a field by hand (contract JSON for it); returns the edit's id.

        The edit is anchored to the document's (source key, part), so it survives re-ingest
        of changed bytes and reprocessing.
        """
        if not author or not author.strip():
            raise StoreError("an edit needs an author")
        kind = layers.field_kind(field)
        with self.batch():
            row = self._one(f"{self._DOC_SQL} WHERE d.id = ?", (doc_id,))
            if row is None:
                raise StoreError(f"no document {doc_id!r}")
            machine = _load_document(row[0], row[1])
            current = self._effective(row)
            after = kind.dump(layers.read_edit(field, value, machine.text))
            cursor = self._conn.execute(
                "INSERT INTO edits (source_key, part, doc_id, field, before, after, machine,"
                " author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row[2], row[3], doc_id, field, _dumps(kind.dump(getattr(current, field))),
                 _dumps(after), _dumps(kind.dump(getattr(machine, field))), author, note, _now()),
            )
            self._refresh_facets(row[4], self._effective(row))
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def _refresh_facets(self, pk: int, doc: Document) -> None:
        flag_layer.refresh(self, pk, doc)
        facets = _facets(doc)
        self._conn.execute(
            f"UPDATE documents SET {', '.join(f'{c} = ?' for c in facets)} WHERE pk = ?",
            (*facets.values(), pk),
        )

    def edits(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """The audit trail, oldest first: every edit, or those of one document (by its
        current id, or the id it had when edited)."""
        sql = (
            "SELECT e.id, coalesce(d.id, e.doc_id), e.field, e.before, e.after, e.author,"
            " e.created_at, e.note, e.machine, e.source_key, e.part, e.doc_id FROM edits e"
            " LEFT JOIN sources s ON s.key = e.source_key"
            " LEFT JOIN documents d ON d.source_id = s.id AND d.part = e.part"
        )
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql += " WHERE d.id = ? OR e.doc_id = ?"
            params = (doc_id, doc_id)
        keys = ("id", "doc_id", "field", "before", "after", "author", "created_at", "note",
                "machine", "source_key", "part", "edited_doc_id")
        out = []
        for row in self._conn.execute(sql + " ORDER BY e.id", params):
            item = dict(zip(keys, row, strict=True))
            for name in ("before", "after", "machine"):
                item[name] = json.loads(item[name]) if item[name] is not None else None
            out.append(item)
        return out


def _check_documents(source: SourceText, documents: list[Document]) -> None:
    wrong = [d.id for d in documents if d.source.sha256 != source.sha256]
    if wrong:
        raise StoreError(f"documents {wrong} do not come from source {source.key!r}")
