"""Researchers' entity edits: merge two entities, rename one, split a mention off into an
entity of its own. Each is appended to `entity_edits` with its before and after, and the
search columns of the documents it touches are refreshed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sijill.errors import StoreError
from sijill.model import Mention
from sijill.store import documents
from sijill.store.curation import Curation, curate
from sijill.store.db import Database, check_author, dumps, now
from sijill.store.entities import EntitySummary, summarize
from sijill.store.entity_figures import tally
from sijill.store.entity_layer import curation, forget_curation, names_pinned
from sijill.store.entity_rows import DOCS_SQL, StoredDoc, candidate_docs, stored, where_in

__all__ = ["merge", "parse_mention_ref", "refresh_names", "rename", "split"]

_REF = re.compile(r"^(?P<doc>[^:\s]+):(?P<start>\d+)-(?P<end>\d+)$")


def _require(db: Database, cur: Curation, entity_id: str) -> EntitySummary:
    fig = tally(db, cur, cur.resolve(entity_id))
    if fig is None:
        raise StoreError(f"no entity {entity_id!r} in the archive")
    return summarize(fig, cur)


def _brief(s: EntitySummary) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "aliases": [a.name for a in s.aliases]}


def _insert(db: Database, **values: Any) -> int:
    values.setdefault("created_at", now())
    for k in ("before", "after"):
        if k in values:
            values[k] = dumps(values[k])
    columns = list(values)
    cursor = db.connection.execute(
        f"INSERT INTO entity_edits ({', '.join(columns)})"
        f" VALUES ({', '.join('?' * len(columns))})", tuple(values.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _set_after(db: Database, edit_id: int, after: Any, **extra: Any) -> None:
    sets = ", ".join(f"{k} = ?" for k in ("after", *extra))
    db.connection.execute(f"UPDATE entity_edits SET {sets} WHERE id = ?",
                          (dumps(after), *extra.values(), edit_id))


@contextmanager
def _writing(db: Database) -> Iterator[Curation]:
    """An entity edit's transaction. The cached Curation is dropped whatever happens: a
    rolled-back insert may leave the same (count, last id) as a different later one."""
    forget_curation(db)
    try:
        with db.batch():
            yield curation(db)
    finally:
        forget_curation(db)


def merge(db: Database, keep: str, other: str, *, author: str,
          note: str | None = None) -> int:
    """Make `other` part of `keep` (its id and name stay); returns the edit's id."""
    check_author(author)
    with _writing(db) as cur:
        a, b = _require(db, cur, keep), _require(db, cur, other)
        if a.id == b.id:
            raise StoreError(f"{keep} and {other} are already one entity ({a.id})")
        if a.type != b.type:
            raise StoreError(f"cannot merge a {b.type} ({b.id}) into a {a.type} ({a.id})")
        edit_id = _insert(db, kind="merge", entity_id=a.id, other_id=b.id, author=author,
                          note=note, before={"keep": _brief(a), "other": _brief(b)})
        forget_curation(db)
        _set_after(db, edit_id, _brief(_require(db, curation(db), a.id)))
        refresh_names(db, [a.id])
        return edit_id


def rename(db: Database, entity_id: str, name: str, *, author: str,
           note: str | None = None) -> int:
    """Give an entity the name researchers should see; returns the edit's id."""
    check_author(author)
    name = " ".join((name or "").split())
    if not name:
        raise StoreError("a new name cannot be empty")
    with _writing(db) as cur:
        current = _require(db, cur, entity_id)
        edit_id = _insert(db, kind="rename", entity_id=current.id, name=name,
                          author=author, note=note, before=_brief(current))
        forget_curation(db)
        _set_after(db, edit_id, _brief(_require(db, curation(db), current.id)))
        refresh_names(db, [current.id])
        return edit_id


def parse_mention_ref(ref: str) -> tuple[str, int, int]:
    """("DOCID", start, end) of a mention reference "DOCID:START-END"."""
    m = _REF.match(ref.strip())
    if not m:
        raise StoreError(f"{ref!r} is not a mention reference DOCID:START-END")
    return m["doc"], int(m["start"]), int(m["end"])


def _find_mention(db: Database, cur: Curation, ref: str) -> tuple[StoredDoc, Mention]:
    doc_id, start, end = parse_mention_ref(ref)
    row = db.one(DOCS_SQL + " WHERE d.id = ?", (doc_id,))
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    [item] = stored(db, {row[0]})
    curated = curate(cur, item.key, item.part, item.mentions, item.entities)
    found = [m for m in curated.mentions if m.start == start and m.end == end]
    if not found:
        raise StoreError(f"no mention at {ref} (see `sijill entity ID` for references)")
    return item, found[0]


def split(db: Database, entity_id: str, mention: str, *, author: str,
          note: str | None = None) -> str:
    """Move one mention ("DOCID:START-END") of an entity to a new entity of its own; returns
    the new entity's id."""
    check_author(author)
    with _writing(db) as cur:
        eff = cur.resolve(entity_id)
        item, m = _find_mention(db, cur, mention)
        if m.entity != eff:
            raise StoreError(f"the mention {mention} ({m.text!r}) belongs to {m.entity},"
                             f" not to {entity_id}")
        before = _require(db, cur, eff)
        edit_id = _insert(db, kind="split", entity_id=eff, name=m.text, type=m.type,
                          source_key=item.key, part=item.part, doc_id=item.id, start=m.start,
                          end=m.end, text=m.text, author=author, note=note,
                          before={"entity": _brief(before), "mention": mention})
        new_id = f"{m.type[:3]}-split-{edit_id}"
        db.connection.execute("UPDATE entity_edits SET other_id = ? WHERE id = ?",
                              (new_id, edit_id))
        forget_curation(db)
        _set_after(db, edit_id, {"entity": new_id, "name": m.text, "mention": mention})
        refresh_names(db, [eff, new_id])
        return new_id


def refresh_names(db: Database, entity_ids: Iterable[str]) -> int:
    """Recompute the search columns of the documents holding these entities, so a search
    for a name a researcher gave finds them; returns how many documents were refreshed."""
    cur = curation(db)
    pks: set[int] = set()
    for eff in {cur.resolve(x) for x in entity_ids}:
        pks |= candidate_docs(db, cur, eff)
    where, params = where_in("pk", pks)
    rows = db.connection.execute(f"SELECT pk, id FROM documents{where}", params).fetchall()
    # Updating search columns leaves entity rows alone: the names looked up stay good.
    with names_pinned(db, cur):
        for pk, doc_id in rows:
            doc = documents.document(db, doc_id)
            if doc is not None:
                documents.refresh_facets(db, pk, doc)
    return len(rows)
