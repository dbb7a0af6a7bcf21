"""Reading stored documents: the machine layer as the stages left it, and the document as
the researcher sees it, every human layer laid over it in a fixed order (field edits, then
entity curation, then flags, then relation claims).

Also the document's derived search and filter columns (`facets`), which every write of the
human layer brings up to date through `refresh_facets`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sijill.model import Document, SourceText
from sijill.store import entity_layer, flags, layers, relations
from sijill.store.db import Database

__all__ = ["DOC_SQL", "PAGE", "curated", "document", "documents", "effective", "facets",
           "latest_edits", "load_document", "machine_document", "machine_documents", "province",
           "refresh_facets", "source_layout", "sources", "stages", "stats"]

PAGE = 200  # rows read at a time when walking the whole archive

# (json, text, source key, part, pk) of documents: what `load_document` and `effective` take
DOC_SQL = ("SELECT d.json, d.text, s.key, d.part, d.pk FROM documents d"
           " JOIN sources s ON s.id = d.source_id")


def load_document(data: str, text: str) -> Document:
    """A document from its stored machine JSON and its text (stored in its own column)."""
    return Document.from_dict({**json.loads(data), "text": text})


def _year(iso: str) -> int | None:
    return int(iso[:4]) if iso[:4].isdecimal() else None


def province(doc: Document) -> str | None:
    """The letterhead's territorial level: the first issuer level at which a place is named
    ("Wilayat Halab", "Hama Sector", "Tabqa Branch", a bare "Derna"), not an office or diwan.
    Migration 0014 fills it by the same rule for documents stored before."""
    places = {m.start for m in doc.mentions if m.type == "place"}
    return next((level.text for level in doc.issuer if level.start in places), None)


def facets(doc: Document) -> dict[str, Any]:
    """The searchable and filterable columns of a document, from its effective values."""
    hijri = next((d.year for d in doc.dates if d.calendar == "hijri" and d.year), None)
    names = dict.fromkeys(
        [e.name for e in doc.entities]
        + [a for e in doc.entities for a in e.aliases]
        + [m.text for m in doc.mentions]
    )
    return {
        "language": doc.language,
        "date_iso": doc.date.iso if doc.date else None,
        "date_precision": doc.date.precision if doc.date else None,
        "date_basis": doc.date.basis if doc.date else None,
        "gregorian_year": _year(doc.date.iso) if doc.date else None,
        "hijri_year": hijri,
        "issuer_top": doc.issuer[0].text if doc.issuer else None,
        "province": province(doc),
        "reference": doc.reference_number.text if doc.reference_number else None,
        "sender": doc.sender.text if doc.sender else None,
        "title": doc.title,
        "subject": doc.subject.text if doc.subject else None,
        "names": "\n".join(name for name in names if name),
    }


def refresh_facets(db: Database, pk: int, doc: Document) -> None:
    """Rewrite a stored document's flag rows and search columns from its effective view."""
    flags.refresh(db, pk, doc)
    values = facets(doc)
    db.connection.execute(
        f"UPDATE documents SET {', '.join(f'{c} = ?' for c in values)} WHERE pk = ?",
        (*values.values(), pk),
    )


def latest_edits(db: Database, key: str, part: int) -> dict[str, Any]:
    """The standing human field edits of a document: field -> the JSON of its latest edit."""
    rows = db.connection.execute(
        "SELECT field, after FROM edits WHERE source_key = ? AND part = ?"
        " AND id NOT IN (SELECT edit_id FROM undos WHERE layer = 'field') ORDER BY id",
        (key, part),
    )
    # Later rows overwrite earlier ones: the latest edit of each field wins.
    return {field: json.loads(after) for field, after in rows}


def curated(db: Database, doc: Document, key: str, part: int) -> Document:
    """`doc` with field edits, entity curation and flags laid over it (no relation claims,
    which are made over this view)."""
    doc = layers.overlay(doc, latest_edits(db, key, part))
    doc = entity_layer.overlay(db, doc, key, part)  # entity curation, over field edits
    return flags.overlay(db, doc, key, part)  # archive-wide findings, dismissals


def effective(db: Database, row: tuple[Any, ...], *, claims: bool = True) -> Document:
    """The document of a `DOC_SQL` row as the researcher sees it."""
    key, part = row[2], row[3]
    doc = curated(db, load_document(row[0], row[1]), key, part)
    return relations.overlay(db, doc, key, part) if claims else doc


