"""Sijill's own interchange file (`sijill.export/1`): everything needed to rebuild an archive.

JSON lines, keys sorted, nothing of the export run in it (every timestamp is the archive's),
so that export -> import -> export gives the same bytes:

    {"format": "sijill.export/1", "counts": {...}, "schema_version": N}   the header
    {"kind": "source", "key", "sha256", "path", "url", ..., "text", "text_sha256", "stages"}
    {"kind": "document", "document": {contract}, "created_at", "stages": {...}, "pairs": [...]}
    {"kind": "edit", "source_key", "part", "field", "before", "after", "author", ...}
    {"kind": "table_row", "table": "entity_edits", "row": {...}}

Documents follow their source and are its machine layer (what the stages produced); the
human layer (field edits, and any other `*_edits` table) comes after, oldest first. A
document linked to its original or translation in the file names it in `pairs` (as
`sijill show --json` does: original, translation, basis, rule, block, linked_by); import
finds the machine's links again and takes the researchers' from the `pair_edits` rows, so
`pairs` is for the file's readers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import IO, Any

import jsonschema

from sijill.checks import pairing
from sijill.errors import ImportFileError, StoreError
from sijill.export import verify
from sijill.export.selection import Selection
from sijill.model import Document, sha256_hex
from sijill.store import Archive
from sijill.store import io as store_io
from sijill.store import pairs as store_pairs

FORMAT = "sijill.export/1"


def _line(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def records(selection: Selection) -> Iterator[dict[str, Any]]:
    """The records of the export, header first."""
    archive = selection.archive
    wanted = None if selection.is_whole else {doc.id for doc in selection.documents()}
    sources = list(store_io.source_records(archive))
    if wanted is not None:
        for record in sources:
            record["documents"] = [d for d in record["documents"]
                                   if d["document"]["id"] in wanted]
        sources = [r for r in sources if r["documents"]]
    keys = {r["key"] for r in sources}
    # Edits of sources no longer held stay in the trail; they travel with a whole export.
    edits = store_io.edit_records(archive, None if selection.is_whole else keys)
    tables = {t: store_io.table_rows(archive, t) for t in store_io.human_tables(archive)}
    linked = _links(archive, wanted)
    yield {"format": FORMAT, "schema_version": store_io.schema_version(archive), "counts": {
        "sources": len(sources), "documents": sum(len(r["documents"]) for r in sources),
        "edits": len(edits), **{t: len(rows) for t, rows in tables.items()}}}
    for record in sources:
        documents = record.pop("documents")
        yield {"kind": "source", **record,
               "text_sha256": sha256_hex(record["text"].encode("utf-8"))}
        for doc in documents:
            links = linked.get(doc["document"]["id"])
            yield {"kind": "document", **doc, **({"pairs": links} if links else {})}
    for edit in edits:
        yield {"kind": "edit", **edit}
    for table, rows in tables.items():
        for row in rows:
            yield {"kind": "table_row", "table": table, "row": row}


def _links(archive: Archive, wanted: set[str] | None) -> dict[str, list[dict[str, Any]]]:
    """Each document's standing links whose two documents are in the file, by its id."""
    out: dict[str, list[dict[str, Any]]] = {}
    for pair in store_pairs.effective(archive):
        ends = {pair.original_id, pair.translation_id}
        if wanted is None or ends <= wanted:
            for end in ends:
                out.setdefault(end or "", []).append(pair.to_dict())
    return out


def write(selection: Selection, stream: IO[str]) -> int:
    """Write the export; returns the documents written."""
    count = 0
    for record in records(selection):
        count += record.get("kind") == "document"
        stream.write(_line(record))
    return count


def export(selection: Selection, out: Path) -> int:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as stream:
        return write(selection, stream)


# -- import -------------------------------------------------------------------------------

@dataclass
class ImportReport:
    sources_added: int = 0
    sources_unchanged: int = 0
    documents_added: int = 0
    edits_added: int = 0
    edits_unchanged: int = 0
    rows_added: int = 0
    rows_unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


@dataclass
class _Bundle:
    source: dict[str, Any]
    documents: list[dict[str, Any]] = field(default_factory=list)
    line: int = 0



