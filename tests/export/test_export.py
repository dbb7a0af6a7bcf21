"""The exporters: TEI (valid against tei_all, on every sample document), CMIF (valid against
the CMIF schema), CSV, CSL-JSON (read by citeproc-py), selections, and the CLI."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from sijill import export as exporting
from sijill.cli import app
from sijill.errors import SelectionError
from sijill.export import cmif, csl, tables, tei, teibody, teixml
from sijill.export.selection import Selection
from sijill.export.teixml import TEI_NS
from sijill.model import Document, Mention, Note, Source, sha256_hex
from sijill.store import Archive
from tests.export.conftest import (
    AUTHORITY_ENTITY,
    AUTHORITY_QID,
    AUTHORITY_YAML,
    LETTER,
    SCHEMAS,
    build_archive,
    letter_document,
    letter_source,
)

NS = {"t": TEI_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def authority_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A researcher's authority file giving the fictional group a Wikidata id (for this
    module only: other tests must not see it)."""
    path = tmp_path_factory.mktemp("authority") / "authority.yaml"
    path.write_text(AUTHORITY_YAML, encoding="utf-8")
    old = os.environ.get("SIJILL_AUTHORITY")
    os.environ["SIJILL_AUTHORITY"] = str(path)
    yield path
    if old is None:
        os.environ.pop("SIJILL_AUTHORITY", None)
    else:
        os.environ["SIJILL_AUTHORITY"] = old


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, authority_file: Path) -> Iterator[Archive]:
    with build_archive(tmp_path_factory.mktemp("export") / "a.db") as built:
        yield built


@pytest.fixture(scope="session")
def letter_id() -> str:
    return letter_document(letter_source()).id


def _schema(name: str) -> etree.RelaxNG:
    path = SCHEMAS / name
    if not path.exists():
        pytest.skip(f"{path} is not beside the repo (../shared/schemas)")
    return etree.RelaxNG(etree.parse(str(path)))


@pytest.fixture(scope="session")
def tei_schema() -> etree.RelaxNG:
    return _schema("tei_all-P5-4.3.0.rng")  # seconds to compile: once per session


@pytest.fixture(scope="session")
def cmif_schema() -> etree.RelaxNG:
    return _schema("cmi-customization.rng")


