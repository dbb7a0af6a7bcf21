"""Entities across the archive: the listing and detail views researchers browse, and the
human layer (merges, splits, renames) they correct them with.

The machine layer's `mentions` and `entities` rows are replaced at every re-ingest and
reprocess; `entity_edits` (migration 0002) is never touched by either. Every view replays
those edits through `sijill.entities.curation`, so the listing, the detail view,
`Archive.document` (through `overlay`, its one hook) and the search column `names` agree on
which entity a mention belongs to and what it is called.
"""

from __future__ import annotations

import json
import re
import weakref
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from hijridate import Gregorian

from sijill.entities.curation import Anchor, Curated, Curation, EntityEdit, curate
from sijill.entities.lexicon import lexicon
from sijill.entities.names import fold, name_key
from sijill.model import Document, Entity, Flag, Mention
from sijill.store import layers
from sijill.store.errors import StoreError

if TYPE_CHECKING:
    from sijill.store.archive import Archive

UNANCHORED = "entity-edit-unanchored"
_REF = re.compile(r"^(?P<doc>[^:\s]+):(?P<start>\d+)-(?P<end>\d+)$")
_ROLE_FIELDS = ("issuer", "sender", "addressees", "cc")
_TITLE_WINDOW = 4  # words before a person's name searched for a title
_NOT_ROLES = frozenset({"brother", "sister", "mr", "mrs", "dr"})  # forms of address
_EDIT_COLUMNS = ("id", "kind", "entity_id", "other_id", "name", "type", "source_key", "part",
                 "doc_id", "start", "end", "text", "before", "after", "author", "note",
                 "created_at")


# -- what the views return ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NameCount:
    name: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "count": self.count}


@dataclass(slots=True)
class EntitySummary:
    id: str
    type: str
    name: str
    aliases: list[NameCount]  # the other names it is written as, with their mention counts
    documents: int
    mentions: int
    first_date: str | None  # ISO dates of its earliest and latest dated documents
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "type": self.type, "name": self.name,
            "aliases": [a.to_dict() for a in self.aliases],
            "documents": self.documents, "mentions": self.mentions,
            "first_date": self.first_date, "last_date": self.last_date,
        }


@dataclass(frozen=True, slots=True)
class DocRef:
    id: str
    title: str | None
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "date": self.date}


@dataclass(frozen=True, slots=True)
class MentionRef:
    ref: str  # "DOCID:START-END", what `split` takes
    doc: str
    text: str
    start: int
    end: int
    type: str
    machine_entity: str  # the id the recognition stage gave it
    roles: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "doc": self.doc, "text": self.text, "start": self.start,
                "end": self.end, "type": self.type, "machine_entity": self.machine_entity,
                "roles": list(self.roles)}


@dataclass(frozen=True, slots=True)
class DatedMention:
    """A mention in a dated document, with the date in both calendars."""

    ref: str
    doc: str
    text: str
    iso: str
    precision: str
    gregorian: dict[str, Any]  # {"iso", "text": as written, or None}
    hijri: dict[str, Any] | None  # {"year", "month", "day", "text": as written, or None}

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.ref, "doc": self.doc, "text": self.text, "iso": self.iso,
                "precision": self.precision, "gregorian": self.gregorian, "hijri": self.hijri}


@dataclass(slots=True)
class EntityDetail:
    id: str
    type: str
    name: str
    aliases: list[NameCount]
    names: list[NameCount]  # every name, the entity's own included
    roles: list[NameCount]  # the parts of documents it appears in (sender, addressees...)
    documents: list[DocRef]
    mentions: list[MentionRef]
    first_mention: DatedMention | None
    last_mention: DatedMention | None
    edits: list[dict[str, Any]]  # its audit trail, oldest first
    unanchored: list[dict[str, Any]]  # its split edits whose mention is no longer found

    def to_dict(self) -> dict[str, Any]:
        def one(x: DatedMention | None) -> dict[str, Any] | None:
            return x.to_dict() if x else None

        return {
            "id": self.id, "type": self.type, "name": self.name,
            "aliases": [a.to_dict() for a in self.aliases],
            "names": [n.to_dict() for n in self.names],
            "roles": [r.to_dict() for r in self.roles],
            "documents": [d.to_dict() for d in self.documents],
            "mentions": [m.to_dict() for m in self.mentions],
            "first_mention": one(self.first_mention), "last_mention": one(self.last_mention),
            "edits": self.edits, "unanchored": self.unanchored,
        }


# -- the human layer, loaded ----------------------------------------------------------------

# One replayed Curation per open archive, rebuilt when the edits table changes (another
# process's commit shows in the count or the last id; our own writes drop it explicitly).
_CACHE: weakref.WeakKeyDictionary[Archive, tuple[tuple[int, ...], Curation]] = (
    weakref.WeakKeyDictionary()
)


def _edit_of(row: tuple[Any, ...]) -> EntityEdit:
    d = dict(zip(_EDIT_COLUMNS, row, strict=False))
    anchor = None
    if d["kind"] == "split":
        anchor = Anchor(d["source_key"], d["part"], d["start"], d["end"], d["text"])
    return EntityEdit(d["id"], d["kind"], d["entity_id"], d["other_id"], d["name"], d["type"],
                      anchor)


