"""An entity's mentions as its detail view lists them: the documents they are in, their
roles (the parts of a document they sit in, a title just before a person) and, for the
first and last dated ones, the date in both calendars.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sijill.model import Document, Mention
from sijill.names.words import lexicon
from sijill.store.db import Database, json_list
from sijill.store.entity_rows import NOT_IN, StoredDoc, stored
from sijill.store.hijri import hijri_of

__all__ = ["AROUND", "BEFORE", "DOC_ROWS", "ROLE_FIELDS", "TEXT_BEFORE", "DatedMention",
           "DocRef", "Listed", "MentionRef", "NameCount", "dated_ref", "mention_ref",
           "mention_roles", "plain_parts", "ref_of", "role_counts", "title_ending"]

ROLE_FIELDS = ("issuer", "sender", "addressees", "cc")
_TITLE_WINDOW = 4  # words before a person's name searched for a title
BEFORE = 400  # characters read before a person's name, far more than those words
_NOT_ROLES = frozenset({"brother", "sister", "mr", "mrs", "dr"})  # forms of address

# (date or "~", document id, start): the order mentions and documents are listed in
Listed = tuple[str, str, int]


@dataclass(frozen=True, slots=True)
class NameCount:
    """A name (or a role) and how many mentions have it."""

    name: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {"name": self.name, "count": self.count}


@dataclass(frozen=True, slots=True)
class DocRef:
    """A document an entity is in, as listed."""

    id: str
    title: str | None
    date: str | None

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {"id": self.id, "title": self.title, "date": self.date}


@dataclass(frozen=True, slots=True)
class MentionRef:
    """One mention of an entity, with where it is and the roles it plays there."""

    ref: str  # "DOCID:START-END", what `split` takes
    doc: str
    text: str
    start: int
    end: int
    type: str
    machine_entity: str  # the id the recognition stage gave it
    roles: list[str]

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
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
        """As JSON-ready data."""
        return {"ref": self.ref, "doc": self.doc, "text": self.text, "iso": self.iso,
                "precision": self.precision, "gregorian": self.gregorian, "hijri": self.hijri}


# -- the mentions read from their rows -------------------------------------------------------


def plain_parts(db: Database, members: list[str], full: set[int]
                 ) -> tuple[dict[Listed, DocRef], list[tuple[Listed, MentionRef, int]]]:
    """The entity's documents and mentions outside `full`, from their rows: the roles of
    a mention from the document's issuer, sender, addressee and cc spans and its text."""
    conn, params = db.connection, (json_list(members), json_list(full))
    docs: dict[Listed, DocRef] = {}
    where: dict[int, tuple[str, str | None]] = {}  # each document's id and date, by pk
    for doc_id, title, date, pk in conn.execute(DOC_ROWS, params):
        docs[(date or "~", doc_id, 0)] = DocRef(doc_id, title, date)
        where[pk] = (doc_id, date)
    # a person's title is among the few words before the name: read those, not whole texts
    rows = conn.execute(_MENTIONS_SQL, (*ROLE_FIELDS, *params)).fetchall()
    out = []
    for pk, text, start, end, type_, machine, fields, before in rows:
        doc_id, day = where[pk]  # every mention has its row in entity_docs (schema 5)
        found = fields.split(",") if fields else ()
        roles = [name for name in ROLE_FIELDS if name in found]
        title = title_ending(before, whole=start <= BEFORE) if before is not None else None
        roles = [*roles, title] if title else roles
        ref = MentionRef(ref_of(doc_id, start, end), doc_id, text, start, end, type_,
                         machine, roles)
        out.append(((day or "~", doc_id, start), ref, pk))
    return docs, out


# SQL shared with the brief (`entity_brief`), over the members' rows `e` or mentions `m`
# outside the excepted documents, given as two JSON lists:
# - the documents `d` of the members' rows (an untitled one by its subject, else its issuer);
#   CROSS JOIN: from the entity's rows to their documents, never the reverse
DOC_ROWS = ("SELECT d.id, coalesce(d.title, d.subject, d.issuer_top), d.date_iso, d.pk"
            " FROM entity_docs e CROSS JOIN documents d ON d.pk = e.doc_pk"
            " WHERE e.entity_id IN (SELECT value FROM json_each(?))"
            + NOT_IN.format(c="e.doc_pk"))
# - a field `f` of the mention's document whose span holds it, among the role fields (their
#   names the first parameters): found in the index of field spans (schema 16)
AROUND = ("f.doc_pk = m.doc_pk AND f.start <= m.start AND m.end <= f.end"
          f" AND f.field IN ({', '.join('?' * len(ROLE_FIELDS))})")
