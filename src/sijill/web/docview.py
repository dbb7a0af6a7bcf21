"""What the reader page shows beside the text: provenance, dates in both calendars, the
issuer series' neighbours, a citation, the flags and the copies and variants of the checks,
read through `sijill.store.document_context`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from difflib import SequenceMatcher
from typing import Any

from sijill.calendar import hijri_label, hijri_to_gregorian
from sijill.model import DateValue, Document, Span
from sijill.store import Archive, document_context, flags
from sijill.store.document_context import Provenance


def _gregorian_of(d: DateValue) -> str | None:
    if d.calendar != "hijri" or not (d.year and d.month and d.day):
        return d.iso
    try:
        return hijri_to_gregorian(d.year, d.month, d.day).isoformat()
    except ValueError:
        return d.iso


def both_calendars(doc: Document) -> dict[str, Any]:
    """The document's date as Gregorian ISO and Hijri (Umm al-Qura) where exact to the day,
    with each written date and its equivalent."""
    iso = doc.date.iso if doc.date else None
    hijri = hijri_label(iso) if iso and doc.date and doc.date.precision == "day" else None
    written = [{"text": d.text, "calendar": d.calendar, "iso": _gregorian_of(d),
                "parts": "-".join(str(p) for p in (d.year, d.month, d.day) if p)}
               for d in doc.dates]
    return {"iso": iso, "precision": doc.date.precision if doc.date else None,
            "basis": doc.date.basis if doc.date else None, "hijri": hijri, "written": written}


def citation(doc: Document, prov: Provenance | None, base_url: str) -> str:
    """A plain-text reference to copy: who, what, number, date, where it was read."""
    parts = [" / ".join(s.text for s in doc.issuer) or "Unknown issuer"]
    title = doc.title or (doc.subject.text if doc.subject else None)
    if title:
        parts.append(f"“{title}”")
    if doc.reference_number:
        parts.append(f"No. {doc.reference_number.text}")
    written = "; ".join(d.text for d in doc.dates)
    if written:
        parts.append(written)
    elif doc.date:
        parts.append(doc.date.iso)
    where = (prov.url or prov.path) if prov else None
    tail = f"Sijill archive, document {doc.id}, {base_url}documents/{doc.id}"
    if where:
        tail += f"; source: {where}"
    if prov:
        tail += f" (SHA-256 {prov.sha256[:16]}…, ingested {prov.ingested_at[:10]})"
    tail += f"; accessed {Date.today().isoformat()}."
    return ", ".join(parts) + ". " + tail


@dataclass(frozen=True, slots=True)
class FlagView:
    key: str
    check: str | None
    code: str
    severity: str
    message: str
    spans: list[Span]


def flag_views(doc: Document) -> list[FlagView]:
    """The document's flags as the reader lists them, each with the key a dismissal names."""
    return [FlagView(flags.flag_key(f), flags.check_name(f.code), f.code, f.severity,
                     f.message, list(f.spans)) for f in doc.flags]


@dataclass(frozen=True, slots=True)
class Related:
    """A copy or variant of the document (sijill check), with where it came from and, for a
    variant, the passages in which the two differ."""

    kind: str
    doc_id: str | None
    where: str
    similarity: float
    differences: list[tuple[str, str]]
    held_first: bool = False  # for a copy: the other is the one the archive held first


_DIFF_LIMIT = 30


def differences(a: str, b: str) -> list[tuple[str, str]]:
    """The passages (by words) where two texts differ, side by side; the first few."""
    wa, wb = a.split(), b.split()
    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((" ".join(wa[i1:i2]), " ".join(wb[j1:j2])))
        if len(out) == _DIFF_LIMIT:
            break
    return out


def related(archive: Archive, doc: Document) -> list[Related]:
    key = doc.source.path or doc.source.url or doc.source.sha256
    out = []
    for link in document_context.links(archive.connection, key, doc.source.part):
        other = archive.document(link.doc_id, claims=False) if link.doc_id else None
        diff = differences(doc.text, other.text) if other and link.kind == "variant" else []
        out.append(Related(link.kind, link.doc_id, link.where, link.similarity, diff,
                           link.held_first))
    return out
