"""The SQLite archive: schema migrations, idempotent ingest, atomic batches, and the
human layer of edits surviving re-ingest and reprocessing. All sample text is fictional."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sijill.errors import QueryError, StoreError
from sijill.model import (
    DateValue,
    DocDate,
    Document,
    SourceText,
    Span,
    sha256_hex,
)
from sijill.store import Archive, default_db_path
from sijill.store.layers import anchor
from sijill.store.migrate import available, migrate
from sijill.store.search import search
from tests.conftest import span_of
from tests.store.conftest import LETTER, RECEIPT, STAGES, letter, put_letter, receipt, source_of


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "archive" / "sijill.db"


@pytest.fixture
def archive(db: Path):
    with Archive(db) as opened:
        yield opened


# -- schema --------------------------------------------------------------------------------


def test_migrations_create_the_schema_once(db: Path) -> None:
    Archive(db).close()
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"sources", "documents", "fields", "mentions", "entities", "relations", "flags",
            "edits", "documents_fts", "source_stages", "document_stages"} <= tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(available()) >= 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert migrate(conn) == []  # already current: nothing re-runs
    conn.close()
    Archive(db).close()
    conn = sqlite3.connect(db)
    applied = conn.execute("SELECT version FROM migrations").fetchall()
    assert applied == [(m.version,) for m in available()]
    conn.close()


def test_a_newer_schema_is_refused(db: Path) -> None:
    Archive(db).close()
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Archive(db)


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"shopping list: chalk, pens, exercise books\n" * 100)
    with pytest.raises(StoreError):
        Archive(bad)


def test_default_db_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SIJILL_DB", raising=False)
    assert default_db_path() == Path("sijill.db")
    monkeypatch.setenv("SIJILL_DB", str(tmp_path / "team.db"))
    assert default_db_path() == tmp_path / "team.db"


# -- ingest ---------------------------------------------------------------------------------


def test_added_unchanged_updated(archive: Archive) -> None:
    first = source_of(LETTER)
    assert archive.put_source(first, [letter(first)], STAGES) == "added"
    assert archive.put_source(first, [letter(first)], STAGES) == "unchanged"
    changed = source_of(LETTER.replace("sixty boxes", "seventy boxes"))
    assert archive.put_source(changed, [letter(changed)], STAGES) == "updated"
    assert archive.document(letter(first).id) is None  # the old version's machine layer is gone
    stored = archive.document(letter(changed).id)
    assert stored is not None and "seventy boxes" in stored.text
    assert [s.text for s in archive.sources()] == [changed.text]
    assert archive.stats()["documents"] == 1


def test_same_bytes_under_a_new_path_add_nothing(archive: Archive) -> None:
    put_letter(archive)
    copy = source_of(LETTER, path="copies/duplicate.txt")
    assert archive.put_source(copy, [letter(copy)], STAGES) == "unchanged"
    assert [s.path for s in archive.sources()] == ["letters/nv-0412.txt"]


def test_documents_must_come_from_their_source(archive: Archive) -> None:
    other = source_of(RECEIPT, "receipts/lw-77.txt")
    with pytest.raises(StoreError):
        archive.put_source(source_of(LETTER), [receipt(other)], STAGES)
    assert archive.stats()["sources"] == 0


def test_batch_rolls_back_whole(db: Path) -> None:
    with Archive(db) as archive:
        with pytest.raises(RuntimeError), archive.batch():
            put_letter(archive)
            rec = source_of(RECEIPT, "receipts/lw-77.txt")
            archive.put_source(rec, [receipt(rec)], STAGES)
            raise RuntimeError("disk full, say")
        assert archive.stats()["sources"] == 0
        with archive.batch():  # still usable, and a clean batch commits
            put_letter(archive)
    with Archive(db) as reopened:
        assert reopened.stats()["documents"] == 1
        assert search(reopened.connection, "chalk").total == 1


def test_a_failed_put_inside_a_batch_undoes_only_itself(archive: Archive) -> None:
    rec = source_of(RECEIPT, "receipts/lw-77.txt")
    with archive.batch():
        put_letter(archive)
        with pytest.raises(StoreError):  # two documents with the same part
            archive.put_source(rec, [receipt(rec), receipt(rec)], STAGES)
    assert [s.path for s in archive.sources()] == ["letters/nv-0412.txt"]
    assert search(archive.connection, "pump").total == 0


def test_stored_json_round_trips(archive: Archive, validator) -> None:
    source = source_of(LETTER)
    original = letter(source)
    archive.put_source(source, [original], STAGES)
    stored = archive.machine_document(original.id)
    assert stored is not None
    assert Document.from_dict(stored.to_dict()).to_dict() == original.to_dict()
    assert stored.to_dict() == original.to_dict()
    validator.validate(stored.to_dict())
    assert [d.id for d in archive.documents()] == [original.id]


def test_rows_per_span_and_stage_versions(db: Path) -> None:
    with Archive(db) as archive:
        doc_id = put_letter(archive)
        assert archive.stages(doc_id) == STAGES
        source = next(archive.sources())
        archive.replace_documents(source.key, [letter(source)], {"parse": "2"})
        assert archive.stages(doc_id) == {"parse": "2"}
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT field, text, start, end FROM fields ORDER BY id").fetchall()
    assert ("reference_number", "NV/ED/0412", LETTER.index("NV/ED"),
            LETTER.index("NV/ED") + 10) in rows
    assert all(LETTER[start:end] == text for _, text, start, end in rows)
    assert conn.execute("SELECT hijri_year, gregorian_year, issuer_top FROM documents").fetchone() \
        == (1441, 2020, "Northern Valleys Administrative Council")
    versions = dict(conn.execute("SELECT stage, version FROM source_stages"))
    assert versions == {"ingest": "1", "parse": "2"}
    conn.close()


@settings(max_examples=60, deadline=None)
@given(data=st.data(), text=st.text(min_size=1, max_size=300))
def test_any_text_and_spans_round_trip(data: st.DataObject, text: str) -> None:
    def span() -> Span:
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        return Span(text[start:end], start, end)

    source = SourceText(sha256_hex(text.encode()), text, path="x.txt")
    doc = Document(source=source.source(0), text=text, title=data.draw(st.none() | st.text()),
                   issuer=[span(), span()], subject=span(), cc=[span()])
    with Archive(":memory:") as archive:
        archive.put_source(source, [doc], STAGES)
        stored = archive.machine_document(doc.id)
        assert stored is not None and stored.to_dict() == doc.to_dict()
        assert next(archive.sources()) == source
        with contextlib.suppress(QueryError):  # any text: found, or a clear QueryError
            search(archive.connection, text)


def test_replace_documents_needs_a_stored_source(archive: Archive) -> None:
    with pytest.raises(StoreError):
        archive.replace_documents("nowhere.txt", [], STAGES)


@pytest.fixture
def filled(archive: Archive) -> Archive:
    put_letter(archive)
    rec = source_of(RECEIPT, "receipts/lw-77.txt")
    archive.put_source(rec, [receipt(rec)], STAGES)
    return archive


# -- the human layer ------------------------------------------------------------------------


def test_edit_overlays_machine_output(archive: Archive) -> None:
    doc_id = put_letter(archive)
    new_subject = span_of(LETTER, "exercise books")
    edit_id = archive.edit_field(doc_id, "subject", new_subject.to_dict(), author="rania",
                                 note="shorter")
    edited = archive.document(doc_id)
    machine = archive.machine_document(doc_id)
    assert edited is not None and machine is not None
    assert edited.subject == new_subject
    assert machine.subject == span_of(LETTER, "supply of exercise books to the village schools")
    [trail] = archive.edits(doc_id)
    assert trail["id"] == edit_id and trail["author"] == "rania" and trail["note"] == "shorter"
    assert trail["before"] == machine.subject.to_dict()
    assert trail["after"] == new_subject.to_dict()
    assert archive.stats()["edits"] == 1


def test_later_edit_wins_and_before_is_what_was_shown(archive: Archive) -> None:
    doc_id = put_letter(archive)
    archive.edit_field(doc_id, "sender", span_of(LETTER, "Director of Education").to_dict(),
                       author="a")
    archive.edit_field(doc_id, "sender", None, author="b")
    doc = archive.document(doc_id)
    assert doc is not None and doc.sender is None
    first, second = archive.edits(doc_id)
    assert second["before"] == first["after"]
    assert second["machine"] == span_of(LETTER, "Yusuf al-Marwani").to_dict()


def test_edits_of_title_date_and_lists(archive: Archive) -> None:
    doc_id = put_letter(archive)
    archive.edit_field(doc_id, "date", {"iso": "2020-02", "precision": "month",
                                        "basis": "gregorian"}, author="a")
    archive.edit_field(doc_id, "title", "Chalk and books", author="a")
    archive.edit_field(doc_id, "cc", [], author="a")
    doc = archive.document(doc_id)
    assert doc is not None
    assert doc.date == DocDate("2020-02", "month", "gregorian")
    assert doc.title == "Chalk and books" and doc.cc == []
    assert search(archive.connection, "Chalk books").hits[0].title == "Chalk and books"


@pytest.mark.parametrize(("field", "value"), [
    ("subject", {"text": "not in the letter", "start": 0, "end": 17}),
    ("subject", {"text": "Northern", "start": 1, "end": 9}),
    ("subject", {"start": 0}),
    ("addressees", {"text": "Archive", "start": 0, "end": 7}),
    ("date", {"iso": "2020"}),
    ("title", 42),
    ("text", "a new text"),
    ("id", "x"),
])
def test_bad_edits_are_refused(archive: Archive, field: str, value: object) -> None:
    doc_id = put_letter(archive)
    with pytest.raises(StoreError):
        archive.edit_field(doc_id, field, value, author="a")
    assert archive.edits() == []


def test_edit_needs_a_document_and_an_author(archive: Archive) -> None:
    doc_id = put_letter(archive)
    with pytest.raises(StoreError):
        archive.edit_field("0000000000000000-0", "title", "x", author="a")
    with pytest.raises(StoreError):
        archive.edit_field(doc_id, "title", "x", author=" ")


def test_edit_survives_a_changed_source_and_is_reanchored(archive: Archive) -> None:
    doc_id = put_letter(archive)
    archive.edit_field(doc_id, "sender", span_of(LETTER, "Yusuf al-Marwani").to_dict(), author="a")
    archive.edit_field(doc_id, "subject", span_of(LETTER, "exercise books").to_dict(), author="a")
    longer = "[Scanned page 1]\n" + LETTER
    source = source_of(longer)
    machine = letter(source)
    machine.sender = None  # the new parser misses it; the human value must still show
    assert archive.put_source(source, [machine], STAGES) == "updated"
    doc = archive.document(machine.id)
    assert doc is not None
    assert doc.sender == span_of(longer, "Yusuf al-Marwani")
    assert doc.subject == span_of(longer, "exercise books")  # the nearest of two occurrences
    assert all(f.code != "edit-unanchored" for f in doc.flags)
    assert {e["doc_id"] for e in archive.edits(machine.id)} == {machine.id}
    assert len(archive.edits(doc_id)) == 2  # found by the id it had when edited, too


def test_edit_whose_words_are_gone_is_flagged_and_kept(archive: Archive) -> None:
    doc_id = put_letter(archive)
    archive.edit_field(doc_id, "sender", span_of(LETTER, "Yusuf al-Marwani").to_dict(), author="a")
    changed = LETTER.replace("Yusuf al-Marwani", "Yusuf Marwan")
    source = source_of(changed)
    machine = letter_without_sender(source)
    archive.put_source(source, [machine], STAGES)
    doc = archive.document(machine.id)
    assert doc is not None and doc.sender is None  # the machine value
    [flag] = [f for f in doc.flags if f.code == "edit-unanchored"]
    assert flag.severity == "warning" and "sender" in flag.message
    assert len(archive.edits(machine.id)) == 1
    stored = archive.machine_document(machine.id)
    assert stored is not None and all(f.code != "edit-unanchored" for f in stored.flags)


def letter_without_sender(source: SourceText) -> Document:
    text = source.text
    return Document(source=source.source(0), text=text, subject=span_of(text, "supply of exercise"))


def test_edit_survives_reprocess(archive: Archive) -> None:
    doc_id = put_letter(archive)
    archive.edit_field(doc_id, "addressees",
                       [span_of(LETTER, "director of the Kirem schools office").to_dict(),
                        span_of(LETTER, "Hamid Taleb").to_dict()], author="a")
    source = next(archive.sources())
    reparsed = letter_without_sender(source)
    archive.replace_documents(source.key, [reparsed], {"parse": "2"})
    doc = archive.document(doc_id)
    assert doc is not None
    assert [s.text for s in doc.addressees] == ["director of the Kirem schools office",
                                                "Hamid Taleb"]
    assert doc.sender is None  # the machine layer is the new one


def test_stats(filled: Archive) -> None:
    stats = filled.stats()
    assert stats["sources"] == 2 and stats["documents"] == 2
    assert stats["dated"] == 1 and stats["undated"] == 1
    assert stats["by_media_type"] == {"text/plain": 2}
    assert stats["by_issuer"] == {"Lowland Water Committee": 1,
                                  "Northern Valleys Administrative Council": 1}
    assert stats["by_hijri_year"] == {"1441": 1}
    assert stats["by_gregorian_year"] == {"2020": 1}
    assert stats["flags"] == {"date-mismatch": 1}
    assert stats["edits"] == 0 and stats["db_bytes"] > 0


# -- anchoring ------------------------------------------------------------------------------


def test_anchor_picks_the_nearest_occurrence() -> None:
    text = "chalk, pens, chalk, pens, chalk"
    assert anchor(Span("pens", 20, 24), text) == Span("pens", 20, 24)  # still holds
    assert anchor(Span("pens", 18, 22), text) == Span("pens", 20, 24)
    assert anchor(Span("pens", 0, 4), text) == Span("pens", 7, 11)
    assert anchor(Span("ink", 0, 3), text) is None
    date = DateValue("pens", 8, 12, calendar="hijri", year=1441)
    assert anchor(date, text) == DateValue("pens", 7, 11, calendar="hijri", year=1441)


@given(text=st.text(max_size=60), words=st.text(min_size=1, max_size=5),
       start=st.integers(0, 80))
def test_anchor_never_gives_a_wrong_span(text: str, words: str, start: int) -> None:
    moved = anchor(Span(words, start, start + len(words)), text)
    if moved is None:
        assert words not in text
    else:
        assert moved.is_valid_in(text)
