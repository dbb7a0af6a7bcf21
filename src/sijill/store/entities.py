"""Entities across the archive, as researchers browse them: the listing (`list_entities`),
one entity's row (`summary`) and everything known of it (`get_entity`), in the result types
the CLI and the web app show.

Counting is `entitytallies`' work; the entity edits are `entity_edits`' (and their trail
`entity_trail`'s); where an entity's mentions are and what roles they play,
`entity_mentions`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sijill.names import fold, name_key
from sijill.store import entity_mentions
from sijill.store.curation import Curation
from sijill.store.db import Database
from sijill.store.entity_brief import EntityBrief, brief_of, plain_glance
from sijill.store.entity_figures import EntityTally, replay_documents, tallies, tally
from sijill.store.entity_layer import curation, pick_name
from sijill.store.entity_mentions import DatedMention, DocRef, Listed, MentionRef, NameCount
from sijill.store.entity_rows import (
    StoredDoc,
    candidate_docs,
    edited_docs,
    exceptions,
    pks_of,
    stored,
)
from sijill.store.entity_trail import entity_edits

__all__ = ["DatedMention", "DocRef", "EntityBrief", "EntityDetail", "EntitySummary",
           "MentionRef", "NameCount", "brief_of", "entity_brief", "get_entity", "list_entities",
           "name_counts", "summarize", "summary"]


@dataclass(slots=True)
class EntitySummary:
    """One entity's row in the listing."""

    id: str
    type: str
    name: str
    aliases: list[NameCount]  # the other names it is written as, with their mention counts
    documents: int
    mentions: int
    first_date: str | None  # ISO dates of its earliest and latest dated documents
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data."""
        return {
            "id": self.id, "type": self.type, "name": self.name,
            "aliases": [a.to_dict() for a in self.aliases],
            "documents": self.documents, "mentions": self.mentions,
            "first_date": self.first_date, "last_date": self.last_date,
        }


@dataclass(slots=True)
class EntityDetail:
    """Everything known of one entity: its names, roles, documents, mentions and edits."""

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
        """The detail as JSON-ready data."""
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


def name_counts(fig: EntityTally, cur: Curation) -> tuple[str, list[NameCount]]:
    """The entity's name, and every name it goes by with its mention count (the name first;
    names only its machine rows or researchers gave it count 0)."""
    name = pick_name(fig.id, cur, fig.names, fig.texts)
    every = dict.fromkeys([name, *fig.texts, *fig.names.members, *cur.member_names(fig.id)])
    counts = [(n, fig.texts.get(n, 0)) for n in every if n]
    ordered = sorted(counts, key=lambda nc: (nc[0] != name, -nc[1], nc[0]))
    return name, [NameCount(n, c) for n, c in ordered]


def summarize(fig: EntityTally, cur: Curation) -> EntitySummary:
    """The listing row of an entity's figures."""
    name, names = name_counts(fig, cur)
    return EntitySummary(
        id=fig.id, type=fig.names.type or cur.split_type(fig.id) or fig.mention_type,
        name=name, aliases=[n for n in names if n.name != name],
        documents=fig.documents, mentions=fig.mentions,
        first_date=fig.first, last_date=fig.last,
    )


def _matches(summary: EntitySummary, query: str) -> bool:
    """Whether any of its names contains the query (folded) or spells the same name."""
    folded, key = fold(query), name_key(query)
    names = [summary.name, *(a.name for a in summary.aliases)]
    return any(folded in fold(n) or (key and name_key(n) == key) for n in names)


def list_entities(db: Database, type: str | None = None,
                  query: str | None = None) -> list[EntitySummary]:
    """Every effective entity of the archive, most mentioned first."""
    cur = curation(db)
    out = [summarize(f, cur) for f in tallies(db, cur).values()]
    if type:
        out = [s for s in out if s.type == type]
    if query:
        out = [s for s in out if _matches(s, query)]
    return sorted(out, key=lambda s: (-s.mentions, -s.documents, fold(s.name), s.id))


