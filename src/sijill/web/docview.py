"""What the reader page shows beside the text: provenance, dates in both calendars, the
issuer series' neighbours, a citation, the flags and the copies and variants of the checks.
Read-only SQL over the store's tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date
from difflib import SequenceMatcher
from typing import Any

from sijill.calendar import hijri_label, hijri_to_gregorian
from sijill.model import DateValue, Document, Span
from sijill.store import Archive, flags


@dataclass(frozen=True, slots=True)
class Provenance:
    path: str | None
    url: str | None
    sha256: str
    media_type: str | None
    title: str | None
    published: str | None
    ingested_at: str
    updated_at: str


def provenance(archive: Archive, doc_id: str) -> Provenance | None:
    row = archive.connection.execute(
        "SELECT s.path, s.url, s.sha256, s.media_type, s.title, s.published, s.ingested_at,"
        " s.updated_at FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    return Provenance(*row) if row else None


def neighbours(archive: Archive, doc_id: str) -> tuple[str | None, str | None, str | None]:
    """(issuer, previous id, next id) in the series of documents of the same top issuer,
    ordered by date (undated last) then storage order."""
    row = archive.connection.execute(
        "SELECT pk, issuer_top, coalesce(date_iso, '~') FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None or row[1] is None:
        return None, None, None
    pk, issuer, key = row
    order = "coalesce(date_iso, '~')"
    prev = archive.connection.execute(
        f"SELECT id FROM documents WHERE issuer_top = ? AND ({order}, pk) < (?, ?)"
        f" ORDER BY {order} DESC, pk DESC LIMIT 1", (issuer, key, pk)).fetchone()
    nxt = archive.connection.execute(
        f"SELECT id FROM documents WHERE issuer_top = ? AND ({order}, pk) > (?, ?)"
        f" ORDER BY {order}, pk LIMIT 1", (issuer, key, pk)).fetchone()
    return issuer, prev[0] if prev else None, nxt[0] if nxt else None


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
    part = doc.source.part
    rows = archive.connection.execute(
        "SELECT kind, b_key, b_part, similarity, 0 FROM document_links"
        " WHERE a_key = ? AND a_part = ?"
        " UNION ALL SELECT kind, a_key, a_part, similarity, 1 FROM document_links"
        " WHERE b_key = ? AND b_part = ? ORDER BY 4 DESC", (key, part, key, part)).fetchall()
    out = []
    for kind, other_key, other_part, similarity, first in rows:
        found = archive.connection.execute(
            "SELECT d.id, coalesce(s.url, s.path) FROM documents d JOIN sources s"
            " ON s.id = d.source_id WHERE s.key = ? AND d.part = ?",
            (other_key, other_part)).fetchone()
        other = archive.document(found[0], claims=False) if found else None
        diff = differences(doc.text, other.text) if other and kind == "variant" else []
        out.append(Related(kind, found[0] if found else None,
                           found[1] if found else other_key, similarity, diff,
                           bool(first)))
    return out
