"""Authority files: the entities researchers curate, with names, dates, roles and sources.

The shipped data/authority.yaml lists public armed groups, public figures, countries and
cities (docs/authority.md); users' files from $SIJILL_AUTHORITY (colon-separated paths) or
passed explicitly load beside it, and an entry with an `id` already loaded replaces it.

Lookup: a name's folded form first; then, for names that are not acronyms, its
`identity_key`, so transliteration variants of a listed name or alias find their entry, unless
the key is shared by two entries (then only the exact form finds one). Acronyms match only as
written. Names listed under `shared_names` (one spelling for unrelated groups) find nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data
from sijill.entities.ids import authority_id
from sijill.errors import AuthorityError, DataFileError
from sijill.names import fold, identity_key

SHIPPED = Path(__file__).with_name("data") / "authority.yaml"
ENV = "SIJILL_AUTHORITY"
TYPES = ("person", "organization", "place")


# What `str()` makes a name or a date of (an unquoted year is a number in YAML).
_SCALAR = {"type": ["string", "number"], "minLength": 1}
_SCALARS = data.nullable(data.listof(_SCALAR))
_OPTIONAL = data.optional(data.nullable(_SCALAR))
_ROLE = data.record(role=_SCALAR, of=_OPTIONAL, source=_OPTIONAL,
                    **{"from": _OPTIONAL, "to": _OPTIONAL})
_ENTRY = data.record(
    id=_SCALAR, type={"enum": list(TYPES)}, name=_SCALAR,
    aliases=data.optional(_SCALARS), pejoratives=data.optional(_SCALARS),
    category=_OPTIONAL, countries=data.optional(_SCALARS), founded=_OPTIONAL,
    dissolved=_OPTIONAL, parent=_OPTIONAL,
    # one id or a list of them
    successor=data.optional({**_SCALARS, "type": ["string", "number", "array", "null"]}),
    roles=data.optional(data.nullable(data.listof(_ROLE))),
    identifiers=data.optional(data.nullable(data.table(data.nullable(_SCALAR)))),
    sources=data.optional(data.nullable(data.listof(data.record(claim=_SCALAR,
                                                                source=_SCALAR)))),
)
# An empty file is an authority file without entries.
SHAPE = data.nullable(data.record(
    entities=data.optional(data.nullable(data.listof(_ENTRY))),
    sources=data.optional(data.nullable(data.table(_SCALAR))),
    default_source=_OPTIONAL,
    shared_names=data.optional(_SCALARS),
))


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
    category: str | None = None
    countries: tuple[str, ...] = ()
    parent: str | None = None
    successors: tuple[str, ...] = ()

    @property
    def entity_id(self) -> str:
        return authority_id(self.id)

    @property
    def from_year(self) -> int | None:
        """The first year it existed (`founded`), when known."""
        return _year(self.founded)

    @property
    def until_year(self) -> int | None:
        """The last year it existed (`dissolved`); None while active or when not known."""
        return _year(self.dissolved)

    def names(self) -> Iterator[str]:
        """Every form that identifies the entry: name, aliases and pejorative labels."""
        yield self.name
        yield from self.aliases
        yield from self.pejoratives


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _year(value: str | None) -> int | None:
    head = (value or "")[:4]
    return int(head) if head.isdigit() and len(head) == 4 else None


def _ids(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(map(str, value)) if isinstance(value, list) else (str(value),)


# The claim a file's `default_source` stands behind for an entry without `sources` of its own.
DEFAULT_CLAIM = "name, spellings, years, links, category"


def _entry(raw: dict[str, Any], sources: dict[str, str], origin: str,
           default: str | None = None) -> Entry:
    def cite(ref: Any) -> str:
        return sources.get(str(ref), str(ref)) if ref is not None else ""

    roles = tuple(
        Role(str(r["role"]), _text(r.get("of")), _text(r.get("from")), _text(r.get("to")),
             cite(r.get("source") or default) or None)
        for r in raw.get("roles") or []
    )
    own = tuple((str(s["claim"]), cite(s["source"])) for s in raw.get("sources") or [])
    return Entry(
        id=str(raw["id"]), type=raw["type"], name=str(raw["name"]),
        aliases=tuple(map(str, raw.get("aliases") or [])),
        pejoratives=tuple(map(str, raw.get("pejoratives") or [])),
        founded=_text(raw.get("founded")), dissolved=_text(raw.get("dissolved")), roles=roles,
        identifiers={k: _text(v) for k, v in (raw.get("identifiers") or {}).items()},
        sources=own or (((DEFAULT_CLAIM, cite(default)),) if default else ()),
        origin=origin, category=_text(raw.get("category")),
        countries=tuple(map(str, raw.get("countries") or [])), parent=_text(raw.get("parent")),
        successors=_ids(raw.get("successor")),
    )


def read_raw(path: str | Path) -> dict[str, Any]:
    """The file's mapping as YAML gives it; AuthorityError if unreadable or not of SHAPE."""
    try:
        return data.load(path, SHAPE) or {}  # type: ignore[no-any-return]
    except DataFileError as exc:
        raise AuthorityError(exc.file, exc.key, exc.expected) from exc


