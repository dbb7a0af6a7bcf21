"""What an export holds: a selection of the archive's documents (human edits applied), the
entities they name merged across documents, and what the archive knows of their sources."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sijill import data
from sijill.entities import authority
from sijill.errors import AuthorityError, QueryError, SelectionError
from sijill.model import Document, Entity, Mention, Span
from sijill.store import Archive
from sijill.store import io as store_io
from sijill.store import pairs as store_pairs
from sijill.store.search import matching_ids

_NAMES = data.record(element=data.TEXT, list=data.TEXT, item=data.TEXT)
_NOTE = data.record(resp=data.TEXT, type=data.TEXT, role=data.TEXT)
SHAPE = data.record(
    publisher=data.TEXT,
    licence=data.record(target=data.TEXT, text=data.TEXT),
    tei=data.record(calendars=data.table(data.TEXT), names=data.table(_NAMES),
                    notes=data.table(_NOTE), wikidata_uri=data.TEXT),
    cmif=data.record(title=data.TEXT, editor=data.TEXT, email=data.TEXT,
                     uuid_namespace=data.TEXT),
    ftm=data.record(entities=data.table(data.TEXT), relations=data.table(data.listof(data.WORDS)),
                    fallback=data.WORDS, translation_role=data.TEXT),
    csl=data.record(correspondence_type=data.TEXT, other_type=data.TEXT),
)


@cache
def settings() -> dict[str, Any]:
    """The exporters' data file: publisher, licence, vocabulary mappings."""
    return data.load(data.bundled("sijill.export", "export.yaml"), SHAPE)  # type: ignore[no-any-return]


@dataclass
class EntityRecord:
    """One entity as the whole selection knows it: every name it goes by, every document."""

    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    wikidata: str | None = None

    def add(self, entity: Entity, doc_id: str) -> None:
        for alias in [entity.name, *entity.aliases]:
            if alias != self.name and alias not in self.aliases:
                self.aliases.append(alias)
        if doc_id not in self.documents:
            self.documents.append(doc_id)


def _authority_lookup() -> Callable[[str], str | None]:
    """Wikidata QIDs from the authority file (shipped, plus $SIJILL_AUTHORITY's), by the
    entity id the entities stage gives an authority entry; nothing when it is unreadable."""
    try:
        book = authority.default()
    except AuthorityError:  # an unreadable researcher file: export without QIDs
        return lambda _id: None
    qids = {entry.entity_id: entry.identifiers.get("wikidata")
            for entry in book.entries.values() if entry.identifiers.get("wikidata")}
    return qids.get


class Selection:
    """Documents of an archive to export, in storage order."""

    def __init__(self, archive: Archive, doc_ids: list[str] | None = None) -> None:
        self.archive = archive
        self._ids = doc_ids
        self._wikidata = _authority_lookup()
        self._entities: dict[str, EntityRecord] | None = None
        self._pairs: dict[str, list[tuple[str, str]]] | None = None
        self.provenance = store_io.source_provenance(archive)

    @classmethod
    def of(cls, archive: Archive, query: str | None = None,
           entity: str | None = None) -> Selection:
        """The whole archive, or the documents matching a search and/or naming an entity."""
        if query is None and entity is None:
            return cls(archive)
        ids: list[str] | None = None
        if query is not None:
            try:
                ids = matching_ids(archive.connection, query, seconds=None)
            except QueryError as exc:
                raise SelectionError(f"--query: {exc}") from None
        if entity is not None:
            named = store_io.document_ids_with_entity(archive, entity)
            if not named:
                raise SelectionError(f"no document names the entity {entity!r}")
            ids = named if ids is None else [i for i in ids if i in set(named)]
        return cls(archive, ids)

    @property
    def is_whole(self) -> bool:
        """Whether this is the whole archive rather than a search's or an entity's part."""
        return self._ids is None

    def documents(self) -> Iterator[Document]:
        if self._ids is None:
            yield from self.archive.documents()
            return
        wanted = set(self._ids)
        # Storage order, whatever order the search ranked them in: a stable file.
        yield from (doc for doc in self.archive.documents() if doc.id in wanted)

    def entities(self) -> dict[str, EntityRecord]:
        """Every entity the selected documents name, by id, first seen first."""
        if self._entities is None:
            found: dict[str, EntityRecord] = {}
            for doc in self.documents():
                for entity in doc.entities:
                    record = found.setdefault(entity.id, EntityRecord(
                        entity.id, entity.type, entity.name,
                        wikidata=self._wikidata(entity.id)))
                    record.add(entity, doc.id)
            self._entities = found
        return self._entities

    def wikidata(self, entity_id: str) -> str | None:
        record = self.entities().get(entity_id)
        return record.wikidata if record else self._wikidata(entity_id)

    def edits(self, doc_id: str) -> list[dict[str, Any]]:
        return self.archive.edits(doc_id)

    def related(self, doc_id: str) -> list[tuple[str, str]]:
        """(what the other is: "original" or "translation", its id) for each document
        linked to this one as its original or translation (store.pairs)."""
        if self._pairs is None:
            self._pairs = {}
            for p in store_pairs.effective(self.archive):
                if p.original_id != p.translation_id:  # a block is no other document
                    self._pairs.setdefault(p.translation_id or "", []).append(
                        ("original", p.original_id or ""))
                    self._pairs.setdefault(p.original_id or "", []).append(
                        ("translation", p.translation_id or ""))
        return [(role, other) for role, other in self._pairs.get(doc_id, [])
                if self._ids is None or other in self._ids]  # a file of this export


def mention_for(doc: Document, span: Span) -> Mention | None:
    """The mention that names what a span (an addressee, a sender...) refers to: the one
    with the same extent, else the longest inside it, else one that contains it."""
    inside = [m for m in doc.mentions if span.start <= m.start and m.end <= span.end]
    exact = [m for m in inside if (m.start, m.end) == (span.start, span.end)]
    if exact:
        return exact[0]
    if inside:
        return max(inside, key=lambda m: (m.end - m.start, -m.start))
    around = [m for m in doc.mentions if m.start <= span.start and span.end <= m.end]
    return min(around, key=lambda m: m.end - m.start) if around else None


def entity_of(doc: Document, entity_id: str) -> Entity | None:
    return next((e for e in doc.entities if e.id == entity_id), None)


def title_of(doc: Document) -> str:
    """The title an export gives a document: its editor's title, else its subject, else its id."""
    if doc.title:
        return doc.title
    if doc.subject:
        return doc.subject.text
    return f"Document {doc.id}"
