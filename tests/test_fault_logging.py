"""A fault a stage turns into a flag keeps its traceback in the log, where it became the flag."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from sijill import checks, evaluate, parse, relations
from sijill.errors import IngestError
from sijill.model import Document, SourceText
from sijill.parse import training

LETTER = ("Office of Supplies\nNo. 12/4\nTo the clinic of the northern district\n"
          "Subject: flour for the bakery\nPlease receive forty sacks of flour.\n")


def source() -> SourceText:
    return SourceText(sha256="0" * 64, text=LETTER, path="letter.txt", media_type="text/plain")


def documents() -> list[Document]:
    return parse.parse_text(LETTER, source=source())


def broken(*_: object, **__: object) -> None:
    raise ZeroDivisionError("a bug in the fictional check")


def logged(caplog: pytest.LogCaptureFixture, logger: str) -> logging.LogRecord:
    records = [r for r in caplog.records if r.name == logger and r.exc_info]
    assert len(records) >= 1, caplog.text
    exc = records[0].exc_info
    assert exc is not None and isinstance(exc[1], ZeroDivisionError)
    return records[0]


@pytest.mark.parametrize(("stage", "module", "target", "code"), [
    (checks.stage, checks, "check_document", "checks-failed"),
    (relations.stage, relations, "extract_relations", "relations-failed"),
])
def test_a_stage_fault_is_flagged_and_logged(monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture, stage: object,
                                             module: object, target: str, code: str) -> None:
    docs = documents()
    monkeypatch.setattr(module, target, broken)
    with caplog.at_level(logging.ERROR):
        out = stage(source(), docs)  # type: ignore[operator]
    assert [f.code for d in out for f in d.flags if f.code == code] == [code] * len(docs)
    assert logged(caplog, module.__name__).levelno == logging.ERROR  # type: ignore[attr-defined]


def test_a_parse_fault_is_flagged_and_logged(monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(parse, "parse_document", broken)
    monkeypatch.setattr(parse, "split", broken)
    with caplog.at_level(logging.ERROR):
        docs = documents()
    assert len(docs) == 1 and docs[0].text == LETTER  # split failed: the page kept whole
    assert any(f.severity == "error" for f in docs[0].flags)
    assert len([r for r in caplog.records if r.name == "sijill.parse" and r.exc_info]) == 2


def test_evaluate_logs_a_bug_but_not_a_bad_file(tmp_path: Path,
                                                caplog: pytest.LogCaptureFixture) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "part": 0}\n{"file": "b.txt", "part": 0}\n',
                    encoding="utf-8")

    def parse_file(path: Path) -> list[Document]:
        if path.name == "a.txt":
            raise IngestError(str(path), "empty file")
        raise ZeroDivisionError("a bug in the fictional parser")

    with caplog.at_level(logging.ERROR):
        result = evaluate.evaluate([(str(gold), str(tmp_path))], parse_file)
    assert [f["file"] for f in result.failures] == ["a.txt", "b.txt"]
    assert "b.txt" in logged(caplog, "sijill.evaluate").getMessage()
    assert "a.txt" not in caplog.text


def test_training_skips_an_unreadable_source_and_logs_a_bug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "a.txt").write_text(LETTER, encoding="utf-8")
    (tmp_path / "b.txt").write_text(LETTER, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "part": 0}\n{"file": "b.txt", "part": 0}\n',
                    encoding="utf-8")

    def load(path: Path) -> SourceText:
        if path.name == "a.txt":
            raise IngestError(str(path), "empty file")
        raise ZeroDivisionError("a bug in the fictional reader")

    monkeypatch.setattr(training.ingest, "load", load)
    with caplog.at_level(logging.ERROR):
        assert list(training.gold_sequences(gold, tmp_path)) == []
    assert "b.txt" in logged(caplog, "sijill.parse.training").getMessage()
    assert "a.txt" not in caplog.text
