"""Each effective entity's figures across the archive (documents, mentions, first and last
dates, the names it goes by), from the derived rows (migration views `entity_docs`,
`entity_names`, `entity_texts`, `entity_totals`) for most documents, with the curation
replayed over the few documents those rows cannot stand for.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sijill.model import Entity, Mention
from sijill.store.curation import Curated, Curation, curate
from sijill.store.db import Database, json_list
from sijill.store.entity_layer import EntityNames
from sijill.store.entity_rows import NOT_IN, StoredDoc, exceptions, stored

__all__ = ["EntityTally", "ReplayedEntity", "replay_documents", "tallies", "tally"]


@dataclass(slots=True)
class ReplayedEntity:
    """One effective entity as replayed over some documents: its names, words, documents
    and mentions."""

    id: str
    names: EntityNames = field(default_factory=EntityNames)
    texts: Counter[str] = field(default_factory=Counter)
    mention_type: str = ""
    docs: dict[str, StoredDoc] = field(default_factory=dict)
    # (document, the mention as curated, the mention as the machine gave it)
    mentions: list[tuple[StoredDoc, Mention, Mention]] = field(default_factory=list)


def replay_documents(cur: Curation, docs: list[StoredDoc]
                     ) -> tuple[dict[str, ReplayedEntity], dict[int, str]]:
    """Effective entities over `docs`, and where each anchored split edit's mention is now."""
    accs: dict[str, ReplayedEntity] = {}
    anchored: dict[int, str] = {}
    for item in docs:
        curated = curate(cur, item.key, item.part, item.mentions, item.entities)
        _add_doc(accs, item, curated)
        for edit_id, index in curated.anchored.items():
            m = curated.mentions[index]
            anchored[edit_id] = f"{item.id}:{m.start}-{m.end}"
    return accs, anchored


def _add_doc(accs: dict[str, ReplayedEntity], item: StoredDoc, curated: Curated) -> None:
    for eff, machine in curated.groups.items():
        acc = accs.setdefault(eff, ReplayedEntity(eff))
        acc.docs[item.id] = item
        for entity in machine:
            acc.names.add(entity, entity.id == eff)
    for mention, original in zip(curated.mentions, item.mentions, strict=True):
        acc = accs[mention.entity]
        acc.texts[mention.text] += 1
        acc.mention_type = acc.mention_type or mention.type
        acc.mentions.append((item, mention, original))


# -- figures: derived rows for most documents, the curation replayed over the few others ----

_Pos = tuple[int, int]  # (document pk, order in it): what was seen first wins a tie


@dataclass(slots=True)
class EntityTally:
    """One effective entity's figures across the archive."""

    id: str
    documents: int = 0
    mentions: int = 0
    first: str | None = None
    last: str | None = None
    name_rows: list[tuple[_Pos, Entity, int]] = field(default_factory=list)
    text_rows: list[tuple[_Pos, str, str, int]] = field(default_factory=list)
    names: EntityNames = field(default_factory=EntityNames)
    texts: Counter[str] = field(default_factory=Counter)
    mention_type: str = ""

    def dated(self, first: str | None, last: str | None) -> None:
        """Widen the entity's first and last dates to these."""
        if first and (self.first is None or first < self.first):
            self.first = first
        if last and (self.last is None or last > self.last):
            self.last = last

    def settle(self) -> EntityTally:
        """Names and words counted in the order they were first seen, as a replay would."""
        for _, entity, rows in sorted(self.name_rows, key=lambda r: r[0]):
            self.names.add(entity, entity.id == self.id, rows)
        for _, text, type_, rows in sorted(self.text_rows, key=lambda r: r[0]):
            self.texts[text] += rows
            self.mention_type = self.mention_type or type_
        return self


_TallyOf = Callable[[str], EntityTally]  # an id's tally, made on first use
_SCOPE = " AND {c} IN (SELECT value FROM json_each(?))"


def _scoped(sql: str, column: str, ids: list[str] | None) -> tuple[str, list[Any]]:
    if ids is None:
        return sql, []
    return sql + _SCOPE.format(c=column), [json_list(ids)]


def tallies(db: Database, cur: Curation, eff: str | None = None) -> dict[str, EntityTally]:
    """Effective entities' figures: all, or `eff`'s alone."""
    ids = sorted(cur.members(eff)) if eff is not None else None
    exc = exceptions(db, cur)
    affected = _ids_in(db, exc, ids)
    found: dict[str, EntityTally] = {}

    def tally_of(entity_id: str) -> EntityTally:
        target = cur.resolve(entity_id)
        return found.setdefault(target, EntityTally(target))

    _derived(db, ids, affected, exc, tally_of)
    _by_pairs(db, cur, ids, affected, exc, tally_of)
    _replayed(db, cur, exc, tally_of)
    out = {k: f.settle() for k, f in found.items() if f.documents}
    return {eff: out[eff]} if eff is not None and eff in out else {} if eff else out


