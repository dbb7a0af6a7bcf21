"""Scoring follows contracts/gold.md: folding, exact fields, micro P/R/F1, lenient, splitting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sijill.evaluate import evaluate
from sijill.model import DateValue, Document, Entity, Source, Span
from sijill.names import fold_value as fold

TEXT = "Islamic State\nWilayat Idlib\nNo. 7\nSubject: flour\nTo: Abu Malik al-Halabi\ncc. Archive"


def span(word: str) -> Span:
    start = TEXT.index(word)
    return Span(word, start, start + len(word))


def doc(part: int = 0) -> Document:
    d = span("No. 7")
    return Document(
        Source("c" * 64, part), TEXT,
        issuer=[span("Islamic State")], reference_number=span("7"), subject=span("flour"),
        addressees=[span("Abu Malik al-Halabi")], cc=[span("Archive")],
        dates=[DateValue(d.text, d.start, d.end, calendar="hijri", year=1443, month=1, day=8)],
        entities=[Entity("p", "person", "Abu Malik"), Entity("o", "organization", "Islamic State")],
    )


def write_gold(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in entries), encoding="utf-8")
    return path


GOLD = {
    "file": "a.txt", "part": 0, "issuer": ["Islamic State", "Wilayat Idlib"],
    "reference_number": "7", "dates": [{"calendar": "hijri", "year": 1443, "month": 1, "day": 8}],
    "date": None, "subject": "Flour", "sender": None, "addressees": ["Abu Malik al–Halabi"],
    "cc": ["Archive"], "persons": ["Abu Malik al-Halabi"], "organizations": ["Islamic State"],
    "places": ["Idlib"], "aliases": [], "has_editor_note": False,
}


@pytest.mark.parametrize(("a", "b"), [
    ("Hay’at Tahrir al-Sham", "hayat tahrir al sham"),
    ("  “Archive.” ", "archive"),
    ("Dhul-Qi'dah", "DHUL QIDAH"),
])
def test_fold_meets_variants(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_fold_keeps_different_names_apart() -> None:
    assert fold("Hamid") != fold("Hamad")


def test_scores_each_field_as_gold_md_defines(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, GOLD)
    report = evaluate([(gold, tmp_path)], lambda _: [doc()]).as_dict()
    fields = report["fields"]
    assert fields["reference_number"]["accuracy"] == 1.0
    assert fields["subject"]["accuracy"] == 1.0  # folding makes case irrelevant
    assert fields["date"]["accuracy"] == 1.0  # null gold matches null prediction
    assert fields["issuer"] == {**fields["issuer"], "precision": 1.0, "recall": 0.5}
    assert fields["addressees"]["f1"] == 1.0  # en dash folds like a hyphen
    assert fields["dates"]["f1"] == 1.0
    persons = report["entities"]["persons"]
    assert persons["strict"]["f1"] == 0.0
    assert persons["lenient"]["f1"] == 1.0  # "Abu Malik" sits inside the gold's fuller form
    assert report["entities"]["places"]["strict"]["recall"] == 0.0
    assert report["split"]["accuracy"] == 1.0


def test_split_counts_documents_per_file(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, GOLD, {**GOLD, "part": 1})
    report = evaluate([(gold, tmp_path)], lambda _: [doc()]).as_dict()
    assert report["split"]["accuracy"] == 0.0
    assert report["split"]["errors"] == [{"file": "a.txt", "gold": 2, "predicted": 1}]
    # the missing second part scores as an empty prediction
    assert report["fields"]["reference_number"]["correct"] == 1


def test_a_failing_file_is_reported_and_scored_empty(tmp_path: Path) -> None:
    def broken(_: Path) -> list[Document]:
        raise ValueError("unreadable")

    report = evaluate([(write_gold(tmp_path, GOLD), tmp_path)], broken).as_dict()
    assert report["failures"] == [{"file": "a.txt", "reason": "unreadable"}]
    assert report["fields"]["issuer"]["recall"] == 0.0
