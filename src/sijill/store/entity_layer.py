"""The human layer of entities, replayed: the archive's entity edits (merges, splits,
renames) as one `Curation`, kept per open archive, and the one hook that lays it over a
document (`overlay`, called when a document is read).

The machine layer's `mentions` and `entities` rows are replaced at every re-ingest and
reprocess; `entity_edits` (migration 0002) is never touched by either. Every view replays
those edits, so the listing, the detail view, `Archive.document` and the search column
`names` agree on which entity a mention belongs to and what it is called.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from sijill.model import Document, Entity, Flag, Mention
from sijill.store.curation import Anchor, Curation, EntityEdit, curate
from sijill.store.db import Database

__all__ = ["EDIT_COLUMNS", "UNANCHORED", "EntityNames", "curation", "forget_curation",
           "names_pinned", "overlay", "pick_name"]

UNANCHORED = "entity-edit-unanchored"
# the columns of `entity_edits`, in the order the trail and the replay read them
EDIT_COLUMNS = ("id", "kind", "entity_id", "other_id", "name", "type", "source_key", "part",
                "doc_id", "start", "end", "text", "before", "after", "author", "note",
                "created_at")

# One replayed Curation per open archive, rebuilt when the edits table changes (another
# process's commit shows in the count or the last id; our own writes drop it explicitly).
_CACHE: weakref.WeakKeyDictionary[Database, tuple[tuple[int, ...], Curation]] = (
    weakref.WeakKeyDictionary()
)


def _edit_of(row: tuple[Any, ...]) -> EntityEdit:
    d = dict(zip(EDIT_COLUMNS, row, strict=False))
    anchor = None
    if d["kind"] == "split":
        anchor = Anchor(d["source_key"], d["part"], d["start"], d["end"], d["text"])
    return EntityEdit(d["id"], d["kind"], d["entity_id"], d["other_id"], d["name"], d["type"],
                      anchor)


def curation(db: Database) -> Curation:
    """The archive's entity edits, replayed."""
    state = db.one(
        "SELECT count(*), coalesce(max(id), 0),"
        " (SELECT count(*) FROM undos WHERE layer = 'entity') FROM entity_edits")
    key = tuple(int(x) for x in state) if state else (0, 0, 0)
    cached = _CACHE.get(db)
    if cached and cached[0] == key:
        return cached[1]
    rows = db.connection.execute(
        f"SELECT {', '.join(EDIT_COLUMNS)} FROM entity_edits"
        " WHERE id NOT IN (SELECT edit_id FROM undos WHERE layer = 'entity') ORDER BY id"
    ).fetchall()
    value = Curation(_edit_of(row) for row in rows)
    _CACHE[db] = (key, value)
    return value


def forget_curation(db: Database) -> None:
    """Drop the archive's cached replay: the entity edits changed (or may have)."""
    _CACHE.pop(db, None)


# -- one document: the hook of Archive.document ---------------------------------------------


@dataclass(slots=True)
class EntityNames:
    """The names an entity's machine rows carry across the archive."""

    type: str = ""
    own: Counter[str] = field(default_factory=Counter)  # rows of the entity's own id
    members: Counter[str] = field(default_factory=Counter)  # names and aliases of all members

    def add(self, entity: Entity, own: bool, rows: int = 1) -> None:
        """Count `rows` machine rows of `entity` (`own`: of the entity's own id)."""
        self.type = self.type or entity.type
        if own:
            self.own[entity.name] += rows
        for name in (entity.name, *entity.aliases):
            self.members[name] += rows


@dataclass(slots=True)
class _NameMemo:
    """Curated entities' archive-wide names, valid while neither the edits nor the machine
    layer change: same Curation, no write by this connection (total_changes) or another
    (data_version). `pinned` keeps it across writes known not to touch entity rows."""

    cur: Curation
    key: tuple[int, int]
    names: dict[str, EntityNames] = field(default_factory=dict)
    pinned: bool = False


_NAMES: weakref.WeakKeyDictionary[Database, _NameMemo] = weakref.WeakKeyDictionary()


