"""The `sijill` command end to end, on real files and a real SQLite archive."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill import pipeline
from sijill.cli import app
from sijill.evaluate import read_gold
from sijill.store import Archive
from tests.conftest import CORPUS, REPO

runner = CliRunner()
BAD = REPO / "tests" / "data" / "bad"


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "archive.db")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("corpus") / "sijill.db")
    code, out = run("ingest", str(CORPUS), "--db", path)
    assert code == 0, out
    return path


def search_ids(db: str, query: str) -> list[str]:
    code, out = run("search", query, "--db", db, "--json", "--limit", "50")
    assert code == 0, out
    data = json.loads(out)
    assert set(data) == {"results", "total", "variants"}
    assert all(set(r) == {"id", "title", "snippet", "score", "date"} for r in data["results"])
    return [r["id"] for r in data["results"]]


def test_search_query_error_exits_2_with_the_reason(corpus_db: str) -> None:
    code, out = run("search", "(flour OR sugar", "--db", corpus_db)
    assert code == 2 and "never closed" in out


def test_parse_seed_prints_one_valid_document(seed_path: Path, validator) -> None:
    code, out = run("parse", str(seed_path), "--format", "jsonl")
    assert code == 0, out
    lines = out.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])
    validator.validate(doc)
    assert "Leave a Reply" not in doc["text"]
    assert "You are commenting" not in doc["text"]
    assert doc["text"].rstrip().endswith("the matter was not implemented.")
    text = doc["text"]
    spans = [doc[k] for k in ("reference_number", "subject", "sender") if doc[k]]
    lists = ("issuer", "dates", "addressees", "cc", "notes", "mentions")
    spans += [s for k in lists for s in doc[k]]
    assert spans
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"]


def test_ingest_reports_each_bad_file_and_keeps_the_rest(db: str) -> None:
    code, out = run("ingest", str(BAD), "--db", db)
    assert code == 1
    assert "1 added" in out and "4 failed" in out
    for name, reason in [("empty.txt", "empty"), ("binary.bin", "binary"),
                         ("truncated.pdf", "PDF"), ("invalid-utf8.txt", "UTF-8")]:
        line = next(line for line in out.splitlines() if name in line)
        assert reason in line
    code, out = run("ingest", str(BAD), "--db", db)
    assert "0 added, 0 updated, 1 unchanged" in out
    with Archive(db) as archive:
        assert archive.stats()["documents"] == 1


def test_search_finds_by_body_subject_and_person(corpus_db: str) -> None:
    gold = read_gold(CORPUS / "gold.jsonl")
    with_subject = next(g for g in gold if g["subject"] and len(g["subject"].split()) > 1)
    with_person = next(g for g in gold if g["persons"])
    with Archive(corpus_db) as archive:
        docs = {(Path(d.source.path).resolve(), d.source.part): d.id for d in archive.documents()}

    def doc_id(entry: dict) -> str:
        return docs[((CORPUS / entry["file"]).resolve(), entry["part"])]

    assert doc_id(with_subject) in search_ids(corpus_db, with_subject["subject"])
    assert doc_id(with_person) in search_ids(corpus_db, f'"{with_person["persons"][0]}"')
    hits = search_ids(corpus_db, "salaries")  # stemmed: salary and salaries
    exact = search_ids(corpus_db, '"salaries"')  # quoted: this spelling only
    assert hits and exact and set(exact) <= set(hits)
    with Archive(corpus_db) as archive:
        assert all("salar" in archive.document(i).text.lower() for i in hits)
        assert all("salaries" in archive.document(i).text.lower() for i in exact)
        assert any("salaries" not in archive.document(i).text.lower() for i in hits)


def test_show_prints_the_contract(corpus_db: str, validator) -> None:
    some_id = search_ids(corpus_db, "the")[0]
    code, out = run("show", some_id, "--json", "--db", corpus_db)
    assert code == 0
    validator.validate(json.loads(out))
    assert run("show", "nope-0", "--db", corpus_db)[0] == 1


def test_reingest_of_the_corpus_changes_nothing(corpus_db: str) -> None:
    code, out = run("ingest", str(CORPUS), "--db", corpus_db)
    assert code == 0
    assert " 0 added, 0 updated" in f" {out}"
    assert "0 failed" in out


def test_changed_file_is_updated_and_keeps_human_edits(tmp_path: Path, db: str) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Harakat Nur al-Wadi\n\nSubject: bread for the school\n\nThe flour has "
                      "arrived.\n", encoding="utf-8")
    assert run("ingest", str(letter), "--db", db)[0] == 0
    with Archive(db) as archive:
        (doc,) = archive.documents()
        start = doc.text.index("bread")
        archive.edit_field(doc.id, "subject", {"text": "bread", "start": start,
                                               "end": start + 5}, author="tester")
    letter.write_text("Harakat Nur al-Wadi\n\nSubject: bread for the school\n\nThe flour has "
                      "arrived late.\n", encoding="utf-8")
    code, out = run("ingest", str(letter), "--db", db)
    assert "1 updated" in out
    with Archive(db) as archive:
        (doc,) = archive.documents()
        assert "late" in doc.text
        assert doc.subject is not None and doc.subject.text == "bread"
        assert doc.subject.is_valid_in(doc.text)
    assert run("reprocess", "--db", db)[0] == 0
    with Archive(db) as archive:
        (doc,) = archive.documents()
        assert doc.subject is not None and doc.subject.text == "bread"


def test_a_file_that_cannot_be_stored_fails_alone(tmp_path: Path, db: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The batch it was in rolls back, then its other files are stored one by one."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"{n}.txt").write_text(f"Notice number {n} about clinic hours.\n")
    original = Archive.put_source

    def flaky(self, source, *args, **kwargs):
        if source.key.endswith("1.txt"):
            raise RuntimeError("disk full")
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(Archive, "put_source", flaky)
    with Archive(db) as archive:
        report = pipeline.ingest_paths(archive, [folder])
        assert [Path(p).name for p, _ in report.failed] == ["1.txt"]
        assert "disk full" in report.failed[0][1]
        assert sorted(Path(p).name for p in report.added) == ["0.txt", "2.txt"]
        assert archive.stats()["sources"] == 2


def test_usage_errors_exit_2(db: str) -> None:
    assert run("ingest", "--db", db)[0] == 2
    assert run("evaluate", "only-gold.jsonl")[0] == 2


def test_python_dash_m(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "sijill", "--help"], capture_output=True,
                         text=True, check=True, cwd=tmp_path).stdout
    assert "ingest" in out and "evaluate" in out


def test_evaluate_prints_scores_on_the_seed(seed_path: Path) -> None:
    gold = REPO / "tests" / "data" / "seed.gold.jsonl"
    code, out = run("evaluate", str(gold), str(seed_path.parent), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["documents"] == 1
    assert report["fields"]["reference_number"]["accuracy"] == 1.0
    assert report["split"]["accuracy"] == 1.0


@pytest.mark.parametrize("stage", ["parse", "entities", "relations"])
def test_reprocess_from_any_stage_keeps_every_document(tmp_path: Path, stage: str) -> None:
    db = str(tmp_path / "a.db")
    assert run("ingest", str(CORPUS / "letters"), "--db", db)[0] == 0
    with Archive(db) as archive:
        before = {d.id: d.to_dict() for d in archive.documents()}
    code, out = run("reprocess", "--stage", stage, "--db", db)
    assert code == 0, out
    assert f"{len(before)} documents" in out
    with Archive(db) as archive:
        after = {d.id: d.to_dict() for d in archive.documents()}
    assert after == before  # same stages, same versions: the same output
    assert any(d["mentions"] for d in after.values())


def test_reprocess_offers_exactly_the_pipeline_stages() -> None:
    from sijill.cli.ingest import StageName

    assert [s.value for s in StageName] == list(pipeline.STAGES)
