"""Typed relations between the actors of a sentence, by the cue phrases of data/cues.yaml.

Each cue found by the Matcher relates the actors around it as its `order` says; its status
comes from the status cues of the same sentence; its evidence is the sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc as TokenDoc
from spacy.util import filter_spans

from sijill.model import Document, Range, Relation
from sijill.relations import actors as act
from sijill.relations.actors import Actor
from sijill.relations.cues import SYMMETRIC, Cues, RelationCue, StatusCue
from sijill.relations.cues import build as build_cues
from sijill.relations.cues import data as cue_data
from sijill.relations.status import Placed, statuses

_LINKS = {"and", ",", "or", "the", "&", "as", "well"}
_SENTENCE_END = {".", "!", "?"}
_OPENING_JUNK = " \t\n\r”’\")]"


@cache
def nlp() -> Language:
    """The entity stage's pipeline when there is one (its tokenizer keeps "al-Sham" whole)."""
    try:
        from sijill.entities.nlp import build
    except ImportError:
        return spacy.blank("en")
    return build()


@cache
def cues() -> Cues:
    return build_cues(nlp())


def sentences(tokens: TokenDoc) -> Iterator[tuple[int, int]]:
    """Token ranges of sentences: ended by . ! ? or by a line break."""
    start = 0
    for i, tok in enumerate(tokens):
        if "\n" in tok.text or tok.text in _SENTENCE_END:
            if i + 1 > start:
                yield start, i + 1
            start = i + 1
    if start < len(tokens):
        yield start, len(tokens)


@dataclass
class Sentence:
    start: int
    end: int
    actors: list[Actor]
    relation_cues: list[Placed]
    status_cues: list[tuple[Placed, StatusCue]]
    used: set[int] = field(default_factory=set)  # actors already taken as a target
    prev: Sentence | None = None  # the line before, past blank and "[signature]" lines
    filler: bool = False

    def before(self, at: int) -> list[int]:
        return [n for n, a in enumerate(self.actors) if a.end <= at][::-1]

    def after(self, at: int) -> list[int]:
        return [n for n, a in enumerate(self.actors) if a.start >= at]


@cache
def reach() -> dict[str, int]:
    return dict(cue_data()["reach"])


@cache
def clause_words() -> frozenset[str]:
    return frozenset(cue_data()["clause_words"])


def _near_after(s: Sentence, n: int, at: int, limit: int) -> bool:
    """Whether actor n starts within `limit` tokens after token `at`."""
    return s.actors[n].start - at <= limit


def _matches(tokens: TokenDoc, found: Cues) -> tuple[list[Placed], list[Placed]]:
    spans = found.matcher(tokens, as_spans=True)
    rel = filter_spans([s for s in spans if s.label_.startswith("rel|")])
    status = filter_spans([s for s in spans if s.label_.startswith("status|")])
    return ([Placed(s.start, s.end, s.label_) for s in rel],
            [Placed(s.start, s.end, s.label_) for s in status])


def _conjuncts(s: Sentence, tokens: TokenDoc, first: int) -> list[int]:
    """The target and the actors joined to it by "and" / commas."""
    out = [first]
    for n in range(first + 1, len(s.actors)):
        gap = tokens[s.actors[out[-1]].end : s.actors[n].start]
        if len(gap) == 0 or any(t.lower_ not in _LINKS for t in gap):
            break
        out.append(n)
    return out


def _gap(s: Sentence, tokens: TokenDoc, a: int, b: int) -> list[str]:
    return [t.lower_ for t in tokens[s.actors[a].end : s.actors[b].start]]


def _head(s: Sentence, tokens: TokenDoc, n: int) -> int:
    """"Office of Supplies of Jabhat Rayat al-Fajr" acts as the office, not the front."""
    while n > 0 and _gap(s, tokens, n - 1, n) in (["of"], ["of", "the"]):
        n -= 1
    return n


