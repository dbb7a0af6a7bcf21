"""When a relation held: the date its own sentence gives, else its document's date; and the
same day in the other calendar, for researchers who read both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sijill.calendar import gregorian_to_hijri
from sijill.model import Document, Relation
from sijill.parse.dates import find_dates


@dataclass(frozen=True, slots=True)
class When:
    iso: str | None      # proleptic Gregorian, as precise as known
    hijri: str | None    # YYYY-MM-DD (or YYYY-MM, YYYY) in the Hijri calendar
    basis: str           # "sentence", "document" or "none"

    def to_dict(self) -> dict[str, str | None]:
        return {"iso": self.iso, "hijri": self.hijri, "basis": self.basis}


def hijri_of(iso: str | None, doc: Document | None = None) -> str | None:
    """The Hijri date of an ISO date: as the document states it, else converted (days only)."""
    if iso is None:
        return None
    if doc is not None:
        for d in doc.dates:
            if d.calendar == "hijri" and d.iso == iso and d.year:
                return "-".join(f"{v:02d}" if n else f"{v:04d}"
                                for n, v in enumerate((d.year, d.month, d.day)) if v)
    if len(iso) != 10:
        return None
    try:
        y, m, d_ = gregorian_to_hijri(date.fromisoformat(iso))
    except (ValueError, OverflowError):  # outside the tables: no Hijri shown rather than a guess
        return None
    return f"{y:04d}-{m:02d}-{d_:02d}"


def document_when(doc: Document) -> When:
    if doc.date is None:
        return When(None, None, "none")
    return When(doc.date.iso, hijri_of(doc.date.iso, doc), "document")


def relation_when(doc: Document, rel: Relation) -> When:
    """The sentence's own date when it gives one (not the document's), else the document's."""
    own = {(d.start, d.end) for d in doc.dates}
    for found in find_dates(doc.text, rel.evidence.start, rel.evidence.end):
        if found.iso and (found.start, found.end) not in own:
            return When(found.iso, hijri_of(found.iso, doc), "sentence")
    return document_when(doc)
