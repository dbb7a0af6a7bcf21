"""Every document is isolated (issue 12, defect 2): a fault in any stage for one document
flags that document and the rest goes on; a text longer than spaCy's max_length is read in
pieces; `reprocess` never fails the whole archive; `sijill ingest` exit codes.

All sample text is fictional."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sijill import pipeline
from sijill.cli import app
from sijill.model import Document, SourceText
from sijill.store import Archive
from sijill.store.search import search

LETTER = (
    "Harakat al-Sanabil / Office of Education\n"
    "No.: 12/A\n"
    "To: the brother Abu Hasan al-Wadi, director of the schools of the Wadi sector\n\n"
    "We ask you to send the end-of-year certificates of the school of Kafr Nabl to the "
    "Office of Education before the end of the month.\n\n"
    "Signed: Abu Yusuf al-Halabi\n\n"
)


def failed(doc: Document) -> list[str]:
    """The codes of the stage-fault flags of a document (checks may add others)."""
    return [f.code for f in doc.flags if f.code.endswith("-failed")]


def write_folder(root: Path, good: int = 3, big: bool = True) -> Path:
    folder = root / "in"
    folder.mkdir()
    for n in range(good):
        (folder / f"good-{n}.txt").write_text(LETTER.replace("12/A", f"12/{n}"), "utf-8")
    if big:  # 1.03 MB: over spaCy's default max_length of 1,000,000 characters
        filler = "The stock of paper and ink was counted and found in order.\n\n"
        text = LETTER + filler * (1_030_000 // len(filler)) + LETTER.replace("12/A", "B/9")
        (folder / "big.txt").write_text(text, "utf-8")
    return folder


def test_a_text_over_spacys_max_length_is_read_in_pieces(tmp_path: Path) -> None:
    folder = write_folder(tmp_path)
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
        assert not report.failed and not report.flagged
        assert len(report.added) == 4
        big = next(d for d in archive.documents() if len(d.text) > 1_000_000)
        assert not [f for f in big.flags if f.code.endswith("-failed")]
        # names are found in the last piece too, at offsets into the whole text
        late = [m for m in big.mentions if m.start > 1_000_000]
        assert late and all(big.text[m.start:m.end] == m.text for m in big.mentions)
        assert all(big.text[r.evidence.start:r.evidence.end] for r in big.relations)
        assert {e.id for e in big.entities} >= {m.entity for m in big.mentions}
        again = pipeline.reprocess(archive)
        assert not again.failed and again.sources == 4


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="ab \n", max_size=400), st.integers(5, 60))
def test_pieces_cover_the_text_in_order(text: str, size: int) -> None:
    from sijill import pieces

    cuts = pieces.cuts(text, size)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a < b or len(text) == 0 for a, b in cuts)
    assert all(b - a <= size for a, b in cuts)
    assert all(cuts[i][1] == cuts[i + 1][0] for i in range(len(cuts) - 1))


def failing_stage(marker: str):
    def stage(_source: SourceText, docs: list[Document]) -> list[Document]:
        for doc in docs:
            if marker in doc.text:
                raise RuntimeError(f"cannot read {marker}")
        return docs
    return stage


@pytest.mark.parametrize("after", ["entities", "relations", "late"])
def test_a_fault_in_any_stage_flags_that_document_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        after: str) -> None:
    """Generic over STAGES: a stage registered anywhere is isolated the same way."""
    stages = dict(pipeline.STAGES)
    if after == "late":  # a stage registered after all the others (e.g. checks)
        stages["late"] = ("1", failing_stage("12/1"))
    else:
        version, real = stages[after]

        def broken(source: SourceText, docs: list[Document]) -> list[Document]:
            failing_stage("12/1")(source, docs)
            return real(source, docs)
        stages[after] = (version, broken)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    folder = write_folder(tmp_path, good=3, big=False)
    with caplog.at_level(logging.ERROR, logger="sijill.pipeline"), \
            Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
        assert len(report.added) == 3 and not report.failed
        assert [Path(p).name for p, _ in report.flagged] == ["good-1.txt"]
        docs = {d.reference_number.text: d for d in archive.documents() if d.reference_number}
        assert failed(docs["12/1"]) == [f"{after}-failed"]
        assert any("cannot read 12/1" in f.message for f in docs["12/1"].flags)
        assert all(not failed(d) for key, d in docs.items() if key != "12/1")
        assert docs["12/0"].mentions  # the other documents went through every stage
        again = pipeline.reprocess(archive)
        assert not again.failed and again.sources == 3 and len(again.flagged) == 1
    record = caplog.records[0]
    assert record.exc_info and "cannot read 12/1" in str(record.exc_info[1])


def test_a_parse_fault_keeps_the_whole_text_flagged(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    stages = dict(pipeline.STAGES)
    version, real = stages["parse"]

    def broken(source: SourceText, docs: list[Document]) -> list[Document]:
        if "12/1" in source.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, docs)
    stages["parse"] = (version, broken)
    monkeypatch.setattr(pipeline, "STAGES", stages)
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [write_folder(tmp_path, big=False)])
        assert len(report.added) == 3
        hit = search(archive.connection, "certificates").total
        assert hit == 3  # the unparsed one is still stored and searchable
        flagged = [d for d in archive.documents() if failed(d)]
        assert len(flagged) == 1 and failed(flagged[0]) == ["parse-failed"]


runner = CliRunner()


def exit_code(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())  # as one line, however wrapped


def test_ingest_exit_codes(tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    folder = write_folder(tmp_path, good=2, big=False)
    assert exit_code("ingest", str(folder), "--db", db)[0] == 0
    (folder / "empty.txt").write_bytes(b"")
    code, out = exit_code("ingest", str(folder), "--db", db)
    assert code == 1 and "empty file" in out
    assert exit_code("ingest", str(folder / "empty.txt"), "--db", db)[0] == 3
    assert exit_code("ingest", str(tmp_path / "missing"), "--db", db)[0] == 3
    (tmp_path / "void").mkdir()
    assert exit_code("ingest", str(tmp_path / "void"), "--db", db)[0] == 3
    assert exit_code("ingest", "--db", db)[0] == 2
    assert exit_code("ingest", str(folder), "--db", db, "--no-such-option")[0] == 2
    (tmp_path / "not-a-db").write_bytes(b"this is not SQLite" * 100)
    code, out = exit_code("ingest", str(folder), "--db", str(tmp_path / "not-a-db"))
    assert code == 3 and "not a usable Sijill archive" in out


def test_a_fixed_stage_clears_its_fault_flag_on_reprocess(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    original = dict(pipeline.STAGES)
    broken = {**original, "late": ("1", failing_stage("12/1"))}
    monkeypatch.setattr(pipeline, "STAGES", broken)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [write_folder(tmp_path, good=2, big=False)])
        assert sum(bool(failed(d)) for d in archive.documents()) == 1
        monkeypatch.setattr(pipeline, "STAGES", {**original, "late": ("2", lambda s, d: d)})
        report = pipeline.reprocess(archive, "late")
        assert not report.flagged and not any(failed(d) for d in archive.documents())


def test_reprocess_writes_the_other_sources_when_one_cannot_be(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        pipeline.ingest_paths(archive, [write_folder(tmp_path, good=3, big=False)])
    original = Archive.replace_documents

    def flaky(self, key, *args, **kwargs):
        if key.endswith("good-1.txt"):
            raise RuntimeError("disk full")
        return original(self, key, *args, **kwargs)

    monkeypatch.setattr(Archive, "replace_documents", flaky)
    with Archive(db) as archive:
        report = pipeline.reprocess(archive)
    assert report.sources == 2 and [Path(k).name for k, _ in report.failed] == ["good-1.txt"]
    code, out = exit_code("reprocess", "--db", str(db))
    assert code == 1 and "good-1.txt: disk full" in out


def test_flags_with_words_come_back_at_their_place_in_the_whole_text() -> None:
    from sijill import pieces
    from sijill.model import Flag, Span, sha256_hex

    text = "".join(f"Line {n}: the ink of store {n} was counted.\n\n" for n in range(12))
    source = SourceText(sha256_hex(text.encode()), text, "ink.txt")
    doc = Document(source.source(0), text, flags=[Flag("kept", "info", "no words")])

    def flag_ink(_source: SourceText, docs: list[Document]) -> list[Document]:
        for d in docs:
            at = d.text.index("ink")
            d.flags = [*d.flags, Flag("ink", "info", "ink", (Span("ink", at, at + 3),))]
        return docs

    out = pieces.run(flag_ink, source, doc, size=120)
    inks = [f for f in out.flags if f.code == "ink"]
    assert len(inks) == len(pieces.cuts(text, 120)) > 1
    assert all(s.is_valid_in(text) for f in inks for s in f.spans)
    assert [f.code for f in out.flags].count("kept") == 1
