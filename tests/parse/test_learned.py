"""The line labeller: labels derived from gold, a model that trains and loads, `sijill train`
from bundled gold and from a researcher's corrections, then `reprocess` reading an unseen
document of the same shape right."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill import pipeline
from sijill.cli import app
from sijill.model import SourceText
from sijill.parse import learned, parse_text, training
from sijill.parse.document import _signatures, prepared
from sijill.store import Archive
from tests.conftest import REPO

runner = CliRunner()

# A fictional stores office whose keeper signs in lower case after a dash: a shape the rules
# read no sender from (a name must be capitalised), which researchers then correct.
SHAPE = """Harakat al-Bustan
Office of Stores

No.: {ref}
Date: {day} Safar 1440

To: the Office of Schools

We have sent the {item} you asked for with the driver, and ask you to return the empty crates.

Peace be upon you.

{who} - keeper of the stores, signing for the office
"""
TAUGHT = [("14/B", 3, "chalk", "karim yusuf haddad"),
          ("15/B", 9, "exercise books", "sami adel nouri"),
          ("16/B", 12, "benches", "walid hasan qasim"),
          ("17/B", 20, "lamps", "fadi omar salih")]
UNSEEN = ("31/C", 25, "blackboards", "nabil fares aziz")


def _doc(ref: str, day: int, item: str, who: str) -> str:
    return SHAPE.format(ref=ref, day=day, item=item, who=who)


def test_line_labels_come_from_gold_strings() -> None:
    text = _doc(*TAUGHT[0])
    gold = {"issuer": ["Harakat al-Bustan", "Office of Stores"], "reference_number": "14/B",
            "sender": "karim yusuf haddad", "addressees": ["Office of Schools"],
            "dates": [{"calendar": "hijri", "year": 1440, "month": 2, "day": 3}]}
    lines, _ = prepared(text, False)
    labels = learned.line_labels(lines, learned.example_from_gold(text, gold))
    by_text = dict(zip((x.text for x in lines), labels, strict=True))
    assert by_text["Harakat al-Bustan"] == "letterhead"
    assert by_text["No.: 14/B"] == "reference"
    assert by_text["Date: 3 Safar 1440"] == "date"
    assert by_text["To: the Office of Schools"] == "addressee"
    assert by_text["karim yusuf haddad - keeper of the stores, signing for the office"] == "sender"
    # a body sentence is not a field line, though it may name a party
    assert by_text[next(t for t in by_text if t.startswith("We have sent"))] == "other"


def test_shipped_model_loads_once_and_fills_the_measured_fields() -> None:
    assert learned.MODEL.is_file()
    assert learned.model(learned.MODEL) is learned.model(learned.MODEL)
    # leave-one-set-out: the hybrid beats the rules on sender only (docs/quality.md)
    assert learned._sidecar_fields(learned.MODEL) == ("sender",)


def test_hybrid_leaves_the_rules_decision_on_several_signatories() -> None:
    text = ("Majlis al-Bustan\n\nDate: 3 Safar 1440\n\nThe council agreed to repair the well "
            "of the eastern quarter and to share the cost between the two villages.\n\n"
            "Abu Hasan al-Wadi\nAbu Anas al-Bustani\nKarim Yusuf Haddad\n")
    lines, lay = prepared(text, False)
    assert _signatures(lay)
    doc = parse_text(text, source=SourceText("0" * 64, text, path="s.txt"))[0]
    assert doc.sender is None


def test_train_command_from_bundled_gold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("SIJILL_SHARED", str(tmp_path / "absent"))
    out = tmp_path / "m.crfsuite"
    result = runner.invoke(app, ["train", "--no-edits", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and learned.settings_path(out).is_file()
    bundled = sum(len(g.read_text(encoding="utf-8").splitlines())
                  for g, _ in training.default_sets(REPO))
    assert f"trained on {bundled} gold documents and 0 edited documents" in result.output
    assert learned.hybrid_fields(out) == learned.MEASURED_HYBRID
    none = runner.invoke(app, ["train", "--no-edits", "--hybrid", "none", "--out", str(out)])
    assert none.exit_code == 0 and learned.hybrid_fields(out) == ()
    lines, lay = prepared(_doc(*UNSEEN), False)
    labels = learned.label(lines, lay, learned.model(out))
    assert labels[0] == "letterhead" and "reference" in labels


def _ingest(archive: Archive, folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    pipeline.ingest_paths(archive, [path])
    return next(d.id for d in archive.documents() if d.source.path.endswith(name))


def test_corrected_sender_is_learned_after_train_and_reprocess(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model = tmp_path / "lines.crfsuite"
    monkeypatch.setenv("SIJILL_LINE_MODEL", str(model))
    monkeypatch.setenv("SIJILL_SHARED", str(tmp_path / "absent"))
    monkeypatch.chdir(REPO)
    db = tmp_path / "a.db"
    with Archive(db) as archive:
        for n, values in enumerate(TAUGHT):
            doc_id = _ingest(archive, tmp_path, f"taught{n}.txt", _doc(*values))
            doc = archive.document(doc_id)
            assert doc is not None and doc.sender is None  # the rules miss this shape
            who = values[3]
            start = doc.text.index(who)
            archive.edit_field(doc_id, "sender", {"text": who, "start": start,
                                                  "end": start + len(who)}, author="ruth")
        unseen_id = _ingest(archive, tmp_path, "unseen.txt", _doc(*UNSEEN))
        unseen = archive.document(unseen_id)
        assert unseen is not None and unseen.sender is None

    result = runner.invoke(app, ["train", "--db", str(db), "--hybrid", "sender"])
    assert result.exit_code == 0, result.output
    assert "4 edited documents" in result.output
    assert learned.hybrid_fields(model) == ("sender",)

    assert runner.invoke(app, ["reprocess", "--db", str(db)]).exit_code == 0
    with Archive(db) as archive:
        unseen = next(d for d in archive.documents() if d.source.path.endswith("unseen.txt"))
        assert unseen.sender is not None
        assert unseen.sender.text == UNSEEN[3]
        assert unseen.text[unseen.sender.start:unseen.sender.end] == UNSEEN[3]


def test_train_refuses_an_unknown_hybrid_field(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train", "--no-edits", "--hybrid", "date",
                                 "--out", str(tmp_path / "m.crfsuite")])
    assert result.exit_code == 2


def test_gold_sequences_skip_missing_files(tmp_path: Path) -> None:
    gold = tmp_path / "g.jsonl"
    gold.write_text('{"file": "missing.txt", "part": 0}\n', encoding="utf-8")
    assert list(training.gold_sequences(gold, tmp_path)) == []
