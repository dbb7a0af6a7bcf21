"""The actors of a document's sentences: recognised mentions, pronouns that stand for a party
of the letter, and (where the entity stage found nothing) capitalised names of groups and
people found by their words. Each actor carries the entity ids it stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc as TokenDoc

from sijill.model import Document, Span
from sijill.relations import cues as cue_data

ACTOR_PREFIX = "actor:"
PERSON, ORG, PLACE = "person", "organization", "place"
# A mention stands for a party (addressee, sender...) when it covers most of the party's words.
_COVER = 0.6


@dataclass(frozen=True, slots=True)
class Actor:
    start: int  # token indices in the document's tokens
    end: int
    ids: tuple[str, ...]
    type: str
    pronoun: bool = False


def actor_id(name: str) -> str:
    """The id of an actor no entity was recognised for: its words, so it names itself."""
    return ACTOR_PREFIX + name


@cache
def _titles() -> frozenset[str]:
    return frozenset(cue_data.data()["titles"])


def _title_holder(span: Span) -> bool:
    """"Qadi of the Marka District Court", "Amir of X": the party is the holder of a title."""
    words = span.text.lower().split()
    if words[:1] == ["the"]:
        words = words[1:]
    return len(words) > 2 and words[0] in _titles() and words[1] == "of"


def party_id(doc: Document, span: Span) -> str:
    """The entity a party's span names: a mention covering most of it, else its own words."""
    if _title_holder(span):
        return actor_id(span.text)
    best = None
    for m in doc.mentions:
        inside = min(m.end, span.end) - max(m.start, span.start)
        covers = inside > 0 and inside >= _COVER * (span.end - span.start)
        if covers and (best is None or m.end - m.start > best.end - best.start):
            best = m
    return best.entity if best is not None else actor_id(span.text)


def writer_id(doc: Document) -> str | None:
    return party_id(doc, doc.issuer[0]) if doc.issuer else None


def author_id(doc: Document) -> str | None:
    """Who a letter is from: its sender, else the issuer standing in for it."""
    return party_id(doc, doc.sender) if doc.sender else writer_id(doc)


@cache
def _fallback() -> dict[str, frozenset[str]]:
    raw = cue_data.data()["fallback"]
    return {key: frozenset(w.lower() for w in words) for key, words in raw.items()}


@cache
def _pronouns() -> dict[str, str]:
    raw = cue_data.data()["pronouns"]
    return {word: kind for kind, words in raw.items() for word in words}


@cache
def _people_nouns() -> frozenset[str]:
    return frozenset(cue_data.data()["people_nouns"])


def _capitalised(text: str) -> bool:
    head = text[3:] if text.lower().startswith(("al-", "el-")) else text
    return head[:1].isupper()


def _word(token: Any) -> str:
    return token.lower_.replace("’", "'")


def _chunk_end(tokens: TokenDoc, i: int, limit: int) -> int:
    """The end of a run of capitalised words (with connectors inside) from token i."""
    words = _fallback()
    end = i
    j = i
    while j < limit:
        tok = tokens[j]
        if tok.is_space or "\n" in tok.text:
            break
        # "A and the B" joins two names; "Office of Relief and Services" is one
        if _word(tok) == "and" and j + 1 < limit and _word(tokens[j + 1]) == "the":
            break
        if _capitalised(tok.text) and _word(tok) not in words["stop"]:
            end = j + 1
        elif _word(tok) in words["lowercase_heads"] and end == j:
            end = j + 1
            break
        elif _word(tok) not in words["connectors"] and tok.text not in ("-", "'"):
            break
        j += 1
    return end


def _fallback_type(tokens: TokenDoc, start: int, end: int) -> str | None:
    words = _fallback()
    lowered = [_word(t) for t in tokens[start:end]]
    if any(w in words["org_heads"] for w in lowered):
        return ORG
    if lowered[0] in words["person_starts"] and end - start >= 2:
        return PERSON
    return None


def fallback_actors(tokens: TokenDoc, taken: set[int],
                    places: frozenset[int] = frozenset()) -> list[Actor]:
    """Capitalised names of groups and people; a group may hold a place's words ("Shiha
    Orphans' Fund"): tokens in `places` give way to it."""
    found: list[Actor] = []
    hard = taken - places
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if i in hard or not _capitalised(tok.text) or _word(tok) in _fallback()["stop"]:
            i += 1
            continue
        end = _chunk_end(tokens, i, len(tokens))
        while end > i and _word(tokens[end - 1]) in _fallback()["connectors"]:
            end -= 1
        # One word ("the Committee") names no actor by itself: it refers back to one.
        kind = _fallback_type(tokens, i, end) if end - i >= 2 else None
        clash = taken.intersection(range(i, end))
        if kind and (not clash or (kind == ORG and clash <= places and not hard & clash)):
            name = tokens[i:end].text
            found.append(Actor(i, end, (actor_id(name),), kind))
        i = max(end, i + 1)
    return found


