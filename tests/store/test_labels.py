"""Tags and notes (the human layer): they survive reprocess and re-ingest of changed bytes,
travel through export -> import -> export byte for byte, and the CLI sets and lists them;
saved searches and alerts from the CLI. All sample text is fictional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill import export as exporting
from sijill.cli import app
from sijill.errors import StoreError
from sijill.model import Document, SourceText, sha256_hex
from sijill.store import Archive
from sijill.store.labels import all_tags, labels, normal_tag, set_note, set_tag
from sijill.store.search import search
from tests.store.conftest import LETTER, STAGES, letter, put_letter, source_of

runner = CliRunner()


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "l.db") as opened:
        put_letter(opened)
        yield opened


DOC = letter(source_of(LETTER)).id


def test_normal_tags() -> None:
    assert normal_tag("  Mill Audit ") == "mill-audit"
    assert normal_tag("payroll/2015") == "payroll-2015"
    assert normal_tag("!!") == ""


def test_tags_and_notes_survive_reprocess_and_changed_bytes(archive: Archive) -> None:
    set_tag(archive, "schools", on=True, author="rania", doc_id=DOC)
    set_note(archive, "Compare with the spring list.", author="rania", doc_id=DOC)
    archive.replace_documents("letters/nv-0412.txt", [letter(source_of(LETTER))], STAGES)
    assert labels(archive, doc_id=DOC).tags == ["schools"]
    changed = LETTER.replace("sixty boxes", "seventy boxes")
    source = source_of(changed)
    assert archive.put_source(source, [letter(source)], STAGES) == "updated"
    new_id = letter(source).id
    assert new_id != DOC
    found = labels(archive, doc_id=new_id)
    assert found.tags == ["schools"] and found.note == "Compare with the spring list."
    assert [h.id for h in search(archive.connection, "tag:schools").hits] == [new_id]


def test_labels_need_a_target_and_an_author(archive: Archive) -> None:
    with pytest.raises(StoreError, match="no document"):
        set_tag(archive, "x", on=True, author="a", doc_id="nope")
    with pytest.raises(StoreError, match="author"):
        set_tag(archive, "x", on=True, author=" ", doc_id=DOC)
    with pytest.raises(StoreError, match="one document or one entity"):
        labels(archive)


def test_export_import_export_keeps_labels_byte_for_byte(archive: Archive,
                                                         tmp_path: Path) -> None:
    set_tag(archive, "schools", on=True, author="rania", doc_id=DOC)
    set_tag(archive, "drivers", on=True, author="rania", entity_id="p1")
    set_tag(archive, "drivers", on=False, author="omar", entity_id="p1")
    set_note(archive, "Kirem is spelt Kirim in the reply.", author="omar", doc_id=DOC)
    first, second = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    exporting.export(archive, "json", first)
    assert sum('"table":"label_edits"' in line for line in first.open()) == 4
    with Archive(tmp_path / "copy.db") as copy:
        report = exporting.import_file(copy, first)
        assert report.conflicts == []
        assert labels(copy, doc_id=DOC).tags == ["schools"]
        assert labels(copy, entity_id="p1").tags == []
        assert labels(copy, doc_id=DOC).note == "Kirem is spelt Kirim in the reply."
        exporting.export(copy, "json", second)
    assert second.read_bytes() == first.read_bytes()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_cli_tags_notes_and_lists(tmp_path: Path, archive: Archive) -> None:
    db = str(archive.path)
    archive.close()
    assert _run("tag", "add", DOC, "Schools", "chalk-orders", "--author", "rania",
                "--db", db) == (0, "tagged schools, chalk-orders\n")
    assert _run("tag", "remove", DOC, "chalk-orders", "--author", "rania", "--db", db)[0] == 0
    assert _run("tag", "note", DOC, "Check the driver's name.", "--author", "rania",
                "--db", db)[0] == 0
    code, out = _run("tag", "list", DOC, "--json", "--db", db)
    assert code == 0 and json.loads(out) == {"tags": ["schools"],
                                             "note": "Check the driver's name."}
    code, out = _run("tag", "list", "--json", "--db", db)
    assert json.loads(out) == [{"tag": "schools", "documents": 1}]
    assert _run("tag", "add", "nope", "x", "--author", "a", "--db", db)[0] == 1
    with Archive(db) as reopened:
        assert all_tags(reopened) == [("schools", 1)]


RECEIPT = "Lowland Water Committee\n\nReceipt for two water tanks and chalk for the school.\n"


def test_cli_saved_searches_and_alerts(tmp_path: Path, archive: Archive) -> None:
    db = str(archive.path)
    archive.close()
    assert _run("searches", "save", "chalk", "chalk OR tanks", "--user", "rania",
                "--db", db)[0] == 0
    assert _run("searches", "save", "broken", "(chalk", "--user", "rania", "--db", db)[0] == 2
    code, out = _run("alerts", "--user", "rania", "--json", "--db", db)
    assert code == 0 and json.loads(out)[0]["new"] == 0  # the letter was there before
    source = SourceText(sha256_hex(RECEIPT.encode()), RECEIPT, path="receipts/late.txt")
    with Archive(db) as reopened:
        reopened.put_source(source, [Document(source=source.source(0), text=RECEIPT)], STAGES)
    code, out = _run("alerts", "--user", "rania", "--json", "--mark-seen", "--db", db)
    [alert] = json.loads(out)
    assert alert["new"] == 1 and alert["name"] == "chalk"
    code, out = _run("alerts", "--user", "rania", "--json", "--db", db)
    assert json.loads(out)[0]["new"] == 0  # marked seen
    code, out = _run("searches", "list", "--user", "rania", "--json", "--db", db)
    assert [s["name"] for s in json.loads(out)] == ["chalk"]
    assert _run("searches", "delete", "chalk", "--user", "rania", "--db", db)[0] == 0
    assert _run("searches", "delete", "chalk", "--user", "rania", "--db", db)[0] == 1
