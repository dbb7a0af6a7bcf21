"""A document's text as safe HTML with its fields and mentions marked.

Every piece of ingested text goes through `markupsafe.escape`; the only markup added is our
own <span>/<a> elements with fixed class names and numeric data attributes. Editor's and
translator's notes are cut out of the text and shown apart, a numbered marker left in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from sijill.model import Document

FIELD_LABELS = {
    "issuer": "issuer",
    "reference_number": "reference number",
    "dates": "date",
    "subject": "subject",
    "sender": "sender",
    "addressees": "addressee",
    "cc": "cc",
    "notes": "bracketed insertion",
}


@dataclass(frozen=True, slots=True)
class Mark:
    """One annotated stretch of the text, listed beside it."""

    index: int
    start: int
    end: int
    kind: str  # a field name, or mention-person / mention-organization / mention-place
    label: str  # what a reader is told it is
    text: str
    entity: str | None = None  # the entity id, for mentions
    link: str | None = None  # the entity's page


@dataclass(frozen=True, slots=True)
class Rendered:
    html: Markup
    marks: list[Mark]
    notes: list[tuple[int, str, str]]  # (number, kind, text) of notes set apart
    # each note's text as HTML, with the marks (a relation's evidence) that fall inside it
    note_html: dict[int, Markup] = field(default_factory=dict)


def _marks(doc: Document, names: dict[str, str], links: dict[str, str]) -> list[Mark]:
    marks: list[Mark] = []
    for name, span in doc.spans():
        if name == "mentions":
            kind = f"mention-{span.type}"  # type: ignore[attr-defined]
            entity = span.entity  # type: ignore[attr-defined]
            label = f"{span.type}: {names.get(entity, span.text)}"  # type: ignore[attr-defined]
        elif name == "notes" and span.kind != "bracket":  # type: ignore[attr-defined]
            continue
        else:
            kind, entity, label = name, None, FIELD_LABELS[name]
        if span.end > span.start and span.is_valid_in(doc.text):
            marks.append(Mark(len(marks), span.start, span.end, kind, label, span.text, entity,
                              links.get(entity) if entity else None))
    return marks


def _set_apart(doc: Document) -> list[tuple[int, int, str, str]]:
    """Editor's and translator's notes, in text order, without overlaps."""
    out: list[tuple[int, int, str, str]] = []
    for note in sorted(doc.notes, key=lambda n: n.start):
        if note.kind == "bracket" or not note.is_valid_in(doc.text):
            continue
        if out and note.start < out[-1][1]:
            continue
        out.append((note.start, note.end, note.kind, note.text))
    return out


def render(doc: Document, *, evidence: tuple[int, int] | None = None,
           links: dict[str, str] | None = None) -> Rendered:
    """The text with marks, notes cut out. `evidence` is a range to mark as a relation's
    evidence; `links` maps entity ids to their pages."""
    names = {e.id: e.name for e in doc.entities}
    marks = _marks(doc, names, links or {})
    if evidence and 0 <= evidence[0] < evidence[1] <= len(doc.text):
        start, end = evidence
        marks.append(Mark(len(marks), start, end, "evidence", "evidence of a relation",
                          doc.text[start:end]))
    notes = _set_apart(doc)
    cuts = {start: (end, i + 1) for i, (start, end, _, _) in enumerate(notes)}
    bounds = sorted({0, len(doc.text), *(m.start for m in marks), *(m.end for m in marks),
                     *(s for s, *_ in notes), *(e for _, e, *_ in notes)})
    parts: list[str] = []
    skip_to = -1
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a in cuts:
            skip_to, number = cuts[a]
            parts.append(f'<a class="note-ref" href="#note-{number}">[note {number}]</a>')
        if a < skip_to:
            continue
        parts.append(_segment(doc.text[a:b], [m for m in marks if m.start <= a and b <= m.end],
                              a))
    return Rendered(Markup("".join(parts)), marks,
                    [(i + 1, kind, text) for i, (_, _, kind, text) in enumerate(notes)],
                    {i + 1: _note_html(doc.text, start, end, bounds, marks)
                     for i, (start, end, _, _) in enumerate(notes)})


def _note_html(text: str, start: int, end: int, bounds: list[int], marks: list[Mark]
               ) -> Markup:
    """A note set apart, with the evidence marks inside it (its fields are not its own)."""
    evidence = [m for m in marks if m.kind == "evidence"]
    cuts = sorted({start, end, *(b for b in bounds if start < b < end)})
    return Markup("".join(
        _segment(text[a:b], [m for m in evidence if m.start <= a and b <= m.end], a)
        for a, b in zip(cuts, cuts[1:], strict=False)))


def _segment(text: str, covering: list[Mark], offset: int) -> str:
    """One stretch of text; `data-o` is its offset in the document's text, so a selection
    in the page maps back to `text[start:end]`."""
    if not covering:
        return f'<span data-o="{offset}">{escape(text)}</span>'
    classes = " ".join(sorted({f"k-{m.kind}" for m in covering}))
    title = "; ".join(m.label for m in covering)
    ids = " ".join(str(m.index) for m in covering)
    return (f'<span class="mark {classes}" data-marks="{ids}" data-o="{offset}"'
            f' title="{escape(title)}" tabindex="0">{escape(text)}</span>')