def summary(db: Database, entity_id: str) -> EntitySummary | None:
    """One entity's listing row (a merged-away id gives the entity it was merged into)."""
    cur = curation(db)
    fig = tally(db, cur, cur.resolve(entity_id))
    return summarize(fig, cur) if fig else None


# -- one entity in full ---------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    """One entity as both views start from it: its figures, names and the documents a
    researcher edited (read whole, the rest from their rows)."""

    cur: Curation
    eff: str
    head: EntitySummary
    names: list[NameCount]
    members: list[str]
    full: set[int]

    def replayed(self, db: Database) -> tuple[dict[Listed, DocRef],
                                              list[tuple[Listed, MentionRef, int]]]:
        """The entity's documents and mentions in the documents read whole."""
        docs: dict[Listed, DocRef] = {}
        mentions: list[tuple[Listed, MentionRef, int]] = []
        _add_replayed(self.cur, self.eff, stored(db, self.full, full=True), docs, mentions)
        return docs, mentions


def _found(db: Database, entity_id: str) -> _Found | None:
    cur = curation(db)
    eff = cur.resolve(entity_id)
    fig = tally(db, cur, eff)
    if fig is None:
        return None
    full = (exceptions(db, cur) | pks_of(db, edited_docs(db))) & \
        candidate_docs(db, cur, eff)
    return _Found(cur, eff, summarize(fig, cur), name_counts(fig, cur)[1],
                  sorted(cur.members(eff)), full)


def get_entity(db: Database, entity_id: str) -> EntityDetail | None:
    """Everything known of one entity; a merged-away id gives the entity it was merged
    into, and None means no document holds it."""
    found = _found(db, entity_id)
    if found is None:
        return None
    docs, mentions = entity_mentions.plain_parts(db, found.members, found.full)
    more_docs, more = found.replayed(db)
    docs.update(more_docs)
    mentions += more
    mentions.sort(key=lambda x: x[0])
    dated = [x for x in mentions if x[0][0] != "~"]
    edits = entity_edits(db, found.eff)
    head = found.head
    return EntityDetail(
        id=found.eff, type=head.type, name=head.name, aliases=head.aliases,
        names=found.names, roles=entity_mentions.role_counts([m for _, m, _ in mentions]),
        documents=[docs[k] for k in sorted(docs)],
        mentions=[m for _, m, _ in mentions],
        first_mention=entity_mentions.dated_ref(db, *dated[0][1:]) if dated else None,
        last_mention=entity_mentions.dated_ref(db, *dated[-1][1:]) if dated else None,
        edits=edits,
        unanchored=[e for e in edits if e["status"] == "unanchored"],
    )


def entity_brief(db: Database, entity_id: str) -> EntityBrief | None:
    """`get_entity`'s figures without its lists (what a merge confirmation shows of each
    side), counted in SQL: equal to `brief_of(get_entity(db, entity_id))`."""
    found = _found(db, entity_id)
    if found is None:
        return None
    glance = plain_glance(db, found.members, found.full)
    glance.add(*found.replayed(db))
    head = found.head
    return EntityBrief(
        id=found.eff, type=head.type, name=head.name, names=found.names,
        roles=glance.ranked_roles(), documents=glance.documents,
        document_count=glance.document_count, mention_count=glance.mention_count,
        first_mention=entity_mentions.dated_ref(db, *glance.first[1:]) if glance.first
        else None,
        last_mention=entity_mentions.dated_ref(db, *glance.last[1:]) if glance.last else None)


def _add_replayed(cur: Curation, eff: str, replayed: list[StoredDoc],
                  docs: dict[Listed, DocRef], mentions: list[tuple[Listed, MentionRef, int]]
                  ) -> None:
    """Add the entity's documents and mentions in the documents read whole."""
    acc = replay_documents(cur, replayed)[0].get(eff)
    if acc is None:
        return
    docs.update({(d.date or "~", d.id, 0): DocRef(d.id, d.title, d.date)
                 for d in acc.docs.values()})
    mentions += [((item.date or "~", item.id, m.start),
                  entity_mentions.mention_ref(item, m, original), item.pk)
                 for item, m, original in acc.mentions]
