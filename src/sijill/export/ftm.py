"""FollowTheMoney entities as JSON lines, the form Aleph / OpenAleph and the `ftm` tools load.

Built with the followthemoney library (the optional extra `sijill[ftm]`), so every value is
cleaned and checked by the model itself. Each document is a Message (when its sender and
addressees are among its entities) or a PlainText, with its text, date and source; each
entity a Person, Organization or Address, its `proof` the documents that name it; each
mention a Mention
linking name, document and entity; each relation the schema that fits it (Membership,
Directorship, else UnknownLink), dated by its document and proved by it. An original and
its translation (store.pairs), both exported, are a Documentation: its `document` the
translation, its `entity` the original (a document is a Thing), its `role` the data file's
`ftm.translation_role`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sijill.export.selection import EntityRecord, Selection, mention_for, settings
from sijill.model import Document, Relation

INSTALL_HINT = "FollowTheMoney export needs the ftm extra: pip install 'sijill[ftm]'"


def _model() -> Any:
    try:
        from followthemoney import model
    except ImportError as exc:  # an optional extra: it compiles PyICU
        raise RuntimeError(INSTALL_HINT) from exc
    return model


def document_id(doc_id: str) -> str:
    return f"sijill-doc-{doc_id}"


def entity_id(sijill_id: str) -> str:
    return f"sijill-ent-{sijill_id}"


def _make(model: Any, schema: str, ident: str, **props: Any) -> Any:
    proxy = model.make_entity(schema)
    proxy.id = ident
    for name, value in props.items():
        if value not in (None, "", []):
            proxy.add(name, value, quiet=True)
    return proxy


def _party_ids(doc: Document, spans: list[Any], known: set[str]) -> list[str]:
    found = (mention_for(doc, span) for span in spans)
    return [entity_id(m.entity) for m in found
            if m is not None and m.entity in known and m.type != "place"]


def document_entity(model: Any, doc: Document, prov: dict[str, Any]) -> Any:
    known = {e.id for e in doc.entities}
    hijri = next((d.text for d in doc.dates if d.calendar == "hijri"), None)
    # Not contentHash: in Aleph that names a stored file's SHA-1, which this text has not.
    facts = [f"Reference number: {doc.reference_number.text}" if doc.reference_number else "",
             f"Hijri date: {hijri}" if hijri else "",
             f"Sijill document {doc.id}, source SHA-256 {doc.source.sha256}"]
    names = {kind: sorted({m.text for m in doc.mentions if m.type == kind})
             for kind in ("person", "organization", "place")}
    sender = _party_ids(doc, [doc.sender] if doc.sender else doc.issuer[-1:], known)
    # A Message must name its sender as an entity; a letter whose sender is not one of the
    # document's entities is a PlainText, its parties then linked by its Mentions.
    message = bool(sender) and bool(doc.addressees or doc.cc)
    return _make(
        model, "Message" if message else "PlainText", document_id(doc.id),
        title=doc.title or (doc.subject.text if doc.subject else doc.id),
        fileName=Path(doc.source.path).name if doc.source.path else None,
        bodyText=doc.text, language=doc.language,
        date=doc.date.iso if doc.date else None,
        sourceUrl=doc.source.url or prov.get("url"), publisher=prov.get("title"),
        publishedAt=(prov.get("published") or "")[:10] or None,
        description="; ".join(f for f in facts if f),
        notes=[n.text for n in doc.notes if n.kind != "bracket"],
        author=doc.sender.text if doc.sender else None,
        peopleMentioned=names["person"], companiesMentioned=names["organization"],
        locationMentioned=names["place"],
        **({"subject": doc.subject.text if doc.subject else None, "sender": sender,
            "recipients": _party_ids(doc, doc.addressees + doc.cc, known)}
           if message else {}),
    )


def entity_proxy(model: Any, record: EntityRecord) -> Any:
    schema = settings()["ftm"]["entities"][record.type]
    extra = {"full": record.name} if schema == "Address" else {}
    return _make(model, schema, entity_id(record.id), name=record.name, alias=record.aliases,
                 wikidataId=record.wikidata, proof=[document_id(d) for d in record.documents],
                 **extra)


def mention_proxies(model: Any, doc: Document) -> Iterator[Any]:
    known = {e.id for e in doc.entities}
    types = settings()["ftm"]["entities"]
    for i, mention in enumerate(doc.mentions):
        resolved = mention.entity in known and mention.type != "place"
        yield _make(model, "Mention", f"sijill-mention-{doc.id}-{i}",
                    document=document_id(doc.id), name=mention.text,
                    detectedSchema=types[mention.type],
                    resolved=entity_id(mention.entity) if resolved else None)


def _relation_schema(model: Any, rel: Relation, types: dict[str, str]) -> tuple[str, str, str]:
    """The first schema configured for the relation type whose ranges take both ends."""
    conf = settings()["ftm"]
    entities = conf["entities"]
    for schema, source, target in [*conf["relations"].get(rel.type, []), conf["fallback"]]:
        spec = model.get(schema)
        ends = ((source, types[rel.source]), (target, types[rel.target]))
        if all(model.get(entities[t]).is_a(spec.get(p).range) for p, t in ends):
            return schema, source, target
    return tuple(conf["fallback"])  # type: ignore[return-value]


def relation_proxies(model: Any, doc: Document) -> Iterator[Any]:
    types = {e.id: e.type for e in doc.entities}
    for i, rel in enumerate(doc.relations):
        if rel.source not in types or rel.target not in types:
            continue  # a relation to an entity the document does not hold cannot be linked
        schema, source, target = _relation_schema(model, rel, types)
        yield _make(model, schema, f"sijill-rel-{doc.id}-{i}",
                    **{source: entity_id(rel.source), target: entity_id(rel.target)},
                    role=rel.type, status=rel.status,
                    date=doc.date.iso if doc.date else None,
                    summary=doc.text[rel.evidence.start:rel.evidence.end],
                    proof=document_id(doc.id), sourceUrl=doc.source.url)


def pair_proxies(model: Any, doc: Document, selection: Selection) -> Iterator[Any]:
    """A Documentation for each original of this translation that the export holds."""
    for role, original in selection.related(doc.id):
        if role == "original":
            yield _make(model, "Documentation", f"sijill-pair-{original}-{doc.id}",
                        document=document_id(doc.id), entity=document_id(original),
                        role=settings()["ftm"]["translation_role"])


def proxies(selection: Selection) -> Iterator[Any]:
    """Every FollowTheMoney entity of the export: documents (with their mentions, relations
    and originals), then the entities they name."""
    model = _model()
    for doc in selection.documents():
        yield document_entity(model, doc, selection.provenance.get(doc.source.sha256, {}))
        yield from mention_proxies(model, doc)
        yield from relation_proxies(model, doc)
        yield from pair_proxies(model, doc, selection)
    for record in selection.entities().values():
        yield entity_proxy(model, record)


def write(selection: Selection, stream: IO[str]) -> int:
    count = 0
    for proxy in proxies(selection):
        count += proxy.schema.is_a("Document")
        stream.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return count


def export(selection: Selection, out: Path) -> int:
    """The entities as JSON lines in the file `out`; returns the documents written."""
    _model()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        return write(selection, stream)
