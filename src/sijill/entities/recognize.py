"""Recognise the people, organisations and places of a document and group them into entities.

`recognize(document)` runs the cached spaCy pipeline (nlp.py) over the document's text, types
the name chains it finds (chains.py, classify.py), settles untyped chains from context (a cue
word before them, the parser's sender and addressee spans, a stated alias; places.py), and
groups the mentions into one entity per distinct entity (grouping.py). Every mention is a
span of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from hashlib import blake2b

from spacy.tokens import Doc

from sijill.entities import chains, classify, grouping, places
from sijill.entities.aliases import add_pair, alias_pairs
from sijill.entities.chains import Candidate, listed_form
from sijill.entities.ids import script_id
from sijill.entities.nlp import aliases, build, statistical_model
from sijill.entities.scope import furniture
from sijill.model import Document, Entity, Mention, Span
from sijill.names.script import arabic_unit, has_arabic
from sijill.names.words import lexicon

VERSION = "entities-9"
_STAT_LABELS = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place"}


@dataclass
class RecognitionResult:
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Title or role of a person mention ("deputy wali"), by index into `mentions`.
    roles: dict[int, Span] = field(default_factory=dict)
    # The authority entry id each entity was resolved to, by entity id.
    authority: dict[str, str] = field(default_factory=dict)


def _inside(cand: Candidate, doc: Doc, spans: list[Span]) -> bool:
    span = cand.span(doc)
    return any(s.start <= span.start_char and span.end_char <= s.end for s in spans)


def _settle(doc: Doc, cands: list[Candidate], parties: list[Span]) -> None:
    lex = lexicon()
    for cand in cands:
        if cand.type is not None:
            continue
        span = cand.span(doc)
        single = len(span) == 1
        if span.text.isupper() and single:
            continue  # acronyms are settled by grouping
        party = (not single and _inside(cand, doc, parties)
                 and listed_form(span[-1].text) not in lex.titles)
        if chains.cued(doc, cand.start) or cand.role is not None or party \
                or (not single and _credited(doc, cand.start)) or _appositive(doc, cand.end) \
                or (single and _surname_possessor(doc, cand.start)):
            cand.type = "person"
    _coordinated(doc, cands)
    places.settle_places(doc, cands)
    _consistent(doc, cands)


def _credited(doc: Doc, start: int) -> bool:
    """A credit line inside the text: "an article by Farida X", "Translated from Arabic by
    Claire Y" (a lower-case "by" right before the name; a capitalised "By" opening a line is
    a web byline, which the parser leaves out)."""
    return start > 0 and doc[start - 1].text == "by"


# A possessive "'s", also when extraction lost its apostrophe to U+FFFD ("Azzawi�s").
_POSSESSIVE = {("'s",), ("’s",), ("\ufffd", "s"), ("'", "s"), ("’", "s")}


def _surname_possessor(doc: Doc, k: int) -> bool:
    """A family name alone, as news writes it, owning something: "Hamdani's contractors"
    (a nisba-shaped surname, -i, before a possessive)."""
    word = chains.fold(doc[k].text)
    if not (len(word) >= 5 and word.endswith("i") and word.isalpha()
            and word not in lexicon().not_nisba):
        return False
    return any(tuple(t.text for t in doc[k + 1 : k + 1 + len(p)]) == p for p in _POSSESSIVE)


def _appositive(doc: Doc, end: int) -> bool:
    """A title set beside the name: "X, the head of the irrigation committee", "X; deputy
    director of ...", "X – a supervisor" (a title word after a comma, semicolon or dash)."""
    if end + 1 >= len(doc) or doc[end].text not in (",", ";", "–", "—"):
        return False
    k = end + 1
    if doc[k].lower_ in ("the", "a", "an", "its", "their", "our"):
        k += 1
    lex = lexicon()
    if k < len(doc) and doc[k].lower_ in lex.title_modifiers:
        k += 1
    return k < len(doc) and doc[k].text.islower() \
        and listed_form(doc[k].text) in lex.titles - {"brother", "sister"}


def _consistent(doc: Doc, cands: list[Candidate]) -> None:
    """A name keeps one type in a document: an untyped mention of a name typed elsewhere
    ("the schools of al-Zanjili", then "Salim Fathi ( al-Zanjili )") takes that type."""
    typed: dict[str, set[str]] = {}
    for cand in cands:
        if cand.type is not None and not cand.nested:
            typed.setdefault(chains.fold(cand.span(doc).text), set()).add(cand.type)
    for cand in cands:
        if cand.type is None:
            kinds = typed.get(chains.fold(cand.span(doc).text), set())
            if len(kinds) == 1:
                cand.type = next(iter(kinds))