def _memo(db: Database, cur: Curation) -> _NameMemo:
    version = db.one("PRAGMA data_version")
    key = (int(version[0]) if version else 0, db.connection.total_changes)
    memo = _NAMES.get(db)
    if memo is None or memo.cur is not cur or (memo.key != key and not memo.pinned):
        memo = _NAMES[db] = _NameMemo(cur, key)
    return memo


@contextmanager
def names_pinned(db: Database, cur: Curation) -> Iterator[None]:
    """Keep the looked-up names across writes that leave entity rows alone (search columns),
    and forget them after."""
    _memo(db, cur).pinned = True
    try:
        yield
    finally:
        _NAMES.pop(db, None)


def _group_names(db: Database, cur: Curation, effective: Iterable[str]
                 ) -> dict[str, EntityNames]:
    memo = _memo(db, cur)
    out: dict[str, EntityNames] = {}
    for eff in effective:
        if eff in memo.names:
            out[eff] = memo.names[eff]
            continue
        members = sorted(cur.members(eff))
        names = out[eff] = memo.names[eff] = EntityNames()
        rows = db.connection.execute(
            "SELECT entity_id, type, name, aliases, count(*) FROM entities"
            f" WHERE entity_id IN ({', '.join('?' * len(members))})"
            " GROUP BY entity_id, type, name, aliases ORDER BY min(id)", members)
        for entity_id, type_, name, aliases, count in rows:
            names.add(Entity(entity_id, type_, name, json.loads(aliases)), entity_id == eff,
                      count)
    return out


def pick_name(eff: str, cur: Curation, names: EntityNames, texts: Counter[str]) -> str:
    """A researcher's name, else the commonest machine name of the kept id, of any member,
    of its mentions (the first seen on a tie)."""
    renamed = cur.name(eff)
    if renamed:
        return renamed
    for counter in (names.own, names.members, texts):
        if counter:
            return max(counter, key=counter.__getitem__)
    return eff


def _unique(names: Iterable[str], drop: str) -> list[str]:
    return [n for n in dict.fromkeys(names) if n and n != drop]


def _entity(eff: str, machine: list[Entity], mentions: list[Mention], cur: Curation,
            names: EntityNames | None) -> Entity:
    if names is None and len(machine) == 1 and machine[0].id == eff:
        return machine[0]
    names = names or EntityNames()
    texts = Counter(m.text for m in mentions if m.entity == eff)
    type_ = (names.type or (machine[0].type if machine else "") or cur.split_type(eff)
             or next((m.type for m in mentions if m.entity == eff), "person"))
    name = pick_name(eff, cur, names, texts)
    aliases = _unique([*names.members, *(x for e in machine for x in (e.name, *e.aliases)),
                       *cur.member_names(eff), *texts], name)
    return Entity(eff, type_, name, aliases)  # type: ignore[arg-type]


def overlay(db: Database, doc: Document, source_key: str, part: int) -> Document:
    """The document with effective entities: merged ids joined, split mentions moved,
    renamed names shown; unanchored splits flagged. `doc` is not changed."""
    cur = curation(db)
    if not cur.edits:
        return doc
    curated = curate(cur, source_key, part, doc.mentions, doc.entities)
    touched = [eff for eff in curated.groups if cur.curated(eff)]
    if not touched and not curated.unanchored:
        return doc
    names = _group_names(db, cur, touched)
    entities = [_entity(eff, machine, curated.mentions, cur, names.get(eff))
                for eff, machine in curated.groups.items()]
    relations = [replace(r, source=cur.resolve(r.source), target=cur.resolve(r.target))
                 for r in doc.relations]
    flags = [*doc.flags, *(Flag(UNANCHORED, "warning", _unanchored_message(e))
                           for e in curated.unanchored)]
    return replace(doc, mentions=curated.mentions, entities=entities, relations=relations,
                   flags=flags)


def _unanchored_message(edit: EntityEdit) -> str:
    assert edit.anchor is not None
    return (f"entity edit {edit.id} split the mention {edit.anchor.text!r} into {edit.other}, "
            "but no mention with those words is in the text any more; the edit is kept in "
            "the audit trail")
