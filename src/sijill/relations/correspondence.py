"""Who wrote to whom: the sender (else the issuer) to each addressee, and to each cc."""

from __future__ import annotations

from sijill.model import Document, Range, Relation
from sijill.relations.actors import author_id, party_id


def correspondence(doc: Document) -> list[Relation]:
    source = author_id(doc)
    if source is None:
        return []
    out = []
    for kind, spans in (("correspondence", doc.addressees), ("copied", doc.cc)):
        for span in spans:
            target = party_id(doc, span)
            if target != source:
                out.append(Relation(kind, source, target, "asserted",  # type: ignore[arg-type]
                                    Range(span.start, span.end)))
    return out