@pytest.fixture(scope="module")
def tei_dir(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tei")
    exporting.export(archive, "tei", out)
    return out


def _letter_tree(tei_dir: Path, letter_id: str) -> etree._Element:
    return etree.parse(str(tei_dir / f"{letter_id}.tei.xml")).getroot()


# -- TEI -----------------------------------------------------------------------------------

def test_tei_every_document_is_valid_and_keeps_its_text(archive: Archive, tei_dir: Path,
                                                        tei_schema: etree.RelaxNG) -> None:
    docs = list(archive.documents())
    assert len(docs) > 50
    for doc in docs:
        tree = etree.parse(str(tei_dir / f"{doc.id}.tei.xml"))
        assert tei_schema.validate(tree), (doc.id, tei_schema.error_log.last_error)
        assert teibody.body_text(tree.getroot()) == teixml.xml_text(doc.text), doc.id
    assert len(list(tei_dir.glob("*.tei.xml"))) == len(docs)


def test_tei_seed_document_carries_its_dates(archive: Archive, tei_dir: Path) -> None:
    seed = next((d for d in archive.documents() if "m.a/08/43001" in d.text), None)
    if seed is None:
        pytest.skip("the seed is not beside the repo")
    root = etree.parse(str(tei_dir / f"{seed.id}.tei.xml")).getroot()
    sent = root.find(".//t:correspAction[@type='sent']/t:date", NS)
    assert sent is not None and sent.get("when") == seed.date.iso
    assert sent.get("when-custom") == "1443-01-08" and sent.get("datingMethod") == "#hijri"
    cc = root.findall(".//t:correspAction[@subtype='cc']", NS)
    assert [c[0].text for c in cc] == [s.text for s in seed.cc]


def test_tei_letter_header(tei_dir: Path, letter_id: str) -> None:
    root = _letter_tree(tei_dir, letter_id)
    assert root.findtext(".//t:fileDesc/t:titleStmt/t:title", namespaces=NS) == \
        "Letters of the Diwan al-Zira'a (fictional)"
    assert root.find(".//t:sourceDesc/t:bibl/t:ptr", NS).get("target") == \
        "https://example.org/diwan-al-zira-a/letter-27"
    sent = root.find(".//t:correspAction[@type='sent']", NS)
    org = sent.find("t:orgName", NS)
    assert (org.text, org.get("ref")) == ("Diwan al-Zira'a", "#org-zira")
    person = sent.find("t:persName", NS)
    assert (person.text, person.get("ref")) == ("Abu Hamza al-Idlibi", "#per-hamza")
    assert sent.find("t:placeName", NS).text == "Wilayat Halab"
    date = sent.find("t:date", NS)
    assert date.get("when") == "2021-02-15" and date.get("when-custom") == "1442-07-03"
    assert date.get("calendar") == "#hijri"
    received = root.find(".//t:correspAction[@type='received']", NS)
    assert received.get("subtype") is None
    assert received.find("t:persName", NS).get("ref") == "#per-yahya"
    cc = root.find(".//t:correspAction[@subtype='cc']", NS)
    assert cc.get("type") == "received" and cc.find("t:orgName", NS).text == "Office of Supplies"


def test_tei_refs_use_wikidata_when_the_authority_has_it(tei_dir: Path, letter_id: str) -> None:
    root = _letter_tree(tei_dir, letter_id)
    uri = f"http://www.wikidata.org/entity/{AUTHORITY_QID}"
    inline = root.find(".//t:body//t:orgName", NS)
    assert (inline.text, inline.get("ref")) == ("Tanzim Ansar al-Haqq", uri)
    org = root.find(f".//t:standOff//t:org[@xml:id='{AUTHORITY_ENTITY}']", NS)
    assert org.findtext("t:idno[@type='wikidata']", namespaces=NS) == AUTHORITY_QID
    # every local reference points at a declared entity
    ids = {node.get(XML_ID) for node in root.iter() if node.get(XML_ID)}
    local = {n.get("ref")[1:] for n in root.iter() if (n.get("ref") or "").startswith("#")}
    assert local and local <= ids


def test_tei_body_marks_sit_on_their_spans(archive: Archive, tei_dir: Path,
                                           letter_id: str) -> None:
    doc = archive.document(letter_id)
    root = _letter_tree(tei_dir, letter_id)
    names = [n.text for n in root.find(".//t:body", NS).iter(
        f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}orgName", f"{{{TEI_NS}}}placeName")]
    assert sorted(names) == sorted(m.text for m in doc.mentions)
    notes = root.findall(".//t:body//t:note", NS)
    assert {(n.get("type"), n.get("resp")) for n in notes} == {
        ("translator", "#sijill-translator"), ("insertion", "#sijill-editor")}
    assert root.find(".//t:respStmt[@xml:id='sijill-translator']", NS) is not None
    # the note holds the mention of the Diwan inside it, nested, not cut
    translator = next(n for n in notes if n.get("type") == "translator")
    assert translator.find("t:orgName", NS).get("ref") == "#org-zira"
    dates = root.findall(".//t:body//t:date", NS)
    assert [d.get("when-custom") for d in dates] == ["1442-07-03", None]


def test_tei_relations_and_human_edits(tei_dir: Path, letter_id: str) -> None:
    root = _letter_tree(tei_dir, letter_id)
    relations = root.findall(".//t:listRelation/t:relation", NS)
    assert {(r.get("name"), r.get("active"), r.get("passive")) for r in relations} >= {
        ("membership", "#per-hamza", "#org-zira")}
    change = root.find(".//t:revisionDesc/t:change", NS)
    assert change is not None and "subject corrected by r.haddad" in change.text


def _doc(text: str, mentions: list[Mention], notes: list[Note]) -> Document:
    source = Source(sha256_hex(text.encode()), 0)
    return Document(source=source, text=text, mentions=mentions, notes=notes)


@st.composite
def marked_texts(draw: st.DrawFn) -> tuple[str, list[Mention], list[Note]]:
    text = draw(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
                | st.text(st.sampled_from("ab \n\t\x0c[]<&>"), max_size=60))
    def spans() -> st.SearchStrategy[tuple[int, int]]:
        return st.tuples(st.integers(0, len(text)), st.integers(0, len(text))).map(sorted)
    mentions = [Mention(text[a:b], a, b, type=draw(st.sampled_from(
        ["person", "organization", "place"])), entity="x")
        for a, b in draw(st.lists(spans(), max_size=6))]
    notes = [Note(text[a:b], a, b, kind="editor") for a, b in draw(st.lists(spans(), max_size=3))]
    return text, mentions, notes


@settings(max_examples=60, deadline=None)
@given(marked_texts())
def test_tei_body_holds_any_text_with_any_marks(
        archive: Archive, tei_schema: etree.RelaxNG,
        case: tuple[str, list[Mention], list[Note]]) -> None:
    doc = _doc(*case)
    root = tei.document_tree(doc, Selection(archive, []))
    reparsed = etree.fromstring(tei.to_bytes(root))
    assert teibody.body_text(reparsed) == teixml.xml_text(doc.text)
    assert tei_schema.validate(reparsed.getroottree()), tei_schema.error_log.last_error
    for node in reparsed.iter(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}note"):
        assert "".join(node.itertext()) in {teixml.xml_text(m.text) for m in case[1] + case[2]}


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 2)),
                max_size=12))
