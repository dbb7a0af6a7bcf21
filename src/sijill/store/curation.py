"""Researchers' corrections of entity resolution, replayed over machine output.

The machine layer gives every mention an entity id derived from its type and name key, so
mentions of one spelling family meet across documents. Researchers correct that with three
edits, kept in order as a human layer:

- merge: two ids are one entity (the kept one's id and name win);
- split: one mention belongs to a new entity of its own;
- rename: an entity's name.

`Curation` replays the edits; `curate` gives one document's mentions their effective entity
ids. A split names its mention by (source key, part, start, end, text), not by document id or
list position, so it survives re-ingest of changed bytes and reprocessing: when the offsets
no longer hold, the nearest mention with the same words takes its place, as human field edits
are re-anchored in `sijill.store.layers`; when no mention has those words the split is
reported as unanchored and kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from sijill.model import Entity, Mention

EditKind = Literal["merge", "split", "rename"]


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a split mention is: its document by (source key, part), its words by offsets."""

    source_key: str
    part: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityEdit:
    """One entity edit as replayed: a merge, a split or a rename."""

    id: int
    kind: EditKind
    entity: str  # merge: the kept entity; split: the one the mention left; rename: renamed
    other: str | None = None  # merge: the entity merged in; split: the new entity
    name: str | None = None  # rename: the new name; split: the new entity's name
    type: str | None = None  # split: the new entity's type
    anchor: Anchor | None = None  # split only


@dataclass(slots=True)
class Curated:
    """One document's mentions with effective entity ids, and its machine entities grouped
    under the effective entity they now belong to."""

    mentions: list[Mention]
    groups: dict[str, list[Entity]]
    anchored: dict[int, int] = field(default_factory=dict)  # split edit id -> mention index
    unanchored: list[EntityEdit] = field(default_factory=list)


class Curation:
    """The human layer of entity edits, replayed in order."""

    def __init__(self, edits: Iterable[EntityEdit] = ()) -> None:
        self.edits: list[EntityEdit] = list(edits)
        self._parent: dict[str, str] = {}
        self._names: dict[str, str] = {}
        self._types: dict[str, str] = {}
        self._splits: dict[tuple[str, int], list[EntityEdit]] = {}
        self._touched: set[str] = set()
        for edit in self.edits:
            self._replay(edit)

    def _replay(self, edit: EntityEdit) -> None:
        self._touched.update(x for x in (edit.entity, edit.other) if x)
        if edit.kind == "merge" and edit.other:
            keep, other = self.resolve(edit.entity), self.resolve(edit.other)
            if keep != other:
                self._parent[other] = keep
        elif edit.kind == "rename" and edit.name:
            self._names[edit.entity] = edit.name
        elif edit.kind == "split" and edit.other and edit.anchor:
            self._names[edit.other] = edit.name or edit.anchor.text
            self._types[edit.other] = edit.type or ""
            key = (edit.anchor.source_key, edit.anchor.part)
            self._splits.setdefault(key, []).append(edit)

    def resolve(self, entity_id: str) -> str:
        """The entity an id stands for now, after every merge."""
        root = entity_id
        while root in self._parent:
            root = self._parent[root]
        return root

    def members(self, entity_id: str) -> set[str]:
        """Every id that resolves to `entity_id`'s entity, itself included."""
        root = self.resolve(entity_id)
        return {root} | {x for x in self._parent if self.resolve(x) == root}

    def curated(self, entity_id: str) -> bool:
        """Whether any edit touches the entity this id belongs to."""
        return self.resolve(entity_id) in self._touched or entity_id in self._touched

    def name(self, entity_id: str) -> str | None:
        """The name a researcher gave the entity (a rename, or a split's words), if any."""
        return self._names.get(self.resolve(entity_id))

    def renamed_to(self, name: str) -> list[str]:
        """The ids researchers gave this name (by a rename or a split)."""
        return [x for x, given in self._names.items() if given == name]

    def member_names(self, entity_id: str) -> list[str]:
        """Names researchers gave any member of the entity: aliases once merged."""
        return [self._names[x] for x in sorted(self.members(entity_id)) if x in self._names]

    def merged(self) -> set[str]:
        """Every id in a merge: the ids merged away and the ones they were merged into."""
        return set(self._parent) | {self.resolve(x) for x in self._parent}

    def split_type(self, entity_id: str) -> str | None:
        """The type a split gave its new entity, if `entity_id` is one."""
        return self._types.get(entity_id) or None

    def splits(self) -> list[EntityEdit]:
        """Every split edit, by document."""
        return [e for edits in self._splits.values() for e in edits]

    def splits_in(self, source_key: str, part: int) -> list[EntityEdit]:
        """The split edits of one document (source key, part), in edit order."""
        return self._splits.get((source_key, part), [])


def nearest_mention(mentions: Sequence[Mention], anchor: Anchor) -> int | None:
    """The index of the mention the anchor now stands for: the one at its offsets, else the
    nearest with the same words, else None."""
    same = [i for i, m in enumerate(mentions) if m.text == anchor.text]
    exact = [i for i in same if mentions[i].start == anchor.start and mentions[i].end == anchor.end]
    if exact:
        return exact[0]
    return min(same, key=lambda i: abs(mentions[i].start - anchor.start), default=None)


def curate(curation: Curation, source_key: str, part: int, mentions: Sequence[Mention],
           entities: Sequence[Entity]) -> Curated:
    """The document's mentions and entities as the researcher's edits make them."""
    ids = [m.entity for m in mentions]
    result = Curated([], {})
    # In edit order, so a later split of the same mention wins.
    for edit in curation.splits_in(source_key, part):
        assert edit.anchor is not None and edit.other is not None
        index = nearest_mention(mentions, edit.anchor)
        if index is None:
            result.unanchored.append(edit)
            continue
        result.anchored[edit.id] = index
        ids[index] = edit.other
    result.mentions = [dataclasses.replace(m, entity=curation.resolve(x))
                       for m, x in zip(mentions, ids, strict=True)]
    _group(curation, result, mentions, entities)
    return result


def _group(curation: Curation, result: Curated, mentions: Sequence[Mention],
           entities: Sequence[Entity]) -> None:
    mentioned = {m.entity for m in mentions}
    effective = {m.entity for m in result.mentions}
    for entity in entities:
        target = curation.resolve(entity.id)
        # An entity whose every mention here was split away has left this document.
        if entity.id in mentioned and target not in effective:
            continue
        result.groups.setdefault(target, []).append(entity)
    for mention in result.mentions:
        result.groups.setdefault(mention.entity, [])