def _source_before(s: Sentence, tokens: TokenDoc, at: int, kind: str | None = None) -> int | None:
    for n in s.before(at):
        if n not in s.used and (kind is None or s.actors[n].type == kind):
            return _head(s, tokens, n) if kind is None else n
    return None


def _actors_after(s: Sentence, at: int) -> list[int]:
    """Actors after a cue that may take part in it: places only hold roles."""
    return [n for n in s.after(at) if s.actors[n].type != act.PLACE]


def _joined_before(s: Sentence, tokens: TokenDoc, n: int) -> int | None:
    """The actor joined to actor n by "and" just before it ("A and B met")."""
    if n > 0 and "and" in _gap(s, tokens, n - 1, n) \
            and set(_gap(s, tokens, n - 1, n)) <= _LINKS:
        return n - 1
    return None


def _pairs_joined(s: Sentence, tokens: TokenDoc, at: int) -> list[tuple]:
    """The two actors that act together before token `at`: "A and B", or "the two"."""
    n = next((n for n in s.before(at) if n not in s.used), None)
    if n is None:
        return []
    if len(s.actors[n].ids) == 2:
        return [((n, 0), (n, 1))]
    other = _joined_before(s, tokens, n)
    return [(other, n)] if other is not None else []


def _target_after(s: Sentence, tokens: TokenDoc, cue: Placed, rc: RelationCue) -> int | None:
    """The first actor after the cue's anchor, when it is close enough to be its object."""
    anchor = cue.start + 1 if rc.anchor == "start" else cue.end
    after = _actors_after(s, anchor)
    if not after:
        return None
    if _near_after(s, after[0], anchor, reach()["target"]):
        return after[0]
    # further on only in the same phrase ("targeting of the Turkish army and X")
    gap = tokens[anchor : s.actors[after[0]].start]
    if _near_after(s, after[0], anchor, reach()["target_phrase"]) \
            and not any(t.is_punct or t.lower_ in clause_words() for t in gap):
        return after[0]
    return None


def _agent_inside(s: Sentence, tokens: TokenDoc, cue: Placed) -> int | None:
    """"the claim brought by X against Y": the actor after "by" inside the cue acts."""
    by = next((i for i in range(cue.start, cue.end) if tokens[i].lower_ == "by"), None)
    if by is None:
        return None
    return next((n for n in s.after(by + 1) if s.actors[n].end <= cue.end), None)


def _pairs_forward(s: Sentence, tokens: TokenDoc, cue: Placed, rc: RelationCue) -> list[tuple]:
    first = _target_after(s, tokens, cue, rc)
    if first is None:
        return _pairs_joined(s, tokens, cue.start) if rc.type in SYMMETRIC else []
    src = _agent_inside(s, tokens, cue)
    src = _source_before(s, tokens, cue.start) if src is None else src
    if src is None:
        return []
    targets = _conjuncts(s, tokens, first)
    s.used.update(targets)
    return [(src, t) for t in targets]


def _pairs_backward(s: Sentence, tokens: TokenDoc, cue: Placed, rc: RelationCue) -> list[tuple]:
    first = _target_after(s, tokens, cue, rc)
    tgt = _source_before(s, tokens, cue.start)
    if tgt is None or first is None:
        return []
    after = [first]
    s.used.add(after[0])
    return [(after[0], tgt)]


def _pairs_between(s: Sentence, cue: Placed, reverse: bool) -> list[tuple]:
    after = _actors_after(s, cue.end)
    if not after:
        return []
    first = s.actors[after[0]]
    if len(first.ids) == 2:
        pair: tuple = ((after[0], 0), (after[0], 1))
    elif len(after) >= 2:
        pair = ((after[0], 0), (after[1], 0))
    else:
        return []
    s.used.update(n for n, _ in pair)
    return [pair[::-1] if reverse else pair]