_LEVEL_LINKS = {"in", "fi", "of"}
_LEVEL_JOINERS = {"of", "the", "and", "wa", "fi", "in", "'", "’"}


def _whole_level(doc: Doc, cands: list[Candidate], level: Span) -> None:
    """A letterhead level that names a unit and its place or body ("Islamic Court in Hit",
    "Committee of Traders of the Sabha Central Market") is one organisation's name."""
    span = doc.char_span(level.start, level.end, alignment_mode="expand")
    if span is None:
        return
    org = next((c for c in cands if c.start == span.start and c.type == "organization"
                and not c.nested and c.end < span.end), None)
    if org is None or doc[org.end].lower_ not in _LEVEL_LINKS:
        return
    rest = doc[org.end : span.end]
    if not all(t.lower_ in _LEVEL_JOINERS or t.text[:1].isupper() or chains.ARTNAME.match(t.text)
               for t in rest):
        return
    inside = [c for c in cands if c is not org and org.end <= c.start and c.end <= span.end]
    if any(c.type == "person" for c in inside):
        return
    org.end = span.end
    for cand in inside:
        cand.nested = cand.type == "place"
        if not cand.nested:
            cand.type = None


def _translated_level(doc: Doc, cands: list[Candidate], level: Span,
                      pairs: list[tuple[Candidate, Candidate]]) -> None:
    """A letterhead level in the group's own language with its translation in brackets on
    the next line ("Ururka ... / [... Association]") is that organisation by its own name."""
    span = doc.char_span(level.start, level.end)
    if span is None:
        return
    inside = [c for c in cands if c.start < span.end and span.start < c.end]
    native = inside[0] if len(inside) == 1 else None
    if native is None or native.type is not None or (native.start, native.end) != (
            span.start, span.end):
        return  # only a level nothing else has typed
    k = span.end
    while k < len(doc) and doc[k].is_space:
        k += 1
    if k + 2 >= len(doc) or "\n" not in doc[span.end:k].text or doc[k].text != "[":
        return
    gloss = next((c for c in cands if c.start == k + 1 and c.type == "organization"
                  and not c.nested and c.end < len(doc) and doc[c.end].text == "]"), None)
    if gloss is not None:
        add_pair(native, gloss, pairs)


def _coordinated(doc: Doc, cands: list[Candidate]) -> None:
    """A single name joined by "and" to a person's single name ("his sons Salah and Nasser")."""
    for prev, cand in zip(cands, cands[1:], strict=False):
        if (cand.type is None and prev.type == "person" and cand.end - cand.start == 1
                and prev.end - prev.start == 1 and cand.start - prev.end == 1
                and doc[prev.end].lower_ == "and"):
            cand.type = "person"


def _roles(doc: Doc, cands: list[Candidate]) -> None:
    """A title before a person (within its line) or right after it, else on the line above a
    signature line."""
    lex = lexicon()
    for cand in cands:
        if cand.type != "person" or cand.role is not None:
            continue
        cand.role = _title_before(doc, cand.start, lex) or _title_after(doc, cand.end, lex)


def _title_span(doc: Doc, k: int, lex) -> tuple[int, int]:
    s = k
    if s > 0 and doc[s - 1].lower_ in lex.title_modifiers:
        s -= 1
    return (s, k + 1)


def _title_before(doc: Doc, start: int, lex) -> tuple[int, int] | None:
    k, seen = start - 1, 0
    while k >= 0 and seen < 8:
        tok = doc[k]
        if "\n" in tok.text or tok.text in (".", ";", ")"):
            break
        word = listed_form(tok.text)
        if word in lex.titles and word not in ("brother", "sister", "mr", "mrs", "dr"):
            return _title_span(doc, k, lex)
        k, seen = k - 1, seen + 1
    if k >= 0 and "\n" in doc[k].text and start - k == 1:
        return _line_title(doc, k - 1, lex)
    return None


def _line_title(doc: Doc, k: int, lex) -> tuple[int, int] | None:
    """The first title word of the line that ends at token k (a signature block)."""
    end = k
    while k >= 0 and "\n" not in doc[k].text:
        k -= 1
    for j in range(k + 1, end + 1):
        word = listed_form(doc[j].text)
        if word in lex.titles and word not in lex.title_modifiers | {"brother"}:
            return _title_span(doc, j, lex)
    return None