def curation(archive: Archive) -> Curation:
    """The archive's entity edits, replayed."""
    state = archive._one(
        "SELECT count(*), coalesce(max(id), 0),"
        " (SELECT count(*) FROM undos WHERE layer = 'entity') FROM entity_edits")
    key = tuple(int(x) for x in state) if state else (0, 0, 0)
    cached = _CACHE.get(archive)
    if cached and cached[0] == key:
        return cached[1]
    rows = archive.connection.execute(
        f"SELECT {', '.join(_EDIT_COLUMNS)} FROM entity_edits"
        " WHERE id NOT IN (SELECT edit_id FROM undos WHERE layer = 'entity') ORDER BY id"
    ).fetchall()
    value = Curation(_edit_of(row) for row in rows)
    _CACHE[archive] = (key, value)
    return value


# -- one document: the hook of Archive.document ---------------------------------------------


@dataclass(slots=True)
class _Names:
    """The names an entity's machine rows carry across the archive."""

    type: str = ""
    own: Counter[str] = field(default_factory=Counter)  # rows of the entity's own id
    members: Counter[str] = field(default_factory=Counter)  # names and aliases of all members

    def add(self, entity: Entity, own: bool, rows: int = 1) -> None:
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
    names: dict[str, _Names] = field(default_factory=dict)
    pinned: bool = False


_NAMES: weakref.WeakKeyDictionary[Archive, _NameMemo] = weakref.WeakKeyDictionary()


def _memo(archive: Archive, cur: Curation) -> _NameMemo:
    version = archive._one("PRAGMA data_version")
    key = (int(version[0]) if version else 0, archive.connection.total_changes)
    memo = _NAMES.get(archive)
    if memo is None or memo.cur is not cur or (memo.key != key and not memo.pinned):
        memo = _NAMES[archive] = _NameMemo(cur, key)
    return memo


def _group_names(archive: Archive, cur: Curation, effective: Iterable[str]) -> dict[str, _Names]:
    memo = _memo(archive, cur)
    out: dict[str, _Names] = {}
    for eff in effective:
        if eff in memo.names:
            out[eff] = memo.names[eff]
            continue
        members = sorted(cur.members(eff))
        names = out[eff] = memo.names[eff] = _Names()
        rows = archive.connection.execute(
            "SELECT entity_id, type, name, aliases, count(*) FROM entities"
            f" WHERE entity_id IN ({', '.join('?' * len(members))})"
            " GROUP BY entity_id, type, name, aliases ORDER BY min(id)", members)
        for entity_id, type_, name, aliases, count in rows:
            names.add(Entity(entity_id, type_, name, json.loads(aliases)), entity_id == eff,
                      count)
    return out


def _pick_name(eff: str, cur: Curation, names: _Names, texts: Counter[str]) -> str:
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
            names: _Names | None) -> Entity:
    if names is None and len(machine) == 1 and machine[0].id == eff:
        return machine[0]
    names = names or _Names()
    texts = Counter(m.text for m in mentions if m.entity == eff)
    type_ = (names.type or (machine[0].type if machine else "") or cur.split_type(eff)
             or next((m.type for m in mentions if m.entity == eff), "person"))
    name = _pick_name(eff, cur, names, texts)
    aliases = _unique([*names.members, *(x for e in machine for x in (e.name, *e.aliases)),
                       *cur.member_names(eff), *texts], name)
    return Entity(eff, type_, name, aliases)  # type: ignore[arg-type]


def overlay(archive: Archive, doc: Document, source_key: str, part: int) -> Document:
    """The document with effective entities: merged ids joined, split mentions moved,
    renamed names shown; unanchored splits flagged. `doc` is not changed."""
    cur = curation(archive)
    if not cur.edits:
        return doc
    curated = curate(cur, source_key, part, doc.mentions, doc.entities)
    touched = [eff for eff in curated.groups if cur.curated(eff)]
    if not touched and not curated.unanchored:
        return doc
    names = _group_names(archive, cur, touched)
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


# -- the archive's documents, as the entity views need them ---------------------------------


@dataclass(slots=True)
class _Doc:
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
_DOCS_SQL = ("SELECT d.pk, d.id, coalesce(d.title, d.subject, d.issuer_top), d.date_iso,"
             " s.key, d.part FROM documents d"
             " JOIN sources s ON s.id = d.source_id")


def _layered(archive: Archive, item: _Doc) -> Document:
    """The document with human field edits applied, before entity curation."""
    machine = archive.machine_document(item.id)
    assert machine is not None
    return layers.overlay(machine, archive._latest_edits(item.key, item.part))


def _field_edited(archive: Archive) -> set[tuple[str, int]]:
    rows = archive.connection.execute(
        "SELECT DISTINCT source_key, part FROM edits WHERE field IN ('mentions', 'entities')")
    return {(k, p) for k, p in rows}


def _in(column: str, pks: set[int] | None) -> tuple[str, list[int]]:
    if pks is None:
        return "", []
    return f" WHERE {column} IN ({', '.join('?' * len(pks))})", sorted(pks)


