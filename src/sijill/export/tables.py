"""CSV: five tables (documents, entities, mentions, relations, flags), one file each in a folder,
UTF-8 with a header row, for spreadsheets and data frames. Lists inside a cell are joined
with " | "; offsets are the text's code points, as everywhere in Sijill. `bom=True` starts
each file with a byte-order mark, which spreadsheet programs need to read UTF-8 (Arabic
names) rather than a legacy code page. `tables()` gives the same rows to the XLSX export.
A document's `original` and `translation` columns name the documents of the export it is
the translation of, or the original of (store.pairs)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sijill.export.selection import Selection
from sijill.model import Document
from sijill.relations.dating import relation_when
from sijill.relations.names import display_name, names_by_id
from sijill.store.flags import check_name, flag_key

JOIN = " | "

DOCUMENT_COLUMNS = (
    "id", "title", "date", "date_precision", "date_basis", "hijri_date", "gregorian_date",
    "issuer", "reference_number", "subject", "sender", "addressees", "cc", "language",
    "original", "translation", "notes", "flags", "source_path", "source_url", "source_sha256",
    "source_part", "source_title", "source_published",
)
ENTITY_COLUMNS = ("id", "type", "name", "aliases", "wikidata", "documents")
MENTION_COLUMNS = ("document", "entity", "type", "text", "start", "end")
RELATION_COLUMNS = ("document", "document_title", "type", "source", "source_name", "target",
                    "target_name", "status", "date", "hijri_date", "date_basis",
                    "evidence_start", "evidence_end", "evidence")
FLAG_COLUMNS = ("document", "check", "code", "severity", "message", "spans", "key")


def _joined(items: Iterable[Any]) -> str:
    return JOIN.join(getattr(item, "text", item) for item in items)


def _written(doc: Document, calendar: str) -> str:
    return _joined(d for d in doc.dates if d.calendar == calendar)


def document_row(doc: Document, provenance: dict[str, Any],
                 related: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """`related`: (role, id) of the document's original or translations (Selection.related)."""
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
        "language": doc.language,
        "original": _joined(i for role, i in related if role == "original"),
        "translation": _joined(i for role, i in related if role == "translation"),
        "notes": len(doc.notes),
        "flags": _joined(f.code for f in doc.flags),
        "source_path": doc.source.path, "source_url": doc.source.url,
        "source_sha256": doc.source.sha256, "source_part": doc.source.part,
        "source_title": provenance.get("title"), "source_published": provenance.get("published"),
    }


def relation_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """The document's relations with their ends' names and their date (the sentence's own
    date when it gives one, else the document's), in both calendars."""
    table = names_by_id(doc)
    for r in doc.relations:
        when = relation_when(doc, r)
        yield {"document": doc.id, "document_title": doc.title, "type": r.type,
               "source": r.source, "source_name": display_name(r.source, table),
               "target": r.target, "target_name": display_name(r.target, table),
               "status": r.status, "date": when.iso, "hijri_date": when.hijri,
               "date_basis": when.basis, "evidence_start": r.evidence.start,
               "evidence_end": r.evidence.end,
               "evidence": doc.text[r.evidence.start:r.evidence.end]}


TABLES = {"documents": DOCUMENT_COLUMNS, "entities": ENTITY_COLUMNS,
          "mentions": MENTION_COLUMNS, "relations": RELATION_COLUMNS, "flags": FLAG_COLUMNS}


def tables(selection: Selection, counter: list[int] | None = None
           ) -> Iterator[tuple[str, dict[str, Any]]]:
    """(table name, row) for every row of the five tables, documents' rows first and the
    entities last; `counter[0]` counts the documents."""
    for doc in selection.documents():
        prov = selection.provenance.get(doc.source.sha256, {})
        yield "documents", document_row(doc, prov, selection.related(doc.id))
        for m in doc.mentions:
            yield "mentions", {"document": doc.id, "entity": m.entity, "type": m.type,
                               "text": m.text, "start": m.start, "end": m.end}
        for row in relation_rows(doc):
            yield "relations", row
        for f in doc.flags:
            yield "flags", {"document": doc.id, "check": check_name(f.code), "code": f.code,
                            "severity": f.severity, "message": f.message,
                            "spans": _joined(f.spans), "key": flag_key(f)}
        if counter is not None:
            counter[0] += 1
    for e in selection.entities().values():
        yield "entities", {"id": e.id, "type": e.type, "name": e.name,
                           "aliases": _joined(e.aliases), "wikidata": e.wikidata,
                           "documents": _joined(e.documents)}


def _writer(path: Path, columns: tuple[str, ...], bom: bool
            ) -> tuple[Any, csv.DictWriter[str]]:
    stream = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    return stream, writer


def export(selection: Selection, out: Path, *, bom: bool = False) -> int:
    """documents.csv, entities.csv, mentions.csv, relations.csv, flags.csv in the folder
    `out`. Flags are those not dismissed; `spans` gives the words each rests on."""
    out.mkdir(parents=True, exist_ok=True)
    opened = {name: _writer(out / f"{name}.csv", cols, bom) for name, cols in TABLES.items()}
    count = [0]
    try:
        for name, row in tables(selection, count):
            opened[name][1].writerow(row)
    finally:
        for stream, _ in opened.values():
            stream.close()
    return count[0]
