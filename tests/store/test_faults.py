"""kill -9 at random points of ingest, reprocess and import (issue 12): afterwards the archive
passes `PRAGMA integrity_check`, its human layer is intact, and running the job again gives
exactly what an uninterrupted run gives.

The job runs in a forked child (modules already loaded, so each example is cheap). SQLite's
progress handler counts the child's virtual-machine steps; hypothesis chooses at which count
the child sends itself SIGKILL, mid-statement or mid-transaction, as a power cut would.
All sample text is fictional."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sijill import pipeline
from sijill.export import jsonio
from sijill.export.selection import Selection
from sijill.store import Archive, entity_edits
from sijill.store import relation_claims as claims
from tests.conftest import CORPUS

HUMAN = ("edits", "entity_edits", "relation_claims")
STEP = 50  # progress-handler granularity, in SQLite VM steps

Job = Callable[[Archive], Any]


def run_job(db: Path, job: Job, kill_at: int = 0) -> int:
    """Run `job` on `db` in a forked child, killed with SIGKILL at the kill_at-th tick (0:
    never); returns the ticks a whole run takes, or -9 when killed."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            count = 0

            def tick() -> int:
                nonlocal count
                count += 1
                if kill_at and count >= kill_at:
                    os.kill(os.getpid(), signal.SIGKILL)
                return 0

            archive = Archive(db)
            archive.connection.set_progress_handler(tick, STEP)
            job(archive)
            archive.connection.set_progress_handler(None, 0)
            archive.close()
            (db.parent / "ticks").write_text(str(count))
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return -9
    assert os.WEXITSTATUS(status) == 0, "the job failed in the child"
    return int((db.parent / "ticks").read_text())


def sound(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")


def human_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in HUMAN}


def content(db: Path) -> dict[str, Any]:
    """What a researcher has: sources, the documents as seen (human layer applied), and
    the human layer itself; not the times of the runs."""
    sound(db)
    with Archive(db) as archive:
        docs = sorted((d.id, repr(d.to_dict())) for d in archive.documents())
        sources = sorted((s.key, s.sha256, s.text) for s in archive.sources())
    return {"sources": sources, "documents": docs, "human": human_rows(db)}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An archive of four letters with a field edit, an entity rename, an added relation and
    a verdict; and the folder it was ingested from."""
    root = tmp_path_factory.mktemp("fault-base")
    folder = root / "letters"
    folder.mkdir()
    for path in sorted((CORPUS / "letters").glob("*.txt"))[:4]:
        shutil.copy(path, folder / path.name)
    with Archive(root / "base.db") as archive:
        assert pipeline.ingest_paths(archive, [folder]).ok
        doc = next(d for d in archive.documents()
                   if d.subject and len(d.subject.text.split()) >= 2)
        words = doc.subject.text.split()[0]
        at = doc.text.index(words)
        archive.edit_field(doc.id, "subject", {"text": words, "start": at,
                                               "end": at + len(words)}, author="rania")
        entity = doc.entities[0]
        entity_edits.rename(archive, entity.id, f"{entity.name} (checked)", author="rania")
        other = doc.entities[-1]
        subject = doc.subject  # the machine's, at least two words (evidence needs them)
        claims.add_relation(archive, doc.id, "contact", entity.id, other.id,
                            evidence=(subject.start, subject.end), author="omar")
        judged = claims.claims(archive, doc.id)[0]
        claims.judge(archive, judged.key, "reject", author="omar", note="not in the text")
    return root / "base.db", folder


def ingest_job(folder: Path) -> Job:
    return lambda archive: pipeline.ingest_paths(archive, [folder], batch_size=2)


def reprocess_job(archive: Archive) -> None:
    pipeline.reprocess(archive, batch_size=2)


def prepared(base: tuple[Path, Path], where: Path, job_name: str) -> tuple[Path, Job]:
    """A copy of the base archive and the job to run on it."""
    where.mkdir(parents=True, exist_ok=True)
    db = where / "a.db"
    if job_name == "import":  # into an empty archive, from an export of the base
        export = where.parent / "base.jsonl"
        if not export.exists():
            with Archive(base[0]) as archive, export.open("w", encoding="utf-8") as out:
                jsonio.write(Selection(archive), out)
        return db, lambda archive: jsonio.import_file(archive, export)
    shutil.copy(base[0], db)
    if job_name == "reprocess":
        return db, reprocess_job
    folder = where.parent / "incoming"
    if not folder.exists():  # the base letters, one of them changed, and four new ones
        shutil.copytree(base[1], folder)
        changed = sorted(folder.glob("*.txt"))[0]
        changed.write_text(changed.read_text("utf-8") + "\nA copy went to the archive.\n")
        for path in sorted((CORPUS / "letters").glob("*.txt"))[4:8]:
            shutil.copy(path, folder / path.name)
    return db, ingest_job(folder)


_reference: dict[str, tuple[int, dict[str, Any]]] = {}


def reference(base: tuple[Path, Path], root: Path, job_name: str) -> tuple[int, dict[str, Any]]:
    if job_name not in _reference:
        db, job = prepared(base, root / "reference", job_name)
        ticks = run_job(db, job)
        _reference[job_name] = (ticks, content(db))
    return _reference[job_name]


@pytest.mark.parametrize("job_name", ["ingest", "reprocess", "import"])
@settings(max_examples=5, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(point=st.floats(0.0, 1.0, exclude_max=True))
def test_kill_9_at_any_point_loses_nothing(base: tuple[Path, Path],
                                           tmp_path_factory: pytest.TempPathFactory,
                                           job_name: str, point: float) -> None:
    root = tmp_path_factory.getbasetemp() / f"faults-{job_name}"
    ticks, expected = reference(base, root, job_name)
    db, job = prepared(base, root / f"run-{point!r}", job_name)
    before = human_rows(db) if job_name != "import" else None
    assert run_job(db, job, kill_at=max(1, int(point * ticks))) == -9
    sound(db)
    if before is not None:  # a job over a live archive never touches the human layer
        assert human_rows(db) == before
    else:  # an import is all or nothing
        with Archive(db) as archive:
            assert archive.stats()["sources"] in (0, len(expected["sources"]))
    run_job(db, job)  # the job run again after the crash
    assert content(db) == expected
