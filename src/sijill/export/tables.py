"""CSV: four tables (documents, entities, mentions, relations), one file each in a folder,
UTF-8 with a header row, for spreadsheets and data frames. Lists inside a cell are joined
with " | "; offsets are the text's code points, as everywhere in Sijill."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sijill.export.selection import Selection
from sijill.model import Document
from sijill.store.flags import check_name, flag_key

JOIN = " | "

DOCUMENT_COLUMNS = (
    "id", "title", "date", "date_precision", "date_basis", "hijri_date", "gregorian_date",
    "issuer", "reference_number", "subject", "sender", "addressees", "cc", "language",
    "notes", "flags", "source_path", "source_url", "source_sha256", "source_part",
    "source_title", "source_published",
)
ENTITY_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "documents")
MENTION_COLUMNS = ("document", "entity", "type", "text", "start", "end")
RELATION_COLUMNS = ("document", "type", "source", "target", "status", "evidence_start",
                    "evidence_end", "evidence")
FLAG_COLUMNS = ("document", "check", "code", "severity", "message", "spans", "key")


def _joined(items: Iterable[Any]) -> str:
    return JOIN.join(getattr(item, "text", item) for item in items)


def _written(doc: Document, calendar: str) -> str:
    return _joined(d for d in doc.dates if d.calendar == calendar)


def document_row(doc: Document, provenance: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": doc.id, "title": doc.title,
        "date": doc.date.iso if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "date_basis": doc.date.basis if doc.date else None,
        "hijri_date": _written(doc, "hijri"), "gregorian_date": _written(doc, "gregorian"),
        "issuer": " / ".join(s.text for s in doc.issuer),
        "reference_number": doc.reference_number.text if doc.reference_number else None,
        "subject": doc.subject.text if doc.subject else None,
        "sender": doc.sender.text if doc.sender else None,
        "addressees": _joined(doc.addressees), "cc": _joined(doc.cc),
        "language": doc.language, "notes": len(doc.notes),
        "flags": _joined(f.code for f in doc.flags),
        "source_path": doc.source.path, "source_url": doc.source.url,
        "source_sha256": doc.source.sha256, "source_part": doc.source.part,
        "source_title": provenance.get("title"), "source_published": provenance.get("published"),
    }


def _writer(path: Path, columns: tuple[str, ...]) -> tuple[Any, csv.DictWriter[str]]:
    stream = path.open("w", encoding="utf-8", newline="")
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    return stream, writer


def export(selection: Selection, out: Path) -> int:
    """documents.csv, entities.csv, mentions.csv, relations.csv, flags.csv in the folder
    `out`. Flags are those not dismissed; `spans` gives the words each rests on."""
    out.mkdir(parents=True, exist_ok=True)
    names = {"documents": DOCUMENT_COLUMNS, "mentions": MENTION_COLUMNS,
             "relations": RELATION_COLUMNS, "flags": FLAG_COLUMNS}
    opened = {name: _writer(out / f"{name}.csv", cols) for name, cols in names.items()}
    count = 0
    try:
        for doc in selection.documents():
            prov = selection.provenance.get(doc.source.sha256, {})
            opened["documents"][1].writerow(document_row(doc, prov))
            opened["mentions"][1].writerows(
                {"document": doc.id, "entity": m.entity, "type": m.type, "text": m.text,
                 "start": m.start, "end": m.end} for m in doc.mentions)
            opened["relations"][1].writerows(
                {"document": doc.id, "type": r.type, "source": r.source, "target": r.target,
                 "status": r.status, "evidence_start": r.evidence.start,
                 "evidence_end": r.evidence.end,
                 "evidence": doc.text[r.evidence.start:r.evidence.end]} for r in doc.relations)
            opened["flags"][1].writerows(
                {"document": doc.id, "check": check_name(f.code), "code": f.code,
                 "severity": f.severity, "message": f.message, "spans": _joined(f.spans),
                 "key": flag_key(f)} for f in doc.flags)
            count += 1
    finally:
        for stream, _ in opened.values():
            stream.close()
    _write_entities(out / "entities.csv", selection)
    return count


def _write_entities(path: Path, selection: Selection) -> None:
    stream, writer = _writer(path, ENTITY_COLUMNS)
    with stream:
        writer.writerows(
            {"id": e.id, "type": e.type, "name": e.name, "aliases": _joined(e.aliases),
             "wikidata": e.wikidata, "documents": _joined(e.documents)}
            for e in selection.entities().values())
