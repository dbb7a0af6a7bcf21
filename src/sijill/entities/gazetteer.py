"""Place names: the GeoNames subset in data/gazetteer.tsv, a curated supplement
(data/places.yaml) and the region's administrative names (data/admin_places.yaml).

Each name maps to a place key ("gn:<geonameid>", "sup:<name>", "adm:<name>"), so that two
spellings of one place in a document meet in one entity.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data
from sijill.names.words import lexicon

GAZETTEER = Path(__file__).with_name("data") / "gazetteer.tsv"
_PLACE = data.record(name=data.TEXT, country=data.TEXT, variants=data.optional(data.WORDS))
PLACES = data.record(places=data.listof(_PLACE))
ADMIN = data.record(admin=data.listof(data.record(
    name=data.TEXT, covers=data.TEXT, country=data.TEXT, variants=data.optional(data.WORDS),
    source=data.optional(data.TEXT))))


def _places() -> list[dict[str, Any]]:
    return data.load(data.bundled("sijill.entities", "places.yaml"), PLACES)["places"]  # type: ignore[no-any-return]


def _admin() -> list[dict[str, Any]]:
    return data.load(data.bundled("sijill.entities", "admin_places.yaml"), ADMIN)["admin"]  # type: ignore[no-any-return]
MIN_LENGTH = 3


@dataclass(frozen=True)
class PlaceName:
    name: str
    key: str
    kind: str  # "city", "supplement" or "admin"


def _usable(name: str) -> bool:
    # Lower-case and all-capitals alternates are romanisations or codes (adlb, ALP), and
    # one-word English function words are GeoNames towns the translations never mean ("Of").
    words = name.split()
    return (
        len(name) >= MIN_LENGTH and name[0].isupper() and not name.isupper()
        and not (len(words) == 1 and name.casefold() in lexicon().stop)
    )


def _tsv(path: Path) -> Iterator[PlaceName]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            geonameid, _country, _pop, name, alternates = line.rstrip("\n").split("\t")
            for alt in [name, *filter(None, alternates.split("|"))]:
                if _usable(alt):
                    yield PlaceName(alt, f"gn:{geonameid}", "city")


def _yaml_places() -> Iterator[PlaceName]:
    for item in _places():
        for name in [item["name"], *item.get("variants", [])]:
            yield PlaceName(name, f"sup:{item['name']}", "supplement")
    for item in _admin():
        for name in [item["name"], *item.get("variants", [])]:
            yield PlaceName(name, f"adm:{item['name']}", "admin")


@cache
def place_names() -> tuple[PlaceName, ...]:
    return (*_yaml_places(), *_tsv(GAZETTEER))


@cache
def admin_covers() -> dict[str, str]:
    """Administrative name -> the place it covers (Wilayat al-Kheir -> Deir ez-Zor)."""
    return {item["name"]: item["covers"] for item in _admin()}
