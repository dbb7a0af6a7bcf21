"""CSL-JSON: one citation per document, for Zotero and every citation manager that reads
Citation Style Language data (archive, title, date, URL, accessed date and the parties)."""

from __future__ import annotations

import json
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


def item(doc: Document, provenance: dict[str, Any]) -> dict[str, Any]:
    conf = settings()["csl"]
    hijri = next((d.text for d in doc.dates if d.calendar == "hijri"), None)
    authors = [doc.sender.text] if doc.sender else [s.text for s in doc.issuer[-1:]]
    citation: dict[str, Any] = {
        "id": doc.id,
        "type": conf["correspondence_type"] if doc.addressees else conf["other_type"],
        "title": title_of(doc),
        "author": [{"literal": name} for name in authors],
        "recipient": [{"literal": s.text} for s in doc.addressees],
        "issued": date_parts(doc.date.iso if doc.date else None),
        "number": doc.reference_number.text if doc.reference_number else None,
        "archive": provenance.get("title") or settings()["publisher"],
        "archive_location": doc.source.path or doc.id,
        "URL": doc.source.url or provenance.get("url"),
        "accessed": date_parts(provenance.get("ingested_at")),
        "language": doc.language,
        "note": f"Hijri date: {hijri}" if hijri else None,
        "source": settings()["publisher"],
    }
    return {k: v for k, v in citation.items() if v not in (None, [], "")}


def export(selection: Selection, out: Path) -> int:
    """A JSON array of CSL items in the file `out`."""
    items = [item(doc, selection.provenance.get(doc.source.sha256, {}))
             for doc in selection.documents()]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(items)
