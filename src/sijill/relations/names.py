"""The names of a relation's ends, for people to read and for gold scoring."""

from __future__ import annotations

from sijill.model import Document
from sijill.relations.actors import ACTOR_PREFIX


def names_by_id(doc: Document) -> dict[str, list[str]]:
    """Each entity id of `doc` with its names: canonical first, then aliases and mentions."""
    names: dict[str, list[str]] = {}
    for e in doc.entities:
        names.setdefault(e.id, []).extend([e.name, *e.aliases])
    for m in doc.mentions:
        names.setdefault(m.entity, []).append(m.text)
    return {k: list(dict.fromkeys(v)) for k, v in names.items()}


def names_of(entity: str, table: dict[str, list[str]]) -> list[str]:
    if entity in table:
        return table[entity]
    if entity.startswith(ACTOR_PREFIX):
        return [entity[len(ACTOR_PREFIX):]]
    return [entity]


def display_name(entity: str, table: dict[str, list[str]]) -> str:
    return names_of(entity, table)[0]
