"""Relations between the actors of a document: who wrote to whom, and what the text says
they did with each other (contact, request, support, hostility, alliance, membership,
leadership), each with its status, evidence range and date."""

from __future__ import annotations

import dataclasses
import logging

from sijill.model import Document, Flag, Relation, SourceText
from sijill.relations.correspondence import correspondence
from sijill.relations.cues import SYMMETRIC
from sijill.relations.extract import typed_relations

VERSION = "4"

__all__ = ["SYMMETRIC", "VERSION", "extract_relations", "relation_key", "stage"]

log = logging.getLogger(__name__)


def relation_key(rel: Relation) -> tuple[str, str, str, str]:
    """What makes two relations the same claim (the two sides of a symmetric one unordered)."""
    a, b = rel.source, rel.target
    if rel.type in SYMMETRIC and b < a:
        a, b = b, a
    return rel.type, a, b, rel.status


def extract_relations(doc: Document) -> list[Relation]:
    """Every relation of `doc`, each claim once (at its first evidence)."""
    found: dict[tuple[str, str, str, str], Relation] = {}
    for rel in [*correspondence(doc), *typed_relations(doc)]:
        found.setdefault(relation_key(rel), rel)
    return list(found.values())


def stage(_: SourceText, docs: list[Document]) -> list[Document]:
    """The pipeline stage: each document with its relations."""
    out = []
    for doc in docs:
        try:
            out.append(dataclasses.replace(doc, relations=extract_relations(doc)))
        except Exception as exc:  # a bug here must not lose the document: keep it, flagged
            log.exception("relations failed on %s", doc.id)
            flag = Flag("relations-failed", "warning", f"relations not extracted: {exc}")
            out.append(dataclasses.replace(doc, flags=[*doc.flags, flag]))
    return out
