"""Exports the tools open: GEXF 1.3 (validated against the schema's core, read back by
networkx), CSV with a byte-order mark and names and dates in relations.csv, XLSX."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from openpyxl import load_workbook

from sijill import export as exporting
from sijill import pipeline
from sijill.relations import network as net
from sijill.store import Archive
from sijill.store import relation_claims as store
from sijill.store.network import Window
from tests.conftest import DATA
from tests.store.conftest import FIRST, SECOND

XSD = DATA / "gexf" / "gexf-1.3-core.xsd"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("tools")
    folder = root / "letters"
    folder.mkdir()
    (folder / "first.txt").write_text(FIRST, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND, encoding="utf-8")
    a = Archive(root / "a.db")
    pipeline.ingest_paths(a, [folder])
    return a


def _gexf(archive: Archive) -> str:
    return net.serialise(net.build(store.all_claims(archive), Window()), "gexf")


def test_gexf_is_valid_gexf_1_3(archive: Archive) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    tree = etree.fromstring(_gexf(archive).encode())
    assert schema.validate(tree), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    types = set(tree.xpath("//g:edge/@type", namespaces=ns))
    assert types <= {"directed", "mutual"} and types
    assert tree.xpath("//g:graph/@mode", namespaces=ns) == ["dynamic"]


def test_schema_rejects_what_the_old_export_wrote() -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    bad = ('<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>'
           '<node id="a"/><node id="b"/></nodes><edges><edge id="0" source="a" target="b"'
           ' type="correspondence"/></edges></graph></gexf>')
    assert not schema.validate(etree.fromstring(bad.encode()))


def test_gexf_reads_back_with_labels_types_and_dates(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "n.gexf"
    path.write_text(_gexf(archive), encoding="utf-8")
    graph = nx.read_gexf(path)
    labels = {d["label"] for _, d in graph.nodes(data=True)}
    assert "Water Committee of Binnish" in labels
    assert not [n for n, d in graph.nodes(data=True) if d["label"] == n]  # names, not ids
    assert {d["type"] for _, d in graph.nodes(data=True)} <= {"person", "organization",
                                                              "place", "unknown"}
    dated = [d for _, _, d in graph.edges(data=True) if "start" in d]
    assert dated and all(d["start"] <= d["end"] for d in dated)
    assert {d["relation"] for _, _, d in graph.edges(data=True)} >= {"alliance"}


def test_csv_bom_and_named_dated_relations(archive: Archive, tmp_path: Path) -> None:
    plain, marked = tmp_path / "plain", tmp_path / "bom"
    exporting.export(archive, "csv", plain)
    exporting.export(archive, "csv", marked, bom=True)
    assert not (plain / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    for name in ("documents", "entities", "mentions", "relations"):
        assert (marked / f"{name}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with (marked / "relations.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    merged = [r for r in rows if r["type"] == "alliance"]
    assert merged and merged[0]["source_name"] and merged[0]["target_name"]
    assert {r["source_name"] for r in merged} >= {"Water Committee of Binnish"}
    assert all(r["date"] for r in rows) and any(r["hijri_date"] for r in rows)
    with pytest.raises(ValueError, match="csv"):
        exporting.export(archive, "json", tmp_path / "x.json", bom=True)


def test_xlsx_has_the_five_tables(archive: Archive, tmp_path: Path) -> None:
    out = tmp_path / "a.xlsx"
    assert exporting.export(archive, "xlsx", out) == 2
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["documents", "entities", "mentions", "relations", "flags"]
    relations = list(book["relations"].values)
    assert relations[0][:4] == ("document", "document_title", "type", "source")
    assert len(relations) > 1
    documents = list(book["documents"].values)
    assert {r[0] for r in documents[1:]} == {d.id for d in archive.documents()}
