"""Authority files: the entities researchers curate, with names, dates, roles and sources.

The shipped data/authority.yaml holds a few well-documented public entities; users' files
from $SIJILL_AUTHORITY (colon-separated paths) or passed explicitly load beside it, and an
entry with an `id` already loaded replaces it. Lookup goes through `name_key`, so any
transliteration variant of a listed name or alias finds its entry.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from sijill.entities.ids import authority_id
from sijill.entities.names import name_key

SHIPPED = Path(__file__).with_name("data") / "authority.yaml"
ENV = "SIJILL_AUTHORITY"
TYPES = ("person", "organization", "place")


class AuthorityError(ValueError):
    """An authority file that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class Role:
    role: str
    of: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    pejoratives: tuple[str, ...] = ()
    founded: str | None = None
    dissolved: str | None = None
    roles: tuple[Role, ...] = ()
    identifiers: dict[str, str | None] = field(default_factory=dict)
    sources: tuple[tuple[str, str], ...] = ()
    origin: str = ""

    @property
    def entity_id(self) -> str:
        return authority_id(self.id)

    def names(self) -> Iterator[str]:
        """Every form that identifies the entry: name, aliases and pejorative labels."""
        yield self.name
        yield from self.aliases
        yield from self.pejoratives


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _entry(raw: dict[str, Any], sources: dict[str, str], origin: str) -> Entry:
    for key in ("id", "type", "name"):
        if not raw.get(key):
            raise AuthorityError(f"{origin}: an entry lacks `{key}`: {raw!r:.80}")
    if raw["type"] not in TYPES:
        raise AuthorityError(f"{origin}: {raw['id']}: type must be one of {', '.join(TYPES)}")

    def cite(ref: Any) -> str:
        return sources.get(str(ref), str(ref)) if ref is not None else ""

    roles = tuple(
        Role(str(r["role"]), _text(r.get("of")), _text(r.get("from")), _text(r.get("to")),
             cite(r.get("source")) or None)
        for r in raw.get("roles") or []
    )
    return Entry(
        id=str(raw["id"]), type=raw["type"], name=str(raw["name"]),
        aliases=tuple(map(str, raw.get("aliases") or [])),
        pejoratives=tuple(map(str, raw.get("pejoratives") or [])),
        founded=_text(raw.get("founded")), dissolved=_text(raw.get("dissolved")), roles=roles,
        identifiers={k: _text(v) for k, v in (raw.get("identifiers") or {}).items()},
        sources=tuple((str(s["claim"]), cite(s["source"])) for s in raw.get("sources") or []),
        origin=origin,
    )


def read_file(path: str | Path) -> list[Entry]:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise AuthorityError(f"{path}: cannot read authority file: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("entities", []), list):
        raise AuthorityError(f"{path}: expected a mapping with an `entities` list")
    sources = {str(k): str(v) for k, v in (raw.get("sources") or {}).items()}
    return [_entry(item, sources, str(path)) for item in raw.get("entities") or []]


class Authority:
    """Loaded entries, by id and by the name key of every name they answer to."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self._by_key: dict[tuple[str, str], Entry] = {}
        for entry in self.entries.values():
            for name in entry.names():
                self._by_key.setdefault((entry.type, name_key(name)), entry)

    def lookup(self, name: str, type: str | None = None) -> Entry | None:  # noqa: A002
        types = (type,) if type else TYPES
        key = name_key(name)
        for t in types:
            found = self._by_key.get((t, key))
            if found:
                return found
        return None

    def __len__(self) -> int:
        return len(self.entries)


def env_paths() -> list[Path]:
    return [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]


def load(paths: Iterable[str | Path] = (), *, shipped: bool = True) -> Authority:
    """The shipped file (unless `shipped` is false), then `paths` in order."""
    files = ([SHIPPED] if shipped else []) + [Path(p) for p in paths]
    return Authority(entry for f in files for entry in read_file(f))


@cache
def _default(paths: tuple[str, ...]) -> Authority:
    return load(paths)


def default() -> Authority:
    """Shipped entries plus $SIJILL_AUTHORITY's files; cached per value of the variable."""
    return _default(tuple(str(p) for p in env_paths()))
