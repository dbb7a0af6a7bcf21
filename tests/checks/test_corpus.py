"""No check fires where it should not, on the sample corpus (only the calendar's deliberate
slips listed in examples/corpus/README.md and the hard sets' date traps) and on the real-shape
twins in ../shared/real-shapes (skipped when absent). Archive health alone may fire anywhere:
its findings describe documents (no date, no issuer), they do not doubt them. The per-check
figures are in docs/checks.md (bench/checks_fp.py)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from sijill import pipeline
from sijill.checks.archive import run_checks
from sijill.store import Archive
from tests.conftest import CORPUS, SHARED

REAL_SHAPES = SHARED / "real-shapes"
DELIBERATE = {"calendar": ("letters/016", "letters/017", "pdf/03", "hard/09_", "hard/10_",
                           "hard/11_", "hard/12_", "hard5/19_", "hard6/18_")}
# Checks that describe rather than doubt a document, and may fire on any (parse flags: "").
DESCRIPTIVE = ("", "health")

def _fired(folder: Path, tmp_path: Path) -> dict[str, set[str]]:
    with Archive(tmp_path / "fp.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        run = run_checks(archive)
    out: dict[str, set[str]] = defaultdict(set)
    for doc in run.docs:
        for flag in doc.flags:
            out[flag.code].add(doc.source.path or "")
    for i, flag in run.findings:
        out[flag.code].add(run.docs[i].source.path or "")
    return out


def _check(code: str) -> str:
    from sijill.store.flags import check_name
    return check_name(code) or ""


def test_sample_corpus_fires_only_where_built_to(tmp_path: Path) -> None:
    fired = _fired(CORPUS, tmp_path)
    for code, paths in fired.items():
        check = _check(code)
        if check not in DESCRIPTIVE:
            allowed = DELIBERATE.get(check, ())
            wrong = [p for p in paths if not any(part in p for part in allowed)]
            assert not wrong, (code, wrong)
    calendar = {p for code, paths in fired.items() if _check(code) == "calendar" for p in paths}
    assert len(calendar) == len(DELIBERATE["calendar"])  # and each slip is found

@pytest.mark.skipif(not REAL_SHAPES.exists(), reason="../shared/real-shapes is not beside the repo")
def test_real_shapes_fire_no_check_but_health(tmp_path: Path) -> None:
    fired = _fired(REAL_SHAPES, tmp_path)
    wrong = {code: paths for code, paths in fired.items()
             if _check(code) not in DESCRIPTIVE}
    assert not wrong