def read_file(path: str | Path) -> list[Entry]:
    raw = read_raw(path)
    sources = {str(k): str(v) for k, v in (raw.get("sources") or {}).items()}
    default = _text(raw.get("default_source"))
    return [_entry(item, sources, str(path), default) for item in raw.get("entities") or []]


def shared_names(path: str | Path) -> set[str]:
    """The folded names a file declares shared by unrelated entries."""
    return {fold(str(n)) for n in read_raw(path).get("shared_names") or []}


def is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and name.upper() == name and " " not in name.strip()


class Authority:
    """Loaded entries, by id, by the folded form and by the identity key of every name."""

    def __init__(self, entries: Iterable[Entry], shared: Iterable[str] = ()) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            self.entries[entry.id] = entry
        self.shared = set(shared)
        self._exact: dict[tuple[str, str], Entry] = {}
        keyed: dict[tuple[str, str], set[str]] = {}
        for entry in self.entries.values():
            for name in entry.names():
                if fold(name) in self.shared:
                    continue
                self._exact.setdefault((entry.type, name if is_acronym(name) else fold(name)),
                                       entry)
                if not is_acronym(name):
                    keyed.setdefault((entry.type, identity_key(name)), set()).add(entry.id)
        self._by_key = {k: self.entries[next(iter(ids))] for k, ids in keyed.items()
                        if len(ids) == 1}

    def lookup(self, name: str, type: str | None = None) -> Entry | None:  # noqa: A002
        types = (type,) if type else TYPES
        if fold(name) in self.shared:
            return None
        exact = name if is_acronym(name) else fold(name)
        for t in types:
            found = self._exact.get((t, exact))
            if found:
                return found
        if is_acronym(name):
            return None
        key = identity_key(name)
        for t in types:
            found = self._by_key.get((t, key))
            if found:
                return found
        return None

    def is_shared(self, name: str) -> bool:
        return fold(name) in self.shared

    def __len__(self) -> int:
        return len(self.entries)


def env_paths() -> list[Path]:
    return [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]


def load(paths: Iterable[str | Path] = (), *, shipped: bool = True) -> Authority:
    """The shipped file (unless `shipped` is false), then `paths` in order."""
    files = ([SHIPPED] if shipped else []) + [Path(p) for p in paths]
    shared = {name for f in files for name in shared_names(f)}
    return Authority((entry for f in files for entry in read_file(f)), shared)


@cache
def loaded(paths: tuple[str, ...], shipped: bool = True) -> Authority:
    """`load(paths, shipped=shipped)`, once per process for the same files."""
    return load(paths, shipped=shipped)


def default() -> Authority:
    """Shipped entries plus $SIJILL_AUTHORITY's files; cached per value of the variable."""
    return loaded(tuple(str(p) for p in env_paths()))