def _contract_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(files("sijill").joinpath("schema", "document.schema.json")
                        .read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def read(lines: Iterable[str]) -> tuple[list[_Bundle], list[dict[str, Any]],
                                        list[dict[str, Any]]]:
    """The sources (with documents), field edits and other human-layer rows of a file,
    checked: a bad line is an error naming its line, before anything is written."""
    validator = _contract_validator()
    bundles: list[_Bundle] = []
    edits: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ImportFileError(f"line {number}: not JSON ({exc.msg})") from None
        if not header_seen:
            if not isinstance(record, dict) or record.get("format") != FORMAT:
                raise ImportFileError(f"line {number}: not a {FORMAT} file (no header)")
            header_seen = True
            continue
        _take(record, number, bundles, edits, rows, validator)
    if not header_seen:
        raise ImportFileError(f"an empty file, not a {FORMAT} export")
    return bundles, edits, rows


def _take(record: Any, number: int, bundles: list[_Bundle], edits: list[dict[str, Any]],
          rows: list[dict[str, Any]], validator: jsonschema.protocols.Validator) -> None:
    kind = record.get("kind") if isinstance(record, dict) else None
    if kind in ("edit", "table_row"):
        record["_line"] = number  # for errors that name it; never written
    if kind == "source":
        bundles.append(_Bundle(record, line=number))
    elif kind == "document":
        if not bundles:
            raise ImportFileError(f"line {number}: a document before any source")
        _check_document(record, number, bundles[-1], validator)
        bundles[-1].documents.append(record)
    elif kind == "edit":
        edits.append(record)
    elif kind == "table_row":
        rows.append(record)
    else:
        raise ImportFileError(f"line {number}: unknown record kind {kind!r}")


def _check_document(record: dict[str, Any], number: int, bundle: _Bundle,
                    validator: jsonschema.protocols.Validator) -> None:
    data = record.get("document")
    error = next(iter(validator.iter_errors(data)), None) if isinstance(data, dict) else "missing"
    if error is not None:
        where = "/".join(map(str, getattr(error, "absolute_path", []))) or "document"
        raise ImportFileError(f"line {number}: not a sijill.document/1 ({where}: "
                           f"{getattr(error, 'message', error)})")
    doc = Document.from_dict(data)
    bad = [name for name, span in doc.spans() if not span.is_valid_in(doc.text)]
    if bad:
        raise ImportFileError(f"line {number}: document {doc.id}: spans of {bad} are not its text")
    if doc.source.sha256 != bundle.source.get("sha256"):
        raise ImportFileError(f"line {number}: document {doc.id} is not of the source before it")


def import_lines(archive: Archive, lines: Iterable[str]) -> ImportReport:
    """Import an export into `archive`, all or nothing.

    Into an empty archive this restores it exactly. Into one that already holds sources,
    a source is matched by its content hash: the same bytes are not stored twice, and their
    human edits are added unless the archive has a different edit of the same field (a
    conflict, reported and not applied). A source whose key the archive holds with other
    bytes is a conflict too: nothing of the archive is overwritten.
    """
    bundles, edits, rows = read(lines)
    _verify(archive, bundles, edits, rows)
    report = ImportReport()
    held = store_io.document_count(archive) > 0
    try:
        with archive.batch():
            keys, fresh = _classify(archive, bundles, report)
            # The human layer goes in before the documents it covers, so that what is
            # derived from it as documents are stored (search columns) is right at once.
            _merge_rows(archive, rows, report, merge=held)
            if not held:  # an empty archive: every edit is new, kept in the file's order
                fresh |= {e["source_key"] for e in edits if e["source_key"] not in keys}
            first = [e for e in edits if keys.get(e["source_key"], e["source_key"]) in fresh]
            _merge_edits(archive, first, keys, fresh, report)
            for bundle in bundles:
                if bundle.source["key"] in fresh:
                    _restore(archive, bundle, report)
            rest = [e for e in edits if keys.get(e["source_key"], e["source_key"]) not in fresh]
            _merge_edits(archive, rest, keys, fresh, report)
            if held and report.rows_added:
                store_io.refresh_facets(archive)
    except StoreError as exc:
        raise ImportFileError(f"nothing imported: {exc}") from exc
    if fresh or report.rows_added:  # the new sources' links, and every link's flags
        pairing.refresh(archive, fresh)
    return report


def _verify(archive: Archive, bundles: list[_Bundle], edits: list[dict[str, Any]],
            rows: list[dict[str, Any]]) -> None:
    """Every record checked against the contract and the texts (see verify.py) before
    anything is written: the first fault refuses the file, naming its line."""
    texts: dict[tuple[str, int], tuple[str, str]] = {}
    for bundle in bundles:
        docs = [d["document"] for d in bundle.documents]
        try:
            verify.source(bundle.source, [d["text"] for d in docs])
        except verify.Invalid as exc:
            raise ImportFileError(f"line {bundle.line}: {exc}") from None
        key = bundle.source.get("key")
        texts.update({(key, d["source"]["part"]): (d["id"], d["text"]) for d in docs})
    keys = {e.get("source_key") for e in edits} | {
        r["row"].get("source_key") for r in rows if isinstance(r.get("row"), dict)}
    for key in keys - {k for k, _ in texts}:
        if isinstance(key, str):
            for doc in archive.machine_documents(key):
                texts[(key, doc.source.part)] = (doc.id, doc.text)
    columns = {t: store_io.table_columns(archive, t) for t in store_io.human_tables(archive)}
    for record in [*edits, *rows]:
        line = record["_line"]
        try:
            if record["kind"] == "edit":
                verify.edit(record, texts)
            elif record.get("table") not in columns:
                raise verify.Invalid(f"this archive has no human-layer table "
                                     f"{record.get('table')!r}")
            else:
                verify.row(record["table"], record.get("row"), columns[record["table"]], texts)
        except verify.Invalid as exc:
            raise ImportFileError(f"line {line}: {exc}") from None


def _classify(archive: Archive, bundles: list[_Bundle],
              report: ImportReport) -> tuple[dict[str, str | None], set[str]]:
    """Map each imported source key to the key it has here (None for a conflicting source,
    whose edits are then not applied), and say which sources are new to the archive."""
    keys: dict[str, str | None] = {}
    fresh: set[str] = set()
    for bundle in bundles:
        record = bundle.source
        existing = store_io.source_key_of_sha(archive, record["sha256"])
        if existing is not None:
            keys[record["key"]] = existing
            report.sources_unchanged += 1
        elif store_io.has_source_key(archive, record["key"]) or record["key"] in keys:
            keys[record["key"]] = None
            report.conflicts.append(
                f"source {record['key']}: the archive holds other bytes under this key; "
                "kept the archive's")
        else:
            keys[record["key"]] = record["key"]
            fresh.add(record["key"])
    return keys, fresh


def _restore(archive: Archive, bundle: _Bundle, report: ImportReport) -> None:
    docs = [Document.from_dict(d["document"]) for d in bundle.documents]
    store_io.restore_source(archive, bundle.source, docs, bundle.documents)
    report.sources_added += 1
    report.documents_added += len(docs)


_EDIT_IDENTITY = ("field", "after", "author", "created_at", "note")


def _merge_edits(archive: Archive, edits: list[dict[str, Any]], keys: dict[str, str | None],
                 fresh: set[str], report: ImportReport) -> None:
    for edit in edits:
        key = keys.get(edit["source_key"], edit["source_key"])
        if key in fresh:  # a source new to this archive: its whole trail comes along
            store_io.insert_edit(archive, edit, refresh=False)
            report.edits_added += 1
            continue
        if key is None:
            report.conflicts.append(f"edit of {edit['field']} on {edit['source_key']} "
                                    f"part {edit['part']}: its source conflicts; not applied")
            continue
        ours = [e for e in store_io.field_edits_of(archive, key, edit["part"])
                if e["field"] == edit["field"]]
        if any(all(e[k] == edit[k] for k in _EDIT_IDENTITY) for e in ours):
            report.edits_unchanged += 1
        elif ours and not _continues(ours, edit):
            report.conflicts.append(
                f"edit of {edit['field']} on {key} part {edit['part']} by {edit['author']}: "
                f"the archive has another edit of this field; kept the archive's")
        else:
            store_io.insert_edit(archive, {**edit, "source_key": key})
            report.edits_added += 1


def _continues(ours: list[dict[str, Any]], edit: dict[str, Any]) -> bool:
    # An imported edit that starts from the value the archive now shows extends its trail.
    return ours[-1]["after"] == edit["before"] and ours[-1]["created_at"] <= edit["created_at"]


def _merge_rows(archive: Archive, rows: list[dict[str, Any]], report: ImportReport, *,
                merge: bool) -> None:
    for item in rows:
        if store_io.insert_table_row(archive, item["table"], item["row"], merge=merge):
            report.rows_added += 1
        else:
            report.rows_unchanged += 1


def import_file(archive: Archive, path: Path) -> ImportReport:
    try:
        with path.open(encoding="utf-8") as stream:
            return import_lines(archive, stream)
    except UnicodeDecodeError as exc:
        raise ImportFileError(f"{path} is not UTF-8 text: {exc.reason}") from None
