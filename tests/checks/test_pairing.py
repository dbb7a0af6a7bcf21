"""Originals and translations linked in an archive (checks.pairing, store.pairs): found at
ingest, found again on reprocess, flagged where their fields disagree; a researcher's links
and unlinks survive re-ingest, reprocess, a moved file, `sijill check` and export/import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill import pipeline
from sijill.checks import pairing
from sijill.checks.archive import run_checks
from sijill.cli import app
from sijill.errors import StoreError
from sijill.export import jsonio, tei
from sijill.export.selection import Selection
from sijill.store import Archive, pairs
from tests.conftest import DATA

ARABIC = (DATA / "pairs" / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "pairs" / "clinic-supplies.en.txt").read_text(encoding="utf-8")


def _folder(tmp_path: Path, english: str = ENGLISH) -> Path:
    folder = tmp_path / "papers"
    folder.mkdir(exist_ok=True)
    (folder / "clinic.ar.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "clinic.en.txt").write_text(english, encoding="utf-8")
    (folder / "other.txt").write_text(ENGLISH.replace("314/S/1444", "77/S/1444")
                                      .replace("bandages", "blankets"), encoding="utf-8")
    return folder


def _ids(archive: Archive, folder: Path, name: str) -> list[str]:
    return [d.id for d in archive.machine_documents(str(folder / name))]


def _codes(archive: Archive, doc_id: str) -> list[str]:
    doc = archive.document(doc_id)
    assert doc is not None
    return [f.code for f in doc.flags if f.code.startswith("pair-")]


def test_two_files_named_as_a_pair_are_linked_and_agree(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Archive(tmp_path / "a.db") as archive:
        report = pipeline.ingest_paths(archive, [folder])
        [original], [translation] = _ids(archive, folder, "clinic.ar.txt"), \
            _ids(archive, folder, "clinic.en.txt")
        [pair] = pairs.effective(archive)
        assert report.pairs == 1
        assert (pair.original_id, pair.translation_id, pair.basis) == \
            (original, translation, "file-names")
        assert _codes(archive, original) == _codes(archive, translation) == []


def test_a_disagreement_is_a_flag_on_both_which_a_corrected_translation_clears(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path, ENGLISH.replace("314/S/1444", "314/S/1445"))
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        [original] = _ids(archive, folder, "clinic.ar.txt")
        [translation] = _ids(archive, folder, "clinic.en.txt")
        assert _codes(archive, original) == _codes(archive, translation) == \
            ["pair-reference-mismatch"]
        run_checks(archive)  # `sijill check` leaves the pairing's flags be
        assert _codes(archive, translation) == ["pair-reference-mismatch"]
        (folder / "clinic.en.txt").write_text(ENGLISH, encoding="utf-8")
        pipeline.ingest_paths(archive, [folder])
        [translation] = _ids(archive, folder, "clinic.en.txt")  # new bytes, a new id
        assert _codes(archive, original) == _codes(archive, translation) == []


def test_a_researchers_unlink_and_link_survive_reingest_reprocess_and_a_move(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder], root=tmp_path)
        [original] = [d.id for d in archive.machine_documents("papers/clinic.ar.txt")]
        [translation] = [d.id for d in archive.machine_documents("papers/clinic.en.txt")]
        [other] = [d.id for d in archive.machine_documents("papers/other.txt")]
        pairs.unlink(archive, original, translation, author="ed", note="another letter")
        pairs.link(archive, original, other, author="ed")
        with pytest.raises(StoreError, match="already linked"):
            pairs.link(archive, original, other, author="ed")
        with pytest.raises(StoreError, match="not its own"):
            pairs.link(archive, other, other, author="ed")

        def standing() -> set[tuple[str | None, str | None, str]]:
            return {(p.original_id, p.translation_id, p.basis)
                    for p in pairs.effective(archive)}

        assert standing() == {(original, other, "researcher")}
        (folder / "clinic.en.txt").write_text(ENGLISH + "\nA second copy.\n", encoding="utf-8")
        pipeline.ingest_paths(archive, [folder], root=tmp_path)
        pipeline.reprocess(archive)
        assert {(a, b) for a, _, b in [(o, t, basis) for o, t, basis in standing()]} \
            == {(original, "researcher")}
        shutil.move(folder / "other.txt", folder / "other-moved.txt")
        pipeline.ingest_paths(archive, [folder], root=tmp_path)
        assert {p.translation[0] for p in pairs.effective(archive)} == \
            {"papers/other-moved.txt"}
        assert [e.action for e in pairs.edits(archive, original)] == ["unlink", "link"]


def test_export_and_import_carry_the_links_and_the_researchers_edits(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        [original] = _ids(archive, folder, "clinic.ar.txt")
        [other] = _ids(archive, folder, "other.txt")
        pairs.link(archive, original, other, author="ed", note="the same clinic")
        before = {(p.original_id, p.translation_id, p.basis) for p in pairs.effective(archive)}
        jsonio.export(Selection(archive), tmp_path / "out.jsonl")
        [translation] = _ids(archive, folder, "clinic.en.txt")
        tei.export(Selection(archive), tmp_path / "tei")
        assert f'<relatedItem type="original" target="{original}.tei.xml"/>' in \
            (tmp_path / "tei" / f"{translation}.tei.xml").read_text(encoding="utf-8")
        only = Selection(archive, [translation])  # the original is not in this export
        assert only.related(translation) == []
    with Archive(tmp_path / "b.db") as copy:
        jsonio.import_file(copy, tmp_path / "out.jsonl")
        after = {(p.original_id, p.translation_id, p.basis) for p in pairs.effective(copy)}
        assert after == before and len(after) == 2
        jsonio.export(Selection(copy), tmp_path / "again.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == (tmp_path / "again.jsonl").read_bytes()


def test_show_json_and_the_pairs_commands(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", "--db", db, str(folder)])
    assert ingested.exit_code == 0 and "1 original linked" in ingested.stdout
    with Archive(db) as archive:
        [original] = _ids(archive, folder, "clinic.ar.txt")
        [translation] = _ids(archive, folder, "clinic.en.txt")
        [other] = _ids(archive, folder, "other.txt")
    shown = json.loads(runner.invoke(app, ["show", "--db", db, "--json", translation]).stdout)
    [pair] = shown["pairs"]
    assert (pair["original"], pair["translation"], pair["basis"]) == \
        (original, translation, "file-names")
    verdicts = {f["field"]: f["verdict"] for f in pair["fields"]}
    assert verdicts["reference number"] == verdicts["Hijri date"] == "agree"
    text = runner.invoke(app, ["show", "--db", db, translation]).stdout
    assert f"translation of:  {original}" in text
    done = runner.invoke(app, ["pairs", "link", "--db", db, "--author", "ed", original, other])
    assert done.exit_code == 0, done.stdout
    listed = json.loads(runner.invoke(app, ["pairs", "list", "--db", db, "--json", other]).stdout)
    assert [(p["original"], p["linked_by"]) for p in listed["pairs"]] == [(original, "ed")]
    refused = runner.invoke(app, ["pairs", "unlink", "--db", db, "--author", "ed", other,
                                  original])
    assert refused.exit_code == 1 and "not linked" in refused.output


def test_an_arabic_block_in_the_middle_of_a_page_is_linked_to_the_text_around_it(
        tmp_path: Path) -> None:
    folder = tmp_path / "blog"
    folder.mkdir()
    intro = ("This letter was found in a folder of the clinic's papers.\n"
             "It is printed here with the translation below it.\n"
             "The stamp at the foot is unreadable.\nThe paper is a carbon copy.\n\n")
    page = intro + ARABIC + "\n" + ENGLISH.replace("12 Rajab 1444", "13 Rajab 1444")
    (folder / "post.txt").write_text(page, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        [doc] = archive.machine_documents(str(folder / "post.txt"))
        [pair] = pairs.effective(archive)
        assert pair.basis == "block" and pair.original_id == pair.translation_id == doc.id
        assert pair.block is not None and doc.text[pair.block[0]:].startswith("بسم الله")
        shown = archive.document(doc.id)
        assert shown is not None
        [flag] = [f for f in shown.flags if f.code == "pair-date-mismatch"]
        assert {s.text for s in flag.spans} >= {"١٢ رجب ١٤٤٤ هـ"}
        pairs.unlink(archive, doc.id, doc.id, author="ed")
        pipeline.reprocess(archive)
        assert pairs.effective(archive) == []


@pytest.mark.skipif(shutil.which("tesseract") is None,
                    reason="Tesseract missing: run scripts/setup-ocr.sh")
def test_a_scan_read_by_ocr_is_an_original_like_any_other(tmp_path: Path) -> None:
    from sijill.synth import arabic
    from sijill.web.app import create_app
    from tests.web.conftest import TestClient  # imported there with its warning silenced

    folder = tmp_path / "scans"
    folder.mkdir()
    arabic.render(ARABIC, "noto-sans").save(folder / "clinic (Arabic).png")
    (folder / "clinic.txt").write_text(ENGLISH, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        [scan] = archive.machine_documents(str(folder / "clinic (Arabic).png"))
        [translation] = _ids(archive, folder, "clinic.txt")
        assert scan.language == "ar"
        [pair] = pairs.effective(archive)
        assert (pair.original_id, pair.translation_id, pair.rule) == \
            (scan.id, translation, "NAME (arabic) + NAME")
    with TestClient(create_app(tmp_path / "a.db", public=True)) as client:
        page = client.get(f"/documents/{scan.id}").text
        assert 'id="scan"' in page and 'id="pair-view"' in page


def test_an_ingest_compares_again_only_the_links_it_touches(tmp_path: Path) -> None:
    folder = _folder(tmp_path, ENGLISH.replace("314/S/1444", "314/S/1445"))
    second = tmp_path / "second"
    second.mkdir()
    (second / "fuel.ar.txt").write_text(ARABIC.replace("١٢ رجب", "١٣ رجب"), encoding="utf-8")
    (second / "fuel.en.txt").write_text(ENGLISH, encoding="utf-8")
    with Archive(tmp_path / "a.db") as archive:
        pipeline.ingest_paths(archive, [folder])
        [translation] = _ids(archive, folder, "clinic.en.txt")
        report = pipeline.ingest_paths(archive, [second])
        assert report.pairs == 2
        [fuel] = _ids(archive, second, "fuel.en.txt")
        assert _codes(archive, translation) == ["pair-reference-mismatch"]  # left as it was
        assert _codes(archive, fuel) == ["pair-date-mismatch"]
        found = pairing.refresh(archive, {str(second / "fuel.ar.txt")})
        assert (found.links, found.flags) == (2, 2)  # one link compared: a flag on each side
        [original] = _ids(archive, folder, "clinic.ar.txt")
        pairs.unlink(archive, original, translation, author="ed")
        pairing.refresh(archive, (), touched=(original, translation))
        assert _codes(archive, translation) == [] and _codes(archive, original) == []
        assert _codes(archive, fuel) == ["pair-date-mismatch"]
