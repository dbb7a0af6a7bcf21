"""The archive-wide checks through a real archive: duplicates and variants, entity type
conflicts, `sijill check --json`, and dismissals that survive reprocess, a new check run and
export -> import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sijill import pipeline
from sijill.checks import duplicates, samples
from sijill.checks.archive import run_checks
from sijill.cli import app
from sijill.errors import StoreError
from sijill.export import jsonio
from sijill.export.selection import Selection
from sijill.store import Archive, flag_edits
from sijill.store import flags as store_flags
from sijill.web import docview
from tests.checks.conftest import LETTER
from tests.conftest import span_of
from tests.web.conftest import login


def _archive(tmp_path: Path, files: dict[str, str]) -> Archive:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    archive = Archive(tmp_path / "a.db")
    pipeline.ingest_paths(archive, [folder])
    return archive


def _ids(archive: Archive) -> dict[str, str]:
    return {Path(d.source.path or "").name: d.id for d in archive.documents()}


def test_a_document_held_twice_is_linked_with_both_sources(tmp_path: Path) -> None:
    respaced = LETTER.replace("Peace be upon you. ", "Peace be upon you.\n\n")
    with _archive(tmp_path, {"a.txt": LETTER, "b.txt": respaced}) as archive:
        run = run_checks(archive)
        assert [link.kind for link in run.links] == ["copy"]
        ids = _ids(archive)
        copy = archive.document(ids["b.txt"])
        assert copy is not None and "duplicate-copy" in {f.code for f in copy.flags}
        kept = archive.document(ids["a.txt"])
        assert kept is not None
        related = docview.related(archive, kept)
        assert [(r.kind, r.doc_id, r.held_first) for r in related] == [
            ("copy", ids["b.txt"], False)]
        assert related[0].where.endswith("b.txt")
        assert [(r.doc_id, r.held_first) for r in docview.related(archive, copy)] == [
            (ids["a.txt"], True)]


def test_a_variant_is_linked_with_its_differing_passages(tmp_path: Path) -> None:
    chrome = ("Home | About | Archive\nPosted on 3 May 2020 by admin\n\n"
              + LETTER.replace("the closing day", "the last day")
              + "\nShare this: Facebook Twitter\nLeave a comment\n")
    with _archive(tmp_path, {"a.txt": LETTER, "mirror.txt": chrome, "other.txt":
                             LETTER.replace("Peace", "Bread for the bakeries is late. Peace")
                             .split("Peace be upon you.")[0] + "A different letter about "
                             "the water tanks of the camp, their repair and the pay of the "
                             "guards, with nothing else in common."}) as archive:
        run = run_checks(archive)
        ids = _ids(archive)
        assert {(link.kind, link.a.id, link.b.id) for link in run.links} == {
            ("variant", ids["a.txt"], ids["mirror.txt"])}
        doc = archive.document(ids["a.txt"])
        assert doc is not None and "variant-of" in {f.code for f in doc.flags}
        diff = docview.related(archive, doc)[0].differences
        assert ("closing", "last") in diff


def test_entity_type_conflicts_are_flagged_on_the_minority(tmp_path: Path) -> None:
    from sijill.checks.archive import Run, _entity_types
    from sijill.model import Document, Mention, Source

    def doc(n: int, kind: str) -> Document:
        text = f"Letter {n} names Qasr al-Nakhil here."
        at = text.index("Qasr")
        return Document(Source(f"{n:064x}", 0, f"{n}.txt"), text, mentions=[
            Mention("Qasr al-Nakhil", at, at + 14, type=kind)])  # type: ignore[arg-type]

    run = Run([doc(1, "place"), doc(2, "place"), doc(3, "person")])
    _entity_types(run)
    assert [(i, f.code) for i, f in run.findings] == [(2, "health-entity-type")]


def test_near_duplicates_of_a_generated_set_precision_and_recall() -> None:
    """Letters re-wrapped in other page furniture, retitled, re-spaced, cut short."""
    items = samples.sample_set(1500, seed=3)
    found = {(p.a, p.b) for p in duplicates.find_pairs(items.texts)}
    hits = len(found & items.pairs)
    precision, recall = hits / len(found), hits / len(items.pairs)
    assert len(items.pairs) > 300
    assert precision >= 0.95 and recall >= 0.95, (precision, recall)


def test_short_texts_are_never_called_duplicates() -> None:
    assert not list(duplicates.find_pairs(["Receipt of flour.", "Receipt of flour."]))


def _weekday_flag(archive: Archive, doc_id: str) -> store_flags.Flag | None:
    doc = archive.document(doc_id)
    assert doc is not None
    return next((f for f in doc.flags if f.code == "calendar-weekday"), None)


def test_a_dismissal_survives_reprocess_a_new_check_and_export_import(tmp_path: Path) -> None:
    with _archive(tmp_path, {"a.txt": LETTER}) as archive:
        doc_id = _ids(archive)["a.txt"]
        flag = _weekday_flag(archive, doc_id)
        assert flag is not None
        with pytest.raises(StoreError, match="reason"):
            flag_edits.dismiss(archive, doc_id, store_flags.flag_key(flag), reason=" ",
                                author="ed")
        flag_edits.dismiss(archive, doc_id, store_flags.flag_key(flag),
                            reason="the original reads Tuesday; the translator slipped",
                            author="ed")
        assert _weekday_flag(archive, doc_id) is None
        facet = archive.connection.execute(
            "SELECT count(*) FROM flags WHERE code = 'calendar-weekday'").fetchone()[0]
        assert facet == 0
        pipeline.reprocess(archive)
        run_checks(archive)
        assert _weekday_flag(archive, doc_id) is None
        machine = archive.machine_document(doc_id)
        assert machine is not None and "calendar-weekday" in {f.code for f in machine.flags}
        out = tmp_path / "export.jsonl"
        jsonio.export(Selection(archive), out)
    with Archive(tmp_path / "b.db") as other:
        jsonio.import_file(other, out)
        assert _weekday_flag(other, doc_id) is None
        [kept] = flag_edits.dismissals(other, doc_id)
        assert kept.reason.startswith("the original reads Tuesday") and kept.author == "ed"
        assert not other.connection.execute(
            "SELECT count(*) FROM flags WHERE code = 'calendar-weekday'").fetchone()[0]


def test_check_command_json(tmp_path: Path) -> None:
    with _archive(tmp_path, {"a.txt": LETTER, "b.txt": LETTER + "\n"}):
        pass
    result = CliRunner().invoke(app, ["check", "--json", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 2 and report["links"][0]["kind"] == "copy"
    assert report["checks"]["calendar"]["codes"] == {"calendar-weekday": 2}
    weekday = next(f for f in report["flags"] if f["code"] == "calendar-weekday")
    assert weekday["check"] == "calendar" and weekday["spans"][0]["text"] == "12 March 2019"
    listed = CliRunner().invoke(app, ["flags", "dismiss", weekday["document"], weekday["key"],
                                      "--reason", "checked", "--author", "ed",
                                      "--db", str(tmp_path / "a.db")])
    assert listed.exit_code == 0, listed.output
    again = json.loads(CliRunner().invoke(
        app, ["check", "--json", "--db", str(tmp_path / "a.db")]).output)
    assert again["dismissed"] == 1 and again["checks"]["calendar"]["flags"] == 1


def test_flags_are_exported_to_tei_and_csv_without_the_dismissed(tmp_path: Path) -> None:
    import csv

    from lxml import etree

    from sijill.export import tables, tei

    slip = LETTER.replace("Date: Sunday 12 March 2019", "Date: 1 Ramadan 1440 (16 May 2019)")
    with _archive(tmp_path, {"a.txt": LETTER, "b.txt": slip}) as archive:
        ids = _ids(archive)
        flag_edits.dismiss(archive, ids["a.txt"], "calendar-weekday", reason="checked",
                            author="ed")
        selection = Selection(archive)
        trees = {d.id: etree.fromstring(tei.to_bytes(tei.document_tree(d, selection)))
                 for d in selection.documents()}
        tables.export(selection, tmp_path / "csv")
    ns = {"t": "http://www.tei-c.org/ns/1.0"}

    def notes(doc_id: str) -> dict[str, etree._Element]:
        found = trees[doc_id].findall(".//t:notesStmt/t:note[@type='flag']", ns)
        return {n.get("subtype"): n for n in found}

    assert "calendar-weekday" not in notes(ids["a.txt"])
    mismatch = notes(ids["b.txt"])["date-mismatch"]
    assert mismatch.get("n") == "warning" and "Umm al-Qura" in (mismatch.text or "")
    assert [q.text for q in mismatch.findall("t:quote", ns)] == ["1 Ramadan 1440", "16 May 2019"]
    with (tmp_path / "csv" / "flags.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert "calendar-weekday" not in {r["code"] for r in rows}
    row = next(r for r in rows if r["code"] == "date-mismatch")
    assert row["check"] == "calendar" and row["spans"] == "1 Ramadan 1440 | 16 May 2019"
    assert row["document"] == ids["b.txt"]


def test_flags_api_lists_and_dismisses(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from sijill.web.app import create_app
    from tests.web.conftest import add_users

    with _archive(tmp_path, {"a.txt": LETTER}) as archive:
        add_users(archive)
        doc_id = _ids(archive)["a.txt"]
    with TestClient(create_app(tmp_path / "a.db"), follow_redirects=False) as client:
        token = login(client, "reg")
        listed = client.get(f"/api/documents/{doc_id}/flags").json()
        weekday = next(f for f in listed["flags"] if f["code"] == "calendar-weekday")
        assert weekday["check"] == "calendar" and weekday["spans"][0]["text"] == "12 March 2019"
        body = {"flag": weekday["key"], "reason": "the scan reads Tuesday"}
        refused = client.post(f"/api/documents/{doc_id}/flags/dismiss", json=body,
                              headers={"X-CSRF-Token": token})
        assert refused.status_code == 403  # a reader may not
        client.post("/logout", data={"csrf_token": token})
        token = login(client, "ed")
        done = client.post(f"/api/documents/{doc_id}/flags/dismiss", json=body,
                           headers={"X-CSRF-Token": token})
        assert done.status_code == 201, done.text
        again = client.get(f"/api/documents/{doc_id}/flags").json()
        assert weekday["key"] not in {f["key"] for f in again["flags"]}
        assert again["dismissed"][0]["reason"] == "the scan reads Tuesday"
        no_reason = client.post(f"/api/documents/{doc_id}/flags/dismiss",
                                json={"flag": "calendar-weekday"}, headers={"X-CSRF-Token": token})
        assert no_reason.status_code == 400


def test_a_dismissal_follows_its_words_when_the_source_changes(tmp_path: Path) -> None:
    with _archive(tmp_path, {"a.txt": LETTER}) as archive:
        doc_id = _ids(archive)["a.txt"]
        flag_edits.dismiss(archive, doc_id, "calendar-weekday", reason="checked", author="ed")
        (tmp_path / "in" / "a.txt").write_text("[Page 1 of 1]\n\n" + LETTER, encoding="utf-8")
        report = pipeline.ingest_paths(archive, [tmp_path / "in"])
        assert len(report.updated) == 1
        new_id = _ids(archive)["a.txt"]
        assert new_id != doc_id and _weekday_flag(archive, new_id) is None
        assert [d.doc_id for d in flag_edits.dismissals(archive, new_id)] == [new_id]


def test_every_kind_of_mirror_copy_is_found() -> None:
    """Each seed makes 10 letters' copies (furniture, title, spacing, cut) among 30 letters;
    the LSH index may miss a heavily cut copy now and then (docs/checks.md gives the odds),
    so over 50 copies at least 95 % of those sharing 80 % of their words must be found, and
    nothing else."""
    import random

    wanted, found_all = 0, 0
    for seed in range(5):
        rng = random.Random(seed)
        letters = [samples.original(rng, n) for n in range(30)]
        copies = [samples.copy_of(rng, text) for text in letters[:10]]
        found = {(p.a, p.b) for p in duplicates.find_pairs(letters + copies)}
        true = {(i, 30 + i) for i in range(10) if _share(letters[i], copies[i]) >= 0.8}
        assert found <= true
        wanted, found_all = wanted + len(true), found_all + len(found)
    assert wanted >= 45 and found_all >= 0.95 * wanted


def _share(a: str, b: str) -> float:
    sa = set(duplicates.shingle_hashes(duplicates.words(a), 5).tolist())
    sb = set(duplicates.shingle_hashes(duplicates.words(b), 5).tolist())
    return len(sa & sb) / min(len(sa), len(sb))


def _subject(archive: Archive, doc_id: str) -> str | None:
    doc = archive.document(doc_id)
    assert doc is not None
    return doc.subject.text if doc.subject else None


def test_a_document_held_twice_is_one_search_result_listing_both_sources(
        tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from sijill.store.search import NameIndex, engine
    from sijill.web import search as web_search
    from sijill.web.app import create_app

    mirror = LETTER.replace("Peace be upon you. ", "Peace be upon you.\n\n")
    with _archive(tmp_path, {"a.txt": LETTER, "b.txt": mirror}) as archive:
        ids = _ids(archive)
        kept, copy = ids["a.txt"], ids["b.txt"]
        conn = archive.connection
        assert engine.search(conn, "certificates").total == 2  # before `sijill check`
        run_checks(archive)
        found = engine.search(conn, "certificates")
        assert (found.total, [h.id for h in found.hits]) == (1, [kept])
        assert engine.matching_ids(conn, "certificates") == [kept]
        # the facets count the document once, and know no copy
        listed = web_search.search(archive, NameIndex(), "")
        assert listed.total == 1 and [h.id for h in listed.hits] == [kept]
        assert "duplicates" not in dict(listed.facets["check"])
        assert dict(listed.facets["flag"])["calendar-weekday"] == 1
        # a researcher's work on either is kept: an edit on each, a dismissal on the copy
        archive.edit_field(kept, "subject", span_of(LETTER, "certificates").to_dict(), author="ed")
        archive.edit_field(copy, "subject", span_of(mirror, "end-of-year").to_dict(), author="ed")
        flag_edits.dismiss(archive, copy, "calendar-weekday", reason="checked", author="ed")
        pipeline.reprocess(archive)
        run_checks(archive)
        assert [h.id for h in engine.search(conn, "certificates").hits] == [kept]
        assert (_subject(archive, kept), _subject(archive, copy)) == (
            "certificates", "end-of-year")
        assert _weekday_flag(archive, copy) is None and _weekday_flag(archive, kept)
    cli = CliRunner().invoke(app, ["search", "certificates", "--json",
                                   "--db", str(tmp_path / "a.db")])
    assert cli.exit_code == 0, cli.output
    assert [r["id"] for r in json.loads(cli.output)["results"]] == [kept]
    with TestClient(create_app(tmp_path / "a.db", public=True)) as client:
        api = client.get("/api/search", params={"q": "certificates"}).json()
        assert api["total"] == 1 and [r["id"] for r in api["results"]] == [kept]
        page = client.get(f"/documents/{kept}").text
        assert "Also held" in page and "b.txt" in page and "a.txt" in page
        held_twice = client.get(f"/documents/{copy}")  # still reachable by its id
        assert held_twice.status_code == 200
        assert f'The same document as <a href="/documents/{kept}"' in held_twice.text
    with Archive(tmp_path / "a.db") as archive:
        # dismissing "duplicate-copy" says it is not a copy: it is a document of its own again
        flag_edits.dismiss(archive, copy, "duplicate-copy", reason="two issues", author="ed")
        assert engine.search(archive.connection, "certificates").total == 2