def machine_document(db: Database, doc_id: str) -> Document | None:
    """The document as the stages produced it, without human edits."""
    row = db.one(f"{DOC_SQL} WHERE d.id = ?", (doc_id,))
    return load_document(row[0], row[1]) if row else None


def machine_documents(db: Database, source_key: str) -> list[Document]:
    """A source's documents as the stages produced them, in part order."""
    rows = db.connection.execute(
        f"{DOC_SQL} WHERE s.key = ? ORDER BY d.part", (source_key,),
    ).fetchall()
    return [load_document(row[0], row[1]) for row in rows]


def document(db: Database, doc_id: str, *, claims: bool = True) -> Document | None:
    """The document as the researcher sees it (`claims=False`: without relation claims)."""
    row = db.one(f"{DOC_SQL} WHERE d.id = ?", (doc_id,))
    return effective(db, row, claims=claims) if row else None


def documents(db: Database, *, claims: bool = True) -> Iterator[Document]:
    """Every document, human edits applied, in storage order."""
    last = 0
    while True:
        rows = db.connection.execute(
            f"{DOC_SQL} WHERE d.pk > ? ORDER BY d.pk LIMIT ?", (last, PAGE),
        ).fetchall()
        yield from (effective(db, row, claims=claims) for row in rows)
        if len(rows) < PAGE:
            return
        last = rows[-1][4]


def sources(db: Database) -> Iterator[SourceText]:
    """Every stored source's text, in the order first ingested."""
    last = 0
    while True:
        rows = db.connection.execute(
            "SELECT id, sha256, text, path, url, media_type, title, published, layout"
            " FROM sources WHERE id > ? ORDER BY id LIMIT ?", (last, PAGE),
        ).fetchall()
        for row in rows:
            yield SourceText(*row[1:])
        if len(rows) < PAGE:
            return
        last = rows[-1][0]


def source_layout(db: Database, key: str) -> str | None:
    """The OCR layout stored with a source (JSON, see ingest.ocr.Layout), if it has one."""
    row = db.one("SELECT layout FROM sources WHERE key = ?", (key,))
    return row[0] if row else None


def stages(db: Database, doc_id: str) -> dict[str, str]:
    """The stage versions that produced a document's machine layer."""
    rows = db.connection.execute(
        "SELECT st.stage, st.version FROM document_stages st"
        " JOIN documents d ON d.pk = st.doc_pk WHERE d.id = ? ORDER BY st.stage", (doc_id,),
    )
    return dict(rows.fetchall())


def _counts(db: Database, sql: str) -> dict[str, int]:
    return {str(key) if key is not None else "(none)": n for key, n in db.connection.execute(sql)}


def _count(db: Database, sql: str) -> int:
    row = db.one(sql)
    assert row is not None
    return int(row[0])


def stats(db: Database) -> dict[str, Any]:
    """What the archive holds, in counts (for `sijill stats` and the web app's home)."""
    documents_ = _count(db, "SELECT count(*) FROM documents")
    dated = _count(db, "SELECT count(*) FROM documents WHERE date_iso IS NOT NULL")
    return {
        "sources": _count(db, "SELECT count(*) FROM sources"),
        "documents": documents_,
        "dated": dated,
        "undated": documents_ - dated,
        "by_media_type": _counts(
            db, "SELECT s.media_type, count(*) FROM documents d JOIN sources s"
            " ON s.id = d.source_id GROUP BY 1 ORDER BY 2 DESC, 1"),
        "by_issuer": _counts(
            db, "SELECT issuer_top, count(*) FROM documents GROUP BY 1 ORDER BY 2 DESC, 1"),
        "by_hijri_year": _counts(
            db, "SELECT hijri_year, count(*) FROM documents WHERE hijri_year IS NOT NULL"
            " GROUP BY 1 ORDER BY 1"),
        "by_gregorian_year": _counts(
            db, "SELECT gregorian_year, count(*) FROM documents WHERE gregorian_year IS NOT NULL"
            " GROUP BY 1 ORDER BY 1"),
        "flags": _counts(db, "SELECT code, count(*) FROM flags GROUP BY 1 ORDER BY 2 DESC, 1"),
        "edits": _count(db, "SELECT count(*) FROM edits"),
        "db_bytes": _count(db, "PRAGMA page_count") * _count(db, "PRAGMA page_size"),
    }
