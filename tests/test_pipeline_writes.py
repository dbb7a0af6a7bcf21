"""Writes in short transactions (issue 12, defect 4): while `reprocess` or `ingest` runs, an
editor's write (an edit, or a login's `last_login`) waits at most for one batch, never for
the whole job. The job runs in a forked child; the editor writes here with a busy timeout of
two seconds, which a job holding the write lock for its whole run would exceed.
All sample text is fictional."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.store import Archive

LETTER = ("Office of Schools\nNo.: {n}\nTo: the director of the school of Kafr Nabl\n\n"
          "Subject: chalk and exercise books\n\nPlease collect {n} boxes of chalk and the "
          "exercise books for the new term from the store of the Office.\n\n"
          "Signed: Abu Karim al-Muallim\n")
BUSY_MS = 2000


def letters(folder: Path, first: int, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        (folder / f"letter-{n:03d}.txt").write_text(LETTER.format(n=n), "utf-8")
    return folder


@pytest.mark.parametrize("job_name", ["reprocess", "ingest"])
def test_an_editor_never_waits_for_a_whole_job(tmp_path: Path, job_name: str) -> None:
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        assert pipeline.ingest_paths(archive, [letters(tmp_path / "in", 0, 200)]).ok
        doc = next(iter(archive.documents()))
    more = letters(tmp_path / "more", 300, 200)
    pid = os.fork()
    if pid == 0:
        try:
            with Archive(db) as job:
                if job_name == "reprocess":
                    pipeline.reprocess(job)
                else:
                    pipeline.ingest_paths(job, [more])
        finally:
            os._exit(0)
    waits = []
    running = True
    try:
        with Archive(db) as editor:
            editor.connection.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            at = doc.text.index("chalk")
            while running:
                start = time.monotonic()
                editor.edit_field(doc.id, "subject", {"text": "chalk", "start": at,
                                                      "end": at + 5}, author="rania")
                waits.append(time.monotonic() - start)
                time.sleep(0.05)
                running = os.waitpid(pid, os.WNOHANG) == (0, 0)
    finally:
        if running:
            os.waitpid(pid, 0)
    assert len(waits) >= 5, "the editor could not write while the job ran: it waited for all of it"
    assert max(waits) < BUSY_MS / 1000