def _role_holder(s: Sentence, cue: Placed, target: int) -> int | None:
    """The named person just before the cue, else the one just after its target."""
    limit = reach()["role"]
    before = next((n for n in s.before(cue.start) if s.actors[n].type == act.PERSON), None)
    if before is not None and not s.actors[before].pronoun \
            and cue.start - s.actors[before].end <= limit:
        return before
    after = next((n for n in s.after(s.actors[target].end)
                  if s.actors[n].type == act.PERSON), None)
    if after is not None and _near_after(s, after, s.actors[target].end, reach()["holder_after"]):
        return after
    return None


def _pairs_role(s: Sentence, tokens: TokenDoc, cue: Placed, backward: bool,
                nxt: Sentence | None) -> list[tuple]:
    if backward:
        before = s.before(cue.start)
        after = s.after(cue.end)
        if not before or not after or s.actors[after[0]].type != act.PERSON:
            return []
        if cue.start - s.actors[before[0]].end > 1 or s.actors[after[0]].start - cue.end > 1:
            return []
        return [(after[0], before[0])]
    after = s.after(cue.end)
    if not after or s.actors[after[0]].type == act.PERSON \
            or not _near_after(s, after[0], cue.end, reach()["role_target"]):
        return []
    target = after[0]
    if act.place_before_head(tokens, s.actors[target]):
        return []
    person = _role_holder(s, cue, target)
    if person is None:
        where = _signature_holder(s, tokens, cue, nxt)
        return [((where, 0), target)] if where else []
    return [(person, target)]


def _name_line(s: Sentence | None, tokens: TokenDoc) -> bool:
    """A line holding one person's name and little else (an honorific, a comma)."""
    if s is None or len(s.actors) != 1 or s.actors[0].type != act.PERSON:
        return False
    rest = [t for t in tokens[s.start : s.end] if not (t.is_space or t.is_punct)]
    return len(rest) - (s.actors[0].end - s.actors[0].start) <= reach()["name_line_extra"]


def _signature_holder(s: Sentence, tokens: TokenDoc, cue: Placed,
                      nxt: Sentence | None) -> str | None:
    """A title opening a line of its own, with the signer's name alone on the line below
    ("The official of X / [signature] / name") or above ("Your brother, / name / Head of X"):
    "next" or "prev", when the data reads signature titles."""
    if not cue_data().get("roles_from_signature_titles") or len(s.actors) != 1:
        return None
    if any(t.lower_ not in {"the", "and"} for t in tokens[s.start : cue.start]
           if not t.is_space):
        return None
    if _name_line(nxt, tokens):
        return "next"
    return "prev" if _name_line(s.prev, tokens) else None


def _actor(s: Sentence, nxt: Sentence | None, ref: object) -> tuple[str, str] | None:
    """The id and type of an end of a pair: an actor, one of the two an actor stands for,
    or the name on the next line."""
    if isinstance(ref, tuple):
        where, k = ref
        if where in ("next", "prev"):
            line = nxt if where == "next" else s.prev
            return (line.actors[0].ids[0], line.actors[0].type) if line else None
        return s.actors[where].ids[k], s.actors[where].type
    return (s.actors[ref].ids[0], s.actors[ref].type) if ref is not None else None


def _sentence_relations(s: Sentence, nxt: Sentence | None, tokens: TokenDoc,
                        found: Cues) -> Iterator[tuple[str, str, str, str]]:
    for cue in s.relation_cues:
        rc = found.relations[cue.label]
        if rc.order == "forward":
            pairs = _pairs_forward(s, tokens, cue, rc)
        elif rc.order == "backward":
            pairs = _pairs_backward(s, tokens, cue, rc)
        elif rc.order == "joined":
            pairs = _pairs_joined(s, tokens, cue.start)
        elif rc.order in ("between", "between-reversed"):
            pairs = _pairs_between(s, cue, rc.order == "between-reversed")
        else:
            pairs = _pairs_role(s, tokens, cue, rc.order == "role-backward", nxt)
        for status in statuses(cue, rc.type, s.relation_cues, s.status_cues):
            for src, tgt in pairs:
                a, b = _actor(s, nxt, src), _actor(s, nxt, tgt)
                if a and b and a[0] != b[0] and (rc.target_types is None
                                                 or b[1] in rc.target_types):
                    yield rc.type, a[0], b[0], status


