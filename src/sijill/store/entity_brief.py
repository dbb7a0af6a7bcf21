"""An entity at a glance, as the merge confirmation shows each side: how many documents and
mentions, the first and last dated mention, the roles it plays and its first few documents.

Everything `get_entity` gives, counted in SQL instead of listed: a much-named entity's
mentions are never read one by one (only a person's, for the title before its name). The
documents a researcher edited are replayed as `get_entity` replays them and added in, so
`brief_of(get_entity(...))` and `entity_brief` are equal (tests/store/test_entity_brief.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sijill.store.db import Database, json_list
from sijill.store.entity_mentions import (
    AROUND,
    BEFORE,
    DOC_ROWS,
    ROLE_FIELDS,
    TEXT_BEFORE,
    DatedMention,
    DocRef,
    Listed,
    MentionRef,
    NameCount,
    ref_of,
    title_ending,
)
from sijill.store.entity_rows import NOT_IN

__all__ = ["DOCS_SHOWN", "EntityBrief", "Glance", "brief_of", "plain_glance"]

DOCS_SHOWN = 5  # documents a brief lists (the rest are counted)

# Where a role is first seen: its first mention's place in the listed order, and the role's
# rank among that mention's roles (so that ties rank as Counter.most_common ranks them over
# the mentions listed in order, as the full detail does)
_Seen = tuple[Listed, int]


@dataclass(slots=True)
class EntityBrief:
    """One entity at a glance: `get_entity`'s figures without its lists."""

    id: str
    type: str
    name: str
    names: list[NameCount]
    roles: list[NameCount]
    documents: list[DocRef]  # the first DOCS_SHOWN, in the detail's order
    document_count: int
    mention_count: int
    first_mention: DatedMention | None
    last_mention: DatedMention | None


@dataclass(slots=True)
class Glance:
    """Mentions and documents counted, with what a brief shows of them: the first documents,
    the first and last dated mention (with its document's pk), each role's count and where
    it is first seen."""

    documents: list[DocRef] = field(default_factory=list)
    document_count: int = 0
    mention_count: int = 0
    first: tuple[Listed, MentionRef, int] | None = None
    last: tuple[Listed, MentionRef, int] | None = None
    roles: Counter[str] = field(default_factory=Counter)
    seen: dict[str, _Seen] = field(default_factory=dict)

    def role(self, name: str, n: int, at: _Seen) -> None:
        """`n` more mentions with the role `name`, the first of them at `at`."""
        self.roles[name] += n
        self.seen[name] = min(self.seen.get(name, at), at)

    def add(self, docs: dict[Listed, DocRef],
            mentions: list[tuple[Listed, MentionRef, int]]) -> None:
        """Documents and mentions listed in full (those replayed from edited documents)."""
        shown = {(d.date or "~", d.id, 0): d for d in self.documents} | docs
        self.documents = [shown[k] for k in sorted(shown)][:DOCS_SHOWN]
        self.document_count += len(docs)
        self.mention_count += len(mentions)
        for item in mentions:
            key, ref, _ = item
            for name in ref.roles:
                self.role(name, 1, (key, _rank(name)))
            if key[0] == "~":
                continue
            if self.first is None or key < self.first[0]:
                self.first = item
            if self.last is None or key >= self.last[0]:  # of equals, the last listed
                self.last = item

    def ranked_roles(self) -> list[NameCount]:
        """The roles, commonest first, ties in the order they are first seen."""
        order = sorted(self.roles, key=lambda r: (-self.roles[r], self.seen[r]))
        return [NameCount(r, self.roles[r]) for r in order]


def _rank(role: str) -> int:
    """Where a role stands among one mention's roles: its fields in order, then a title."""
    return ROLE_FIELDS.index(role) if role in ROLE_FIELDS else len(ROLE_FIELDS)


def brief_of(detail: Any) -> EntityBrief:
    """The brief of an `EntityDetail` (what `entity_brief` gives without the lists)."""
    return EntityBrief(
        id=detail.id, type=detail.type, name=detail.name, names=detail.names,
        roles=detail.roles, documents=detail.documents[:DOCS_SHOWN],
        document_count=len(detail.documents), mention_count=len(detail.mentions),
        first_mention=detail.first_mention, last_mention=detail.last_mention)


