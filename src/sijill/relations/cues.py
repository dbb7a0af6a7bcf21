"""The cue phrases of `data/cues.yaml`, compiled into spaCy Matchers over a shared vocab."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from spacy.language import Language
from spacy.matcher import Matcher

from sijill.data import FLAG, INT, TEXT, WORDS, bundled, listof, load, optional, record, table

DATA = bundled("sijill.relations", "cues.yaml")
# Relations whose two ends play the same part: "contact between A and B" is B's with A too.
SYMMETRIC = frozenset({"contact", "alliance"})
_RELATION = record(phrase=TEXT, order=TEXT, anchor=optional(TEXT), target_types=optional(WORDS))
_STATUS = record(phrase=TEXT, scope=TEXT, window=optional(INT), types=optional(WORDS))
SHAPE = record(
    gap=INT,
    reach=record(target=INT, target_phrase=INT, role=INT, role_target=INT, holder_after=INT,
                 name_line_extra=INT, filler_line=INT),
    clause_words=WORDS,
    roles_from_signature_titles=FLAG,
    relations=table(listof(_RELATION)),
    status=table(listof(_STATUS)),
    status_priority=WORDS,
    pronouns=record(writer=WORDS, writer_self=WORDS, reader=WORDS, third=WORDS, the_two=WORDS,
                    the_latter=WORDS),
    titles=WORDS,
    people_nouns=WORDS,
    fallback=record(org_heads=WORDS, person_starts=WORDS, connectors=WORDS,
                    lowercase_heads=WORDS, stop=WORDS),
)


@dataclass(frozen=True, slots=True)
class RelationCue:
    type: str
    order: str
    anchor: str
    target_types: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class StatusCue:
    status: str
    scope: str
    window: int
    types: frozenset[str] | None


@cache
def data() -> dict[str, Any]:
    return load(DATA, SHAPE)  # type: ignore[no-any-return]


def token_patterns(phrase: str, gap: int) -> list[dict[str, Any]]:
    """A phrase of the mini-syntax as one Matcher pattern."""
    pattern: list[dict[str, Any]] = []
    for word in phrase.split():
        if word == "*":
            pattern.append({"IS_SPACE": False, "OP": f"{{0,{gap}}}"})
            continue
        optional = word.endswith("?")
        word = word.rstrip("?")
        if word.startswith("(") != word.endswith(")"):
            raise ValueError(f"cue {phrase!r}: a choice (a|b) is one word without spaces")
        if word.startswith("("):
            token: dict[str, Any] = {"LOWER": {"IN": word.strip("()").split("|")}}
        else:
            token = {"LOWER": word}
        if optional:
            token["OP"] = "?"
        pattern.append(token)
    return pattern


@dataclass
class Cues:
    matcher: Matcher
    relations: dict[str, RelationCue]
    statuses: dict[str, StatusCue]


C = TypeVar("C", "RelationCue", "StatusCue")


def _relation_cue(kind: str, entry: dict[str, Any]) -> RelationCue:
    targets = frozenset(entry["target_types"]) if "target_types" in entry else None
    return RelationCue(kind, entry["order"], entry.get("anchor", "end"), targets)


def _status_cue(kind: str, entry: dict[str, Any]) -> StatusCue:
    types = frozenset(entry["types"]) if "types" in entry else None
    return StatusCue(kind, entry["scope"], entry.get("window", 0), types)


def _add(matcher: Matcher, raw: dict[str, Any], section: str, prefix: str,
         cue: Callable[[str, dict[str, Any]], C]) -> dict[str, C]:
    """Each phrase of a section's kinds added to the matcher under "prefix|kind|n"."""
    cues: dict[str, C] = {}
    for kind, entries in raw[section].items():
        for n, entry in enumerate(entries):
            label = f"{prefix}|{kind}|{n}"
            matcher.add(label, [token_patterns(entry["phrase"], raw["gap"])])
            cues[label] = cue(kind, entry)
    return cues


def build(nlp: Language) -> Cues:
    matcher = Matcher(nlp.vocab)
    raw = data()
    return Cues(matcher, _add(matcher, raw, "relations", "rel", _relation_cue),
                _add(matcher, raw, "status", "status", _status_cue))