def test_nest_gives_a_forest_of_contained_marks(raw: list[tuple[int, int, int]]) -> None:
    marks = [teibody.Mark(min(a, b), max(a, b), r, "x", {}) for a, b, r in raw if a != b]
    roots = teibody.nest(marks)

    def check(siblings: list[teibody.Mark], lo: int, hi: int) -> int:
        count, last_end = 0, lo
        for mark in siblings:
            assert lo <= mark.start and mark.end <= hi and mark.start >= last_end
            last_end = mark.end
            count += 1 + check(mark.children, mark.start, mark.end)
        return count

    kept = check(roots, 0, 30)
    # only marks that cross a kept one are dropped
    assert kept == len(marks) or any(
        a.start < b.start < a.end < b.end for a in marks for b in marks)


# -- CMIF ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cmif_file(archive: Archive, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cmif") / "letters.xml"
    exporting.export(archive, "cmif", out)
    return out


def test_cmif_is_valid_cmif_and_tei(cmif_file: Path, cmif_schema: etree.RelaxNG,
                                    tei_schema: etree.RelaxNG) -> None:
    tree = etree.parse(str(cmif_file))
    assert cmif_schema.validate(tree), cmif_schema.error_log.last_error
    assert tei_schema.validate(tree), tei_schema.error_log.last_error


def test_cmif_follows_its_rules(archive: Archive, cmif_file: Path, letter_id: str) -> None:
    root = etree.parse(str(cmif_file)).getroot()
    descs = root.findall(".//t:correspDesc", NS)
    assert len(descs) >= 40
    bibls = {b.get(XML_ID) for b in root.findall(".//t:sourceDesc/t:bibl", NS)}
    assert all(b[0].isalpha() for b in bibls)
    for desc in descs:  # Schematron E0003: @source names a bibl
        assert desc.get("source")[1:] in bibls
    for node in root.iter():
        assert node.get("calendar") is None and node.get("when-custom") is None
        assert node.get("type") != "cc"
        assert not (node.get("ref") or "").startswith("#")
    letter = next(d for d in descs if d.get("key") == letter_id)
    date = letter.find(".//t:date", NS)
    assert date.get("when") == "2021-02-15" and date.text.startswith("3 Rajab 1442 AH")
    org = letter.find("t:correspAction[@type='sent']/t:orgName", NS)
    assert org.get("ref") is None  # a local id means nothing to correspSearch
    assert letter.find("t:correspAction[@subtype='cc']", NS) is not None


def test_cmif_schema_rejects_what_cmif_forbids(cmif_file: Path,
                                               cmif_schema: etree.RelaxNG) -> None:
    tree = etree.parse(str(cmif_file))
    tree.getroot().find(".//t:correspAction/t:date", NS).set("when-custom", "1442-07-03")
    assert not cmif_schema.validate(tree)


def test_cmif_file_is_the_same_for_the_same_archive(archive: Archive, cmif_file: Path,
                                                    tmp_path: Path) -> None:
    again = tmp_path / "again.xml"
    exporting.export(archive, "cmif", again)
    assert again.read_bytes() == cmif_file.read_bytes()


def test_cmif_bibl_ids_are_stable_uuids() -> None:
    ids = [cmif.bibl_id(f"{n:064x}") for n in range(50)]
    assert all(i[0].isalpha() and len(i) == 36 for i in ids)
    assert ids == [cmif.bibl_id(f"{n:064x}") for n in range(50)] and len(set(ids)) == 50


# -- CSV and CSL ---------------------------------------------------------------------------