def _name_words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"[^\W_]+", text.lower())) - _fallback()["connectors"]


def _head_word(name: str) -> str | None:
    """The first organisation head word of a name ("committee" of "Water Committee of X")."""
    return next((w for w in re.findall(r"[^\W_]+", name.lower())
                 if w in _fallback()["org_heads"]), None)


def _lowercase_head(tokens: TokenDoc, a: Actor) -> bool:
    """"the Azzan committee" refers back to a committee; "Services Office" is a name."""
    return any(t.is_lower and _word(t) in _fallback()["org_heads"] for t in tokens[a.start : a.end])


def place_before_head(tokens: TokenDoc, a: Actor) -> bool:
    """"the Ubari clinic": a place describing an organisation left unnamed."""
    return a.type == PLACE and a.end < len(tokens) and tokens[a.end].is_lower \
        and _word(tokens[a.end]) in _fallback()["org_heads"]


def known_as(doc: Document, tokens: TokenDoc, actors: list[Actor]) -> list[Actor]:
    """An organisation referred to by a short form of one other in the document, with its head
    word in lower case and some of its words ("the Azzan committee" of "Water Committee of
    Azzan"), stands for it."""
    longer = [(e.id, _name_words(e.name), _head_word(e.name)) for e in doc.entities
              if e.type == ORG]
    out = []
    for a in actors:
        if a.type == ORG and not a.pronoun and len(a.ids) == 1 and _lowercase_head(tokens, a):
            words = _name_words(tokens[a.start : a.end].text)
            fits = {eid for eid, names, head in longer
                    if words < names and head in words and eid != a.ids[0]}
            if len(fits) == 1:
                a = Actor(a.start, a.end, (fits.pop(),), a.type)
        out.append(a)
    return out


def _orgs_by_head(doc: Document, found_by_words: list[Actor]) -> dict[str, set[str]]:
    """The ids of the document's organisations (recognised or found by their words), by
    the head word of their names."""
    names = [(e.id, e.name) for e in doc.entities if e.type == ORG]
    # "Chairman of the Council" names a post, not another council
    names += [(a.ids[0], a.ids[0].removeprefix(ACTOR_PREFIX)) for a in found_by_words
              if a.type == ORG and a.ids[0].startswith(ACTOR_PREFIX)
              and a.ids[0].removeprefix(ACTOR_PREFIX).split()[0].lower() not in _titles()]
    heads: dict[str, set[str]] = {}
    for eid, name in names:
        head = _head_word(name)
        if head is not None:
            heads.setdefault(head, set()).add(eid)
    return heads


def back_references(doc: Document, tokens: TokenDoc, taken: set[int],
                    found_by_words: list[Actor]) -> list[Actor]:
    """"the Council", "the Bureau's secretary": a capitalised head word alone after "the"
    refers back to the one organisation of the document with that head word, if only one."""
    heads = _orgs_by_head(doc, found_by_words)
    inside = taken | {i for a in found_by_words for i in range(a.start, a.end)}
    found = []
    for i in range(1, len(tokens)):
        fits = heads.get(_word(tokens[i]), set())
        if i in inside or len(fits) != 1 or _word(tokens[i - 1]) != "the" \
                or not _capitalised(tokens[i].text) \
                or (i + 1 < len(tokens) and _capitalised(tokens[i + 1].text)):
            continue
        found.append(Actor(i - 1, i + 1, (next(iter(fits)),), ORG))
    return found


def mention_actors(doc: Document, tokens: TokenDoc) -> list[Actor]:
    found = []
    for m in doc.mentions:
        span = tokens.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            found.append(Actor(span.start, span.end, (m.entity,), m.type))
    return found


def _in_commentary(doc: Document, char: int) -> bool:
    return any(n.kind in ("editor", "translator") and n.start <= char < n.end for n in doc.notes)


def _letter_body(doc: Document, char: int) -> bool:
    """Whether first and second person there speak for the letter's parties."""
    return doc.body is None or doc.body.start <= char < doc.body.end