def _build_sentences(doc: Document, tokens: TokenDoc, found: Cues) -> list[Sentence]:
    named = act.mention_actors(doc, tokens)
    taken = {i for a in named for i in range(a.start, a.end)}
    places = frozenset(i for a in named if a.type == act.PLACE for i in range(a.start, a.end))
    by_words = act.fallback_actors(tokens, taken, places)
    named = act.known_as(doc, tokens, [*named, *by_words,
                                       *act.back_references(doc, tokens, taken, by_words)])
    every = act.drop_appositive_pronouns(act.Resolver(doc, tokens).resolve(named), tokens)
    rel, status = _matches(tokens, found)
    out = []
    for lo, hi in sentences(tokens):
        out.append(Sentence(
            lo, hi,
            [a for a in every if lo <= a.start and a.end <= hi],
            [c for c in rel if lo <= c.start and c.end <= hi],
            [(c, found.statuses[c.label]) for c in status if lo <= c.start and c.end <= hi],
        ))
    return out


def _evidence(tokens: TokenDoc, s: Sentence) -> Range:
    span = tokens[s.start : s.end]
    text = span.text
    # A sentence may open with the closing quote of the one before it ("groups.” In one").
    start = span.start_char + (len(text) - len(text.lstrip(_OPENING_JUNK)))
    return Range(start, start + len(text.lstrip(_OPENING_JUNK).rstrip()))


def _refuses_what_came_before(s: Sentence | None, found: Cues) -> bool:
    """A refusal that governs no relation of its own sentence ("the office regrets that it
    cannot accept it") answers the proposal of the sentence before."""
    if s is None:
        return False
    for _, status in s.status_cues:
        if status.status != "rejected":
            continue
        own = [c for c in s.relation_cues if status.types is None
               or found.relations[c.label].type in status.types]
        if not own:
            return True
    return False


def _filler(s: Sentence, tokens: TokenDoc) -> bool:
    """A line that stands between a title and its signer: blank, "[signature]", "Signed"."""
    words = [t for t in tokens[s.start : s.end] if not t.is_space]
    return not s.actors and not s.relation_cues and len(words) <= reach()["filler_line"]


def _next_line(sents: list[Sentence], n: int) -> Sentence | None:
    return next((s for s in sents[n + 1 :] if s.actors or not s.filler), None)


def _link_lines(sents: list[Sentence], tokens: TokenDoc) -> None:
    last = None
    for s in sents:
        s.filler = _filler(s, tokens)
        s.prev = last
        if not s.filler:
            last = s


def typed_relations(doc: Document) -> list[Relation]:
    """Relations the sentences of `doc` state between its actors."""
    found = cues()
    tokens = nlp().make_doc(doc.text)
    sents = _build_sentences(doc, tokens, found)
    _link_lines(sents, tokens)
    out = []
    for n, s in enumerate(sents):
        if not s.relation_cues:
            continue
        nxt = _next_line(sents, n)
        refused = _refuses_what_came_before(nxt, found)
        for type_, src, tgt, status in _sentence_relations(s, nxt, tokens, found):
            out.append(Relation(type_, src, tgt, status, _evidence(tokens, s)))  # type: ignore[arg-type]
            if refused and status == "proposed" and nxt is not None:
                both = Range(_evidence(tokens, s).start, _evidence(tokens, nxt).end)
                out.append(Relation(type_, src, tgt, "rejected", both))  # type: ignore[arg-type]
    return out