def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_csv_four_tables(archive: Archive, tmp_path: Path, letter_id: str) -> None:
    count = exporting.export(archive, "csv", tmp_path)
    docs = list(archive.documents())
    assert count == len(docs)
    rows = {name: _rows(tmp_path / f"{name}.csv")
            for name in ("documents", "entities", "mentions", "relations")}
    assert [r["id"] for r in rows["documents"]] == [d.id for d in docs]
    letter = next(r for r in rows["documents"] if r["id"] == letter_id)
    assert letter["issuer"] == "Tanzim Ansar al-Haqq / Wilayat Halab / Diwan al-Zira'a"
    assert letter["hijri_date"] == "3 Rajab 1442 AH" and letter["subject"] == "seed wheat"
    assert len(rows["mentions"]) == sum(len(d.mentions) for d in docs)
    for row in rows["mentions"]:
        doc = archive.document(row["document"])
        assert doc.text[int(row["start"]):int(row["end"])] == row["text"]
    membership = next(r for r in rows["relations"]
                      if r["type"] == "membership" and r["document"] == letter_id)
    assert membership["evidence"] == "Official of the Diwan\nAbu Hamza al-Idlibi"
    entity = next(r for r in rows["entities"] if r["id"] == AUTHORITY_ENTITY)
    assert entity["wikidata"] == AUTHORITY_QID
    assert "Ansar al-Haqq" in entity["aliases"].split(tables.JOIN)
    assert letter_id in entity["documents"].split(tables.JOIN)
    assert (tmp_path / "documents.csv").read_text(encoding="utf-8").startswith(
        ",".join(tables.DOCUMENT_COLUMNS))


def test_csl_items_are_read_by_citeproc(archive: Archive, tmp_path: Path,
                                        letter_id: str) -> None:
    citeproc = pytest.importorskip("citeproc")
    from citeproc.source.json import CiteProcJSON

    out = tmp_path / "citations.json"
    exporting.export(archive, "csl", out)
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == len(list(archive.documents()))
    letter = next(i for i in items if i["id"] == letter_id)
    assert letter["type"] == "personal_communication"
    assert letter["issued"] == {"date-parts": [[2021, 2, 15]]}
    assert letter["URL"] == "https://example.org/diwan-al-zira-a/letter-27"
    assert letter["archive"] == "Letters of the Diwan al-Zira'a (fictional)"
    assert len(letter["accessed"]["date-parts"][0]) == 3
    source = CiteProcJSON(items)
    style = citeproc.CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = citeproc.CitationStylesBibliography(style, source, citeproc.formatter.plain)
    bibliography.register(citeproc.Citation([citeproc.CitationItem(letter_id)]))
    rendered = "".join(str(x) for x in bibliography.bibliography())
    assert "Abu Hamza al-Idlibi" in rendered and "2021" in rendered


def test_csl_date_parts() -> None:
    assert csl.date_parts("1443") == {"date-parts": [[1443]]}
    assert csl.date_parts("2021-08-17T10:00:00+00:00") == {"date-parts": [[2021, 8, 17]]}
    assert csl.date_parts(None) is None


# -- selections and the CLI ----------------------------------------------------------------

def test_selection_by_query_and_entity(archive: Archive, letter_id: str) -> None:
    found = [d.id for d in Selection.of(archive, query="seed wheat").documents()]
    assert letter_id in found and len(found) < 10
    named = [d.id for d in Selection.of(archive, entity="per-hamza").documents()]
    assert named == [letter_id]
    both = [d.id for d in Selection.of(archive, query="flour", entity="per-hamza").documents()]
    assert both == []
    with pytest.raises(SelectionError):
        Selection.of(archive, entity="per-nobody")


def test_cli_export_and_errors(archive: Archive, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(archive.path)
    result = runner.invoke(app, ["export", "--format", "csl", "--query", "seed wheat",
                                 "--entity", "per-hamza", str(tmp_path / "c.json"), "--db", db])
    assert result.exit_code == 0, result.output
    assert "exported 1 documents as csl" in result.output
    assert len(json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))) == 1
    result = runner.invoke(app, ["export", "-f", "tei", "--entity", "per-nobody",
                                 str(tmp_path / "t"), "--db", db])
    assert result.exit_code == 1 and "no document names the entity" in result.output
    result = runner.invoke(app, ["export", "-f", "xls", str(tmp_path / "x"), "--db", db])
    assert result.exit_code == 2


def test_letter_fixture_spans_are_the_text() -> None:
    doc = letter_document(letter_source())
    assert all(s.is_valid_in(LETTER) for _, s in doc.spans())