# - the characters before a mention, where a person's title is (`d` its document)
TEXT_BEFORE = f"substr(d.text, max(1, m.start - {BEFORE - 1}), min(m.start, {BEFORE}))"

# The members' mentions, each with its role fields and, for a person, the text before it;
# their documents' ids and dates come from DOC_ROWS, read once per document, not per mention.
_MENTIONS_SQL = (
    "SELECT m.doc_pk, m.text, m.start, m.end, m.type, m.entity_id,"
    f" (SELECT group_concat(f.field) FROM fields f WHERE {AROUND}),"
    " CASE WHEN m.type = 'person' THEN"
    f" (SELECT {TEXT_BEFORE} FROM documents d WHERE d.pk = m.doc_pk) END"
    " FROM mentions m WHERE m.entity_id IN (SELECT value FROM json_each(?))"
    + NOT_IN.format(c="m.doc_pk") + " ORDER BY m.doc_pk, m.ord")


def dated_ref(db: Database, ref: MentionRef, pk: int) -> DatedMention:
    """The mention `ref` of the document `pk`, with its document's date in both calendars."""
    [item] = stored(db, {pk}, full=True)
    mention = Mention(ref.text, ref.start, ref.end, type=ref.type)  # type: ignore[arg-type]
    return _dated(item, mention)


def ref_of(doc_id: str, start: int, end: int) -> str:
    """A mention's reference, "DOCID:START-END" (what `split` takes)."""
    return f"{doc_id}:{start}-{end}"


def mention_roles(doc: Document, mention: Mention) -> list[str]:
    """The mention's roles: the parts of the document it sits in (issuer, sender,
    addressees, cc) and, for a person, a title just before it on its line ("clerk").

    The recognition stage finds titles too (RecognitionResult.roles) but the contract has
    no place for them, so they are not stored; once they are, read them here instead.
    """
    spans = {}
    for name in ROLE_FIELDS:
        value = getattr(doc, name)
        found = value if isinstance(value, list) else [value] if value else []
        spans[name] = [(s.start, s.end) for s in found]
    return _roles(spans, doc.text, mention)


def _roles(spans: dict[str, list[tuple[int, int]]], text: str, mention: Mention) -> list[str]:
    roles = [name for name in ROLE_FIELDS
             if any(s <= mention.start and mention.end <= e for s, e in spans.get(name, ()))]
    title = _title_before(text, mention) if mention.type == "person" else None
    return [*roles, title] if title else roles


def _title_before(text: str, mention: Mention) -> str | None:
    """The nearest title word among the few words before the mention, on its line and in
    its clause, with a modifier before it ("deputy wali")."""
    return title_ending(text[: mention.start], whole=True)


def title_ending(before: str, whole: bool) -> str | None:
    """`_title_before` of the text `before` a mention; `whole` when it starts at the text's
    start, else its first, perhaps cut, word is not read."""
    lex = lexicon()
    clause = re.split(r"[\n.;:)(]", before)[-1]
    if not whole and clause == before:  # the window cut the clause: drop the cut word
        clause = re.sub(r"^[\w'’-]*", "", clause)
    words = [w.casefold() for w in re.findall(r"[^\W\d_][\w'’-]*", clause)][-_TITLE_WINDOW:]
    for i in range(len(words) - 1, -1, -1):
        if words[i] in lex.titles and words[i] not in _NOT_ROLES:
            modifier = words[i - 1] if i and words[i - 1] in lex.title_modifiers else None
            return f"{modifier} {words[i]}" if modifier else words[i]
    return None


def mention_ref(item: StoredDoc, m: Mention, original: Mention) -> MentionRef:
    """A curated mention `m` of a document read whole (`original`: as the machine gave it)."""
    roles = mention_roles(item.full, m) if item.full else []
    return MentionRef(ref_of(item.id, m.start, m.end), item.id, m.text, m.start, m.end, m.type,
                      original.entity, roles)


def role_counts(mentions: list[MentionRef]) -> list[NameCount]:
    """Each role of the mentions with how many have it, commonest first."""
    counts = Counter(r for m in mentions for r in m.roles)
    return [NameCount(r, c) for r, c in counts.most_common()]


def _dated(item: StoredDoc, m: Mention) -> DatedMention:
    doc = item.full
    assert doc is not None and doc.date is not None
    written = {d.calendar: d for d in reversed(doc.dates)}
    greg = written.get("gregorian")
    return DatedMention(
        ref_of(item.id, m.start, m.end), item.id, m.text, doc.date.iso, doc.date.precision,
        {"iso": doc.date.iso, "text": greg.text if greg else None},
        hijri_of(doc, written.get("hijri")),
    )