def _stored(archive: Archive, pks: set[int] | None = None, full: bool = False) -> list[_Doc]:
    """Documents with their (human-edited) mentions and entities: all, or those of `pks`."""
    where, params = _in("d.pk", pks)
    docs = {row[0]: _Doc(*row) for row in archive.connection.execute(_DOCS_SQL + where, params)}
    where, params = _in("doc_pk", pks)
    for pk, type_, entity_id, text, start, end in archive.connection.execute(
            "SELECT doc_pk, type, entity_id, text, start, end FROM mentions"
            f"{where} ORDER BY doc_pk, ord", params):
        docs[pk].mentions.append(Mention(text, start, end, type=type_, entity=entity_id))
    for pk, entity_id, type_, name, aliases in archive.connection.execute(
            f"SELECT doc_pk, entity_id, type, name, aliases FROM entities{where} ORDER BY id",
            params):
        docs[pk].entities.append(Entity(entity_id, type_, name, json.loads(aliases)))
    edited = _field_edited(archive)
    for item in docs.values():
        if full or (item.key, item.part) in edited:
            item.full = _layered(archive, item)
            item.mentions, item.entities = item.full.mentions, item.full.entities
    return list(docs.values())


def _candidate_docs(archive: Archive, cur: Curation, eff: str) -> set[int]:
    """Documents that may hold the entity: its members' rows, its split mentions' documents,
    and documents whose mentions a researcher edited by hand."""
    members = sorted(cur.members(eff))
    marks = ", ".join("?" * len(members))
    rows = archive.connection.execute(
        f"SELECT DISTINCT doc_pk FROM entity_docs WHERE entity_id IN ({marks})", members)
    pks = {pk for (pk,) in rows}
    anchors = {(e.anchor.source_key, e.anchor.part) for e in cur.splits()
               if e.anchor and e.other and cur.resolve(e.other) == eff}
    for key, part in anchors | _field_edited(archive):
        pks.update(pk for (pk,) in archive.connection.execute(
            "SELECT d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (key, part)))
    return pks


# -- the views ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Acc:
    """One effective entity, accumulated over documents."""

    id: str
    names: _Names = field(default_factory=_Names)
    texts: Counter[str] = field(default_factory=Counter)
    mention_type: str = ""
    docs: dict[str, _Doc] = field(default_factory=dict)
    mentions: list[tuple[_Doc, Mention, Mention]] = field(default_factory=list)  # eff, machine


def _accumulate(cur: Curation, docs: list[_Doc]) -> tuple[dict[str, _Acc], dict[int, str]]:
    """Effective entities over `docs`, and where each anchored split edit's mention is now."""
    accs: dict[str, _Acc] = {}
    anchored: dict[int, str] = {}
    for item in docs:
        curated = curate(cur, item.key, item.part, item.mentions, item.entities)
        _add_doc(accs, item, curated)
        for edit_id, index in curated.anchored.items():
            m = curated.mentions[index]
            anchored[edit_id] = f"{item.id}:{m.start}-{m.end}"
    return accs, anchored


def _add_doc(accs: dict[str, _Acc], item: _Doc, curated: Curated) -> None:
    for eff, machine in curated.groups.items():
        acc = accs.setdefault(eff, _Acc(eff))
        acc.docs[item.id] = item
        for entity in machine:
            acc.names.add(entity, entity.id == eff)
    for mention, original in zip(curated.mentions, item.mentions, strict=True):
        acc = accs[mention.entity]
        acc.texts[mention.text] += 1
        acc.mention_type = acc.mention_type or mention.type
        acc.mentions.append((item, mention, original))


def _name_counts(fig: _Fig, cur: Curation) -> tuple[str, list[NameCount]]:
    """The entity's name, and every name it goes by with its mention count (the name first;
    names only its machine rows or researchers gave it count 0)."""
    name = _pick_name(fig.id, cur, fig.names, fig.texts)
    every = dict.fromkeys([name, *fig.texts, *fig.names.members, *cur.member_names(fig.id)])
    counts = [(n, fig.texts.get(n, 0)) for n in every if n]
    ordered = sorted(counts, key=lambda nc: (nc[0] != name, -nc[1], nc[0]))
    return name, [NameCount(n, c) for n, c in ordered]


def _summary(fig: _Fig, cur: Curation) -> EntitySummary:
    name, names = _name_counts(fig, cur)
    return EntitySummary(
        id=fig.id, type=fig.names.type or cur.split_type(fig.id) or fig.mention_type,
        name=name, aliases=[n for n in names if n.name != name],
        documents=fig.documents, mentions=fig.mentions,
        first_date=fig.first, last_date=fig.last,
    )


# -- figures: derived rows for most documents, the curation replayed over the few others ----

_Pos = tuple[int, int]  # (document pk, order in it): what was seen first wins a tie


@dataclass(slots=True)
class _Fig:
    """One effective entity's figures across the archive."""

    id: str
    documents: int = 0
    mentions: int = 0
    first: str | None = None
    last: str | None = None
    name_rows: list[tuple[_Pos, Entity, int]] = field(default_factory=list)
    text_rows: list[tuple[_Pos, str, str, int]] = field(default_factory=list)
    names: _Names = field(default_factory=_Names)
    texts: Counter[str] = field(default_factory=Counter)
    mention_type: str = ""

    def dated(self, first: str | None, last: str | None) -> None:
        if first and (self.first is None or first < self.first):
            self.first = first
        if last and (self.last is None or last > self.last):
            self.last = last

    def settle(self) -> _Fig:
        """Names and words counted in the order they were first seen, as a replay would."""
        for _, entity, rows in sorted(self.name_rows, key=lambda r: r[0]):
            self.names.add(entity, entity.id == self.id, rows)
        for _, text, type_, rows in sorted(self.text_rows, key=lambda r: r[0]):
            self.texts[text] += rows
            self.mention_type = self.mention_type or type_
        return self


def _json(values: Iterable[Any]) -> str:
    return json.dumps(sorted(values))


def _exceptions(archive: Archive, cur: Curation) -> set[int]:
    """Documents the derived rows cannot stand for: those holding a split mention, and
    those whose mentions or entities a researcher edited by hand."""
    keys = {(e.anchor.source_key, e.anchor.part) for e in cur.splits() if e.anchor}
    return _pks_of(archive, keys | _field_edited(archive))


def _pks_of(archive: Archive, keys: set[tuple[str, int]]) -> set[int]:
    if not keys:
        return set()
    rows = archive.connection.execute(
        "SELECT d.pk FROM json_each(?) k JOIN sources s ON s.key = k.value ->> 0"
        " JOIN documents d ON d.source_id = s.id AND d.part = k.value ->> 1",
        (json.dumps(sorted(keys)),))
    return {pk for (pk,) in rows}


_SCOPE = " AND {c} IN (SELECT value FROM json_each(?))"
_NOT_EXC = " AND {c} NOT IN (SELECT value FROM json_each(?))"


def _scoped(sql: str, column: str, ids: list[str] | None) -> tuple[str, list[Any]]:
    if ids is None:
        return sql, []
    return sql + _SCOPE.format(c=column), [_json(ids)]


def _figures(archive: Archive, cur: Curation, eff: str | None = None) -> dict[str, _Fig]:
    """Effective entities' figures: all, or `eff`'s alone."""
    ids = sorted(cur.members(eff)) if eff is not None else None
    exc = _exceptions(archive, cur)
    affected = _ids_in(archive, exc, ids)
    figs: dict[str, _Fig] = {}

    def fig(entity_id: str) -> _Fig:
        target = cur.resolve(entity_id)
        return figs.setdefault(target, _Fig(target))

    _derived(archive, ids, affected, exc, fig)
    _by_pairs(archive, cur, ids, affected, exc, fig)
    _replayed(archive, cur, exc, fig)
    out = {k: f.settle() for k, f in figs.items() if f.documents}
    return {eff: out[eff]} if eff is not None and eff in out else {} if eff else out


def _ids_in(archive: Archive, pks: set[int], ids: list[str] | None) -> set[str]:
    """The machine ids with rows in the documents `pks`."""
    if not pks:
        return set()
    sql, params = _scoped("SELECT DISTINCT entity_id FROM entity_docs WHERE doc_pk IN"
                          " (SELECT value FROM json_each(?))", "entity_id", ids)
    return {x for (x,) in archive.connection.execute(sql, [_json(pks), *params])}


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


def _derived(archive: Archive, ids: list[str] | None, affected: set[str], exc: set[int],
             fig: Any) -> None:
    """Names and words of every id; mention counts of the ids no excepted document holds."""
    conn = archive.connection
    rows = [r for r in conn.execute(*_scoped(_NAMES_SQL, "n.entity_id", ids))
            if r[0] not in affected]
    if affected:
        rows += conn.execute(_NAMES_RAW, (_json(affected), _json(exc))).fetchall()
    for entity_id, type_, name, aliases, n, pk, first in rows:
        fig(entity_id).name_rows.append(
            ((pk, first), Entity(entity_id, type_, name, json.loads(aliases)), n))
    rows = [r for r in conn.execute(*_scoped(_TEXTS_SQL, "t.entity_id", ids))
            if r[0] not in affected]
    if affected:
        rows += conn.execute(_TEXTS_RAW, (_json(affected), _json(exc))).fetchall()
    for entity_id, text, type_, n, pk, first in rows:
        target = fig(entity_id)
        target.text_rows.append(((pk, first), text, type_, n))
        target.mentions += n


_TOTALS_SQL = (
    "SELECT t.entity_id, t.docs,"
    " (SELECT min(date_iso) FROM entity_docs e WHERE e.entity_id = t.entity_id"
    " AND e.date_iso IS NOT NULL),"
    " (SELECT max(date_iso) FROM entity_docs e WHERE e.entity_id = t.entity_id)"
    " FROM entity_totals t WHERE t.docs > 0")


def _by_pairs(archive: Archive, cur: Curation, ids: list[str] | None, affected: set[str],
              exc: set[int], fig: Any) -> None:
    """Documents and dates: kept totals for a lone id, else its (id, document) rows, so a
    document two merged ids share counts once."""
    paired = cur.merged() | affected
    for entity_id, docs, first, last in archive.connection.execute(
            *_scoped(_TOTALS_SQL, "t.entity_id", ids)):
        if entity_id not in paired:
            target = fig(entity_id)
            target.documents += docs
            target.dated(first, last)
    wanted = paired if ids is None else paired & set(ids)
    if not wanted:
        return
    seen: dict[str, dict[int, str | None]] = {}
    for entity_id, pk, date_iso in archive.connection.execute(
            "SELECT entity_id, doc_pk, date_iso FROM entity_docs"
            " WHERE entity_id IN (SELECT value FROM json_each(?))" + _NOT_EXC.format(c="doc_pk"),
            (_json(wanted), _json(exc))):
        seen.setdefault(cur.resolve(entity_id), {})[pk] = date_iso
    for target, docs in seen.items():
        f = fig(target)
        f.documents += len(docs)
        dates = [d for d in docs.values() if d]
        f.dated(min(dates, default=None), max(dates, default=None))


def _replayed(archive: Archive, cur: Curation, exc: set[int], fig: Any) -> None:
    """The excepted documents, their curation replayed as `curate` does for one document."""
    if not exc:
        return
    for item in _stored(archive, exc):
        curated = curate(cur, item.key, item.part, item.mentions, item.entities)
        order = 0
        for eff, machine in curated.groups.items():
            target = fig(eff)
            target.documents += 1
            target.dated(item.date, item.date)
            for entity in machine:
                target.name_rows.append(((item.pk, order), entity, 1))
                order += 1
        for i, m in enumerate(curated.mentions):
            target = fig(m.entity)
            target.text_rows.append(((item.pk, i), m.text, m.type, 1))
            target.mentions += 1


def _matches(summary: EntitySummary, query: str) -> bool:
    """Whether any of its names contains the query (folded) or spells the same name."""
    folded, key = fold(query), name_key(query)
    names = [summary.name, *(a.name for a in summary.aliases)]
    return any(folded in fold(n) or (key and name_key(n) == key) for n in names)


def list_entities(archive: Archive, type: str | None = None,
                  query: str | None = None) -> list[EntitySummary]:
    """Every effective entity of the archive, most mentioned first."""
    cur = curation(archive)
    out = [_summary(f, cur) for f in _figures(archive, cur).values()]
    if type:
        out = [s for s in out if s.type == type]
    if query:
        out = [s for s in out if _matches(s, query)]
    return sorted(out, key=lambda s: (-s.mentions, -s.documents, fold(s.name), s.id))


def _one(archive: Archive, cur: Curation, eff: str) -> _Fig | None:
    return _figures(archive, cur, eff).get(eff)


def summary(archive: Archive, entity_id: str) -> EntitySummary | None:
    """One entity's listing row (a merged-away id gives the entity it was merged into)."""
    cur = curation(archive)
    fig = _one(archive, cur, cur.resolve(entity_id))
    return _summary(fig, cur) if fig else None


# -- one entity in full ---------------------------------------------------------------------

# (date or "~", document id, start): the order mentions and documents are listed in
_Listed = tuple[str, str, int]


def get_entity(archive: Archive, entity_id: str) -> EntityDetail | None:
    """Everything known of one entity; a merged-away id gives the entity it was merged
    into, and None means no document holds it."""
    cur = curation(archive)
    eff = cur.resolve(entity_id)
    fig = _one(archive, cur, eff)
    if fig is None:
        return None
    head = _summary(fig, cur)
    _, names = _name_counts(fig, cur)
    # Documents whose parts a researcher edited are read whole; the rest from their rows.
    full = (_exceptions(archive, cur) | _pks_of(archive, _edited_docs(archive))) & \
        _candidate_docs(archive, cur, eff)
    docs, mentions = _plain_parts(archive, sorted(cur.members(eff)), full)
    replayed = _stored(archive, full, full=True)
    acc = _accumulate(cur, replayed)[0].get(eff)
    if acc is not None:
        docs.update({(d.date or "~", d.id, 0): DocRef(d.id, d.title, d.date)
                     for d in acc.docs.values()})
        mentions += [((item.date or "~", item.id, m.start), _mention_ref(item, m, original),
                      item.pk) for item, m, original in acc.mentions]
    mentions.sort(key=lambda x: x[0])
    dated = [x for x in mentions if x[0][0] != "~"]
    edits = entity_edits(archive, eff)
    return EntityDetail(
        id=eff, type=head.type, name=head.name, aliases=head.aliases, names=names,
        roles=_role_counts([m for _, m, _ in mentions]),
        documents=[docs[k] for k in sorted(docs)],
        mentions=[m for _, m, _ in mentions],
        first_mention=_dated_ref(archive, *dated[0][1:]) if dated else None,
        last_mention=_dated_ref(archive, *dated[-1][1:]) if dated else None,
        edits=edits,
        unanchored=[e for e in edits if e["status"] == "unanchored"],
    )


def _edited_docs(archive: Archive) -> set[tuple[str, int]]:
    return {(k, p) for k, p in archive.connection.execute(
        "SELECT DISTINCT source_key, part FROM edits")}


def _plain_parts(archive: Archive, members: list[str], full: set[int]
                 ) -> tuple[dict[_Listed, DocRef], list[tuple[_Listed, MentionRef, int]]]:
    """The entity's documents and mentions outside `full`, from their rows: the roles of
    a mention from the document's issuer, sender, addressee and cc spans and its text."""
    conn, params = archive.connection, (_json(members), _json(full))
    docs = {(date or "~", doc_id, 0): DocRef(doc_id, title, date)
            for doc_id, title, date in conn.execute(
                "SELECT d.id, coalesce(d.title, d.subject, d.issuer_top), d.date_iso"
                " FROM entity_docs e"
                " JOIN documents d ON d.pk = e.doc_pk"
                " WHERE e.entity_id IN (SELECT value FROM json_each(?))"
                + _NOT_EXC.format(c="e.doc_pk"), params)}
    rows = conn.execute(
        "SELECT m.doc_pk, d.id, d.date_iso, m.text, m.start, m.end, m.type, m.entity_id"
        " FROM mentions m JOIN documents d ON d.pk = m.doc_pk"
        " WHERE m.entity_id IN (SELECT value FROM json_each(?))"
        + _NOT_EXC.format(c="m.doc_pk") + " ORDER BY m.doc_pk, m.ord", params).fetchall()
    within = _fields_around(archive, params)
    texts = _texts(archive, sorted({r[0] for r in rows if r[6] == "person"}))
    out = []
    for pk, doc_id, day, text, start, end, type_, machine in rows:
        m = Mention(text, start, end, type=type_, entity=machine)
        found = within.get((pk, start, end), set())
        roles = [name for name in _ROLE_FIELDS if name in found]
        title = _title_before(texts.get(pk, ""), m) if type_ == "person" else None
        roles = [*roles, title] if title else roles
        ref = MentionRef(_ref(doc_id, m), doc_id, text, start, end, type_, machine, roles)
        out.append(((day or "~", doc_id, start), ref, pk))
    return docs, out


_AROUND_SQL = (
    "SELECT m.doc_pk, m.start, m.end, f.field FROM mentions m"
    # CROSS JOIN: from the entity's mentions to their documents' fields, never the reverse
    " CROSS JOIN fields f ON f.doc_pk = m.doc_pk AND f.start <= m.start AND m.end <= f.end"
    f" AND f.field IN ({', '.join('?' * len(_ROLE_FIELDS))})"
    " WHERE m.entity_id IN (SELECT value FROM json_each(?))" + _NOT_EXC.format(c="m.doc_pk"))


def _fields_around(archive: Archive, params: tuple[str, str]
                   ) -> dict[tuple[int, int, int], set[str]]:
    """(document pk, start, end) of each of the members' mentions outside the excepted
    documents -> the role fields (issuer, sender, addressees, cc) whose span holds it; the
    containment is found by SQLite, so a much-mentioned entity reads only those rows."""
    out: dict[tuple[int, int, int], set[str]] = {}
    for pk, start, end, name in archive.connection.execute(_AROUND_SQL, (*_ROLE_FIELDS, *params)):
        out.setdefault((pk, start, end), set()).add(name)
    return out


def _texts(archive: Archive, pks: list[int]) -> dict[int, str]:
    if not pks:
        return {}
    return dict(archive.connection.execute(
        "SELECT pk, text FROM documents WHERE pk IN (SELECT value FROM json_each(?))",
        (_json(pks),)).fetchall())


def _dated_ref(archive: Archive, ref: MentionRef, pk: int) -> DatedMention:
    [item] = _stored(archive, {pk}, full=True)
    return _dated(item, Mention(ref.text, ref.start, ref.end, type=ref.type))  # type: ignore[arg-type]


def _ref(doc_id: str, m: Mention) -> str:
    return f"{doc_id}:{m.start}-{m.end}"


def mention_roles(doc: Document, mention: Mention) -> list[str]:
    """The mention's roles: the parts of the document it sits in (issuer, sender,
    addressees, cc) and, for a person, a title just before it on its line ("clerk").

    The recognition stage finds titles too (RecognitionResult.roles) but the contract has
    no place for them, so they are not stored; once they are, read them here instead.
    """
    spans = {}
    for name in _ROLE_FIELDS:
        value = getattr(doc, name)
        found = value if isinstance(value, list) else [value] if value else []
        spans[name] = [(s.start, s.end) for s in found]
    return _roles(spans, doc.text, mention)


def _roles(spans: dict[str, list[tuple[int, int]]], text: str, mention: Mention) -> list[str]:
    roles = [name for name in _ROLE_FIELDS
             if any(s <= mention.start and mention.end <= e for s, e in spans.get(name, ()))]
    title = _title_before(text, mention) if mention.type == "person" else None
    return [*roles, title] if title else roles


def _title_before(text: str, mention: Mention) -> str | None:
    """The nearest title word among the few words before the mention, on its line and in
    its clause, with a modifier before it ("deputy wali")."""
    lex = lexicon()
    clause = re.split(r"[\n.;:)(]", text[: mention.start])[-1]
    words = [w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", clause)][-_TITLE_WINDOW:]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in lex.titles and words[i] not in _NOT_ROLES:
            modifier = words[i - 1] if i and words[i - 1] in lex.title_modifiers else None
            return f"{modifier} {words[i]}" if modifier else words[i]
    return None


def _mention_ref(item: _Doc, m: Mention, original: Mention) -> MentionRef:
    roles = mention_roles(item.full, m) if item.full else []
    return MentionRef(_ref(item.id, m), item.id, m.text, m.start, m.end, m.type,
                      original.entity, roles)


def _role_counts(mentions: list[MentionRef]) -> list[NameCount]:
    counts = Counter(r for m in mentions for r in m.roles)
    return [NameCount(r, c) for r, c in counts.most_common()]


def _dated(item: _Doc, m: Mention) -> DatedMention:
    doc = item.full
    assert doc is not None and doc.date is not None
    written = {d.calendar: d for d in reversed(doc.dates)}
    greg = written.get("gregorian")
    return DatedMention(
        _ref(item.id, m), item.id, m.text, doc.date.iso, doc.date.precision,
        {"iso": doc.date.iso, "text": greg.text if greg else None},
        _hijri(doc, written.get("hijri")),
    )


def _hijri(doc: Document, written: Any) -> dict[str, Any] | None:
    """The Hijri date as written, else converted from a day-precise Gregorian date."""
    if written is not None:
        return {"year": written.year, "month": written.month, "day": written.day,
                "text": written.text}
    if doc.date is None or doc.date.precision != "day":
        return None
    try:
        h = Gregorian.fromdate(date.fromisoformat(doc.date.iso)).to_hijri()
    except (ValueError, OverflowError):  # outside the Umm al-Qura table
        return None
    return {"year": h.year, "month": h.month, "day": h.day, "text": None}


# -- the audit trail ------------------------------------------------------------------------


def entity_edits(archive: Archive, entity_id: str | None = None) -> list[dict[str, Any]]:
    """The entity edits, oldest first: all, or those touching one entity (by any id that
    was merged into it). Splits carry a status: "anchored" with the mention's reference now,
    or "unanchored" when no mention with its words is in its document any more."""
    cur = curation(archive)
    rows = archive.connection.execute(
        f"SELECT {', '.join(_EDIT_COLUMNS)} FROM entity_edits ORDER BY id").fetchall()
    items = [dict(zip(_EDIT_COLUMNS, row, strict=True)) for row in rows]
    if entity_id is not None:
        eff = cur.resolve(entity_id)
        items = [i for i in items if _touches(i, cur, entity_id, eff)]
    where = _split_places(archive, cur, [i for i in items if i["kind"] == "split"])
    return [_edit_dict(i, where) for i in items]


def _touches(item: dict[str, Any], cur: Curation, entity_id: str, eff: str) -> bool:
    ids = [x for x in (item["entity_id"], item["other_id"]) if x]
    return entity_id in ids or any(cur.resolve(x) == eff for x in ids)


def _split_places(archive: Archive, cur: Curation, splits: list[dict[str, Any]]
                  ) -> dict[int, str]:
    if not splits:
        return {}
    pks: set[int] = set()
    for key, part in {(s["source_key"], s["part"]) for s in splits}:
        pks.update(pk for (pk,) in archive.connection.execute(
            "SELECT d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (key, part)))
    return _accumulate(cur, _stored(archive, pks))[1]


def _edit_dict(item: dict[str, Any], where: dict[int, str]) -> dict[str, Any]:
    out = {
        "id": item["id"], "kind": item["kind"], "entity": item["entity_id"],
        "other": item["other_id"], "name": item["name"], "mention": None, "status": "applied",
        "mention_now": None,
    }
    if item["kind"] == "split":
        out["mention"] = {k: item[k] for k in ("source_key", "part", "doc_id", "start", "end",
                                               "text")}
        out["mention_now"] = where.get(item["id"])
        out["status"] = "anchored" if out["mention_now"] else "unanchored"
    for k in ("before", "after"):
        out[k] = json.loads(item[k]) if item[k] else None
    out.update(author=item["author"], note=item["note"], created_at=item["created_at"])
    return out


# -- the edits ------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _check_author(author: str) -> None:
    if not author or not author.strip():
        raise StoreError("an edit needs an author")


def _require(archive: Archive, cur: Curation, entity_id: str) -> EntitySummary:
    fig = _one(archive, cur, cur.resolve(entity_id))
    if fig is None:
        raise StoreError(f"no entity {entity_id!r} in the archive")
    return _summary(fig, cur)


def _brief(s: EntitySummary) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "aliases": [a.name for a in s.aliases]}


def _insert(archive: Archive, **values: Any) -> int:
    values.setdefault("created_at", _now())
    for k in ("before", "after"):
        if k in values:
            values[k] = _dumps(values[k])
    columns = list(values)
    cursor = archive.connection.execute(
        f"INSERT INTO entity_edits ({', '.join(columns)})"
        f" VALUES ({', '.join('?' * len(columns))})", tuple(values.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _set_after(archive: Archive, edit_id: int, after: Any, **extra: Any) -> None:
    sets = ", ".join(f"{k} = ?" for k in ("after", *extra))
    archive.connection.execute(f"UPDATE entity_edits SET {sets} WHERE id = ?",
                          (_dumps(after), *extra.values(), edit_id))


@contextmanager
def _writing(archive: Archive) -> Iterator[Curation]:
    """An entity edit's transaction. The cached Curation is dropped whatever happens: a
    rolled-back insert may leave the same (count, last id) as a different later one."""
    _CACHE.pop(archive, None)
    try:
        with archive.batch():
            yield curation(archive)
    finally:
        _CACHE.pop(archive, None)


def merge(archive: Archive, keep: str, other: str, *, author: str,
          note: str | None = None) -> int:
    """Make `other` part of `keep` (its id and name stay); returns the edit's id."""
    _check_author(author)
    with _writing(archive) as cur:
        a, b = _require(archive, cur, keep), _require(archive, cur, other)
        if a.id == b.id:
            raise StoreError(f"{keep} and {other} are already one entity ({a.id})")
        if a.type != b.type:
            raise StoreError(f"cannot merge a {b.type} ({b.id}) into a {a.type} ({a.id})")
        edit_id = _insert(archive, kind="merge", entity_id=a.id, other_id=b.id, author=author,
                          note=note, before={"keep": _brief(a), "other": _brief(b)})
        _CACHE.pop(archive, None)
        _set_after(archive, edit_id, _brief(_require(archive, curation(archive), a.id)))
        refresh_names(archive, [a.id])
        return edit_id


def rename(archive: Archive, entity_id: str, name: str, *, author: str,
           note: str | None = None) -> int:
    """Give an entity the name researchers should see; returns the edit's id."""
    _check_author(author)
    name = " ".join((name or "").split())
    if not name:
        raise StoreError("a new name cannot be empty")
    with _writing(archive) as cur:
        current = _require(archive, cur, entity_id)
        edit_id = _insert(archive, kind="rename", entity_id=current.id, name=name,
                          author=author, note=note, before=_brief(current))
        _CACHE.pop(archive, None)
        _set_after(archive, edit_id, _brief(_require(archive, curation(archive), current.id)))
        refresh_names(archive, [current.id])
        return edit_id


def parse_mention_ref(ref: str) -> tuple[str, int, int]:
    """("DOCID", start, end) of a mention reference "DOCID:START-END"."""
    m = _REF.match(ref.strip())
    if not m:
        raise StoreError(f"{ref!r} is not a mention reference DOCID:START-END")
    return m["doc"], int(m["start"]), int(m["end"])


def _find_mention(archive: Archive, cur: Curation, ref: str) -> tuple[_Doc, Mention]:
    doc_id, start, end = parse_mention_ref(ref)
    row = archive._one(_DOCS_SQL + " WHERE d.id = ?", (doc_id,))
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    [item] = _stored(archive, {row[0]})
    curated = curate(cur, item.key, item.part, item.mentions, item.entities)
    found = [m for m in curated.mentions if m.start == start and m.end == end]
    if not found:
        raise StoreError(f"no mention at {ref} (see `sijill entity ID` for references)")
    return item, found[0]


def split(archive: Archive, entity_id: str, mention: str, *, author: str,
          note: str | None = None) -> str:
    """Move one mention ("DOCID:START-END") of an entity to a new entity of its own; returns
    the new entity's id."""
    _check_author(author)
    with _writing(archive) as cur:
        eff = cur.resolve(entity_id)
        item, m = _find_mention(archive, cur, mention)
        if m.entity != eff:
            raise StoreError(f"the mention {mention} ({m.text!r}) belongs to {m.entity},"
                             f" not to {entity_id}")
        before = _require(archive, cur, eff)
        edit_id = _insert(archive, kind="split", entity_id=eff, name=m.text, type=m.type,
                          source_key=item.key, part=item.part, doc_id=item.id, start=m.start,
                          end=m.end, text=m.text, author=author, note=note,
                          before={"entity": _brief(before), "mention": mention})
        new_id = f"{m.type[:3]}-split-{edit_id}"
        archive.connection.execute("UPDATE entity_edits SET other_id = ? WHERE id = ?",
                              (new_id, edit_id))
        _CACHE.pop(archive, None)
        _set_after(archive, edit_id, {"entity": new_id, "name": m.text, "mention": mention})
        refresh_names(archive, [eff, new_id])
        return new_id


def refresh_names(archive: Archive, entity_ids: Iterable[str]) -> int:
    """Recompute the search columns of the documents holding these entities, so a search
    for a name a researcher gave finds them; returns how many documents were refreshed."""
    cur = curation(archive)
    pks: set[int] = set()
    for eff in {cur.resolve(x) for x in entity_ids}:
        pks |= _candidate_docs(archive, cur, eff)
    where, params = _in("pk", pks)
    rows = archive.connection.execute(f"SELECT pk, id FROM documents{where}", params).fetchall()
    # Updating search columns leaves entity rows alone: the names looked up stay good.
    _memo(archive, cur).pinned = True
    try:
        for pk, doc_id in rows:
            doc = archive.document(doc_id)
            if doc is not None:
                archive._refresh_facets(pk, doc)
    finally:
        _NAMES.pop(archive, None)
    return len(rows)
