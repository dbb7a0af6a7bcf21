"""The archive's documents as the entity views read them: each with its (human-edited)
mentions and entities, and the SQL helpers that pick the documents an entity's figures
must replay rather than read from derived rows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sijill.model import Document, Entity, Mention
from sijill.store import documents, layers
from sijill.store.curation import Curation
from sijill.store.db import Database, json_list

__all__ = ["DOCS_SQL", "NOT_IN", "StoredDoc", "candidate_docs", "edited_docs", "exceptions",
           "field_edited", "pks_of", "stored", "where_in"]

NOT_IN = " AND {c} NOT IN (SELECT value FROM json_each(?))"  # format c=column; a JSON list


@dataclass(slots=True)
class StoredDoc:
    """A stored document with its mentions and entities (human field edits applied)."""

    pk: int
    id: str
    title: str | None
    date: str | None
    key: str
    part: int
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    full: Document | None = None  # the layered document, when the view needs its parts


# an untitled document is listed by its subject, else its issuer: never by its hash alone
DOCS_SQL = ("SELECT d.pk, d.id, coalesce(d.title, d.subject, d.issuer_top), d.date_iso,"
            " s.key, d.part FROM documents d"
            " JOIN sources s ON s.id = d.source_id")


def _layered(db: Database, item: StoredDoc) -> Document:
    """The document with human field edits applied, before entity curation."""
    machine = documents.machine_document(db, item.id)
    assert machine is not None
    return layers.overlay(machine, documents.latest_edits(db, item.key, item.part))


def field_edited(db: Database) -> set[tuple[str, int]]:
    """(source key, part) of documents whose mentions or entities a researcher edited."""
    rows = db.connection.execute(
        "SELECT DISTINCT source_key, part FROM edits WHERE field IN ('mentions', 'entities')")
    return {(k, p) for k, p in rows}


def edited_docs(db: Database) -> set[tuple[str, int]]:
    """(source key, part) of documents with any human field edit."""
    return {(k, p) for k, p in db.connection.execute(
        "SELECT DISTINCT source_key, part FROM edits")}


def where_in(column: str, pks: set[int] | None) -> tuple[str, list[int]]:
    """A WHERE clause keeping `column` in `pks` (none when `pks` is None), and its params."""
    if pks is None:
        return "", []
    return f" WHERE {column} IN ({', '.join('?' * len(pks))})", sorted(pks)


def stored(db: Database, pks: set[int] | None = None, full: bool = False) -> list[StoredDoc]:
    """Documents with their (human-edited) mentions and entities: all, or those of `pks`."""
    where, params = where_in("d.pk", pks)
    docs = {row[0]: StoredDoc(*row) for row in db.connection.execute(DOCS_SQL + where, params)}
    where, params = where_in("doc_pk", pks)
    for pk, type_, entity_id, text, start, end in db.connection.execute(
            "SELECT doc_pk, type, entity_id, text, start, end FROM mentions"
            f"{where} ORDER BY doc_pk, ord", params):
        docs[pk].mentions.append(Mention(text, start, end, type=type_, entity=entity_id))
    for pk, entity_id, type_, name, aliases in db.connection.execute(
            f"SELECT doc_pk, entity_id, type, name, aliases FROM entities{where} ORDER BY id",
            params):
        docs[pk].entities.append(Entity(entity_id, type_, name, json.loads(aliases)))
    edited = field_edited(db)
    for item in docs.values():
        if full or (item.key, item.part) in edited:
            item.full = _layered(db, item)
            item.mentions, item.entities = item.full.mentions, item.full.entities
    return list(docs.values())


def candidate_docs(db: Database, cur: Curation, eff: str) -> set[int]:
    """Documents that may hold the entity: its members' rows, its split mentions' documents,
    and documents whose mentions a researcher edited by hand."""
    members = sorted(cur.members(eff))
    marks = ", ".join("?" * len(members))
    rows = db.connection.execute(
        f"SELECT DISTINCT doc_pk FROM entity_docs WHERE entity_id IN ({marks})", members)
    pks = {pk for (pk,) in rows}
    anchors = {(e.anchor.source_key, e.anchor.part) for e in cur.splits()
               if e.anchor and e.other and cur.resolve(e.other) == eff}
    for key, part in anchors | field_edited(db):
        pks.update(pk for (pk,) in db.connection.execute(
            "SELECT d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (key, part)))
    return pks


def exceptions(db: Database, cur: Curation) -> set[int]:
    """Documents the derived rows cannot stand for: those holding a split mention, and
    those whose mentions or entities a researcher edited by hand."""
    keys = {(e.anchor.source_key, e.anchor.part) for e in cur.splits() if e.anchor}
    return pks_of(db, keys | field_edited(db))


def pks_of(db: Database, keys: set[tuple[str, int]]) -> set[int]:
    """The pks of the documents at these (source key, part)."""
    if not keys:
        return set()
    rows = db.connection.execute(
        "SELECT d.pk FROM json_each(?) k JOIN sources s ON s.key = k.value ->> 0"
        " JOIN documents d ON d.source_id = s.id AND d.part = k.value ->> 1",
        (json_list(keys),))
    return {pk for (pk,) in rows}
