"""Names across scripts: an Arabic-script person or organisation takes the id of its one
Latin transliteration, so the original and its translation meet in one entity. The entities
stage makes those of a letter's parts (entities.recognize._arabic_parties): its sender,
addressees and cc, and its letterhead's groups; an office ("ديوان الزكاة", which every group
has) keeps the id scoped by its group and joins nothing here, since a Latin office of the
same name may be another group's.

Entity ids hang on `names.identity_key`, which an Arabic spelling cannot fill (it writes no
short vowels), so أبو مالك التلي and "Abu Malik al-Talli" get two ids from the entities
stage. When the machine layer is written, an Arabic-script entity whose name has exactly one
Latin candidate -- an entity of the same type, in the documents being written or already in
the archive, with the same `name_key` and that `names.compare` calls the same name -- takes
that candidate's id; two candidates (two different ids), or a candidate id that also goes
by a look-alike, leave it alone -- and take a join made before back to its own id
(`names.ids.script_id`). Latin ids never change. Writing a Latin entity re-resolves the
stored Arabic-script entities it now matches, so the order of ingest does not matter.
Human curation (merge, split, rename) is laid over these ids as over any machine id.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from sijill.model import Document, Entity
from sijill.names import compare, name_key
from sijill.names.ids import script_id
from sijill.names.script import arabic_unit, has_arabic
from sijill.store.db import Database

__all__ = ["resolve", "stale_sources"]

_TYPES = ("person", "organization")
# entities.ids.authority_id's prefix (the store loads nothing of the entities stage)
_AUTHORITY = "auth-"
# (type, name) -> the ids of the Latin entities with that name
Latin = dict[tuple[str, str], set[str]]


def _latin_of(entities: Iterable[tuple[str, str, str]]) -> Latin:
    out: Latin = defaultdict(set)
    for id_, type_, name in entities:
        if type_ in _TYPES and not has_arabic(name):
            out[(type_, name)].add(id_)
    return out


def _stored_latin(db: Database, keys: set[str]) -> Latin:
    """The archive's Latin entities whose name_key is among `keys` (its distinct names)."""
    rows = db.connection.execute(
        "SELECT entity_id, type, name FROM entity_names WHERE type IN ('person', 'organization')")
    return _latin_of(r for r in rows if name_key(r[2]) in keys)


def _movable(e: Entity) -> bool:
    """An Arabic-script person or named group, not resolved by the authority file."""
    return e.type in _TYPES and has_arabic(e.name) and not e.id.startswith(_AUTHORITY) \
        and arabic_unit(e.name) != "office"


def _target(id_: str, type_: str, name: str, latin: Latin) -> str:
    """The id an Arabic-script entity should have: the one Latin id its name is the same
    name as; else, when it holds a Latin id (a join made before a second candidate or a
    look-alike came), its own id; else the id it has. An id that also goes by a name with the
    same key that is not this one (the entities stage gives Jamal and Jamil, which share an
    identity key, one id) is no candidate: joining it would join the look-alike too."""
    key = name_key(name)
    same: set[str] = set()
    other: set[str] = set()
    for (t, n), found in latin.items():
        if t == type_ and name_key(n) == key:
            (same if compare(name, n)[0] else other).update(found)
    if len(same) == 1 and not same & other:
        return same.pop()
    return script_id(type_, name) if id_ in same | other else id_


def resolve(db: Database, docs: list[Document]) -> list[Document]:
    """`docs` with each Arabic-script entity's id replaced by its one Latin candidate's
    (the archive's candidates read without the rows of `docs`' source: call it once they
    are deleted)."""
    arabic = [e.name for d in docs for e in d.entities if _movable(e)]
    if not arabic:
        return docs
    latin = _latin_of((e.id, e.type, e.name) for d in docs for e in d.entities)
    stored = _stored_latin(db, {name_key(n) for n in arabic})
    for k, ids in stored.items():
        latin.setdefault(k, set()).update(ids)
    return [_renamed(d, latin) for d in docs]


def _renamed(doc: Document, latin: Latin) -> Document:
    new = {e.id: t for e in doc.entities if _movable(e)
           and (t := _target(e.id, e.type, e.name, latin)) != e.id}
    if not new:
        return doc
    mentions = [dataclasses.replace(m, entity=new.get(m.entity, m.entity)) for m in doc.mentions]
    relations = [dataclasses.replace(r, source=new.get(r.source, r.source),
                                     target=new.get(r.target, r.target)) for r in doc.relations]
    return dataclasses.replace(doc, mentions=mentions, relations=relations,
                               entities=_joined(doc.entities, new))


def _joined(entities: list[Entity], new: dict[str, str]) -> list[Entity]:
    """The entities with their new ids; two that now share an id are one, under the Latin
    name, the Arabic spelling among its aliases."""
    out: dict[str, Entity] = {}
    for e in sorted(entities, key=lambda e: has_arabic(e.name)):  # Latin names first
        id_ = new.get(e.id, e.id)
        if id_ in out:
            held = out[id_]
            held.aliases = [a for a in dict.fromkeys([*held.aliases, e.name, *e.aliases])
                            if a != held.name]
        else:
            out[id_] = Entity(id_, e.type, e.name, list(e.aliases))
    return [out[i] for i in dict.fromkeys(new.get(e.id, e.id) for e in entities)]


# Names that open with an Arabic letter (U+0600..U+06FF), a range the index on
# entity_names(name) reads: scanning every name for an Arabic letter anywhere cost 40 ms per
# written document at 100,000 names. A name that opens in Latin script and holds Arabic
# further on is re-resolved by `sijill reprocess --stage entities` only.
_ARABIC_FROM, _ARABIC_TO = "\u0600", "\u0700"


def stale_sources(db: Database, source_id: int, docs: list[Document]) -> list[int]:
    """Other stored sources holding an Arabic-script entity whose id should now be another
    (`_target`): the Latin entities of `docs` (just written) have made or unmade a candidate."""
    keys = {name_key(e.name) for d in docs for e in d.entities
            if e.type in _TYPES and not has_arabic(e.name)}
    if not keys:
        return []
    arabic = [r for r in db.connection.execute(
        "SELECT entity_id, type, name FROM entity_names WHERE type IN ('person', 'organization')"
        " AND name >= ? AND name < ? AND entity_id NOT LIKE ?",
        (_ARABIC_FROM, _ARABIC_TO, f"{_AUTHORITY}%"))
        if name_key(r[2]) in keys and arabic_unit(r[2]) != "office"]
    latin = _stored_latin(db, keys) if arabic else {}
    stale = [(id_, name) for id_, type_, name in arabic
             if _target(id_, type_, name, latin) != id_]
    return sorted({src for id_, name in stale for (src,) in db.connection.execute(
        "SELECT DISTINCT d.source_id FROM entities e JOIN documents d ON d.pk = e.doc_pk"
        " WHERE e.entity_id = ? AND e.name = ? AND d.source_id != ?", (id_, name, source_id))})
