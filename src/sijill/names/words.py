"""The words names are made of and set in (data/lexicon.yaml): kunya, nasab and given names,
titles, the cues and suffixes of organisations and places, stop words. Loaded once, as sets
of lower-case tokens; the entities stage recognises names with them and the store reads the
titles a mention's role is named by."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sijill import data

DATA = Path(__file__).with_name("data") / "lexicon.yaml"
W = data.WORDS
SHAPE = data.record(
    persons=data.record(kunya=W, nasab=W, family_nasab=W, abd=W, nisba_endings=W, not_nisba=W,
                        given=W,
                        abd_fused_min=data.INT, theophoric_endings=W, theophoric_min=data.INT,
                        surname_endings=W,
                        cues=W, cue_fillers=W, name_months=W, month_heads=W,
                        not_initials=W),
    titles=data.record(words=W, modifiers=W, fillers=W, leading=W),
    organizations=data.record(suffix=W, of_suffix=W, prefix=W, standalone=W, qualifiers=W,
                              joiners=W, ezafe=W, equivalents=data.table(), generic_fields=W,
                              cues=W, lowercase_suffix=W, lowercase_of=W, connectors=W),
    places=data.record(prefix=W, geo_prefix=W, suffix=W, dropped_suffix=W, directions=W,
                       lowercase_after=W, prepositions=W, columns=W, lowercase_of=W,
                       copula_nouns=W),
    stop=W,
)


def _set(values: list[Any]) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in values)


@dataclass(frozen=True)
class Lexicon:
    kunya: frozenset[str]
    nasab: frozenset[str]
    family_nasab: frozenset[str]
    abd: frozenset[str]
    nisba_endings: tuple[str, ...]
    given: frozenset[str]
    not_nisba: frozenset[str]
    not_initials: frozenset[str]
    org_cues: frozenset[str]
    unit_equivalents: dict[str, str]
    cues: frozenset[str]
    cue_fillers: frozenset[str]
    name_months: frozenset[str]
    month_heads: frozenset[str]
    titles: frozenset[str]
    title_modifiers: frozenset[str]
    title_fillers: frozenset[str]
    leading_titles: frozenset[str]
    org_suffix: frozenset[str]
    org_of_suffix: frozenset[str]
    org_prefix: frozenset[str]
    org_lower_suffix: frozenset[str]
    org_lower_of: frozenset[str]
    connectors: frozenset[str]
    place_prefix: frozenset[str]
    place_suffix: frozenset[str]
    place_dropped: frozenset[str]
    geo_prefix: frozenset[str]
    directions: frozenset[str]
    place_lower_after: frozenset[str]
    place_lower_of: frozenset[str]
    copula_nouns: frozenset[str]
    stop: frozenset[str]
    abd_fused_min: int
    theophoric_endings: tuple[str, ...]
    theophoric_min: int
    surname_endings: tuple[str, ...]
    org_standalone: frozenset[str]
    org_qualifiers: frozenset[str]
    org_joiners: frozenset[str]
    ezafe: tuple[str, ...]
    place_prepositions: frozenset[str]
    place_columns: frozenset[str]
    generic_fields: frozenset[str]


@cache
def lexicon() -> Lexicon:
    raw = data.load(DATA, SHAPE)
    per, tit, org, pla = raw["persons"], raw["titles"], raw["organizations"], raw["places"]
    return Lexicon(
        kunya=_set(per["kunya"]), nasab=_set(per["nasab"]),
        family_nasab=_set(per["family_nasab"]), abd=_set(per["abd"]),
        nisba_endings=tuple(sorted(per["nisba_endings"], key=len, reverse=True)),
        given=_set(per["given"]), cues=_set(per["cues"]),
        cue_fillers=_set(per["cue_fillers"]), name_months=_set(per["name_months"]),
        month_heads=_set(per["month_heads"]),
        not_nisba=_set(per["not_nisba"]), not_initials=_set(per["not_initials"]),
        org_cues=_set(org["cues"]),
        unit_equivalents={str(k): str(v) for k, v in org["equivalents"].items()},
        titles=_set(tit["words"]), title_modifiers=_set(tit["modifiers"]),
        title_fillers=_set(tit["fillers"]), leading_titles=_set(tit["leading"]),
        org_suffix=_set(org["suffix"]), org_prefix=_set(org["prefix"]),
        org_of_suffix=_set(org["suffix"]) | _set(org["of_suffix"]),
        org_lower_suffix=_set(org["lowercase_suffix"]), org_lower_of=_set(org["lowercase_of"]),
        connectors=_set(org["connectors"]),
        place_prefix=_set(pla["prefix"]), place_suffix=_set(pla["suffix"]),
        place_dropped=_set(pla["dropped_suffix"]), stop=_set(raw["stop"]),
        geo_prefix=_set(pla["geo_prefix"]), directions=_set(pla["directions"]),
        place_lower_after=_set(pla["lowercase_after"]),
        place_lower_of=_set(pla["lowercase_of"]), copula_nouns=_set(pla["copula_nouns"]),
        abd_fused_min=int(per["abd_fused_min"]), org_standalone=_set(org["standalone"]),
        theophoric_endings=tuple(per["theophoric_endings"]),
        theophoric_min=int(per["theophoric_min"]),
        surname_endings=tuple(per["surname_endings"]),
        org_qualifiers=_set(org["qualifiers"]), org_joiners=_set(org["joiners"]),
        ezafe=tuple(org["ezafe"]), place_prepositions=_set(pla["prepositions"]),
        place_columns=_set(pla["columns"]),
        generic_fields=_set(org["generic_fields"]),
    )
