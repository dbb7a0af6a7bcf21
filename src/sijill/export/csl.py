"""CSL-JSON: one citation per document, for Zotero and every citation manager that reads
Citation Style Language data (archive, title, date, URL, accessed date and the parties).

CSL has no link between two items; a translation whose original is exported too cites it
the way CSL cites any translated work: `original-title`, `original-date` and
`original-author` from the original, and each side names the other's id (the other
item's `id`) in its `note`, one "Original: ID" or "Translation: ID" line each."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sijill.export.selection import Selection, settings, title_of
from sijill.model import Document


def date_parts(iso: str | None) -> dict[str, Any] | None:
    """An ISO date (YYYY[-MM[-DD]], or a timestamp) as CSL date-parts."""
    if not iso or not iso[:4].isdigit():
        return None
    parts = [int(p) for p in iso[:10].split("-") if p.isdigit()]
    return {"date-parts": [parts]}


def _authors(doc: Document) -> list[dict[str, str]]:
    return [{"literal": doc.sender.text}] if doc.sender else [
        {"literal": s.text} for s in doc.issuer[-1:]]


def _original(original: Document | None) -> dict[str, Any]:
    """The CSL variables of a translation that describe its original."""
    if original is None:
        return {}
    return {"original-title": title_of(original), "original-author": _authors(original),
            "original-date": date_parts(original.date.iso if original.date else None)}


def item(doc: Document, provenance: dict[str, Any], related: Sequence[tuple[str, str]] = (),
         original: Document | None = None) -> dict[str, Any]:
    """One citation; `related` is (role, id) of its original or translations, `original`
    the original document when this is a translation."""
    conf = settings()["csl"]
    hijri = next((d.text for d in doc.dates if d.calendar == "hijri"), None)
    notes = [f"Hijri date: {hijri}" if hijri else "",
             *(f"{role.capitalize()}: {other}" for role, other in related)]
    citation: dict[str, Any] = {
        "id": doc.id,
        "type": conf["correspondence_type"] if doc.addressees else conf["other_type"],
        "title": title_of(doc),
        "author": _authors(doc),
        "recipient": [{"literal": s.text} for s in doc.addressees],
        "issued": date_parts(doc.date.iso if doc.date else None),
        "number": doc.reference_number.text if doc.reference_number else None,
        "archive": provenance.get("title") or settings()["publisher"],
        "archive_location": doc.source.path or doc.id,
        "URL": doc.source.url or provenance.get("url"),
        "accessed": date_parts(provenance.get("ingested_at")),
        "language": doc.language,
        "note": "\n".join(n for n in notes if n),
        "source": settings()["publisher"],
        **_original(original),
    }
    return {k: v for k, v in citation.items() if v not in (None, [], "")}


def export(selection: Selection, out: Path) -> int:
    """A JSON array of CSL items in the file `out`."""
    items = []
    for doc in selection.documents():
        related = selection.related(doc.id)
        original = next((selection.archive.document(i) for role, i in related
                         if role == "original"), None)
        items.append(item(doc, selection.provenance.get(doc.source.sha256, {}), related,
                          original))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(items)
