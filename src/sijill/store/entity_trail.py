"""The audit trail of entity edits: every merge, split and rename with its author, time and
before/after, and, for a split, where its mention is now (or that it is gone).
"""

from __future__ import annotations

import json
from typing import Any

from sijill.store.curation import Curation
from sijill.store.db import Database
from sijill.store.entity_figures import replay_documents
from sijill.store.entity_layer import EDIT_COLUMNS, curation
from sijill.store.entity_rows import stored

__all__ = ["entity_edits"]


def entity_edits(db: Database, entity_id: str | None = None) -> list[dict[str, Any]]:
    """The entity edits, oldest first: all, or those touching one entity (by any id that
    was merged into it). Splits carry a status: "anchored" with the mention's reference now,
    or "unanchored" when no mention with its words is in its document any more."""
    cur = curation(db)
    rows = db.connection.execute(
        f"SELECT {', '.join(EDIT_COLUMNS)} FROM entity_edits ORDER BY id").fetchall()
    items = [dict(zip(EDIT_COLUMNS, row, strict=True)) for row in rows]
    if entity_id is not None:
        eff = cur.resolve(entity_id)
        items = [i for i in items if _touches(i, cur, entity_id, eff)]
    where = _split_places(db, cur, [i for i in items if i["kind"] == "split"])
    return [_edit_dict(i, where) for i in items]


def _touches(item: dict[str, Any], cur: Curation, entity_id: str, eff: str) -> bool:
    ids = [x for x in (item["entity_id"], item["other_id"]) if x]
    return entity_id in ids or any(cur.resolve(x) == eff for x in ids)


def _split_places(db: Database, cur: Curation, splits: list[dict[str, Any]]
                  ) -> dict[int, str]:
    if not splits:
        return {}
    pks: set[int] = set()
    for key, part in {(s["source_key"], s["part"]) for s in splits}:
        pks.update(pk for (pk,) in db.connection.execute(
            "SELECT d.pk FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (key, part)))
    return replay_documents(cur, stored(db, pks))[1]


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