def _ids_in(db: Database, pks: set[int], ids: list[str] | None) -> set[str]:
    """The machine ids with rows in the documents `pks`."""
    if not pks:
        return set()
    sql, params = _scoped("SELECT DISTINCT entity_id FROM entity_docs WHERE doc_pk IN"
                          " (SELECT value FROM json_each(?))", "entity_id", ids)
    return {x for (x,) in db.connection.execute(sql, [json_list(pks), *params])}


_NAMES_SQL = ("SELECT n.entity_id, n.type, n.name, n.aliases, n.n, e.doc_pk, n.first_id"
              " FROM entity_names n JOIN entities e ON e.id = n.first_id WHERE 1")
_TEXTS_SQL = ("SELECT t.entity_id, t.text, t.type, t.n, m.doc_pk, t.first_id"
              " FROM entity_texts t JOIN mentions m ON m.id = t.first_id WHERE 1")
# The same, straight from the machine rows: for ids that also appear in excepted documents.
_NAMES_RAW = ("SELECT entity_id, type, name, aliases, count(*), doc_pk, min(id) FROM entities"
              " WHERE entity_id IN (SELECT value FROM json_each(?))"
              " AND doc_pk NOT IN (SELECT value FROM json_each(?))"
              " GROUP BY entity_id, type, name, aliases")
_TEXTS_RAW = ("SELECT entity_id, text, type, count(*), doc_pk, min(id) FROM mentions"
              " WHERE entity_id IN (SELECT value FROM json_each(?))"
              " AND doc_pk NOT IN (SELECT value FROM json_each(?))"
              " GROUP BY entity_id, text, type")


def _derived(db: Database, ids: list[str] | None, affected: set[str], exc: set[int],
             tally_of: _TallyOf) -> None:
    """Names and words of every id; mention counts of the ids no excepted document holds."""
    conn = db.connection
    rows = [r for r in conn.execute(*_scoped(_NAMES_SQL, "n.entity_id", ids))
            if r[0] not in affected]
    if affected:
        rows += conn.execute(_NAMES_RAW, (json_list(affected), json_list(exc))).fetchall()
    for entity_id, type_, name, aliases, n, pk, first in rows:
        tally_of(entity_id).name_rows.append(
            ((pk, first), Entity(entity_id, type_, name, json.loads(aliases)), n))
    rows = [r for r in conn.execute(*_scoped(_TEXTS_SQL, "t.entity_id", ids))
            if r[0] not in affected]
    if affected:
        rows += conn.execute(_TEXTS_RAW, (json_list(affected), json_list(exc))).fetchall()
    for entity_id, text, type_, n, pk, first in rows:
        target = tally_of(entity_id)
        target.text_rows.append(((pk, first), text, type_, n))
        target.mentions += n


_TOTALS_SQL = (
    "SELECT t.entity_id, t.docs,"
    " (SELECT min(date_iso) FROM entity_docs e WHERE e.entity_id = t.entity_id"
    " AND e.date_iso IS NOT NULL),"
    " (SELECT max(date_iso) FROM entity_docs e WHERE e.entity_id = t.entity_id)"
    " FROM entity_totals t WHERE t.docs > 0")


def _by_pairs(db: Database, cur: Curation, ids: list[str] | None, affected: set[str],
              exc: set[int], tally_of: _TallyOf) -> None:
    """Documents and dates: kept totals for a lone id, else its (id, document) rows, so a
    document two merged ids share counts once."""
    paired = cur.merged() | affected
    for entity_id, docs, first, last in db.connection.execute(
            *_scoped(_TOTALS_SQL, "t.entity_id", ids)):
        if entity_id not in paired:
            target = tally_of(entity_id)
            target.documents += docs
            target.dated(first, last)
    wanted = paired if ids is None else paired & set(ids)
    if not wanted:
        return
    seen: dict[str, dict[int, str | None]] = {}
    for entity_id, pk, date_iso in db.connection.execute(
            "SELECT entity_id, doc_pk, date_iso FROM entity_docs"
            " WHERE entity_id IN (SELECT value FROM json_each(?))" + NOT_IN.format(c="doc_pk"),
            (json_list(wanted), json_list(exc))):
        seen.setdefault(cur.resolve(entity_id), {})[pk] = date_iso
    for target, docs in seen.items():
        f = tally_of(target)
        f.documents += len(docs)
        dates = [d for d in docs.values() if d]
        f.dated(min(dates, default=None), max(dates, default=None))


def _replayed(db: Database, cur: Curation, exc: set[int], tally_of: _TallyOf) -> None:
    """The excepted documents, their curation replayed as `curate` does for one document."""
    if not exc:
        return
    for item in stored(db, exc):
        curated = curate(cur, item.key, item.part, item.mentions, item.entities)
        order = 0
        for eff, machine in curated.groups.items():
            target = tally_of(eff)
            target.documents += 1
            target.dated(item.date, item.date)
            for entity in machine:
                target.name_rows.append(((item.pk, order), entity, 1))
                order += 1
        for i, m in enumerate(curated.mentions):
            target = tally_of(m.entity)
            target.text_rows.append(((item.pk, i), m.text, m.type, 1))
            target.mentions += 1


def tally(db: Database, cur: Curation, eff: str) -> EntityTally | None:
    """One effective entity's figures, or None when no document holds it."""
    return tallies(db, cur, eff).get(eff)
