"""Sijill's own JSON export and `sijill import`: a lossless round trip (export -> import ->
export gives the same bytes, human layer included), merging by content hash with conflicts
reported, and bad files refused with nothing written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from sijill import export as exporting
from sijill.cli import app
from sijill.errors import ImportFileError
from sijill.export import jsonio
from sijill.export.selection import Selection
from sijill.store import Archive
from sijill.store import io as store_io
from sijill.store.search import search
from tests.conftest import span_of
from tests.export.conftest import LETTER, build_archive, letter_document, letter_source


@pytest.fixture(scope="session")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with build_archive(tmp_path_factory.mktemp("json") / "a.db") as built:
        yield built


@pytest.fixture(scope="session")
def exported(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("json-out") / "archive.jsonl"
    exporting.export(archive, "json", out)
    return out


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_holds_sources_documents_and_the_human_layer(
        archive: Archive, exported: Path, validator: jsonschema.protocols.Validator) -> None:
    records = _records(exported)
    header, rest = records[0], records[1:]
    assert header["format"] == "sijill.export/1"
    kinds = [r["kind"] for r in rest]
    assert kinds.count("document") == header["counts"]["documents"] == \
        len(list(archive.documents()))
    assert kinds.count("source") == header["counts"]["sources"]
    for record in rest:
        if record["kind"] == "document":
            validator.validate(record["document"])
    edits = [r for r in rest if r["kind"] == "edit"]
    assert [(e["field"], e["author"]) for e in edits] == [("subject", "r.haddad")]
    assert edits[0]["after"] == span_of(LETTER, "seed wheat").to_dict()
    letter = next(r for r in rest if r["kind"] == "document"
                  and r["document"]["id"] == letter_document(letter_source()).id)
    # the machine layer: the edit is beside it, not in it
    assert letter["document"]["subject"]["text"] == "delivery of seed wheat"
    if "entity_edits" in store_io.human_tables(archive):
        rows = [r for r in rest if r["kind"] == "table_row"]
        assert [r["row"]["kind"] for r in rows] == ["rename"]


def test_export_import_export_gives_the_same_bytes(exported: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "copy.db") as copy:
        report = exporting.import_file(copy, exported)
        assert report.conflicts == [] and report.sources_added > 40
        again = tmp_path / "again.jsonl"
        exporting.export(copy, "json", again)
    assert again.read_bytes() == exported.read_bytes()


def test_import_restores_what_researchers_see(archive: Archive, exported: Path,
                                             tmp_path: Path) -> None:
    with Archive(tmp_path / "copy.db") as copy:
        exporting.import_file(copy, exported)
        assert copy.stats() | {"db_bytes": 0} == archive.stats() | {"db_bytes": 0}
        doc_id = letter_document(letter_source()).id
        assert copy.document(doc_id) == archive.document(doc_id)
        assert copy.document(doc_id).subject.text == "seed wheat"
        assert (search(copy.connection, "granary").total
                == search(archive.connection, "granary").total)
        assert copy.edits() == archive.edits()


def test_import_twice_changes_nothing(exported: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "copy.db") as copy:
        exporting.import_file(copy, exported)
        report = exporting.import_file(copy, exported)
        assert (report.sources_added, report.edits_added, report.conflicts) == (0, 0, [])
        assert report.sources_unchanged > 40 and report.edits_unchanged == 1
        assert len(copy.edits()) == 1


def test_merge_reports_conflicts_and_keeps_the_archive(exported: Path, tmp_path: Path) -> None:
    source = letter_source()
    doc = letter_document(source)
    with Archive(tmp_path / "other.db") as other:
        other.put_source(source, [doc], {"parse": "test"})
        other.edit_field(doc.id, "subject", span_of(LETTER, "delivery of seed wheat").to_dict(),
                         author="s.karimi")
        # other bytes under the path of a corpus file the export holds
        taken = next(r["key"] for r in _records(exported) if r.get("kind") == "source"
                     and r["key"].endswith("001_flour-allocation-saraqib.txt"))
        other.put_source(letter_source(LETTER.replace("forty", "fifty"), path=taken), [],
                         {"parse": "test"})
        report = exporting.import_file(other, exported)
        assert any("seed-wheat.txt part 0 by r.haddad" in c for c in report.conflicts)
        assert any(f"{taken}: the archive holds other bytes" in c for c in report.conflicts)
        assert other.document(doc.id).subject.text == "delivery of seed wheat"
        assert [e["author"] for e in other.edits(doc.id)] == ["s.karimi"]
        assert report.sources_unchanged == 1 and report.sources_added > 40


def test_merge_adds_edits_where_the_archive_has_none(exported: Path, tmp_path: Path) -> None:
    source = letter_source()
    with Archive(tmp_path / "bare.db") as bare:
        bare.put_source(source, [letter_document(source)], {"parse": "test"})
        report = exporting.import_file(bare, exported)
        assert report.conflicts == [] and report.edits_added == 1
        doc = bare.document(letter_document(source).id)
        assert doc.subject.text == "seed wheat"
        assert search(bare.connection, "granary").total == 1


def test_selection_exports_only_its_documents(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "part.jsonl"
    count = exporting.export(archive, "json", out, entity="per-hamza")
    records = _records(out)
    assert count == 1 == records[0]["counts"]["documents"]
    with Archive(tmp_path / "part.db") as copy:
        exporting.import_file(copy, out)
        assert [d.id for d in copy.documents()] == [letter_document(letter_source()).id]


@pytest.mark.parametrize(("content", "reason"), [
    ("", "empty file"),
    ('{"format": "other/1"}\n', "not a sijill.export/1 file"),
    ('{"format": "sijill.export/1"}\n{"kind": "document", "document": {}}\n',
     "a document before any source"),
    ('{"format": "sijill.export/1"}\nnot json\n', "line 2: not JSON"),
    ('{"format": "sijill.export/1"}\n{"kind": "mystery"}\n', "unknown record kind"),
])
def test_bad_files_are_refused_whole(content: str, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with Archive(tmp_path / "a.db") as target, pytest.raises(ImportFileError,
                                                              match=reason):
        exporting.import_file(target, path)


def test_a_wrong_span_refuses_the_file_and_writes_nothing(exported: Path,
                                                          tmp_path: Path) -> None:
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    at = max(i for i, line in enumerate(lines) if '"kind":"document"' in line)
    record = json.loads(lines[at])
    record["document"]["subject"] = {"text": "not these words", "start": 0, "end": 15}
    lines[at] = json.dumps(record) + "\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    with Archive(tmp_path / "a.db") as target:
        with pytest.raises(ImportFileError, match="spans of"):
            exporting.import_file(target, bad)
        assert target.stats()["documents"] == 0


def test_cli_import(exported: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["import", str(exported), "--db", db])
    assert result.exit_code == 0, result.output
    assert "0 conflicts" in result.output
    result = runner.invoke(app, ["import", str(exported), "--db", db, "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["sources_added"] == 0
    garbage = tmp_path / "g.jsonl"
    garbage.write_text("nope\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(garbage), "--db", db])
    assert result.exit_code == 1 and "nothing imported" in result.output


def test_records_start_with_the_header(archive: Archive) -> None:
    first = next(jsonio.records(Selection(archive)))
    assert set(first) == {"format", "schema_version", "counts"}