def pronoun_kind(tokens: TokenDoc, i: int) -> tuple[str, int] | None:
    """The kind of pronoun at token i and its end ("the two" is two tokens)."""
    table = _pronouns()
    if i + 1 < len(tokens):
        two = f"{_word(tokens[i])} {_word(tokens[i + 1])}"
        if two in table:
            return table[two], i + 2
    kind = table.get(_word(tokens[i]))
    return (kind, i + 1) if kind else None


def drop_appositive_pronouns(actors: list[Actor], tokens: TokenDoc) -> list[Actor]:
    """"your movement, Harakat Ahrar Sarmin," names its actor: the pronoun gives way to it."""
    starts = {a.start for a in actors if not a.pronoun}
    return [a for a in actors if not (a.pronoun and _named_after_comma(a, tokens, starts))]


def _named_after_comma(a: Actor, tokens: TokenDoc, starts: set[int]) -> bool:
    after = tokens[a.end : a.end + 3]
    comma = next((k for k, t in enumerate(after) if t.text == ","), None)
    if comma is None or not all(t.is_lower for t in after[:comma]):
        return False
    at = a.end + comma + 1
    if at < len(tokens) and tokens[at].lower_ == "the":
        at += 1
    return at in starts


def sort_actors(actors: list[Actor]) -> list[Actor]:
    """In reading order, a longer actor first where two start together; overlaps dropped."""
    kept: list[Actor] = []
    for a in sorted(actors, key=lambda a: (a.start, -a.end)):
        if not kept or a.start >= kept[-1].end:
            kept.append(a)
    return kept


@dataclass
class Resolver:
    """Gives pronouns their actors, walking the document in reading order."""

    doc: Document
    tokens: TokenDoc

    def party_ids(self) -> dict[str, str | None]:
        reader = party_id(self.doc, self.doc.addressees[0]) if self.doc.addressees else None
        return {"writer": writer_id(self.doc), "writer_self": author_id(self.doc),
                "reader": reader}

    def _own_level(self, start: int, end: int) -> str | None:
        """"our office", "our committee": the letterhead level of that head word, the lowest
        first (the office that writes, not the group above it)."""
        if _word(self.tokens[start]) != "our" or end >= len(self.tokens):
            return None
        head = _word(self.tokens[end])
        if head not in _fallback()["org_heads"]:
            return None
        level = next((lv for lv in reversed(self.doc.issuer)
                      if head in _name_words(lv.text)), None)
        return party_id(self.doc, level) if level is not None else None

    def resolve(self, named: list[Actor]) -> list[Actor]:
        parties = self.party_ids()
        named_sorted = sort_actors(named)
        taken = {i for a in named_sorted for i in range(a.start, a.end)}
        out: list[Actor] = []
        pos = 0
        i = 0
        while i < len(self.tokens):
            while pos < len(named_sorted) and named_sorted[pos].start <= i:
                out.append(named_sorted[pos])
                pos += 1
            found = None if i in taken else pronoun_kind(self.tokens, i)
            if found:
                actor = self._pronoun(found[0], i, found[1], out, parties)
                if actor is not None:
                    out.append(actor)
                i = found[1]
                continue
            i += 1
        out.extend(named_sorted[pos:])
        return out

    def _pronoun(self, kind: str, start: int, end: int, before: list[Actor],
                 parties: dict[str, str | None]) -> Actor | None:
        char = self.tokens[start].idx
        if kind in parties:
            pid = parties[kind]
            if pid is None or _in_commentary(self.doc, char) or not _letter_body(self.doc, char):
                return None
            level = self._own_level(start, end) if kind == "writer" else None
            if level is not None:
                return Actor(start, end + 1, (level,), ORG, True)
            return Actor(start, end, (pid,), ORG if kind == "writer" else PERSON, True)
        orgs = [a for a in reversed(before) if a.type == ORG and len(a.ids) == 1]
        if kind == "third":
            writer = parties["writer"]
            ids = next((a.ids for a in orgs if a.ids[0] != writer), None)
            return Actor(start, end, ids, ORG, True) if ids else None
        if kind == "the_two":
            if end < len(self.tokens) and _word(self.tokens[end]) in _people_nouns():
                return None
            # an office of the writer's letterhead stands for the writer's group here
            levels = {party_id(self.doc, lv) for lv in self.doc.issuer}
            distinct = list(dict.fromkeys(parties["writer"] if a.ids[0] in levels else a.ids[0]
                                          for a in orgs))[:2]
            return Actor(start, end, tuple(reversed(distinct)), ORG, True) \
                if len(distinct) == 2 else None
        last = before[-1] if before else None  # the_latter
        return Actor(start, end, last.ids, last.type, True) if last else None
