"""Hostile files and paths at ingest (issue 12, defects 5, 8 and 11), generated here, never
stored in the repo: a FIFO, a device, an unreadable folder, a file name that is not UTF-8,
HTML nested too deep, encoded surrogates; unchanged files skipped before parsing; a
source's identity by canonical path and content. All sample text is fictional."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import ingest, pipeline
from sijill.errors import IngestError
from sijill.model import SourceText
from sijill.store import Archive
from sijill.store.search import search

LETTER = ("Office of Supplies\nNo.: {n}\nTo: the Relief Committee of Kafr Nabl\n\n"
          "Subject: flour for the bakeries\n\nPlease send forty sacks of flour to the "
          "bakeries of the town before Thursday.\n\nSigned: Abu Salim al-Khabbaz\n")


def letters(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"letter-{n:03d}.txt").write_text(LETTER.format(n=f"S/{n}"), "utf-8")
    return folder


def sijill(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sijill", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout, check=False,
                          env={**os.environ, "COLUMNS": "1000"})


# -- defect 11: files that are not files, folders that cannot be read -----------------------

def test_a_fifo_in_a_folder_is_refused_not_waited_on(tmp_path: Path) -> None:
    folder = letters(tmp_path / "in", 2)
    os.mkfifo(folder / "pipe.txt")
    done = sijill("ingest", str(folder), "--db", str(tmp_path / "a.db"), cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "2 added" in done.stdout
    assert "pipe.txt: is a named pipe (FIFO), not a file; refused" in done.stdout


def test_a_device_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="character device"):
        ingest.load("/dev/zero")


def test_an_unreadable_subfolder_is_reported(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    folder = letters(tmp_path / "in", 2)
    locked = letters(folder / "locked", 1)
    # Tests run as root, whom permissions do not stop: the refusal is simulated at the OS
    # call that a real EACCES comes from.
    real_scandir, real_listdir = os.scandir, os.listdir

    def refuse(real):
        def call(path=".", *args):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args)
        return call

    monkeypatch.setattr(os, "scandir", refuse(real_scandir))
    monkeypatch.setattr(os, "listdir", refuse(real_listdir))
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
    assert len(report.added) == 2
    assert report.failed == [(str(locked), "folder cannot be read: Permission denied")]


def test_html_nested_too_deep_says_so(tmp_path: Path) -> None:
    depth = 300
    page = ("<html><body>" + "<div>" * depth + "<p>" + "The clinic opens at eight. " * 30
            + "</p>" + "</div>" * depth + "</body></html>")
    with pytest.raises(IngestError, match="nested too deep"):
        ingest.load_bytes(page.encode(), path="deep.html")


def test_encoded_surrogates_are_decoded_not_turned_into_mojibake() -> None:
    pair = "Receipt for the clinic 😀 of Saraqib".encode("utf-16-be")
    # CESU-8: each UTF-16 unit of the emoji written as three UTF-8 bytes
    cesu = b"Receipt for the clinic " + b"\xed\xa0\xbd\xed\xb8\x80" + b" of Saraqib"
    assert ingest.load_bytes(cesu, path="r.txt").text == pair.decode("utf-16-be")
    lone = b"Receipt for the clinic \xed\xa0\x80 of Saraqib"
    text = ingest.load_bytes(lone, path="r.txt").text
    assert text == "Receipt for the clinic \ufffd of Saraqib"


# -- defect 5: a file name that is not UTF-8 -------------------------------------------------

def test_a_non_utf8_file_name_does_not_sink_its_batch(tmp_path: Path) -> None:
    folder = letters(tmp_path / "in", 60)
    bad = os.fsencode(folder) + b"/caf\xe9-receipt.txt"
    with open(bad, "wb") as stream:
        stream.write(LETTER.format(n="X/1").encode())
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
        assert not report.failed
        assert len(report.added) == 61
        named = [p for p in report.added if "caf" in p]
        assert named == [f"{folder}/caf\\xe9-receipt.txt"]
        keys = {s.key for s in archive.sources()}
        assert f"{folder}/caf\\xe9-receipt.txt" in keys
        again = pipeline.ingest_paths(archive, [folder])
        assert len(again.unchanged) == 61 and not again.added


# -- unchanged files are skipped before parsing ----------------------------------------------

def test_unchanged_files_are_not_parsed_again(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    folder = letters(tmp_path / "in", 5)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        calls = []
        real = pipeline.process
        monkeypatch.setattr(pipeline, "process", lambda *a, **k: calls.append(a) or real(*a, **k))
        report = pipeline.ingest_paths(archive, [folder])
    assert len(report.unchanged) == 5 and calls == []


# -- defect 8: a source's identity is its canonical path and its content ---------------------

def edit_subject(archive: Archive, text: str) -> None:
    doc = next(iter(archive.documents()))
    start = doc.text.index(text)
    archive.edit_field(doc.id, "subject", {"text": text, "start": start,
                                           "end": start + len(text)}, author="rania")


def subjects(archive: Archive) -> list[str | None]:
    return [d.subject.text if d.subject else None for d in archive.documents()]


def test_absolute_after_relative_is_the_same_source(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = letters(tmp_path / "in", 1)
    monkeypatch.chdir(tmp_path)
    with Archive(tmp_path / "a.db") as archive:
        assert len(pipeline.ingest_paths(archive, ["in"]).added) == 1
        assert len(pipeline.ingest_paths(archive, [folder.resolve()]).unchanged) == 1
        (tmp_path / "link").symlink_to(folder, target_is_directory=True)
        assert len(pipeline.ingest_paths(archive, ["link"]).unchanged) == 1
        edit_subject(archive, "flour for the bakeries")
        path = folder / "letter-000.txt"
        path.write_text(path.read_text().replace("forty", "fifty"), "utf-8")
        report = pipeline.ingest_paths(archive, [str(path.resolve())])
        assert len(report.updated) == 1 and not report.added
        assert archive.stats()["sources"] == 1
        assert search(archive.connection, "forty").total == 0
        assert search(archive.connection, "fifty").total == 1
        assert subjects(archive) == ["flour for the bakeries"]
        assert [e["author"] for e in archive.edits()] == ["rania"]


def test_a_moved_file_keeps_its_history_and_edits(tmp_path: Path) -> None:
    folder = letters(tmp_path / "in", 2)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        edit_subject(archive, "flour for the bakeries")
        first = next(iter(archive.documents()))
        (tmp_path / "moved").mkdir()
        moved = tmp_path / "moved" / "renamed.txt"
        (folder / "letter-000.txt").rename(moved)
        report = pipeline.ingest_paths(archive, [tmp_path / "moved"])
        assert [Path(p).name for p in report.moved] == ["renamed.txt"]
        assert archive.stats()["sources"] == 2
        doc = archive.document(first.id)
        assert doc is not None and doc.source.path == str(moved)
        assert doc.subject is not None and doc.subject.text == "flour for the bakeries"
        assert archive.edits(first.id)[0]["source_key"] == str(moved)
        # a copy at a new path while the original is still there is the same bytes: unchanged
        (tmp_path / "copy.txt").write_bytes(moved.read_bytes())
        assert len(pipeline.ingest_paths(archive, [tmp_path / "copy.txt"]).unchanged) == 1


def test_a_collection_root_makes_keys_relative(tmp_path: Path) -> None:
    root = tmp_path / "collection"
    folder = letters(root / "letters", 1)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder], root=root)
        assert [s.key for s in archive.sources()] == ["letters/letter-000.txt"]
        edit_subject(archive, "flour for the bakeries")
    # the whole collection moves; ingested again from its new place, it is the same source
    new_root = tmp_path / "elsewhere"
    root.rename(new_root)
    (new_root / "letters" / "letter-000.txt").write_text(LETTER.format(n="S/0b"), "utf-8")
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [new_root], root=new_root)
        assert len(report.updated) == 1 and not report.added
        assert subjects(archive) == ["flour for the bakeries"]


# -- generated hostile bytes: a batch never fails because of them ----------------------------

@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".pdf",
                                                                    ".htm", ""])),
                min_size=1, max_size=6))
def test_generated_hostile_files_never_sink_the_batch(tmp_path: Path,
                                                      files: list[tuple[bytes, str]]) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as work:
        folder = letters(Path(work) / "in", 1)
        for n, (data, suffix) in enumerate(files):
            (folder / f"hostile-{n}{suffix}").write_bytes(data)
        with Archive(tmp_path / "a.db") as archive:
            report = pipeline.ingest_paths(archive, [folder], batch_size=3)
            assert "letter-000.txt" not in {Path(p).name for p, _ in report.failed}
            assert len(report.failed) + report.stored == len(files) + 1
            assert all(reason for _, reason in report.failed)
            for doc in archive.documents():  # whatever was stored is well-formed
                assert all(s.is_valid_in(doc.text) for _, s in doc.spans())
                doc.text.encode("utf-8")


def test_bytes_held_under_a_url_are_not_taken_over_by_a_file(tmp_path: Path) -> None:
    data = LETTER.format(n="U/1").encode()
    (tmp_path / "copy.txt").write_bytes(data)
    loaded = ingest.load_bytes(data, path="copy.txt")
    page = SourceText(loaded.sha256, loaded.text, None, "https://example.org/letters/u1")
    with Archive(tmp_path / "a.db") as archive:
        archive.put_source(page, pipeline.process(page), pipeline.stage_versions())
        report = pipeline.ingest_paths(archive, [tmp_path / "copy.txt"])
        assert len(report.unchanged) == 1 and not report.moved
        assert [s.key for s in archive.sources()] == ["https://example.org/letters/u1"]
