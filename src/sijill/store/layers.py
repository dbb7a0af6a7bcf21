"""The human layer over machine output: which fields a researcher may edit, how an edit's
JSON is read and checked, and how edits are laid over a (possibly newer) machine document.

An edited span keeps pointing at the same words when the text changes: if its offsets no
longer hold its text it is moved to the nearest place where that text occurs; if the text is
gone the machine value is shown and the document gets an `edit-unanchored` flag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from sijill.errors import StoreError
from sijill.model import DateValue, DocDate, Document, Entity, Flag, Mention, Note, Span

S = TypeVar("S", bound=Span)

UNANCHORED = "edit-unanchored"


@dataclass(frozen=True, slots=True)
class FieldKind:
    """How one editable field's contract JSON becomes a model value and back."""

    load: Callable[[Any], Any]
    dump: Callable[[Any], Any]
    spans: bool = False  # whether values index into the text (and need anchoring)


def _optional(cls: Any) -> FieldKind:
    return FieldKind(
        load=lambda v: None if v is None else cls.from_dict(v),
        dump=lambda v: None if v is None else v.to_dict(),
        spans=issubclass(cls, Span),
    )


def _many(cls: Any) -> FieldKind:
    def load(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        return [cls.from_dict(item) for item in value]

    return FieldKind(load=load, dump=lambda v: [x.to_dict() for x in v],
                     spans=issubclass(cls, Span))


def _string(value: Any) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError("expected a string or null")
    return value


_TEXT = FieldKind(load=_string, dump=lambda v: v)

FIELDS: Mapping[str, FieldKind] = {
    "title": _TEXT,
    "language": _TEXT,
    "issuer": _many(Span),
    "reference_number": _optional(Span),
    "dates": _many(DateValue),
    "date": _optional(DocDate),
    "subject": _optional(Span),
    "sender": _optional(Span),
    "addressees": _many(Span),
    "cc": _many(Span),
    "notes": _many(Note),
    "mentions": _many(Mention),
    "entities": _many(Entity),
}


def field_kind(name: str) -> FieldKind:
    """How the editable field `name` is read and written; refuses any other."""
    try:
        return FIELDS[name]
    except KeyError:
        raise StoreError(
            f"field {name!r} cannot be edited; editable: {', '.join(FIELDS)}"
        ) from None


def read_edit(name: str, value: Any, text: str) -> Any:
    """The model value of an edit's JSON, refusing spans that are not the text's own words."""
    kind = field_kind(name)
    try:
        parsed = kind.load(value)
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise StoreError(f"not a valid value for {name}: {exc}") from None
    if kind.spans:
        for span in _as_list(parsed):
            if not isinstance(span.start, int) or not isinstance(span.end, int) \
                    or not span.is_valid_in(text):
                raise StoreError(
                    f"{name}: {span.text!r} is not text[{span.start}:{span.end}] of the document"
                )
    return parsed


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _occurrences(text: str, needle: str) -> Iterable[int]:
    at = text.find(needle)
    while at != -1:
        yield at
        at = text.find(needle, at + 1)


def anchor(span: S, text: str) -> S | None:
    """`span` where it now is in `text`: unmoved if it still holds, else at the nearest
    occurrence of its words, else None."""
    if span.is_valid_in(text):
        return span
    best = min(_occurrences(text, span.text), key=lambda at: abs(at - span.start), default=None)
    if best is None:
        return None
    return dataclasses.replace(span, start=best, end=best + len(span.text))


def _anchored(value: Any, text: str) -> tuple[Any, bool]:
    """The value with its spans re-anchored, and whether every one of them was found."""
    if value is None:
        return None, True
    if isinstance(value, list):
        moved = [anchor(span, text) for span in value]
        return moved, all(span is not None for span in moved)
    moved_one = anchor(value, text)
    return moved_one, moved_one is not None


def overlay(machine: Document, edits: Mapping[str, Any]) -> Document:
    """The document a researcher sees: `machine` with the latest edit of each field applied.

    `edits` maps a field to its edit's JSON. `machine` is not changed.
    """
    doc = dataclasses.replace(machine, flags=list(machine.flags))
    for name, value in edits.items():
        kind = FIELDS.get(name)
        if kind is None:  # a field a later version may have dropped: keep it in the trail only
            continue
        parsed = kind.load(value)
        if kind.spans:
            parsed, found = _anchored(parsed, doc.text)
            if not found:
                doc.flags.append(Flag(UNANCHORED, "warning", _unanchored_message(name, value)))
                continue
        setattr(doc, name, parsed)
    if "mentions" in edits and "entities" not in edits:
        doc.entities = _still_named(doc)
    if "date" in edits and doc.date is not None:
        doc.flags.extend(_date_disagreements(doc))
    return doc


def _still_named(doc: Document) -> list[Any]:
    """The entities a document still names once a researcher has edited its mentions: one
    whose every mention was taken out is no longer in it (unless a relation names it), so
    its listing, its page and a recount over documents agree on where it appears."""
    named = {m.entity for m in doc.mentions}
    named |= {end for r in doc.relations for end in (r.source, r.target)}
    return [e for e in doc.entities if e.id in named]


DATE_EDIT_DISAGREES = "date-edit-disagrees"


def _date_disagreements(doc: Document) -> list[Flag]:
    """A corrected date that a written date of the document contradicts (to the precision
    both have): flagged, so the reader and the TEI do not show two dates in silence."""
    assert doc.date is not None
    out = []
    for written in doc.dates:
        if not written.iso:
            continue
        n = min(len(written.iso), len(doc.date.iso))
        if written.iso[:n] != doc.date.iso[:n]:
            out.append(Flag(DATE_EDIT_DISAGREES, "warning",
                            f"the corrected date {doc.date.iso} disagrees with the written"
                            f" {written.calendar} date “{written.text}” (= {written.iso}):"
                            " correct that date too, or check the conversion"))
    return out


def _unanchored_message(name: str, value: Any) -> str:
    words = "; ".join(span["text"] for span in _as_list(value))
    return (f"the human edit of {name} ({words!r}) is no longer in the text; "
            "the machine value is shown and the edit is kept in the audit trail")
