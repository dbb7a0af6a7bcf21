"""The TEI body: the document's text whole, with the names, dates and notes marked where
they stand.

The concatenated text of `<body>` is the document's text (characters XML cannot carry become
U+FFFD, one for one), so every mark sits at the offsets of its span. Marks that cross each
other cannot nest in XML: the outer one is kept and the other is left to the JSON export.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from lxml import etree

from sijill.export.selection import Selection, settings
from sijill.export.teixml import TEI_PREFIX, date_attrs, el, entity_ref, xml_text
from sijill.model import Document, Span

S = TypeVar("S", bound=Span)

# Only XML's own white space between paragraphs: anything else there would be stray text.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n[ \t\r\n]*")


@dataclass
class Mark:
    """An element to wrap around text[start:end], with the marks nested inside it."""

    start: int
    end: int
    rank: int  # outer kinds first when two marks share their extent
    tag: str
    attrs: dict[str, str | None]
    children: list[Mark] = field(default_factory=list)


def _marks(doc: Document, selection: Selection) -> list[Mark]:
    conf = settings()["tei"]
    known = {e.id for e in doc.entities}
    marks = [Mark(n.start, n.end, 0, "note", {"type": conf["notes"][n.kind]["type"],
                                             "resp": f"#sijill-{conf['notes'][n.kind]['resp']}"})
             for n in _valid(doc, doc.notes)]
    marks += [Mark(d.start, d.end, 1, "date", date_attrs(d)) for d in _valid(doc, doc.dates)]
    marks += [Mark(m.start, m.end, 2, conf["names"][m.type]["element"],
                   {"ref": entity_ref(selection, m.entity) if m.entity in known else None})
              for m in _valid(doc, doc.mentions)]
    return nest([m for m in marks if m.start < m.end])


def _valid(doc: Document, spans: list[S]) -> list[S]:
    # A mark is put only where its words are: a span that is not the text's is left out.
    return [s for s in spans if s.is_valid_in(doc.text)]


def nest(marks: list[Mark]) -> list[Mark]:
    """The marks as a forest; a mark that crosses an earlier one's edge is dropped."""
    roots: list[Mark] = []
    stack: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end, m.rank)):
        while stack and stack[-1].end <= mark.start:
            stack.pop()
        if stack and mark.end > stack[-1].end:
            continue
        (stack[-1].children if stack else roots).append(mark)
        stack.append(mark)
    return roots


def _paragraphs(text: str, roots: list[Mark]) -> Iterator[tuple[int, int, int]]:
    """(start, end, separator end) of each paragraph; a break inside a mark is not one."""
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if any(m.start < match.end() and match.start() < m.end for m in roots):
            continue
        yield start, match.start(), match.end()
        start = match.end()
    yield start, len(text), len(text)


def _fill(node: etree._Element, text: str, start: int, end: int, marks: list[Mark]) -> None:
    """Write text[start:end] into node, wrapping each mark (recursively) in its element."""
    last: etree._Element | None = None
    at = start

    def put(words: str) -> None:
        if not words:
            return
        if last is None:
            node.text = (node.text or "") + xml_text(words)
        else:
            last.tail = (last.tail or "") + xml_text(words)

    for mark in marks:
        if mark.start < start or mark.end > end:
            continue
        put(text[at:mark.start])
        last = el(node, mark.tag, **mark.attrs)
        _fill(last, text, mark.start, mark.end, mark.children)
        at = mark.end
    put(text[at:end])


def body(root: etree._Element, doc: Document, selection: Selection) -> None:
    text_el = el(root, "text")
    div = el(el(text_el, "body"), "div", type="document")
    roots = _marks(doc, selection)
    last: etree._Element | None = None
    for start, end, sep_end in _paragraphs(doc.text, roots):
        if start == end:  # only white space before the first paragraph
            if last is None:
                div.text = (div.text or "") + xml_text(doc.text[start:sep_end]) or None
            continue
        last = el(div, "p")
        _fill(last, doc.text, start, end, [m for m in roots if start <= m.start < end])
        last.tail = xml_text(doc.text[end:sep_end]) or None
    if last is None:
        el(div, "p")


def body_text(root: etree._Element) -> str:
    """The text a TEI file's body holds (its tags removed): the document's text."""
    body = root.find(f"{TEI_PREFIX}text/{TEI_PREFIX}body/{TEI_PREFIX}div")
    return "".join(body.itertext()) if body is not None else ""
