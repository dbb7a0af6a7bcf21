"""Long texts in pieces: a stage that reads a document through spaCy (entities, relations)
sees it in pieces of at most `PIECE` characters, cut at paragraph or line breaks, and its
output (mentions, entities, relations, flags) is put back together with offsets into the
whole text. spaCy refuses texts over its `max_length` (E088), and a 1 MB archive dump must
still be searchable and named.

What a stage sees of a piece: the piece's text and the spans (parts, mentions), relations
and flags whose words lie inside it, shifted (flags without words go to the first piece);
what is put back: mentions, relation evidence and flags as the pieces left them, shifted
back, entities merged by id (the first piece's name kept, aliases joined). Everything else
the document had stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sijill.model import Document, Entity, Mention, Range, Relation, SourceText

# Well under spaCy's default max_length (1,000,000); the letters Sijill reads are far shorter.
PIECE = 100_000
# The stages that read the text through spaCy: a long document goes through them in pieces
# at once. Any other stage gets the whole document, and pieces only if it fails on it.
BY_PIECES = ("entities", "relations")

_SPAN_LISTS = ("issuer", "dates", "addressees", "cc", "notes", "mentions")
_SPAN_ONES = ("reference_number", "subject", "sender")

Stage = Callable[[SourceText, list[Document]], list[Document]]


def cuts(text: str, size: int = PIECE) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `size` long, cut after
    a blank line, else a line break, else a space, else anywhere."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = -1
        for sep in ("\n\n", "\n", " "):
            at = text.rfind(sep, start + size // 2, limit)
            if at != -1:
                end = at + len(sep)
                break
        if end <= start:
            end = limit
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _inside(span: dict[str, Any], a: int, b: int) -> bool:
    return a <= span["start"] and span["end"] <= b


def _shift(span: dict[str, Any], by: int) -> dict[str, Any]:
    return {**span, "start": span["start"] + by, "end": span["end"] + by}


def piece(doc: Document, a: int, b: int) -> Document:
    """The document cut to text[a:b], with the spans inside it shifted to the piece."""
    data = doc.to_dict()
    data["text"] = doc.text[a:b]
    for name in _SPAN_LISTS:
        data[name] = [_shift(s, -a) for s in data[name] if _inside(s, a, b)]
    for name in _SPAN_ONES:
        span = data[name]
        data[name] = _shift(span, -a) if span and _inside(span, a, b) else None
    body = data["body"]
    if body:
        lo, hi = max(body["start"], a), min(body["end"], b)
        data["body"] = {"start": lo - a, "end": hi - a} if lo < hi else None
    data["relations"] = [
        {**r, "evidence": _shift(r["evidence"], -a)} for r in data["relations"]
        if _inside(r["evidence"], a, b)]
    used = {m["entity"] for m in data["mentions"]}
    data["entities"] = [e for e in data["entities"] if e["id"] in used]
    data["flags"] = [{**f, "spans": [_shift(x, -a) for x in f["spans"]]} if f.get("spans")
                     else f for f in data["flags"] if _flag_in(f, a, b)]
    return Document.from_dict(data)


def _flag_in(flag: dict[str, Any], a: int, b: int) -> bool:
    """A flag goes to the piece its words are in; one without words to the first piece."""
    spans = flag.get("spans") or []
    return all(_inside(s, a, b) for s in spans) if spans else a == 0


def run(stage: Stage, source: SourceText, doc: Document, size: int | None = None) -> Document:
    """Run `stage` over `doc` piece by piece and put its output back together."""
    size = size or PIECE
    mentions: list[Mention] = []
    relations: list[Relation] = []
    # flags whose words cross a cut are seen by no piece: they stay as they were
    flags = [f for f in doc.flags if f.spans and not any(
        all(a <= s.start and s.end <= b for s in f.spans) for a, b in cuts(doc.text, size))]
    entities: dict[str, Entity] = {}
    for a, b in cuts(doc.text, size):
        for out in stage(source, [piece(doc, a, b)]):
            mentions += [m.shifted(a) for m in out.mentions]
            relations += [replace(r, evidence=Range(r.evidence.start + a, r.evidence.end + a))
                          for r in out.relations]
            for flag in out.flags:
                moved = replace(flag, spans=tuple(x.shifted(a) for x in flag.spans))
                if moved not in flags:
                    flags.append(moved)
            for entity in out.entities:
                _merge(entities, entity)
    doc.mentions = mentions
    doc.entities = list(entities.values())
    doc.relations = list(dict.fromkeys(relations))
    doc.flags = flags
    return doc


def _merge(entities: dict[str, Entity], entity: Entity) -> None:
    held = entities.get(entity.id)
    if held is None:
        entities[entity.id] = Entity(entity.id, entity.type, entity.name, list(entity.aliases))
        return
    for alias in [entity.name, *entity.aliases]:
        if alias != held.name and alias not in held.aliases:
            held.aliases.append(alias)