def _title_after(doc: Doc, end: int, lex) -> tuple[int, int] | None:
    k = end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    for j in range(k, min(k + 2, len(doc))):
        word = listed_form(doc[j].text)
        if word in lex.titles and word not in ("brother", "sister"):
            return _title_span(doc, j, lex)
    return None


def _statistical(text: str, cands: list[Candidate], doc: Doc, model: str | None) -> None:
    nlp = statistical_model(model)
    if nlp is None:
        return
    taken = [(c.span(doc).start_char, c.span(doc).end_char) for c in cands if c.type]
    for ent in nlp(text).ents:
        kind = _STAT_LABELS.get(ent.label_)
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        if kind and span and not any(a < ent.end_char and ent.start_char < b for a, b in taken):
            cands.append(Candidate(span.start, span.end, kind))


def _parties(document: Document | None) -> list[Span]:
    if document is None:
        return []
    return [*(x for x in [document.sender] if x), *document.addressees]


def recognize_text(text: str, document: Document | None = None,
                   model: str | None = None) -> RecognitionResult:
    doc = build()(text)
    cands = _outside(doc, classify.candidates(doc), furniture(text))
    _settle(doc, cands, _parties(document))
    levels = [s for s in document.issuer] if document else []
    for level in levels:
        _whole_level(doc, cands, level)
    pairs = alias_pairs(doc, cands, aliases())
    for level in levels:
        _translated_level(doc, cands, level, pairs)
    _roles(doc, cands)
    _statistical(text, cands, doc, model)
    issuers = [(s.start, s.end) for s in document.issuer] if document else []
    return grouping.group(doc, cands, pairs, issuers, _scope(text, document))


def _outside(doc: Doc, cands: list[Candidate], ranges: list[tuple[int, int]]) -> list[Candidate]:
    """The candidates outside the web furniture (gold.md: not the document's names)."""
    if not ranges:
        return cands
    def within(cand: Candidate) -> bool:
        span = cand.span(doc)
        return any(a <= span.start_char and span.end_char <= b for a, b in ranges)
    return [c for c in cands if not within(c)]


def _scope(text: str, document: Document | None) -> str:
    """What a generic office is scoped by when no issuing group is named: its document."""
    if document is not None:
        return f"doc:{document.id}"
    return f"text:{blake2b(text.encode(), digest_size=8).hexdigest()}"


def recognize(document: Document, model: str | None = None) -> RecognitionResult:
    result = recognize_text(document.text, document, model)
    _arabic_parties(document, result)
    return result


# names.script.arabic_unit's kinds -> the entity type they name
_UNIT_TYPES = {"person": "person", "group": "organization", "office": "organization",
               "territory": "place"}


def _arabic_parties(document: Document, result: RecognitionResult) -> None:
    """The parser's issuer levels, sender, addressees and cc, when written in Arabic script,
    are names the English models cannot read: each its own mention and entity, typed by its
    first word (names.script.arabic_unit; a sender is a person unless that word says
    otherwise, a post such as "مسؤول المستودع" is none). An office ("ديوان الزكاة") is one
    per group, as a generic English office is: its id is scoped by the letterhead's first
    group, else by the document. The store joins a person or a group to its one Latin
    transliteration (store/cross_script.py)."""
    levels = [(s, _UNIT_TYPES.get(arabic_unit(s.text) or "")) for s in document.issuer]
    parties = [(s, _UNIT_TYPES.get(arabic_unit(s.text) or ""))
               for s in [*document.addressees, *document.cc]]
    if document.sender is not None:
        unit = arabic_unit(document.sender.text)
        parties.append((document.sender, "person" if unit in (None, "person", "post")
                        else _UNIT_TYPES.get(unit)))
    group = next((s.text for s in document.issuer if arabic_unit(s.text) == "group"), None)
    scope = script_id("organization", group) if group else f"doc:{document.id}"
    for span, type_ in [*levels, *parties]:
        if type_ is None or not has_arabic(span.text) or any(
                m.start < span.end and span.start < m.end for m in result.mentions):
            continue
        office = arabic_unit(span.text) == "office"
        eid = script_id(type_, span.text, scope=scope if office else "")
        result.mentions.append(Mention(span.text, span.start, span.end, type=type_, entity=eid))
        if all(e.id != eid for e in result.entities):
            result.entities.append(Entity(eid, type_, span.text))
    result.mentions.sort(key=lambda m: m.start)


def entities_stage(_source: object, docs: list[Document]) -> list[Document]:
    """The pipeline stage: fill `mentions` and `entities` of every document."""
    for document in docs:
        result = recognize(document)
        document.mentions = result.mentions
        document.entities = result.entities
    return docs