# -- the rows outside the edited documents, counted in SQL ----------------------------------

_OF = " WHERE {t}.entity_id IN (SELECT value FROM json_each(?))" + NOT_IN
# the first documents: each may come once per member, so as many times more are read
_DOCS_SQL = DOC_ROWS + " ORDER BY coalesce(d.date_iso, '~'), d.id LIMIT ?"
# (a lone id's documents are its rows: no set of them is built to count them)
_COUNTS_SQL = (
    "SELECT (SELECT count({docs}) FROM entity_docs e" + _OF.format(t="e", c="e.doc_pk") + "),"
    " (SELECT count(*) FROM mentions m" + _OF.format(t="m", c="m.doc_pk") + ")")
# the first and last mention in a dated document (undated ones sort last in the first's
# order, first in the last's: a filter on the date would have SQLite scan every document)
_MENTION = ("SELECT m.doc_pk, d.id, d.date_iso, m.text, m.start, m.end, m.type, m.entity_id"
            " FROM mentions m CROSS JOIN documents d ON d.pk = m.doc_pk"
            + _OF.format(t="m", c="m.doc_pk"))
_FIRST_SQL = (_MENTION + " ORDER BY d.date_iso IS NULL, d.date_iso, d.id, m.start, m.doc_pk,"
              " m.ord LIMIT 1")
_LAST_SQL = (_MENTION + " ORDER BY d.date_iso IS NOT NULL DESC, d.date_iso DESC, d.id DESC,"
             " m.start DESC, m.doc_pk DESC, m.ord DESC LIMIT 1")
# each role field: how many of the mentions it holds, and the first of them
_FIELDS_SQL = (
    "SELECT f.field, count(DISTINCT m.id), min(coalesce(d.date_iso, '~') || char(1) || d.id"
    " || char(1) || printf('%010d', m.start))"
    " FROM mentions m CROSS JOIN documents d ON d.pk = m.doc_pk"
    f" CROSS JOIN fields f ON {AROUND}" + _OF.format(t="m", c="m.doc_pk") + " GROUP BY f.field")
_TITLES_SQL = (
    "SELECT coalesce(d.date_iso, '~'), d.id, m.start,"
    f" {TEXT_BEFORE} FROM mentions m CROSS JOIN documents d ON d.pk = m.doc_pk"
    + _OF.format(t="m", c="m.doc_pk") + " AND m.type = 'person'")


def plain_glance(db: Database, members: list[str], full: set[int]) -> Glance:
    """The members' documents and mentions outside `full`, counted."""
    conn, params = db.connection, (json_list(members), json_list(full))
    docs = conn.execute(_DOCS_SQL, (*params, DOCS_SHOWN * len(members))).fetchall()
    out = Glance(documents=[DocRef(*row[:3]) for row in dict.fromkeys(docs)][:DOCS_SHOWN])
    counts = _COUNTS_SQL.format(docs="DISTINCT e.doc_pk" if len(members) > 1 else "*")
    out.document_count, out.mention_count = conn.execute(counts, params * 2).fetchone()
    out.first, out.last = (_dated(conn.execute(sql, params).fetchone())
                           for sql in (_FIRST_SQL, _LAST_SQL))
    for name, n, first in conn.execute(_FIELDS_SQL, (*ROLE_FIELDS, *params)):
        out.role(name, n, (_listed(first), _rank(name)))
    for day, doc_id, start, before in conn.execute(_TITLES_SQL, params):
        title = title_ending(before, whole=start <= BEFORE)
        if title:
            out.role(title, 1, ((day, doc_id, start), _rank(title)))
    return out


def _listed(first: str) -> Listed:
    """The listed order's key from its text in SQL (parts apart by a character below any
    other, so that a shorter date sorts first as in Python)."""
    day, doc_id, start = first.split("\x01")
    return day, doc_id, int(start)


def _dated(row: tuple[Any, ...] | None) -> tuple[Listed, MentionRef, int] | None:
    if row is None or row[2] is None:  # no mention, or none in a dated document
        return None
    pk, doc_id, day, text, start, end, type_, machine = row
    ref = MentionRef(ref_of(doc_id, start, end), doc_id, text, start, end, type_, machine, [])
    return (day, doc_id, start), ref, pk
