"""An original and its translation linked in every export that can hold a link between
documents: CMIF (correspContext, valid CMIF and TEI), CSV and XLSX (the `original` and
`translation` columns), CSL-JSON (original-* variables and a note), FollowTheMoney (a
Documentation the model accepts) and Sijill's JSON (`pairs`, and back through import).
A link to a document the export leaves out is not written."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from sijill import export as exporting
from sijill import pipeline
from sijill.export import cmif, csl, jsonio, tables
from sijill.export.selection import Selection
from sijill.store import Archive, pairs
from tests.conftest import DATA
from tests.export.conftest import SCHEMAS

ARABIC = (DATA / "pairs" / "clinic-supplies.ar.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "pairs" / "clinic-supplies.en.txt").read_text(encoding="utf-8")
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    """The pair found by its file names, and a third letter a researcher linked to the
    original as a second translation."""
    folder = tmp_path_factory.mktemp("pairs") / "papers"
    folder.mkdir()
    (folder / "clinic.ar.txt").write_text(ARABIC, encoding="utf-8")
    (folder / "clinic.en.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "other.txt").write_text(ENGLISH.replace("314/S/1444", "77/S/1444")
                                      .replace("bandages", "blankets"), encoding="utf-8")
    with Archive(folder.parent / "a.db") as built:
        pipeline.ingest_paths(built, [folder], root=folder.parent)
        pairs.link(built, _id(built, "clinic.ar"), _id(built, "other"), author="ed")
        yield built


def _id(archive: Archive, name: str) -> str:
    return archive.machine_documents(f"papers/{name}.txt")[0].id


@pytest.fixture(scope="module")
def ids(archive: Archive) -> dict[str, str]:
    return {"ar": _id(archive, "clinic.ar"), "en": _id(archive, "clinic.en"),
            "other": _id(archive, "other")}


def _schema(name: str) -> etree.RelaxNG:
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"{path} is not beside the repo (../shared/schemas)")
    return etree.RelaxNG(etree.parse(str(path)))


def test_cmif_relates_the_letters_validly(archive: Archive, ids: dict[str, str],
                                          tmp_path: Path) -> None:
    out = tmp_path / "letters.xml"
    assert exporting.export(archive, "cmif", out) == 3
    tree = etree.parse(str(out))
    for schema in ("cmi-customization.rng", "tei_all-P5-4.3.0.rng"):
        rng = _schema(schema)
        assert rng.validate(tree), (schema, rng.error_log.last_error)
    descs = {d.get("key"): d for d in tree.getroot().findall(".//t:correspDesc", NS)}

    def refs(doc_id: str) -> list[tuple[str | None, str | None]]:
        return [(r.get("type"), r.get("target"))
                for r in descs[doc_id].findall("t:correspContext/t:ref", NS)]

    assert refs(ids["en"]) == [("original", "#" + cmif.letter_id(ids["ar"]))]
    assert sorted(refs(ids["ar"])) == sorted(
        [("translation", "#" + cmif.letter_id(ids["en"])),
         ("translation", "#" + cmif.letter_id(ids["other"]))])
    for doc_id, desc in descs.items():  # every pointer names a letter of the file
        assert desc.get(XML_ID) == cmif.letter_id(doc_id)
        for _, target in refs(doc_id):
            assert target is not None and descs[target[len("#letter-"):]] is not None


def test_cmif_of_a_translation_alone_points_nowhere(archive: Archive, ids: dict[str, str],
                                                   tmp_path: Path) -> None:
    out = tmp_path / "one.xml"
    cmif.export(Selection(archive, [ids["en"]]), out)
    root = etree.parse(str(out)).getroot()
    assert root.find(".//t:correspContext", NS) is None
    assert root.find(".//t:correspDesc", NS).get(XML_ID) is None


def _csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return {row["id"]: row for row in csv.DictReader(stream)}


def test_csv_and_xlsx_name_the_linked_documents(archive: Archive, ids: dict[str, str],
                                                tmp_path: Path) -> None:
    exporting.export(archive, "csv", tmp_path / "csv")
    rows = _csv(tmp_path / "csv" / "documents.csv")
    assert (rows[ids["en"]]["original"], rows[ids["en"]]["translation"]) == (ids["ar"], "")
    assert rows[ids["ar"]]["original"] == ""
    assert set(rows[ids["ar"]]["translation"].split(" | ")) == {ids["en"], ids["other"]}
    openpyxl = pytest.importorskip("openpyxl")
    exporting.export(archive, "xlsx", tmp_path / "a.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx")["documents"]
    header, *body = [list(r) for r in sheet.iter_rows(values_only=True)]
    book = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert book[ids["en"]]["original"] == ids["ar"]
    assert set(book[ids["ar"]]["translation"].split(" | ")) == {ids["en"], ids["other"]}
    alone = tmp_path / "alone"
    tables.export(Selection(archive, [ids["ar"], ids["en"]]), alone)  # not the third letter
    rows = _csv(alone / "documents.csv")
    assert rows[ids["ar"]]["translation"] == ids["en"]


def test_csl_cites_a_translation_with_its_original(archive: Archive, ids: dict[str, str],
                                                   tmp_path: Path) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    out = tmp_path / "cite.json"
    csl.export(Selection(archive), out)
    items = {i["id"]: i for i in json.loads(out.read_text(encoding="utf-8"))}
    translation, original = items[ids["en"]], items[ids["ar"]]
    assert translation["original-title"] == original["title"]
    assert translation["original-author"] == [{"literal": "أبو يوسف الشامي"}]
    assert f"Original: {ids['ar']}" in translation["note"].splitlines()
    assert f"Translation: {ids['en']}" in original["note"].splitlines()
    assert "original-title" not in original
    source = CiteProcJSON(list(items.values()))  # citeproc reads the original-* variables
    assert original["title"] in source[ids["en"].lower()]["original_title"]
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem(ids["en"])]))
    assert "Abu Yusuf al-Shami" in "".join(str(x) for x in bibliography.bibliography())


def test_ftm_links_the_translation_to_its_original(archive: Archive, ids: dict[str, str],
                                                   tmp_path: Path) -> None:
    followthemoney = pytest.importorskip(
        "followthemoney", reason="the ftm extra is not installed (bash scripts/setup-ftm.sh)")
    from sijill.export import ftm

    out = tmp_path / "e.ftm.json"
    exporting.export(archive, "ftm", out)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in lines}
    links = [e for e in lines if e["schema"] == "Documentation"]
    assert sorted((*e["properties"]["document"], *e["properties"]["entity"]) for e in links) == \
        sorted([(ftm.document_id(ids["en"]), ftm.document_id(ids["ar"])),
                (ftm.document_id(ids["other"]), ftm.document_id(ids["ar"]))])
    model = followthemoney.model
    for data in links:
        proxy = model.get_proxy(data)
        proxy.schema.validate(data)  # InvalidData on a value the model does not take
        assert not [p for p in proxy.schema.required if not proxy.get(p)]
        for prop in ("document", "entity"):
            [target] = data["properties"][prop]
            assert model.get(by_id[target]["schema"]).is_a(proxy.schema.get(prop).range)


def test_json_names_the_links_and_imports_them_back(archive: Archive, ids: dict[str, str],
                                                    tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    jsonio.export(Selection(archive), out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    docs = {r["document"]["id"]: r for r in records if r.get("kind") == "document"}
    assert [(p["original"], p["basis"]) for p in docs[ids["en"]]["pairs"]] == \
        [(ids["ar"], "file-names")]
    assert {(p["translation"], p["linked_by"]) for p in docs[ids["ar"]]["pairs"]} == \
        {(ids["en"], None), (ids["other"], "ed")}
    with Archive(tmp_path / "copy.db") as copy:
        jsonio.import_file(copy, out)
        assert {(p.original_id, p.translation_id, p.basis) for p in pairs.effective(copy)} \
            == {(p.original_id, p.translation_id, p.basis) for p in pairs.effective(archive)}
        jsonio.export(Selection(copy), tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_bytes() == out.read_bytes()
    part = tmp_path / "part.jsonl"
    jsonio.export(Selection(archive, [ids["en"], ids["other"]]), part)
    assert '"pairs"' not in part.read_text(encoding="utf-8")  # their original is not in it
